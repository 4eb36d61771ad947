"""Values that fail a plausibility check are kept with a doubtful-value warning saying why,
and agreement between the header and the summary is no reason to doubt."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

from imrparse import WarningKind, parse

LETTERS = Path(__file__).parent / "data" / "letters"
PARTIAL = (LETTERS / "g2_partial.pypdf.txt").read_text(encoding="utf-8")
SURGERY = (LETTERS / "g2_surgery.pypdf.txt").read_text(encoding="utf-8")


def _doubts(text: str) -> list[tuple[str, str]]:
    return [
        (w.field, w.message) for w in parse(text).warnings if w.kind is WarningKind.DOUBTFUL_VALUE
    ]


def test_header_dates_in_their_order_raise_no_doubt() -> None:
    assert _doubts(PARTIAL) == []


def test_a_decision_before_the_assignment_is_doubtful() -> None:
    text = PARTIAL.replace("01/19/2017", "12/01/2016", 1)
    record = parse(text)
    assert record.case is not None
    assert record.case.decision_date == datetime.date(2016, 12, 1)  # kept as written
    assert _doubts(text) == [
        ("case.decision_date", "decision_date 2016-12-01 is before date_assigned 2016-12-12")
    ]


def test_a_summary_injury_date_other_than_the_header_s_is_doubtful() -> None:
    text = re.sub(r"\n10/14/\s+2016\.", "\n10/04/ 2016.", PARTIAL, count=1)
    assert parse(text).claimant.date_of_injury == datetime.date(2016, 10, 4)
    assert _doubts(text) == [
        (
            "claimant.date_of_injury",
            "the summary gives the injury as 2016-10-04, the header as 2016-10-14",
        )
    ]


def test_a_two_digit_year_the_header_confirms_is_no_doubt() -> None:
    record = parse(SURGERY)
    assert record.claimant.date_of_injury == datetime.date(2016, 10, 13)
    assert _doubts(SURGERY) == []


def test_a_two_digit_year_the_header_does_not_confirm_is_doubtful() -> None:
    text = SURGERY.replace("10-13-16", "10-12-16", 1)
    assert _doubts(text) == [
        ("claimant.date_of_injury", "two-digit year in '10-12-16' read as 2016"),
        (
            "claimant.date_of_injury",
            "the summary gives the injury as 2016-10-12, the header as 2016-10-13",
        ),
    ]
