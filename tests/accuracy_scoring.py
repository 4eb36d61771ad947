"""Score records against hand-read gold records (the corpus' ``gold/*.json``).

Shared by ``benchmarks/accuracy.py`` (which puts this folder on ``sys.path``) and
``tests/test_accuracy.py`` (on ``sys.path`` through pytest's ``pythonpath``). The
comparison conventions are those of the gold folder's ``README.md``:

- strings compare loosely: case, runs of whitespace and hyphens, a leading article and
  end punctuation do not count;
- a citation's title and sections are compared joined as one text, and an
  ``(updated 11/23/16)`` note in it does not count;
- a request name (and a body part) equals one that contains it or that it contains.

Each scalar field is right or wrong. Each list is scored by recall (gold entries found in
the record) and spurious entries (record entries not in the gold). Decisions, and the
citations of each basis, are matched by position; an unmatched one is a miss for each of
its fields. A letter that could not be read is a miss of every field.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "FIELDS",
    "FieldScore",
    "Miss",
    "Scores",
    "citation_text",
    "loose",
    "record_as_gold",
    "same_containing",
    "same_text",
    "score_letter",
    "table",
]

_SEPARATORS = re.compile(r"[\s\-\u2010\u2011\u2013]+")
_ARTICLE = re.compile(r"^(?:a|an|the) ", re.IGNORECASE)
_END_PUNCTUATION = re.compile(r"[.,;:!?]+$")
_PUNCTUATION = re.compile(r"[^\w&%.]+|\.(?!\d)")
_UPDATED = re.compile(r"\(\s*updated[^()]{0,40}\)", re.IGNORECASE)

HEADER_FIELDS = (
    "date_assigned",
    "date_of_injury",
    "decision_date",
    "ur_denial_date",
    "application_received",
    "priority",
)
CLAIMANT_FIELDS = ("role", "age", "sex", "date_of_injury")
REQUEST_FIELDS = (
    "name",
    "strength",
    "quantity",
    "frequency",
    "duration",
    "body_part",
    "laterality",
)
BASES = ("claims_administrator_basis", "reviewer_basis")
CITATION_PARTS = ("source", "text", "year", "pages")

#: Every field of the table, in order, and whether it is a list.
FIELDS: tuple[tuple[str, bool], ...] = (
    ("header.case_number", False),
    *((f"header.{name}", False) for name in HEADER_FIELDS),
    ("reviewer.licensed_in", True),
    ("reviewer.certifications", True),
    *((f"claimant.{name}", False) for name in CLAIMANT_FIELDS),
    ("diagnoses", True),
    ("medications", True),
    ("decision.item", False),
    ("decision.outcome", False),
    ("decision.original_request", False),
    ("decision.authorized", False),
    *((f"request.{name}", False) for name in REQUEST_FIELDS),
    *(
        (f"{basis}.{name}", False)
        for basis in BASES
        for name in ("based_on_mtus", "cites_evidence")
    ),
    ("citations", True),
    *((f"citation.{part}", False) for part in CITATION_PARTS),
)


def loose(value: object) -> object:
    """A string as it is compared: case, separators, article and end punctuation gone.

    >>> loose("The  Lumbar-spine strain.")
    'lumbar spine strain'
    """
    if not isinstance(value, str):
        return value
    text = _SEPARATORS.sub(" ", value).strip().lower()
    text = _ARTICLE.sub("", text)
    return _END_PUNCTUATION.sub("", text).strip()


def same_text(got: object, gold: object) -> bool:
    """Whether two values are equal under the loose string rule."""
    return loose(got) == loose(gold)


def same_containing(got: object, gold: object) -> bool:
    """Request names and body parts: equal when one (loosely) contains the other."""
    if isinstance(got, str) and isinstance(gold, str):
        a, b = str(loose(got)), str(loose(gold))
        return bool(a and b) and (a in b or b in a)
    return got == gold


def citation_text(citation: dict[str, Any]) -> object:
    """What a citation's title and sections are compared as.

    Non-MTUS: title and sections joined as one text, without an "(updated ...)" note and
    without the punctuation between words, since where the title ends and the sections
    begin (and what separates them: ``,``, ``:``, ``/``, brackets) varies between
    readers. MTUS: the loose title and the loose sections, each on its own.

    >>> citation_text({"source": "Non-MTUS", "title": "ODG", "sections": ["Knee/ Walker"]})
    'odg knee walker'
    """
    title = citation.get("title")
    sections = list(citation.get("sections") or ())
    if citation.get("source") == "MTUS":
        return (loose(title), tuple(loose(section) for section in sections))
    joined = " ".join(part for part in [title or "", *sections] if part)
    words = _PUNCTUATION.sub(" ", _UPDATED.sub(" ", joined).lower())
    return " ".join(words.split())


def _citation_key(citation: dict[str, Any]) -> tuple[Any, ...]:
    return (
        citation.get("source"),
        citation_text(citation),
        citation.get("year"),
        tuple(citation.get("pages") or ()),
    )


@dataclass
class FieldScore:
    """The tally of one field over many letters."""

    is_list: bool
    #: Scalars: values right. Lists: gold entries found in the record.
    right: int = 0
    #: Scalars: values compared. Lists: gold entries.
    total: int = 0
    #: Lists only: record entries that are not in the gold.
    spurious: int = 0

    @property
    def percent(self) -> float:
        """Right (or found) out of total, in percent; 100 when there is nothing to find."""
        return 100.0 * self.right / self.total if self.total else 100.0

    @property
    def spurious_percent(self) -> float:
        """Spurious entries as a percentage of the gold's entries."""
        return 100.0 * self.spurious / self.total if self.total else 0.0


@dataclass(frozen=True)
class Miss:
    """One wrong value: ``CASE field: got X, gold Y``."""

    case: str
    field: str
    got: Any
    gold: Any

    def __str__(self) -> str:
        got = "-" if self.got is _ABSENT else repr(self.got)
        gold = "-" if self.gold is _ABSENT else repr(self.gold)
        return f"{self.case} {self.field}: got {got}, gold {gold}"


class _Absent:
    def __repr__(self) -> str:
        return "-"


#: Stands for a value that is not there at all (an unmatched decision, a missing entry).
_ABSENT: Any = _Absent()


@dataclass
class Scores:
    """Tallies of every field, the misses, and the letters that could not be read."""

    fields: dict[str, FieldScore] = field(
        default_factory=lambda: {name: FieldScore(is_list) for name, is_list in FIELDS}
    )
    misses: list[Miss] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)

    def scalar(
        self,
        case: str,
        name: str,
        label: str,
        got: Any,
        gold: Any,
        same: Callable[[Any, Any], bool] = same_text,
    ) -> None:
        """Tally one scalar value."""
        tally = self.fields[name]
        tally.total += 1
        if got is not _ABSENT and gold is not _ABSENT and same(got, gold):
            tally.right += 1
        else:
            self.misses.append(Miss(case, label, got, gold))

    def listed(
        self,
        case: str,
        name: str,
        label: str,
        got: Sequence[Any],
        gold: Sequence[Any],
        key: Callable[[Any], Any] = loose,
    ) -> None:
        """Tally one list: each gold entry found once, each other record entry spurious."""
        tally = self.fields[name]
        left = [key(entry) for entry in got]
        for entry in gold:
            tally.total += 1
            wanted = key(entry)
            if wanted in left:
                left.remove(wanted)
                tally.right += 1
            else:
                self.misses.append(Miss(case, label, _ABSENT, entry))
        unmatched_gold = [key(entry) for entry in gold]
        for entry in got:
            wanted = key(entry)
            if wanted in unmatched_gold:
                unmatched_gold.remove(wanted)
            else:
                tally.spurious += 1
                self.misses.append(Miss(case, label, entry, _ABSENT))


def _iso(value: object) -> object:
    return value.isoformat() if isinstance(value, datetime.date) else value


def _enum(value: object) -> object:
    return getattr(value, "value", value)


def record_as_gold(determination: Any) -> dict[str, Any]:
    """A :class:`imrparse.Determination` in the gold's shape (plain data)."""
    case = determination.case
    header: dict[str, Any] = dict.fromkeys(HEADER_FIELDS)
    case_number = None
    if case is not None:
        case_number = case.case_number
        header = {name: _iso(getattr(case, name)) for name in HEADER_FIELDS}
    claimant = determination.claimant
    return {
        "case": case_number,
        "header": header,
        "reviewer": {
            "licensed_in": list(determination.reviewer.licensed_in),
            "certifications": list(determination.reviewer.certifications),
        },
        "claimant": {
            "role": claimant.role,
            "age": claimant.age,
            "sex": _enum(claimant.sex),
            "date_of_injury": _iso(claimant.date_of_injury),
        },
        "diagnoses": list(determination.diagnoses),
        "medications": list(determination.medications),
        "decisions": [_decision(decision) for decision in determination.decisions],
    }


def _decision(decision: Any) -> dict[str, Any]:
    request = decision.request
    return {
        "item": decision.item,
        "outcome": _enum(decision.outcome),
        "original_request": decision.original_request,
        "authorized": decision.authorized,
        "request": {name: getattr(request, name) for name in REQUEST_FIELDS},
        **{basis: _basis(getattr(decision, basis)) for basis in BASES},
    }


def _basis(basis: Any) -> dict[str, Any]:
    return {
        "based_on_mtus": basis.based_on_mtus,
        "cites_evidence": basis.cites_evidence,
        "citations": [
            {
                "source": _enum(citation.source),
                "title": citation.title,
                "year": citation.year,
                "sections": list(citation.sections),
                "pages": list(citation.pages),
            }
            for citation in basis.citations
        ],
    }


def score_letter(scores: Scores, gold: dict[str, Any], got: dict[str, Any] | None) -> None:
    """Add one letter to ``scores``: ``got`` is :func:`record_as_gold` output, or ``None``.

    ``None`` stands for a letter that could not be read: every field is a miss.
    """
    case = gold["case"]
    if got is None:
        scores.unreadable.append(case)
    record: dict[str, Any] = got or {}
    header = record.get("header") or {}
    reviewer = record.get("reviewer") or {}
    claimant = record.get("claimant") or {}
    absent = got is None

    def value(part: dict[str, Any], name: str) -> Any:
        return _ABSENT if absent else part.get(name)

    scores.scalar(case, "header.case_number", "header.case_number", value(record, "case"), case)
    for name in HEADER_FIELDS:
        label = f"header.{name}"
        scores.scalar(case, label, label, value(header, name), gold["header"][name])
    for name in ("licensed_in", "certifications"):
        label = f"reviewer.{name}"
        scores.listed(case, label, label, reviewer.get(name) or [], gold["reviewer"][name])
    for name in CLAIMANT_FIELDS:
        label = f"claimant.{name}"
        scores.scalar(case, label, label, value(claimant, name), gold["claimant"][name])
    for name in ("diagnoses", "medications"):
        scores.listed(case, name, name, record.get(name) or [], gold[name])
    got_decisions = record.get("decisions") or []
    gold_decisions = gold["decisions"]
    for index in range(max(len(got_decisions), len(gold_decisions))):
        _score_decision(
            scores,
            case,
            f"decisions[{index}]",
            got_decisions[index] if index < len(got_decisions) else None,
            gold_decisions[index] if index < len(gold_decisions) else None,
        )


def _score_decision(
    scores: Scores,
    case: str,
    where: str,
    got: dict[str, Any] | None,
    gold: dict[str, Any] | None,
) -> None:
    """One decision; ``None`` on either side is an unmatched decision."""

    def pick(part: dict[str, Any] | None, *path: str) -> Any:
        if part is None:
            return _ABSENT
        for step in path:
            part = part.get(step) if isinstance(part, dict) else None
        return part

    for name in ("item", "outcome", "original_request", "authorized"):
        scores.scalar(
            case, f"decision.{name}", f"{where}.{name}", pick(got, name), pick(gold, name)
        )
    for name in REQUEST_FIELDS:
        same = same_containing if name in ("name", "body_part") else same_text
        scores.scalar(
            case,
            f"request.{name}",
            f"{where}.request.{name}",
            pick(got, "request", name),
            pick(gold, "request", name),
            same,
        )
    for basis in BASES:
        for name in ("based_on_mtus", "cites_evidence"):
            scores.scalar(
                case,
                f"{basis}.{name}",
                f"{where}.{basis}.{name}",
                pick(got, basis, name),
                pick(gold, basis, name),
            )
        got_citations = _citations(got, basis)
        gold_citations = _citations(gold, basis)
        label = f"{where}.{basis}.citations"
        scores.listed(case, "citations", label, got_citations, gold_citations, _citation_key)
        for index in range(max(len(got_citations), len(gold_citations))):
            mine = got_citations[index] if index < len(got_citations) else None
            theirs = gold_citations[index] if index < len(gold_citations) else None
            for part in CITATION_PARTS:
                scores.scalar(
                    case,
                    f"citation.{part}",
                    f"{label}[{index}].{part}",
                    _citation_part(mine, part),
                    _citation_part(theirs, part),
                    _same_citation_part,
                )


def _citations(decision: dict[str, Any] | None, basis: str) -> list[dict[str, Any]]:
    if decision is None:
        return []
    return list((decision.get(basis) or {}).get("citations") or [])


def _citation_part(citation: dict[str, Any] | None, part: str) -> Any:
    if citation is None:
        return _ABSENT
    if part == "text":
        return citation_text(citation)
    if part == "pages":
        return list(citation.get("pages") or [])
    return citation.get(part)


def _same_citation_part(got: Any, gold: Any) -> bool:
    return bool(got == gold) if isinstance(got, list) else same_text(got, gold)


def table(columns: Iterable[tuple[str, Scores]]) -> str:
    """The per-field table, one column group per extraction."""
    columns = list(columns)
    head = f"{'field':<40}" + "".join(f" {name:>28}" for name, _ in columns)
    lines = [head, "-" * len(head)]
    for name, is_list in FIELDS:
        cells = []
        for _, scores in columns:
            tally = scores.fields[name]
            if is_list:
                cell = f"{tally.right}/{tally.total} +{tally.spurious} {tally.percent:5.1f}%"
            else:
                cell = f"{tally.right}/{tally.total} {tally.percent:5.1f}%"
            cells.append(f" {cell:>28}")
        lines.append(f"{name:<40}" + "".join(cells))
    return "\n".join(lines)
