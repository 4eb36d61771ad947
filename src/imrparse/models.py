"""The records that :func:`imrparse.parse` returns.

Every record is a frozen, slotted attrs class built with keyword arguments only;
collections are tuples and closed vocabularies are string-valued enums, so a record is
hashable, comparable and safe to share between threads. This module knows nothing of
lark or cattrs: parsing lives in :mod:`imrparse.letter`, plain data in
:mod:`imrparse.serde`.
"""

from __future__ import annotations

import datetime
import enum

import attrs
from attrs import frozen

__all__ = [
    "GENERATION_2013",
    "GENERATION_2016",
    "Basis",
    "CaseHeader",
    "Citation",
    "CitationSource",
    "Claimant",
    "Decision",
    "Determination",
    "Outcome",
    "ReadWarning",
    "Request",
    "Reviewer",
    "Sex",
    "Span",
    "WarningKind",
]

#: ``Determination.generation`` of a letter in the first modern template (late 2013 to
#: 2016): the reviewer's certification and state are named inside the reviewer paragraph.
GENERATION_2013 = "2013"
#: ``Determination.generation`` of a letter in the second modern template (late 2016
#: onward): a credentials block (``State(s) of Licensure:``,
#: ``Certification(s)/Specialty:``) follows the reviewer paragraph.
GENERATION_2016 = "2016"


class Outcome(enum.StrEnum):
    """What the expert reviewer decided about one disputed item."""

    #: The utilization review denial stands: the item is not medically necessary.
    UPHELD = "upheld"
    #: The denial is reversed: the item is medically necessary.
    OVERTURNED = "overturned"


class Sex(enum.StrEnum):
    """The injured worker's sex as the case summary gives it."""

    MALE = "male"
    FEMALE = "female"


class CitationSource(enum.StrEnum):
    """Which body of guidance a citation comes from."""

    #: California's Medical Treatment Utilization Schedule.
    MTUS = "MTUS"
    #: Anything outside the MTUS (ODG, UpToDate, journal articles, ...).
    NON_MTUS = "Non-MTUS"


class WarningKind(enum.StrEnum):
    """Why a :class:`ReadWarning` was raised."""

    #: A value was present but could not be read; the field is ``None``.
    UNREADABLE_VALUE = "unreadable-value"
    #: A value was read, but by a rule that can be wrong (a two-digit year, sex taken
    #: from pronouns).
    DOUBTFUL_VALUE = "doubtful-value"
    #: Lenient mode only: a part of the letter could not be read and was left out.
    SKIPPED_PART = "skipped-part"
    #: The letter's file was not UTF-8 and was decoded as another encoding
    #: (:func:`imrparse.parse_file`, :func:`imrparse.parse_many`): a character may be
    #: wrong where the guess was. Never raised by :func:`imrparse.parse` itself.
    GUESSED_ENCODING = "guessed-encoding"


@frozen
class Span:
    """Where a record came from: ``text[start:end]`` of the string passed to ``parse``.

    Offsets index the caller's own string, before any normalisation, so the region can
    be shown or highlighted as the user has it. Records built by hand have no span.
    """

    #: Offset of the first character.
    start: int
    #: Offset just past the last character.
    end: int


@frozen(kw_only=True)
class ReadWarning:
    """A note about a value that was not read, or read with doubt.

    Strict parsing still returns the record; the warnings say which of its values to
    treat with care.
    """

    #: What sort of problem this is.
    kind: WarningKind
    #: Which field of the record it concerns, as a dotted path (``'claimant.sex'``).
    field: str
    #: A sentence for a person: what was found and what was done with it.
    message: str
    #: Where in the input the value (or the unread part) is, when known.
    span: Span | None = attrs.field(default=None, eq=False)


@frozen(kw_only=True)
class CaseHeader:
    """The label/value block at the top of a letter as DWC posts it."""

    #: The IMR case number (``'CM16-0221706'``).
    case_number: str | None = None
    #: ``Date Assigned:``, when the case went to the reviewer.
    date_assigned: datetime.date | None = None
    #: ``Date of Injury:``.
    date_of_injury: datetime.date | None = None
    #: ``Decision Date:``, the date of the determination.
    decision_date: datetime.date | None = None
    #: ``UR Denial Date:``, the utilization review decision that was disputed.
    ur_denial_date: datetime.date | None = None
    #: ``Application Received:``, when the IMR application arrived.
    application_received: datetime.date | None = None
    #: ``Priority:`` as written (``'Standard'``, ``'Expedited'``).
    priority: str | None = None
    #: Where in the input this record was read from (not part of equality).
    span: Span | None = attrs.field(default=None, eq=False)


@frozen(kw_only=True)
class Reviewer:
    """The expert reviewer's qualifications."""

    #: Board certifications as written (``('Physical Medicine and Rehabilitation',)``);
    #: for second-generation letters, the ``Certification(s)/Specialty`` list.
    certifications: tuple[str, ...] = ()
    #: Subspecialties as written (``('Pain Medicine',)``).
    subspecialties: tuple[str, ...] = ()
    #: States where the reviewer is licensed (``('California', 'Texas')``).
    licensed_in: tuple[str, ...] = ()
    #: The licensed profession of a reviewer who is not named as board certified
    #: (``'Chiropractor'``, ``'Acupuncturist'``, ``'Psychologist'``); ``None`` otherwise.
    profession: str | None = None
    #: Lower bound on years in active clinical practice (``5`` for "more than five years").
    min_years_in_practice: int | None = None
    #: Lower bound on hours a week in active practice (``24``).
    min_hours_per_week: int | None = None
    #: Where in the input this record was read from (not part of equality).
    span: Span | None = attrs.field(default=None, eq=False)


@frozen(kw_only=True)
class Claimant:
    """The injured worker as the first sentence of the case summary names them."""

    #: The noun the summary uses, lower case (``'injured worker'``, ``'claimant'``,
    #: ``'patient'``, ``'applicant'``, ``'employee'``, ``'iw'``).
    role: str | None = None
    #: Age in years at the time of the summary.
    age: int | None = None
    #: From the words male/female; from pronouns only when all of them agree.
    sex: Sex | None = None
    #: The date of injury the summary gives.
    date_of_injury: datetime.date | None = None
    #: Where in the input this record was read from (not part of equality).
    span: Span | None = attrs.field(default=None, eq=False)


@frozen(kw_only=True)
class Citation:
    """One guideline title or chapter (MTUS), or one Non-MTUS source, that a basis cites."""

    #: MTUS or Non-MTUS.
    source: CitationSource
    #: The citation as written, whitespace collapsed.
    text: str
    #: The guideline title or chapter (``'Chronic Pain Treatment Guidelines'``,
    #: ``'Low Back Complaints'``, ``'Official Disability Guidelines (ODG)'``).
    title: str | None = None
    #: The edition year written after the title (``2004``).
    year: int | None = None
    #: Topics or sections, in order (``('Benzodiazepines',)``, ``('Special Studies',)``).
    sections: tuple[str, ...] = ()
    #: Page numbers with ranges expanded, in order, without duplicates.
    pages: tuple[int, ...] = ()
    #: Where in the input this record was read from (not part of equality).
    span: Span | None = attrs.field(default=None, eq=False)


@frozen(kw_only=True)
class Basis:
    """A guideline line: what the claims administrator or the reviewer relied on."""

    #: The whole line after its label, whitespace collapsed.
    text: str
    #: ``False`` when the line says the decision was not based on the MTUS, or was based
    #: on recommendations outside it, or cites no evidence at all.
    based_on_mtus: bool
    #: ``False`` for "did not cite any medical evidence".
    cites_evidence: bool
    #: One per MTUS title or chapter and one per Non-MTUS source.
    citations: tuple[Citation, ...] = ()
    #: Where in the input this record was read from (not part of equality).
    span: Span | None = attrs.field(default=None, eq=False)


@frozen(kw_only=True)
class Request:
    """What was requested, read from a decision's item line.

    Every part is ``None`` when the item does not say it; what could not be placed in
    a part is kept in :attr:`unparsed`.
    """

    #: The drug, service or device (``'Diazepam'``, ``'Acupuncture'``,
    #: ``'MRI of the Right Knee'``).
    name: str | None = None
    #: Strength as written (``'10mg'``, ``'7.5-325mg'``, ``'10/325mg'``, ``'5%'``).
    strength: str | None = None
    #: Count of units or sessions (``#30``, ``QTY: 60``, ``60 Tablets of``, ``x 6``).
    quantity: int | None = None
    #: How often, as written (``'2 times a week'``, ``'35 hours per week'``).
    frequency: str | None = None
    #: For how long, as written (``'6 weeks'``).
    duration: str | None = None
    #: The body part named (``'knee'``, ``'lumbar spine'``).
    body_part: str | None = None
    #: ``'left'``, ``'right'`` or ``'bilateral'``.
    laterality: str | None = None
    #: Pieces of the item that no part above took, in order.
    unparsed: tuple[str, ...] = ()


@frozen(kw_only=True)
class Decision:
    """The reviewer's decision on one disputed item or service."""

    #: The disputed item; for a partly authorised request, the remaining portion.
    item: str
    #: The outcome word after the item.
    outcome: Outcome
    #: ``Claims Administrator guideline:``, the basis of the utilization review.
    claims_administrator_basis: Basis
    #: ``MAXIMUS guideline:``, the basis of the expert reviewer.
    reviewer_basis: Basis
    #: ``Decision rationale:``, whitespace collapsed.
    rationale: str
    #: For a partly authorised request: the original request.
    original_request: str | None = None
    #: For a partly authorised request: what the claims administrator authorised.
    authorized: str | None = None
    #: What was requested, read from :attr:`item` (see :class:`Request`).
    request: Request = attrs.field(factory=Request)
    #: Where in the input this decision, item line to rationale, was read from.
    span: Span | None = attrs.field(default=None, eq=False)


@frozen(kw_only=True)
class Determination:
    """Everything one IMR Final Determination Letter says, as data."""

    #: Which template the letter was read as: :data:`GENERATION_2013` (``'2013'``) or
    #: :data:`GENERATION_2016` (``'2016'``).
    generation: str
    #: The header block, when the letter has one.
    case: CaseHeader | None
    #: The expert reviewer.
    reviewer: Reviewer
    #: The injured worker.
    claimant: Claimant
    #: Each diagnosis the summary lists, in order.
    diagnoses: tuple[str, ...]
    #: Each current medication the summary lists, with its strength as written.
    medications: tuple[str, ...]
    #: The clinical case summary after its fixed lead-in.
    summary: str
    #: One decision per disputed item, in order.
    decisions: tuple[Decision, ...]
    #: Every reviewer the letter names, in order; :attr:`reviewer` is the first.
    reviewers: tuple[Reviewer, ...] = ()
    #: Values that were not read, or read by a rule that can be wrong.
    warnings: tuple[ReadWarning, ...] = ()
    #: Where the summary (after its lead-in) is in the input.
    summary_span: Span | None = attrs.field(default=None, eq=False)
    #: Where each of :attr:`diagnoses` is in the input, in the same order.
    diagnosis_spans: tuple[Span, ...] = attrs.field(default=(), eq=False)
    #: Where each of :attr:`medications` is in the input, in the same order.
    medication_spans: tuple[Span, ...] = attrs.field(default=(), eq=False)
