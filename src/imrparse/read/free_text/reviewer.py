"""The reviewer paragraph: who the expert reviewer is, from its free sentences.

The paragraph is boilerplate around two sentences that say something about the reviewer:

- the qualification: ``The expert reviewer is Board Certified in <CERT>[, has a
  subspecialty in <SUB>] and is licensed to practice in <STATE>.`` or ``... is a Licensed
  Chiropractor``;
- the practice: ``He/she has been in active clinical practice for more than five years and
  is currently working at least 24 hours a week in active practice.``

Every other sentence is skipped. A sentence that starts like a qualification but is
worded in a way these rules do not know is reported, so that a reviewer left empty is
never silent.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from imrparse.read.free_text.qualifications import split_prose_list
from imrparse.template import read_number

__all__ = ["Practice", "Qualification", "ReviewerParagraph", "read_reviewer_paragraph"]


# Named tuples, not frozen attrs records: these are made for every letter, and a frozen
# record's __init__ sets each field through object.__setattr__, several times the cost.


class Qualification(NamedTuple):
    """What one qualification sentence says, and where it is in the paragraph."""

    certifications: tuple[str, ...]
    subspecialties: tuple[str, ...]
    licensed_in: tuple[str, ...]
    profession: str | None
    start: int
    end: int


class Practice(NamedTuple):
    """The practice sentence's numbers as written and read, and where it is."""

    years_written: str
    hours_written: str
    years: int | None
    hours: int | None
    start: int
    end: int


class ReviewerParagraph(NamedTuple):
    """The facts of a reviewer paragraph, in letter order, and what could not be read."""

    facts: tuple[Qualification | Practice, ...]
    #: (start, end) of each sentence that looked like a qualification but was not read.
    unread: tuple[tuple[int, int], ...]


# Longer than any real qualification sentence; a longer one is reported, not searched, so
# that reading stays linear on hostile text.
_LONGEST_SENTENCE = 1000
# A sentence: up to and including its full stop (names hold no full stops), or the end.
_SENTENCE = re.compile(r"[^ .][^.]*\.?")
_LIST_END = r"(?=,? (?:and )?(?:has (?:a )?subspecialt|is licensed to practice in)|\.|\Z)"
_QUALIFICATION = re.compile(
    r"The (?:expert|physician) reviewer is "
    r"(?:Board[- ]Certified in (?P<certifications>[^.]+?)"
    rf"|an? Licensed (?P<profession>[^.]+?)){_LIST_END}"
    r"(?:,? ?(?:and )?has (?:a )?subspecialt(?:y|ies) in (?P<subspecialties>[^.]+?)"
    r"(?=,? (?:and )?is licensed to practice in|\.|\Z))?"
    r"(?:,? ?(?:and )?is licensed to practice in (?P<states>[^.]+))?"
    r"\.?\Z",
    re.IGNORECASE,
)
_PRACTICE = re.compile(
    r"(?:He/she|He|She|The expert reviewer) has been in active clinical practice for more "
    r"than (?P<years>\S+) years and is currently working at least (?P<hours>\S+) hours "
    r"(?:a|per) week in active practice\.?\Z",
    re.IGNORECASE,
)
# Where a qualification or a practice sentence would begin (what follows must then be
# read), in one pattern tried once at each sentence: the group that matched names it.
_START = re.compile(
    r"(?P<qualification>The (?:expert|physician) reviewer is (?:Board|an? Licensed|an? ))"
    r"|(?P<practice>(?:He/she|He|She|The expert reviewer) has been in active clinical practice)",
    re.IGNORECASE,
)


def read_reviewer_paragraph(text: str) -> ReviewerParagraph:
    """Read the qualification and practice sentences of a reviewer paragraph.

    >>> paragraph = read_reviewer_paragraph(
    ...     "The expert reviewer is Board Certified in Internal Medicine and Rheumatology"
    ...     " and is licensed to practice in California. He/she has been in active clinical"
    ...     " practice for more than five years and is currently working at least 24 hours"
    ...     " a week in active practice."
    ... )
    >>> [type(fact).__name__ for fact in paragraph.facts]
    ['Qualification', 'Practice']
    >>> paragraph.facts[0].certifications, paragraph.facts[1].years
    (('Internal Medicine', 'Rheumatology'), 5)
    """
    facts: list[Qualification | Practice] = []
    unread: list[tuple[int, int]] = []
    for match in _SENTENCE.finditer(text):
        sentence = match.group().rstrip()
        begins = _START.match(sentence)
        if begins is None:
            continue  # most sentences: boilerplate
        start, end = match.start(), match.start() + len(sentence)
        if begins.lastgroup == "qualification":
            found = _QUALIFICATION.match(sentence) if len(sentence) <= _LONGEST_SENTENCE else None
            if found is None:
                unread.append((start, end))
                continue
            facts.append(_qualification(found, start, end))
        else:
            found = _PRACTICE.match(sentence) if len(sentence) <= _LONGEST_SENTENCE else None
            if found is None:
                unread.append((start, end))
                continue
            years, hours = found.group("years"), found.group("hours")
            facts.append(Practice(years, hours, read_number(years), read_number(hours), start, end))
    return ReviewerParagraph(tuple(facts), tuple(unread))


def _qualification(found: re.Match[str], start: int, end: int) -> Qualification:
    profession = found.group("profession")
    return Qualification(
        certifications=_names(found.group("certifications")),
        subspecialties=_names(found.group("subspecialties")),
        licensed_in=_names(found.group("states")),
        profession=" ".join(profession.split()) if profession else None,
        start=start,
        end=end,
    )


def _names(text: str | None) -> tuple[str, ...]:
    return split_prose_list(text) if text else ()
