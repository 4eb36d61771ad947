"""Every reviewer a letter names: physicians, non-physicians, several of them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import imrparse
from imrparse import Reviewer
from imrparse.read.free_text.qualifications import _PROTECTED, split_prose_list
from imrparse.read.normalize import normalize

SEED = (Path(__file__).parent / "data" / "letters" / "seed_001_2033c9cc0ba37902.txt").read_text(
    encoding="utf-8"
)
SENTENCE = (
    "reviewer is Board Certified in Occupational Medicine and is licensed to practice in "
    "California."
)


def _with_reviewer_sentence(replacement: str) -> str:
    # The seed with one logical line per block, so the sentence is on one line.
    text = normalize(SEED).text
    assert SENTENCE in text
    return text.replace(SENTENCE, replacement)


@pytest.mark.parametrize(
    ("profession"), ["Chiropractor", "Acupuncturist", "Psychologist", "Physical Therapist"]
)
def test_a_licensed_non_physician_has_a_profession_and_no_certification(profession: str) -> None:
    text = _with_reviewer_sentence(
        f"reviewer is a Licensed {profession} and is licensed to practice in California."
    )
    d = imrparse.parse(text)
    assert d.reviewers == (
        Reviewer(
            profession=profession,
            licensed_in=("California",),
            min_years_in_practice=5,
            min_hours_per_week=24,
        ),
    )
    assert d.reviewer == d.reviewers[0]


def test_lists_of_certifications_subspecialties_and_states() -> None:
    text = _with_reviewer_sentence(
        "reviewer is Board Certified in Internal Medicine and Rheumatology, has a subspecialty "
        "in Pain Medicine and Sports Medicine and is licensed to practice in California, "
        "Texas and New York."
    )
    assert imrparse.parse(text).reviewer == Reviewer(
        certifications=("Internal Medicine", "Rheumatology"),
        subspecialties=("Pain Medicine", "Sports Medicine"),
        licensed_in=("California", "Texas", "New York"),
        min_years_in_practice=5,
        min_hours_per_week=24,
    )


def test_a_letter_with_two_reviewer_paragraphs_keeps_both() -> None:
    text = _with_reviewer_sentence(
        SENTENCE + " He/she has been in active clinical practice for more than ten years and is "
        "currently working at least 20 hours a week in active practice. The expert reviewer is "
        "a Licensed Acupuncturist and is licensed to practice in Oregon."
    )
    d = imrparse.parse(text)
    assert d.reviewers == (
        Reviewer(
            certifications=("Occupational Medicine",),
            licensed_in=("California",),
            min_years_in_practice=10,
            min_hours_per_week=20,
        ),
        Reviewer(
            profession="Acupuncturist",
            licensed_in=("Oregon",),
            min_years_in_practice=5,
            min_hours_per_week=24,
        ),
    )
    assert d.reviewer == d.reviewers[0]
    # Each reviewer runs from "The expert reviewer is" to the end of its practice sentence.
    first = text.index("The expert reviewer is Board Certified")
    second = text.index("The expert reviewer is a Licensed Acupuncturist")
    practice = "a week in active practice."
    assert [reviewer.span for reviewer in d.reviewers] == [
        imrparse.Span(first, text.index(practice, first) + len(practice)),
        imrparse.Span(second, text.index(practice, second) + len(practice)),
    ]


def test_physician_and_credentials_block_are_one_reviewer() -> None:
    text = _with_reviewer_sentence(SENTENCE).replace(
        "\nCLINICAL CASE SUMMARY",
        "\nThe Expert Reviewer has the following credentials:\nState(s) of Licensure: "
        "Nevada\nCertification(s)/Specialty: Pain Medicine\nCLINICAL CASE SUMMARY",
    )
    d = imrparse.parse(text)
    assert d.generation == imrparse.GENERATION_2016
    assert d.reviewers == (
        Reviewer(
            certifications=("Occupational Medicine", "Pain Medicine"),
            licensed_in=("California", "Nevada"),
            min_years_in_practice=5,
            min_hours_per_week=24,
        ),
    )


def test_a_nul_and_digits_in_a_specialty_list_are_text_not_a_placeholder() -> None:
    # The list splitter once hid "... and ..." specialty names behind "\0<n>\0" marks,
    # so a letter holding such a mark raised IndexError or took another name's place.
    text = _with_reviewer_sentence(
        "reviewer is Board Certified in \x009\x00 Occupational Medicine and Physical "
        "Medicine and Rehabilitation, \x000\x00 and is licensed to practice in California."
    )
    d = imrparse.parse(text)
    assert d.reviewer.certifications == (
        "\x009\x00 Occupational Medicine",
        "Physical Medicine and Rehabilitation",
        "\x000\x00",
    )
    assert d.reviewer.licensed_in == ("California",)


def _split_by_placeholders(text: str) -> tuple[str, ...]:
    """The splitter as it was written before, for text without NUL characters."""
    protected: list[str] = []

    def hide(match: re.Match[str]) -> str:
        protected.append(match.group())
        return f"\x00{len(protected) - 1}\x00"

    hidden = _PROTECTED.sub(hide, " ".join(text.split()).strip(" ,."))
    names = []
    for piece in re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+", hidden):
        name = re.sub(r"\x00(\d+)\x00", lambda m: protected[int(m.group(1))], piece).strip()
        if name:
            names.append(name)
    return tuple(names)


_LIST_WORDS = st.sampled_from(
    [
        "Internal Medicine",
        "Physical Medicine and Rehabilitation",
        "head and neck surgery",
        "Otolaryngology - Head and Neck Surgery",
        "Neck Surgery",
        "Rehabilitation",
        "Pain",
        "and",
        "And",
        ",",
        ", and",
        " ",
        ".",
        "Texas",
        "Head",
    ]
)


@settings(max_examples=500)
@given(st.lists(_LIST_WORDS, max_size=12), st.sampled_from([" ", "", "  ", ", "]))
def test_the_prose_list_splitter_cuts_where_the_placeholder_splitter_did(
    words: list[str], glue: str
) -> None:
    text = glue.join(words)
    assert split_prose_list(text) == _split_by_placeholders(text)
