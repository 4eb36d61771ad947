"""The fixed words of the letter template, once, and tests on single lines of text.

The grammar (``read/grammar/letter.lark``) spells the same headings and labels, and
``tests/test_template.py`` checks each of these words against it; the reader,
:func:`imrparse.render`, the error messages and the strategies of :mod:`imrparse.testing`
take them from here. The line tests let :mod:`imrparse.read.normalize` find where the
template's blocks begin before there is a tree. All patterns here are anchored and free of
nested repetition, so each test is linear in the line's length.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from itertools import compress, count
from operator import itemgetter

__all__ = [
    "CERTIFICATION_LABEL",
    "CLAIMS_ADMINISTRATOR_LABEL",
    "CREDENTIALS_LEAD_IN",
    "DECISION_LABELS",
    "HEADER_FIELDS",
    "HEADINGS",
    "HOW_HEADING",
    "IGNORED_HEADER_LABELS",
    "ISSUES_HEADING",
    "ISSUES_LEAD_IN",
    "LICENSURE_LABEL",
    "MAXIMUS_LABEL",
    "NUMBER_WORDS",
    "RATIONALE_LABEL",
    "REVIEWER_BOILERPLATE_OPENING",
    "SUMMARY_HEADING",
    "SUMMARY_LEAD_IN",
    "ends_lead_in",
    "ends_sentence",
    "has_original_request",
    "is_heading",
    "is_item_line",
    "is_outcome_only",
    "number_word",
    "read_number",
    "refers_to_original_request",
    "reviewer_boilerplate_closing",
    "starts_block",
    "starts_blocks",
]

# -- The fixed words, once: the grammar (grammar/letter.lark, checked against these by
# tests/test_template.py), the reader, render and the strategies all take them from here.

HOW_HEADING = "HOW THE IMR FINAL DETERMINATION WAS MADE"
SUMMARY_HEADING = "CLINICAL CASE SUMMARY"
ISSUES_HEADING = "IMR ISSUES, DECISIONS AND RATIONALES"
HEADINGS = (HOW_HEADING, SUMMARY_HEADING, ISSUES_HEADING)

SUMMARY_LEAD_IN = (
    "The expert reviewer developed the following clinical case summary based on a review "
    "of the case file, including all medical records:"
)
ISSUES_LEAD_IN = (
    "The Final Determination was based on decisions for the disputed items/services set "
    "forth below:"
)
CREDENTIALS_LEAD_IN = "The Expert Reviewer has the following credentials:"
LICENSURE_LABEL = "State(s) of Licensure:"
CERTIFICATION_LABEL = "Certification(s)/Specialty:"
CLAIMS_ADMINISTRATOR_LABEL = "Claims Administrator guideline:"
MAXIMUS_LABEL = "MAXIMUS guideline:"
RATIONALE_LABEL = "Decision rationale:"
#: The three labels of a decision block, in letter order.
DECISION_LABELS = (CLAIMS_ADMINISTRATOR_LABEL, MAXIMUS_LABEL, RATIONALE_LABEL)

#: The header labels the record keeps, in the order the canonical text writes them, with
#: the ``CaseHeader`` field each fills.
HEADER_FIELDS = (
    ("Case Number", "case_number"),
    ("Date Assigned", "date_assigned"),
    ("Date of Injury", "date_of_injury"),
    ("Decision Date", "decision_date"),
    ("UR Denial Date", "ur_denial_date"),
    ("Priority", "priority"),
    ("Application Received", "application_received"),
)
#: Header labels some letters print with no value the record keeps.
IGNORED_HEADER_LABELS = (
    "Employee Name",
    "Provider Name",
    "Treatment(s) in Dispute Listed on IMR Application",
)

#: Sentences of the reviewer paragraph that say nothing about the reviewer (render writes
#: them; the reader skips them as free sentences).
REVIEWER_BOILERPLATE_OPENING = (
    "MAXIMUS Federal Services sent the complete case file to an expert reviewer.",
    "He/she has no affiliation with the employer, employee, providers or the claims administrator.",
)


def reviewer_boilerplate_closing(items: str) -> tuple[str, ...]:
    """The closing sentences; ``items`` is ``'services'`` (first generation) or ``'Service'``."""
    return (
        "The expert reviewer was selected based on his/her clinical experience, "
        "education, background, and expertise in the same or similar specialties that "
        f"evaluate and/or treat the medical condition and disputed items/{items}.",
        "He/she is familiar with governing laws and regulations, including the strength "
        "of evidence hierarchy that applies to Independent Medical Review determinations.",
    )


# -- Numbers: "more than five years", "at least 24 hours". Letters write small numbers as
# words and larger ones as digits; the reader takes either for any value 0-99.

_UNITS = (
    *("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"),
    *("eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen"),
    *("eighteen", "nineteen"),
)
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")


def _number_words() -> dict[str, int]:
    words = {word: value for value, word in enumerate(_UNITS)}
    for index, tens in enumerate(_TENS):
        value = 20 + 10 * index
        words[tens] = value
        for unit in range(1, 10):
            words[f"{tens}-{_UNITS[unit]}"] = value + unit
    return words


#: Every number word 0-99 ("zero" ... "ninety-nine") and its value.
NUMBER_WORDS = _number_words()
#: The largest number render writes as a word, as the letters do ("more than twenty").
LARGEST_WRITTEN_NUMBER = 20


def number_word(value: int) -> str:
    """Write ``value`` as the letters do: a word up to twenty, digits beyond.

    >>> number_word(5), number_word(20), number_word(24)
    ('five', 'twenty', '24')
    """
    if 0 <= value <= LARGEST_WRITTEN_NUMBER:
        return _UNITS[value] if value < len(_UNITS) else _TENS[0]
    return str(value)


def read_number(text: str) -> int | None:
    """Read ``24``, ``five`` or ``twenty-one``; ``None`` for anything else.

    >>> read_number("Five"), read_number("24"), read_number("twenty-one"), read_number("many")
    (5, 24, 21, None)
    """
    word = text.strip().lower()
    if word.isascii() and word.isdigit():
        return int(word)
    return NUMBER_WORDS.get(word)


# Labels and lead-ins that begin a block of their own wherever they start a line.
BLOCK_LABELS = (
    "The expert reviewer developed the following clinical case summary",
    "The Final Determination was based on decisions for the disputed",
    CREDENTIALS_LEAD_IN,
    LICENSURE_LABEL,
    CERTIFICATION_LABEL,
    *DECISION_LABELS,
)

#: The first three letters of every heading and block label, in lower case: a line of
#: ASCII text can start a block only if its first three characters, lowered, are one of
#: these (the letters of the labels match in either case and nothing else).
BLOCK_HEADS = frozenset(words[:3].lower() for words in (*HEADINGS, *BLOCK_LABELS))
_FIRST_LETTERS = frozenset(head[0] for head in BLOCK_HEADS)

_HEADING = re.compile("|".join(re.escape(heading) for heading in HEADINGS), re.IGNORECASE)
# A heading (the whole line, as is_heading takes it) or a block label (at the start).
_STARTS_BLOCK = re.compile(
    r"\s*(?:"
    + "|".join(re.escape(heading) for heading in HEADINGS)
    + r")\s*\Z|"
    + "|".join(re.escape(label) for label in BLOCK_LABELS),
    re.IGNORECASE,
)


# The ASCII first characters of the lines that can start a block, as a byte table (1 for
# those, 0 for every other): a heading's or block label's first letter in either case,
# or a space (a heading may follow spaces). A character that is not ASCII may match one
# of those letters in a case-insensitive pattern: such lines are always tested.
_BLOCK_FIRSTS = bytes(
    int(chr(code).lower() in _FIRST_LETTERS or chr(code).isspace()) for code in range(256)
)
_OUTCOME_ONLY = re.compile(r"(?:Upheld|Overturned)", re.IGNORECASE)
_ITEM_END = re.compile(r":\s*(?:Upheld|Overturned)\s*\Z", re.IGNORECASE)
# A full stop, question mark or colon, maybe closed by a quote or bracket.
_SENTENCE_ENDS = (".", ":", "?", "!")
_SENTENCE_CLOSERS = "\"')]"
# The ends of the two lead-ins that introduce the summary and the decisions.
_LEAD_IN_ENDS = ("including all medical records", "items/services set forth below")
_LEAD_IN_END = re.compile(
    "(?:" + "|".join(re.escape(end) for end in _LEAD_IN_ENDS) + r"):\Z", re.IGNORECASE
)
# How far from the end of a line a lead-in's end can start.
_LEAD_IN_REACH = max(len(end) for end in _LEAD_IN_ENDS) + 1
# The item of a partly authorised request refers back to the original request: "The
# remaining IMR eligible portion of the original request, X" or "The original request, X".
_REMAINING_PORTION, _ORIGINAL_REQUEST = "The remaining IMR eligible portion", "original request"
_REFERS_TO_ORIGINAL = re.compile(
    rf"{re.escape(_REMAINING_PORTION)}|\b{re.escape(_ORIGINAL_REQUEST)}\b", re.IGNORECASE
)
_ORIGINAL_SENTENCE = "was the original request"
_ORIGINAL = re.compile(re.escape(_ORIGINAL_SENTENCE), re.IGNORECASE)
# The words each alternative of _REFERS_TO_ORIGINAL holds, lowered.
_ORIGINAL_PHRASES = (_REMAINING_PORTION.lower(), _ORIGINAL_REQUEST.lower())
_LOWER_LEAD_IN_ENDS = tuple(f"{end.lower()}:" for end in _LEAD_IN_ENDS)

# Cheap tests first: these run on every line of every letter. A case-insensitive match
# of ASCII letters takes only those letters in either case, so ASCII text that is not
# one of them rules the match out at once. Any other character goes on to the full test.
_ASCII_MARKS = frozenset(chr(code) for code in range(0x21, 0x7F))
_HEADING_LENGTHS = frozenset(len(heading) for heading in HEADINGS)
_NEVER_ENDS_ITEM = _ASCII_MARKS - set("dD")  # "Upheld" and "Overturned" end in "d"


def is_heading(line: str) -> bool:
    """Tell whether a whole line is one of the three section headings."""
    line = line.strip()
    return len(line) in _HEADING_LENGTHS and _HEADING.fullmatch(line) is not None


def starts_block(line: str) -> bool:
    """Tell whether a line begins a heading or a labelled block."""
    head = line[:3]
    if head.isascii() and head.lower() not in BLOCK_HEADS and not head[:1].isspace():
        return False
    return _STARTS_BLOCK.match(line) is not None


def starts_blocks(lines: Sequence[str]) -> list[bool]:
    """:func:`starts_block` of each line, at a fraction of the cost of one call each.

    Only the lines whose first character can start a block are tested (in ASCII, a byte
    table picks them out without a Python call a line): a few in most letters.
    """
    found = [False] * len(lines)
    try:
        firsts = "".join(map(_FIRST, lines))
    except IndexError:  # an empty line, which starts no block
        return list(map(starts_block, lines))
    candidates: Iterable[int]
    if firsts.isascii():
        candidates = compress(count(), firsts.encode("ascii").translate(_BLOCK_FIRSTS))
    else:
        candidates = (
            index
            for index, first in enumerate(firsts)
            if not first.isascii() or _BLOCK_FIRSTS[ord(first)]
        )
    for index in candidates:
        line = lines[index]
        # A label or heading as the template prints it (most of those lines) is known
        # without a pattern.
        if line.startswith(BLOCK_LABELS) or line in HEADINGS or starts_block(line):
            found[index] = True
    return found


_FIRST = itemgetter(0)


def is_item_line(line: str) -> bool:
    """Tell whether a line ends with an item's outcome (``...: Upheld``)."""
    if line[-1:] in _NEVER_ENDS_ITEM:
        return False
    tail = line[-12:].rstrip().lower()
    if not tail.endswith(("upheld", "overturned")):
        return False
    return _ITEM_END.search(line) is not None


def is_outcome_only(line: str) -> bool:
    """Tell whether a line holds nothing but an outcome word."""
    return len(line) < 16 and _OUTCOME_ONLY.fullmatch(line.strip()) is not None


def ends_sentence(line: str) -> bool:
    """Tell whether a line ends a sentence or a lead-in."""
    return line.rstrip(_SENTENCE_CLOSERS).endswith(_SENTENCE_ENDS)


def ends_lead_in(line: str) -> bool:
    """Tell whether a line ends one of the template's lead-ins (a block of its own)."""
    if not line.endswith(":"):
        return False
    tail = line[-_LEAD_IN_REACH:]
    if tail.isascii():  # in ASCII, matching in either case is matching the lowered text
        return tail.lower().endswith(_LOWER_LEAD_IN_ENDS)
    return _LEAD_IN_END.search(line, max(0, len(line) - _LEAD_IN_REACH)) is not None


def refers_to_original_request(text: str) -> bool:
    """Tell whether text refers back to a partly authorised item's original request."""
    # Without either phrase in the lowered text (in ASCII: in any case), no match: most
    # text is turned away by a search for the two phrases, not a case-insensitive pattern.
    if text.isascii() and not any(phrase in text.lower() for phrase in _ORIGINAL_PHRASES):
        return False
    return _REFERS_TO_ORIGINAL.search(text) is not None


def has_original_request(text: str) -> bool:
    """Tell whether text holds the original-request sentence of a partly authorised item."""
    if text.isascii():  # in ASCII, matching in either case is finding the lowered words
        return _ORIGINAL_SENTENCE in text.lower()
    return _ORIGINAL.search(text) is not None
