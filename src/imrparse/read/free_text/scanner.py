"""A faster stand-in for a Lark basic lexer: the same tokens, chosen by their first character.

A Lark basic lexer tries one alternation of all its terminals at each position, in
priority order, and takes the first that matches. Most terminals cannot start with the
character at hand (a strength starts with a digit), yet the regex engine still enters
each of them. This scanner reads, once per process, which characters each terminal can
start with, and keeps for each character an alternation of only those terminals, in the
lexer's order (and for a pair of characters that leaves out more of them, such as "su",
which starts a word but no count, one of its own). Leaving out a terminal that cannot
match changes no choice, so the tokens are the lexer's; the grammar stays their only
source.

The first characters are read from the parse tree of each terminal's regex (the standard
library's ``re._parser``). Any construct this module does not know counts as "any
character", so the sets are never too small: at worst a terminal is tried where it cannot
match, which costs time, not correctness. If the tree cannot be read at all,
:func:`build_scanner` gives ``None`` and the caller keeps to the lexer.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Collection, Iterable
from typing import Any

__all__ = ["Scan", "ScanError", "build_scanner"]

#: A scanner: text -> (type, value, start, end) of each token, ignored ones left out.
#: It raises :class:`ScanError` where no terminal matches, as the lexer would.
Scan = Callable[[str], list[tuple[str, str, int, int]]]

# The characters are ASCII codes, and one more code that stands for every other character.
_ASCII = 128
_ALL = frozenset(range(_ASCII + 1))
_LETTERS = frozenset(range(ord("A"), ord("Z") + 1)) | frozenset(range(ord("a"), ord("z") + 1))


class ScanError(ValueError):
    """No terminal matches at a position (the lexer raises ``UnexpectedCharacters``)."""


def build_scanner(lexer: Any) -> Scan | None:
    """Give a scanner that cuts text as ``lexer`` (a Lark ``BasicLexer``) does, or ``None``.

    ``None`` when the lexer does not show what the scanner needs (its terminals, their
    regexes and flags) or has callbacks that change tokens after they are matched.
    """
    try:
        terminals = list(lexer.terminals)
        ignore = frozenset(lexer.ignore_types)
        flags = int(lexer.g_regex_flags)
        if getattr(lexer, "user_callbacks", None) or _retyped(lexer):
            return None
        regexes = [(str(t.name), str(t.pattern.to_regexp())) for t in terminals]
        # A character that only an ignored terminal written as that one character takes
        # (the space of ``%ignore " "``) is skipped without a match.
        skipped = {
            str(t.pattern.value)
            for t in terminals
            if t.name in ignore
            and type(t.pattern).__name__ == "PatternStr"
            and not t.pattern.flags
            and len(t.pattern.value) == 1
        }
        parser = importlib.import_module("re._parser")
        constants = importlib.import_module("re._constants")
        reader = _FirstChars(parser, constants)
        trees = [parser.parse(regex, flags) for _, regex in regexes]
        firsts = [reader.of_tree(tree) for tree in trees]
        starts = [_Starts(reader, constants).of_tree(tree) for tree in trees]
    except Exception:  # anything unexpected: keep to the lexer
        return None
    return _dispatch(regexes, firsts, starts, ignore, skipped, flags)


def _retyped(lexer: Any) -> bool:
    """Whether the lexer gives some string terminals the type of a regex that matches them.

    Lark does so (its "unless" callbacks) for a string terminal that a regex terminal of
    the same priority matches whole; the scanner does not, so it is not used then.
    """
    strings = [t for t in lexer.terminals if type(t.pattern).__name__ == "PatternStr"]
    for terminal in lexer.terminals:
        if type(terminal.pattern).__name__ != "PatternRE":
            continue
        regex = re.compile(terminal.pattern.to_regexp(), lexer.g_regex_flags)
        for string in strings:
            if string.priority == terminal.priority and regex.fullmatch(string.pattern.value):
                return True
    return False


def _dispatch(
    regexes: list[tuple[str, str]],
    firsts: list[frozenset[int]],
    starts: list[tuple[frozenset[int], frozenset[tuple[int, int]]]],
    ignore: frozenset[str],
    skippable: set[str],
    flags: int,
) -> Scan:
    # One alternation per distinct set of terminals, shared by the characters that have it.
    compiled: dict[tuple[str, ...], re.Pattern[str] | None] = {}
    patterns: dict[str, re.Pattern[str] | None] = {}
    skipped: set[str] = set()
    for code in sorted(_ALL):
        chosen = [
            (name, regex)
            for (name, regex), first in zip(regexes, firsts, strict=True)
            if code in first
        ]
        names = tuple(name for name, _ in chosen)
        if names not in compiled:
            alternation = "|".join(f"(?P<{name}>{regex})" for name, regex in chosen)
            compiled[names] = re.compile(alternation, flags) if chosen else None
        char = chr(code) if code < _ASCII else ""
        patterns[char] = compiled[names]
        if char in skippable and names and set(names) <= ignore:
            skipped.add(char)
    # Where no terminal can start, a pattern that never matches: the scan fails there.
    nothing = re.compile(r"(?!)")
    table = {char: pattern or nothing for char, pattern in patterns.items()}
    other = table.pop("")
    # Two ASCII characters may leave out more terminals than the first alone ("su" starts
    # no count, "se" does: "seven"): those pairs get an alternation of their own. A
    # terminal stays if it can match the first character alone, or start with the pair.
    pairs: dict[str, re.Pattern[str]] = {}
    for first in range(_ASCII):
        alone = [index for index, chars in enumerate(firsts) if first in chars]
        for second in range(_ASCII):
            kept = [
                index
                for index in alone
                if first in starts[index][0] or (first, second) in starts[index][1]
            ]
            if len(kept) == len(alone) or len(kept) > _MOST_PAIR_TERMINALS:
                continue  # the first character's alternation serves
            names = tuple(regexes[index][0] for index in kept)
            if names not in compiled:
                chosen = [regexes[index] for index in kept]
                alternation = "|".join(f"(?P<{name}>{regex})" for name, regex in chosen)
                compiled[names] = re.compile(alternation, flags) if chosen else None
            pairs[chr(first) + chr(second)] = compiled[names] or nothing

    def scan(text: str) -> list[tuple[str, str, int, int]]:
        tokens: list[tuple[str, str, int, int]] = []
        append = tokens.append
        get = table.get
        pair = pairs.get
        position = 0
        length = len(text)
        while position < length:
            char = text[position]
            if char in skipped:
                position += 1
                continue
            found = (pair(text[position : position + 2]) or get(char, other)).match(text, position)
            if found is None:
                raise ScanError(f"no terminal matches at {position}")
            kind = found.lastgroup
            assert kind is not None
            value = found.group()
            end = position + len(value)
            if kind not in ignore:
                append((kind, value, position, end))
            position = end
        return tokens

    return scan


class _FirstChars:
    """The characters a regex can match first (a superset), read from its parse tree."""

    def __init__(self, parser: Any, constants: Any) -> None:
        self._parser = parser
        self._c = constants
        self._categories = {
            constants.CATEGORY_DIGIT: r"\d",
            constants.CATEGORY_NOT_DIGIT: r"\D",
            constants.CATEGORY_SPACE: r"\s",
            constants.CATEGORY_NOT_SPACE: r"\S",
            constants.CATEGORY_WORD: r"\w",
            constants.CATEGORY_NOT_WORD: r"\W",
        }

    def of(self, regex: str, flags: int) -> frozenset[int]:
        return self.of_tree(self._parser.parse(regex, flags))

    def of_tree(self, tree: Any) -> frozenset[int]:
        """As :meth:`of`, for the parse tree of a regex."""
        first, empty = self._sequence(list(tree), int(tree.state.flags))
        # A regex that can match the empty string may start anywhere (Lark forbids them).
        return _ALL if empty else frozenset(first)

    def _sequence(self, items: Iterable[tuple[Any, Any]], flags: int) -> tuple[set[int], bool]:
        """First characters of a sequence, and whether it can match the empty string."""
        first: set[int] = set()
        for op, av in items:
            more, empty = self._item(op, av, flags)
            first |= more
            if not empty:
                return first, False
        return first, True

    def _item(self, op: Any, av: Any, flags: int) -> tuple[set[int], bool]:
        c = self._c
        if op is c.LITERAL:
            return _cased({min(av, _ASCII)}, flags), False
        if op is c.IN:
            return self._set(av, flags), False
        if op is c.NOT_LITERAL:  # "[^ ]": any character but one (with its other case)
            left_out = _cased({av} if av < _ASCII else set(), flags, widen=False)
            return set(_ALL - left_out) | {_ASCII}, False
        if op is c.BRANCH:
            first: set[int] = set()
            empty = False
            for alternative in av[1]:
                more, may_be_empty = self._sequence(alternative, flags)
                first |= more
                empty = empty or may_be_empty
            return first, empty
        if op is c.SUBPATTERN:
            _, add, remove, tree = av
            return self._sequence(tree, (flags | add) & ~remove)
        if op is c.ATOMIC_GROUP:
            return self._sequence(av, flags)
        if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            least, _, tree = av
            first, empty = self._sequence(tree, flags)
            return first, empty or least == 0
        if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            return set(), True  # zero width: the next item gives the first character
        # ANY, back references and anything newer: any character, maybe none.
        return set(_ALL), op is not c.ANY

    def _set(self, items: Collection[tuple[Any, Any]], flags: int) -> set[int]:
        c = self._c
        codes: set[int] = set()
        negate = False
        for op, av in items:
            if op is c.NEGATE:
                negate = True
            elif op is c.LITERAL:
                codes.add(min(av, _ASCII))
            elif op is c.RANGE:
                low, high = av
                codes.update(range(min(low, _ASCII), min(high, _ASCII - 1) + 1))
                if high >= _ASCII:
                    codes.add(_ASCII)
            elif op is c.CATEGORY and av in self._categories:
                category = re.compile(self._categories[av], flags & re.ASCII)
                codes.update(code for code in range(_ASCII) if category.match(chr(code)))
                codes.add(_ASCII)
            else:
                return set(_ALL)
        if negate:
            # Outside the set: the ASCII codes not in it, and (some) other characters.
            return set(_ALL - _cased(codes, flags, widen=False)) | {_ASCII}
        return _cased(codes, flags)


#: What a regex can match at its start: the characters a one-character match can be,
#: the pairs of characters a longer match can start with, whether it can match nothing.
_Start = tuple[set[int], set[tuple[int, int]], bool]
# A pair gets its own alternation only when few terminals can start with it (a plain
# word: "su", "ta"), which is where most of the time goes: it keeps the alternations to
# compile, once per process, few.
_MOST_PAIR_TERMINALS = 3
_ANY_PAIR = frozenset((first, second) for first in _ALL for second in _ALL)


class _Starts:
    """One-character matches and first two characters of a regex (supersets)."""

    def __init__(self, chars: _FirstChars, constants: Any) -> None:
        self._chars = chars
        self._c = constants

    def of_tree(self, tree: Any) -> tuple[frozenset[int], frozenset[tuple[int, int]]]:
        """The one-character matches and the first pairs of a regex, from its parse tree."""
        alone, pairs, empty = self._sequence(list(tree), int(tree.state.flags))
        if empty:  # a regex that can match nothing: anything at all
            return frozenset(_ALL), _ANY_PAIR
        return frozenset(alone), frozenset(pairs)

    def _sequence(self, items: Iterable[tuple[Any, Any]], flags: int) -> _Start:
        # Fold the items left to right, keeping the first characters of what is read so far.
        first: set[int] = set()
        alone: set[int] = set()
        pairs: set[tuple[int, int]] = set()
        empty = True
        for op, av in items:
            item_first, item_empty = self._chars._item(op, av, flags)
            item_alone, item_pairs, _ = self._item(op, av, flags)
            pairs |= {(a, b) for a in alone for b in item_first}
            if empty:
                pairs |= item_pairs
            alone = (alone if item_empty else set()) | (item_alone if empty else set())
            first |= item_first if empty else set()
            empty = empty and item_empty
        return alone, pairs, empty

    def _item(self, op: Any, av: Any, flags: int) -> _Start:
        c = self._c
        if op in (c.LITERAL, c.IN, c.NOT_LITERAL, c.ANY):
            chars, _ = self._chars._item(op, av, flags)
            return chars, set(), False
        if op is c.BRANCH:
            alone: set[int] = set()
            pairs: set[tuple[int, int]] = set()
            empty = False
            for alternative in av[1]:
                more_alone, more_pairs, may_be_empty = self._sequence(alternative, flags)
                alone |= more_alone
                pairs |= more_pairs
                empty = empty or may_be_empty
            return alone, pairs, empty
        if op is c.SUBPATTERN:
            _, add, remove, tree = av
            return self._sequence(tree, (flags | add) & ~remove)
        if op is c.ATOMIC_GROUP:
            return self._sequence(av, flags)
        if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            least, most, tree = av
            if most == 0:
                return set(), set(), True
            # One round, and two rounds, give every pair that more rounds can give.
            alone, pairs, empty = self._sequence(tree, flags)
            if most >= 2:  # two rounds or more
                more_alone, more_pairs, _ = self._sequence(list(tree) * 2, flags)
                alone, pairs = alone | more_alone, pairs | more_pairs
            return alone, pairs, empty or least == 0
        if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            return set(), set(), True
        return set(_ALL), set(_ANY_PAIR), True


def _cased(codes: set[int], flags: int, *, widen: bool = True) -> set[int]:
    """Add the other case of each letter when the regex ignores case.

    ``widen=False`` for the characters a negated set leaves out: only those are sure.
    """
    if not flags & re.IGNORECASE:
        return codes
    cased = set(codes)
    for code in codes:
        if code < _ASCII:
            cased.update((ord(chr(code).lower()), ord(chr(code).upper())))
    # Without re.ASCII, case folding joins ASCII letters and other characters ("K" and
    # the Kelvin sign): count them all.
    if widen and not flags & re.ASCII and (_ASCII in cased or cased & _LETTERS):
        cased |= _LETTERS | {_ASCII}
    return cased
