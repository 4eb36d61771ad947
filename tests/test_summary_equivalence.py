"""The summary readers' one-pass scans find what the plainer scans they replaced found.

Each fast path (a regex that finds every sentence end at once, ...) is compared here with
the plain scan it replaced, written out again as the reference, on text drawn from the
pieces that matter to it: marks, abbreviations in any case and script, brackets.
"""

from __future__ import annotations

import datetime
import re

from hypothesis import example, given
from hypothesis import strategies as st

from imrparse.read.free_text import claimant, conditions, sentences, summary_lists
from imrparse.read.free_text.dates import DATE_PATTERN, century, find_date, read_date
from imrparse.read.free_text.sentences import SentenceEnds
from imrparse.read.free_text.vocabulary import fold_case

_SENTENCE_PIECES = st.sampled_from(
    [
        *(".", "?", "!", " ", "  ", '"', "'", ")", "]", "(", "A", "Ab", "a", "0", "_", "\n"),
        *("Dr", "dR", "e.g", "E.G", "i.e", "approx", "APPROX", "sept", "Sept", "no", "St"),
        *("\u0130", "\u0131", "\u017f", "\u017ft", "\u212a", "x", "xdr", "pain", "2016"),
    ]
)


def _sentence_ends(text: str) -> list[int]:
    """Every sentence end, as SentenceEnds found them before: _END tried at each stop."""
    stops = sorted(at for at, char in enumerate(text) if char in ".?!")
    ends = []
    for stop in stops:
        match = sentences._END.match(text, stop)
        if match is None:
            continue
        word = sentences._WORD_BEFORE.search(text, max(0, stop - 8), stop)
        if stop >= 2 and word is not None and word.group().lower() in sentences._ABBREVIATIONS:
            continue
        ends.append(match.end())
    return ends


@given(st.lists(st.one_of(_SENTENCE_PIECES, st.text(max_size=3)), max_size=40).map("".join))
@example("He saw Dr. Smith. The IW (age 40.) Fell! Then \u0130.e. A x.dr. B approx. C")
@example("Mrs. A _dr. B \u017ft. C e.g.? D")
def test_sentence_ends_are_found_as_at_each_stop(text: str) -> None:
    assert SentenceEnds(text)._ends == _sentence_ends(text)


_ANCHOR_PIECES = st.sampled_from(
    [
        *("diagnos", "DIAGNOSES", "D\u0130AGNOSIS", "treat", "TREATED for", "medication"),
        *("prescribed", "given", "started on", "received the following", "taking", "on"),
        *("was ", "is ", "were ", "are ", "been ", "currently ", "still ", "th", "Was "),
        *("CURRENTLY on", "still onto", "\u017ftill on", "x", " ", "-", "_", "\u212a"),
    ]
)


@given(st.lists(st.one_of(_ANCHOR_PIECES, st.text(max_size=3)), max_size=30).map("".join))
@example("He was still on Norco; this taking diagnosed is currently one")
def test_anchors_are_where_the_anchor_pattern_finds_them(text: str) -> None:
    found = [match.start() for match in summary_lists._ANCHOR.finditer(text)]
    assert summary_lists._anchors(text, fold_case(text)) == found


_LIST_PIECES = st.sampled_from(
    [*(",", ";", "(", ")", "[", "]", " ", "\n", "\u00a0", "and ", "AND ", "And", "an"), "x"]
)


@given(st.lists(st.one_of(_LIST_PIECES, st.text(max_size=2)), max_size=30).map("".join))
def test_list_marks_are_found_as_by_two_alternatives(text: str) -> None:
    plain = re.compile(r"[][(),;]|\s(?=[aA][nN][dD] )")
    found = [match.span() for match in conditions._LIST_MARKS.finditer(text)]
    assert found == [match.span() for match in plain.finditer(text)]


_ROLE_PIECES = st.sampled_from(
    [
        *("injured worker", "Injured Worker", "patient", "patients", "employee", "IW", "iw"),
        *("applicant", "claimant", "worker", "worker's comp", "co-worker", "x", " ", "-"),
        *("\u0130W", "\u0131w", "claimants", "_", "injured workers"),
    ]
)


@given(st.lists(st.one_of(_ROLE_PIECES, st.text(max_size=3)), max_size=20).map("".join))
@example("The co-worker's comp patient-worker IW")
def test_the_role_is_the_first_match_of_the_role_pattern(text: str) -> None:
    first = claimant._first_role(text, fold_case(text))
    expected = next(claimant._ROLE.finditer(text), None)
    assert (first and first.span()) == (expected and expected.span())


_DATE_PIECES = st.sampled_from(
    [
        *("10/12/2015", "3-4-16", "1", "12", "2016", " ", ".", ",", "/", "-", "on ", "of "),
        *("April", "apr", "Apr.", "May", "SEPT", "\u017fept", "jun", "Jan.", "xmay", "(May"),
        *("13,", "30th,", "on", "injury", "\u0130", "_"),
    ]
)


@given(
    st.lists(st.one_of(_DATE_PIECES, st.text(max_size=2)), max_size=20).map("".join),
    st.integers(0, 30),
    st.one_of(st.none(), st.integers(0, 50)),
)
@example("injured on May 10, 2016", 8, 45)
@example("injured in Jan. 3, 2016", 3, None)
def test_a_date_is_found_as_by_a_search_from_the_start(
    text: str, start: int, within: int | None
) -> None:
    found = find_date(text, 2017, start, within)
    stop = len(text) if within is None else min(len(text), start + within + 32)
    match = DATE_PATTERN.search(text, start, stop)
    if match is not None and within is not None and match.start() > start + within:
        match = None
    assert (found and (found.start, found.end)) == (match and match.span())


# ASCII digits, and two scripts whose digits "\d" matches too.
_DIGIT_SETS = st.sampled_from(
    [
        "0123456789",
        "\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669",
        "\u0966\u0967\u0968\u0969\u096a\u096b\u096c\u096d\u096e\u096f",
    ]
)


@given(
    _DIGIT_SETS.flatmap(
        lambda digits: st.tuples(
            st.text(digits, min_size=1, max_size=2),
            st.text(digits, min_size=1, max_size=2),
            st.one_of(
                st.text(digits, min_size=2, max_size=2), st.text(digits, min_size=4, max_size=4)
            ),
        )
    ),
    st.sampled_from(["/", "-", " / "]),
)
@example(("07", "3", "09"), "/")
@example(("\u0660\u0667", "\u0663", "\u0662\u0660\u0660\u0669"), "/")
def test_a_numeric_date_is_the_day_its_numbers_name(
    numbers: tuple[str, str, str], separator: str
) -> None:
    month, day, year = numbers
    read = read_date(separator.join(numbers), 2017)
    assert read is not None
    full_year = century(int(year), 2017) if len(year) == 2 else int(year)
    try:
        expected: datetime.date | None = datetime.date(full_year, int(month), int(day))
    except ValueError:
        expected = None
    assert (read.value, read.two_digit_year) == (expected, len(year) == 2)
