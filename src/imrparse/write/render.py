"""Write a record back out as the text of an IMR Final Determination Letter.

:func:`render` is the inverse of :func:`imrparse.parse`: it lays a
:class:`~imrparse.models.Determination` out in the modern template, in the canonical
layout (one line per template line, paragraphs wrapped at about 95 characters as a PDF
extractor gives them), so that ``parse(render(d)) == d`` for every record a letter can
hold. Free-text fields (the case summary, the guideline lines, the rationales) are
written as they are in the record; only the templated parts (header block, reviewer
sentence or credentials block, item lines) are composed from the record's values.

:func:`paragraphs` and :func:`wrap` are the two steps of :func:`render`; they are public
so that :mod:`imrparse.testing` can lay the same letter out in other ways.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence

from imrparse.models import (
    GENERATION_2013,
    GENERATION_2016,
    CaseHeader,
    Decision,
    Determination,
    Reviewer,
)
from imrparse.template import (
    CERTIFICATION_LABEL,
    CLAIMS_ADMINISTRATOR_LABEL,
    CREDENTIALS_LEAD_IN,
    HEADER_FIELDS,
    HOW_HEADING,
    ISSUES_HEADING,
    ISSUES_LEAD_IN,
    LICENSURE_LABEL,
    MAXIMUS_LABEL,
    RATIONALE_LABEL,
    REVIEWER_BOILERPLATE_OPENING,
    SUMMARY_HEADING,
    SUMMARY_LEAD_IN,
    number_word,
    reviewer_boilerplate_closing,
)

__all__ = ["WIDTH", "paragraphs", "render", "wrap"]

#: Line width that :func:`render` wraps at: what a PDF page gives an extractor.
WIDTH = 95


def render(determination: Determination, *, width: int = WIDTH) -> str:
    """Write a record as the text of a letter in the canonical layout.

    Args:
        determination: The record to write. Its ``generation`` chooses the template:
            :data:`~imrparse.models.GENERATION_2013` names the reviewer's certifications,
            subspecialties and states in the reviewer paragraph,
            :data:`~imrparse.models.GENERATION_2016` lists them in a credentials block.
        width: Wrap lines at this many characters (a word longer than that keeps a
            line to itself).

    Returns:
        The letter, one template line or wrapped paragraph line per line, ending in a
        newline.

    Raises:
        ValueError: The template cannot hold the record: an unknown generation,
            subspecialties in a second-generation letter, or a decision with only one of
            ``original_request`` and ``authorized``.

    >>> from imrparse.models import (
    ...     GENERATION_2013, Basis, Claimant, Decision, Determination, Outcome, Reviewer)
    >>> basis = Basis(text="Decision based on MTUS Acupuncture Treatment Guidelines.",
    ...               based_on_mtus=True, cites_evidence=True)
    >>> d = Determination(
    ...     generation=GENERATION_2013, case=None,
    ...     reviewer=Reviewer(certifications=("Anesthesiology",), licensed_in=("Texas",),
    ...                       min_years_in_practice=5, min_hours_per_week=24),
    ...     claimant=Claimant(role="patient", age=40, sex=None),
    ...     diagnoses=(), medications=(), summary="The patient is a 40 year old.",
    ...     decisions=(Decision(item="Acupuncture x 6", outcome=Outcome.UPHELD,
    ...                         claims_administrator_basis=basis, reviewer_basis=basis,
    ...                         rationale="It is not medically necessary."),))
    >>> print(render(d, width=60))  # doctest: +NORMALIZE_WHITESPACE
    HOW THE IMR FINAL DETERMINATION WAS MADE
    MAXIMUS Federal Services sent the complete case file to an
    expert reviewer. He/she has no affiliation with the
    employer, employee, providers or the claims administrator.
    The expert reviewer is Board Certified in Anesthesiology and
    is licensed to practice in Texas. He/she has been in active
    clinical practice for more than five years and is currently
    working at least 24 hours a week in active practice. The
    expert reviewer was selected based on his/her clinical
    experience, education, background, and expertise in the same
    or similar specialties that evaluate and/or treat the
    medical condition and disputed items/services. He/she is
    familiar with governing laws and regulations, including the
    strength of evidence hierarchy that applies to Independent
    Medical Review determinations.
    CLINICAL CASE SUMMARY
    The expert reviewer developed the following clinical case
    summary based on a review of the case file, including all
    medical records:
    The patient is a 40 year old.
    IMR ISSUES, DECISIONS AND RATIONALES
    The Final Determination was based on decisions for the
    disputed items/services set forth below:
    Acupuncture x 6: Upheld
    Claims Administrator guideline: Decision based on MTUS
    Acupuncture Treatment Guidelines.
    MAXIMUS guideline: Decision based on MTUS Acupuncture
    Treatment Guidelines.
    Decision rationale: It is not medically necessary.
    """
    lines = [line for paragraph in paragraphs(determination) for line in wrap(paragraph, width)]
    return "\n".join(lines) + "\n"


def paragraphs(determination: Determination) -> tuple[str, ...]:
    """Lay a record out as the letter's paragraphs, before any line wrapping.

    Each heading, header line, label line and free-text paragraph is one string with
    single spaces; joining the wrapped paragraphs with line breaks gives the letter.

    Args:
        determination: The record to write.

    Returns:
        The paragraphs in letter order.

    Raises:
        ValueError: The template cannot hold the record (see :func:`render`).

    >>> from imrparse.models import CaseHeader, Claimant, Determination, Reviewer
    >>> d = Determination(
    ...     generation="2016", case=CaseHeader(case_number="CM16-0912345"),
    ...     reviewer=Reviewer(certifications=("Family Practice",), licensed_in=("Utah",)),
    ...     claimant=Claimant(), diagnoses=(), medications=(), summary="", decisions=())
    >>> for paragraph in paragraphs(d):
    ...     print(paragraph[:60])
    Case Number: CM16-0912345
    HOW THE IMR FINAL DETERMINATION WAS MADE
    MAXIMUS Federal Services sent the complete case file to an e
    The Expert Reviewer has the following credentials:
    State(s) of Licensure: Utah
    Certification(s)/Specialty: Family Practice
    CLINICAL CASE SUMMARY
    The expert reviewer developed the following clinical case su
    IMR ISSUES, DECISIONS AND RATIONALES
    The Final Determination was based on decisions for the dispu
    """
    generation = determination.generation
    out: list[str] = []
    if determination.case is not None:
        out.extend(_header_lines(determination.case))
    out.append(HOW_HEADING)
    out.extend(_reviewer_paragraphs(determination, generation))
    out.extend((SUMMARY_HEADING, SUMMARY_LEAD_IN))
    if determination.summary:
        out.append(determination.summary)
    out.extend((ISSUES_HEADING, ISSUES_LEAD_IN))
    for decision in determination.decisions:
        out.extend(_decision_paragraphs(decision))
    return tuple(out)


def wrap(paragraph: str, width: int = WIDTH, *, hyphen_breaks: bool = False) -> list[str]:
    """Break one paragraph into lines of at most ``width`` characters where it can.

    Lines break at spaces, never after a word that ends in a hyphen: the reading rules
    join such a line to the next without a space (``non-`` / ``industrial``), which
    would change ``10-28- 2016``. With ``hyphen_breaks`` a word may also break right
    after a hyphen inside it, as extractors do, where the reading rules join it back
    (a letter or digit before the hyphen, a lower-case letter or digit after).

    Args:
        paragraph: Text with single spaces.
        width: Longest line wanted; a longer unbreakable word keeps a line to itself.
        hyphen_breaks: Also break inside hyphenated words.

    Returns:
        The lines, without line ends; one empty line for an empty paragraph.

    >>> wrap("pain in the non-industrial knee", 16, hyphen_breaks=True)
    ['pain in the non-', 'industrial knee']
    >>> wrap("injured on 10-28- 2016 at work", 15)
    ['injured on', '10-28- 2016 at', 'work']
    """
    pieces = _breakable_pieces(paragraph, hyphen_breaks=hyphen_breaks)
    lines: list[str] = []
    current = ""
    for piece, joiner in pieces:
        if not current:
            current = piece
        elif len(current) + len(joiner) + len(piece) <= width:
            current = f"{current}{joiner}{piece}"
        else:
            lines.append(current)
            current = piece
    lines.append(current)
    return lines


def _breakable_pieces(paragraph: str, *, hyphen_breaks: bool) -> list[tuple[str, str]]:
    """Split a paragraph into (piece, joiner) pairs; a line may break before any piece."""
    pieces: list[tuple[str, str]] = []
    glue_next = False
    for word in paragraph.split(" "):
        parts = _hyphen_parts(word) if hyphen_breaks else [word]
        for index, part in enumerate(parts):
            joiner = " " if index == 0 else ""
            if glue_next and pieces:
                # No break after a word ending in a hyphen: glue this piece on.
                last, last_joiner = pieces[-1]
                pieces[-1] = (f"{last}{joiner}{part}", last_joiner)
            else:
                pieces.append((part, joiner))
            glue_next = False
        glue_next = word.endswith("-")
    return pieces


def _hyphen_parts(word: str) -> list[str]:
    """Split a word after each in-word hyphen that the reading rules would rejoin."""
    parts: list[str] = []
    start = 0
    for index in range(1, len(word) - 1):
        before, after = word[index - 1], word[index + 1]
        if (
            word[index] == "-"
            and before.isascii()
            and before.isalnum()
            and after.isascii()
            and (after.islower() or after.isdigit())
        ):
            parts.append(word[start : index + 1])
            start = index + 1
    parts.append(word[start:])
    return parts


# The header block -----------------------------------------------------------------


def _header_lines(case: CaseHeader) -> tuple[str, ...]:
    """One ``Label: value`` line per value the header holds, in the posted order."""
    values = [(label, _value(getattr(case, field))) for label, field in HEADER_FIELDS]
    lines = tuple(f"{label}: {value}" for label, value in values if value is not None)
    # A header with no values still exists in the letter: keep one empty label so that
    # the record reads back with a CaseHeader rather than None.
    return lines or (f"{HEADER_FIELDS[0][0]}:",)


def _value(value: datetime.date | str | None) -> str | None:
    return _date(value) if isinstance(value, datetime.date) else value


def _date(value: datetime.date | None) -> str | None:
    return None if value is None else f"{value.month:02d}/{value.day:02d}/{value.year:04d}"


# The reviewer -----------------------------------------------------------------------


def _reviewer_paragraphs(determination: Determination, generation: str) -> list[str]:
    """The reviewer paragraph, and in the second generation one credentials block each."""
    reviewers = determination.reviewers or (determination.reviewer,)
    if reviewers[0] != determination.reviewer:
        raise ValueError("the reviewer must be the first of the reviewers")
    sentences = list(REVIEWER_BOILERPLATE_OPENING)
    for index, reviewer in enumerate(reviewers):
        if generation == GENERATION_2013 or reviewer.profession is not None:
            sentences.append(_qualification_sentence(reviewer, generation))
        elif reviewer.subspecialties:
            raise ValueError("a second-generation letter has no place for subspecialties")
        # A practice sentence belongs to the reviewer named before it; a second-generation
        # letter names its reviewers only in credentials blocks, after the paragraph.
        if index == 0 or generation == GENERATION_2013:
            sentences.append(_practice_sentence(reviewer))
        elif _practice_sentence(reviewer):
            raise ValueError(
                "a second-generation letter gives practice years and hours for its first "
                "reviewer only"
            )
    items = "services" if generation == GENERATION_2013 else "Service"
    sentences.extend(reviewer_boilerplate_closing(items))
    out = [" ".join(sentence for sentence in sentences if sentence)]
    if generation == GENERATION_2016:
        for reviewer in reviewers:
            out.append(CREDENTIALS_LEAD_IN)
            out.append(f"{LICENSURE_LABEL} {', '.join(reviewer.licensed_in)}".rstrip())
            if reviewer.profession is None:
                certifications = ", ".join(reviewer.certifications)
                out.append(f"{CERTIFICATION_LABEL} {certifications}".rstrip())
    return out


def _qualification_sentence(reviewer: Reviewer, generation: str) -> str:
    """``The expert reviewer is Board Certified in ... and is licensed to practice in ...``."""
    parts: list[str] = []
    if reviewer.profession is not None:
        parts.append(f"is a Licensed {reviewer.profession}")
    elif reviewer.certifications:
        board = f"is Board Certified in {_and_list(reviewer.certifications)}"
        if reviewer.subspecialties:
            board = f"{board}, has a subspecialty in {_and_list(reviewer.subspecialties)}"
        parts.append(board)
    if reviewer.licensed_in and generation == GENERATION_2013:
        parts.append(f"is licensed to practice in {_and_list(reviewer.licensed_in)}")
    if not parts:
        return ""
    return f"The expert reviewer {' and '.join(parts)}."


def _practice_sentence(reviewer: Reviewer) -> str:
    years, hours = reviewer.min_years_in_practice, reviewer.min_hours_per_week
    if years is None and hours is None:
        return ""
    if years is None or hours is None:
        # The template's one practice sentence always gives both.
        raise ValueError("a letter gives a reviewer's practice years and hours together")
    return (
        f"He/she has been in active clinical practice for more than {number_word(years)} "
        f"years and is currently working at least {hours} hours a week in active practice."
    )


def _and_list(values: Sequence[str]) -> str:
    """``A``, ``A and B``, ``A, B and C``: the reviewer sentence's list form."""
    if len(values) <= 1:
        return "".join(values)
    return f"{', '.join(values[:-1])} and {values[-1]}"


# The decisions ----------------------------------------------------------------------


def _decision_paragraphs(decision: Decision) -> Iterable[str]:
    outcome = decision.outcome.value.capitalize()
    original, authorized = decision.original_request, decision.authorized
    if (original is None) != (authorized is None):
        raise ValueError("a partly authorised request needs both original_request and authorized")
    if original is not None:
        yield (
            f"{original} was the original request. {authorized} was authorized by the "
            "Claims Administrator. The remaining IMR eligible portion of the original "
            f"request, {decision.item} is: {outcome}"
        )
    else:
        yield f"{decision.item}: {outcome}"
    yield f"{CLAIMS_ADMINISTRATOR_LABEL} {decision.claims_administrator_basis.text}"
    yield f"{MAXIMUS_LABEL} {decision.reviewer_basis.text}"
    yield f"{RATIONALE_LABEL} {decision.rationale}"
