"""Read a disputed item, as its item line writes it, into a :class:`~imrparse.models.Request`.

``grammar/request.lark`` cuts the item into parts (a quantity, a strength, a frequency,
a duration, a body site, words, punctuation); this module decides which part fills
which field. The rules are those of ``docs/reading-rules.md``, section "Requested
items". Reading never fails and takes time linear in the item's length: the lexer
accepts any text, and every word that no field takes is kept in
:attr:`~imrparse.models.Request.unparsed`.

The grammar is only lexed, never parsed: the parts form a flat sequence, so a parser
would add nothing but time. The lexer (:class:`~imrparse.read.parsers.RequestLexer`)
gives Lark's tokens as plain tuples.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from lark.exceptions import LarkError

from imrparse.models import Request, RequestCategory
from imrparse.read.free_text.item import collapse_whitespace
from imrparse.read.parsers import RequestToken as _Token
from imrparse.read.parsers import ascii_lower, request_lexer

__all__ = ["RequestDoubt", "read_request", "request_doubts"]

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
# More units than any item of the corpus asks for by far (the most is #240): a larger
# count is kept, with a warning, as it may be a misreading (a code, a weight).
_MAX_PLAUSIBLE_QUANTITY = 999

_SIDES = frozenset({"left", "right", "bilateral"})

# Lead-ins that qualify the request rather than name it, when they open the item:
# "Associated surgical service:", "Retrospective", "Post-op", ... A lead-in word ends
# where no letter or digit follows. Matched, as the lexer's terminals are, against the
# item with its ASCII letters lowered: in any ASCII case, and faster than with "(?i)".
_LEAD_IN = re.compile(
    r" ?(?:associated surgical services?:?"
    r"|(?:retrospective|prospective|additional|post-operative|pre-operative|postoperative"
    r"|preoperative|post-op|pre-op|postop|preop)(?![^\x00-\x2f\x3a-\x40\x5b-\x60\x7b-\x7f]))",
    re.ASCII,
)

#: The nouns a count is a count of ("Twelve acupuncture visits"): the unit, not the name.
_UNIT_NOUNS = frozenset(
    {
        "session",
        "sessions",
        "visit",
        "visits",
        "treatment",
        "treatments",
        "tablet",
        "tablets",
        "tab",
        "tabs",
        "capsule",
        "capsules",
        "cap",
        "caps",
        "pill",
        "pills",
        "patch",
        "patches",
    }
)
#: Products whose name holds a number written "#N": "Tylenol with codeine #3".
_NUMBERED_PRODUCTS = frozenset({"codeine", "tylenol"})
_MAX_PRODUCT_NUMBER = 4

# Terminals that are ordinary text: they make up runs of words (the name, leftovers).
_TEXT = frozenset({"WORD", "SITE", "SIDE", "OTHER", "SEPARATOR"})
# Text terminals that are punctuation: dropped from the ends of a run.
_PUNCTUATION = frozenset({"OTHER", "SEPARATOR"})
# Parts that count the request (besides a whole number written as a run of its own).
_COUNTERS = frozenset({"QUANTITY", "LEAD_COUNT"})
# Parts written several times in a row make one value ("6 hours per day, 5 times a week").
_JOINABLE = frozenset({"FREQUENCY", "STRENGTH"})
_OPENERS = {"(": ")", "[": "]"}
_CLOSERS = {")": "(", "]": "["}
# Between the ingredients of a compound: "20%/Lidocaine", "20%, Lidocaine", "20% and".
_COMPOUND_JOINS = frozenset({"/", ",", "+", "-", "&", "and", "with"})
# An ingredient of a compound is a short name: "Flurbiprofen", "Menthol", "Camphor".
_MAX_INGREDIENT_WORDS = 3

# Letters or digits, ASCII only: the vocabulary of the grammar is ASCII.
_ALNUM = re.compile(r"[0-9]+|[A-Za-z]+")
# A date standing where a name should be: "12/07/2016", "1-2-17".
_DATE = re.compile(r"[0-9]{1,4}[/-][0-9]{1,2}(?:[/-][0-9]{1,4})?")
_PERCENT_ONLY = re.compile(r"[0-9.%/-]+%")
# ASCII digits, in groups joined by "-": the count of a duration ("6", "4-6").
_DIGIT_GROUPS = re.compile(r"[0-9]+(?:-[0-9]+)*")

# Makes a NamedTuple without its Python-level __new__, which costs as much again: for
# the parts and cuts that every item makes.
_make = tuple.__new__


class _Part(NamedTuple):
    """One part of an item: a terminal of its own, or a run of text terminals."""

    #: The terminal's type, or ``"RUN"`` for a run of words.
    kind: str
    #: Start and end offsets into the item.
    start: int
    end: int
    #: The terminals of a run; a part of its own has its one terminal (a joined part
    #: keeps its first, as only runs are looked into).
    tokens: tuple[_Token, ...]


class _Cut(NamedTuple):
    """An item cut into its parts, with what the readers of the parts ask of it."""

    parts: list[_Part]
    #: The terminals that name a body site or a side, in order: no trimming drops them,
    #: so they are those of the parts.
    places: list[_Token]
    #: Whether a count may stand alone, as a ``LEAD_COUNT`` or a run that is one whole
    #: number: without one, the quantity can only be a ``QUANTITY``.
    lone_count: bool


class RequestDoubt(NamedTuple):
    """A value of a request that was read but fails a plausibility check."""

    #: The field of :class:`~imrparse.models.Request` (``'quantity'``).
    field: str
    #: What is odd about it, for a person.
    message: str


def read_request(item: str, *, category: RequestCategory | None = None) -> Request:
    """Read one disputed item into a :class:`~imrparse.models.Request`.

    Args:
        item: The item as its item line writes it (``'Norco 10/325mg #60'``); runs of
            whitespace are collapsed first.
        category: The item's category, read by
            :func:`~imrparse.read.free_text.categories.read_category`: given here, the
            request is built once with it rather than evolved afterwards.

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
    text = collapse_whitespace(item)
    try:
        tokens = _tokens(text)
    except LarkError:  # pragma: no cover - OTHER matches any character
        return Request(unparsed=(text,) if text else (), category=category)
    return _assign(text, _parts(tokens), category)


def request_doubts(request: Request) -> tuple[RequestDoubt, ...]:
    """Tell which values of ``request`` fail a plausibility check (kept, but doubtful).

    >>> request_doubts(read_request("Norco 10/325mg #6000"))
    (RequestDoubt(field='quantity', message='6000 units is more than any item asks for'),)
    >>> request_doubts(read_request("Norco 10/325mg #60"))
    ()
    """
    doubts: list[RequestDoubt] = []
    if request.quantity is not None:
        if request.quantity == 0:
            doubts.append(RequestDoubt("quantity", "a quantity of 0 requests nothing"))
        elif request.quantity > _MAX_PLAUSIBLE_QUANTITY:
            doubts.append(
                RequestDoubt("quantity", f"{request.quantity} units is more than any item asks for")
            )
    if request.duration is not None and _count_in(request.duration) == 0:
        doubts.append(RequestDoubt("duration", f"{request.duration!r} lasts no time"))
    return tuple(doubts)


def _tokens(text: str) -> list[_Token]:
    """Cut ``text`` into its terminals: the lead-ins that open it, then the lexer's.

    A lead-in counts only where it opens the item, and a ``LEAD_COUNT`` only right
    after the lead-ins (:func:`_parts` makes any later one a word).
    """
    lowered = ascii_lower(text)
    tokens: list[_Token] = []
    at = 0
    while (lead_in := _LEAD_IN.match(lowered, at)) is not None:
        start = at + 1 if text.startswith(" ", at) else at
        tokens.append(_Token("QUALIFIER", text[start : lead_in.end()], start, lead_in.end()))
        at = lead_in.end()
    lexed = request_lexer().lex(text, at, lowered)
    if not tokens:
        return lexed
    tokens.extend(lexed)
    return tokens


def _parts(tokens: list[_Token]) -> _Cut:
    """Group text terminals into runs, cut at parts and at commas outside brackets.

    The same pass joins a frequency or a strength to the same kind of part right before
    it ("6 hours per day, 5 times a week" is one frequency), makes a ``LEAD_COUNT``
    that does not open the item a word (in ``tokens`` too), and notes the body sites,
    the sides and the lone counts (see :class:`_Cut`).
    """
    parts: list[_Part] = []
    places: list[_Token] = []
    lone_count = False
    run_start = 0  # a run is the text terminals from here to the current one
    depth = 0
    for index, token in enumerate(tokens):
        kind = token.type
        if kind == "WORD":  # most terminals: a word neither cuts nor brackets anything
            continue
        if kind == "LEAD_COUNT":
            if index and tokens[index - 1].type != "QUALIFIER":
                tokens[index] = _Token("WORD", token.value, token.start, token.end)
                continue
            lone_count = True
        elif kind in _TEXT:
            if kind == "SEPARATOR":
                if depth == 0:
                    if run_start < index:
                        lone_count |= _close_run(tokens, run_start, index, parts)
                    run_start = index + 1
            elif kind == "OTHER":
                if token.value in _OPENERS:
                    depth += 1
                elif token.value in _CLOSERS and depth:
                    depth -= 1
            else:  # a body site or a side
                places.append(token)
            continue
        if run_start < index:
            lone_count |= _close_run(tokens, run_start, index, parts)
        run_start = index + 1
        depth = 0
        if parts and kind in _JOINABLE and parts[-1].kind == kind:
            previous = parts[-1]
            parts[-1] = _make(_Part, (kind, previous.start, token.end, previous.tokens))
        else:
            parts.append(_make(_Part, (kind, token.start, token.end, (token,))))
    if run_start < len(tokens):
        lone_count |= _close_run(tokens, run_start, len(tokens), parts)
    return _make(_Cut, (parts, places, lone_count))


def _close_run(tokens: list[_Token], start: int, end: int, parts: list[_Part]) -> bool:
    """Add the run ``tokens[start:end]`` (not empty), trimmed, to ``parts`` if anything is left.

    Tell whether the run is one whole number.
    """
    first, last = tokens[start], tokens[end - 1]
    # _kept(first) and _kept(last), written out for the test that every run takes: no
    # text terminal but a word is ever written as a connective.
    if (
        first.type not in _PUNCTUATION
        and first.value.lower() not in _CONNECTIVES
        and last.type not in _PUNCTUATION
        and last.value.lower() not in _CONNECTIVES
    ):
        kept = tuple(tokens[start:end])  # most runs: nothing to trim
    else:
        kept = _trim(tokens, start, end)
        if not kept:
            return False
    parts.append(_make(_Part, ("RUN", kept[0].start, kept[-1].end, kept)))
    return len(kept) == 1 and _is_count(kept[0].value)


def _kept(token: _Token) -> bool:
    """Whether trimming keeps ``token`` at the end of a run, whatever else the run holds."""
    kind = token.type
    if kind == "WORD":
        return token.value.lower() not in _CONNECTIVES
    return kind not in _PUNCTUATION


def _trim(run: Sequence[_Token], start: int = 0, end: int | None = None) -> tuple[_Token, ...]:
    """Drop connective words and stray punctuation from both ends of ``run[start:end]``.

    A bracket stays when its partner is inside the run: "(ESWT)" is part of a name.
    """
    end = len(run) if end is None else end
    first, last = start, end
    # Where each bracket is first opened and last closed, found once when needed.
    brackets: tuple[dict[str, int], dict[str, int]] | None = None

    def droppable(index: int) -> bool:
        nonlocal brackets
        token = run[index]
        if _kept(token):
            return False
        if token.value in _OPENERS or token.value in _CLOSERS:
            brackets = brackets or _brackets(run, start, end)
            return _stray(token.value, index, brackets, end)
        return True

    while first < last and droppable(first):
        first += 1
    while first < last and droppable(last - 1):
        last -= 1
    return tuple(run[first:last])


def _brackets(run: Sequence[_Token], start: int, end: int) -> tuple[dict[str, int], dict[str, int]]:
    """Where in ``run[start:end]`` each opening bracket is first, each closing one last."""
    first_open: dict[str, int] = {}
    last_close: dict[str, int] = {}
    for at in range(start, end):
        value = run[at].value
        if value in _OPENERS:
            first_open.setdefault(value, at)
        elif value in _CLOSERS:
            last_close[value] = at
    return first_open, last_close


def _stray(
    bracket: str, at: int, brackets: tuple[dict[str, int], dict[str, int]], end: int
) -> bool:
    """Whether the bracket at ``at`` has no partner on the side it faces."""
    first_open, last_close = brackets
    if bracket in _OPENERS:
        return last_close.get(_OPENERS[bracket], -1) < at
    return first_open.get(_CLOSERS[bracket], end) > at


def _assign(text: str, cut: _Cut, category: RequestCategory | None) -> Request:
    """Give each part to its field: the first of each kind wins, the rest are kept."""
    parts, places, lone_count = cut
    # Each of these regroups the parts of some items only: a cheap test tells which.
    if "#" in text:
        parts = _numbered_products(text, parts)
    if text.count("%") > 1:  # a compound has two percentages at least
        parts = _compound_names(text, parts)
    if lone_count:  # else the first count is a QUANTITY's, and no unit noun is cut off
        parts = _split_unit_noun(text, parts)
    name: str | None = None
    strength: str | None = None
    frequency: str | None = None
    duration: str | None = None
    quantity: int | None = None
    unparsed: list[str] = []
    site, laterality, side_token = _site_and_side(places) if places else (None, None, None)

    for part in parts:
        kind = part.kind
        written = text[part.start : part.end]
        if kind in _COUNTERS or (lone_count and _is_whole_number(part)):
            count = _count_in(written) if quantity is None else None
            if count is not None:
                quantity = count
                continue
        elif kind == "STRENGTH" and strength is None:
            strength = written
            continue
        elif kind == "FREQUENCY" and frequency is None:
            frequency = written
            continue
        elif kind == "DURATION" and duration is None:
            duration = _duration_in(written)
            continue
        elif kind == "RUN":
            if len(part.tokens) > 1:  # most runs: a name, or words after it
                if name is None:
                    name = written
                    continue
            elif part.tokens[0] is site or part.tokens[0] is side_token:
                # The body part or the side, written on its own: "..., right shoulder",
                # "Hinged knee brace, left".
                continue
            elif name is None and not _names_nothing(part):
                name = written
                continue
        # Lead-ins, amounts, refills, count ranges, dates of service, later runs, and
        # parts whose field is already filled: kept whole.
        unparsed.append(written)

    return Request(
        name=name,
        strength=strength,
        quantity=quantity,
        frequency=frequency,
        duration=duration,
        body_part=None if site is None else _body_part(site, laterality),
        laterality=laterality,
        unparsed=tuple(unparsed),
        category=category,
    )


def _numbered_products(text: str, parts: list[_Part]) -> list[_Part]:
    """Give a "#N" that numbers a product to its name: "Tylenol with codeine #3, #40".

    A "#N" (N at most 4) written right after ``codeine`` or ``Tylenol`` is the number of
    the product, not a count of its units.
    """
    lowered = text.lower()
    if all(product not in lowered for product in _NUMBERED_PRODUCTS):
        return parts
    out: list[_Part] = []
    for part in parts:
        previous = out[-1] if out else None
        if (
            previous is not None
            and previous.kind == "RUN"
            and previous.tokens[-1].value.lower() in _NUMBERED_PRODUCTS
            and _is_hash_quantity(text, part)
            and part.start - previous.end <= 1
            and (_count_in(text[part.start : part.end]) or 0) <= _MAX_PRODUCT_NUMBER
        ):
            out[-1] = _Part("RUN", previous.start, part.end, previous.tokens)
        else:
            out.append(part)
    return out


def _is_hash_quantity(text: str, part: _Part) -> bool:
    return part.kind == "QUANTITY" and text.startswith("#", part.start)


def _compound_names(text: str, parts: list[_Part]) -> list[_Part]:
    """Make one name of a compound: "Flurbiprofen 20%/Lidocaine 5%".

    Two or more ingredients, each a run followed by a percentage, are one product: the
    name runs from the first ingredient to the last percentage, and no strength is
    read, as none of the percentages is the product's.
    """
    out: list[_Part] = []
    at = 0
    while at < len(parts):
        end = at
        while (
            end + 1 < len(parts)
            and parts[end].kind == "RUN"
            and (end == at or len(parts[end].tokens) <= _MAX_INGREDIENT_WORDS)
            and _is_percent(text, parts[end + 1])
            and (end == at or _joins_ingredients(text, parts[end - 1], parts[end]))
        ):
            end += 2
        if end - at >= 4:  # at least two ingredients with their percentages
            first, last = parts[at], parts[end - 1]
            tokens = tuple(token for part in parts[at:end] for token in part.tokens)
            out.append(_Part("RUN", first.start, last.end, tokens))
            at = end
        else:
            out.append(parts[at])
            at += 1
    return out


def _is_percent(text: str, part: _Part) -> bool:
    return (
        part.kind == "STRENGTH" and _PERCENT_ONLY.fullmatch(text[part.start : part.end]) is not None
    )


def _joins_ingredients(text: str, strength: _Part, run: _Part) -> bool:
    """Whether only a join ("/", ",", "and", ...) stands between a percentage and a run."""
    between = text[strength.end : run.start].replace(" ", "")
    words = _ALNUM.findall(between)
    rest = _ALNUM.sub("", between)
    return all(w.lower() in _COMPOUND_JOINS for w in words) and all(
        c in _COMPOUND_JOINS for c in rest
    )


def _split_unit_noun(text: str, parts: list[_Part]) -> list[_Part]:
    """Cut the name at the noun a leading count counts: "Twelve acupuncture visits ...".

    When the quantity is a count that opens the item (or a whole number of its own), the
    first unit noun of the name (``visits``, ``sessions``, ``tablets``, ...) says what
    was counted: the name is the words before it, and the words after it are a run of
    their own ("Twelve acupuncture visits with heat": name ``acupuncture``, ``with heat``
    kept). Values stay as written.
    """
    for counter in parts:
        if _gives_count(text, counter):
            break
    else:
        return parts  # no count
    if counter.kind == "QUANTITY":
        return parts
    for at, part in enumerate(parts):
        if part.kind != "RUN" or _is_whole_number(part) or _names_nothing(part):
            continue
        for index, token in enumerate(part.tokens):
            if index > 0 and token.type == "WORD" and token.value.lower() in _UNIT_NOUNS:
                before = _trim(part.tokens, 0, index)
                after = _trim(part.tokens, index + 1)
                pieces = [
                    _Part("RUN", run[0].start, run[-1].end, run) for run in (before, after) if run
                ]
                return [*parts[:at], *pieces, *parts[at + 1 :]]
        return parts
    return parts


def _gives_count(text: str, part: _Part) -> bool:
    """Whether a part gives the quantity (the first of them does)."""
    if part.kind in _COUNTERS or _is_whole_number(part):
        return _count_in(text[part.start : part.end]) is not None
    return False


def _names_nothing(part: _Part) -> bool:
    """Tell whether a run is a bare date or number, which names nothing: "12/07/2016"."""
    if len(part.tokens) != 1 or part.tokens[0].type != "WORD":
        return False
    value = part.tokens[0].value
    return _is_digits(value) or _DATE.fullmatch(value) is not None


def _site_words(site: _Token) -> list[str]:
    return site.value.lower().replace(",", " ").replace("/", " ").split()


def _body_part(site: _Token, laterality: str | None) -> str:
    """Give the body part of a site, lower case, without the sides that are the request's.

    The side in front of the site, and the same side repeated before every part of a
    list ("right shoulder, right wrist and right hand"), are the laterality and are left
    out; sides that differ, or that only some parts carry, stay where they are written.
    """
    if laterality is None:
        return site.value.lower()
    words = site.value.lower().split(" ")
    return " ".join([word for word in words if word.rstrip(",") not in _SIDES])


def _site_and_side(places: list[_Token]) -> tuple[_Token | None, str | None, _Token | None]:
    """Give the body site, the side of the request, and the token of a side on its own.

    ``places`` are the terminals of the item that name a body site or a side, in order;
    the site is the first body site the item names, in its name or in a leftover.

    The side written in front of the body part is the request's, unless another part
    of the same list has a side of its own that differs ("left knee, right hip"); a side
    written only inside a list ("lumbar spine, left hip, lower leg") is the side of one
    part, not of the request. With no side at the body part, the first side the item
    names anywhere else is the request's.
    """
    site = None
    for token in places:
        if token.type == "SITE":
            site = token
            break
    if site is not None:
        words = _site_words(site)
        sides = _SIDES.intersection(words)
        if sides:
            # One side, in front: it is the first word, and every part that has a side
            # has that one.
            if words[0] in _SIDES and len(sides) == 1:
                return site, words[0], None
            return site, None, None
    for token in places:
        for word in _site_words(token):
            if word in _SIDES:
                return site, word, token if token.type == "SIDE" else None
    return site, None, None


def _is_whole_number(part: _Part) -> bool:
    """Tell whether a run is one whole number on its own: "Physical therapy sessions, 12"."""
    return part.kind == "RUN" and len(part.tokens) == 1 and _is_count(part.tokens[0].value)


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
        if _DIGIT_GROUPS.fullmatch(word) or word.lower() in _NUMBER_WORDS:
            return " ".join(words[at : at + 2])
    return written  # unreachable for the grammar's durations, which all hold a count


def _is_count(value: str) -> bool:
    """Tell whether ``value`` is a count: one to six digits, as the grammar's counts are."""
    return len(value) <= _MAX_COUNT_DIGITS and _is_digits(value)


def _is_digits(value: str) -> bool:
    """Tell whether ``value`` is ASCII digits only (``str.isdigit`` takes other scripts)."""
    return value.isascii() and value.isdigit()
