"""Spans point into the caller's own string, in every layout, and cover the whole letter."""

from __future__ import annotations

import re
from pathlib import Path

import attrs
import pytest

import imrparse
from imrparse.read.normalize import normalize
from imrparse.write.text_layouts import LAYOUTS
from support import collapse

LETTERS = sorted((Path(__file__).parent / "data" / "letters").glob("*.txt"))

# What the template itself says: text no record needs to cover.
BOILERPLATE = [
    "HOW THE IMR FINAL DETERMINATION WAS MADE",
    "MAXIMUS Federal Services sent the complete case file to an expert reviewer.",
    "He/she has no affiliation with the employer, employee, providers or the claims administrator.",
    "The expert reviewer was selected based on his/her clinical experience, education, "
    "background, and expertise in the same or similar specialties that evaluate and/or "
    "treat the medical condition and disputed items/services.",
    "The expert reviewer was selected based on his/her clinical experience, education, "
    "background, and expertise in the same or similar specialties that evaluate and/or "
    "treat the medical condition and disputed items/Service.",
    "He/she is familiar with governing laws and regulations, including the strength of "
    "evidence hierarchy that applies to Independent Medical Review determinations.",
    "The Expert Reviewer has the following credentials:",
    "CLINICAL CASE SUMMARY",
    "The expert reviewer developed the following clinical case summary based on a review "
    "of the case file, including all medical records:",
    "IMR ISSUES, DECISIONS AND RATIONALES",
    "The Final Determination was based on decisions for the disputed items/services set "
    "forth below:",
    "Employee Name:",
    "Provider Name:",
    "Treatment(s) in Dispute Listed on IMR Application:",
]


def as_read(fragment: str) -> str:
    """A piece of the input as the record writes it (normalised, one line)."""
    return collapse(normalize(fragment).text)


def all_spans(d: imrparse.Determination) -> list[imrparse.Span]:
    spans = [d.summary_span, *d.diagnosis_spans, *d.medication_spans, d.claimant.span]
    spans += [reviewer.span for reviewer in d.reviewers]
    spans += [d.case.span] if d.case else []
    for decision in d.decisions:
        spans.append(decision.span)
        for basis in (decision.claims_administrator_basis, decision.reviewer_basis):
            spans.append(basis.span)
            spans += [citation.span for citation in basis.citations]
    spans += [warning.span for warning in d.warnings]
    assert None not in spans
    return [span for span in spans if span is not None]


def uncovered(text: str, d: imrparse.Determination) -> str:
    """The input that no span of the record covers, as one line of text."""
    covered = bytearray(len(text))
    for span in all_spans(d):
        covered[span.start : span.end] = b"\x01" * (span.end - span.start)
    kept = "".join(char if not covered[i] else "\n" for i, char in enumerate(text))
    return as_read(kept)


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
@pytest.mark.parametrize("letter", LETTERS, ids=[p.name for p in LETTERS])
def test_spans_hold_what_the_record_says(letter: Path, layout: str) -> None:
    text = LAYOUTS[layout](letter.read_text(encoding="utf-8"))
    d = imrparse.parse(text)
    for span in all_spans(d):
        assert 0 <= span.start <= span.end <= len(text)
    assert d.summary_span is not None
    assert as_read(text[d.summary_span.start : d.summary_span.end]) == d.summary
    for found, span in zip(d.diagnoses, d.diagnosis_spans, strict=True):
        assert as_read(text[span.start : span.end]) == found
    for found, span in zip(d.medications, d.medication_spans, strict=True):
        assert as_read(text[span.start : span.end]) == found
    for decision in d.decisions:
        assert decision.span is not None
        block = as_read(text[decision.span.start : decision.span.end])
        assert block.startswith(decision.original_request or decision.item)
        assert block.endswith(decision.rationale)
        for basis in (decision.claims_administrator_basis, decision.reviewer_basis):
            assert basis.span is not None
            assert as_read(text[basis.span.start : basis.span.end]).endswith(basis.text)
            for citation in basis.citations:
                assert citation.span is not None
                assert as_read(text[citation.span.start : citation.span.end]) == citation.text


def test_a_guideline_line_met_again_is_placed_where_it_stands() -> None:
    # A guideline body read once in a letter is not read again when another basis gives
    # it: the citations of each basis must still point into that basis's own line, however
    # its lines are broken. Here the Valium item's two bases give one Non-MTUS body (two
    # citations, broken at different places) and the acupuncture item's two give one MTUS body.
    seed = (LETTERS[0].parent / "seed_002_c4fc68c783e212d6.txt").read_text(encoding="utf-8")
    text = seed.replace(
        "Decision based on MTUS Chronic Pain Treatment Guidelines \n\nBenzodiazepines.",
        "Decision based on Non-MTUS Citation Official Disability Guidelines (ODG), Pain, "
        "\n\nBenzodiazepines; ACOEM, Chapter 6.",
    ).replace(
        "Decision based on MTUS Chronic Pain Treatment Guidelines \n\nBenzodiazepines Page(s): 24.",
        "Decision based on Non-MTUS Citation Official Disability Guidelines (ODG), Pain, "
        "Benzodiazepines; ACOEM, \n\nChapter 6.",
    )
    assert text.count("ACOEM") == 2
    cited = re.compile(
        r"Official Disability Guidelines \(ODG\), Pain,\s+Benzodiazepines"
        r"|ACOEM,\s+Chapter 6|Acupuncture Treatment\s+Guidelines"
    )
    expected = [match.span() for match in cited.finditer(text)]
    d = imrparse.parse(text)
    bases = [
        basis
        for decision in d.decisions
        for basis in (decision.claims_administrator_basis, decision.reviewer_basis)
    ]
    citations = [citation for basis in bases for citation in basis.citations]
    assert [(c.span.start, c.span.end) for c in citations if c.span] == expected
    assert [(c.title, c.sections) for c in citations] == [
        ("Official Disability Guidelines (ODG)", ("Pain", "Benzodiazepines")),
        ("ACOEM", ("Chapter 6",)),
        ("Official Disability Guidelines (ODG)", ("Pain", "Benzodiazepines")),
        ("ACOEM", ("Chapter 6",)),
        ("Acupuncture Treatment Guidelines", ()),
        ("Acupuncture Treatment Guidelines", ()),
    ]
    # Apart from its place, a citation met again is the one first read, field for field.
    for first, again in [(0, 2), (1, 3), (4, 5)]:
        assert attrs.evolve(citations[first], span=citations[again].span) == citations[again]
    assert d.warnings == ()


def test_a_citation_placed_again_copies_every_field() -> None:
    # The transformer rebuilds a citation met again field by field (cheaper than
    # attrs.evolve); a field added to Citation must be added there too.
    assert [field.name for field in attrs.fields(imrparse.Citation)] == [
        "source",
        "text",
        "title",
        "year",
        "sections",
        "pages",
        "span",
    ]


# What each warning of a fixture letter is about, read off the letter: the two-digit date
# as written, or (sex from pronouns) the whole summary the pronouns were counted in.
WARNED = {
    "g1_patient_nineteen.txt": [("claimant.date_of_injury", "09/14/99")],
    "g1_pronoun_female.txt": [
        (
            "claimant.sex",
            "The claimant is a 58 year old warehouse clerk who was injured on 7/3/2009 while "
            "lifting boxes onto a pallet. She",
        )
    ],
    "seed_000_d3b73cfd4dd990bb.txt": [("claimant.date_of_injury", "10/02/02")],
}


@pytest.mark.parametrize("letter", LETTERS, ids=[p.name for p in LETTERS])
def test_warning_spans_hold_what_they_warn_about(letter: Path) -> None:
    text = letter.read_text(encoding="utf-8")
    d = imrparse.parse(text)
    got = []
    for warning in d.warnings:
        assert warning.span is not None
        held = as_read(text[warning.span.start : warning.span.end])
        if warning.field == "claimant.sex":
            # The summary, from its first sentence on; its end is checked by the summary span.
            assert held == d.summary
            held = held[: len(WARNED[letter.name][0][1])]
        got.append((warning.field, held))
    assert got == WARNED.get(letter.name, [])


@pytest.mark.parametrize("letter", LETTERS, ids=[p.name for p in LETTERS])
def test_only_boilerplate_is_left_uncovered(letter: Path) -> None:
    text = letter.read_text(encoding="utf-8")
    rest = uncovered(text, imrparse.parse(text))
    for phrase in BOILERPLATE:
        rest = rest.replace(phrase, " ")
    assert re.sub(r"[\s.]+", "", rest) == ""


def test_spans_do_not_change_equality() -> None:
    text = LETTERS[0].read_text(encoding="utf-8")
    moved = imrparse.parse("\n\n\n" + text)
    original = imrparse.parse(text)
    assert moved == original
    assert moved.summary_span != original.summary_span


def test_case_header_span_covers_scrambled_values() -> None:
    text = (Path(__file__).parent / "data" / "letters" / "g2_partial.poppler.txt").read_text(
        encoding="utf-8"
    )
    d = imrparse.parse(text)
    assert d.case is not None
    assert d.case.span is not None
    header = text[d.case.span.start : d.case.span.end]
    assert header.startswith("Case Number:")
    assert d.case.case_number in header
    # pdftotext prints the labels first and the values after them: the span covers both.
    assert header.endswith("12/06/2016")
    assert "Application\nReceived:" in header
