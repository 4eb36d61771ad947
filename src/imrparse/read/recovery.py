"""Lenient reading: every part of a damaged letter that can be read, and why the rest not.

When the whole letter does not parse, each section of the canonical text (header, the
reviewer section, the summary, the decisions) is parsed on its own with its own start
rule; when the decisions do not parse together, each decision block is tried alone. A
part that still fails is left out, and a ``skipped-part`` warning says where and why.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs
from lark.exceptions import UnexpectedInput

from imrparse.errors import ParseError
from imrparse.models import (
    GENERATION_2013,
    GENERATION_2016,
    CaseHeader,
    Decision,
    Determination,
    ReadWarning,
    Span,
    WarningKind,
)
from imrparse.read.free_text.dates import DEFAULT_REFERENCE_YEAR
from imrparse.read.normalize import Canonical, input_span
from imrparse.read.parse_errors import parse_error
from imrparse.read.parsers import letter_parser
from imrparse.read.transform import LetterTransformer, ReviewerSection, Summary, reference_year
from imrparse.template import (
    HOW_HEADING,
    ISSUES_HEADING,
    SUMMARY_HEADING,
    is_heading,
    is_item_line,
)

__all__ = ["read_leniently"]

_SECTIONS = {HOW_HEADING: "how", SUMMARY_HEADING: "summary", ISSUES_HEADING: "issues"}
_WHAT = {
    "header": "the header block",
    "how": "the reviewer section",
    "summary": "the clinical case summary",
    "issues": "the decisions",
}
_CREDENTIALS = "The Expert Reviewer has the following credentials:"


def read_leniently(canonical: Canonical, original: str, failure: ParseError) -> Determination:
    """Read what can be read of a letter whose whole parse failed with ``failure``.

    Raises:
        ParseError: ``failure``, when no section of the letter can be read at all.
    """
    sections = _sections(canonical.text)
    warnings: list[ReadWarning] = []
    parts: dict[str, Any] = {}
    reader = _Reader(canonical, original, warnings)

    if "header" in sections:
        header_tree = reader.tree("header", *sections["header"])
        year = reference_year(header_tree) if header_tree is not None else None
    else:
        header_tree, year = None, None
    transformer_year = year if year is not None else DEFAULT_REFERENCE_YEAR

    def transform(name: str, start: int, end: int, field: str | None = None) -> Any:
        # The decisions are first tried together, quietly: when that fails, each one is
        # tried alone and only those that still fail are reported.
        quiet = name == "issues"
        tree = (
            header_tree if name == "header" else reader.tree(name, start, end, field, quiet=quiet)
        )
        if tree is None:
            return None
        transformer = LetterTransformer(canonical.text, canonical.offsets, transformer_year, start)
        result = transformer.transform(tree)
        warnings.extend(transformer.warnings)
        return result

    for name, (start, end) in sections.items():
        if name == "issues":
            parts[name] = transform(name, start, end)
            if parts[name] is None:
                parts[name] = _decisions_one_by_one(canonical.text, start, end, transform)
        else:
            parts[name] = transform(name, start, end)
    for name, what in _WHAT.items():
        if name not in sections and name != "header":
            warnings.append(
                ReadWarning(
                    kind=WarningKind.SKIPPED_PART,
                    field=name,
                    message=f"left out {what}: its heading was not found",
                )
            )

    decisions: tuple[Decision, ...] = parts.get("issues") or ()
    if not any(parts.get(name) for name in _WHAT):
        raise failure
    assembler = LetterTransformer(canonical.text, canonical.offsets, transformer_year)
    determination = assembler.assemble(
        case=parts.get("header") if isinstance(parts.get("header"), CaseHeader) else None,
        section=parts.get("how") if isinstance(parts.get("how"), ReviewerSection) else None,
        summary=parts.get("summary") if isinstance(parts.get("summary"), Summary) else None,
        decisions=decisions,
        generation=GENERATION_2016 if _CREDENTIALS in canonical.text else GENERATION_2013,
    )
    all_warnings = tuple(warnings) + determination.warnings
    return _with_warnings(determination, all_warnings)


class _Reader:
    """Parses one section of canonical text, recording why a section did not parse."""

    def __init__(self, canonical: Canonical, original: str, warnings: list[ReadWarning]) -> None:
        self._canonical = canonical
        self._original = original
        self._warnings = warnings

    def tree(
        self, rule: str, start: int, end: int, field: str | None = None, *, quiet: bool = False
    ) -> Any:
        """The parse tree of ``canonical[start:end]`` from ``rule``, or ``None``.

        When the part breaks off, the lines before the break are tried on their own (a
        summary followed by stray text still gives the summary).
        """
        text = self._canonical.text[start:end]
        try:
            return letter_parser().parse(text, start=rule)
        except UnexpectedInput as error:
            if quiet:
                return None
            problem = parse_error(error, self._canonical, self._original, start)
            what = _WHAT.get(rule, "a decision")
            where = f"expected {problem.expected} (line {problem.line}, column {problem.column})"
            failing_line = text.rfind("\n", 0, _position(error, text)) + 1
            if failing_line > 0:
                try:
                    tree = letter_parser().parse(text[:failing_line], start=rule)
                except UnexpectedInput:
                    pass
                else:
                    self._skip(
                        field or rule,
                        f"left out the end of {what}: {where}",
                        start + failing_line,
                        end,
                    )
                    return tree
            self._skip(
                field or rule, f"left out {what}, which could not be read: {where}", start, end
            )
            return None

    def _skip(self, field: str, message: str, start: int, end: int) -> None:
        self._warnings.append(
            ReadWarning(
                kind=WarningKind.SKIPPED_PART,
                field=field,
                message=message,
                span=_span(self._canonical, start, end),
            )
        )


def _position(error: UnexpectedInput, text: str) -> int:
    """Where in ``text`` the parse broke off."""
    token = getattr(error, "token", None)
    if token is not None and getattr(token, "start_pos", None) is not None:
        return int(token.start_pos)
    position = getattr(error, "pos_in_stream", None)
    return int(position) if position is not None else len(text)


def _span(canonical: Canonical, start: int, end: int) -> Span | None:
    return input_span(canonical.text, canonical.offsets, start, end)


def _sections(text: str) -> dict[str, tuple[int, int]]:
    """The canonical offsets of each section: from its heading to the next heading."""
    starts: list[tuple[str, int]] = []
    position = 0
    for line in text.split("\n"):
        if is_heading(line):
            name = _SECTIONS[line.upper()]
            if all(name != seen for seen, _ in starts):
                starts.append((name, position))
        position += len(line) + 1
    sections: dict[str, tuple[int, int]] = {}
    first = starts[0][1] if starts else len(text)
    if first > 0:
        sections["header"] = (0, first)
    ends = [start for _, start in starts[1:]] + ([len(text)] if starts else [])
    for (name, start), end in zip(starts, ends, strict=True):
        sections[name] = (start, end)
    return sections


def _decisions_one_by_one(
    text: str, start: int, end: int, transform: Callable[..., Any]
) -> tuple[Decision, ...]:
    """Each decision block of a section that would not parse as a whole, alone."""
    blocks: list[int] = []
    position = start
    for line in text[start:end].split("\n"):
        if is_item_line(line):
            blocks.append(position)
        position += len(line) + 1
    decisions: list[Decision] = []
    for index, block_start in enumerate(blocks):
        block_end = blocks[index + 1] if index + 1 < len(blocks) else end
        decision = transform("decision", block_start, block_end, f"decisions[{index}]")
        if isinstance(decision, Decision):
            decisions.append(decision)
    return tuple(decisions)


def _with_warnings(
    determination: Determination, warnings: tuple[ReadWarning, ...]
) -> Determination:
    return attrs.evolve(determination, warnings=warnings)
