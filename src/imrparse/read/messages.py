"""The wording of the reader's warnings, once: the reader and the strategies use these."""

from __future__ import annotations

__all__ = [
    "SEX_FROM_PRONOUNS",
    "UNKNOWN_PARTIAL_AUTHORIZATION",
    "UNREAD_REVIEWER_SENTENCE",
    "dates_out_of_order",
    "injury_dates_differ",
    "not_a_date",
    "not_a_number",
    "several_letters",
    "two_digit_year",
    "unknown_basis_sentence",
]

SEX_FROM_PRONOUNS = "sex taken from pronouns: the first sentence says neither male nor female"


def two_digit_year(written: str, year: int) -> str:
    """A two-digit year was read against the letter's reference year."""
    return f"two-digit year in {written!r} read as {year}"


def not_a_date(written: str) -> str:
    """A date field holds no date."""
    return f"{written!r} is not a date; left empty"


def not_a_number(written: str) -> str:
    """A number in the reviewer's practice sentence is no number."""
    return f"{written!r} is not a number; left empty"


UNREAD_REVIEWER_SENTENCE = (
    "a sentence about the reviewer is worded in a way imrparse does not know; "
    "what it says is left out"
)
UNKNOWN_PARTIAL_AUTHORIZATION = (
    "a partly authorised request in a wording imrparse does not know: the item is the "
    "text after the last sentence, and what was authorised may be missing"
)


def unknown_basis_sentence(sentence: str) -> str:
    """A guideline sentence opens like a known one but is worded otherwise."""
    shown = " ".join(sentence.split()[:8])
    return f"guideline sentence in a wording imrparse does not know, kept as text: {shown!r}"


def injury_dates_differ(summary: object, header: object) -> str:
    """The summary's date of injury is not the header's."""
    return f"the summary gives the injury as {summary}, the header as {header}"


def dates_out_of_order(later: str, second: object, earlier: str, first: object) -> str:
    """A header date comes before one that must precede it."""
    return f"{later} {second} is before {earlier} {first}"


def several_letters(count: int) -> str:
    """One text holds the headings of several letters."""
    return (
        f"the text holds {count} letters (the heading 'HOW THE IMR FINAL DETERMINATION WAS "
        f"MADE' {count} times); only the first is read: split the text into one letter each"
    )


def item_too_long(length: int, longest: int) -> str:
    """An item line far longer than any request: its parts are not read."""
    return (
        f"the item is {length:,} characters long; items are read into their parts "
        f"only up to {longest:,} characters"
    )
