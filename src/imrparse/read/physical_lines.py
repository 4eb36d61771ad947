"""Physical lines of extracted text, and where in the input they came from."""

from __future__ import annotations

import re
from typing import NamedTuple

__all__ = ["Line", "Word", "original_offset"]

_WORD = re.compile(r"\S+")


class Word(NamedTuple):
    """One whitespace-free run of the input, and the input offset it starts at.

    A named tuple, like :class:`Line`: the header reader builds many, and this is the
    cheapest immutable record to build.
    """

    text: str
    start: int


class Line(NamedTuple):
    """One physical line of the input: its words, single-spaced, and its source.

    A named tuple rather than an attrs class: letters have many lines, and this is the
    cheapest immutable record to build.
    """

    #: The line's words separated by single spaces.
    text: str
    #: Input offset of the line's first non-space character.
    start: int
    #: The input from the first to the last non-space character of the line.
    raw: str

    @classmethod
    def of(cls, raw: str, start: int) -> Line:
        """The line whose non-space text ``raw`` starts at input offset ``start``."""
        text = " ".join(raw.split())
        return cls(text, start, raw)

    @property
    def words(self) -> tuple[Word, ...]:
        """The line's words, each with its input offset."""
        return tuple(Word(m.group(), self.start + m.start()) for m in _WORD.finditer(self.raw))

    def to_original(self, offset: int) -> int:
        """Map an offset into :attr:`text` to an offset into the input."""
        return original_offset(self.text, self.start, self.raw, offset)


def original_offset(text: str, start: int, raw: str, offset: int) -> int:
    """Map ``offset`` into a line's ``text`` to an input offset (see :class:`Line`)."""
    if len(text) == len(raw):  # the common case: no runs of spaces to undo
        return start + min(offset, len(raw))
    seen = 0
    for word in _WORD.finditer(raw):
        length = word.end() - word.start()
        if offset <= seen + length:
            return start + word.start() + (offset - seen)
        seen += length + 1
    return start + len(raw)
