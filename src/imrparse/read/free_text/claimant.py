"""The injured worker, read from the first sentence of the case summary."""

from __future__ import annotations

import re

from attrs import frozen

from imrparse.models import Sex
from imrparse.read.free_text.dates import ReadDate, find_date
from imrparse.read.free_text.sentences import first_sentence

__all__ = ["ClaimantReading", "read_claimant"]

_ROLE = re.compile(r"\b(injured worker|claimant|patient|applicant|employee|IW)\b", re.IGNORECASE)
_AGE = re.compile(r"\b(\d{1,3}) ?-? ?years?[ -]old\b", re.IGNORECASE)
_SEX_WORD = re.compile(r"\b(male|female)\b", re.IGNORECASE)
_MASCULINE = re.compile(r"\b(he|him|his|himself)\b", re.IGNORECASE)
_FEMININE = re.compile(r"\b(she|her|hers|herself)\b", re.IGNORECASE)
# The phrase before a date of injury; the date follows within a few words.
_INJURY = re.compile(r"\b(?:injur(?:y|ies|ed)|claim|DOI)\b", re.IGNORECASE)
_INJURY_DATE_REACH = 45


@frozen
class ClaimantReading:
    """What the first sentence says of the worker, before it becomes a record."""

    role: str | None
    age: int | None
    sex: Sex | None
    #: ``True`` when sex was taken from pronouns rather than the words male/female.
    sex_from_pronouns: bool
    date_of_injury: ReadDate | None
    #: Length of the first sentence, which all of the above was read from.
    sentence_length: int


def read_claimant(summary: str, reference_year: int) -> ClaimantReading:
    """Read role, age, sex and date of injury from a case summary.

    >>> r = read_claimant("The injured worker is a 38 year old male injured on 10/02/02.", 2014)
    >>> r.role, r.age, r.sex, r.date_of_injury.value
    ('injured worker', 38, <Sex.MALE: 'male'>, datetime.date(2002, 10, 2))
    """
    sentence = first_sentence(summary)
    role_match = _ROLE.search(sentence)
    role = role_match.group(1).lower() if role_match else None
    age_match = _AGE.search(sentence)
    age = int(age_match.group(1)) if age_match else None
    sex, from_pronouns = _sex(sentence, summary)
    date_of_injury = _date_of_injury(sentence, reference_year)
    return ClaimantReading(role, age, sex, from_pronouns, date_of_injury, len(sentence))


def _sex(sentence: str, summary: str) -> tuple[Sex | None, bool]:
    words = {match.group(1).lower() for match in _SEX_WORD.finditer(sentence)}
    if len(words) == 1:
        return Sex(words.pop()), False
    if words:
        return None, False  # both words: cannot tell
    masculine = _MASCULINE.search(summary) is not None
    feminine = _FEMININE.search(summary) is not None
    if masculine != feminine:
        return (Sex.MALE if masculine else Sex.FEMALE), True
    return None, False


def _date_of_injury(sentence: str, reference_year: int) -> ReadDate | None:
    for phrase in _INJURY.finditer(sentence):
        date = find_date(sentence, reference_year, phrase.end(), _INJURY_DATE_REACH)
        if date:
            return date
    return None
