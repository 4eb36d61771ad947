"""Lark trees -> records. This module only builds records.

One :class:`LetterTransformer` is made per parse: it carries that letter's canonical
text, its offset map (for spans), its reference year (for two-digit years) and the
letter's warnings, so no state is shared between calls.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

import attrs
from attrs import frozen
from lark import Token, Transformer, Tree

from imrparse.extract.citations import LocatedCitation, read_mtus, read_non_mtus
from imrparse.extract.claimant import read_claimant
from imrparse.extract.dates import DEFAULT_REFERENCE_YEAR, ReadDate, read_date
from imrparse.extract.lists import read_diagnoses, read_medications
from imrparse.extract.pieces import Doubt
from imrparse.extract.qualifications import read_number, split_comma_list, split_prose_list
from imrparse.extract.request import read_request
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
    Span,
    WarningKind,
)
from imrparse.normalize import OffsetMap, input_span

__all__ = ["LetterTransformer", "ReviewerSection", "Summary", "reference_year"]

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
_ORIGINAL_REQUEST_END = re.compile(r"\s*was the original request\.$", re.IGNORECASE)
_AUTHORIZED_END = re.compile(r"\s*was authorized by the Claims Administrator\.$", re.IGNORECASE)


def reference_year(tree: Tree[Token]) -> int:
    """The latest four-digit year among a letter's header dates (see ``extract.dates``).

    ``tree`` is a whole letter's tree or a header's own tree (lenient mode).
    """
    header: Tree[Token] | Token | None = tree
    if tree.data != "header":
        header = tree.children[0] if tree.children else None
    if not isinstance(header, Tree) or header.data != "header":
        return DEFAULT_REFERENCE_YEAR
    years = [
        int(year)
        for field in header.children
        if isinstance(field, Tree)
        for token in field.children
        if isinstance(token, Token) and token.type == "HEADER_VALUE"
        for year in _FOUR_DIGIT_YEAR.findall(token)
    ]
    return max(years, default=DEFAULT_REFERENCE_YEAR)


def _text(token: str) -> str:
    return " ".join(token.split())


def _cover(spans: Iterable[Span | None]) -> Span | None:
    """The smallest span that covers every given span."""
    known = [span for span in spans if span is not None]
    if not known:
        return None
    return Span(min(span.start for span in known), max(span.end for span in known))


@frozen
class Where:
    """A rule's extent in the text that was parsed: from its first token to its last."""

    start: int | None
    end: int | None


# Intermediate results: what a subtree says, before the record that holds it exists.


@frozen
class _HeaderField:
    name: str
    value: str | None
    span: Span | None


@frozen
class _Qualification:
    certifications: tuple[str, ...] = ()
    subspecialties: tuple[str, ...] = ()
    licensed_in: tuple[str, ...] = ()
    profession: str | None = None
    span: Span | None = None


@frozen
class _Practice:
    years: int | None
    hours: int | None
    span: Span | None


@frozen
class _Credentials:
    licensed_in: tuple[str, ...]
    certifications: tuple[str, ...]
    span: Span | None


@frozen
class ReviewerSection:
    """What the HOW THE IMR FINAL DETERMINATION WAS MADE section says."""

    reviewers: tuple[Reviewer, ...]
    has_credentials: bool


@frozen
class Summary:
    """The case summary's text, and where it starts in the canonical text."""

    text: str
    start: int  # canonical offset of the text's first character


@frozen
class _BasisSentence:
    kind: str
    citations: tuple[Citation, ...] = ()


@frozen
class _Item:
    item: str
    outcome: Outcome
    original_request: str | None
    authorized: str | None


class LetterTransformer(Transformer[Token, Determination]):
    """Build a :class:`~imrparse.models.Determination` from a letter's parse tree.

    Every rule callback takes the rule's extent in the canonical text (a
    :class:`Where`) and its transformed children. The tree is walked here, extents taken
    from the tokens, rather than with Lark's ``propagate_positions`` and
    ``v_args(meta=True)``, which together cost about half the parse time.
    """

    def __init__(
        self, canonical: str, offsets: OffsetMap, reference_year: int, base: int = 0
    ) -> None:
        """Read a tree of ``canonical[base:]`` (``base`` > 0 when parsing one section)."""
        super().__init__(visit_tokens=False)
        self._canonical = canonical
        self._base = base
        self._offsets = offsets
        self._reference_year = reference_year
        self.warnings: list[ReadWarning] = []

    def transform(self, tree: Tree[Token]) -> Any:
        """Transform ``tree`` bottom-up: each rule's callback gets (where, children).

        Returns a :class:`Determination` for a whole letter's tree, or the part a
        section's tree gives (lenient mode parses sections on their own).
        """
        return self._walk(tree)[0]

    def _walk(self, tree: Tree[Token]) -> tuple[Any, int | None, int | None]:
        children: list[Any] = []
        start: int | None = None
        end: int | None = None
        for child in tree.children:
            if isinstance(child, Tree):
                value, child_start, child_end = self._walk(child)
            else:
                value, child_start, child_end = child, child.start_pos, child.end_pos
            children.append(value)
            if child_start is not None:
                start = child_start if start is None else start
                end = child_end
        result = getattr(self, tree.data)(Where(start, end), children)
        return result, start, end

    # -- positions and warnings ----------------------------------------------------

    def _span(self, start: int, end: int) -> Span:
        """The input span of canonical ``[start, end)`` (absolute), without line ends."""
        span = input_span(self._canonical, self._offsets, start, end)
        if span is None:  # an empty part still has a place
            point = self._offsets.to_original(start)
            return Span(point, point)
        return span

    def _meta_span(self, meta: Where) -> Span | None:
        if meta.start is None or meta.end is None:
            return None
        return self._span(self._base + meta.start, self._base + meta.end)

    def _warn(self, kind: WarningKind, field: str, message: str, span: Span | None) -> None:
        self.warnings.append(ReadWarning(kind=kind, field=field, message=message, span=span))

    def _date(self, reading: ReadDate | None, written: str, field: str, span: Span | None) -> Any:
        if reading is None or reading.value is None:
            shown = reading.written if reading else written
            self._warn(
                WarningKind.UNREADABLE_VALUE, field, f"{shown!r} is not a date; left empty", span
            )
            return None
        if reading.two_digit_year:
            self._warn(
                WarningKind.DOUBTFUL_VALUE,
                field,
                f"two-digit year in {reading.written!r} read as {reading.value.year}",
                span,
            )
        return reading.value

    # -- 1. header -----------------------------------------------------------------

    def header_field(self, meta: Where, children: list[Token]) -> _HeaderField:
        value = _text(children[1]) if len(children) > 1 else None
        return _HeaderField(children[0][:-1], value, self._meta_span(meta))

    def header(self, meta: Where, fields: list[_HeaderField]) -> CaseHeader:
        values: dict[str, Any] = {}
        for field in fields:
            name = _HEADER_FIELDS[field.name]
            if field.value is None or name in {"case_number", "priority"}:
                values[name] = field.value
            else:
                reading = read_date(field.value, self._reference_year)
                values[name] = self._date(reading, field.value, f"case.{name}", field.span)
        # Header values are reordered by the normaliser: cover every field's own span.
        return CaseHeader(**values, span=_cover(field.span for field in fields))

    # -- 2. reviewer -----------------------------------------------------------------

    def board_certification(self, meta: Where, children: list[Token]) -> _Qualification:
        return _Qualification(certifications=split_prose_list(children[1]))

    def licensed_profession(self, meta: Where, children: list[Token]) -> _Qualification:
        return _Qualification(profession=_text(children[1]))

    def subspecialty(self, meta: Where, children: list[Token]) -> tuple[str, tuple[str, ...]]:
        return "subspecialties", split_prose_list(children[1])

    def licensure(self, meta: Where, children: list[Token]) -> tuple[str, tuple[str, ...]]:
        return "licensed_in", split_prose_list(children[1])

    def qualification(self, meta: Where, children: list[Any]) -> _Qualification:
        found = next(child for child in children if isinstance(child, _Qualification))
        lists: dict[str, tuple[str, ...]] = dict(
            child for child in children if isinstance(child, tuple)
        )
        return _Qualification(
            certifications=found.certifications,
            subspecialties=lists.get("subspecialties", ()),
            licensed_in=lists.get("licensed_in", ()),
            profession=found.profession,
            span=self._meta_span(meta),
        )

    def practice(self, meta: Where, children: list[Token]) -> _Practice:
        numbers = [child for child in children if child.type == "NUMBER"]
        return _Practice(read_number(numbers[0]), read_number(numbers[1]), self._meta_span(meta))

    def reviewer_paragraph(self, meta: Where, children: list[Any]) -> list[Any]:
        return [child for child in children if isinstance(child, _Qualification | _Practice)]

    def licensure_list(self, meta: Where, children: list[Token]) -> tuple[str, tuple[str, ...]]:
        return "states", split_comma_list(children[1]) if len(children) > 1 else ()

    def certification_list(self, meta: Where, children: list[Token]) -> tuple[str, tuple[str, ...]]:
        return "certifications", split_comma_list(children[1]) if len(children) > 1 else ()

    def credentials(self, meta: Where, children: list[Any]) -> _Credentials:
        lists: dict[str, tuple[str, ...]] = dict(
            child for child in children if isinstance(child, tuple)
        )
        return _Credentials(
            licensed_in=lists.get("states", ()),
            certifications=lists.get("certifications", ()),
            span=self._meta_span(meta),
        )

    def how(self, meta: Where, children: list[Any]) -> ReviewerSection:
        facts: list[Any] = []
        for child in children:
            if isinstance(child, list):
                facts.extend(child)
            elif isinstance(child, _Credentials):
                facts.append(child)
        return ReviewerSection(
            reviewers=_reviewers(facts),
            has_credentials=any(isinstance(fact, _Credentials) for fact in facts),
        )

    # -- 3. summary ------------------------------------------------------------------

    def summary(self, meta: Where, children: list[Token]) -> Summary:
        paragraphs = [child for child in children if child.type == "PARAGRAPH"]
        if not paragraphs:
            return Summary("", self._base + (meta.end or 0))
        paragraph = paragraphs[0]
        assert paragraph.start_pos is not None
        return Summary(str(paragraph), self._base + paragraph.start_pos)

    # -- 4. decisions ----------------------------------------------------------------

    def partial_authorization(self, meta: Where, children: list[Token]) -> tuple[str, str]:
        original = _ORIGINAL_REQUEST_END.sub("", _text(children[0]))
        authorized = _AUTHORIZED_END.sub("", _text(children[1]))
        return original, authorized

    def item(self, meta: Where, children: list[Any]) -> _Item:
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

    def _citations(self, body: Token | None, read: Any) -> tuple[Citation, ...]:
        if body is None:
            return ()
        assert body.start_pos is not None
        located: Sequence[LocatedCitation] = read(str(body))
        at = self._base + body.start_pos
        return tuple(
            attrs.evolve(citation, span=self._span(at + start, at + end))
            for citation, start, end in located
        )

    def mtus_citation(self, meta: Where, children: list[Token]) -> _BasisSentence:
        body = children[1] if len(children) > 1 else None
        return _BasisSentence("mtus", self._citations(body, read_mtus))

    def non_mtus_citation(self, meta: Where, children: list[Token]) -> _BasisSentence:
        body = children[1] if len(children) > 1 else None
        return _BasisSentence("non_mtus", self._citations(body, read_non_mtus))

    def not_based_on_mtus(self, meta: Where, _: list[Token]) -> _BasisSentence:
        return _BasisSentence("refusal")

    def outside_mtus(self, meta: Where, _: list[Token]) -> _BasisSentence:
        return _BasisSentence("refusal")

    def no_evidence(self, meta: Where, _: list[Token]) -> _BasisSentence:
        return _BasisSentence("no_evidence")

    def other_basis(self, meta: Where, children: list[Token]) -> _BasisSentence:
        return _BasisSentence("other")

    def _basis(self, meta: Where, children: list[Any]) -> Basis:
        label: Token = children[0]
        sentences: Sequence[_BasisSentence] = children[1:]
        kinds = {sentence.kind for sentence in sentences}
        # The whole line after its label (the sentences' own tokens drop the spaces).
        assert label.end_pos is not None
        line_start = self._base + label.end_pos
        end = self._canonical.find("\n", line_start)
        text = _text(self._canonical[line_start : end if end != -1 else None])
        return Basis(
            text=text,
            based_on_mtus="mtus" in kinds and not kinds & {"refusal", "no_evidence"},
            cites_evidence="no_evidence" not in kinds,
            citations=tuple(c for sentence in sentences for c in sentence.citations),
            span=self._meta_span(meta),
        )

    claims_administrator_basis = _basis
    reviewer_basis = _basis

    def rationale(self, meta: Where, children: list[Token]) -> str:
        return _text(children[1]) if len(children) > 1 else ""

    def decision(self, meta: Where, children: list[Any]) -> Decision:
        item, claims_basis, reviewer_basis, rationale = children
        return Decision(
            item=item.item,
            original_request=item.original_request,
            authorized=item.authorized,
            outcome=item.outcome,
            claims_administrator_basis=claims_basis,
            reviewer_basis=reviewer_basis,
            rationale=rationale,
            request=read_request(item.item),
            span=self._meta_span(meta),
        )

    def issues(self, meta: Where, children: list[Any]) -> tuple[Decision, ...]:
        return tuple(child for child in children if isinstance(child, Decision))

    # -- the letter --------------------------------------------------------------------

    def start(self, meta: Where, children: list[Any]) -> Determination:
        return self.assemble(
            case=next((child for child in children if isinstance(child, CaseHeader)), None),
            section=next(child for child in children if isinstance(child, ReviewerSection)),
            summary=next(child for child in children if isinstance(child, Summary)),
            decisions=next(child for child in children if isinstance(child, tuple)),
        )

    def assemble(
        self,
        *,
        case: CaseHeader | None,
        section: ReviewerSection | None,
        summary: Summary | None,
        decisions: tuple[Decision, ...],
        generation: str | None = None,
    ) -> Determination:
        """Put a letter's parts together; a part that could not be read is ``None``."""
        summary = summary or Summary("", 0)
        diagnoses = read_diagnoses(summary.text)
        medications = read_medications(summary.text)
        reviewers = section.reviewers if section else ()
        if generation is None:
            credentials = section is not None and section.has_credentials
            generation = GENERATION_2016 if credentials else GENERATION_2013
        claimant = self._claimant(summary) if summary.text else Claimant()
        self._doubts(summary, (*diagnoses.doubts, *medications.doubts))
        return Determination(
            generation=generation,
            case=case,
            reviewer=reviewers[0] if reviewers else Reviewer(),
            reviewers=reviewers,
            claimant=claimant,
            diagnoses=diagnoses.texts(),
            medications=medications.texts(),
            summary=summary.text,
            decisions=decisions,
            warnings=tuple(self.warnings),
            summary_span=(
                self._span(summary.start, summary.start + len(summary.text))
                if summary.text
                else None
            ),
            diagnosis_spans=self._spans_in(summary, diagnoses.entries),
            medication_spans=self._spans_in(summary, medications.entries),
        )

    def _doubts(self, summary: Summary, doubts: Iterable[Doubt]) -> None:
        """The summary readers' doubts, as warnings located in the input."""
        for doubt in doubts:
            span = self._span(summary.start + doubt.start, summary.start + doubt.end)
            self._warn(doubt.kind, doubt.field, doubt.message, span)

    def _spans_in(
        self, summary: Summary, pieces: Iterable[tuple[str, int, int]]
    ) -> tuple[Span, ...]:
        return tuple(self._span(summary.start + a, summary.start + b) for _, a, b in pieces)

    def _claimant(self, summary: Summary) -> Claimant:
        reading = read_claimant(summary.text, self._reference_year)
        sentence = self._span(summary.start, summary.start + reading.sentence_length)
        self._doubts(summary, reading.doubts)
        if reading.sex_from_pronouns:
            self._warn(
                WarningKind.DOUBTFUL_VALUE,
                "claimant.sex",
                "sex taken from pronouns: the first sentence says neither male nor female",
                self._span(summary.start, summary.start + len(summary.text)),
            )
        date_of_injury = None
        if reading.date_of_injury is not None:
            found = reading.date_of_injury
            span = self._span(summary.start + found.start, summary.start + found.end)
            date_of_injury = self._date(found, found.written, "claimant.date_of_injury", span)
        return Claimant(
            role=reading.role,
            age=reading.age,
            sex=reading.sex,
            date_of_injury=date_of_injury,
            span=sentence,
        )


@attrs.define
class _ReviewerFacts:
    """What the letter has said so far about one reviewer (a builder, local to a parse)."""

    certifications: tuple[str, ...] = ()
    subspecialties: tuple[str, ...] = ()
    licensed_in: tuple[str, ...] = ()
    profession: str | None = None
    practice: _Practice | None = None
    has_credentials: bool = False
    spans: list[Span | None] = attrs.Factory(list)

    def build(self) -> Reviewer:
        practice = self.practice
        return Reviewer(
            certifications=_unique(self.certifications),
            subspecialties=_unique(self.subspecialties),
            licensed_in=_unique(self.licensed_in),
            profession=self.profession,
            min_years_in_practice=practice.years if practice else None,
            min_hours_per_week=practice.hours if practice else None,
            span=_cover([*self.spans, practice.span if practice else None]),
        )


def _reviewers(facts: Sequence[Any]) -> tuple[Reviewer, ...]:
    """One reviewer per qualification sentence or credentials block, in letter order.

    A practice sentence ("has been in active clinical practice for more than five
    years ...") belongs to the reviewer before it, or to the next one when no reviewer
    has been named yet. A credentials block completes the reviewer of the paragraph
    before it, or names a reviewer of its own.
    """
    reviewers: list[_ReviewerFacts] = []
    pending: _Practice | None = None
    for fact in facts:
        if isinstance(fact, _Qualification):
            reviewers.append(
                _ReviewerFacts(
                    certifications=fact.certifications,
                    subspecialties=fact.subspecialties,
                    licensed_in=fact.licensed_in,
                    profession=fact.profession,
                    practice=pending,
                    spans=[fact.span],
                )
            )
            pending = None
        elif isinstance(fact, _Practice):
            if reviewers and reviewers[-1].practice is None:
                reviewers[-1].practice = fact
            else:
                pending = fact
        elif isinstance(fact, _Credentials):
            if not reviewers or reviewers[-1].has_credentials:
                reviewers.append(_ReviewerFacts(practice=pending))
                pending = None
            current = reviewers[-1]
            current.certifications += fact.certifications
            current.licensed_in += fact.licensed_in
            current.has_credentials = True
            current.spans.append(fact.span)
    if pending is not None:
        if not reviewers:
            reviewers.append(_ReviewerFacts())
        if reviewers[0].practice is None:
            reviewers[0].practice = pending
    return tuple(facts.build() for facts in reviewers)


def _unique(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))
