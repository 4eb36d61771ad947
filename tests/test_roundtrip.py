"""Records to letters and back: ``parse(render(d)) == d``.

The generated records come from :func:`imrparse.testing.determinations`; the real ones
from the fixture letters (``tests/data/letters``) and, when ``IMRPARSE_CORPUS`` is set,
the corpus. A round trip alone proves little, since ``render`` and the parser share one
template, so the first tests pin ``render``'s output to whole expected letters.
"""

from __future__ import annotations

import datetime
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import example, given

from imrparse import (
    GENERATION_2013,
    GENERATION_2016,
    Basis,
    CaseHeader,
    Citation,
    CitationSource,
    Claimant,
    Decision,
    Determination,
    DrugClass,
    Outcome,
    ReadWarning,
    Request,
    RequestCategory,
    Reviewer,
    Sex,
    TreatmentCategory,
    TreatmentSubcategory,
    WarningKind,
    from_dict,
    parse,
    render,
    to_dict,
)
from imrparse.testing import determinations
from support import blank_field, comparable, gap_paths

LETTERS = Path(__file__).parent / "data" / "letters"
CORPUS = os.environ.get("IMRPARSE_CORPUS")
# Norco is hydrocodone with acetaminophen: an opioid.
OPIOID = RequestCategory(
    category=TreatmentCategory.PHARMACEUTICALS,
    subcategory=TreatmentSubcategory.OPIOIDS,
    drug_class=DrugClass.OPIOID,
)

_MTUS = Basis(
    text="Decision based on MTUS Chronic Pain Treatment Guidelines Opioids Page(s): 76-78.",
    based_on_mtus=True,
    cites_evidence=True,
    citations=(
        Citation(
            source=CitationSource.MTUS,
            text="Chronic Pain Treatment Guidelines Opioids Page(s): 76-78",
            title="Chronic Pain Treatment Guidelines",
            sections=("Opioids",),
            pages=(76, 77, 78),
        ),
    ),
)
_NO_EVIDENCE = Basis(
    text="The Claims Administrator did not cite any medical evidence for its decision.",
    based_on_mtus=False,
    cites_evidence=False,
)


_REVIEWER = Reviewer(
    certifications=("Internal Medicine", "Rheumatology"),
    subspecialties=("Pain Medicine",),
    licensed_in=("California", "Texas", "New York"),
    min_years_in_practice=5,
    min_hours_per_week=24,
)


def _letter(**changes: Any) -> Determination:
    """A small first-generation record; ``changes`` replace its fields.

    A letter names one reviewer, so ``reviewers`` is ``(reviewer,)`` unless changed.
    """
    if "reviewer" in changes and "reviewers" not in changes:
        changes["reviewers"] = (changes["reviewer"],)
    record = Determination(
        generation=GENERATION_2013,
        case=None,
        reviewer=_REVIEWER,
        reviewers=(_REVIEWER,),
        claimant=Claimant(
            role="injured worker", age=52, sex=Sex.FEMALE, date_of_injury=datetime.date(2009, 6, 12)
        ),
        diagnoses=("lumbago", "cervicalgia"),
        medications=("Norco 10/325mg",),
        summary=(
            "The injured worker is a 52 year old female who was injured on 06/12/2009. "
            "Diagnoses include lumbago, and cervicalgia. Current medications include "
            "Norco 10/325mg."
        ),
        decisions=(
            Decision(
                item="Norco 10/325mg #90",
                request=Request(name="Norco", strength="10/325mg", quantity=90, category=OPIOID),
                outcome=Outcome.UPHELD,
                claims_administrator_basis=_MTUS,
                reviewer_basis=_MTUS,
                rationale=(
                    "Therefore, the request for Norco 10/325mg #90 is not medically necessary."
                ),
            ),
        ),
    )
    return attrs.evolve(record, **changes)


# -- render writes the template ------------------------------------------------------

FIRST_GENERATION = """\
Case Number: CM14-0912345
Date Assigned: 03/21/2014
Priority: Standard
HOW THE IMR FINAL DETERMINATION WAS MADE
MAXIMUS Federal Services sent the complete case file to an expert reviewer. He/she has no
affiliation with the employer, employee, providers or the claims administrator. The expert
reviewer is Board Certified in Internal Medicine and Rheumatology, has a subspecialty in Pain
Medicine and is licensed to practice in California, Texas and New York. He/she has been in
active clinical practice for more than five years and is currently working at least 24 hours a
week in active practice. The expert reviewer was selected based on his/her clinical experience,
education, background, and expertise in the same or similar specialties that evaluate and/or
treat the medical condition and disputed items/services. He/she is familiar with governing laws
and regulations, including the strength of evidence hierarchy that applies to Independent
Medical Review determinations.
CLINICAL CASE SUMMARY
The expert reviewer developed the following clinical case summary based on a review of the case
file, including all medical records:
The injured worker is a 52 year old female who was injured on 06/12/2009. Diagnoses include
lumbago, and cervicalgia. Current medications include Norco 10/325mg.
IMR ISSUES, DECISIONS AND RATIONALES
The Final Determination was based on decisions for the disputed items/services set forth below:
Norco 10/325mg #90: Upheld
Claims Administrator guideline: Decision based on MTUS Chronic Pain Treatment Guidelines
Opioids Page(s): 76-78.
MAXIMUS guideline: Decision based on MTUS Chronic Pain Treatment Guidelines Opioids Page(s):
76-78.
Decision rationale: Therefore, the request for Norco 10/325mg #90 is not medically necessary.
"""

SECOND_GENERATION = """\
Case Number: CM16-0912345
Date Assigned: 11/23/2016
Date of Injury: 06/12/2009
Decision Date: 12/21/2016
UR Denial Date: 10/20/2016
Priority: Expedited
Application Received: 11/15/2016
HOW THE IMR FINAL DETERMINATION WAS MADE
MAXIMUS Federal Services sent the complete case file to an expert reviewer. He/she has no
affiliation with the employer, employee, providers or the claims administrator. He/she has been
in active clinical practice for more than five years and is currently working at least 24 hours
a week in active practice. The expert reviewer was selected based on his/her clinical
experience, education, background, and expertise in the same or similar specialties that
evaluate and/or treat the medical condition and disputed items/Service. He/she is familiar with
governing laws and regulations, including the strength of evidence hierarchy that applies to
Independent Medical Review determinations.
The Expert Reviewer has the following credentials:
State(s) of Licensure: California, North Carolina
Certification(s)/Specialty: Physical Medicine & Rehabilitation, Pain Management
CLINICAL CASE SUMMARY
The expert reviewer developed the following clinical case summary based on a review of the case
file, including all medical records:
The injured worker is a 52 year old female who was injured on 06/12/2009. Diagnoses include
lumbago, and cervicalgia. Current medications include Norco 10/325mg.
IMR ISSUES, DECISIONS AND RATIONALES
The Final Determination was based on decisions for the disputed items/services set forth below:
Norco 10/325mg #90 was the original request. Norco 10/325mg #60 was authorized by the Claims
Administrator. The remaining IMR eligible portion of the original request, Norco 10/325mg #30
is: Overturned
Claims Administrator guideline: The Claims Administrator did not cite any medical evidence for
its decision.
MAXIMUS guideline: Decision based on MTUS Chronic Pain Treatment Guidelines Opioids Page(s):
76-78.
Decision rationale: The remaining portion, Norco 10/325mg #30, is medically necessary.
"""

_SECOND_GENERATION_RECORD = _letter(
    generation=GENERATION_2016,
    case=CaseHeader(
        case_number="CM16-0912345",
        date_assigned=datetime.date(2016, 11, 23),
        date_of_injury=datetime.date(2009, 6, 12),  # as the summary says
        decision_date=datetime.date(2016, 12, 21),
        ur_denial_date=datetime.date(2016, 10, 20),
        priority="Expedited",
        application_received=datetime.date(2016, 11, 15),
    ),
    reviewer=Reviewer(
        certifications=("Physical Medicine & Rehabilitation", "Pain Management"),
        licensed_in=("California", "North Carolina"),
        min_years_in_practice=5,
        min_hours_per_week=24,
    ),
    decisions=(
        Decision(
            item="Norco 10/325mg #30",
            request=Request(name="Norco", strength="10/325mg", quantity=30, category=OPIOID),
            original_request="Norco 10/325mg #90",
            authorized="Norco 10/325mg #60",
            outcome=Outcome.OVERTURNED,
            claims_administrator_basis=_NO_EVIDENCE,
            reviewer_basis=_MTUS,
            rationale="The remaining portion, Norco 10/325mg #30, is medically necessary.",
        ),
    ),
)


def test_render_writes_a_first_generation_letter() -> None:
    record = _letter(
        case=CaseHeader(
            case_number="CM14-0912345",
            date_assigned=datetime.date(2014, 3, 21),
            priority="Standard",
        )
    )
    assert render(record) == FIRST_GENERATION
    assert parse(FIRST_GENERATION) == record


def test_render_writes_a_second_generation_letter() -> None:
    assert render(_SECOND_GENERATION_RECORD) == SECOND_GENERATION
    assert parse(SECOND_GENERATION) == _SECOND_GENERATION_RECORD


def test_render_names_a_licensed_profession() -> None:
    record = _letter(
        reviewer=Reviewer(
            profession="Chiropractor",
            licensed_in=("California",),
            min_years_in_practice=5,
            min_hours_per_week=24,
        )
    )
    sentence = (
        "The expert reviewer is a Licensed Chiropractor and is licensed to practice in California."
    )
    assert sentence in " ".join(render(record, width=10_000).split())
    assert parse(render(record)) == record


def test_render_names_every_reviewer() -> None:
    second = Reviewer(
        certifications=("Orthopaedic Surgery",),
        licensed_in=("Oregon",),
        min_years_in_practice=10,
        min_hours_per_week=20,
    )
    record = _letter(reviewers=(_REVIEWER, second))
    text = " ".join(render(record).split())
    assert (
        "He/she has been in active clinical practice for more than five years and is "
        "currently working at least 24 hours a week in active practice. The expert reviewer "
        "is Board Certified in Orthopaedic Surgery and is licensed to practice in Oregon. "
        "He/she has been in active clinical practice for more than ten years"
    ) in text
    assert parse(render(record)) == record


def test_render_wraps_at_the_width_asked_for() -> None:
    lines = render(_letter(), width=60).splitlines()
    assert max(len(line) for line in lines) == 60
    assert parse(render(_letter(), width=60)) == _letter()


def test_render_keeps_a_header_without_values() -> None:
    record = _letter(case=CaseHeader())
    assert render(record).startswith("Case Number:\nHOW THE IMR")
    assert parse(render(record)) == record


def test_a_record_of_an_unknown_generation_cannot_be_made() -> None:
    with pytest.raises(ValueError, match="'2020' is not a valid Generation"):
        _letter(generation="2020")


@pytest.mark.parametrize(
    ("record", "message"),
    [
        (
            _letter(reviewer=Reviewer(certifications=("Surgery",), min_years_in_practice=3)),
            "a letter gives a reviewer's practice years and hours together",
        ),
        (
            _letter(generation=GENERATION_2016),
            "a second-generation letter has no place for subspecialties",
        ),
        (
            _letter(reviewers=(Reviewer(licensed_in=("Utah",)),)),
            "the reviewer must be the first of the reviewers",
        ),
        (
            _letter(decisions=(attrs.evolve(_letter().decisions[0], authorized="Norco #30"),)),
            "a partly authorised request needs both original_request and authorized",
        ),
    ],
)
def test_render_refuses_records_no_letter_can_hold(record: Determination, message: str) -> None:
    with pytest.raises(ValueError, match="^" + message.replace("(", r"\(") + "$"):
        render(record)


# -- generated records ------------------------------------------------------------------

# Regression examples: each is a record a property once failed on.
_ODG_TITLE = _letter(
    decisions=(
        attrs.evolve(
            _letter().decisions[0],
            reviewer_basis=Basis(
                text="The Expert Reviewer did not base their decision on the MTUS. Decision "
                "based on Non-MTUS Citation Official Disability Guidelines (ODG), Pain "
                "Chapter, Urine drug testing.",
                based_on_mtus=False,
                cites_evidence=True,
                citations=(
                    Citation(
                        source=CitationSource.NON_MTUS,
                        text="Official Disability Guidelines (ODG), Pain Chapter, Urine drug "
                        "testing",
                        title="Official Disability Guidelines (ODG)",
                        sections=("Pain Chapter", "Urine drug testing"),
                    ),
                ),
            ),
        ),
    )
)


# Found by the property: an abbreviated month ("Apr. 26, 2000") ended the first sentence.
_ABBREVIATED_MONTH = _letter(
    claimant=Claimant(
        role="claimant", age=28, sex=Sex.MALE, date_of_injury=datetime.date(2000, 4, 26)
    ),
    summary="The claimant is a 28 year-old male injured on Apr. 26, 2000. He saw .",
    diagnoses=(),
    medications=(),
)


@given(determinations())
@example(_letter())
@example(_ABBREVIATED_MONTH)
@example(_SECOND_GENERATION_RECORD)
@example(_ODG_TITLE)
def test_parse_reads_back_every_rendered_record(record: Determination) -> None:
    assert parse(render(record)) == record


@given(determinations())
def test_render_of_a_parsed_letter_is_stable(record: Determination) -> None:
    text = render(record)
    assert render(parse(text)) == text


_PRONOUN_SEX = _letter(
    claimant=Claimant(
        role="patient", age=61, sex=Sex.MALE, date_of_injury=datetime.date(2002, 10, 2)
    ),
    summary="The patient is a 61 year old injured on 10/02/02. He ambulated with a slight limp.",
    diagnoses=(),
    medications=(),
    warnings=(
        ReadWarning(
            kind=WarningKind.DOUBTFUL_VALUE,
            field="claimant.sex",
            message="sex taken from pronouns: the first sentence says neither male nor female",
        ),
        ReadWarning(
            kind=WarningKind.DOUBTFUL_VALUE,
            field="claimant.date_of_injury",
            message="two-digit year in '10/02/02' read as 2002",
        ),
    ),
)


@given(determinations(doubtful=True))
@example(_PRONOUN_SEX)
def test_doubtful_reads_come_back_with_their_warnings(record: Determination) -> None:
    assert parse(render(record)) == record


# -- real records -----------------------------------------------------------------------


def _expected_records() -> list[Path]:
    return sorted(LETTERS.glob("*.json"))


@pytest.mark.parametrize("path", _expected_records(), ids=lambda path: path.stem)
def test_expected_records_survive_a_round_trip(path: Path) -> None:
    # The record a person wrote for the letter, not what parse made of it: rendered as a
    # letter, it reads back to itself (fields listed in known_gaps.toml aside, which the
    # parser is known to misread in any layout).
    want = json.loads(path.read_text(encoding="utf-8"))
    gaps = gap_paths(path.stem)
    got = comparable(to_dict(parse(render(from_dict(want)))), want, gaps)
    for field in gaps:
        blank_field(want, field)
    assert got == want


def _corpus_letters() -> list[Path]:
    return sorted(Path(CORPUS, "poppler").glob("*.txt")) if CORPUS else []


@pytest.mark.skipif(not CORPUS, reason="IMRPARSE_CORPUS is not set")
@pytest.mark.parametrize("path", _corpus_letters(), ids=lambda path: path.stem)
def test_corpus_records_survive_a_round_trip(path: Path) -> None:
    # A check that render writes what parse reads, on real text: the record is parse's
    # own, so this says nothing of whether it is read right (test_corpus.py compares the
    # corpus with its hand-read gold for that).
    record = parse(path.read_text(encoding="utf-8"))
    assert parse(render(record)) == record


def test_hypothesis_stays_optional() -> None:
    # ``import imrparse`` must not need hypothesis; imrparse.testing says how to get it.
    script = (
        "import sys; sys.modules['hypothesis'] = None\n"
        "import imrparse\n"
        "assert 'imrparse.testing' not in sys.modules\n"
        "try:\n"
        "    import imrparse.testing\n"
        "except ImportError as error:\n"
        "    print(error)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout == "imrparse.testing needs hypothesis: pip install 'imrparse[testing]'\n"
