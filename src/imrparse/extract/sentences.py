"""Sentence ends in free text, without a tokenizer.

A sentence ends at a full stop, question mark or exclamation mark followed by a space
and a capital letter (or glued to a capital, as in ``11-08-2016.The``), or at the end of
the text. Common abbreviations (``Dr.``, ``vs.``, ``e.g.``) do not end a sentence.
"""

from __future__ import annotations

import re

__all__ = ["first_sentence", "sentence_end"]

_ABBREVIATIONS = (
    "Dr",
    "Mr",
    "Mrs",
    "Ms",
    "vs",
    "No",
    "St",
    "Jr",
    "Sr",
    "approx",
    "e.g",
    "i.e",
    "etc",
    "Inc",
    "pg",
    "pp",
    "a.m",
    "p.m",
    "U.S",
)
_END = re.compile(
    r"(?<!\b" + r")(?<!\b".join(re.escape(a) for a in _ABBREVIATIONS) + r")"
    r"""[.?!]["')\]]*(?: +(?=["'(]?[A-Z0-9])|(?=[A-Z][a-z])|\Z)"""
)


def sentence_end(text: str, start: int = 0) -> int:
    """Return the index just past the end of the sentence that starts at ``start``."""
    match = _END.search(text, start)
    return match.end() if match else len(text)


def first_sentence(text: str) -> str:
    """Return the first sentence of ``text``, without trailing space.

    >>> first_sentence("The IW is a 38 year old male. He saw Dr. Smith.")
    'The IW is a 38 year old male.'
    """
    return text[: sentence_end(text)].rstrip()
