"""Splitting free text into located pieces: lists whose commas sit outside brackets."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from attrs import frozen

from imrparse.models import WarningKind

__all__ = ["Doubt", "Piece", "outside_brackets", "split_outside_brackets"]

#: A piece of text and where it is: (text, start, end) in the text it was cut from.
Piece = tuple[str, int, int]

# What split_outside_brackets looks at, for the separators its callers use.
_MARKS = {",;": re.compile(r"[][(),;]"), ",": re.compile(r"[][(),]")}
_BRACKET = re.compile(r"[][()]")


@frozen
class Doubt:
    """A value a reader left out or kept with doubt, for the caller to turn into a warning.

    Readers never raise and never keep a value that fails their plausibility check
    silently: they hand back one of these, located in the text they read.
    """

    #: ``UNREADABLE_VALUE`` when the value was left out, ``DOUBTFUL_VALUE`` when kept.
    kind: WarningKind
    #: The record field concerned, as a dotted path (``'diagnoses'``, ``'claimant.age'``).
    field: str
    #: What was found and what was done with it, for a person.
    message: str
    #: Where the value is in the text that was read.
    start: int
    end: int


def outside_brackets(found: Iterable[re.Match[str]]) -> Iterator[re.Match[str]]:
    """The matches of a pattern of brackets and separators that stand outside brackets.

    Opening brackets and the brackets that close them are counted, not given; a closing
    bracket that closes nothing is given, for the caller to take or leave.
    """
    depth = 0
    for match in found:
        char = match.group()
        if char in ("(", "["):
            depth += 1
        elif char in (")", "]"):
            if depth:
                depth -= 1
            else:
                yield match
        elif depth == 0:
            yield match


def split_outside_brackets(
    text: str, start: int = 0, end: int | None = None, separators: str = ",;"
) -> list[tuple[int, int]]:
    """Cut ``text[start:end]`` at separators that are not inside brackets.

    Returns the ``(start, end)`` of each non-blank piece, in ``text``'s offsets.

    >>> text = "ODG (Pain, Opioids), Urine testing"
    >>> [text[a:b] for a, b in split_outside_brackets(text)]
    ['ODG (Pain, Opioids)', ' Urine testing']
    """
    stop = len(text) if end is None else end
    if separators and _BRACKET.search(text, start, stop) is None:
        # Most lists hold no bracket: then every separator cuts, and str.split finds
        # them (10x faster on a short list than the scan and bracket count below).
        cut = separators[0]
        listed = text[start:stop]
        for other in separators[1:]:
            listed = listed.replace(other, cut)
        pieces: list[tuple[int, int]] = []
        at = start
        for piece in listed.split(cut):
            if piece.strip():
                pieces.append((at, at + len(piece)))
            at += len(piece) + 1
        return pieces
    # Only brackets and separators matter: a regex finds them, instead of a loop over
    # every character (5x on a list of diagnoses).
    marks = _MARKS.get(separators) or re.compile(
        f"[][()]|[{re.escape(separators)}]" if separators else "[][()]"
    )
    bounds: list[tuple[int, int]] = []
    current = start
    for found in outside_brackets(marks.finditer(text, start, stop)):
        if found.group() in ")]" and found.group() not in separators:
            continue  # a bracket that closes nothing, and cuts nothing here
        bounds.append((current, found.start()))
        current = found.start() + 1
    bounds.append((current, stop))
    return [(a, b) for a, b in bounds if text[a:b].strip()]
