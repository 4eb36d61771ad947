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
_END = re.compile(r"""[.?!]["')\]]*(?: +(?=["'(]?[A-Z0-9])|(?=[A-Z][a-z])|\Z)""")
_WORD_BEFORE = re.compile(r"[\w.]{1,8}\Z")


def _not_after_abbreviation() -> str:
    r"""Lookbehinds that refuse a stop right after an abbreviation, as a whole word.

    The word before a stop is what ``_WORD_BEFORE`` takes: the run of ``[\w.]`` before
    it, of at most 8 characters. No abbreviation is that long, so one is the word only
    when the character before it is no ``[\w.]``. Its letters match in ASCII case only,
    as ``str.lower`` compares them (one lookbehind for each length: each is of one width).
    """
    by_length: dict[int, list[str]] = {}
    for word in sorted(_ABBREVIATIONS):
        by_length.setdefault(len(word), []).append(re.escape(word))
    return "".join(rf"(?<!(?<![\w.])(?ai:{'|'.join(group)})[.?!])" for group in by_length.values())


# _END with the abbreviation test inside, for SentenceEnds: finditer finds every sentence
# end, with no Python work between them. A full stop is most texts' only mark, and a
# pattern that starts with one literal character leaps from one to the next.
_AFTER_MARK = _END.pattern[len("[.?!]") :]
_FULL_STOP_END = re.compile(rf"\.{_not_after_abbreviation()}{_AFTER_MARK}")
_MARK_END = re.compile(rf"[.?!]{_not_after_abbreviation()}{_AFTER_MARK}")


# Where a match ends, as a function (a map over the matches makes no Python frame).
_MATCH_END = re.Match.end


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
        # Every match of _END starts at a stop and holds no other, so finditer finds a
        # match at each stop that ends a sentence (most texts have full stops only).
        pattern = _MARK_END if "?" in text or "!" in text else _FULL_STOP_END
        self._ends = list(map(_MATCH_END, pattern.finditer(text)))

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
