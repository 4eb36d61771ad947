"""Physical lines of extracted text, and where in the input they came from."""

from __future__ import annotations

import re
from itertools import compress, repeat

__all__ = ["original_offset", "physical_lines"]

_WORD = re.compile(r"\S+")
# A physical line: from its first to its last non-space character. Linear: the inner
# run stops at the line end and gives back only the trailing spaces.
_LINE = re.compile(r"\S(?:[^\n]*\S)?")


def physical_lines(text: str) -> tuple[list[str], list[int], dict[int, tuple[str, str]]]:
    """Each non-blank line of ``text``, its words single-spaced, and its start offset.

    ``text`` holds no space but spaces and line ends (``normalize`` cleans it so). The third
    result holds the text and the input of each line whose runs of spaces were collapsed
    (by its index), as ``OffsetMap`` keeps them: only those lines need
    :func:`original_offset` to map their offsets back.
    """
    matches = list(_LINE.finditer(text))
    texts: list[str] = list(map(re.Match.group, matches))
    origins: list[int] = list(map(re.Match.start, matches))
    collapsed: dict[int, tuple[str, str]] = {}
    # A line needs its spaces collapsed only where two come together.
    if "  " in text:
        for index in compress(range(len(texts)), map(str.__contains__, texts, repeat("  "))):
            raw = texts[index]
            texts[index] = single_spaced = " ".join(raw.split())
            collapsed[index] = (single_spaced, raw)
    return texts, origins, collapsed


def original_offset(text: str, start: int, raw: str, offset: int) -> int:
    """Map ``offset`` into a line's ``text`` to an input offset.

    ``raw`` is the line's input from its first to its last non-space character, which
    starts at input offset ``start``; ``text`` is its words, single-spaced. A space
    between words maps to just after the word before it, an offset past the end to the
    end of ``raw``.
    """
    if len(text) == len(raw):  # the common case: no runs of spaces to undo
        return start + min(offset, len(raw))
    seen = 0
    for word in _WORD.finditer(raw):
        length = word.end() - word.start()
        if offset <= seen + length:
            return start + word.start() + (offset - seen)
        seen += length + 1
    return start + len(raw)
