"""Reading guideline citations (docs/reading-rules.md, "Bases and citations").

Each expected value is written from reading the citation, as a careful person would.
"""

from __future__ import annotations

from itertools import cycle

import pytest
from hypothesis import given
from hypothesis import strategies as st

from imrparse import Citation, CitationSource, Span
from imrparse.read.free_text import basis
from imrparse.read.free_text.basis import read_basis_sentences
from imrparse.read.free_text.citations import _clean, read_mtus, read_non_mtus

MTUS = CitationSource.MTUS
NON_MTUS = CitationSource.NON_MTUS


def _mtus(text: str) -> list[tuple[str | None, int | None, tuple[str, ...]]]:
    return [(c.title, c.year, c.sections) for c in read_mtus(text)]


def _non_mtus(text: str) -> list[tuple[str | None, int | None, tuple[str, ...]]]:
    return [(c.title, c.year, c.sections) for c in read_non_mtus(text)]


# --- MTUS: a section name that holds a comma stays whole -------------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Postsurgical Treatment 2009, Section(s): Forearm, Wrist & Hand.",
            [("Postsurgical Treatment", 2009, ("Forearm, Wrist & Hand",))],
        ),
        (
            "Chronic Pain Medical Treatment 2016, Section(s): NSAIDs, GI symptoms & "
            "cardiovascular risk, Opioids, specific drug list",
            [
                (
                    "Chronic Pain Medical Treatment",
                    2016,
                    ("NSAIDs, GI symptoms & cardiovascular risk", "Opioids, specific drug list"),
                )
            ],
        ),
        (
            "Chronic Pain Medical Treatment 2016, Section(s): Opioids, California controlled "
            "substance utilization review and evaluation system (CURES), Drug testing",
            [
                (
                    "Chronic Pain Medical Treatment",
                    2016,
                    (
                        "Opioids, California controlled substance utilization review and "
                        "evaluation system (CURES)",
                        "Drug testing",
                    ),
                )
            ],
        ),
        # Unknown names fall back to splitting at commas.
        (
            "Knee Complaints 2004, Section(s): Special Studies, Summary",
            [("Knee Complaints", 2004, ("Special Studies", "Summary"))],
        ),
        (
            "Shoulder Complaints 2004, Section(s): Initial Care, and Postsurgical Treatment "
            "2009, Section(s): Elbow & Upper Arm",
            [
                ("Shoulder Complaints", 2004, ("Initial Care",)),
                ("Postsurgical Treatment", 2009, ("Elbow & Upper Arm",)),
            ],
        ),
    ],
)
def test_mtus_sections(body: str, expected: list[tuple[str, int, tuple[str, ...]]]) -> None:
    assert _mtus(body) == expected


# --- Non-MTUS ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # One online document is read whole: its words are its title.
        (
            "Sildenafil: Drug information, accessed from UpToDate.com on 12/17/2016.",
            [("Sildenafil: Drug information, accessed from UpToDate.com on 12/17/2016", None, ())],
        ),
        (
            "http://www.drugs.com/famotidine.html",
            [("http://www.drugs.com/famotidine.html", None, ())],
        ),
        # A chapter, then its sections, whatever stands between them.
        (
            "Official Disability Guidelines (ODG) Knee/ Transportation",
            [("Official Disability Guidelines (ODG)", None, ("Knee", "Transportation"))],
        ),
        (
            "Official Disability Guidelines (ODG), Pain (online version): Opioids, specific "
            "drug list",
            [
                (
                    "Official Disability Guidelines (ODG)",
                    None,
                    ("Pain (online version)", "Opioids, specific drug list"),
                )
            ],
        ),
        (
            "Official Disability Guidelines (ODG) Low Back (Trigger point impedance imaging)",
            [
                (
                    "Official Disability Guidelines (ODG)",
                    None,
                    ("Low Back", "Trigger point impedance imaging"),
                )
            ],
        ),
        (
            "Official Disability Guidelines: Low Back - Criteria for use of Extracorporeal "
            "Shock Wave Therapy (ESWT)",
            [
                (
                    "Official Disability Guidelines",
                    None,
                    ("Low Back", "Criteria for use of Extracorporeal Shock Wave Therapy (ESWT)"),
                )
            ],
        ),
        (
            "Official Disability Guidelines (ODG) Forearm, Wrist and Hand Chapter (updated "
            "11/23/16) Electrodiagnostic studies (EDS), Nerve conduction studies (NCS)",
            [
                (
                    "Official Disability Guidelines (ODG)",
                    None,
                    (
                        "Forearm, Wrist and Hand Chapter (updated 11/23/16)",
                        "Electrodiagnostic studies (EDS)",
                        "Nerve conduction studies (NCS)",
                    ),
                )
            ],
        ),
        # Two sentence-case topics joined by "and" are two sections; a lower-case piece
        # after a comma goes on the section before it.
        (
            "Official Disability Guidelines (ODG), Low Back & Thoracic chapter (Acute & "
            "Chronic): Preoperative lab testing and Preoperative testing, general",
            [
                (
                    "Official Disability Guidelines (ODG)",
                    None,
                    (
                        "Low Back & Thoracic chapter (Acute & Chronic)",
                        "Preoperative lab testing",
                        "Preoperative testing, general",
                    ),
                )
            ],
        ),
        (
            "Official Disability Guidelines (ODG) Low Back, preoperative testing, general",
            [
                (
                    "Official Disability Guidelines (ODG)",
                    None,
                    ("Low Back", "preoperative testing, general"),
                )
            ],
        ),
        # Title case "and" is part of the name.
        (
            "Official Disability Guidelines, Neck and Upper Back, TENS (Transcutaneous "
            "electrical nerve stimulation)",
            [
                (
                    "Official Disability Guidelines",
                    None,
                    ("Neck and Upper Back", "TENS (Transcutaneous electrical nerve stimulation)"),
                )
            ],
        ),
        # A chapter name only counts before a separator: "Pain Management" is no chapter.
        (
            "ODG, Pain Management Programs",
            [("ODG", None, ("Pain Management Programs",))],
        ),
        # A year of its own is the year; an "(updated ...)" date is not.
        (
            "Official Disability Guidelines (ODG), 2016, Neck and Upper Back, Indications for "
            "imaging",
            [
                (
                    "Official Disability Guidelines (ODG)",
                    2016,
                    ("Neck and Upper Back", "Indications for imaging"),
                )
            ],
        ),
        (
            "Official Disability Guidelines (ODG), Wrist Chapter (updated 12/05/2016), "
            "Continuous cold therapy (CCT)",
            [
                (
                    "Official Disability Guidelines (ODG)",
                    None,
                    ("Wrist Chapter (updated 12/05/2016)", "Continuous cold therapy (CCT)"),
                )
            ],
        ),
        # Empty sections, and an update note on its own, are no sections.
        (
            "Official Disability Guidelines (ODG), , Pain, (updated 11/22/16)",
            [("Official Disability Guidelines (ODG)", None, ("Pain",))],
        ),
        # A known publisher is the title.
        (
            "Medicare National Coverage Determinations Manual, Chapter 1, Part 4",
            [
                (
                    "Medicare National Coverage Determinations Manual",
                    None,
                    ("Chapter 1", "Part 4"),
                )
            ],
        ),
        # An unknown source is split at its commas.
        (
            "Harlan K, Wrist orthoses for recurrent carpal tunnel syndrome, Journal of Hand "
            "Therapy 2010, pp. 212-213",
            [
                (
                    None,
                    None,
                    (
                        "Harlan K",
                        "Wrist orthoses for recurrent carpal tunnel syndrome",
                        "Journal of Hand Therapy 2010",
                    ),
                )
            ],
        ),
        # A body that names no publisher first is one source, whatever it names later.
        (
            "Shoulder (Acute & Chronic), Physical Therapy, ODG Preface \u2013 Physical Therapy",
            [
                (
                    None,
                    None,
                    (
                        "Shoulder (Acute & Chronic)",
                        "Physical Therapy",
                        "ODG Preface \u2013 Physical Therapy",
                    ),
                )
            ],
        ),
    ],
)
def test_non_mtus_sources(body: str, expected: list[tuple[str, int, tuple[str, ...]]]) -> None:
    assert _non_mtus(body) == expected


def test_two_sources_in_one_line_are_two_citations() -> None:
    body = (
        "Official Disability Guidelines (ODG), Pain Chapter, Opioids; American College of "
        "Occupational and Environmental Medicine (ACOEM), Chapter 6."
    )
    odg = "Official Disability Guidelines (ODG), Pain Chapter, Opioids"
    acoem = "American College of Occupational and Environmental Medicine (ACOEM), Chapter 6"
    assert [(c, c.span) for c in read_non_mtus(body, Span)] == [
        (
            Citation(
                source=NON_MTUS,
                text=odg,
                title="Official Disability Guidelines (ODG)",
                sections=("Pain Chapter", "Opioids"),
            ),
            Span(0, len(odg)),
        ),
        (
            Citation(
                source=NON_MTUS,
                text=acoem,
                title="American College of Occupational and Environmental Medicine (ACOEM)",
                sections=("Chapter 6",),
            ),
            Span(len(odg) + 2, len(odg) + 2 + len(acoem)),
        ),
    ]


def test_pages_of_a_journal_are_pages() -> None:
    (citation,) = read_non_mtus("Harmon LT, Return to work, J Occup Surg 2014, pg. 607")
    assert citation.pages == (607,)
    assert citation.sections == ("Harmon LT", "Return to work", "J Occup Surg 2014")


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # An article after a guideline, or after another article, is a citation of its own.
        (
            "Official Disability Guidelines (ODG), Pain Chapter; Harlan K, Wrist orthoses for "
            "recurrent carpal tunnel syndrome, Journal of Hand Therapy 2010",
            [
                ("Official Disability Guidelines (ODG)", None, ("Pain Chapter",)),
                (
                    None,
                    None,
                    (
                        "Harlan K",
                        "Wrist orthoses for recurrent carpal tunnel syndrome",
                        "Journal of Hand Therapy 2010",
                    ),
                ),
            ],
        ),
        (
            "Harlan K, Wrist orthoses, J Hand Ther 2010; Smith J et al, Splints, J Hand Surg 2012",
            [
                (None, None, ("Harlan K", "Wrist orthoses", "J Hand Ther 2010")),
                (None, None, ("Smith J et al", "Splints", "J Hand Surg 2012")),
            ],
        ),
        # A guideline after an article is a citation of its own.
        (
            "Harlan K, Wrist orthoses, J Hand Ther 2010; Official Disability Guidelines (ODG), "
            "Pain",
            [
                (None, None, ("Harlan K", "Wrist orthoses", "J Hand Ther 2010")),
                ("Official Disability Guidelines (ODG)", None, ("Pain",)),
            ],
        ),
        # Two words that only look like authors are not an article: no title, no journal.
        ("ODG, Pain; Head CT, 2016", [("ODG", 2016, ("Pain", "Head CT"))]),
    ],
)
def test_articles_are_sources_of_their_own(
    body: str, expected: list[tuple[str | None, int | None, tuple[str, ...]]]
) -> None:
    assert _non_mtus(body) == expected


def test_an_update_date_is_not_the_edition_year() -> None:
    body = "Chronic Pain Medical Treatment 2016 (updated 11/23/16), Section(s): Opioids"
    assert _mtus(body) == [("Chronic Pain Medical Treatment", 2016, ("Opioids",))]


# --- The short cuts of the readers read as the rules do ---------------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # Numbered sections joined by "and", and no year after the first: one chapter.
        (
            "Opioid Treatment 2016, Section(s): 3.1 Opioids for Chronic Pain and Chronic Opioid "
            "Treatment: Evaluation, 3.2 Opioids for Chronic Pain and Chronic Opioid Treatment: "
            "Alternatives.",
            [
                (
                    "Opioid Treatment",
                    2016,
                    (
                        "3.1 Opioids for Chronic Pain and Chronic Opioid Treatment: Evaluation",
                        "3.2 Opioids for Chronic Pain and Chronic Opioid Treatment: Alternatives",
                    ),
                )
            ],
        ),
        # An "and" then a title and a year: a chapter of its own.
        (
            "Shoulder Complaints 2004, Section(s): Summary, and Opioid Treatment 2016, "
            "Section(s): 1.4 Opioids for Acute Pain and Post-operative Pain.",
            [
                ("Shoulder Complaints", 2004, ("Summary",)),
                ("Opioid Treatment", 2016, ("1.4 Opioids for Acute Pain and Post-operative Pain",)),
            ],
        ),
        # The label takes every space after it, a tab too: the list is still numbered.
        (
            "Knee Complaints 2004, Section(s):\t3.3 Pain, 4 X",
            [("Knee Complaints", 2004, ("3.3 Pain", "4 X"))],
        ),
        (
            "Knee Complaints 2004, Section(s): 3.3 Pain, 4 X",
            [("Knee Complaints", 2004, ("3.3 Pain", "4 X"))],
        ),
        # An update note in any case dates the chapter.
        (
            "Low Back Complaints 2004 (Updated 11/22/16), Section(s): Summary.",
            [("Low Back Complaints", 2004, ("Summary",))],
        ),
        # Known names that hold commas, one after the other.
        (
            "Chronic Pain Medical Treatment 2016, Section(s): NSAIDs, GI symptoms & cardiovascular "
            "risk, Opioids, specific drug list, TENS, chronic pain (transcutaneous electrical "
            "nerve stimulation).",
            [
                (
                    "Chronic Pain Medical Treatment",
                    2016,
                    (
                        "NSAIDs, GI symptoms & cardiovascular risk",
                        "Opioids, specific drug list",
                        "TENS, chronic pain (transcutaneous electrical nerve stimulation)",
                    ),
                )
            ],
        ),
    ],
)
def test_mtus_lists(body: str, expected: list[tuple[str, int, tuple[str, ...]]]) -> None:
    assert _mtus(body) == expected


def test_one_source_keeps_its_pages_year_and_place() -> None:
    body = "Official Disability Guidelines (ODG), Pain, 2016, pp. 12-14, Opioids."
    (citation,) = read_non_mtus(body, Span)
    assert (citation.title, citation.year, citation.sections, citation.pages) == (
        "Official Disability Guidelines (ODG)",
        2016,
        ("Pain", "Opioids"),
        (12, 13, 14),
    )
    assert citation.span == Span(0, len(body) - 1)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # Separators after the publisher: the publisher alone.
        ("ODG , ;", [("ODG", None, ())]),
        # No publisher first: one source, whatever it names later.
        (
            "Shoulder (Acute & Chronic), Physical Therapy, ODG Preface - Physical Therapy.",
            [
                (
                    None,
                    None,
                    (
                        "Shoulder (Acute & Chronic)",
                        "Physical Therapy",
                        "ODG Preface - Physical Therapy",
                    ),
                )
            ],
        ),
        # Another publisher after a comma: two sources.
        (
            "ODG: Low Back - Lumbar & Thoracic (Acute & Chronic), MRI, ACOEM, Chapter 12",
            [
                ("ODG", None, ("Low Back - Lumbar & Thoracic (Acute & Chronic)", "MRI")),
                ("ACOEM", None, ("Chapter 12",)),
            ],
        ),
    ],
)
def test_non_mtus_one_source_or_more(
    body: str, expected: list[tuple[str | None, int | None, tuple[str, ...]]]
) -> None:
    assert _non_mtus(body) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Special Studies",
        "  a\tb  ",
        "a\u00a0b",
        "x,  y.",
        ", ;Pain:.",
        "a\x1cb",
        "\u2003P\u2003",
        "",
    ],
)
def test_clean_collapses_every_whitespace(text: str) -> None:
    assert _clean(text) == " ".join(text.split()).strip(" ,;:.")


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "Decision based on MTUS Knee Complaints 2004.  Decision based on Non-MTUS Citation "
            "ODG, Knee.",
            [("mtus", "Knee Complaints 2004.  ", 23, False), ("non_mtus", "ODG, Knee.", 82, False)],
        ),
        (
            "  Some text. The Expert Reviewer did not cite any medical evidence for its decision.",
            [("other", "Some text. ", 2, False), ("no_evidence", "", 84, False)],
        ),
        (
            "The Claims Administrator based their decision on recommendation(s) outside of the "
            "MTUS Guidelines. ODG, Pain.",
            [("refusal", "", 98, False), ("other", "ODG, Pain.", 99, False)],
        ),
        ("The Expert Reviewer said so.", [("other", "The Expert Reviewer said so.", 0, True)]),
        # Outside ASCII the markers are matched as the regex folds case: "\u017f" is an "s".
        (
            "Deci\u017fion based on MTUS Knee Complaints 2004. D\u00e9cision based on Non-MTUS.",
            [("mtus", "Knee Complaints 2004. D\u00e9cision based on Non-MTUS.", 23, False)],
        ),
    ],
)
def test_basis_sentences(line: str, expected: list[tuple[str, str, int, bool]]) -> None:
    sentences = read_basis_sentences(line)
    assert [(s.kind.value, s.body, s.body_start, s.unknown) for s in sentences] == expected


_OPENING_PIECES = st.sampled_from(
    [
        # Whole openings, and pieces of them that make near misses.
        "Decision based on MTUS",
        "Decision based on Non-MTUS Citation:",
        "The Claims Administrator did not base its decision on the MTUS.",
        "The Expert Reviewer based his decision on recommendation(s) outside of the CA MTUS.",
        "The Expert Reviewer did not cite any medical evidence for her decision.",
        "Decision based on ",
        "the ",
        "CA ",
        "California ",
        "MTUS",
        " Citation",
        " Guidelines",
        "Non-",
        "Non ",
        "Non",
        " MTUS Citations:",
        "The Claims Administrator ",
        "The Expert Reviewer ",
        "did not base ",
        "based ",
        "their ",
        "its ",
        "decision on ",
        "recommendation(s) outside of ",
        "did not cite any medical evidence for ",
        "decision.",
        " ",
        ".",
        "x",
    ]
)


@given(
    st.lists(_OPENING_PIECES, max_size=12).map("".join),
    st.lists(st.booleans(), min_size=120, max_size=120),
)
def test_the_lowered_opening_pattern_matches_as_the_case_insensitive_one(
    line: str, uppers: list[bool]
) -> None:
    # An ASCII guideline line is matched in its lower case by _LOWER_OPENING, made from
    # _OPENING's source: at every place, in any mix of cases, both take the same text as
    # the same opening.
    line = "".join(c.upper() if up else c.lower() for c, up in zip(line, cycle(uppers)))
    lower = line.lower()
    for at in range(len(line) + 1):
        mixed = basis._OPENING.match(line, at)
        lowered = basis._LOWER_OPENING.match(lower, at)
        assert (mixed and (mixed.span(), mixed.lastgroup)) == (
            lowered and (lowered.span(), lowered.lastgroup)
        )
