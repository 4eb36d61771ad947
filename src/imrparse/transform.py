"""Lark trees -> records. This module only builds records.

One :class:`LetterTransformer` is made per parse: it carries that letter's reference
year (for two-digit years) and collects the letter's warnings, so no state is shared
between calls.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from attrs import frozen
from lark import Token, Transformer, Tree

from imrparse.extract.citations import read_mtus, read_non_mtus
from imrparse.extract.claimant import read_claimant
from imrparse.extract.dates import DEFAULT_REFERENCE_YEAR, ReadDate, read_date
from imrparse.extract.lists import read_diagnoses, read_medications
from imrparse.extract.qualifications import read_number, split_comma_list, split_prose_list
from imrparse.models import (
    GENERATION_2013,
    GENERATION_2016,
    Basis,
    CaseHeader,
    Citation,
    Claimant,
    Decision,
    Determination,
    Outcome,
    ReadWarning,
    Reviewer,
    WarningKind,
)

__all__ = ["LetterTransformer", "reference_year"]

_FOUR_DIGIT_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_HEADER_FIELDS = {
    "Case Number": "case_number",
    "Date Assigned": "date_assigned",
    "Date of Injury": "date_of_injury",
    "Decision Date": "decision_date",
    "UR Denial Date": "ur_denial_date",
    "Priority": "priority",
    "Application Received": "application_received",
}


def reference_year(tree: Tree[Token]) -> int:
    """The latest four-digit year among a letter's header dates (see ``extract.dates``)."""
    years = [
        int(year)
        for field in tree.find_data("header_field")
        for token in field.children
        if isinstance(token, Token) and token.type == "HEADER_VALUE"
        for year in _FOUR_DIGIT_YEAR.findall(token)
    ]
    return max(years, default=DEFAULT_REFERENCE_YEAR)


def _text(token: str) -> str:
    return " ".join(token.split())


@frozen
class _Qualification:
    certifications: tuple[str, ...] = ()
    subspecialties: tuple[str, ...] = ()
    licensed_in: tuple[str, ...] = ()
    profession: str | None = None


@frozen
class _Practice:
    years: int | None
    hours: int | None


@frozen
class _Credentials:
    licensed_in: tuple[str, ...]
    certifications: tuple[str, ...]


@frozen
class _Summary:
    text: str


@frozen
class _BasisSentence:
    kind: str
    citations: tuple[Citation, ...] = ()
    text: str = ""


@frozen
class _Item:
    item: str
    outcome: Outcome
    original_request: str | None
    authorized: str | None


class LetterTransformer(Transformer[Token, Determination]):
    """Build a :class:`~imrparse.models.Determination` from a letter's parse tree."""

    def __init__(self, canonical: str, reference_year: int) -> None:
        super().__init__(visit_tokens=False)
        self._canonical = canonical
        self._reference_year = reference_year
        self.warnings: list[ReadWarning] = []

    # -- warnings ------------------------------------------------------------------

    def _warn(self, kind: WarningKind, field: str, message: str) -> None:
        self.warnings.append(ReadWarning(kind=kind, field=field, message=message))

    def _date(self, reading: ReadDate | None, written: str, field: str) -> Any:
        if reading is not None:
            written = reading.written
        if reading is None or reading.value is None:
            self._warn(
                WarningKind.UNREADABLE_VALUE, field, f"{written!r} is not a date; left empty"
            )
            return None
        if reading.two_digit_year:
            self._warn(
                WarningKind.DOUBTFUL_VALUE,
                field,
                f"two-digit year in {written!r} read as {reading.value.year}",
            )
        return reading.value

    # -- 1. header -----------------------------------------------------------------

    def header_field(self, children: list[Token]) -> tuple[str, str | None]:
        label = children[0][:-1]
        value = _text(children[1]) if len(children) > 1 else None
        return label, value

    def header(self, fields: list[tuple[str, str | None]]) -> CaseHeader:
        values: dict[str, Any] = {}
        for label, value in fields:
            name = _HEADER_FIELDS[label]
            if value is None or name in {"case_number", "priority"}:
                values[name] = value
            else:
                values[name] = self._date(
                    read_date(value, self._reference_year), value, f"case.{name}"
                )
        return CaseHeader(**values)

    # -- 2. reviewer -----------------------------------------------------------------

    def board_certification(self, children: list[Token]) -> _Qualification:
        return _Qualification(certifications=split_prose_list(children[1]))

    def licensed_profession(self, children: list[Token]) -> _Qualification:
        return _Qualification(profession=_text(children[1]))

    def subspecialty(self, children: list[Token]) -> tuple[str, tuple[str, ...]]:
        return "subspecialties", split_prose_list(children[1])

    def licensure(self, children: list[Token]) -> tuple[str, tuple[str, ...]]:
        return "licensed_in", split_prose_list(children[1])

    def qualification(self, children: list[Any]) -> _Qualification:
        found = next(child for child in children if isinstance(child, _Qualification))
        lists: dict[str, tuple[str, ...]] = dict(
            child for child in children if isinstance(child, tuple)
        )
        return _Qualification(
            certifications=found.certifications,
            subspecialties=lists.get("subspecialties", ()),
            licensed_in=lists.get("licensed_in", ()),
            profession=found.profession,
        )

    def practice(self, children: list[Token]) -> _Practice:
        numbers = [child for child in children if child.type == "NUMBER"]
        return _Practice(read_number(numbers[0]), read_number(numbers[1]))

    def reviewer_paragraph(self, children: list[Any]) -> list[Any]:
        return [child for child in children if isinstance(child, _Qualification | _Practice)]

    def licensure_list(self, children: list[Token]) -> tuple[str, tuple[str, ...]]:
        return "states", split_comma_list(children[1]) if len(children) > 1 else ()

    def certification_list(self, children: list[Token]) -> tuple[str, tuple[str, ...]]:
        return "certifications", split_comma_list(children[1]) if len(children) > 1 else ()

    def credentials(self, children: list[Any]) -> _Credentials:
        lists: dict[str, tuple[str, ...]] = dict(
            child for child in children if isinstance(child, tuple)
        )
        return _Credentials(
            licensed_in=lists.get("states", ()), certifications=lists.get("certifications", ())
        )

    def how(self, children: list[Any]) -> tuple[Reviewer, bool]:
        facts: list[Any] = []
        credentials: _Credentials | None = None
        for child in children:
            if isinstance(child, list):
                facts.extend(child)
            elif isinstance(child, _Credentials):
                credentials = child
        qualifications = [fact for fact in facts if isinstance(fact, _Qualification)]
        practice = next((fact for fact in facts if isinstance(fact, _Practice)), None)
        certifications = tuple(c for q in qualifications for c in q.certifications)
        licensed_in = tuple(s for q in qualifications for s in q.licensed_in)
        if credentials is not None:
            certifications += credentials.certifications
            licensed_in += credentials.licensed_in
        reviewer = Reviewer(
            certifications=_unique(certifications),
            subspecialties=_unique(tuple(s for q in qualifications for s in q.subspecialties)),
            licensed_in=_unique(licensed_in),
            profession=next((q.profession for q in qualifications if q.profession), None),
            min_years_in_practice=practice.years if practice else None,
            min_hours_per_week=practice.hours if practice else None,
        )
        return reviewer, credentials is not None

    # -- 3. summary ------------------------------------------------------------------

    def summary(self, children: list[Token]) -> _Summary:
        paragraphs = [child for child in children if child.type == "PARAGRAPH"]
        return _Summary(_text(paragraphs[0]) if paragraphs else "")

    # -- 4. decisions ----------------------------------------------------------------

    def partial_authorization(self, children: list[Token]) -> tuple[str, str]:
        original = re.sub(r"\s*was the original request\.$", "", _text(children[0]), flags=re.I)
        authorized = re.sub(
            r"\s*was authorized by the Claims Administrator\.$", "", _text(children[1]), flags=re.I
        )
        return original, authorized

    def item(self, children: list[Any]) -> _Item:
        partial = next((child for child in children if isinstance(child, tuple)), None)
        tokens = [child for child in children if isinstance(child, Token)]
        item = next(token for token in tokens if token.type == "ITEM")
        outcome = next(token for token in tokens if token.type == "OUTCOME")
        return _Item(
            item=_text(item).rstrip(" ,"),
            outcome=Outcome(outcome.split(":")[-1].strip().lower()),
            original_request=partial[0] if partial else None,
            authorized=partial[1] if partial else None,
        )

    def mtus_citation(self, children: list[Token]) -> _BasisSentence:
        body = _text(children[1]) if len(children) > 1 else ""
        return _BasisSentence("mtus", read_mtus(body))

    def non_mtus_citation(self, children: list[Token]) -> _BasisSentence:
        body = _text(children[1]) if len(children) > 1 else ""
        return _BasisSentence("non_mtus", read_non_mtus(body))

    def not_based_on_mtus(self, _: list[Token]) -> _BasisSentence:
        return _BasisSentence("refusal")

    def outside_mtus(self, _: list[Token]) -> _BasisSentence:
        return _BasisSentence("refusal")

    def no_evidence(self, _: list[Token]) -> _BasisSentence:
        return _BasisSentence("no_evidence")

    def other_basis(self, children: list[Token]) -> _BasisSentence:
        return _BasisSentence("other", text=_text(children[0]))

    def _basis(self, children: list[Any]) -> Basis:
        label: Token = children[0]
        sentences: Sequence[_BasisSentence] = children[1:]
        kinds = {sentence.kind for sentence in sentences}
        citations = tuple(c for sentence in sentences for c in sentence.citations)
        # The whole line after its label (the sentences' own tokens drop the spaces).
        assert label.end_pos is not None
        end = self._canonical.find("\n", label.end_pos)
        text = _text(self._canonical[label.end_pos : end if end != -1 else None])
        return Basis(
            text=text,
            based_on_mtus="mtus" in kinds and not kinds & {"refusal", "no_evidence"},
            cites_evidence="no_evidence" not in kinds,
            citations=citations,
        )

    claims_administrator_basis = _basis
    reviewer_basis = _basis

    def rationale(self, children: list[Token]) -> str:
        return _text(children[1]) if len(children) > 1 else ""

    def decision(self, children: list[Any]) -> Decision:
        item, claims_basis, reviewer_basis, rationale = children
        return Decision(
            item=item.item,
            original_request=item.original_request,
            authorized=item.authorized,
            outcome=item.outcome,
            claims_administrator_basis=claims_basis,
            reviewer_basis=reviewer_basis,
            rationale=rationale,
        )

    def issues(self, children: list[Any]) -> tuple[Decision, ...]:
        return tuple(child for child in children if isinstance(child, Decision))

    # -- the letter --------------------------------------------------------------------

    def start(self, children: list[Any]) -> Determination:
        case = next((child for child in children if isinstance(child, CaseHeader)), None)
        reviewer, has_credentials = next(
            child
            for child in children
            if isinstance(child, tuple) and child and isinstance(child[0], Reviewer)
        )
        summary = next(child for child in children if isinstance(child, _Summary)).text
        decisions = children[-1]
        claimant = self._claimant(summary)
        return Determination(
            generation=GENERATION_2016 if has_credentials else GENERATION_2013,
            case=case,
            reviewer=reviewer,
            claimant=claimant,
            diagnoses=read_diagnoses(summary),
            medications=read_medications(summary),
            summary=summary,
            decisions=decisions,
            warnings=tuple(self.warnings),
        )

    def _claimant(self, summary: str) -> Claimant:
        reading = read_claimant(summary, self._reference_year)
        if reading.sex_from_pronouns:
            self._warn(
                WarningKind.DOUBTFUL_VALUE,
                "claimant.sex",
                "sex taken from pronouns: the first sentence says neither male nor female",
            )
        date_of_injury = None
        if reading.date_of_injury is not None:
            date_of_injury = self._date(reading.date_of_injury, "", "claimant.date_of_injury")
        return Claimant(
            role=reading.role, age=reading.age, sex=reading.sex, date_of_injury=date_of_injury
        )


def _unique(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))
