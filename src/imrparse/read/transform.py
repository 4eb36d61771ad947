"""Lark trees -> records. This module only builds records.

One :class:`LetterTransformer` is made per parse: it carries that letter's canonical
text, its offset map (for spans), its reference year (for two-digit years) and the
letter's warnings, so no state is shared between calls.
"""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Iterable, Sequence
from typing import NamedTuple, cast

import attrs
from attrs import frozen
from lark import Token, Transformer, Tree

from imrparse.models import (
    Basis,
    CaseHeader,
    Citation,
    Claimant,
    Decision,
    Determination,
    Outcome,
    ReadWarning,
    Request,
    Reviewer,
    Span,
    WarningKind,
)
from imrparse.read import messages
from imrparse.read.free_text.basis import BasisSentence, SentenceKind, read_basis_sentences
from imrparse.read.free_text.brackets import Doubt
from imrparse.read.free_text.categories import read_category
from imrparse.read.free_text.citations import read_mtus, read_non_mtus
from imrparse.read.free_text.claimant import read_claimant
from imrparse.read.free_text.dates import ReadDate, read_date
from imrparse.read.free_text.item import ItemLine, read_item_line
from imrparse.read.free_text.qualifications import split_comma_list
from imrparse.read.free_text.request import read_request, request_doubts
from imrparse.read.free_text.reviewer import Qualification, read_reviewer_paragraph
from imrparse.read.free_text.summary_lists import SummaryScan, read_diagnoses, read_medications
from imrparse.read.normalize import Canonical, input_span
from imrparse.template import (
    CERTIFICATION_LABEL,
    CLAIMS_ADMINISTRATOR_LABEL,
    HEADER_FIELDS,
    LICENSURE_LABEL,
    MAXIMUS_LABEL,
    RATIONALE_LABEL,
)

__all__ = ["LetterTransformer", "ReviewerSection", "Summary"]

_HEADER_FIELDS = dict(HEADER_FIELDS)
_TEXT_FIELDS = frozenset({"case_number", "priority"})
# The order a dispute's dates come in: the injury, the UR denial, the IMR application,
# its assignment to a reviewer, the decision.
_DATE_ORDER = (
    "date_of_injury",
    "ur_denial_date",
    "application_received",
    "date_assigned",
    "decision_date",
)


def _line(token: Token) -> str:
    """A text token's words: the grammar's text terminals take their line's end along.

    Canonical text already has its words one space apart, so nothing else is collapsed.
    """
    value: str = token.value
    return value.removesuffix("\n")


def _text_start(line: str, end: int) -> int:
    """Where the text of a label line starts, its label (with its colon) ending at ``end``.

    The grammar reads a label and its text as one terminal (``MAXIMUS_LINE``, ...),
    which ends in its line end; one space may stand between the colon and the text.
    The label's length is fixed by the terminal, so no colon is looked for.
    """
    return end + 1 if line[end] == " " else end


def _text_at(line: str, end: int) -> str:
    """The text of a label line whose label (with its colon) ends at ``end``."""
    return line[_text_start(line, end) : -1]


def _cut_item_line(line: str) -> tuple[str, Outcome]:
    """An item line's item and outcome: ``'X is: Upheld'`` -> ``('X', Outcome.UPHELD)``.

    The grammar's ``ITEM`` ends in ``: ?(Upheld|Overturned)``; the mark before the
    outcome is the longest of ``( is)? ?: ?`` there, as the item is never empty.
    """
    lower = line.lower()
    outcome = Outcome.UPHELD if lower.endswith("upheld") else Outcome.OVERTURNED
    end = len(line) - len(outcome.value)
    if lower.startswith(" ", end - 1):
        end -= 1
    end -= 1  # the colon
    if lower.startswith(" ", end - 1) and end > 1:
        end -= 1
    if lower.startswith(" is", end - 3) and end > 3:
        end -= 3
    return line[:end], outcome


def _cover(spans: Sequence[Span | None]) -> Span | None:
    """The smallest span that covers every given span."""
    # One loop, not min() and max() over generators (a Python resume per span).
    start: int | None = None
    end = 0
    for span in spans:
        if span is None:
            continue
        if start is None:
            start, end = span.start, span.end
        else:
            start, end = min(start, span.start), max(end, span.end)
    return None if start is None else Span(start, end)


# Intermediate results: what a subtree says, before the record that holds it exists.

#: A citing sentence's citations, and the body offsets each one's span was asked for
#: (None: not known).
_Reading = tuple[tuple[Citation, ...], tuple[tuple[int, int] | None, ...]]


class _Qualification(NamedTuple):
    """A qualification sentence as the reviewer reader read it, and its input span."""

    sentence: Qualification
    span: Span


class _Practice(NamedTuple):
    years: int | None
    hours: int | None
    span: Span | None


class _Credentials(NamedTuple):
    licensed_in: tuple[str, ...]
    certifications: tuple[str, ...]
    span: Span | None


@frozen
class ReviewerSection:
    """What the HOW THE IMR FINAL DETERMINATION WAS MADE section says."""

    reviewers: tuple[Reviewer, ...]


@frozen
class Summary:
    """The case summary's text, and where it starts in the canonical text."""

    text: str
    start: int  # canonical offset of the text's first character


# Real items are under 200 characters. The request reader keeps a token object for every
# few characters, so an endless "item" line (hostile or broken text) would cost many
# times its size; past this length the item is kept whole and its parts are not read.
_LONGEST_ITEM = 1_000

# Where each fixed label, with its colon, ends in its line.
_LICENSURE_END = len(LICENSURE_LABEL)
_CERTIFICATION_END = len(CERTIFICATION_LABEL)
_CLAIMS_ADMINISTRATOR_END = len(CLAIMS_ADMINISTRATOR_LABEL)
_MAXIMUS_END = len(MAXIMUS_LABEL)
_RATIONALE_END = len(RATIONALE_LABEL)

_BASIS_FIELDS = {
    "CLAIMS_ADMINISTRATOR_LINE": "claims_administrator_basis",
    "MAXIMUS_LINE": "reviewer_basis",
}


class LetterTransformer(Transformer[Token, object]):
    """Build a :class:`~imrparse.models.Determination` from a letter's parse tree.

    Every rule callback takes the rule's children as the tree holds them; a rule that
    holds other rules (``start``, ``how``, ``issues``) calls their callbacks itself, by
    the place the grammar gives each, so that no node is looked up by its name but the
    root. A rule that needs its extent in the canonical text takes it from its first and
    last tokens (each such rule holds tokens only). The tree is read here rather than
    with Lark's ``propagate_positions`` and ``v_args(meta=True)``, which together cost
    about half the parse time.
    """

    def __init__(self, canonical: Canonical, base: int = 0) -> None:
        """Read a tree of ``canonical.text[base:]`` (``base`` > 0 when parsing one section)."""
        super().__init__(visit_tokens=False)
        self._letter = canonical
        self._canonical = canonical.text
        self._base = base
        self._offsets = canonical.offsets
        self._reference_year = canonical.reference_year
        self.warnings: list[ReadWarning] = []
        # Each guideline body read in this letter: its sentences, and for each citing
        # sentence its citations and their body offsets (None: not to be reused).
        self._bases: dict[str, tuple[tuple[BasisSentence, ...], list[_Reading | None]]] = {}

    def transform(self, tree: Tree[Token]) -> object:
        """Transform ``tree``: the callback of its rule reads it.

        Returns a :class:`Determination` for a whole letter's tree, or the part a
        section's tree gives (lenient mode parses sections on their own): a
        :class:`CaseHeader`, :class:`ReviewerSection`, :class:`Summary`, a tuple of
        :class:`Decision` or one :class:`Decision`.
        """
        # A rule's name is a lark Token, a str whose __eq__ is Python code, called by
        # every lookup of it: it is looked up as a plain str, copied in C.
        result: object = getattr(self, str(tree.data))(tree.children)
        return result

    def read_letter(self, tree: Tree[Token]) -> Determination:
        """The record of a whole letter's tree (a ``start`` tree)."""
        return self.start(cast("list[Tree[Token]]", tree.children))

    # -- positions and warnings ----------------------------------------------------

    def _span(self, start: int, end: int) -> Span:
        """The input span of canonical ``[start, end)`` (absolute), without line ends."""
        # A Span is always true: "or" gives the point only when input_span found nothing.
        return input_span(self._canonical, self._offsets, start, end) or self._point(start)

    def _point(self, start: int) -> Span:
        """The place of an empty part (one of spaces and line ends) at ``start``."""
        point = self._offsets.to_original(start)
        return Span(point, point)

    def _tokens_span(self, first: Token, last: Token) -> Span:
        """The input span from the start of ``first`` to the end of ``last``."""
        start, end = first.start_pos, last.end_pos
        # A lexed token has its place.
        assert start is not None
        assert end is not None
        start += self._base
        # self._span, written out: one call less for each line's span.
        return input_span(self._canonical, self._offsets, start, self._base + end) or self._point(
            start
        )

    def _warn(self, kind: WarningKind, field: str, message: str, span: Span | None) -> None:
        self.warnings.append(ReadWarning(kind=kind, field=field, message=message, span=span))

    def _date(
        self,
        reading: ReadDate | None,
        written: str,
        field: str,
        span: Span | None,
        *,
        quiet: bool = False,
    ) -> datetime.date | None:
        if reading is None or reading.value is None:
            shown = reading.written if reading else written
            self._warn(WarningKind.UNREADABLE_VALUE, field, messages.not_a_date(shown), span)
            return None
        if reading.two_digit_year and not quiet:
            self._warn(
                WarningKind.DOUBTFUL_VALUE,
                field,
                messages.two_digit_year(reading.written, reading.value.year),
                span,
            )
        return reading.value

    # -- 1. header -----------------------------------------------------------------

    def header(self, children: list[Token]) -> CaseHeader:
        texts: dict[str, str | None] = {}
        dates: dict[str, datetime.date | None] = {}
        lines: dict[str, Token] = {}  # each field's line, the last of a repeated label
        # Header values are reordered by the normaliser: the header's span covers every
        # field's own span. A field's span is made only for a warning; the cover takes
        # the input offsets of each field's first and last characters, which are its
        # span's start and end (input_span's own rule: line ends and spaces left out).
        to_original, base = self._offsets.to_original, self._base
        begins: list[int] = []
        ends: list[int] = []  # each field's last character's input offset
        for token in children:
            # The label and its text: no label holds a colon of its own (one partition
            # costs less than finding the colon and cutting around it).
            label, _, text = token.value.partition(":")
            value = text[1:-1] if text[:1] == " " else text[:-1]
            name = _HEADER_FIELDS[label]
            lines[name] = token
            at = token.start_pos
            assert at is not None
            start = base + at
            begins.append(to_original(start))
            ends.append(to_original(start + len(token.value.rstrip(" \n")) - 1))
            if name in _TEXT_FIELDS:
                texts[name] = value or None
            elif value:
                reading = read_date(value, self._reference_year)
                if reading is not None and reading.value is not None and not reading.two_digit_year:
                    dates[name] = reading.value  # as self._date gives it, without a warning
                else:
                    span = self._tokens_span(token, token)
                    dates[name] = self._date(reading, value, f"case.{name}", span)
            else:
                dates[name] = None
        self._check_date_order(dates, lines)
        return CaseHeader(
            case_number=texts.get("case_number"),
            date_assigned=dates.get("date_assigned"),
            date_of_injury=dates.get("date_of_injury"),
            decision_date=dates.get("decision_date"),
            ur_denial_date=dates.get("ur_denial_date"),
            priority=texts.get("priority"),
            application_received=dates.get("application_received"),
            span=Span(min(begins), max(ends) + 1),
        )

    def _check_date_order(
        self, dates: dict[str, datetime.date | None], lines: dict[str, Token]
    ) -> None:
        """Warn where a header date comes before one that must precede it."""
        known = [(name, dates[name]) for name in _DATE_ORDER if dates.get(name) is not None]
        for (earlier, first), (later, second) in itertools.pairwise(known):
            assert first is not None
            assert second is not None
            if second < first:
                self._warn(
                    WarningKind.DOUBTFUL_VALUE,
                    f"case.{later}",
                    messages.dates_out_of_order(later, second, earlier, first),
                    self._tokens_span(lines[later], lines[later]),
                )

    # -- 2. reviewer -----------------------------------------------------------------

    def _reviewer_paragraph(self, token: Token) -> list[_Qualification | _Practice]:
        assert token.start_pos is not None
        at = self._base + token.start_pos
        paragraph = read_reviewer_paragraph(_line(token))
        facts: list[_Qualification | _Practice] = []
        for fact in paragraph.facts:
            span = self._span(at + fact.start, at + fact.end)
            if isinstance(fact, Qualification):
                facts.append(_Qualification(fact, span))
            else:
                years = self._number(fact.years_written, fact.years, "min_years_in_practice", span)
                hours = self._number(fact.hours_written, fact.hours, "min_hours_per_week", span)
                facts.append(_Practice(years, hours, span))
        for start, end in paragraph.unread:
            self._warn(
                WarningKind.UNREADABLE_VALUE,
                "reviewer",
                messages.UNREAD_REVIEWER_SENTENCE,
                self._span(at + start, at + end),
            )
        return facts

    def _number(self, written: str, value: int | None, field: str, span: Span) -> int | None:
        if value is None:
            self._warn(
                WarningKind.UNREADABLE_VALUE,
                f"reviewer.{field}",
                messages.not_a_number(written),
                span,
            )
        return value

    def credentials(self, children: list[Token]) -> _Credentials:
        licensed_in: tuple[str, ...] = ()
        certifications: tuple[str, ...] = ()
        for token in children[1:]:  # after the lead-in, each line at most once
            if token.type == "LICENSURE_LINE":
                licensed_in = split_comma_list(_text_at(token.value, _LICENSURE_END))
            else:
                certifications = split_comma_list(_text_at(token.value, _CERTIFICATION_END))
        return _Credentials(
            licensed_in=licensed_in,
            certifications=certifications,
            span=self._tokens_span(children[0], children[-1]),
        )

    def how(self, children: list[Tree[Token] | Token]) -> ReviewerSection:
        facts: list[_Qualification | _Practice | _Credentials] = []
        for child in children[1:]:  # after the heading
            if isinstance(child, Tree):  # a credentials block
                facts.append(self.credentials(cast("list[Token]", child.children)))
            else:  # the reviewer paragraph, which comes before any credentials
                facts.extend(self._reviewer_paragraph(child))
        return ReviewerSection(reviewers=_reviewers(facts))

    # -- 3. summary ------------------------------------------------------------------

    def summary(self, children: list[Token]) -> Summary:
        paragraph = children[-1]  # the text, if any, comes last
        if paragraph.type != "PARAGRAPH":
            return Summary("", self._base + (paragraph.end_pos or 0))
        assert paragraph.start_pos is not None
        return Summary(_line(paragraph), self._base + paragraph.start_pos)

    # -- 4. decisions ----------------------------------------------------------------

    def _item(self, token: Token) -> tuple[ItemLine, Outcome]:
        item, outcome = _cut_item_line(_line(token))
        line = read_item_line(item)
        if line.unknown_wording:
            self._warn(
                WarningKind.DOUBTFUL_VALUE,
                "decision.item",
                messages.UNKNOWN_PARTIAL_AUTHORIZATION,
                self._tokens_span(token, token),
            )
        return line, outcome

    def _citations(self, sentence: BasisSentence, at: int) -> _Reading:
        """The citations of an MTUS or Non-MTUS sentence, each built with its span.

        Also where in the body each citation's span was asked for, so that the same body
        met again in the letter is placed without being read again: None when a
        citation's span is not one the reader asked ``span_of`` for.
        """
        if not sentence.body:
            return (), ()
        start = at + sentence.body_start
        text, offsets, point = self._canonical, self._offsets, self._point
        asked: list[tuple[Span, int, int]] = []

        def span_of(body_start: int, body_end: int) -> Span:
            # self._span(start + body_start, start + body_end), written out: one call less
            # for each citation.
            begin = start + body_start
            span = input_span(text, offsets, begin, start + body_end) or point(begin)
            asked.append((span, body_start, body_end))
            return span

        read = read_mtus if sentence.kind is SentenceKind.MTUS else read_non_mtus
        citations = read(sentence.body, span_of=span_of)
        # Matched by identity, not by the order of the calls: ``asked`` keeps every span
        # asked for alive, so no two of them share an id.
        where = {id(span): (begin, end) for span, begin, end in asked}
        return citations, tuple([where.get(id(citation.span)) for citation in citations])

    def _moved(self, reading: _Reading, start: int) -> tuple[Citation, ...]:
        """A body's citations as read before, placed where the same body starts at ``start``."""
        citations, bounds = reading
        span = self._span
        moved: list[Citation] = []
        for citation, bound in zip(citations, bounds, strict=True):
            # A reading is kept only when every citation's offsets are known.
            assert bound is not None
            begin, end = bound
            moved.append(
                Citation(
                    source=citation.source,
                    text=citation.text,
                    title=citation.title,
                    year=citation.year,
                    sections=citation.sections,
                    pages=citation.pages,
                    span=span(start + begin, start + end),
                )
            )
        return tuple(moved)

    def _basis(self, token: Token, label_end: int) -> Basis:
        """The basis a guideline line gives; its label (with the colon) ends at ``label_end``."""
        line: str = token.value
        body_start = _text_start(line, label_end)
        body = line[body_start:-1]
        if not body:
            return Basis(
                text="",
                based_on_mtus=False,
                cites_evidence=True,
                citations=(),
                span=self._tokens_span(token, token),
            )
        assert token.start_pos is not None
        at = self._base + token.start_pos + body_start
        citations: list[Citation] = []
        # A body met before in this letter (the same guideline line for several items)
        # is not read again: its sentences, and each citation's body offsets.
        known = self._bases.get(body)
        readings: list[_Reading | None] = []
        if known is None:
            sentences = read_basis_sentences(body)
        else:
            sentences, readings = known
        # Which kinds the line holds, told apart by identity (an enum's __hash__ is a
        # Python call).
        mtus = refusal = no_evidence = False
        cited = 0  # the citing sentences so far
        for sentence in sentences:
            kind = sentence.kind
            if kind is SentenceKind.MTUS or kind is SentenceKind.NON_MTUS:
                mtus = mtus or kind is SentenceKind.MTUS
                if known is None:
                    reading = self._citations(sentence, at)
                    read = reading[0]
                    # Kept only when every citation's offsets are known.
                    readings.append(reading if None not in reading[1] else None)
                else:
                    before = readings[cited]
                    read = (
                        self._citations(sentence, at)[0]
                        if before is None
                        else self._moved(before, at + sentence.body_start)
                    )
                cited += 1
                citations.extend(read)
            else:
                refusal = refusal or kind is SentenceKind.REFUSAL
                no_evidence = no_evidence or kind is SentenceKind.NO_EVIDENCE
                if sentence.unknown:
                    end = at + sentence.body_start + len(sentence.body)
                    self._warn(
                        WarningKind.DOUBTFUL_VALUE,
                        f"decision.{_BASIS_FIELDS[token.type]}",
                        messages.unknown_basis_sentence(sentence.body),
                        self._span(at + sentence.body_start, end),
                    )
        if known is None:
            self._bases[body] = (sentences, readings)
        return Basis(
            text=body,
            based_on_mtus=mtus and not no_evidence and not refusal,
            cites_evidence=not no_evidence,
            citations=tuple(citations),
            span=self._tokens_span(token, token),
        )

    def decision(self, children: list[Token]) -> Decision:
        item_line, claims_line, reviewer_line, rationale_line = children
        line, outcome = self._item(item_line)
        item = line.item
        claims_basis = self._basis(claims_line, _CLAIMS_ADMINISTRATOR_END)
        reviewer_basis = self._basis(reviewer_line, _MAXIMUS_END)
        rationale = _text_at(rationale_line.value, _RATIONALE_END)
        span = self._tokens_span(item_line, rationale_line)
        if len(item) > _LONGEST_ITEM:
            self._warn(
                WarningKind.UNREADABLE_VALUE,
                "decisions.request",
                messages.item_too_long(len(item), _LONGEST_ITEM),
                span,
            )
            request = Request()
        else:
            category, no_category = read_category(item)
            request = read_request(item, category=category)
            for doubt in request_doubts(request):
                field = f"decisions.request.{doubt.field}"
                self._warn(WarningKind.DOUBTFUL_VALUE, field, doubt.message, span)
            if no_category:
                self._warn(
                    WarningKind.UNREADABLE_VALUE, "decisions.request.category", no_category, span
                )
        return Decision(
            item=item,
            original_request=line.original_request,
            authorized=line.authorized,
            outcome=outcome,
            claims_administrator_basis=claims_basis,
            reviewer_basis=reviewer_basis,
            rationale=rationale,
            request=request,
            span=span,
        )

    def issues(self, children: list[Tree[Token] | Token]) -> tuple[Decision, ...]:
        # The heading, the lead-in if there is one, then the decisions.
        decisions = children[1:] if isinstance(children[1], Tree) else children[2:]
        decision = self.decision
        trees = cast("list[Tree[Token]]", decisions)
        return tuple([decision(cast("list[Token]", tree.children)) for tree in trees])

    # -- the letter --------------------------------------------------------------------

    def start(self, children: list[Tree[Token]]) -> Determination:
        # The header if there is one, then the other three sections in their order.
        *header, section, summary, decisions = children
        return self.assemble(
            case=self.header(cast("list[Token]", header[0].children)) if header else None,
            section=self.how(section.children),
            summary=self.summary(cast("list[Token]", summary.children)),
            decisions=self.issues(decisions.children),
        )

    def assemble(
        self,
        *,
        case: CaseHeader | None,
        section: ReviewerSection | None,
        summary: Summary | None,
        decisions: tuple[Decision, ...],
    ) -> Determination:
        """Put a letter's parts together; a part that could not be read is ``None``."""
        summary = summary or Summary("", 0)
        scan = SummaryScan(summary.text)  # sentence ends and lead-ins, found once
        diagnoses = read_diagnoses(summary.text, scan)
        medications = read_medications(summary.text, scan)
        reviewers = section.reviewers if section else ()
        claimant = self._claimant(summary, case, scan) if summary.text else Claimant()
        self._doubts(summary, (*diagnoses.doubts, *medications.doubts))
        return Determination(
            generation=self._letter.generation,
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
        start, span = summary.start, self._span
        return tuple([span(start + a, start + b) for _, a, b in pieces])

    def _claimant(self, summary: Summary, case: CaseHeader | None, scan: SummaryScan) -> Claimant:
        reading = read_claimant(summary.text, self._reference_year, scan.ends, scan.folded)
        sentence = self._span(summary.start, summary.start + reading.sentence_length)
        self._doubts(summary, reading.doubts)
        if reading.sex_from_pronouns:
            self._warn(
                WarningKind.DOUBTFUL_VALUE,
                "claimant.sex",
                messages.SEX_FROM_PRONOUNS,
                self._span(summary.start, summary.start + len(summary.text)),
            )
        date_of_injury = None
        if reading.date_of_injury is not None:
            found = reading.date_of_injury
            span = self._span(summary.start + found.start, summary.start + found.end)
            header_injury = case.date_of_injury if case is not None else None
            # A two-digit year that gives the header's own date of injury is no doubt.
            agrees = found.value is not None and found.value == header_injury
            date_of_injury = self._date(
                found, found.written, "claimant.date_of_injury", span, quiet=agrees
            )
            if date_of_injury is not None and header_injury not in (None, date_of_injury):
                self._warn(
                    WarningKind.DOUBTFUL_VALUE,
                    "claimant.date_of_injury",
                    messages.injury_dates_differ(date_of_injury, header_injury),
                    span,
                )
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

    #: The lists and profession read so far, as they were written.
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


def _reviewers(facts: Sequence[_Qualification | _Practice | _Credentials]) -> tuple[Reviewer, ...]:
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
            sentence = fact.sentence
            reviewers.append(
                _ReviewerFacts(
                    certifications=sentence.certifications,
                    subspecialties=sentence.subspecialties,
                    licensed_in=sentence.licensed_in,
                    profession=sentence.profession,
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
    return tuple([facts.build() for facts in reviewers])


def _unique(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))
