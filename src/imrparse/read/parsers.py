"""The Lark objects, each built once per process on first use, by one builder.

They stay private so that the grammar can change without breaking users. A Lark LALR
parser holds no per-parse state, so one instance serves every thread.

The letter parser runs on lark-cython when it is installed (``pip install
imrparse[fast]``): the same grammar and the same trees, but its tokens are not ``str``,
so the readers take a token's ``.value`` and ``.type``, never the token itself.
"""

from __future__ import annotations

import functools
import hashlib
import pkgutil
import re
import string
import sys
from collections.abc import Sequence
from typing import Any, NamedTuple

import lark
from lark import Lark
from lark.grammar import Rule
from lark.lexer import BasicLexer, TerminalDef
from lark.parsers.lalr_analysis import Reduce

from imrparse.read import letter_tables, request_pattern

__all__ = [
    "PLACE_TERMINALS",
    "RequestLexer",
    "RequestToken",
    "accelerator",
    "build_letter_parser",
    "letter_grammar_digest",
    "letter_parser",
    "letter_tables_of",
    "request_grammar",
    "request_lexer",
    "request_pattern_of",
]


def _open(grammar: str, **options: Any) -> Lark:
    """Build the LALR machinery of ``read/grammar/<grammar>``."""
    return Lark.open_from_package(
        "imrparse.read", grammar, ("grammar",), parser="lalr", cache=False, **options
    )


def accelerator() -> dict[str, Any] | None:
    """lark-cython's plugins when that optional package is installed, else ``None``."""
    try:
        import lark_cython  # type: ignore[import-untyped,unused-ignore]
    except ImportError:
        return None
    plugins: dict[str, Any] = lark_cython.plugins
    return plugins


@functools.cache
def letter_parser(accelerated: bool = True) -> Lark:
    """The LALR parser for canonical letter text (``grammar/letter.lark``).

    Loaded from the tables shipped in ``letter_tables.py`` when they were made by this
    version of lark from this grammar, else built from the grammar: the same parser.
    ``accelerated=False`` gives the pure-Python parser even where lark-cython is
    installed (the tests compare the two).
    """
    plugins = accelerator() if accelerated else None
    parser = _shipped_letter_parser(plugins) or build_letter_parser(plugins)
    _reduce_without_python_comparisons(parser.parser)
    return parser


def build_letter_parser(plugins: dict[str, Any] | None) -> Lark:
    """The letter parser built from ``grammar/letter.lark``: what the shipped tables hold."""
    return _open(
        "letter.lark",
        lexer="contextual",
        maybe_placeholders=False,
        # Lenient mode parses one section at a time, each from its own rule.
        start=["start", "header", "how", "summary", "issues", "decision"],
        **({"_plugins": plugins} if plugins else {}),
    )


def _shipped_letter_parser(plugins: dict[str, Any] | None) -> Lark | None:
    # Tables of another lark may not load, or load into another parser; tables of another
    # grammar (one edited since they were written) would parse the old one.
    if (
        lark.__version__ != letter_tables.LARK_VERSION
        or letter_grammar_digest() != letter_tables.GRAMMAR_SHA256
    ):
        return None
    # Lark.load reads a pickle and takes no options; _load takes the plain data too, and
    # the plugins, as the cache of Lark(..., cache=True) is loaded.
    options = {"_plugins": plugins} if plugins else {}
    return Lark.__new__(Lark)._load(letter_tables.TABLES, **options)


def letter_grammar_digest() -> str:
    """The SHA-256 of ``grammar/letter.lark``, which the shipped tables were made from."""
    grammar = pkgutil.get_data("imrparse.read", "grammar/letter.lark")
    return hashlib.sha256(grammar or b"").hexdigest()


# Options of the built parser that are not plain data, or that loading sets again.
_UNSHIPPED_OPTIONS = frozenset({"import_paths", "source_path", "_plugins"})


def letter_tables_of(parser: Lark) -> dict[str, Any]:
    """A parser's tables as plain data (as ``Lark.save`` keeps them), which load back."""
    data, memo = parser.memo_serialize([TerminalDef, Rule])
    data["options"] = {k: v for k, v in data["options"].items() if k not in _UNSHIPPED_OPTIONS}
    return {"data": data, "memo": memo}


def _reduce_without_python_comparisons(frontend: Any) -> None:
    """Make each reduction of the LALR parser (Lark's and lark-cython's alike) cheaper.

    After a reduction the parser looks up the rule's callback by the rule, asserts that
    the rule is not the end state, and looks up the state to go to by the rule's name. A
    lark ``Rule`` hashes and compares in Python code, and the name is a lark ``Token``,
    a ``str`` whose ``__eq__`` is Python code, run because the table holds an equal
    plain ``str``. Here the table holds that very name, so the lookup succeeds on
    identity, and reduces by a :class:`_Reduction` of each rule, with the same
    callback. The same actions are taken, so the trees and the errors (which list
    terminals) do not change.
    """
    # Lark's private layout: where it differs (another lark version), the parser is left
    # as built, slower but the same. The rules and callbacks are the front end's: a parser
    # loaded from its tables keeps no configuration of its own (the callbacks are the
    # same object).
    try:
        rules = frontend.parser_conf.rules
        callbacks = frontend.parser_conf.callbacks
        states = frontend.parser._parse_table.states
    except AttributeError:
        return
    names = {str(rule.origin.name): rule.origin.name for rule in rules}
    reductions: dict[Any, _Reduction] = {}
    for actions in states.values():
        for name in [key for key in actions if key in names]:
            actions[names[name]] = actions.pop(name)
        for key, (action, rule) in actions.items():
            if action is Reduce:
                if rule not in reductions:
                    reductions[rule] = _Reduction(rule.origin, rule.expansion)
                    callbacks[reductions[rule]] = callbacks[rule]
                actions[key] = (action, reductions[rule])


class _Reduction:
    """A rule as the parser reduces by it: hashed and compared by identity, in C.

    The parser reads only these two attributes of the rule it reduces by.
    """

    __slots__ = ("expansion", "origin")

    def __init__(self, origin: Any, expansion: Any) -> None:
        self.origin = origin
        self.expansion = expansion


class RequestToken(NamedTuple):
    """One terminal of an item: its type, its text and where it is in the item."""

    type: str
    value: str
    start: int
    end: int


#: The terminals of ``grammar/request.lark`` that begin where ``PLACE_OPENING`` matches;
#: every other terminal richer than a word begins where ``COUNT_OPENING`` does.
PLACE_TERMINALS = frozenset({"SITE", "SIDE"})
# The grammar's openings: none of them is ever a token.
_OPENINGS = ("OPENING", "PLACE_OPENING", "COUNT_OPENING")


class RequestLexer:
    """Cut an item into the terminals of ``grammar/request.lark``, as Lark's basic lexer does.

    At each position the first terminal that matches, in the order Lark's basic lexer
    tries them, is the token; the terminals are matched against the item with its ASCII
    letters lowered, as the grammar says. One regular expression tries them all, but the
    terminals richer than a word only where the grammar's ``OPENING`` matches (each of
    them begins with an opening): most positions are words that open nothing, where
    trying every richer terminal first would only cost time. At a place
    (``PLACE_OPENING``) only the place terminals are tried, at a count or a measure
    (``COUNT_OPENING``) only the others: no text is both, so the order among the terminals
    that can match at a position is Lark's. The same match takes the
    ignored space before a token, as no terminal begins with a space. The matches are
    contiguous (``OTHER`` and the space take any character), so one left-to-right pass of
    ``finditer`` cuts the whole item, in time linear in its length.
    """

    def __init__(self, pattern: str, flags: int, ignored: frozenset[str]) -> None:
        self._terminals = re.compile(pattern, flags)
        # The terminal of each group by its number (a match's ``lastindex`` is the group
        # of its ``lastgroup``), ``None`` for an ignored one. The names are interned so
        # that the readers' comparisons with their literals ("WORD") succeed on identity.
        kinds: list[str | None] = [None] * (self._terminals.groups + 1)
        for name, number in self._terminals.groupindex.items():
            kinds[number] = None if name in ignored else sys.intern(name)
        self._kinds = tuple(kinds)

    def lex(self, text: str, start: int = 0, lowered: str | None = None) -> list[RequestToken]:
        """The tokens of ``text[start:]`` (ignored spaces left out), offsets into ``text``.

        ``lowered`` is ``ascii_lower(text)``, given by a caller that has it already.
        """
        tokens: list[RequestToken] = []
        kinds = self._kinds
        token = tuple.__new__  # a NamedTuple made without its Python-level __new__
        lowered = ascii_lower(text) if lowered is None else lowered
        for found in self._terminals.finditer(lowered, start):
            if (group := found.lastindex) and (kind := kinds[group]):
                begin, end = found.span(group)
                tokens.append(token(RequestToken, (kind, text[begin:end], begin, end)))
        return tokens


def ascii_lower(text: str) -> str:
    """``text`` with its ASCII letters in lower case, and nothing else changed.

    ``str.lower`` also lowers other letters, some of them into ASCII ones (the Kelvin
    sign into ``k``) or into two characters (a dotted capital I).
    """
    return text.lower() if text.isascii() else text.translate(_ASCII_LOWER)


_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)


def _alternation(terminals: Sequence[TerminalDef]) -> str:
    """A regular expression that tries ``terminals`` in order, each as a named group."""
    return "|".join(f"(?P<{t.name}>{t.pattern.to_regexp()})" for t in terminals)


def request_pattern_of(lark: Lark) -> str:
    """The one regular expression of :class:`RequestLexer`, from the request grammar."""
    # The terminals in the order Lark's basic lexer tries them: by priority first.
    terminals = [t for t in BasicLexer(lark.lexer_conf).terminals if t.name not in _OPENINGS]
    word = lark.get_terminal("WORD").priority
    places = _alternation([t for t in terminals if t.name in PLACE_TERMINALS])
    counts = _alternation(
        [t for t in terminals if t.priority > word and t.name not in PLACE_TERMINALS]
    )
    plain = _alternation([t for t in terminals if t.priority <= word])
    place, count = (lark.get_terminal(name).pattern.to_regexp() for name in _OPENINGS[1:])
    space = "|".join(lark.get_terminal(name).pattern.to_regexp() for name in lark.ignore_tokens)
    return f"(?:{space})?(?:(?={count})(?:{counts})|(?={place})(?:{places})|{plain})"


@functools.cache
def request_grammar() -> Lark:
    """The request grammar compiled by Lark, which :func:`request_pattern_of` reads."""
    # "i" in the grammar then matches ASCII letters only (no dotted capital I). The rule
    # "opening" is compiled only for its terminals, which the lexer reads.
    return _open("request.lark", lexer="basic", start=["start", "opening"], g_regex_flags=re.ASCII)


@functools.cache
def request_lexer() -> RequestLexer:
    """The lexer of requested items (``grammar/request.lark``): items are lexed, not parsed."""
    return RequestLexer(request_pattern.PATTERN, request_pattern.FLAGS, request_pattern.IGNORED)
