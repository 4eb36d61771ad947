"""Sentence ends in free text, without a tokenizer.

A sentence ends at a full stop, question mark or exclamation mark followed by a space
and a capital letter (or glued to a capital, as in ``11-08-2016.The``), or at the end of
the text. Common abbreviations (``Dr.``, ``vs.``, ``e.g.``) do not end a sentence.
"""

from __future__ import annotations

import bisect
import re

__all__ = ["SentenceEnds", "first_sentence", "sentence_end"]

# Words that end in a full stop without ending a sentence (compared in lower case).
_ABBREVIATIONS = frozenset(
    [
        "dr",
        "mr",
        "mrs",
        "ms",
        "vs",
        "no",
        "st",
        "jr",
        "sr",
        "approx",
        "e.g",
        "i.e",
        "etc",
        "inc",
        "pg",
        "pp",
        "a.m",
        "p.m",
        "u.s",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
    ]
)
# The last two characters of the abbreviations (each has two or more), in any case (no
# other character lowers to one of theirs): a stop after any other two ("pain.", "2016.",
# "mg.") is no abbreviation's, and needs no regex.
_LAST_TWO = frozenset(
    first + second
    for word in _ABBREVIATIONS
    for first in {word[-2], word[-2].upper()}
    for second in {word[-1], word[-1].upper()}
)
_END = re.compile(r"""[.?!]["')\]]*(?: +(?=["'(]?[A-Z0-9])|(?=[A-Z][a-z])|\Z)""")
_WORD_BEFORE = re.compile(r"[\w.]{1,8}\Z")


def sentence_end(text: str, start: int = 0) -> int:
    """Return the index just past the end of the sentence that starts at ``start``."""
    for match in _END.finditer(text, start):
        stop = match.start()
        word = _WORD_BEFORE.search(text, max(start, stop - 8), stop)
        if word is None or word.group().lower() not in _ABBREVIATIONS:
            return match.end()
    return len(text)


class SentenceEnds:
    """Every sentence end of a text, found in one pass, for many look-ups."""

    def __init__(self, text: str) -> None:
        #: The text whose sentence ends these are.
        self.text = text
        self._length = len(text)
        # Every match of _END starts at a stop and holds no other: str.find leaps from
        # stop to stop (faster than the regex engine's scan), and _END is tried only
        # there, which finds what _END.finditer finds. Only what may end an abbreviation
        # needs the word before it read (before a stop at 0 or 1 the slice is empty: no
        # abbreviation's end).
        stops: list[int] = []
        for mark in ".?!":
            at = text.find(mark)
            while at != -1:
                stops.append(at)
                at = text.find(mark, at + 1)
        stops.sort()
        ends: list[int] = []
        for stop in stops:
            match = _END.match(text, stop)
            if match is None:
                continue
            if text[stop - 2 : stop] in _LAST_TWO:
                word = _WORD_BEFORE.search(text, max(0, stop - 8), stop)
                if word is not None and word.group().lower() in _ABBREVIATIONS:
                    continue
            ends.append(match.end())
        self._ends = ends

    def after(self, start: int) -> int:
        """The end of the sentence that contains ``start`` (as :func:`sentence_end`)."""
        index = bisect.bisect_right(self._ends, start)
        return self._ends[index] if index < len(self._ends) else self._length

    def before(self, index: int) -> int:
        """The start of the sentence that contains ``index`` (0 for the first sentence).

        >>> ends = SentenceEnds("He fell. Naprosyn was prescribed.")
        >>> ends.before(20)
        9
        """
        found = bisect.bisect_right(self._ends, index)
        return self._ends[found - 1] if found else 0

    def spans(self) -> list[tuple[int, int]]:
        """``(start, end)`` of every sentence, in order; the end includes trailing space.

        >>> text = "The IW is 38. He fell."
        >>> [text[a:b] for a, b in SentenceEnds(text).spans()]
        ['The IW is 38. ', 'He fell.']
        """
        starts = [0, *self._ends]
        ends = [*self._ends, self._length]
        return [(a, b) for a, b in zip(starts, ends, strict=True) if b > a]


def first_sentence(text: str) -> str:
    """Return the first sentence of ``text``, without trailing space.

    >>> first_sentence("The IW is a 38 year old male. He saw Dr. Smith.")
    'The IW is a 38 year old male.'
    """
    return text[: sentence_end(text)].rstrip()
