"""Lark's parse errors -> :class:`~imrparse.ParseError` in the letter's own words."""

from __future__ import annotations

from lark.exceptions import UnexpectedCharacters, UnexpectedInput, UnexpectedToken

from imrparse.errors import ParseError
from imrparse.read.normalize import BlockKind, Canonical
from imrparse.template import (
    CLAIMS_ADMINISTRATOR_LABEL,
    DECISION_LABELS,
    HOW_HEADING,
    ISSUES_HEADING,
    MAXIMUS_LABEL,
    RATIONALE_LABEL,
    SUMMARY_HEADING,
)

__all__ = ["error_position", "parse_error"]

_HEADINGS = frozenset({BlockKind.HOW, BlockKind.SUMMARY, BlockKind.ISSUES})

# What each terminal is, in the letter's words; the first expected one in this order is
# the one the message names (headings and labels say more than "some text").
_EXPECTED = {
    "HOW_HEADING": f"the heading '{HOW_HEADING}'",
    "SUMMARY_HEADING": f"the heading '{SUMMARY_HEADING}'",
    "ISSUES_HEADING": f"the heading '{ISSUES_HEADING}'",
    "ITEM": "an item line ending in ': Upheld' or ': Overturned'",
    "CLAIMS_ADMINISTRATOR_LINE": f"the line '{CLAIMS_ADMINISTRATOR_LABEL}'",
    "MAXIMUS_LINE": f"the line '{MAXIMUS_LABEL}'",
    "RATIONALE_LINE": f"the line '{RATIONALE_LABEL}'",
    "HEADER_FIELD": "a header label such as 'Case Number:'",
    "$END": "the end of the letter",
}
_SNIPPET = 60


def parse_error(
    error: UnexpectedInput, canonical: Canonical, original: str, base: int = 0
) -> ParseError:
    """Describe where and how ``original`` departs from the template.

    ``error`` comes from parsing ``canonical.text[base:]`` (all of it, or one section).
    """
    text = canonical.text[base:]
    position = error_position(error, text)
    expected = _expected(error)
    previous = _previous_block(canonical, base, base + position)
    if previous:
        expected = f"{expected} after {previous}"
    # An empty letter fails at its very start.
    offset = canonical.offsets.to_original(base + position) if text else 0
    offset = min(max(offset, 0), len(original))
    line = original.count("\n", 0, offset) + 1
    line_start = original.rfind("\n", 0, offset) + 1
    column = offset - line_start + 1
    line_end = original.find("\n", offset)
    source_line = original[line_start : line_end if line_end != -1 else len(original)]
    shown = source_line[: max(column - 1, 0) + _SNIPPET].rstrip("\r")
    context = f"{shown}\n{' ' * (column - 1)}^" if shown.strip() else ""
    return ParseError(expected, line=line, column=column, context=context)


def error_position(error: UnexpectedInput, text: str) -> int:
    """Where in ``text`` (the text that was parsed) the parse broke off."""
    if isinstance(error, UnexpectedToken) and error.token.type != "$END":
        start = error.token.start_pos
        return start if start is not None else len(text)
    if isinstance(error, UnexpectedCharacters) and error.pos_in_stream is not None:
        return error.pos_in_stream
    return max(len(text) - 1, 0)


def _expected(error: UnexpectedInput) -> str:
    names: set[str] = set()
    if isinstance(error, UnexpectedCharacters):
        names = set(error.allowed or ())
    elif isinstance(error, UnexpectedToken):
        names = set(error.expected)
    else:
        names = set(getattr(error, "expected", ()) or ())
    for name, description in _EXPECTED.items():
        if name in names:
            return description
    return "more of the letter's text"


def _previous_block(canonical: Canonical, base: int, position: int) -> str:
    """Name the logical line before ``position``, to say where in the letter we are.

    Nothing is named at the start of the text that was parsed (``base``), nor in the
    middle of a line.
    """
    block = canonical.block_before(position)
    if block is None or block.start < base:
        return ""
    previous = canonical.text[block.start : block.end]
    if block.kind in _HEADINGS:
        return f"the heading '{previous}'"
    for label in DECISION_LABELS:
        if previous.startswith(label):
            return f"the '{label}' paragraph"
    words = previous.split()
    shown = " ".join(words[:6]) + (" ..." if len(words) > 6 else "")
    if block.kind is BlockKind.ITEM:
        return f"the item line '{shown}'"
    return f"the paragraph '{shown}'"
