"""Lenient mode: every readable part of a damaged letter, and a warning for each gap."""

from __future__ import annotations

import datetime
from pathlib import Path

import attrs
import pytest

import imrparse
from imrparse import Span, WarningKind

LETTERS = Path(__file__).parent / "data" / "letters"
SURGERY = (LETTERS / "g2_surgery.pypdf.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("letter", sorted(LETTERS.glob("*.txt")), ids=lambda p: p.name)
def test_lenient_mode_reads_a_whole_letter_as_strict_mode_does(letter: Path) -> None:
    text = letter.read_text(encoding="utf-8")
    assert imrparse.parse(text, strict=False) == imrparse.parse(text)


def test_a_broken_decision_is_left_out_and_the_rest_kept() -> None:
    whole = imrparse.parse(SURGERY)
    broken = SURGERY.replace("MAXIMUS guideline:", "", 1)
    with pytest.raises(imrparse.ParseError):
        imrparse.parse(broken)

    d = imrparse.parse(broken, strict=False)

    assert d.decisions == whole.decisions[1:]
    assert (d.case, d.reviewers, d.claimant, d.summary) == (
        whole.case,
        whole.reviewers,
        whole.claimant,
        whole.summary,
    )
    skipped = [w for w in d.warnings if w.kind is WarningKind.SKIPPED_PART]
    assert [(w.field, w.kind) for w in skipped] == [("decisions[0]", WarningKind.SKIPPED_PART)]
    assert "expected the line 'MAXIMUS guideline:'" in skipped[0].message
    assert skipped[0].span is not None
    block = broken[skipped[0].span.start : skipped[0].span.end]
    assert block.startswith(whole.decisions[0].item.split(":")[0])
    assert "Decision rationale:" in block
    # The other warnings are the ones the whole letter has.
    assert [w for w in d.warnings if w not in skipped] == list(whole.warnings)


def test_a_missing_heading_leaves_its_section_empty() -> None:
    whole = imrparse.parse(SURGERY)
    d = imrparse.parse(SURGERY.replace("IMR ISSUES, DECISIONS AND RATIONALES", ""), strict=False)
    assert d.decisions == ()
    assert attrs.evolve(d, decisions=whole.decisions, warnings=whole.warnings) == whole
    skipped = [(w.field, w.message) for w in d.warnings if w.kind is WarningKind.SKIPPED_PART]
    assert skipped == [
        (
            "summary",
            "left out the end of the clinical case summary: expected the heading 'IMR ISSUES, "
            "DECISIONS AND RATIONALES' after the paragraph 'The 35 year old male injured ...' "
            "(line 40, column 1)",
        ),
        ("issues", "left out the decisions: its heading was not found"),
    ]


def test_only_a_summary_is_still_a_record() -> None:
    text = "CLINICAL CASE SUMMARY\nThe IW is a 40 year old male injured on 01/02/2015.\n"
    d = imrparse.parse(text, strict=False)
    assert d.claimant == imrparse.Claimant(
        role="iw", age=40, sex=imrparse.Sex.MALE, date_of_injury=datetime.date(2015, 1, 2)
    )
    assert d.reviewer == imrparse.Reviewer()
    assert d.reviewers == ()
    assert d.decisions == ()
    assert d.summary_span == Span(22, len(text) - 1)
    assert {w.field for w in d.warnings} == {"how", "issues"}


@pytest.mark.parametrize("text", ["", "hello", "IMR ISSUES, DECISIONS AND RATIONALES\nfoo\n"])
def test_text_with_no_readable_section_still_raises(text: str) -> None:
    with pytest.raises(imrparse.ParseError) as caught:
        imrparse.parse(text, strict=False)
    assert caught.value.expected.startswith("the heading 'HOW THE IMR FINAL DETERMINATION")


def test_a_text_holding_two_letters_gives_the_first_with_a_warning() -> None:
    first = (LETTERS / "seed_000_d3b73cfd4dd990bb.txt").read_text(encoding="utf-8")
    second = (LETTERS / "seed_002_c4fc68c783e212d6.txt").read_text(encoding="utf-8")
    record = imrparse.parse(first + "\n" + second, strict=False)
    alone = imrparse.parse(first)
    assert (record.decisions, record.claimant, record.diagnoses) == (
        alone.decisions,
        alone.claimant,
        alone.diagnoses,
    )
    assert [(w.kind, w.field) for w in record.warnings] == [
        (WarningKind.SKIPPED_PART, "letter"),
        *[(w.kind, w.field) for w in alone.warnings],
    ]
    assert record.warnings[0].message.startswith("the text holds 2 letters")
    span = record.warnings[0].span
    assert span is not None
    assert (first + "\n" + second)[span.start :].startswith("HOW THE IMR FINAL DETERMINATION")
