"""Physical lines of extracted text, and where in the input they came from."""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterator, MutableSequence

__all__ = ["original_offset", "physical_lines"]

_WORD = re.compile(r"\S+")
# A run of spaces within a line. Replaced in place: splitting a line into its words and
# joining them again holds an object for every word of a long line.
_SPACES = re.compile("  +")


def physical_lines(
    text: str,
) -> tuple[list[str], MutableSequence[int], dict[int, tuple[str, str]]]:
    """Each non-blank line of ``text``, its words single-spaced, and its start offset.

    ``text`` holds no space but spaces and line ends (``normalize`` cleans it so). The third
    result holds the text and the input of each line whose runs of spaces were collapsed
    (by its index), as ``OffsetMap`` keeps them: only those lines need
    :func:`original_offset` to map their offsets back.
    """
    texts: list[str] = []
    # A list is read faster (every span reads two offsets), an array takes 8 bytes an
    # offset where a list takes an object of 36: for text longer than any letter, which
    # may be of very many short lines.
    origins: MutableSequence[int] = [] if len(text) <= _STRETCH else array("q")
    collapsed: dict[int, tuple[str, str]] = {}
    keep_text = texts.append
    keep_origin = origins.append
    # Splitting at the line ends and stripping each line is several times faster than a
    # pattern that finds the lines, and holds no match object per line.
    start = 0  # input offset of the line
    for stretch in _stretches(text):
        if _is_plain(stretch):
            # Most letters: no line has a space to strip or collapse, so each non-blank
            # line is kept as it is (a third of the instructions of the loop below).
            for line in stretch.split("\n"):
                if line:
                    keep_origin(start)
                    keep_text(line)
                start += len(line) + 1
            continue
        for line in stretch.split("\n"):
            if line:
                stripped = line.strip(" ")  # the line itself when it has no space to strip
                if stripped:
                    keep_origin(start if line[0] != " " else start + line.index(stripped[0]))
                    # A line needs its spaces collapsed only where two come together.
                    if "  " in stripped:
                        single_spaced = _SPACES.sub(" ", stripped)
                        collapsed[len(texts)] = (single_spaced, stripped)
                        stripped = single_spaced
                    keep_text(stripped)
            start += len(line) + 1
    return texts, origins, collapsed


def _is_plain(stretch: str) -> bool:
    """Tell whether no line of ``stretch`` starts or ends with a space or holds two in a row."""
    return not (
        "  " in stretch
        or "\n " in stretch
        or " \n" in stretch
        or stretch[:1] == " "
        or stretch[-1:] == " "
    )


# Longer than any letter: a letter is split at its line ends in one go.
_STRETCH = 1 << 16


def _stretches(text: str) -> Iterator[str]:
    """``text`` in stretches of some ``_STRETCH`` characters, split at line ends.

    Each stretch but the last ends just before a line end, which the next follows. The
    list of the lines of one stretch at a time stays small: a list of all the lines of a
    text of blank lines would take 6 bytes a character.
    """
    start = 0
    while (stop := text.find("\n", start + _STRETCH)) >= 0:
        yield text[start:stop]
        start = stop + 1
    yield text[start:]


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
