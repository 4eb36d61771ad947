r"""Where each value of a record is in the letter: one :class:`Placed` per value.

Records carry spans for what the reader located (header block, reviewer, first sentence
of the summary, each diagnosis, medication, decision, guideline line and citation, and
every warning). Values inside those regions that have no span of their own (the item and
outcome of a decision, the parts of a request, the header's dates, ...) are found here
by local rules that search only inside their record's span:

- a value written as the record has it is looked for word for word, whitespace and
  quotes aside (the record collapses whitespace and straightens quotes);
- the item is what ends just before the outcome word, ``Item: Upheld`` or
  ``Item is: Upheld`` at the end of its line; the rationale is what ends the decision;
- a value of the header, the reviewer or the first sentence is marked only where its
  words occur once in that region, since these regions are read in any order.

A value no rule can place with confidence is kept with ``span=None`` and the reason, so
a page can list it instead of marking a guess.

>>> import imrparse
>>> from pathlib import Path
>>> text = Path("tests/data/letters/seed_000_d3b73cfd4dd990bb.txt").read_text(encoding="utf-8")
>>> placed = place_values(text, imrparse.parse(text))
>>> item = placed["decisions[0].item"]
>>> str(item.kind), text[item.span.start : item.span.end]
('item', '60 Tablets of Diazepam 5mg')
>>> outcome = placed["decisions[0].outcome"]
>>> outcome.value, text[outcome.span.start : outcome.span.end]
('upheld', 'Upheld')
"""

from __future__ import annotations

import datetime
import enum
import re
from collections.abc import Iterator, Sequence

from attrs import frozen

from imrparse.models import (
    Basis,
    CaseHeader,
    Claimant,
    Decision,
    Determination,
    ReadWarning,
    Request,
    Reviewer,
    Span,
)

__all__ = ["KINDS", "Kind", "Placed", "place_values"]


class Kind(enum.StrEnum):
    """What sort of value a mark holds; a page colours its marks by kind."""

    HEADER = "header"
    REVIEWER = "reviewer"
    CLAIMANT = "claimant"
    DIAGNOSIS = "diagnosis"
    MEDICATION = "medication"
    SUMMARY = "summary"
    ITEM = "item"
    REQUEST = "request"
    OUTCOME = "outcome"
    GUIDELINE = "guideline"
    CITATION = "citation"
    RATIONALE = "rationale"
    WARNING = "warning"


#: A person's name for each kind, in the order a legend lists them.
KINDS: dict[Kind, str] = {
    Kind.HEADER: "header value",
    Kind.REVIEWER: "reviewer",
    Kind.CLAIMANT: "injured worker",
    Kind.DIAGNOSIS: "diagnosis",
    Kind.MEDICATION: "medication",
    Kind.SUMMARY: "case summary",
    Kind.ITEM: "item",
    Kind.REQUEST: "request part",
    Kind.OUTCOME: "outcome",
    Kind.GUIDELINE: "guideline line",
    Kind.CITATION: "citation",
    Kind.RATIONALE: "rationale",
    Kind.WARNING: "warning",
}


@frozen(kw_only=True)
class Placed:
    """One value of a record, or one record's whole region, and where it is."""

    #: The field's path in the record (``'decisions[0].request.strength'``).
    field: str
    #: The value as a person reads it (dates in ISO form, enums by their value).
    value: str
    #: What sort of value it is.
    kind: Kind
    #: Where it is in the text, or ``None`` when no rule could place it.
    span: Span | None
    #: ``True`` for a record's whole region (a decision, the header block), which holds
    #: values rather than being one.
    region: bool = False
    #: Why ``span`` is ``None``.
    reason: str = ""


# Characters the record writes differently from the letter (normalize.py does the same).
_QUOTES = str.maketrans(
    {"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u2032": "'"}
    | {"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2033": '"'}
)
# The outcome word closing an item line: `Item: Upheld`, `Item is: Upheld`, and the
# outcome on a line of its own after `Item:` (blank lines between, in some layouts).
_OUTCOME = re.compile(r":\s*(Upheld|Overturned)[^\S\n\r\f]*(?=[\n\r\f]|\Z)", re.IGNORECASE)
_NUMERIC_DATE = re.compile(r"(?<!\d)(\d{1,2})\s*[/-]\s*(\d{1,2})\s*[/-]\s*(\d{4}|\d{2})(?!\d)")
_MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_WORDED_DATE = re.compile(r"\b([A-Z][a-z]{2,8})\.?\s+(\d{1,2}),?\s+(\d{4})(?!\d)")
_ONES = (
    *("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"),
    *("ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen"),
    *("seventeen", "eighteen", "nineteen"),
)
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")


def place_values(text: str, determination: Determination) -> dict[str, Placed]:
    """Place every value of ``determination`` (read from ``text``) in ``text``.

    Args:
        text: The string that was passed to :func:`imrparse.parse`.
        determination: Its record.

    Returns:
        Every value and record region by field path, in the record's order; values that
        could not be placed have ``span=None`` and a ``reason``.
    """
    placed: dict[str, Placed] = {}
    d = determination
    parts: list[Iterator[Placed]] = []
    if d.case is not None:
        parts.append(_case(text, d.case))
    for index, reviewer in enumerate(d.reviewers or (d.reviewer,)):
        parts.append(_reviewer(text, reviewer, f"reviewers[{index}]"))
    parts.append(_claimant(text, d.claimant))
    parts.append(_listed(d.diagnoses, d.diagnosis_spans, "diagnoses", Kind.DIAGNOSIS))
    parts.append(_listed(d.medications, d.medication_spans, "medications", Kind.MEDICATION))
    parts.append(iter([_given("summary", d.summary, Kind.SUMMARY, d.summary_span)]))
    for index, decision in enumerate(d.decisions):
        parts.append(_decision(text, decision, f"decisions[{index}]"))
    parts.append(_warnings(d.warnings))
    for part in parts:
        for value in part:
            placed[value.field] = value
    return placed


def _given(field: str, value: str, kind: Kind, span: Span | None, region: bool = False) -> Placed:
    """A value whose span the record gives."""
    reason = "" if span is not None else "the record gives no span"
    return Placed(field=field, value=value, kind=kind, span=span, region=region, reason=reason)


def _found(field: str, value: str, kind: Kind, span: Span | None, reason: str) -> Placed:
    """A value placed by a local rule (or not, and then why)."""
    return Placed(field=field, value=value, kind=kind, span=span, reason="" if span else reason)


def _shown(value: object) -> str:
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return str(value.value)
    return str(value)


# --- searching inside a region ----------------------------------------------------------


class _Skeleton:
    """A region's characters without whitespace, each with its offset in the text.

    The record writes values with whitespace collapsed and straight quotes, and joins a
    word broken by a hyphen at a line end; compared without whitespace, the value and
    the letter's words agree whatever the layout.
    """

    __slots__ = ("chars", "offsets", "text")

    def __init__(self, text: str, start: int, end: int, *, fold_case: bool = False) -> None:
        self.text = text
        chars: list[str] = []
        offsets: list[int] = []
        for offset in range(start, end):
            char = text[offset]
            if not char.isspace():
                chars.append(_fold(char, fold_case))
                offsets.append(offset)
        self.chars = "".join(chars)
        self.offsets = offsets

    def span(self, first: int, length: int) -> Span:
        """The text span of ``length`` skeleton characters from ``first``."""
        return Span(self.offsets[first], self.offsets[first + length - 1] + 1)

    def find_all(self, value: str, *, fold_case: bool = False) -> list[Span]:
        """Every place where ``value`` stands as whole words."""
        needle = _needle(value, fold_case)
        found: list[Span] = []
        if not needle:
            return found
        at = self.chars.find(needle)
        while at != -1:
            span = self.span(at, len(needle))
            if _whole_words(self.text, span):
                found.append(span)
            at = self.chars.find(needle, at + 1)
        return found

    def ending(self, value: str) -> Span | None:
        """The place of ``value`` when the region ends with it, as whole words."""
        needle = _needle(value, False)
        if not needle or not self.chars.endswith(needle):
            return None
        span = self.span(len(self.chars) - len(needle), len(needle))
        return span if _whole_words(self.text, span) else None


def _fold(char: str, fold_case: bool) -> str:
    char = char.translate(_QUOTES)
    if fold_case:
        lower = char.lower()
        # Only one-for-one foldings keep the skeleton aligned with its offsets.
        return lower if len(lower) == 1 else char
    return char


def _needle(value: str, fold_case: bool) -> str:
    return "".join(_fold(char, fold_case) for char in value if not char.isspace())


def _whole_words(text: str, span: Span) -> bool:
    """Tell whether ``span`` neither starts nor ends inside a word."""
    before = text[span.start - 1] if span.start > 0 else " "
    after = text[span.end] if span.end < len(text) else " "
    first, last = text[span.start], text[span.end - 1]
    return not (before.isalnum() and first.isalnum()) and not (after.isalnum() and last.isalnum())


def _once(text: str, region: Span | None, value: str, *, fold_case: bool = False) -> Span | None:
    """Where ``value`` is in ``region``, when its words occur there exactly once."""
    if region is None:
        return None
    found = _Skeleton(text, region.start, region.end, fold_case=fold_case).find_all(
        value, fold_case=fold_case
    )
    return found[0] if len(found) == 1 else None


def _first(text: str, region: Span | None, value: str, *, fold_case: bool = False) -> Span | None:
    """Where ``value`` first stands as whole words in ``region``."""
    if region is None:
        return None
    found = _Skeleton(text, region.start, region.end, fold_case=fold_case).find_all(
        value, fold_case=fold_case
    )
    return found[0] if found else None


def _unique_match(pattern: re.Pattern[str], text: str, region: Span | None) -> Span | None:
    """The span of group 1 of ``pattern`` when it matches exactly once in ``region``."""
    if region is None:
        return None
    matches = list(pattern.finditer(text, region.start, region.end))
    if len(matches) != 1:
        return None
    return Span(matches[0].start(1), matches[0].end(1))


def _number_words(number: int) -> str:
    """``5`` as ``'five'``, ``24`` as ``'twenty-four'`` (0 to 99; digits otherwise)."""
    if 0 <= number < 20:
        return _ONES[number]
    if 20 <= number < 100:
        tens, ones = divmod(number, 10)
        return _TENS[tens - 2] + (f"-{_ONES[ones]}" if ones else "")
    return str(number)


def _standalone(number: int) -> re.Pattern[str]:
    """``12`` or ``twelve`` (group 1) as a number of its own, not a piece of ``7.5`` or ``120``."""
    words = re.escape(_number_words(number)).replace(r"\-", r"[-\s]+")
    return re.compile(
        rf"((?<![\d.,]){number}(?!\d|[.,]\d)|(?<![\w-]){words}(?![\w-]))", re.IGNORECASE
    )


def _count_before(number: int, noun: str) -> re.Pattern[str]:
    """``24 hours``, ``twenty-four hours``: the number (group 1) written before ``noun``."""
    words = re.escape(_number_words(number)).replace(r"\-", r"[-\s]+")
    return re.compile(rf"(?<![\w-])({number}|{words})\s+{noun}\b", re.IGNORECASE)


# --- the header block ----------------------------------------------------------------------


def _case(text: str, case: CaseHeader) -> Iterator[Placed]:
    yield _given("case", "the header block", Kind.HEADER, case.span, region=True)
    why = "not found once in the header block"
    for name in ("case_number", "priority"):
        value = getattr(case, name)
        if value is not None:
            yield _found(f"case.{name}", value, Kind.HEADER, _once(text, case.span, value), why)
    dates = {
        name: getattr(case, name)
        for name in (
            "date_assigned",
            "date_of_injury",
            "decision_date",
            "ur_denial_date",
            "application_received",
        )
    }
    for name, value in dates.items():
        if value is None:
            continue
        shared = sum(1 for other in dates.values() if other == value) > 1
        span = None if shared else _date_once(text, case.span, value)
        reason = "the same date is given for another label" if shared else why
        yield _found(f"case.{name}", value.isoformat(), Kind.HEADER, span, reason)


def _dates(text: str, region: Span) -> Iterator[tuple[datetime.date | None, Span]]:
    """Each date written in ``region`` (``MM/DD/YYYY``, ``M-D-YY``, ``October 1, 2016``)."""
    for match in _NUMERIC_DATE.finditer(text, region.start, region.end):
        month, day, year = (int(group) for group in match.groups())
        yield _date(year, month, day, two_digit=len(match.group(3)) == 2), Span(*match.span())
    for match in _WORDED_DATE.finditer(text, region.start, region.end):
        name = match.group(1).lower()
        months = [n for n, month in enumerate(_MONTHS, 1) if month.startswith(name)]
        if len(name) >= 3 and len(months) == 1:
            day, year = int(match.group(2)), int(match.group(3))
            yield _date(year, months[0], day, two_digit=False), Span(*match.span())


def _date(year: int, month: int, day: int, *, two_digit: bool) -> datetime.date | None:
    try:
        # A two-digit year is compared by its last two digits only (see _same_date).
        return datetime.date(2000 + year if two_digit else year, month, day)
    except ValueError:
        return None


def _same_date(written: datetime.date | None, value: datetime.date) -> bool:
    if written is None:
        return False
    return (written.month, written.day, written.year % 100) == (
        value.month,
        value.day,
        value.year % 100,
    )


def _date_once(text: str, region: Span | None, value: datetime.date) -> Span | None:
    if region is None:
        return None
    found = [span for written, span in _dates(text, region) if _same_date(written, value)]
    return found[0] if len(found) == 1 else None


# --- the reviewer ------------------------------------------------------------------------


def _reviewer(text: str, reviewer: Reviewer, path: str) -> Iterator[Placed]:
    yield _given(path, "the reviewer's qualifications", Kind.REVIEWER, reviewer.span, region=True)
    why = "not found once in the reviewer's sentences"
    written = [*reviewer.certifications, *reviewer.subspecialties, *reviewer.licensed_in]
    places = _list_places(text, reviewer.span, written)
    for name in ("certifications", "subspecialties", "licensed_in"):
        for index, value in enumerate(getattr(reviewer, name)):
            span = places.get(value)
            yield _found(f"{path}.{name}[{index}]", value, Kind.REVIEWER, span, why)
    if reviewer.profession is not None:
        span = _once(text, reviewer.span, reviewer.profession, fold_case=True)
        yield _found(f"{path}.profession", reviewer.profession, Kind.REVIEWER, span, why)
    for name, noun in (("min_years_in_practice", "years?"), ("min_hours_per_week", "hours?")):
        number = getattr(reviewer, name)
        if number is not None:
            span = _unique_match(_count_before(number, noun), text, reviewer.span)
            yield _found(f"{path}.{name}", str(number), Kind.REVIEWER, span, why)


def _list_places(text: str, region: Span | None, values: Sequence[str]) -> dict[str, Span]:
    """Where each of a reviewer's listed values is, for those whose words occur once.

    An occurrence inside a longer value of the same lists is that value's, not its own
    (``Preventive Medicine`` inside ``General Preventive Medicine``). A value the lists
    hold twice cannot be told apart in the text and is left out.
    """
    if region is None:
        return {}
    skeleton = _Skeleton(text, region.start, region.end)
    found = {value: skeleton.find_all(value) for value in values if values.count(value) == 1}
    places: dict[str, Span] = {}
    for value, spans in found.items():
        longer = [s for other, o in found.items() if len(other) > len(value) for s in o]
        own = [
            span
            for span in spans
            if not any(o.start <= span.start and span.end <= o.end for o in longer)
        ]
        if len(own) == 1:
            places[value] = own[0]
    return places


# --- the injured worker ------------------------------------------------------------------


def _claimant(text: str, claimant: Claimant) -> Iterator[Placed]:
    region = claimant.span
    yield _given("claimant", "the first sentence of the summary", Kind.CLAIMANT, region, True)
    why = "not found once in the summary's first sentence"
    if claimant.role is not None:
        span = _once(text, region, claimant.role, fold_case=True)
        yield _found("claimant.role", claimant.role, Kind.CLAIMANT, span, why)
    if claimant.age is not None:
        # The age as a number of its own, not a piece of a date or a decimal.
        age = re.compile(rf"(?<![\d/.])(?<!\d-)({claimant.age})(?![\d/.]|-\d)")
        span = _unique_match(age, text, region)
        yield _found("claimant.age", str(claimant.age), Kind.CLAIMANT, span, why)
    if claimant.sex is not None:
        span = _once(text, region, claimant.sex.value, fold_case=True)
        reason = "not written as male or female (read from pronouns, or not once)"
        yield _found("claimant.sex", claimant.sex.value, Kind.CLAIMANT, span, reason)
    if claimant.date_of_injury is not None:
        value = claimant.date_of_injury
        span = None
        if region is not None:
            found = [s for written, s in _dates(text, region) if _same_date(written, value)]
            span = min(found, key=lambda s: s.start) if found else None
        yield _found(
            "claimant.date_of_injury", value.isoformat(), Kind.CLAIMANT, span, "date not found"
        )


# --- lists, decisions, warnings ----------------------------------------------------------


def _listed(
    values: Sequence[str], spans: Sequence[Span], path: str, kind: Kind
) -> Iterator[Placed]:
    for index, value in enumerate(values):
        span = spans[index] if index < len(spans) else None
        yield _given(f"{path}[{index}]", value, kind, span)


def _decision(text: str, decision: Decision, path: str) -> Iterator[Placed]:
    region = decision.span
    yield _given(path, f"the decision on {decision.item}", Kind.ITEM, region, region=True)
    item, outcome = _item_line(text, region, decision)
    reason = "" if item else _item_reason(text, region, decision)
    yield _found(f"{path}.item", decision.item, Kind.ITEM, item, reason)
    yield _found(
        f"{path}.outcome", decision.outcome.value, Kind.OUTCOME, outcome, "no outcome word found"
    )
    before_item = Span(region.start, item.start) if region and item else None
    after = before_item.start if before_item else 0
    if decision.original_request is not None:
        span = _first(text, before_item, decision.original_request)
        after = span.end if span else after
        yield _found(
            f"{path}.original_request",
            decision.original_request,
            Kind.ITEM,
            span,
            "not found before the item",
        )
    if decision.authorized is not None:
        rest = Span(after, before_item.end) if before_item else None
        span = _first(text, rest, decision.authorized)
        yield _found(
            f"{path}.authorized", decision.authorized, Kind.ITEM, span, "not found before the item"
        )
    yield from _request(text, item, decision.request, f"{path}.request")
    for name in ("claims_administrator_basis", "reviewer_basis"):
        yield from _basis(getattr(decision, name), f"{path}.{name}")
    rationale = (
        _Skeleton(text, region.start, region.end).ending(decision.rationale) if region else None
    )
    yield _found(
        f"{path}.rationale",
        decision.rationale,
        Kind.RATIONALE,
        rationale,
        "the decision does not end with it",
    )


def _item_line(
    text: str, region: Span | None, decision: Decision
) -> tuple[Span | None, Span | None]:
    """The item and the outcome word of a decision's item line.

    The item line is the first line of the decision's region that ends in ``: Upheld``
    (or ``is: Upheld``); the item is the text that ends just before it.
    """
    if region is None:
        return None, None
    match = _OUTCOME.search(text, region.start, region.end)
    if match is None or match.group(1).lower() != decision.outcome.value:
        return None, None
    outcome = Span(*match.span(1))
    item = _Skeleton(text, region.start, match.start()).ending(decision.item)
    if item is None:
        # `... #40 is: Upheld`: the item ends before the word "is".
        end = _before_is(text, region.start, match.start())
        if end is not None:
            item = _Skeleton(text, region.start, end).ending(decision.item)
    return item, outcome


def _before_is(text: str, start: int, end: int) -> int | None:
    """Where the text before a closing word ``is`` ends, when ``text[start:end]`` ends so."""
    while end > start and text[end - 1].isspace():
        end -= 1
    if end - start < 3 or text[end - 2 : end].lower() != "is" or not text[end - 3].isspace():
        return None
    end -= 2
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _item_reason(text: str, region: Span | None, decision: Decision) -> str:
    """Why the item was not placed, in words a reader of the page can check."""
    if region is None:
        return "the decision has no span"
    match = _OUTCOME.search(text, region.start, region.end)
    if match is None:
        return "no line of the decision ends in ': Upheld' or ': Overturned'"
    if match.group(1).lower() != decision.outcome.value:
        return f"the item line ends in '{match.group(1)}', not in the record's outcome"
    line_start = max(text.rfind("\n", region.start, match.start()) + 1, region.start)
    written = " ".join(text[line_start : match.start()].split())
    return f"the item line ends '... {written[-40:]}:', not with the item"


def _request(text: str, item: Span | None, request: Request, path: str) -> Iterator[Placed]:
    why = "not found once in the item" if item else "the item is not marked"
    for name in ("name", "strength", "frequency", "duration", "body_part", "laterality"):
        value = getattr(request, name)
        if value is not None:
            # The parts are read case-insensitively ('Lumbar' gives body part 'lumbar').
            span = _first(text, item, value, fold_case=True)
            yield _found(f"{path}.{name}", value, Kind.REQUEST, span, why)
    if request.quantity is not None:
        span = _unique_match(_standalone(request.quantity), text, item)
        yield _found(f"{path}.quantity", str(request.quantity), Kind.REQUEST, span, why)
    for index, piece in enumerate(request.unparsed):
        span = _first(text, item, piece, fold_case=True)
        yield _found(f"{path}.unparsed[{index}]", piece, Kind.REQUEST, span, why)


def _basis(basis: Basis, path: str) -> Iterator[Placed]:
    yield _given(path, basis.text, Kind.GUIDELINE, basis.span)
    for index, citation in enumerate(basis.citations):
        yield _given(f"{path}.citations[{index}]", citation.text, Kind.CITATION, citation.span)


def _warnings(warnings: Sequence[ReadWarning]) -> Iterator[Placed]:
    for index, warning in enumerate(warnings):
        value = f"{warning.kind.value} in {warning.field}: {warning.message}"
        yield _given(f"warnings[{index}]", value, Kind.WARNING, warning.span)
