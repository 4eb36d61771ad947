"""The same letter in every extraction layout reads to the same record.

Each layout strategy of :mod:`imrparse.testing` reproduces one thing text extraction
does to a letter (TEMPLATE.md, "What text extraction does to it"); the properties demand
that none of them changes the record. The first tests pin what each layout writes.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from imrparse import Determination, parse
from imrparse.testing import (
    Layout,
    PageBreak,
    crlf_line_ends,
    curly_quotes,
    determinations,
    double_spaced,
    layouts,
    non_breaking_spaces,
    page_breaks,
    reflowed,
    rewrapped,
    scrambled_headers,
)

_HEADER = (
    "Case Number: CM16-0912345",
    "Date Assigned: 11/23/2016",
    "Date of Injury: 10/16/2016",
    "Priority: Standard",
    "Application Received: 11/15/2016",
)
_LETTER = (
    *_HEADER,
    "HOW THE IMR FINAL DETERMINATION WAS MADE",
    'The provider\'s request for a non-industrial "TENS unit" was denied.',
    "Norco 10/325mg #90: Upheld",
)


# -- what each layout writes -------------------------------------------------------------


def test_default_layout_is_one_line_per_paragraph_wrapped_at_95() -> None:
    assert Layout().lay_out(_LETTER) == "\n".join(_LETTER) + "\n"


def test_double_spaced_layout_adds_a_blank_line_and_a_trailing_space() -> None:
    text = Layout(double_spaced=True).lay_out(("HOW THE IMR FINAL DETERMINATION WAS MADE", "A b."))
    assert text == "HOW THE IMR FINAL DETERMINATION WAS MADE \n\nA b. \n\n"


def test_rewrapped_layout_breaks_inside_hyphenated_words_only_where_they_rejoin() -> None:
    layout = Layout(width=40, hyphen_breaks=True, outcome_on_next_line=True)
    assert layout.lay_out(_LETTER[5:]) == (
        "HOW THE IMR FINAL DETERMINATION WAS MADE\n"
        "The provider's request for a non-\n"
        'industrial "TENS unit" was denied.\n'
        "Norco 10/325mg #90:\n"
        "Upheld\n"
    )
    narrow = Layout(width=20, hyphen_breaks=True).lay_out(("See the non-industrial file",))
    assert narrow == "See the non-\nindustrial file\n"


def test_page_breaks_put_form_feeds_and_blank_lines_between_lines() -> None:
    layout = Layout(
        width=None,
        page_breaks=(
            PageBreak(before_line=6, form_feed=True, blank_lines=1),
            PageBreak(before_line=1, blank_lines=2),
        ),
    )
    assert layout.lay_out(_LETTER).split("\n") == [
        _HEADER[0],
        "",
        "",
        *_HEADER[1:],
        _LETTER[5],
        "",
        "\f" + _LETTER[6],
        _LETTER[7],
        "",
    ]


def test_pypdf_header_puts_two_labels_on_a_line_and_breaks_application_received() -> None:
    text = Layout(header="pypdf").lay_out(_LETTER[:6])
    assert text.split("\n")[:5] == [
        "Case Number: CM16-0912345 Date Assigned: 11/23/2016",
        "Date of Injury: 10/16/2016 Priority: Standard Application",
        "Received:",
        "11/15/2016",
        "HOW THE IMR FINAL DETERMINATION WAS MADE",
    ]


def test_pdftotext_header_is_a_column_of_labels_then_a_column_of_values() -> None:
    text = Layout(header="columns").lay_out(_LETTER[:6])
    assert text.split("\n")[:13] == [
        "Case Number:",
        "Date Assigned:",
        "Date of Injury:",
        "Priority:",
        "",
        "CM16-0912345",
        "11/23/2016",
        "10/16/2016",
        "Standard",
        "",
        "Application",
        "Received:",
        "",
    ]


def test_character_layouts_change_spaces_quotes_and_line_ends() -> None:
    layout = Layout(
        width=None,
        space_runs=(0,),
        non_breaking_spaces=(1,),
        curly_quotes=True,
        line_end="\r\n",
    )
    assert layout.lay_out(_LETTER[6:7]) == (
        "The  provider\u2019s\u00a0request for a non-industrial \u201cTENS unit\u201d was "
        "denied.\r\n"
    )


# -- the record does not change ------------------------------------------------------------

LAYOUT_STRATEGIES = {
    "double spaced": double_spaced(),
    "reflowed": reflowed(),
    "rewrapped": rewrapped(),
    "crlf": crlf_line_ends(),
    "page breaks": page_breaks(),
    "non-breaking spaces": non_breaking_spaces(),
    "curly quotes": curly_quotes(),
    "scrambled headers": scrambled_headers(),
}


@pytest.mark.parametrize("name", sorted(LAYOUT_STRATEGIES))
@given(data=st.data())
def test_each_layout_leaves_the_record_unchanged(name: str, data: st.DataObject) -> None:
    record = data.draw(determinations(), label="record")
    layout = data.draw(LAYOUT_STRATEGIES[name], label="layout")
    assert parse(layout.apply(record)) == record


@given(determinations(), layouts())
def test_any_combination_of_layouts_leaves_the_record_unchanged(
    record: Determination, layout: Layout
) -> None:
    assert parse(layout.apply(record)) == record


@given(determinations(doubtful=True), layouts())
def test_doubtful_reads_are_the_same_in_every_layout(record: Determination, layout: Layout) -> None:
    assert parse(layout.apply(record)) == record
