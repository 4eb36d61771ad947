"""Every rule at its edges: on both sides of a limit, at the limit, first and last entry.

Each test writes a small letter in the template's own words, changes one value in it and
states what a person reads there. The expected values were written from the letter and
``docs/reading-rules.md``, not taken from ``parse``. Where the parser is known to read an
edge wrongly the test is ``xfail(strict=True)`` with the reason: when the reader is
fixed, the test passes, the suite fails, and the mark is removed.

``benchmarks/mutation.py`` breaks each of these rules on purpose; the test named in its
report is the one that must catch it.
"""

from __future__ import annotations

import datetime

import pytest

import imrparse
from imrparse import Outcome, WarningKind

HEADER = """Case Number: CM14-0900001
Date Assigned: {assigned}
Decision Date: {decided}

"""

REVIEWER_2013 = """HOW THE IMR FINAL DETERMINATION WAS MADE
MAXIMUS Federal Services sent the complete case file to an expert reviewer. He/she has no
affiliation with the employer, employee, providers or the claims administrator. The expert
reviewer is Board Certified in {certs} and is licensed to practice in {states}. He/she has
been in active clinical practice for more than {years} years and is currently working at
least {hours} hours a week in active practice. He/she is familiar with governing laws and
regulations, including the strength of evidence hierarchy that applies to Independent
Medical Review determinations.
"""

REVIEWER_2016 = """HOW THE IMR FINAL DETERMINATION WAS MADE
MAXIMUS Federal Services sent the complete case file to an expert reviewer. He/she has no
affiliation with the employer, employee, providers or the claims administrator. He/she has
been in active clinical practice for more than five years and is currently working at
least 24 hours a week in active practice. He/she is familiar with governing laws and
regulations, including the strength of evidence hierarchy that applies to Independent
Medical Review determinations.

The Expert Reviewer has the following credentials:
State(s) of Licensure: {states}
Certification(s)/Specialty: {certs}
"""

SUMMARY = """
CLINICAL CASE SUMMARY
The expert reviewer developed the following clinical case summary based on a review of the
case file, including all medical records:

{summary}

IMR ISSUES, DECISIONS AND RATIONALES
The Final Determination was based on decisions for the disputed items/services set forth below:
"""

DECISION = """
{item_line}

Claims Administrator guideline: {ca}

MAXIMUS guideline: {mx}

Decision rationale: The guidelines do not support the request. Therefore, the request is not
medically necessary.
"""

FIRST_SENTENCE = "The injured worker is a 38 year old male injured on 10/02/2002."
CA_2013 = "Decision based on MTUS Chronic Pain Treatment Guidelines Opioids Page(s): 76-80."
MX_2013 = "Decision based on MTUS Chronic Pain Treatment Guidelines Opioids Page(s): 24."
RATIONALE = (
    "The guidelines do not support the request. Therefore, the request is not medically necessary."
)


def letter(
    *,
    header: tuple[str, str] | None = None,
    certs: str = "Anesthesiology",
    states: str = "California",
    years: str = "five",
    hours: str = "24",
    summary: str = FIRST_SENTENCE,
    items: tuple[str, ...] = ("Norco 10/325mg #120: Upheld",),
    ca: str = CA_2013,
    mx: str = MX_2013,
    generation: str = "2013",
) -> str:
    """A whole letter in the template's words, one value changed by the caller."""
    head = HEADER.format(assigned=header[0], decided=header[1]) if header else ""
    if generation == "2013":
        reviewer = REVIEWER_2013.format(certs=certs, states=states, years=years, hours=hours)
    else:
        reviewer = REVIEWER_2016.format(certs=certs, states=states)
    decisions = "".join(DECISION.format(item_line=line, ca=ca, mx=mx) for line in items)
    return head + reviewer + SUMMARY.format(summary=summary) + decisions


def read(**changes: object) -> imrparse.Determination:
    return imrparse.parse(letter(**changes))  # type: ignore[arg-type]


def injured_on(written: str, header: tuple[str, str] | None) -> imrparse.Determination:
    summary = f"The injured worker is a 38 year old male injured on {written}."
    return read(summary=summary, header=header)


def doubtful_fields(d: imrparse.Determination) -> list[tuple[WarningKind, str]]:
    return [(w.kind, w.field) for w in d.warnings]


# --- the two-digit year: 20yy unless that is after the reference year -------------------

HEADER_2014 = ("03/24/2014", "05/06/2014")
DATE_WARNING = [(WarningKind.DOUBTFUL_VALUE, "claimant.date_of_injury")]


@pytest.mark.parametrize(
    ("written", "header", "expected"),
    [
        # Reference year 2014, from the header.
        ("03/14/13", HEADER_2014, datetime.date(2013, 3, 14)),  # before it
        ("03/14/14", HEADER_2014, datetime.date(2014, 3, 14)),  # equal to it: not after
        ("03/14/15", HEADER_2014, datetime.date(1915, 3, 14)),  # after it
        ("1-2-00", HEADER_2014, datetime.date(2000, 1, 2)),  # the first year of 20yy
        ("1-2-99", HEADER_2014, datetime.date(1999, 1, 2)),
        # No header: the fixed reference year 2049.
        ("10/02/48", None, datetime.date(2048, 10, 2)),
        ("10/02/49", None, datetime.date(2049, 10, 2)),  # equal to it
        ("10/02/50", None, datetime.date(1950, 10, 2)),  # after it
    ],
    ids=["13<2014", "14=2014", "15>2014", "00", "99", "48<2049", "49=2049", "50>2049"],
)
def test_two_digit_year_on_both_sides_of_the_reference_year(
    written: str, header: tuple[str, str] | None, expected: datetime.date
) -> None:
    d = injured_on(written, header)
    assert d.claimant.date_of_injury == expected
    assert doubtful_fields(d) == DATE_WARNING


def test_reference_year_is_the_latest_header_year() -> None:
    # Date Assigned in 2013, Decision Date in 2014: "14" is not after 2014.
    d = injured_on("06/15/14", ("12/24/2013", "01/06/2014"))
    assert d.claimant.date_of_injury == datetime.date(2014, 6, 15)
    d = injured_on("06/15/14", ("12/24/2013", "12/30/2013"))
    assert d.claimant.date_of_injury == datetime.date(1914, 6, 15)


def test_four_digit_year_gives_no_warning() -> None:
    d = injured_on("10/02/2049", None)
    assert d.claimant.date_of_injury == datetime.date(2049, 10, 2)
    assert d.warnings == ()


def test_two_digit_year_warning_points_at_the_date() -> None:
    text = letter(summary="The injured worker is a 38 year old male injured on 10/02/02.")
    d = imrparse.parse(text)
    start = text.index("10/02/02")
    assert [(w.field, w.span) for w in d.warnings] == [
        ("claimant.date_of_injury", imrparse.Span(start, start + len("10/02/02")))
    ]


# --- pages: one page, ranges at their ends, reversed and too wide ranges ---------------


def ca_pages(pages: str) -> tuple[int, ...]:
    ca = f"Decision based on MTUS Chronic Pain Treatment Guidelines Opioids Page(s): {pages}."
    return read(ca=ca).decisions[0].claims_administrator_basis.citations[0].pages


@pytest.mark.parametrize(
    ("pages", "expected"),
    [
        ("24", (24,)),
        ("24-24", (24,)),  # a range of one page
        ("24-25", (24, 25)),  # both ends kept
        ("76-80", (76, 77, 78, 79, 80)),
        ("80-76", (80,)),  # reversed: a misreading, the first page only
        ("24, 66, 112", (24, 66, 112)),  # first and last of a list
        ("112; 24", (112, 24)),  # order kept
        ("76-80; 78", (76, 77, 78, 79, 80)),  # duplicates dropped
    ],
)
def test_pages(pages: str, expected: tuple[int, ...]) -> None:
    assert ca_pages(pages) == expected


def test_widest_page_range_is_two_hundred_pages_past_its_first() -> None:
    assert ca_pages("1-201") == tuple(range(1, 202))
    assert ca_pages("1-202") == (1,)


# --- lists: the first and the last entry -----------------------------------------------


def summary_with(sentence: str) -> imrparse.Determination:
    return read(summary=f"{FIRST_SENTENCE} {sentence} He continues to work.")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Current diagnoses included lumbago.", ("lumbago",)),
        (
            "Current diagnoses included lumbago, thoracic pain, and depression.",
            ("lumbago", "thoracic pain", "depression"),
        ),
        (
            "Current diagnoses included lumbago, thoracic pain and depression.",
            ("lumbago", "thoracic pain", "depression"),
        ),
        (
            "Diagnoses: recurrent carpal tunnel syndrome; wrist arthritis.",
            ("recurrent carpal tunnel syndrome", "wrist arthritis"),
        ),
        (
            "Diagnoses include (a) lumbago, (b) cervicalgia, and (c) chronic pain syndrome.",
            ("lumbago", "cervicalgia", "chronic pain syndrome"),
        ),
        (
            "He has a diagnosis of dislocation, shoulder.",
            ("dislocation, shoulder",),
        ),
    ],
    ids=["one", "serial-comma", "no-serial-comma", "semicolons", "lettered", "singular"],
)
def test_diagnoses_first_and_last(sentence: str, expected: tuple[str, ...]) -> None:
    assert summary_with(sentence).diagnoses == expected


def test_lettered_entry_ends_at_its_sentence() -> None:
    d = summary_with(
        "He is diagnosed with (a) lumbar sprain. An MRI revealed a disc herniation; "
        "(b) muscle spasms, and (c) depression."
    )
    assert d.diagnoses == ("lumbar sprain", "muscle spasms", "depression")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Current medications include Soma.", ("Soma",)),
        (
            "Current medications include Norco 10/325mg, Soma 350mg, and Ambien CR 12.5mg.",
            ("Norco 10/325mg", "Soma 350mg", "Ambien CR 12.5mg"),
        ),
        (
            "His medications included Norco 10/325mg, Soma 350mg and Ambien 10mg.",
            ("Norco 10/325mg", "Soma 350mg", "Ambien 10mg"),
        ),
        ("He was taking Norco and Baclofen.", ("Norco", "Baclofen")),
    ],
    ids=["one", "serial-comma", "no-serial-comma", "and"],
)
def test_medications_first_and_last(sentence: str, expected: tuple[str, ...]) -> None:
    assert summary_with(sentence).medications == expected


def test_medication_without_its_dosing_clause() -> None:
    d = summary_with("He was taking Norco 10/325mg four times daily and Soma 350mg at bedtime.")
    assert d.medications == ("Norco 10/325mg", "Soma 350mg")


def test_list_spans_hold_their_first_and_last_entry() -> None:
    sentence = "Current diagnoses included lumbago, thoracic pain, and depression."
    text = letter(summary=f"{FIRST_SENTENCE} {sentence}")
    d = imrparse.parse(text)
    first, last = text.index("lumbago"), text.index("depression")
    assert d.diagnosis_spans == (
        imrparse.Span(first, first + len("lumbago")),
        imrparse.Span(text.index("thoracic pain"), text.index("thoracic pain") + 13),
        imrparse.Span(last, last + len("depression")),
    )


@pytest.mark.parametrize(
    ("certs", "expected"),
    [
        ("Anesthesiology", ("Anesthesiology",)),
        ("Internal Medicine and Rheumatology", ("Internal Medicine", "Rheumatology")),
        (
            "Internal Medicine, Rheumatology and Geriatric Medicine",
            ("Internal Medicine", "Rheumatology", "Geriatric Medicine"),
        ),
        ("Physical Medicine and Rehabilitation", ("Physical Medicine and Rehabilitation",)),
    ],
)
def test_certifications_first_and_last(certs: str, expected: tuple[str, ...]) -> None:
    assert read(certs=certs).reviewer.certifications == expected


@pytest.mark.parametrize(
    ("states", "expected"),
    [
        ("California", ("California",)),
        ("California and Texas", ("California", "Texas")),
        ("California, Texas and New York", ("California", "Texas", "New York")),
        ("California, Texas, and New York", ("California", "Texas", "New York")),
    ],
)
def test_states_first_and_last(states: str, expected: tuple[str, ...]) -> None:
    assert read(states=states).reviewer.licensed_in == expected


def test_credentials_lists_first_and_last() -> None:
    d = read(
        generation="2016",
        states="California,North Carolina, Texas",
        certs="Physical Medicine & Rehabilitation, Pain Management, Sports Medicine",
        ca=SECOND_GENERATION_BASIS,
        mx=SECOND_GENERATION_BASIS,
    )
    assert d.reviewer.licensed_in == ("California", "North Carolina", "Texas")
    assert d.reviewer.certifications == (
        "Physical Medicine & Rehabilitation",
        "Pain Management",
        "Sports Medicine",
    )


SECOND_GENERATION_BASIS = (
    "Decision based on MTUS Shoulder Complaints 2004, Section(s): Initial Care, Physical"
    " Methods, Summary, and Chronic Pain Medical Treatment 2016, Section(s): Physical Medicine."
)


def test_sections_first_and_last() -> None:
    d = read(generation="2016", ca=SECOND_GENERATION_BASIS, mx=SECOND_GENERATION_BASIS)
    first, second = d.decisions[0].claims_administrator_basis.citations
    assert (first.title, first.year, first.sections) == (
        "Shoulder Complaints",
        2004,
        ("Initial Care", "Physical Methods", "Summary"),
    )
    assert (second.title, second.year, second.sections) == (
        "Chronic Pain Medical Treatment",
        2016,
        ("Physical Medicine",),
    )


def test_topics_first_and_last() -> None:
    ca = (
        "Decision based on MTUS Chronic Pain Treatment Guidelines Opioids; Muscle relaxants;"
        " Weaning of Medications Page(s): 76; 63; 124."
    )
    (citation,) = read(ca=ca).decisions[0].claims_administrator_basis.citations
    assert citation.sections == ("Opioids", "Muscle relaxants", "Weaning of Medications")
    assert citation.pages == (76, 63, 124)


def test_decisions_first_and_last() -> None:
    d = read(items=("Soma 350mg #60: Upheld", "Acupuncture x 6: Overturned", "TENS unit: Upheld"))
    assert [(x.item, x.outcome) for x in d.decisions] == [
        ("Soma 350mg #60", Outcome.UPHELD),
        ("Acupuncture x 6", Outcome.OVERTURNED),
        ("TENS unit", Outcome.UPHELD),
    ]
    assert [x.rationale for x in d.decisions] == [RATIONALE] * 3


# --- ages, years in practice and hours a week at their limits ---------------------------


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("a 18 year old", 18),
        ("a 100 year old", 100),  # three digits: still an age
        ("a 1000 year old", None),  # four: not an age
        ("a 38-year-old", 38),
        ("a 38 year-old", 38),
        ("a(n) 59 year old", 59),
    ],
)
def test_age(written: str, expected: int | None) -> None:
    d = read(summary=f"The injured worker is {written} male injured on 10/02/2002.")
    assert d.claimant.age == expected


@pytest.mark.parametrize(
    ("years", "hours", "expected"),
    [
        ("five", "24", (5, 24)),
        ("5", "24", (5, 24)),
        ("one", "1", (1, 1)),
        ("twelve", "40", (12, 40)),
        ("twenty", "twenty", (20, 20)),
        ("25", "60", (25, 60)),
    ],
)
def test_years_and_hours(years: str, hours: str, expected: tuple[int, int]) -> None:
    reviewer = read(years=years, hours=hours).reviewer
    assert (reviewer.min_years_in_practice, reviewer.min_hours_per_week) == expected


def test_years_in_number_words_past_twelve() -> None:
    assert read(years="thirteen").reviewer.min_years_in_practice == 13


# --- item lines and outcomes ------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "item", "outcome"),
    [
        ("Norco 10/325mg #120: Upheld", "Norco 10/325mg #120", Outcome.UPHELD),
        ("Norco 10/325mg #120: Overturned", "Norco 10/325mg #120", Outcome.OVERTURNED),
        ("Norco 10/325mg #120:  Upheld", "Norco 10/325mg #120", Outcome.UPHELD),
        ("Norco 10/325mg #120: UPHELD", "Norco 10/325mg #120", Outcome.UPHELD),
        ("Norco 10/325mg #120: overturned", "Norco 10/325mg #120", Outcome.OVERTURNED),
        (
            "Associated surgical service: TENS unit: Overturned",
            "Associated surgical service: TENS unit",
            Outcome.OVERTURNED,
        ),
        ("Norco 10/325mg #120:\nUpheld", "Norco 10/325mg #120", Outcome.UPHELD),
    ],
    ids=["upheld", "overturned", "two-spaces", "upper", "lower", "colon-in-item", "next-line"],
)
def test_outcome(line: str, item: str, outcome: Outcome) -> None:
    (decision,) = read(items=(line,)).decisions
    assert (decision.item, decision.outcome) == (item, outcome)


@pytest.mark.parametrize("outcome", [Outcome.UPHELD, Outcome.OVERTURNED])
def test_partly_authorised_is_outcome(outcome: Outcome) -> None:
    line = (
        "Cyclobenzaprine 7.5mg #90 was the original request. Cyclobenzaprine 7.5mg #63 was"
        " authorized by the Claims Administrator. The remaining IMR eligible portion of the"
        f" original request, Cyclobenzaprine 7.5mg #27 is: {outcome.value.title()}"
    )
    (decision,) = read(items=(line,)).decisions
    assert (decision.item, decision.outcome) == ("Cyclobenzaprine 7.5mg #27", outcome)
    assert decision.original_request == "Cyclobenzaprine 7.5mg #90"
    assert decision.authorized == "Cyclobenzaprine 7.5mg #63"
    assert decision.request.quantity == 27


def test_item_ending_in_is() -> None:
    (decision,) = read(items=("X-ray of the pelvis: Upheld",)).decisions
    assert decision.item == "X-ray of the pelvis"
    assert decision.request.body_part == "pelvis"


# --- quantity against strength -----------------------------------------------------------


@pytest.mark.parametrize(
    ("item", "strength", "quantity", "unparsed"),
    [
        ("Diazepam 5mg", "5mg", None, ()),
        ("Diazepam #30", None, 30, ()),
        ("60 Tablets of Diazepam 5mg", "5mg", 60, ()),
        ("Norco 10/325mg #120", "10/325mg", 120, ()),  # 10 is no count
        ("Acupuncture, QTY: 8", None, 8, ()),
        ("Acupuncture x 6", None, 6, ()),
        ("Lidoderm 5% patch #30", "5%", 30, ("patch",)),
        ("Menthoderm gel 120gm", None, None, ("120gm",)),  # a weight: no strength, no count
        ("Norco 10/325mg #120, 2 refills", "10/325mg", 120, ("2 refills",)),
    ],
)
def test_quantity_and_strength(
    item: str, strength: str | None, quantity: int | None, unparsed: tuple[str, ...]
) -> None:
    request = read(items=(f"{item}: Upheld",)).decisions[0].request
    assert (request.strength, request.quantity, request.unparsed) == (strength, quantity, unparsed)


def test_number_in_a_product_name_is_no_quantity() -> None:
    request = read(items=("Tylenol with codeine #3, #40: Upheld",)).decisions[0].request
    assert (request.name, request.strength, request.quantity) == (
        "Tylenol with codeine #3",
        None,
        40,
    )


def test_comma_ends_a_strength() -> None:
    request = read(items=("Voltaren gel 1%, 100 gram tube: Upheld",)).decisions[0].request
    assert (request.strength, request.quantity, request.unparsed) == (
        "1%",
        None,
        ("100 gram", "tube"),
    )


def _item_of_length(length: int) -> str:
    """'Norco 10/325mg #120' followed by words, ``length`` characters in all."""
    item = ("Norco 10/325mg #120" + " and more" * length)[:length]
    return item if not item.endswith(" ") else item[:-1] + "s"


def test_an_item_at_the_longest_read_length_is_read_into_parts() -> None:
    item = _item_of_length(1_000)
    assert len(item) == 1_000
    d = read(items=(f"{item}: Upheld",))
    request = d.decisions[0].request
    assert (request.name, request.strength, request.quantity) == ("Norco", "10/325mg", 120)
    assert "decisions.request" not in [w.field for w in d.warnings]


def test_an_item_past_the_longest_read_length_is_kept_whole_with_a_warning() -> None:
    item = _item_of_length(1_001)
    assert len(item) == 1_001
    d = read(items=(f"{item}: Upheld",))
    decision = d.decisions[0]
    assert decision.item == item
    assert decision.request == imrparse.Request()
    assert [(w.kind, w.field, w.message) for w in d.warnings] == [
        (
            WarningKind.UNREADABLE_VALUE,
            "decisions.request",
            "the item is 1,001 characters long; items are read into their parts only up to "
            "1,000 characters",
        )
    ]


# --- span ends ---------------------------------------------------------------------------


def test_span_ends() -> None:
    text = letter()
    d = imrparse.parse(text)
    summary_start = text.index(FIRST_SENTENCE)
    assert d.summary_span == imrparse.Span(summary_start, summary_start + len(FIRST_SENTENCE))
    assert d.claimant.span == d.summary_span  # the first sentence is the whole summary
    (decision,) = d.decisions
    item_start = text.index("Norco 10/325mg #120: Upheld")
    end = text.index("medically necessary.") + len("medically necessary.")
    assert decision.span == imrparse.Span(item_start, end)
    basis = decision.claims_administrator_basis
    basis_start = text.index("Claims Administrator guideline:")
    assert basis.span == imrparse.Span(basis_start, text.index(CA_2013) + len(CA_2013))
    citation_text = "Chronic Pain Treatment Guidelines Opioids Page(s): 76-80"
    citation_start = text.index(citation_text)
    assert basis.citations[0].span == imrparse.Span(
        citation_start, citation_start + len(citation_text)
    )
