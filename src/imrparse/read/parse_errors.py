"""Lark's parse errors -> :class:`~imrparse.ParseError` in the letter's own words."""

from __future__ import annotations

from lark.exceptions import UnexpectedCharacters, UnexpectedInput, UnexpectedToken

from imrparse.errors import ParseError
from imrparse.read.normalize import Canonical
from imrparse.template import is_heading, is_item_line

__all__ = ["parse_error"]

# What each terminal is, in the letter's words; the first expected one in this order is
# the one the message names (headings and labels say more than "some text").
_EXPECTED = {
    "HOW_HEADING": "the heading 'HOW THE IMR FINAL DETERMINATION WAS MADE'",
    "SUMMARY_HEADING": "the heading 'CLINICAL CASE SUMMARY'",
    "ISSUES_HEADING": "the heading 'IMR ISSUES, DECISIONS AND RATIONALES'",
    "ITEM": "an item line ending in ': Upheld' or ': Overturned'",
    "OUTCOME": "the outcome ': Upheld' or ': Overturned' at the end of the item line",
    "CLAIMS_ADMINISTRATOR_LABEL": "the line 'Claims Administrator guideline:'",
    "MAXIMUS_LABEL": "the line 'MAXIMUS guideline:'",
    "RATIONALE_LABEL": "the line 'Decision rationale:'",
    "AUTHORIZED": "'... was authorized by the Claims Administrator.'",
    "REMAINING_PORTION": "'The remaining IMR eligible portion of the original request'",
    "HEADER_LABEL": "a header label such as 'Case Number:'",
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
    position = _canonical_position(error, text)
    expected = _expected(error)
    previous = _previous_block(text, position)
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


def _canonical_position(error: UnexpectedInput, text: str) -> int:
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
    if "ORIGINAL_REQUEST" in names:
        names.add("ITEM")
    for name, description in _EXPECTED.items():
        if name in names:
            return description
    return "more of the letter's text"


def _previous_block(text: str, position: int) -> str:
    """Name the logical line before ``position``, to say where in the letter we are."""
    line_start = text.rfind("\n", 0, position) + 1
    if line_start == 0 or text[line_start:position].strip():
        return ""  # at the very start, or in the middle of a line
    previous_start = text.rfind("\n", 0, line_start - 1) + 1
    previous = text[previous_start : line_start - 1]
    if is_heading(previous):
        return f"the heading '{previous}'"
    for label in ("Decision rationale:", "MAXIMUS guideline:", "Claims Administrator guideline:"):
        if previous.startswith(label):
            return f"the '{label}' paragraph"
    words = previous.split()
    shown = " ".join(words[:6]) + (" ..." if len(words) > 6 else "")
    return f"the item line '{shown}'" if is_item_line(previous) else f"the paragraph '{shown}'"
