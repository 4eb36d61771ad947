"""Normalisation: the shortcuts it takes for speed give what the plain rules give."""

from __future__ import annotations

import sys

import pytest

from imrparse import template
from imrparse.models import Span
from imrparse.read.normalize import _CHARACTERS, BlockKind, input_span, normalize


def test_every_space_becomes_a_space_or_a_line_end() -> None:
    # Later steps look for no space but " " and "\n" (one pass finds the lines, and a
    # line is collapsed only where two spaces meet): every other one must be replaced.
    others = [
        chr(code)
        for code in range(sys.maxunicode + 1)
        if chr(code).isspace() and chr(code) not in " \n"
    ]
    assert {char: char.translate(_CHARACTERS) for char in others} == {
        char: ("\n" if char in "\r\f\v\u2028\u2029\x85" else " ") for char in others
    }


@pytest.mark.parametrize("space", ["\u3000", "\x1c", "\u2000", "\u205f", "\t", "\xa0"])
def test_any_space_reads_as_one_space(space: str) -> None:
    text = f"CLINICAL CASE SUMMARY\nThe{space}patient{space}{space}walks.\n"
    canonical = normalize(text)
    assert canonical.text == "CLINICAL CASE SUMMARY\nThe patient walks.\n"
    # "walks" starts at input offset 36 + 1 or 2 spaces: the offsets follow the input.
    assert canonical.offsets.to_original(canonical.text.index("walks")) == text.index("walks")


def test_not_ascii_text_is_cleaned_like_ascii_text() -> None:
    text = "CLINICAL CASE SUMMARY\r\n\u201cWalks\u201d\u00a0\u2019ok\u2019 at 5\u00b0.\f\n"
    assert normalize(text).text == "CLINICAL CASE SUMMARY\n\"Walks\" 'ok' at 5\u00b0.\n"


def test_a_word_broken_over_lines_is_joined_only_inside_a_paragraph() -> None:
    text = (
        "CLINICAL CASE SUMMARY\n"
        "The patient has chronic low back pain with radic-\n"
        "ulopathy and is on a home exercise pro-\n"
        "gram.\n"
        "Decision rationale: well-\n"
        "Known.\n"
    )
    canonical = normalize(text)
    assert canonical.text == (
        "CLINICAL CASE SUMMARY\n"
        "The patient has chronic low back pain with radic-ulopathy and is on a home "
        "exercise pro-gram.\n"
        "Decision rationale: well- Known.\n"
    )
    assert [block.kind for block in canonical.blocks] == [
        BlockKind.SUMMARY,
        BlockKind.TEXT,
        BlockKind.LABEL,
    ]
    glued = canonical.text.index("ulopathy")
    assert canonical.offsets.to_original(glued) == text.index("ulopathy")


def test_an_outcome_alone_on_a_line_ends_the_item_above() -> None:
    text = (
        "IMR ISSUES, DECISIONS AND RATIONALES\n"
        "The Final Determination was based on decisions for the disputed items/services "
        "set forth below:\n"
        "Acupuncture x 6 is not medically necessary and appropriate.\n"
        "Physical therapy x 12:\n"
        "Upheld\n"
        "Claims Administrator guideline: Decision based on MTUS.\n"
    )
    canonical = normalize(text)
    assert canonical.text.splitlines() == [
        "IMR ISSUES, DECISIONS AND RATIONALES",
        "The Final Determination was based on decisions for the disputed items/services "
        "set forth below:",
        "Acupuncture x 6 is not medically necessary and appropriate.",
        "Physical therapy x 12: Upheld",
        "Claims Administrator guideline: Decision based on MTUS.",
    ]
    assert [block.kind for block in canonical.blocks] == [
        BlockKind.ISSUES,
        BlockKind.LABEL,
        BlockKind.TEXT,
        BlockKind.ITEM,
        BlockKind.LABEL,
    ]
    assert canonical.item_starts(0, len(canonical.text)) == [canonical.text.index("Physical")]


# A header with its labels and values spread over lines and runs of spaces, and a body
# with runs of spaces inside lines, a broken word and a line end before the letter's end.
SPACED = (
    "  Case   Number:  CM16-0221706  \n"
    "Date Assigned: 11/23/2016   Date  of\n\n  Injury:  10/16/2016 \n"
    "Priority:\nApplication  \n   Received:  \nStandard \n 11/15/2016\n\n"
    "CLINICAL CASE SUMMARY\n"
    "The  patient   has low back  pain with radic-\n"
    "ulopathy.   He walks.  \n\n"
    "Decision rationale:  The  request is  not\n  supported.\n"
)


def test_the_header_is_read_from_the_input_with_its_offsets() -> None:
    canonical = normalize(SPACED)
    assert canonical.text.splitlines()[:5] == [
        "Case Number: CM16-0221706",
        "Date Assigned: 11/23/2016",
        "Date of Injury: 10/16/2016",
        "Priority: Standard",
        "Application Received: 11/15/2016",
    ]
    # A label maps to where it starts in the input, each word of a value to itself.
    for canonical_word, word in [
        ("Case Number:", "Case   Number:"),
        ("Date of Injury:", "Date  of"),
        ("Application Received:", "Application  \n"),
        *((value, value) for value in ("CM16-0221706", "10/16/2016", "Standard", "11/15/2016")),
    ]:
        offset = canonical.offsets.to_original(canonical.text.index(canonical_word))
        assert offset == SPACED.index(word)


def test_every_canonical_offset_maps_to_its_character_and_spans_to_their_ends() -> None:
    canonical = normalize(SPACED)
    text, offsets = canonical.text, canonical.offsets
    # Each character of the body's words maps to that character of the input (the
    # header's labels are written anew).
    body = text.index("CLINICAL")
    for offset, char in enumerate(text[body:], body):
        if char not in " \n":
            assert SPACED[offsets.to_original(offset)] == char
    # Past either end, offsets are clamped to the first and the last line end.
    assert offsets.to_original(-5) == offsets.to_original(0)
    assert offsets.to_original(len(text) + 5) == offsets.to_original(len(text) - 1)
    for start in range(len(text)):
        for end in range(start + 1, min(start + 90, len(text) + 1), 7):
            stop = end
            while stop > start and text[stop - 1] in " \n":
                stop -= 1
            expected = (
                Span(offsets.to_original(start), offsets.to_original(stop - 1) + 1)
                if stop > start
                else None
            )
            assert input_span(text, offsets, start, end) == expected, (start, end)


def test_an_empty_text_maps_every_offset_to_0() -> None:
    canonical = normalize(" \n\n ")
    assert canonical.text == ""
    assert [canonical.offsets.to_original(offset) for offset in (-1, 0, 3)] == [0, 0, 0]
    assert input_span("", canonical.offsets, 0, 0) is None


LINES = [
    "",
    "the expert reviewer developed the following clinical case summary",
    "  CLINICAL CASE SUMMARY  ",
    "CLINICAL CASE SUMMARY.",
    "\u017ftate(s) of Licensure: California",  # a long s matches "S" in any case
    "\u0130MR ISSUES, DECISIONS AND RATIONALES",  # a dotted capital I matches "I"
    "Claims Administrator guideline: ...",
    "claims administrator",
    "The patient is a 45 year old man.",
    "Thé Final Determination was based on decisions for the disputed items",
    "MAXIMUS guideline: Decision based on MTUS",
    "Decision rationale:",
    "\u212aey words",
]


def test_starts_blocks_is_starts_block_line_by_line() -> None:
    expected = [
        False,
        True,
        True,
        False,
        True,
        True,
        True,
        False,
        False,
        False,
        True,
        True,
        False,
    ]
    assert [template.starts_block(line) for line in LINES] == expected
    assert template.starts_blocks(LINES) == expected
    ascii_lines = [line for line in LINES if line.isascii()]
    assert template.starts_blocks(ascii_lines) == [
        template.starts_block(line) for line in ascii_lines
    ]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("He walks.", True),
        ('He said "walk."', True),
        ("He walks (daily.)]", True),
        ("Is it?'", True),
        ("It is:", True),
        ("He walks", False),
        ('He said "walk"', False),
        ("", False),
        (".x", False),
    ],
)
def test_ends_sentence(line: str, expected: bool) -> None:
    assert template.ends_sentence(line) is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("of the case file, including all medical records:", True),
        ("INCLUDING ALL MEDICAL RECORDS:", True),
        ("for the disputed items/services set forth below:", True),
        ("including all medical records", False),
        ("including all medical records :", False),
        ("records:", False),
    ],
)
def test_ends_lead_in(line: str, expected: bool) -> None:
    assert template.ends_lead_in(line) is expected
