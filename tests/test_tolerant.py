"""A letter whose skeleton is intact parses in strict mode, whatever its sentences say.

The skeleton is what the template fixes: header labels, the three headings, the
credentials labels, the guideline and rationale labels, and the ``ITEM: Outcome`` line.
Each test here rewords a sentence of a real-style fixture the way real letters do, and
checks the values a person reads, and the warning where a value cannot be read.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from imrparse import CitationSource, WarningKind, parse

LETTERS = Path(__file__).parent / "data" / "letters"
PARTIAL = (LETTERS / "g2_partial.pypdf.txt").read_text(encoding="utf-8")
FIRST_GENERATION = (LETTERS / "seed_002_c4fc68c783e212d6.txt").read_text(encoding="utf-8")


def _replace(text: str, pattern: str, replacement: str) -> str:
    """Replace a phrase wherever it breaks across lines (whitespace matches whitespace)."""
    words = [re.escape(word) for word in pattern.split()]
    changed, count = re.subn(r"\s+".join(words), replacement, text)
    assert count == 1, f"{pattern!r} found {count} times"
    return changed


def _warnings(record):  # type: ignore[no-untyped-def]
    return [(w.kind, w.field) for w in record.warnings]


def test_a_request_the_claims_administrator_replaced_by_another_treatment() -> None:
    text = _replace(
        PARTIAL,
        "Cyclobenzaprine 7.5mg #60 was the original request. Cyclobenzaprine 7.5mg #20 was "
        "authorized by the Claims Administrator. The remaining IMR eligible portion of the "
        "original request, Cyclobenzaprine 7.5mg #40 is: Upheld",
        "Cyclobenzaprine 7.5mg #60 was the original request. The Claims Administrator\n"
        "authorized Naproxen 550mg #30, leaving the original request IMR eligible. The original\n"
        "request, Cyclobenzaprine 7.5mg #60: Upheld",
    )
    decision = parse(text).decisions[0]
    assert (decision.item, decision.original_request, decision.authorized) == (
        "Cyclobenzaprine 7.5mg #60",
        "Cyclobenzaprine 7.5mg #60",
        "Naproxen 550mg #30",
    )
    # The rationale of the decision before does not swallow the request's sentences.
    assert parse(text).summary.endswith("denied the other requests.")


def test_a_replaced_request_after_another_decision_keeps_the_rationale_whole() -> None:
    text = _replace(
        PARTIAL,
        "Lumbar support brace: Upheld",
        "Lumbar support brace with stays was the original request. The Claims Administrator\n"
        "authorized a lumbar support, leaving the original request IMR eligible. The original\n"
        "request, Lumbar support brace with stays: Upheld",
    )
    record = parse(text)
    before, decision = record.decisions[1], record.decisions[2]
    assert before.rationale.endswith("for the lumbar spine and right hip is medically necessary.")
    assert (decision.item, decision.original_request, decision.authorized) == (
        "Lumbar support brace with stays",
        "Lumbar support brace with stays",
        "a lumbar support",
    )
    assert _warnings(record) == []


def test_a_partly_authorised_request_in_an_unknown_wording_is_flagged() -> None:
    text = _replace(
        PARTIAL,
        "Cyclobenzaprine 7.5mg #20 was authorized by the Claims Administrator. The remaining IMR "
        "eligible portion of the original request,",
        "The Claims Administrator allowed twenty tablets for weaning. What is left is",
    )
    record = parse(text)
    decision = record.decisions[0]
    assert decision.original_request == "Cyclobenzaprine 7.5mg #60"
    assert decision.authorized is None
    assert decision.item == "What is left is Cyclobenzaprine 7.5mg #40"
    assert (WarningKind.DOUBTFUL_VALUE, "decision.item") in _warnings(record)


def test_a_guideline_line_broken_inside_non_mtus() -> None:
    text = _replace(
        PARTIAL,
        "Decision based on Non-MTUS Citation Official Disability Guidelines",
        "Decision based on Non-\nMTUS Citation Official Disability Guidelines",
    )
    basis = parse(text).decisions[1].claims_administrator_basis
    assert [c.source for c in basis.citations] == [CitationSource.NON_MTUS]
    assert basis.based_on_mtus is False


def test_an_unknown_guideline_sentence_is_kept_as_text_with_a_warning() -> None:
    text = _replace(
        PARTIAL,
        "The Claims Administrator based their decision on recommendation(s) outside of the MTUS "
        "Guidelines.",
        "The Claims Administrator relied on its own clinical policy.",
    )
    record = parse(text)
    basis = record.decisions[1].claims_administrator_basis
    assert basis.text.startswith("The Claims Administrator relied on its own clinical policy.")
    assert [c.source for c in basis.citations] == [CitationSource.NON_MTUS]
    assert (WarningKind.DOUBTFUL_VALUE, "decision.claims_administrator_basis") in _warnings(record)


def test_an_unknown_qualification_sentence_leaves_the_reviewer_empty_with_a_warning() -> None:
    text = _replace(
        FIRST_GENERATION,
        "The expert reviewer is Board Certified in",
        "The expert reviewer is an experienced practitioner of",
    )
    record = parse(text)
    assert record.reviewer.certifications == ()
    assert record.reviewer.min_years_in_practice == 5
    assert (WarningKind.UNREADABLE_VALUE, "reviewer") in _warnings(record)


@pytest.mark.parametrize("word", ["pelvis", "tenodesis", "urinalysis", "analysis"])
def test_an_item_ending_in_a_word_ending_in_is(word: str) -> None:
    text = _replace(PARTIAL, "Lumbar support brace: Upheld", f"X-ray of the {word}: Upheld")
    assert parse(text).decisions[2].item == f"X-ray of the {word}"


def test_an_item_line_with_is_before_its_outcome() -> None:
    text = _replace(PARTIAL, "Lumbar support brace: Upheld", "Lumbar support brace is: Upheld")
    assert parse(text).decisions[2].item == "Lumbar support brace"
