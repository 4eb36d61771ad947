"""The real second-generation letters, read through ``IMRPARSE_CORPUS``.

The corpus is public but not ours to copy, so it never enters the repository: these
tests skip when ``IMRPARSE_CORPUS`` is unset (``.ci/run`` sets it when the folder
exists). Each letter comes as text from two extractors, pypdf and pdftotext.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import pytest

import imrparse
from support import without_spans

CORPUS = os.environ.get("IMRPARSE_CORPUS")
pytestmark = pytest.mark.skipif(not CORPUS, reason="IMRPARSE_CORPUS is not set")
EXTRACTORS = ("pypdf", "poppler")


def _case_numbers() -> list[str]:
    if not CORPUS:
        return []
    return sorted(path.stem for path in (Path(CORPUS) / "pypdf").glob("*.txt"))


CASES = _case_numbers()


def _text(case: str, extractor: str) -> str:
    assert CORPUS
    return (Path(CORPUS) / extractor / f"{case}.txt").read_text(encoding="utf-8")


def test_corpus_is_there() -> None:
    assert len(CASES) == 40


@pytest.mark.parametrize("extractor", EXTRACTORS)
@pytest.mark.parametrize("case", CASES)
def test_letter_reads_in_full(case: str, extractor: str) -> None:
    text = _text(case, extractor)
    determination = imrparse.parse(text)
    assert determination.generation == imrparse.GENERATION_2016
    assert determination.case is not None
    assert determination.case.case_number == case
    assert len(determination.decisions) == text.count("Decision rationale:")
    reviewer = determination.reviewer
    gold = json.loads((Path(CORPUS or "") / "gold" / f"{case}.json").read_text(encoding="utf-8"))
    # The gold was read off the letter by a person (gold/README.md).
    assert list(reviewer.certifications) == gold["reviewer"]["certifications"]
    assert list(reviewer.licensed_in) == gold["reviewer"]["licensed_in"]
    assert (reviewer.min_years_in_practice, reviewer.min_hours_per_week) == (5, 24)
    sex = determination.claimant.sex
    assert (determination.claimant.age, sex.value if sex else None) == (
        gold["claimant"]["age"],
        gold["claimant"]["sex"],
    )


_CONCLUSION = re.compile(r"\b(?:is|are|was|were) (not )?medically necessary", re.IGNORECASE)


def _conclusion(rationale: str) -> imrparse.Outcome | None:
    """The outcome a rationale's last "is (not) medically necessary" implies."""
    conclusions = _CONCLUSION.findall(rationale)
    if not conclusions:
        return None
    return imrparse.Outcome.UPHELD if conclusions[-1] else imrparse.Outcome.OVERTURNED


@pytest.mark.parametrize("extractor", EXTRACTORS)
@pytest.mark.parametrize("case", CASES)
def test_outcome_agrees_with_conclusion(case: str, extractor: str) -> None:
    determination = imrparse.parse(_text(case, extractor))
    for decision in determination.decisions:
        expected = _conclusion(decision.rationale)
        if expected is not None:
            assert decision.outcome == expected, decision.item


def test_most_rationales_have_a_checkable_conclusion() -> None:
    decisions = [d for case in CASES for d in imrparse.parse(_text(case, "pypdf")).decisions]
    checked = [d for d in decisions if _conclusion(d.rationale) is not None]
    assert len(checked) >= 0.75 * len(decisions)
    assert {d.outcome for d in checked} == set(imrparse.Outcome)


def _without_line_break_hyphens(value: Any) -> Any:
    """``value`` with hyphens and spaces removed from every string.

    pdftotext joins a word broken over two lines and drops its hyphen ("FDA-" /
    "approved" becomes "FDAapproved"); pypdf keeps both halves. That loss happens in
    the extractor, before imrparse sees the text, so free text is compared without
    hyphens and spaces; every other character, and every non-text field, must agree.
    """
    if isinstance(value, str):
        return re.sub(r"[\s-]", "", value)
    if isinstance(value, list):
        return [_without_line_break_hyphens(item) for item in value]
    if isinstance(value, dict):
        return {key: _without_line_break_hyphens(item) for key, item in value.items()}
    return value


@pytest.mark.parametrize("case", CASES)
def test_both_extractions_give_equal_records(case: str) -> None:
    pypdf, poppler = (imrparse.parse(_text(case, extractor)) for extractor in EXTRACTORS)
    if pypdf != poppler:
        assert _without_line_break_hyphens(without_spans(imrparse.to_dict(pypdf))) == (
            _without_line_break_hyphens(without_spans(imrparse.to_dict(poppler)))
        )
    # Structure never depends on the extractor, hyphens or not.
    assert pypdf.case == poppler.case
    assert pypdf.reviewer == poppler.reviewer
    assert pypdf.claimant == poppler.claimant
    assert [d.outcome for d in pypdf.decisions] == [d.outcome for d in poppler.decisions]
