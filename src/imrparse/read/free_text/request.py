"""Read a disputed item, as its item line writes it, into a :class:`~imrparse.models.Request`.

``grammar/request.lark`` cuts the item into parts (a quantity, a strength, a frequency,
a duration, a body site, words, punctuation); this module decides which part fills
which field. The rules are those of ``docs/reading-rules.md``, section "Requested
items". Reading never fails and takes time linear in the item's length: the grammar
accepts any sequence of parts, and every word that no field takes is kept in
:attr:`~imrparse.models.Request.unparsed`.
"""

from __future__ import annotations

import functools
import re
from typing import NamedTuple

from lark import Lark, Token

from imrparse.models import Request

__all__ = ["read_request"]

#: Words dropped from the edges of a run of words: they join parts, they name nothing.
_CONNECTIVES = frozenset({"a", "an", "and", "for", "of", "the", "to", "x"})

_NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
}

# As ``_DIGITS`` in the grammar: a longer number counts nothing that is requested.
_MAX_COUNT_DIGITS = 6

_SIDES = frozenset({"left", "right", "bilateral"})

# Terminals that are ordinary text: they make up runs of words (the name, leftovers).
_TEXT = frozenset({"WORD", "SITE", "SIDE", "OTHER", "SEPARATOR"})
# Parts written several times in a row make one value ("6 hours per day, 5 times a week").
_JOINABLE = frozenset({"FREQUENCY", "STRENGTH"})
_OPENERS = {"(": ")", "[": "]"}
_CLOSERS = {")": "(", "]": "["}

# Letters or digits, ASCII only: the vocabulary of the grammar is ASCII.
_ALNUM = re.compile(r"[0-9]+|[A-Za-z]+")


@functools.cache
def _parser() -> Lark:
    """Build the item parser once per process."""
    return Lark.open_from_package(
        "imrparse.read",
        "request.lark",
        ("grammar",),
        parser="lalr",
        lexer="contextual",
        # "i" in the grammar then matches ASCII letters only (no dotted capital I).
        g_regex_flags=re.ASCII,
    )


class _Part(NamedTuple):
    """One part of an item: a terminal of its own, or a run of text terminals."""

    #: The terminal's type, or ``"RUN"`` for a run of words.
    kind: str
    #: Start and end offsets into the item.
    start: int
    end: int
    #: The terminals of a run; a part of its own has its one terminal (a joined part
    #: keeps its first, as only runs are looked into).
    tokens: tuple[Token, ...]


def read_request(item: str) -> Request:
    """Read one disputed item into a :class:`~imrparse.models.Request`.

    Args:
        item: The item as its item line writes it (``'Norco 10/325mg #60'``); runs of
            whitespace are collapsed first.

    Returns:
        The request; parts the item does not write are ``None`` and words that no part
        took are in ``unparsed``. Any string gives a request: this never raises.

    >>> r = read_request("Retrospective 60 Tablets of Diazepam 5mg")
    >>> r.name, r.strength, r.quantity, r.unparsed
    ('Diazepam', '5mg', 60, ('Retrospective',))
    >>> r = read_request("MRI of the right knee without contrast")
    >>> r.name, r.body_part, r.laterality
    ('MRI of the right knee without contrast', 'knee', 'right')
    """
    text = " ".join(item.split())
    tokens = tuple(_parser().parse(text).scan_values(lambda v: isinstance(v, Token)))
    return _assign(text, _join_repeats(_parts(tokens)))


def _parts(tokens: tuple[Token, ...]) -> list[_Part]:
    """Group text terminals into runs, cut at parts and at commas outside brackets."""
    parts: list[_Part] = []
    run: list[Token] = []
    depth = 0

    def close_run() -> None:
        kept = _trim(run)
        if kept:
            parts.append(_Part("RUN", _start(kept[0]), _end(kept[-1]), kept))
        run.clear()

    for token in tokens:
        if token.type == "SEPARATOR" and depth == 0:
            close_run()
        elif token.type in _TEXT:
            if token in _OPENERS:
                depth += 1
            elif token in _CLOSERS:
                depth = max(depth - 1, 0)
            run.append(token)
        else:
            close_run()
            depth = 0
            parts.append(_Part(token.type, _start(token), _end(token), (token,)))
    close_run()
    return parts


def _trim(run: list[Token]) -> tuple[Token, ...]:
    """Drop connective words and stray punctuation from both ends of a run.

    A bracket stays when its partner is inside the run: "(ESWT)" is part of a name.
    """
    values = [str(token) for token in run]
    # Where each bracket is first opened and last closed, so each test is O(1).
    first_open = {c: values.index(c) for c in _OPENERS if c in values}
    last_close = {c: len(values) - 1 - values[::-1].index(c) for c in _CLOSERS if c in values}

    def droppable(at: int) -> bool:
        token = run[at]
        if token.type == "WORD":
            return token.lower() in _CONNECTIVES
        if token.type not in ("OTHER", "SEPARATOR"):
            return False
        if token in _OPENERS:
            return last_close.get(_OPENERS[token], -1) < at
        if token in _CLOSERS:
            return first_open.get(_CLOSERS[token], len(run)) > at
        return True

    first, last = 0, len(run)
    while first < last and droppable(first):
        first += 1
    while first < last and droppable(last - 1):
        last -= 1
    return tuple(run[first:last])


def _join_repeats(parts: list[_Part]) -> list[_Part]:
    """Join a frequency or strength to the same kind of part right before it."""
    joined: list[_Part] = []
    for part in parts:
        if joined and part.kind in _JOINABLE and joined[-1].kind == part.kind:
            joined[-1] = joined[-1]._replace(end=part.end)
        else:
            joined.append(part)
    return joined


def _assign(text: str, parts: list[_Part]) -> Request:
    """Give each part to its field: the first of each kind wins, the rest are kept."""
    name: str | None = None
    strength: str | None = None
    frequency: str | None = None
    duration: str | None = None
    quantity: int | None = None
    unparsed: list[str] = []
    site = _body_part_site(parts)

    for part in parts:
        written = text[part.start : part.end]
        if part.kind in ("QUANTITY", "LEAD_COUNT") or _is_whole_number(part):
            count = _count_in(written) if quantity is None else None
            if count is not None:
                quantity = count
                continue
        elif part.kind == "STRENGTH" and strength is None:
            strength = written
            continue
        elif part.kind == "FREQUENCY" and frequency is None:
            frequency = written
            continue
        elif part.kind == "DURATION" and duration is None:
            duration = _duration_in(written)
            continue
        elif part.kind == "RUN" and len(part.tokens) == 1 and part.tokens[0] is site:
            continue  # the body part, written on its own: "..., right shoulder"
        elif part.kind == "RUN" and name is None:
            name = written
            continue
        # Lead-ins, count ranges, dates of service, later runs, and parts whose field
        # is already filled: kept whole.
        unparsed.append(written)

    return Request(
        name=name,
        strength=strength,
        quantity=quantity,
        frequency=frequency,
        duration=duration,
        body_part=_body_part(site),
        laterality=_laterality(site, parts),
        unparsed=tuple(unparsed),
    )


def _body_part_site(parts: list[_Part]) -> Token | None:
    """Find the first body site the item names, in its name or in a leftover."""
    for part in parts:
        for token in part.tokens:
            if token.type == "SITE":
                return token
    return None


def _body_part(site: Token | None) -> str | None:
    """Give the body part of a site, lower case, without the side written before it."""
    if site is None:
        return None
    words = site.lower().split(" ")
    if words[0] in _SIDES:
        words = words[1:]
    return " ".join(words)


def _laterality(site: Token | None, parts: list[_Part]) -> str | None:
    """Give the side of the body part, else the first side the item names."""
    if site is not None:
        side = site.lower().split(" ", 1)[0]
        if side in _SIDES:
            return side
    for part in parts:
        for token in part.tokens:
            if token.type in ("SIDE", "SITE"):
                for word in token.lower().replace(",", " ").split(" "):
                    if word in _SIDES:
                        return word
    return None


def _is_whole_number(part: _Part) -> bool:
    """Tell whether a run is one whole number on its own: "Physical therapy sessions, 12"."""
    return part.kind == "RUN" and len(part.tokens) == 1 and _is_count(part.tokens[0])


def _count_in(written: str) -> int | None:
    """Read the count a quantity part holds ("#30", "QTY: 8", "Twelve", "x 6 sessions")."""
    for piece in _ALNUM.findall(written):
        if _is_count(piece):
            return int(piece)
        if piece.lower() in _NUMBER_WORDS:
            return _NUMBER_WORDS[piece.lower()]
    return None


def _duration_in(written: str) -> str:
    """Keep the count and the period of a duration part, as written ("6 weeks")."""
    words = written.split(" ")
    for at, word in enumerate(words):
        if all(_is_digits(n) for n in word.split("-")) or word.lower() in _NUMBER_WORDS:
            return " ".join(words[at : at + 2])
    return written  # unreachable for the grammar's durations, which all hold a count


def _is_count(value: str) -> bool:
    """Tell whether ``value`` is a count: one to six digits, as the grammar's counts are."""
    return len(value) <= _MAX_COUNT_DIGITS and _is_digits(value)


def _is_digits(value: str) -> bool:
    """Tell whether ``value`` is ASCII digits only (``str.isdigit`` takes other scripts)."""
    return value.isascii() and value.isdigit()


def _start(token: Token) -> int:
    """Give the offset where a token starts (the lexer always sets it)."""
    return token.start_pos or 0


def _end(token: Token) -> int:
    """Give the offset where a token ends (the lexer always sets it)."""
    return token.end_pos or 0
