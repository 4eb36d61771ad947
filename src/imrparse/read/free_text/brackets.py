"""Splitting free text into located pieces: lists whose commas sit outside brackets."""

from __future__ import annotations

import re

from attrs import frozen

from imrparse.models import WarningKind

__all__ = ["Doubt", "Piece", "split_outside_brackets"]

#: A piece of text and where it is: (text, start, end) in the text it was cut from.
Piece = tuple[str, int, int]

# What split_outside_brackets looks at, for the separators its callers use.
_MARKS = {",;": re.compile(r"[][(),;]"), ",": re.compile(r"[][(),]")}


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
    # Only brackets and separators matter: a regex finds them, instead of a loop over
    # every character (5x on a list of diagnoses).
    marks = _MARKS.get(separators) or re.compile(
        f"[][()]|[{re.escape(separators)}]" if separators else "[][()]"
    )
    bounds: list[tuple[int, int]] = []
    depth = 0
    current = start
    for found in marks.finditer(text, start, stop):
        char = found.group()
        if char in "([":
            depth += 1
        elif char in ")]":
            if depth:
                depth -= 1
            elif char in separators:
                bounds.append((current, found.start()))
                current = found.start() + 1
        elif depth == 0:
            bounds.append((current, found.start()))
            current = found.start() + 1
    bounds.append((current, stop))
    return [(a, b) for a, b in bounds if text[a:b].strip()]
