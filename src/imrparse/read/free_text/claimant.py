"""The injured worker, read from the case summary: role, age, sex and date of injury.

- The role is the noun the summary first uses for the worker ("injured worker",
  "patient", "applicant", "employee", "claimant", "IW", "worker"), in whichever sentence
  that is: "This case involves a now 42-year-old male ... the patient" gives "patient".
- Age and sex come from the first sentence that states an age ("a 65 year old male"), or
  the first sentence when none does; sex from pronouns only when the summary uses one
  sex's pronouns alone (a doubtful value).
- The date of injury comes from the first sentence in which an injury phrase ("injury",
  "injured", "claim", "DOI") is followed by a date, the age sentence first.

Each value passes a plausibility check: an age outside working life is left out with a
:class:`~imrparse.read.free_text.brackets.Doubt`.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from imrparse.models import Sex, WarningKind
from imrparse.read.free_text.brackets import Doubt
from imrparse.read.free_text.dates import ReadDate, find_date
from imrparse.read.free_text.sentences import SentenceEnds
from imrparse.read.free_text.vocabulary import fold_case, matches_at_words, word_pattern

__all__ = ["ClaimantReading", "read_claimant"]

_ROLE = re.compile(
    r"\b(injured worker|claimant|patient|applicant|employee|(?<![-\w])worker(?!'s? comp))\b"
    r"|\b(IW)\b",
    re.IGNORECASE,
)
# "\b(\d{1,3})" written with the digit first and the "\b" as a lookbehind after it: the
# search then leaps from one digit to the next instead of trying every character.
_AGE = re.compile(
    r"(\d(?<!\w\d)\d{0,2}) ?-? ?(?:years?[ -]old\b|y/o\b|y\.o\.|yo\b|years? of age\b)",
    re.IGNORECASE,
)
_SEX_WORD = re.compile(r"\b(male|female)\b", re.IGNORECASE)
_MASCULINE = re.compile(r"\b(he|him|his|himself)\b", re.IGNORECASE)
_FEMININE = re.compile(r"\b(she|her|hers|herself)\b", re.IGNORECASE)
# The phrase before a date of injury; the date follows within a few words. "injured
# worker" names the worker, not the injury.
_INJURY = re.compile(r"\b(?:injur(?:y|ies)|injured(?! worker)|claim|DOI)\b", re.IGNORECASE)
_INJURY_DATE_REACH = 45
# The words each pattern's matches start with, for matches_at_words: a regex tried at
# every character of a summary is the slowest part of this reader.
# (The role is the first match only: see _first_role.)
_ROLE_WORDS = ("injured worker", "patient", "employee", "applicant", "claimant", "worker", "iw")
_SEX_STARTS = word_pattern(["male", "female"])
_MASCULINE_STARTS = word_pattern(["he", "hi"])
_FEMININE_STARTS = word_pattern(["she", "her"])
_INJURY_STARTS = word_pattern(["injur", "claim", "doi"])
_SEXES = {"male": Sex.MALE, "female": Sex.FEMALE}
#: The ages a worker's summary can plausibly give.
YOUNGEST, OLDEST = 14, 100


# A named tuple, not an attrs class: made once for each summary, and a tuple is made
# several times faster (the transformer reads its fields by name).
class ClaimantReading(NamedTuple):
    """What the summary says of the worker, before it becomes a record."""

    role: str | None
    age: int | None
    sex: Sex | None
    #: ``True`` when sex was taken from pronouns rather than the words male/female.
    sex_from_pronouns: bool
    date_of_injury: ReadDate | None
    #: Where the text all of the above was read from ends (from the summary's start).
    sentence_length: int
    #: Values left out by the plausibility check.
    doubts: tuple[Doubt, ...] = ()


def read_claimant(
    summary: str,
    reference_year: int,
    ends: SentenceEnds | None = None,
    folded: str | None = None,
) -> ClaimantReading:
    """Read role, age, sex and date of injury from a case summary.

    >>> r = read_claimant("The injured worker is a 38 year old male injured on 10/02/02.", 2014)
    >>> r.role, r.age, r.sex, r.date_of_injury.value
    ('injured worker', 38, <Sex.MALE: 'male'>, datetime.date(2002, 10, 2))
    >>> r = read_claimant("This case involves a now 42-year-old male with a history of an "
    ...     "occupational claim from 10/21/2016. On 01/05/2017, the patient fell.", 2017)
    >>> r.role, r.age, r.date_of_injury.value
    ('patient', 42, datetime.date(2016, 10, 21))

    ``ends``, when given, are the :class:`SentenceEnds` of the same ``summary``, and
    ``folded`` its ``fold_case`` (each made once for all the summary's readers).
    """
    if ends is None:
        ends = SentenceEnds(summary)
    elif ends.text != summary:
        raise ValueError("the sentence ends are of another summary")
    if folded is None:
        folded = fold_case(summary)
    elif len(folded) != len(summary):
        raise ValueError("the fold is of another summary")
    role_match = _first_role(summary, folded)
    role = None
    if role_match:
        role = (role_match.group(1) or role_match.group(2)).lower()
    # The first age of the summary is in the first sentence that states one: no age
    # holds a sentence end, and none starts or ends where a sentence does.
    age_match = _AGE.search(summary)
    age = None
    doubts: list[Doubt] = []
    if age_match:
        described = (ends.before(age_match.start()), ends.after(age_match.start()))
        age = int(age_match.group(1))
        if not YOUNGEST <= age <= OLDEST:
            doubts.append(
                Doubt(
                    WarningKind.UNREADABLE_VALUE,
                    "claimant.age",
                    f"age {age} is outside working life ({YOUNGEST}-{OLDEST}); left out",
                    age_match.start(),
                    age_match.end(),
                )
            )
            age = None
    else:
        described = (0, ends.after(0))  # the first sentence
    sex, from_pronouns = _sex(summary, folded, *described)
    read_to = described[1]
    # The described sentence first, then the others in order (most summaries give the
    # date in the first, so the others are not looked at).
    date_of_injury = _date_of_injury(summary, folded, *described, reference_year)
    if date_of_injury is None:
        date_of_injury = _date_of_injury(summary, folded, 0, len(summary), reference_year, ends)
        if date_of_injury is not None:
            read_to = max(read_to, ends.after(date_of_injury.start))
    read_to = len(summary[:read_to].rstrip())
    return ClaimantReading(role, age, sex, from_pronouns, date_of_injury, read_to, tuple(doubts))


def _first_role(summary: str, folded: str) -> re.Match[str] | None:
    """The first match of ``_ROLE`` in ``summary``, found faster than by a regex scan.

    Every match starts with one of ``_ROLE_WORDS`` (``folded`` is :func:`fold_case` of
    ``summary``): the first is the earliest of each word's first place where ``_ROLE``
    matches, and ``str.find`` looks for each word only before the earliest found so far
    (most summaries name the worker in their first sentence).
    """
    first = None
    reach = len(summary)
    for word in _ROLE_WORDS:
        # A place that starts before ``reach``.
        at = folded.find(word, 0, reach + len(word) - 1)
        while at != -1:
            match = _ROLE.match(summary, at)
            if match is not None:
                first, reach = match, at
                break
            at = folded.find(word, at + 1, reach + len(word) - 1)
    return first


def _sex(summary: str, folded: str, start: int, end: int) -> tuple[Sex | None, bool]:
    """Sex from the words male/female of ``summary[start:end]``, or from its pronouns."""
    words = {
        match.group(1).lower()
        for match in matches_at_words(_SEX_WORD, summary, folded, _SEX_STARTS, start, end)
    }
    if len(words) == 1:
        return _SEXES[words.pop()], False
    if words:
        return None, False  # both words: cannot tell
    masculine = _found(_MASCULINE, summary, folded, _MASCULINE_STARTS)
    feminine = _found(_FEMININE, summary, folded, _FEMININE_STARTS)
    if masculine != feminine:
        return (Sex.MALE if masculine else Sex.FEMALE), True
    return None, False


def _found(pattern: re.Pattern[str], text: str, folded: str, starts: re.Pattern[str]) -> bool:
    return next(matches_at_words(pattern, text, folded, starts), None) is not None


def _date_of_injury(
    summary: str,
    folded: str,
    start: int,
    end: int,
    reference_year: int,
    ends: SentenceEnds | None = None,
) -> ReadDate | None:
    """The first date within reach after an injury phrase in ``summary[start:end]``.

    The date is in the phrase's sentence: ``summary[start:end]`` is one sentence, or,
    with ``ends``, any run of sentences (none of these phrases holds a sentence end, nor
    starts or ends where a sentence does, so each is found as in its sentence alone).
    """
    for phrase in matches_at_words(_INJURY, summary, folded, _INJURY_STARTS, start, end):
        stop = end if ends is None else ends.after(phrase.start())
        date = find_date(summary, reference_year, phrase.end(), _INJURY_DATE_REACH, stop)
        if date:
            return date
    return None
