"""Dates as letters write them: ``10/02/02``, ``7/3/2009``, ``10-28- 2016``, ``April 13, 2000``.

Two-digit years are read against a *reference year* taken from the letter itself (the
latest four-digit year of its header dates), never from the clock: ``yy`` is ``20yy``
unless that is after the reference year, in which case it is ``19yy``.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from typing import NamedTuple

from imrparse.read.free_text.vocabulary import fold_case

__all__ = [
    "DEFAULT_REFERENCE_YEAR",
    "ReadDate",
    "century",
    "find_date",
    "read_date",
    "reference_year",
]

#: The reference year of a letter without header dates: ``00``-``49`` read as 20xx.
DEFAULT_REFERENCE_YEAR = 2049

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
# The numbers of one or two ASCII digits, as a month or day is written ("7", "07", "12"):
# looked up rather than converted by int(), once for each date read.
_SMALL_NUMBERS = {f"{n}": n for n in range(100)} | {f"{n:02}": n for n in range(10)}
_MONTH_NAMES = "|".join(sorted(_MONTHS, key=len, reverse=True))

# Numeric: month, day, year with "/" or "-", a stray space allowed after a separator.
_NUMERIC = r"(?P<m>\d{1,2}) ?[/-] ?(?P<d>\d{1,2}) ?[/-] ?(?P<y>\d{4}|\d{2})(?!\d)"
_WORDED = rf"(?P<month>{_MONTH_NAMES})\.? (?P<wd>\d{{1,2}})(?:st|nd|rd|th)?,? (?P<wy>\d{{4}})"
# Longer than any date the pattern accepts ("September 30th, 2016" and spaces).
_LONGEST_DATE = 32
_DIGIT = re.compile(r"\d")
# The most characters a date has before its first digit: the longest month name, a
# full stop and a space.
_BEFORE_DIGIT = max(map(len, _MONTHS)) + 2
# The last three letters of each month's name, in lower case (see find_date).
_MONTH_ENDINGS = frozenset(name[-3:] for name in _MONTHS)
#: A date in any accepted form (bounded repetition only).
DATE_PATTERN = re.compile(rf"(?<![\d/-])(?:{_NUMERIC}|\b{_WORDED}\b)", re.IGNORECASE)


# A named tuple, not an attrs class: made once for each date read, and a tuple is made
# several times faster (the transformer reads its fields by name).
class ReadDate(NamedTuple):
    """The outcome of reading one date."""

    #: The date, or ``None`` when the text names no real day.
    value: datetime.date | None
    #: The year was written with two digits, so the century was chosen by rule.
    two_digit_year: bool
    #: The date as the letter writes it.
    written: str
    #: Where it is in the text it was read from.
    start: int
    end: int


# A ReadDate made without its Python-level __new__ (one for each date read).
_new_read_date = tuple.__new__


def read_date(text: str, reference_year: int = DEFAULT_REFERENCE_YEAR) -> ReadDate | None:
    """Read ``text`` as one whole date; ``None`` when it is not written as a date.

    >>> read_date("10/02/02", 2014).value
    datetime.date(2002, 10, 2)
    >>> read_date("06/15/98", 2014).value
    datetime.date(1998, 6, 15)
    >>> read_date("April 13, 2000").value
    datetime.date(2000, 4, 13)
    >>> read_date("13/45/2014").value is None
    True
    """
    match = DATE_PATTERN.fullmatch(text.strip())
    return _from_match(match, reference_year) if match else None


def find_date(
    text: str,
    reference_year: int = DEFAULT_REFERENCE_YEAR,
    start: int = 0,
    within: int | None = None,
    end: int | None = None,
) -> ReadDate | None:
    """Read the first date in ``text[start:end]`` that begins at most ``within`` after ``start``.

    The date is read as if ``text`` ended at ``end``; its place is in ``text``.
    """
    stop = len(text) if end is None else min(len(text), end)
    if within is not None:
        stop = min(stop, start + within + _LONGEST_DATE)
    # A date holds a digit, at most _BEFORE_DIGIT characters after where it starts
    # ("September 30"): the search starts there, not at every character before it.
    digit = _DIGIT.search(text, start, stop)
    if digit is None:
        return None
    at = digit.start()
    # A date that starts before its first digit is worded: its day follows a space, and
    # a month's name (and a full stop) comes before that space. Where no month can end
    # there ("injured on 10/12/2015"), the search starts at the digit (the pattern is
    # tried at every character before it otherwise, 5x slower).
    month_end = at - 2 if text[at - 2 : at - 1] == "." else at - 1
    if (
        text[at - 1 : at] == " "
        and month_end >= 3
        and fold_case(text[month_end - 3 : month_end]) in _MONTH_ENDINGS
    ):
        at = max(start, at - _BEFORE_DIGIT)
    match = DATE_PATTERN.search(text, at, stop)
    if match is None or (within is not None and match.start() > start + within):
        return None
    return _from_match(match, reference_year)


def century(yy: int, reference_year: int) -> int:
    """The year of a two-digit year ``yy``: the latest not after ``reference_year``.

    >>> century(16, 2017), century(17, 2017), century(18, 2017)
    (2016, 2017, 1918)
    """
    return 2000 + yy if 2000 + yy <= reference_year else 1900 + yy


def reference_year(header_years: Iterable[int]) -> int:
    """The year two-digit years are read against: the latest four-digit header year.

    A letter with no header year reads them against :data:`DEFAULT_REFERENCE_YEAR`.
    """
    return max(header_years, default=DEFAULT_REFERENCE_YEAR)


def _from_match(match: re.Match[str], reference_year: int) -> ReadDate:
    month_text, day_text, year_text, month_name, worded_day, worded_year = match.groups()
    if month_text is not None:
        month = _SMALL_NUMBERS.get(month_text)
        if month is None:  # digits of another script, which \d matches too
            month = int(month_text)
    else:
        # As the pattern matched it: "\u017feptember" (long s) is September too.
        day_text, year_text = worded_day, worded_year
        month = _MONTHS[fold_case(month_name)]
    day = _SMALL_NUMBERS.get(day_text)
    if day is None:
        day = int(day_text)
    two_digit = len(year_text) == 2
    year = int(year_text)
    if two_digit:
        year = century(year, reference_year)
    try:
        value: datetime.date | None = datetime.date(year, month, day)
    except ValueError:
        value = None
    start, end = match.span()
    return _new_read_date(ReadDate, (value, two_digit, match.group(), start, end))
