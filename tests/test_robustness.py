"""Whatever the text, ``parse`` returns a record or raises ``ParseError``: nothing else.

Arbitrary text, text made of the template's own pieces in any order, and real and
generated letters damaged as bad extractions damage them (lines dropped, duplicated,
swapped or cut, characters inserted, the download stopped early). A crash of any other
kind (``IndexError``, ``AttributeError``, a lark exception escaping) fails the test.
That parse time stays linear on hostile input is shown by benchmarks/bench_hostile.py.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from imrparse import Determination, ParseError, parse, render
from imrparse.testing import damaged, determinations, letters

LETTERS = Path(__file__).parent / "data" / "letters"
SEEDS = [path.read_text(encoding="utf-8") for path in sorted(LETTERS.glob("seed_*.txt"))]
CORPUS = os.environ.get("IMRPARSE_CORPUS")

# Pieces of the template, so that generated text reaches deep into the grammar.
_PIECES = (
    "Case Number: CM14-0912345",
    "Date Assigned:",
    "03/21/2014",
    "Application",
    "Received:",
    "HOW THE IMR FINAL DETERMINATION WAS MADE",
    "The expert reviewer is Board Certified in Anesthesiology and is licensed to practice in "
    "Texas.",
    "He/she has been in active clinical practice for more than five years and is currently "
    "working at least 24 hours a week in active practice.",
    "The Expert Reviewer has the following credentials:",
    "State(s) of Licensure: California,Texas",
    "Certification(s)/Specialty: Family Practice",
    "CLINICAL CASE SUMMARY",
    "The expert reviewer developed the following clinical case summary based on a review of "
    "the case file, including all medical records:",
    "The injured worker is a 38 year old male injured on 10/02/02.",
    "He is diagnosed with (a) lumbago, (b) cervicalgia.",
    "IMR ISSUES, DECISIONS AND RATIONALES",
    "The Final Determination was based on decisions for the disputed items/services set forth "
    "below:",
    "Valium 5mg #30:  Upheld",
    "Overturned",
    "Cyclobenzaprine 7.5mg #90 was the original request.",
    "The remaining IMR eligible portion of the original request, Cyclobenzaprine 7.5mg #27 is:",
    "Claims Administrator guideline:",
    "Decision based on MTUS Chronic Pain Treatment Guidelines Opioids Page(s): 76-80.",
    "Decision based on MTUS Low Back Complaints 2004, Section(s): Summary, and",
    "Decision based on Non-MTUS Citation Official Disability Guidelines (ODG), Pain.",
    "The Expert Reviewer did not cite any medical evidence for its decision.",
    "MAXIMUS guideline:",
    "Decision rationale:",
    "is not medically necessary.",
    "\f",
    "",
)


def _parse_or_refuse(text: str) -> None:
    try:
        record = parse(text)
    except ParseError as error:
        refusal = error
    else:
        assert isinstance(record, Determination)
        return
    # A ParseError always says where: a line and column inside the text.
    assert 1 <= refusal.line <= len(text.splitlines()) + 1
    assert refusal.column >= 1


@given(st.text())
@example("")
@example("\x00")
@example("HOW THE IMR FINAL DETERMINATION WAS MADE")
def test_arbitrary_text(text: str) -> None:
    _parse_or_refuse(text)


@given(st.lists(st.sampled_from(_PIECES), max_size=40).map("\n".join))
def test_template_pieces_in_any_order(text: str) -> None:
    _parse_or_refuse(text)


@given(st.sampled_from(SEEDS).flatmap(damaged))
def test_damaged_real_letters(text: str) -> None:
    _parse_or_refuse(text)


@given(letters().flatmap(damaged))
def test_damaged_generated_letters(text: str) -> None:
    _parse_or_refuse(text)


@given(determinations(), st.data())
def test_every_truncation_of_a_generated_letter(record: Determination, data: st.DataObject) -> None:
    text = render(record)
    cut = data.draw(st.integers(0, len(text)), label="cut")
    _parse_or_refuse(text[:cut])


def _corpus_texts() -> list[str]:
    if not CORPUS:
        return []
    return [
        path.read_text(encoding="utf-8")
        for folder in ("pypdf", "poppler")
        for path in sorted(Path(CORPUS, folder).glob("*.txt"))
    ]


CORPUS_TEXTS = _corpus_texts()


@pytest.mark.skipif(not CORPUS_TEXTS, reason="IMRPARSE_CORPUS is not set")
@given(data=st.data())
def test_damaged_corpus_letters(data: st.DataObject) -> None:
    text = data.draw(st.sampled_from(CORPUS_TEXTS).flatmap(damaged), label="letter")
    _parse_or_refuse(text)
