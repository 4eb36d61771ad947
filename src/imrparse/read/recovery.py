"""Lenient reading: every part of a damaged letter that can be read, and why the rest not.

When the whole letter does not parse, each section of the canonical text (header, the
reviewer section, the summary, the decisions) is parsed on its own with its own start
rule; when the decisions do not parse together, each decision block is tried alone. A
part that still fails is left out, and a ``skipped-part`` warning says where and why.
"""

from __future__ import annotations

from collections.abc import Callable

import attrs
from lark import Token, Tree
from lark.exceptions import UnexpectedInput

from imrparse.errors import ParseError
from imrparse.models import (
    CaseHeader,
    Decision,
    Determination,
    ReadWarning,
    Span,
    WarningKind,
)
from imrparse.read import messages
from imrparse.read.normalize import BlockKind, Canonical, input_span
from imrparse.read.parse_errors import error_position, parse_error
from imrparse.read.parsers import letter_parser
from imrparse.read.transform import LetterTransformer, ReviewerSection, Summary

__all__ = ["read_leniently"]

_WHAT = {
    BlockKind.HEADER: "the header block",
    BlockKind.HOW: "the reviewer section",
    BlockKind.SUMMARY: "the clinical case summary",
    BlockKind.ISSUES: "the decisions",
}


_WHAT_BY_RULE = {kind.value: what for kind, what in _WHAT.items()}


@attrs.define
class _Parts:
    """What each section gave; ``None`` for a section that could not be read."""

    case: CaseHeader | None = None
    section: ReviewerSection | None = None
    summary: Summary | None = None
    decisions: tuple[Decision, ...] = ()

    def any(self) -> bool:
        return any((self.case, self.section, self.summary, self.decisions))


def read_leniently(canonical: Canonical, original: str, failure: ParseError) -> Determination:
    """Read what can be read of a letter whose whole parse failed with ``failure``.

    Raises:
        ParseError: ``failure``, when no section of the letter can be read at all.
    """
    sections = canonical.sections()
    warnings: list[ReadWarning] = []
    # A "HOW THE IMR ..." heading after the decisions starts another letter: read the
    # first one only. (A heading repeated before the decisions is a damaged letter.)
    letters = _letter_starts(canonical)
    if len(letters) > 1:
        sections = {
            kind: (start, min(end, letters[1]))
            for kind, (start, end) in sections.items()
            if start < letters[1]
        }
        warnings.append(
            ReadWarning(
                kind=WarningKind.SKIPPED_PART,
                field="letter",
                message=messages.several_letters(len(letters)),
                span=_span(canonical, letters[1], len(canonical.text)),
            )
        )
    reader = _Reader(canonical, original, warnings)

    def transform(rule: str, start: int, end: int, field: str | None = None) -> object:
        # The decisions are first tried together, quietly: when that fails, each one is
        # tried alone and only those that still fail are reported.
        tree = reader.tree(rule, start, end, field, quiet=rule == "issues")
        if tree is None:
            return None
        transformer = LetterTransformer(canonical, start)
        result = transformer.transform(tree)
        warnings.extend(transformer.warnings)
        return result

    parts = _Parts()
    for kind, (start, end) in sections.items():
        result = transform(kind.value, start, end)
        if kind is BlockKind.HEADER and isinstance(result, CaseHeader):
            parts.case = result
        elif kind is BlockKind.HOW and isinstance(result, ReviewerSection):
            parts.section = result
        elif kind is BlockKind.SUMMARY and isinstance(result, Summary):
            parts.summary = result
        elif kind is BlockKind.ISSUES:
            parts.decisions = (
                result
                if isinstance(result, tuple)
                else _decisions_one_by_one(canonical.item_starts(start, end), end, transform)
            )
    for kind, what in _WHAT.items():
        if kind not in sections and kind is not BlockKind.HEADER:
            warnings.append(
                ReadWarning(
                    kind=WarningKind.SKIPPED_PART,
                    field=kind.value,
                    message=f"left out {what}: its heading was not found",
                )
            )
    if not parts.any():
        raise failure
    assembler = LetterTransformer(canonical)
    determination = assembler.assemble(
        case=parts.case, section=parts.section, summary=parts.summary, decisions=parts.decisions
    )
    return attrs.evolve(determination, warnings=(*warnings, *determination.warnings))


class _Reader:
    """Parses one section of canonical text, recording why a section did not parse."""

    def __init__(self, canonical: Canonical, original: str, warnings: list[ReadWarning]) -> None:
        self._canonical = canonical
        self._original = original
        self._warnings = warnings

    def tree(
        self, rule: str, start: int, end: int, field: str | None = None, *, quiet: bool = False
    ) -> Tree[Token] | None:
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
            what = _WHAT_BY_RULE.get(rule, "a decision")
            where = f"expected {problem.expected} (line {problem.line}, column {problem.column})"
            failing_line = text.rfind("\n", 0, error_position(error, text)) + 1
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


def _span(canonical: Canonical, start: int, end: int) -> Span | None:
    return input_span(canonical.text, canonical.offsets, start, end)


def _letter_starts(canonical: Canonical) -> list[int]:
    """Where each letter of a text begins: 0, then each HOW heading after a whole letter.

    A letter is whole once its HOW heading, its summary and its ISSUES heading have come
    in that order; a heading repeated or moved inside one letter starts none.
    """
    starts = [0]
    expected = [BlockKind.HOW, BlockKind.SUMMARY, BlockKind.ISSUES]
    step = 0
    for block in canonical.blocks:
        if step == len(expected) and block.kind is BlockKind.HOW:
            starts.append(block.start)
            step = 1
        elif step < len(expected) and block.kind is expected[step]:
            step += 1
    return starts


def _decisions_one_by_one(
    starts: list[int], end: int, transform: Callable[[str, int, int, str], object]
) -> tuple[Decision, ...]:
    """Each decision block of a section that would not parse as a whole, alone."""
    decisions: list[Decision] = []
    for index, block_start in enumerate(starts):
        block_end = starts[index + 1] if index + 1 < len(starts) else end
        decision = transform("decision", block_start, block_end, f"decisions[{index}]")
        if isinstance(decision, Decision):
            decisions.append(decision)
    return tuple(decisions)
