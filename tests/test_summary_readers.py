"""The case summary readers: claimant, diagnoses and medications, on hand-written text.

Every summary here is invented in the style of real letters; the expected values are
written from the reading rules (docs/reading-rules.md), not from the code's output.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import imrparse
from imrparse.models import Sex, WarningKind
from imrparse.read.free_text.brackets import Doubt
from imrparse.read.free_text.claimant import read_claimant
from imrparse.read.free_text.summary_lists import read_diagnoses, read_medications

LETTERS = Path(__file__).parent / "data" / "letters"

# --- claimant ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("summary", "role"),
    [
        ("The injured worker is a 40 year old male. The patient fell.", "injured worker"),
        ("This case involves a now 51-year-old female. The patient reported pain.", "patient"),
        ("The applicant is a 29-year-old male who has filed a claim.", "applicant"),
        ("The employee is a 38 year-old male.", "employee"),
        ("The claimant is a 60 year old female.", "claimant"),
        ("The IW is a 44 year old male. The injured worker fell.", "iw"),
        ("This is a 50 year old male. The worker was lifting boxes.", "worker"),
        ("This is a 50 year old male. His co-worker saw the fall.", None),
        ("This is a 50 year old male with a worker's compensation claim.", None),
    ],
)
def test_role_is_the_first_noun_for_the_worker(summary: str, role: str | None) -> None:
    assert read_claimant(summary, 2017).role == role


def test_claimant_from_the_sentence_that_states_age_sex_and_injury() -> None:
    summary = (
        "Medical records were reviewed. According to the records, the injured worker is "
        "a 33 year old female who sustained an industrial injury on 10-14-2016. She "
        "returned to the clinic on 11-02-2016."
    )
    reading = read_claimant(summary, 2017)
    assert (reading.role, reading.age, reading.sex, reading.sex_from_pronouns) == (
        "injured worker",
        33,
        Sex.FEMALE,
        False,
    )
    assert reading.date_of_injury is not None
    assert reading.date_of_injury.value == datetime.date(2016, 10, 14)
    assert summary[reading.date_of_injury.start : reading.date_of_injury.end] == "10-14-2016"
    assert summary[: reading.sentence_length].endswith("on 10-14-2016.")
    assert reading.doubts == ()


def test_injury_date_from_a_later_sentence_not_from_the_worker_noun() -> None:
    summary = (
        "The injured worker is a 47 year old male. On 12-01-2016 the injured worker "
        "returned to the clinic. He was injured on 11-03-2016 when he fell."
    )
    reading = read_claimant(summary, 2017)
    assert reading.date_of_injury is not None
    assert reading.date_of_injury.value == datetime.date(2016, 11, 3)


def test_an_injury_phrase_does_not_reach_into_the_next_sentence() -> None:
    summary = "The patient is a 47 year old male. The mechanism of injury is unknown. 12-01-2016."
    assert read_claimant(summary, 2017).date_of_injury is None


@pytest.mark.parametrize(
    "summary",
    [
        "The IW is a 33 y/o male.",
        "The patient is a 33-year-old male.",
        "The patient, a male, is 33 years of age.",
    ],
)
def test_age_forms(summary: str) -> None:
    reading = read_claimant(summary, 2017)
    assert (reading.age, reading.sex) == (33, Sex.MALE)


def test_an_age_outside_working_life_is_left_out_with_a_doubt() -> None:
    summary = "The injured worker is a 7 year old male injured on 01/02/2016."
    reading = read_claimant(summary, 2017)
    assert reading.age is None
    assert reading.doubts == (
        Doubt(
            WarningKind.UNREADABLE_VALUE,
            "claimant.age",
            "age 7 is outside working life (14-100); left out",
            24,
            34,
        ),
    )


# --- diagnoses --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("summary", "diagnoses"),
    [
        (
            "He is being treated for a neck muscle strain and left shoulder muscle strain.",
            ("neck muscle strain", "left shoulder muscle strain"),
        ),
        (
            "The worker is undergoing treatment for left ankle contusion and left ankle "
            "lateral ligament tear.",
            ("left ankle contusion", "left ankle lateral ligament tear"),
        ),
        (
            "She was treated for the diagnoses of lumbago and insomnia.",
            ("lumbago", "insomnia"),
        ),
        (
            "He was diagnosed as having strain of unspecified muscle, fascia and tendon at "
            "lower leg level, left leg, and sprain of the right wrist.",
            (
                "strain of unspecified muscle, fascia and tendon at lower leg level, left leg",
                "sprain of the right wrist",
            ),
        ),
        (
            "The diagnosis is documented as other intervertebral disc displacement, "
            "lumbosacral region.",
            ("other intervertebral disc displacement, lumbosacral region",),
        ),
        (
            "Diagnoses include cervicalgia, unspecified; radiculopathy, lumbar region; "
            "anxiety and strain of neck muscle, initial encounter.",
            (
                "cervicalgia, unspecified",
                "radiculopathy, lumbar region",
                "anxiety",
                "strain of neck muscle, initial encounter",
            ),
        ),
        (
            "She was diagnosed with left elbow and left forearm sprain, left knee "
            "contusion and injury, and elbow tendinitis and bursitis.",
            (
                "left elbow and left forearm sprain",
                "left knee contusion and injury",
                "elbow tendinitis and bursitis",
            ),
        ),
        (
            "He has diagnoses that include status post fall status post open reduction of "
            "the left wrist now healing well.",
            ("status post fall", "status post open reduction of the left wrist"),
        ),
        (
            "The patient was diagnosed with thoracic and lumbar spine strain. He also has "
            "a history of hypertension.",
            ("thoracic and lumbar spine strain",),
        ),
        (
            "He was diagnosed with lumbar strain, the attending provider noted.",
            ("lumbar strain",),
        ),
        ("The diagnosis is unclear. He was seen again.", ()),
        # A NUL is text: it once marked a list as one entry, whatever its commas.
        (
            "He was diagnosed with \x00lumbar strain, knee sprain.",
            ("\x00lumbar strain", "knee sprain"),
        ),
        ("He was diagnosed with lumbar strain and was given Motrin.", ("lumbar strain",)),
        (
            "He was diagnosed with lumbar strain and treated with physical therapy.",
            ("lumbar strain",),
        ),
        (
            "The diagnoses have included cervical strain and lumbago.",
            ("cervical strain", "lumbago"),
        ),
        (
            "She was diagnosed with carpal tunnel syndrome by Dr. Lee in 2015.",
            ("carpal tunnel syndrome",),
        ),
        (
            "Diagnoses: 1. Cervical radiculopathy. 2. Cervical stenosis with a 2.5 mm "
            "bulge. He was seen again.",
            ("Cervical radiculopathy", "Cervical stenosis with a 2.5 mm bulge"),
        ),
        (
            "Diagnoses: (a) lumbar sprain. An MRI showed a bulge; (b) anxiety. He is 40.",
            ("lumbar sprain", "anxiety"),
        ),
    ],
)
def test_diagnoses(summary: str, diagnoses: tuple[str, ...]) -> None:
    reading = read_diagnoses(summary)
    assert reading.texts() == diagnoses
    for text, start, end in reading.entries:
        assert summary[start:end] == text
    assert reading.doubts == ()


def test_a_diagnosis_that_reads_as_a_clause_is_left_out_with_a_doubt() -> None:
    summary = "Diagnoses include lumbar strain, pain was reported as 8/10 at rest."
    reading = read_diagnoses(summary)
    assert reading.texts() == ("lumbar strain",)
    assert reading.doubts == (
        Doubt(
            WarningKind.UNREADABLE_VALUE,
            "diagnoses",
            "left out 'pain was reported as 8/10 at rest': it reads as a clause, not a condition",
            33,
            66,
        ),
    )


# --- medications ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("summary", "medications"),
    [
        (
            "Current medications include Norco 10/325mg four times daily, Lidoderm 5% patch "
            "and Ambien 10mg at bedtime.",
            ("Norco 10/325mg", "Lidoderm 5% patch", "Ambien 10mg"),
        ),
        (
            "She was currently taking NSAIDs, opioids and tramadol for chronic neck pain.",
            ("tramadol",),
        ),
        (
            "The treatment to date includes oral medications of Naproxen and "
            "Oxycodone-acetaminophen (since 10-02-2016), and Naproxen.",
            ("Naproxen", "Oxycodone-acetaminophen"),
        ),
        (
            "Treatment to date has included x-rays, physical therapy, Meloxicam and Voltaren gel.",
            ("Meloxicam", "Voltaren gel"),
        ),
        ("Treatment to date has included diagnostic studies and medications.", ()),
        (
            "He was prescribed Celebrex and a muscle relaxant by his own doctor.",
            ("Celebrex",),
        ),
        ("Mobic was prescribed. Physical therapy was ordered.", ("Mobic",)),
        ("Current medications were not specified.", ()),
        ("Current medications were stated to be none.", ()),
        (
            "Her medication list included gabapentin, Zoloft, and Soma, the attending "
            "provider noted.",
            ("gabapentin", "Zoloft", "Soma"),
        ),
        (
            "The treatment plan included ibuprofen and Flexeril. Medications have included: "
            "list not provided.",
            (),
        ),
        ("No medications were listed at the visit.", ()),
        ("He was diagnosed with lumbar strain and was given Motrin.", ("Motrin",)),
        (
            "Medications: Norco 10/325mg, 1 tablet every 6 hours, and Soma.",
            ("Norco 10/325mg", "Soma"),
        ),
        ("He is currently on Norco and modified duty.", ("Norco",)),
        (
            "Medications include Percocet 10/325 mg up to 4 a day and Cymbalta 60 mg.",
            ("Percocet 10/325 mg", "Cymbalta 60 mg"),
        ),
    ],
)
def test_medications(summary: str, medications: tuple[str, ...]) -> None:
    reading = read_medications(summary)
    assert reading.texts() == medications
    for text, start, end in reading.entries:
        assert summary[start:end] == text
    assert reading.doubts == ()


def test_a_medication_that_reads_as_a_clause_is_left_out_with_a_doubt() -> None:
    summary = "Current medications include Norco, which she stated was helping a great deal."
    reading = read_medications(summary)
    assert reading.texts() == ("Norco",)
    assert reading.doubts == ()  # "which ..." ends the list: a clause, not an entry
    summary = "Her medications are reportedly helping her sleep through the night."
    reading = read_medications(summary)
    assert reading.texts() == ()
    assert [(d.kind, d.field) for d in reading.doubts] == [
        (WarningKind.UNREADABLE_VALUE, "medications")
    ]


def test_doubts_reach_the_record_as_warnings() -> None:
    letter = (LETTERS / "g2_applicant.txt").read_text(encoding="utf-8")
    first = "The applicant is a 51-year-old female"
    assert first in letter
    text = letter.replace(first, "The applicant is a 7 year old female")
    record = imrparse.parse(text)
    assert record.claimant.age is None
    assert [(w.kind, w.field, w.message) for w in record.warnings] == [
        (
            WarningKind.UNREADABLE_VALUE,
            "claimant.age",
            "age 7 is outside working life (14-100); left out",
        )
    ]
    span = record.warnings[0].span
    assert span is not None
    assert text[span.start : span.end] == "7 year old"


# --- robustness -------------------------------------------------------------------

_WORDS = st.sampled_from(
    [
        "diagnosed with",
        "being treated for",
        "medications include",
        "was prescribed",
        "Treatment to date has included",
        "was prescribed.",
        "status post",
        "(a)",
        "(b)",
        "and",
        ",",
        ";",
        ".",
        "strain",
        "right",
        "shoulder",
        "Norco",
        "10/325mg",
        "for",
        "(since",
        ")",
        "year old",
        "42",
        "male",
        "injured on",
        "10/12/2016",
        "patient",
        "",
        "\n",
    ]
)


# Readers get the summary as the record holds it: whitespace runs collapsed.
@given(st.lists(st.one_of(_WORDS, st.text(max_size=8)), max_size=40).map(" ".join))
def test_readers_never_raise_and_locate_what_they_keep(written: str) -> None:
    summary = " ".join(written.split())
    for reading in (read_diagnoses(summary), read_medications(summary)):
        for text, start, end in reading.entries:
            assert " ".join(summary[start:end].split()) == text
    read_claimant(summary, 2017)
