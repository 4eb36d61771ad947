"""The wording of the reader's warnings, once: the reader and the strategies use these."""

from __future__ import annotations

__all__ = ["SEX_FROM_PRONOUNS", "not_a_date", "not_a_number", "two_digit_year"]

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
