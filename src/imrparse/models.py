"""The records that :func:`imrparse.parse` returns.

Every record is a frozen, slotted attrs class built with keyword arguments only;
collections are tuples and closed vocabularies are string-valued enums, so a record is
hashable, comparable and safe to share between threads. This module knows nothing of
lark or cattrs: parsing lives in :mod:`imrparse.read.letter`, plain data in
:mod:`imrparse.export.plain_data`.
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
    "DrugClass",
    "Generation",
    "Outcome",
    "ReadWarning",
    "Request",
    "RequestCategory",
    "Reviewer",
    "Sex",
    "Span",
    "TreatmentCategory",
    "TreatmentSubcategory",
    "WarningKind",
]


class Generation(enum.StrEnum):
    """Which modern template a letter follows."""

    #: The first modern template (late 2013 to 2016).
    FIRST = "2013"
    #: The second modern template (late 2016 onward): credentials block,
    #: chapter/year/section citations, partly authorised requests.
    SECOND = "2016"


#: ``Determination.generation`` of a letter in the first modern template (late 2013 to
#: 2016); the same as :attr:`Generation.FIRST`.
GENERATION_2013 = Generation.FIRST
#: ``Determination.generation`` of a letter in the second modern template (late 2016
#: onward); the same as :attr:`Generation.SECOND`.
GENERATION_2016 = Generation.SECOND


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


class TreatmentCategory(enum.StrEnum):
    """The first level of DWC's classification of a requested treatment.

    The values are the words of DWC's public IMR decision search.
    """

    PHARMACEUTICALS = "Pharmaceuticals"
    DIAGNOSTIC_TESTING = "Diagnostic Testing"
    REHABILITATION = "Rehabilitation"
    INJECTION = "Injection"
    SURGERY = "Surgery"
    #: Durable medical equipment, prosthetics, orthotics and supplies.
    DMEPOS = "DMEPOS"
    EVALUATION_AND_MANAGEMENT = "Evaluation & Management"
    PSYCH_SERVICES = "Psych Services"
    HOME_HEALTH = "Home Health"
    PROGRAMS = "Programs"
    THERAPIES = "Therapies"
    TRANSPORTATION = "Transportation"


class TreatmentSubcategory(enum.StrEnum):
    """The second level of DWC's classification; each belongs to one category.

    Pharmaceuticals: the drug classes DWC names. Two values repeat a category's words
    under Psych Services (``PSYCH_EVALUATION``, ``PSYCH_THERAPIES``).
    """

    # Pharmaceuticals
    OPIOIDS = "Opioids"
    NSAID = "NSAID"
    MUSCLE_RELAXANT = "Muscle Relaxant"
    BENZODIAZEPINES = "Benzodiazepines"
    ANTI_EPILEPSY_DRUGS = "Anti-epilepsy drugs"
    ANTIDEPRESSANT = "Antidepressant"
    PROTON_PUMP_INHIBITORS = "Proton Pump Inhibitors"
    SEDATIVE_HYPNOTICS = "Sedative-hypnotics"
    TOPICAL_ANALGESICS = "Topical Analgesics"
    TOPICAL_COMPOUNDS = "Topical Compounds"
    # Diagnostic Testing
    IMAGING = "Imaging / Radiology"
    ELECTRODIAGNOSTIC = "EMG/NCV/NCS"
    LAB_AND_PATHOLOGY = "Lab & Pathology"
    OTHER_DIAGNOSTIC_TESTS = "Other Diagnostic Tests"
    # Rehabilitation
    PHYSICAL_THERAPY = "Physical Therapy/Occupational Therapy"
    CHIROPRACTIC = "Chiropractic"
    ACUPUNCTURE = "Acupuncture"
    OTHER_THERAPIES = "Other Therapies"
    # Injection
    FACET_INJECTION = "Facet Injection"
    INJECTION = "Injection"
    # Surgery
    SPINE = "Spine"
    ARTHROSCOPIC = "Arthroscopic"
    NON_ARTHROSCOPIC = "Non-arthroscopic"
    ADJUNCT_SURGICAL_SERVICES = "Adjunct Surgical Services"
    SURGICAL_CONSULT = "Surgical Consult"
    # DMEPOS
    DME = "DME"
    ELECTRICAL_STIMULATION = "Electrical Stimulation"
    PROSTHETICS_ORTHOTICS = "Prosthetics/Orthotics"
    SUPPLIES = "Supplies"
    # Evaluation & Management
    MEDICAL_SPECIALTIES = "Medical Specialties"
    DENTAL_SERVICES = "Dental Services"
    # Psych Services
    PSYCH_EVALUATION = "Evaluation & Management"
    PSYCH_THERAPIES = "Therapies"


class DrugClass(enum.StrEnum):
    """The pharmacological class of a requested drug.

    Finer than DWC's Pharmaceuticals subcategories where DWC has none for the class
    (an antiemetic, a laxative); a topical NSAID is ``NSAID`` here and
    ``Topical Analgesics`` in DWC's subcategory.
    """

    OPIOID = "opioid"
    NSAID = "NSAID"
    MUSCLE_RELAXANT = "muscle relaxant"
    BENZODIAZEPINE = "benzodiazepine"
    ANTICONVULSANT = "anticonvulsant"
    ANTIDEPRESSANT = "antidepressant"
    PROTON_PUMP_INHIBITOR = "proton pump inhibitor"
    H2_BLOCKER = "H2 blocker"
    SEDATIVE_HYPNOTIC = "sedative-hypnotic"
    #: Acetaminophen and other analgesics that are neither opioids nor NSAIDs.
    NON_OPIOID_ANALGESIC = "non-opioid analgesic"
    #: Lidocaine and its kin.
    LOCAL_ANESTHETIC = "local anesthetic"
    #: Capsaicin, menthol, methyl salicylate, camphor.
    COUNTERIRRITANT = "counterirritant"
    #: Several active drugs in one product or preparation.
    COMPOUND = "compound"
    ANTIEMETIC = "antiemetic"
    LAXATIVE = "laxative"
    PDE5_INHIBITOR = "PDE5 inhibitor"
    TRIPTAN = "triptan"
    CORTICOSTEROID = "corticosteroid"
    ANTIPSYCHOTIC = "antipsychotic"
    ANTIHISTAMINE = "antihistamine"
    STIMULANT = "stimulant"
    #: Medical foods and supplements (Theramine, Sentra, glucosamine).
    MEDICAL_FOOD = "medical food"
    #: Buprenorphine for opioid dependence, naloxone, naltrexone.
    OPIOID_ANTAGONIST = "opioid antagonist"


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


_T, _S = TreatmentCategory, TreatmentSubcategory
#: DWC's subcategories of each category, in DWC's order (the vocabulary of
#: ``read/free_text/categories.py`` is checked against it).
_SUBCATEGORIES: dict[TreatmentCategory, tuple[TreatmentSubcategory, ...]] = {
    _T.PHARMACEUTICALS: (
        _S.OPIOIDS,
        _S.NSAID,
        _S.MUSCLE_RELAXANT,
        _S.BENZODIAZEPINES,
        _S.ANTI_EPILEPSY_DRUGS,
        _S.ANTIDEPRESSANT,
        _S.PROTON_PUMP_INHIBITORS,
        _S.SEDATIVE_HYPNOTICS,
        _S.TOPICAL_ANALGESICS,
        _S.TOPICAL_COMPOUNDS,
    ),
    _T.DIAGNOSTIC_TESTING: (
        _S.IMAGING,
        _S.ELECTRODIAGNOSTIC,
        _S.LAB_AND_PATHOLOGY,
        _S.OTHER_DIAGNOSTIC_TESTS,
    ),
    _T.REHABILITATION: (_S.PHYSICAL_THERAPY, _S.CHIROPRACTIC, _S.ACUPUNCTURE, _S.OTHER_THERAPIES),
    _T.INJECTION: (_S.FACET_INJECTION, _S.INJECTION),
    _T.SURGERY: (
        _S.SPINE,
        _S.ARTHROSCOPIC,
        _S.NON_ARTHROSCOPIC,
        _S.ADJUNCT_SURGICAL_SERVICES,
        _S.SURGICAL_CONSULT,
    ),
    _T.DMEPOS: (_S.DME, _S.ELECTRICAL_STIMULATION, _S.PROSTHETICS_ORTHOTICS, _S.SUPPLIES),
    _T.EVALUATION_AND_MANAGEMENT: (_S.MEDICAL_SPECIALTIES, _S.DENTAL_SERVICES),
    _T.PSYCH_SERVICES: (_S.PSYCH_EVALUATION, _S.PSYCH_THERAPIES),
    _T.HOME_HEALTH: (),
    _T.PROGRAMS: (),
    _T.THERAPIES: (),
    _T.TRANSPORTATION: (),
}


@frozen(kw_only=True)
class RequestCategory:
    """DWC's category of a requested item, read from the item's own words.

    ``subcategory`` is ``None`` when the item names its category but not which of its
    subcategories (``'Right knee surgery'``), and, for a drug, when DWC names no
    subcategory for its class (an antiemetic).
    """

    #: The first level (``TreatmentCategory.PHARMACEUTICALS``).
    category: TreatmentCategory
    #: The second level (``TreatmentSubcategory.OPIOIDS``), when the item says it.
    subcategory: TreatmentSubcategory | None = None
    #: For a drug, its pharmacological class (``DrugClass.OPIOID`` for Norco).
    drug_class: DrugClass | None = None


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
    #: DWC's category of the item; ``None``, with a warning, when the item does not
    #: say enough.
    category: RequestCategory | None = None


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

    #: Which template the letter was read as: :attr:`Generation.FIRST` (``'2013'``) or
    #: :attr:`Generation.SECOND` (``'2016'``); a plain ``'2013'`` or ``'2016'`` is
    #: converted.
    generation: Generation = attrs.field(converter=Generation)
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
