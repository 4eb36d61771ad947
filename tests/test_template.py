"""The template's words live once, in imrparse.template: the grammar, the reader and render
agree on every one of them, and on every value a field built from them can take."""

from __future__ import annotations

import datetime
import re

import pytest

from imrparse import (
    Basis,
    CaseHeader,
    Claimant,
    Decision,
    Determination,
    Generation,
    Outcome,
    Reviewer,
    parse,
    render,
)
from imrparse import template as words
from imrparse.read.normalize import normalize
from imrparse.read.parsers import letter_parser


def _reviewer_letter(generation: Generation, reviewer: Reviewer) -> Determination:
    return Determination(
        generation=generation,
        case=CaseHeader(case_number="CM17-0900001", decision_date=datetime.date(2017, 2, 1)),
        reviewer=reviewer,
        reviewers=(reviewer,),
        claimant=Claimant(),
        diagnoses=(),
        medications=(),
        summary="",
        decisions=(
            Decision(
                item="Acupuncture x 6",
                outcome=Outcome.UPHELD,
                claims_administrator_basis=Basis(
                    text="The Claims Administrator did not cite any medical evidence for its "
                    "decision.",
                    based_on_mtus=False,
                    cites_evidence=False,
                ),
                reviewer_basis=Basis(
                    text="The Expert Reviewer did not cite any medical evidence for its decision.",
                    based_on_mtus=False,
                    cites_evidence=False,
                ),
                rationale="Not medically necessary.",
            ),
        ),
    )


@pytest.mark.parametrize("generation", list(Generation))
@pytest.mark.parametrize("value", range(100))
def test_every_practice_number_survives_render_and_parse(
    generation: Generation, value: int
) -> None:
    # Years are written as words up to twenty ("more than thirteen years"), hours as digits;
    # both must read back for every value a letter could print.
    reviewer = Reviewer(
        certifications=("Family Practice",),
        licensed_in=("California",),
        min_years_in_practice=value,
        min_hours_per_week=99 - value,
    )
    parsed = parse(render(_reviewer_letter(generation, reviewer)))
    assert (parsed.reviewers, parsed.warnings) == ((reviewer,), ())


def test_number_words_cover_zero_to_ninety_nine() -> None:
    assert words.read_number("zero") == 0
    assert words.read_number("thirteen") == 13
    assert words.read_number("Nineteen") == 19
    assert words.read_number("twenty") == 20
    assert words.read_number("twenty-one") == 21
    assert words.read_number("ninety-nine") == 99
    assert words.read_number("99") == 99
    assert words.read_number("hundred") is None
    assert words.read_number("\u0661\u0662") is None  # digits of another script are no number
    assert sorted(words.NUMBER_WORDS.values()) == list(range(100))


def test_render_writes_numbers_as_the_letters_do() -> None:
    assert [words.number_word(n) for n in (0, 1, 13, 19, 20, 21, 40)] == [
        "zero",
        "one",
        "thirteen",
        "nineteen",
        "twenty",
        "21",
        "40",
    ]


def test_an_unreadable_number_is_left_empty_with_a_warning() -> None:
    record = _reviewer_letter(
        Generation.FIRST,
        Reviewer(certifications=("Psychiatry",), min_years_in_practice=7, min_hours_per_week=8),
    )
    text = re.sub(r"seven(\s+)years", r"many\1years", render(record))
    parsed = parse(text)
    assert parsed.reviewer.min_years_in_practice is None
    assert [(w.kind.value, w.field) for w in parsed.warnings] == [
        ("unreadable-value", "reviewer.min_years_in_practice")
    ]


# Each fixed word of the template, and the terminal the grammar must read it as.
GRAMMAR_WORDS = [
    (words.HOW_HEADING, "HOW_HEADING"),
    (words.SUMMARY_HEADING, "SUMMARY_HEADING"),
    (words.ISSUES_HEADING, "ISSUES_HEADING"),
    (words.SUMMARY_LEAD_IN, "SUMMARY_LEAD_IN"),
    (words.ISSUES_LEAD_IN, "ISSUES_LEAD_IN"),
    (words.CREDENTIALS_LEAD_IN, "CREDENTIALS_LEAD"),
    (words.LICENSURE_LABEL, "LICENSURE_LINE"),
    (words.CERTIFICATION_LABEL, "CERTIFICATION_LINE"),
    (words.CLAIMS_ADMINISTRATOR_LABEL, "CLAIMS_ADMINISTRATOR_LINE"),
    (words.MAXIMUS_LABEL, "MAXIMUS_LINE"),
    (words.RATIONALE_LABEL, "RATIONALE_LINE"),
    *((f"{label}:", "HEADER_FIELD") for label, _ in words.HEADER_FIELDS),
]


def _tokens(text: str) -> list[tuple[str, str]]:
    """Each token's terminal and text, without the space or line end a terminal takes.

    A label line is one terminal, label and text: its label alone is given.
    """
    tree = letter_parser().parse(text, start="start")
    return [
        (
            token.type,
            token.value.partition(":")[0] + ":"
            if token.type.endswith(_LINES)
            else token.value.strip(),
        )
        for token in tree.scan_values(lambda _: True)
    ]


_LINES = ("_LINE", "_FIELD")


@pytest.mark.parametrize(("word", "terminal"), GRAMMAR_WORDS, ids=lambda v: str(v)[:30])
def test_the_grammar_reads_each_template_word_where_it_expects_it(word: str, terminal: str) -> None:
    # A second-generation letter with a partly authorised request holds every word once.
    reviewer = Reviewer(certifications=("Surgery",), licensed_in=("Utah",))
    record = _reviewer_letter(Generation.SECOND, reviewer)
    case = CaseHeader(
        case_number="CM17-0900001",
        date_assigned=datetime.date(2017, 1, 2),
        date_of_injury=datetime.date(2016, 1, 2),
        decision_date=datetime.date(2017, 2, 1),
        ur_denial_date=datetime.date(2016, 12, 1),
        priority="Standard",
        application_received=datetime.date(2016, 12, 20),
    )
    text = render(
        Determination(
            generation=record.generation,
            case=case,
            reviewer=reviewer,
            reviewers=(reviewer,),
            claimant=record.claimant,
            diagnoses=(),
            medications=(),
            summary="The patient is a 40-year-old male.",
            decisions=record.decisions,
        )
    )
    assert (terminal, word) in _tokens(normalize(text).text)
