"""The fixed words of the letter template, and tests on single lines of text.

The grammar (``grammar/letter.lark``) spells the same headings and labels; this module
lets :mod:`imrparse.read.normalize` find where the template's blocks begin before there is a
tree. All patterns here are anchored and free of nested repetition, so each test is
linear in the line's length.
"""

from __future__ import annotations

import re

__all__ = [
    "HEADINGS",
    "ends_lead_in",
    "ends_sentence",
    "has_original_request",
    "is_heading",
    "is_item_line",
    "is_outcome_only",
    "is_remaining_portion",
    "starts_block",
]

HOW_HEADING = "HOW THE IMR FINAL DETERMINATION WAS MADE"
SUMMARY_HEADING = "CLINICAL CASE SUMMARY"
ISSUES_HEADING = "IMR ISSUES, DECISIONS AND RATIONALES"
HEADINGS = (HOW_HEADING, SUMMARY_HEADING, ISSUES_HEADING)

# Labels and lead-ins that begin a block of their own wherever they start a line.
BLOCK_LABELS = (
    "The expert reviewer developed the following clinical case summary",
    "The Final Determination was based on decisions for the disputed",
    "The Expert Reviewer has the following credentials:",
    "State(s) of Licensure:",
    "Certification(s)/Specialty:",
    "Claims Administrator guideline:",
    "MAXIMUS guideline:",
    "Decision rationale:",
)

_HEADING = re.compile("|".join(re.escape(heading) for heading in HEADINGS), re.IGNORECASE)
_BLOCK_LABEL = re.compile("|".join(re.escape(label) for label in BLOCK_LABELS), re.IGNORECASE)
_OUTCOME_ONLY = re.compile(r"(?:Upheld|Overturned)", re.IGNORECASE)
_ITEM_END = re.compile(r":\s*(?:Upheld|Overturned)\s*\Z", re.IGNORECASE)
# A full stop, question mark or colon, maybe closed by a quote or bracket.
_SENTENCE_END = re.compile(r"""[.:?!]["')\]]*\Z""")
# The ends of the two lead-ins that introduce the summary and the decisions.
_LEAD_IN_END = re.compile(
    r"(?:including all medical records|items/services set forth below):\Z", re.IGNORECASE
)
_REMAINING = re.compile(r"The remaining IMR eligible portion", re.IGNORECASE)
_ORIGINAL = re.compile(r"was the original request", re.IGNORECASE)


_HEADING_LENGTHS = frozenset(len(heading) for heading in HEADINGS)


def is_heading(line: str) -> bool:
    """Tell whether a whole line is one of the three section headings."""
    line = line.strip()
    # Cheap length test first: this runs on every line of every letter.
    return len(line) in _HEADING_LENGTHS and _HEADING.fullmatch(line) is not None


def starts_block(line: str) -> bool:
    """Tell whether a line begins a heading or a labelled block."""
    return is_heading(line) or _BLOCK_LABEL.match(line) is not None


def is_item_line(line: str) -> bool:
    """Tell whether a line ends with an item's outcome (``...: Upheld``)."""
    tail = line[-12:].rstrip().lower()
    if not tail.endswith(("upheld", "overturned")):
        return False
    return _ITEM_END.search(line) is not None


def is_outcome_only(line: str) -> bool:
    """Tell whether a line holds nothing but an outcome word."""
    return len(line) < 16 and _OUTCOME_ONLY.fullmatch(line.strip()) is not None


def ends_sentence(line: str) -> bool:
    """Tell whether a line ends a sentence or a lead-in."""
    return _SENTENCE_END.search(line) is not None


def ends_lead_in(line: str) -> bool:
    """Tell whether a line ends one of the template's lead-ins (a block of its own)."""
    return line.endswith(":") and _LEAD_IN_END.search(line) is not None


def is_remaining_portion(text: str) -> bool:
    """Tell whether text holds the remaining-portion clause of a partly authorised item."""
    return _REMAINING.search(text) is not None


def has_original_request(text: str) -> bool:
    """Tell whether text holds the original-request sentence of a partly authorised item."""
    return _ORIGINAL.search(text) is not None
