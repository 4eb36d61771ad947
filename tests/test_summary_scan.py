"""The summary readers' shared scan and the fast paths behind them read as before.

The readers find lead-ins, sentence ends, brackets and "and" joints with ``str.find`` and
small regexes rather than one character at a time; these tests pin what those fast paths
must keep: case-insensitive lead-ins in any script, a joint's "and " that reaches past the
part read, every separator set, and one scan shared by the three readers.
"""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from imrparse.models import Sex
from imrparse.read.free_text.brackets import split_outside_brackets
from imrparse.read.free_text.claimant import read_claimant
from imrparse.read.free_text.conditions import split_conditions
from imrparse.read.free_text.dates import find_date
from imrparse.read.free_text.sentences import SentenceEnds
from imrparse.read.free_text.summary_lists import SummaryScan, read_diagnoses, read_medications


@pytest.mark.parametrize(
    "summary",
    [
        "DIAGNOSES INCLUDE lumbago. He fell.",
        # Under re.IGNORECASE U+0130 (capital I with a dot) matches "i" and U+017F (long
        # s) matches "s"; neither lowers to them with str.lower.
        "D\u0130AGNOSES include lumbago. He fell.",
        "Diagno\u017fes include lumbago. He fell.",
    ],
)
def test_a_lead_in_is_found_in_any_case(summary: str) -> None:
    assert read_diagnoses(summary).texts() == ("lumbago",)


@pytest.mark.parametrize(
    ("summary", "medications"),
    [
        ("She WAS CURRENTLY TAKING Norco and Soma.", ("Norco", "Soma")),
        ("The patient is still on Celebrex.", ("Celebrex",)),
        ("He has been taking Motrin.", ("Motrin",)),
        # "this taking" holds "is taking" inside a word: no lead-in.
        ("Without this taking Norco was hard.", ()),
    ],
)
def test_a_lead_in_that_starts_with_a_verb(summary: str, medications: tuple[str, ...]) -> None:
    assert read_medications(summary).texts() == medications


def test_sentence_ends_skip_numbers_and_abbreviations() -> None:
    text = "Norco 7.5 mg was given by Dr. Smith on 10.2.2016. The IW (age 40.) Fell! Then"
    spans = [text[a:b] for a, b in SentenceEnds(text).spans()]
    assert spans == [
        "Norco 7.5 mg was given by Dr. Smith on 10.2.2016. ",
        "The IW (age 40.) ",
        "Fell! ",
        "Then",
    ]


def test_a_joint_and_may_reach_past_the_part_read() -> None:
    # The part ends inside " and ": the joint still ends the condition before it.
    text = "lumbago and anxiety"
    assert split_conditions(text, 0, 9) == [(0, 7)]
    assert split_conditions(text, 0, len(text)) == [(0, 7), (12, 19)]


@pytest.mark.parametrize(
    ("separators", "pieces"),
    [
        (",;", ["a (b, c)", " d", " e [f; g]", " h"]),
        (",", ["a (b, c)", " d; e [f; g]", " h"]),
        (";", ["a (b, c), d", " e [f; g], h"]),
        ("", ["a (b, c), d; e [f; g], h"]),
    ],
)
def test_split_outside_brackets_with_each_separator_set(separators: str, pieces: list[str]) -> None:
    text = "a (b, c), d; e [f; g], h"
    found = split_outside_brackets(text, separators=separators)
    assert [text[a:b] for a, b in found] == pieces


def test_a_closing_bracket_with_none_open_is_no_separator() -> None:
    text = "a), b"
    assert [text[a:b] for a, b in split_outside_brackets(text)] == ["a)", " b"]


SUMMARY = (
    "The injured worker is a 45 year old male injured on 01/02/2015. Diagnoses include "
    "lumbar strain and anxiety. Current medications include Norco 10/325mg and Soma."
)


def test_one_scan_serves_all_three_readers() -> None:
    scan = SummaryScan(SUMMARY)
    assert read_diagnoses(SUMMARY, scan).texts() == ("lumbar strain", "anxiety")
    assert read_medications(SUMMARY, scan).texts() == ("Norco 10/325mg", "Soma")
    reading = read_claimant(SUMMARY, 2017, scan.ends, scan.folded)
    assert (reading.role, reading.age, reading.sentence_length) == ("injured worker", 45, 63)


def test_a_scan_of_another_summary_is_refused() -> None:
    scan = SummaryScan("Diagnoses include lumbago.")
    with pytest.raises(ValueError, match="another summary"):
        read_diagnoses(SUMMARY, scan)
    with pytest.raises(ValueError, match="another summary"):
        read_medications(SUMMARY, scan)
    with pytest.raises(ValueError, match="another summary"):
        read_claimant(SUMMARY, 2017, scan.ends)
    with pytest.raises(ValueError, match="another summary"):
        read_claimant(SUMMARY, 2017, SummaryScan(SUMMARY).ends, scan.folded)


_PIECES = st.sampled_from(
    [
        "Diagnoses include ",
        "was taking ",
        "was prescribed",
        "lumbar strain",
        "Norco 10/325mg",
        " and ",
        ", ",
        "; ",
        ". ",
        "(a) ",
        "(b) ",
        "1. ",
        "2. ",
        "(",
        ")",
        "Dr. ",
        "a 45 year old female",
        "injured on 3/4/16",
    ]
)


@given(st.lists(st.one_of(_PIECES, st.text(max_size=6)), max_size=30).map("".join))
def test_a_shared_scan_reads_as_a_scan_of_ones_own(summary: str) -> None:
    scan = SummaryScan(summary)
    assert read_diagnoses(summary, scan) == read_diagnoses(summary)
    assert read_medications(summary, scan) == read_medications(summary)
    assert read_claimant(summary, 2017, scan.ends) == read_claimant(summary, 2017)
    assert read_claimant(summary, 2017, scan.ends, scan.folded) == read_claimant(summary, 2017)


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("\u017feptember 4, 2011", datetime.date(2011, 9, 4)),
        ("APR\u0130L 13, 2000", datetime.date(2000, 4, 13)),
        ("apr\u0131l 13, 2000", datetime.date(2000, 4, 13)),
    ],
)
def test_a_month_the_date_pattern_matches_in_any_script_is_read(
    written: str, value: datetime.date
) -> None:
    # re.IGNORECASE matches long s to "s" and both odd i's to "i"; the month is looked
    # up as matched (this raised KeyError before).
    reading = read_claimant(f"The worker was injured on {written}.", 2017)
    found = reading.date_of_injury
    assert found is not None
    assert (found.value, found.written) == (value, written)


# --- the str.find and first-character tests before each regex ------------------------


def test_an_abbreviation_in_capitals_ends_no_sentence() -> None:
    text = "He saw DR. Smith and MR. Jones. ST. Mary's was closed."
    assert [text[a:b] for a, b in SentenceEnds(text).spans()] == [
        "He saw DR. Smith and MR. Jones. ",
        "ST. Mary's was closed.",
    ]


@pytest.mark.parametrize(
    ("summary", "medications"),
    [
        # " AND " in capitals joins two drugs too.
        ("Current medications include Norco AND Soma.", ("Norco", "Soma")),
        # A list that says nothing, in any case.
        ("Current medications include NONE. He fell.", ()),
        ("Medications: N/A.", ()),
        # A leading "and" or article, in any case, is not part of the entry.
        ("Current medications include Norco, AND THE Soma.", ("Norco", "Soma")),
        # A lead-in after "no" or "denies" lists nothing.
        ("He denies taking Norco.", ()),
        ("She has NO medications: Norco.", ()),
    ],
)
def test_the_quick_tests_of_a_medication_list(summary: str, medications: tuple[str, ...]) -> None:
    assert read_medications(summary).texts() == medications


@pytest.mark.parametrize(
    ("summary", "diagnoses"),
    [
        ("Diagnoses include lumbar strain NOW RECOVERING well. He", ("lumbar strain",)),
        # "status post", in any case, starts a condition of its own.
        (
            "Diagnoses include lumbago, and anxiety, STATUS POST fall. He",
            ("lumbago", "anxiety", "STATUS POST fall"),
        ),
        (
            "Diagnoses include lumbago status post fall status post surgery. He",
            ("lumbago", "status post fall", "status post surgery"),
        ),
    ],
)
def test_the_quick_tests_of_a_diagnosis_list(summary: str, diagnoses: tuple[str, ...]) -> None:
    assert read_diagnoses(summary).texts() == diagnoses


def test_a_date_is_read_as_if_the_text_ended_at_end() -> None:
    text = "injured on 10/02/2002 and 11/03/2003"
    found = find_date(text, 2017, 0, None, end=len("injured on 10/02/20"))
    assert found is not None
    assert (found.written, found.two_digit_year) == ("10/02/20", True)
    found = find_date(text, 2017, 20, 45)
    assert found is not None
    assert (found.written, found.start) == ("11/03/2003", 26)


def test_the_first_age_of_a_summary_gives_the_sentence_of_sex_and_injury() -> None:
    summary = (
        "Records were reviewed. She is a 52 year old female injured on 3/4/16. The "
        "patient, a male nurse, fell."
    )
    reading = read_claimant(summary, 2017)
    assert (reading.role, reading.age, reading.sex) == ("patient", 52, Sex.FEMALE)
    assert reading.date_of_injury is not None
    assert reading.date_of_injury.value == datetime.date(2016, 3, 4)
    assert summary[: reading.sentence_length].endswith("on 3/4/16.")
