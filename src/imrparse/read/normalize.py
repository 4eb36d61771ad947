r"""Raw extracted text -> canonical text, with a map back to the input.

Text extractors lay the same letter out in many ways (TEMPLATE.md, "What text extraction
does to it"). This step removes every difference the grammar should not see:

1. characters: line ends, page breaks, odd spaces and curly quotes become one form;
2. lines: blank lines and runs of spaces go; wrapped lines are joined back into one
   *logical line* per block of the template (heading, paragraph, label line, item line);
3. the header block, whose labels and values extractors scramble, is rewritten as one
   ``Label: value`` line per label in a fixed order (see :mod:`imrparse.read.header`).

Canonical text is a sequence of logical lines, each ending in ``\\n``, words separated by
one space. Every word remembers where it came from, so any canonical offset maps back
to an offset in the caller's string (:class:`OffsetMap`).
"""

from __future__ import annotations

import bisect
import enum
import re
from collections.abc import Iterator, Sequence

from attrs import frozen

from imrparse import template
from imrparse.models import Generation, Span
from imrparse.read import header
from imrparse.read.free_text.dates import reference_year
from imrparse.read.physical_lines import Line

__all__ = ["SECTIONS", "Block", "BlockKind", "Canonical", "OffsetMap", "input_span", "normalize"]

# One-for-one character replacements, so offsets are unchanged by this step. Line ends
# and page breaks become "\n" (the blank lines this creates are dropped later).
_CHARACTERS = str.maketrans(
    {
        "\r": "\n",
        "\f": "\n",
        "\v": "\n",
        "\u2028": "\n",
        "\u2029": "\n",
        "\x85": "\n",
        "\t": " ",
        "\xa0": " ",
        "\u2007": " ",
        "\u202f": " ",
        "\u2009": " ",
        "\u200a": " ",
        "\u2002": " ",
        "\u2003": " ",
        "\u200b": " ",
        "\ufeff": " ",
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2033": '"',
    }
)

_LINE = re.compile(r"[^\n]+")
# A hyphen that breaks a word across lines: joined without a space.
_BROKEN_WORD_END = re.compile(r"[A-Za-z0-9]-\Z")
_BROKEN_WORD_START = re.compile(r"[a-z0-9]")
# Longer than the template phrases looked for across a line break.
_PHRASE_REACH = 60


class OffsetMap:
    """Maps offsets in canonical text back to offsets in the caller's string."""

    __slots__ = ("_lines", "_starts")

    def __init__(self, pieces: Sequence[tuple[int, Line]]) -> None:
        # Each piece: (canonical start, the physical line placed there), in order.
        self._starts = [start for start, _ in pieces]
        self._lines = [line for _, line in pieces]

    def to_original(self, offset: int) -> int:
        """Return the input offset of the canonical character at ``offset``.

        An offset between lines (a space or line end that the canonical text inserted)
        maps to just after the line before it.
        """
        index = bisect.bisect_right(self._starts, offset) - 1
        if index < 0:
            return self._lines[0].start if self._lines else 0
        return self._lines[index].to_original(offset - self._starts[index])


class BlockKind(enum.Enum):
    """What one logical line of canonical text is, by the template's fixed words."""

    HEADER = "header"  # a ``Label: value`` line of the header block
    HOW = "how"  # the three headings, by the section each opens
    SUMMARY = "summary"
    ISSUES = "issues"
    ITEM = "item"  # a line ending in an item's outcome
    CREDENTIALS = "credentials"  # the credentials lead-in of the second generation
    LABEL = "label"  # a line that opens with another label of the template
    TEXT = "text"  # anything else: a paragraph, a lead-in


_SECTION_KINDS = {
    template.HOW_HEADING: BlockKind.HOW,
    template.SUMMARY_HEADING: BlockKind.SUMMARY,
    template.ISSUES_HEADING: BlockKind.ISSUES,
}
#: The sections of a letter, in order, by the kind of line that opens each.
SECTIONS = (BlockKind.HEADER, BlockKind.HOW, BlockKind.SUMMARY, BlockKind.ISSUES)


@frozen
class Block:
    """One logical line of canonical text: its kind and its canonical extent."""

    kind: BlockKind
    start: int
    #: Canonical offset of the line's newline.
    end: int


@frozen
class Canonical:
    """The canonical form of one letter, and the blocks normalisation found in it."""

    #: Logical lines, each ending in a newline.
    text: str
    #: Canonical offsets back to the caller's string.
    offsets: OffsetMap
    #: One block per logical line, in order.
    blocks: tuple[Block, ...]

    @property
    def generation(self) -> Generation:
        """The template the letter follows: a credentials block marks the second."""
        second = any(block.kind is BlockKind.CREDENTIALS for block in self.blocks)
        return Generation.SECOND if second else Generation.FIRST

    @property
    def reference_year(self) -> int:
        """The latest four-digit year among the header's dates (see ``free_text.dates``)."""
        return reference_year(
            int(year)
            for block in self.blocks
            if block.kind is BlockKind.HEADER
            for year in _FOUR_DIGIT_YEAR.findall(self.text, block.start, block.end)
        )

    def sections(self) -> dict[BlockKind, tuple[int, int]]:
        """The canonical extent of each section, from its heading to the next one.

        The header is everything before the first heading; a heading that comes again
        opens no new section.
        """
        starts: list[tuple[BlockKind, int]] = []
        for block in self.blocks:
            if block.kind in _SECTION_KIND_SET and all(block.kind != k for k, _ in starts):
                starts.append((block.kind, block.start))
        found: dict[BlockKind, tuple[int, int]] = {}
        first = starts[0][1] if starts else len(self.text)
        if first > 0:
            found[BlockKind.HEADER] = (0, first)
        ends = [start for _, start in starts[1:]] + ([len(self.text)] if starts else [])
        for (kind, start), end in zip(starts, ends, strict=True):
            found[kind] = (start, end)
        return found

    def item_starts(self, start: int, end: int) -> list[int]:
        """Canonical offsets of the item lines in ``[start, end)``: where decisions begin."""
        return [
            block.start
            for block in self.blocks
            if block.kind is BlockKind.ITEM and start <= block.start < end
        ]

    def block_before(self, position: int) -> Block | None:
        """The logical line that ends just before ``position``, if ``position`` starts one."""
        if position == len(self.text) and self.blocks:
            return self.blocks[-1]
        index = bisect.bisect_left(self._block_starts, position)
        if index == len(self.blocks) or self.blocks[index].start != position or index == 0:
            return None
        return self.blocks[index - 1]

    @property
    def _block_starts(self) -> list[int]:
        return [block.start for block in self.blocks]


_SECTION_KIND_SET = frozenset(_SECTION_KINDS.values())
_FOUR_DIGIT_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_CREDENTIALS = template.CREDENTIALS_LEAD_IN.lower()


def input_span(text: str, offsets: OffsetMap, start: int, end: int) -> Span | None:
    """The input span of canonical ``text[start:end]`` without trailing line ends.

    ``None`` when that range holds nothing but spaces and line ends.
    """
    while end > start and text[end - 1] in " \n":
        end -= 1
    if end <= start:
        return None
    return Span(offsets.to_original(start), offsets.to_original(end - 1) + 1)


def normalize(text: str) -> Canonical:
    """Rewrite extracted letter text in the canonical form the grammar reads."""
    cleaned = text.translate(_CHARACTERS)
    lines = list(_physical_lines(cleaned))
    heading = _first_heading(lines)
    header_lines = header.canonical_lines(lines[:heading]) if heading else []
    logical = header_lines + _reflow(lines[heading:])
    return _assemble(logical, len(header_lines))


def _physical_lines(text: str) -> Iterator[Line]:
    start = 0
    for line in text.split("\n"):
        raw = line.strip()
        if raw:
            offset = start + len(line) - len(line.lstrip())
            collapsed = " ".join(raw.split())
            yield Line(collapsed, offset, raw)
        start += len(line) + 1


def _first_heading(lines: Sequence[Line]) -> int:
    """Index of the first line that is a section heading (0 when none is found)."""
    for index, line in enumerate(lines):
        if template.is_heading(line.text):
            return index
    return 0


def _reflow(lines: Sequence[Line]) -> list[list[Line]]:
    """Group physical lines into logical lines: one per heading, paragraph or label line.

    A heading, a lead-in ending in a colon and an item line each close their logical
    line; a labelled block starts a new one; any other line continues the one before.
    """
    logical: list[list[Line]] = []
    closed = True
    for line in lines:
        text = line.text
        if template.is_outcome_only(text) and logical and logical[-1][-1].text.endswith(":"):
            # The outcome word alone on a line ends the item line above it.
            paragraph = logical.pop()
            item_end = paragraph.pop()
            logical.extend(_split_item(paragraph, [item_end, line]))
            closed = True
        elif template.is_item_line(text) and not template.starts_block(text) and logical:
            logical.extend(_split_item([] if closed else logical.pop(), [line]))
            closed = True
        elif closed or template.starts_block(text):
            logical.append([line])
            closed = template.is_heading(text) or template.ends_lead_in(text)
        else:
            logical[-1].append(line)
            closed = template.ends_lead_in(text)
    return logical


# How many sentence ends a partly authorised request may hold before its item: "X was
# the original request. Y was authorized by the Claims Administrator. The remaining ...".
_PARTIAL_SENTENCES = 3


def _split_item(paragraph: list[Line], tail: list[Line]) -> list[list[Line]]:
    """Split ``paragraph + tail`` where the item line that ``tail`` ends begins.

    The item starts after the previous sentence end: the rationale's closing full stop,
    or the colon of a lead-in. A partly authorised request holds full stops of its own,
    so its start is the sentence ``... was the original request.``; when no such sentence
    comes within a few sentences, the item starts after the first sentence end after all.
    """
    joined = " ".join(line.text for line in tail)
    partial = template.refers_to_original_request(joined)
    original = template.has_original_request(joined)
    taken: list[Line] = []  # lines moved from the paragraph to the item, last first
    first_locked = bool(paragraph) and template.starts_block(paragraph[0].text)
    floor = 1 if first_locked else 0
    first_sentence_end: int | None = None  # len(taken) at the first sentence end passed
    sentence_ends = 0
    while len(paragraph) > floor:
        previous = paragraph[-1]
        if template.ends_sentence(previous.text):
            if not partial or original:
                break
            sentence_ends += 1
            if first_sentence_end is None:
                first_sentence_end = len(taken)
            if sentence_ends > _PARTIAL_SENTENCES:
                break
        taken.append(paragraph.pop())
        # Look at the new line with the start of the one after it, so that a phrase
        # broken over the two is still found, without re-reading the whole item.
        after = taken[-2].text if len(taken) > 1 else tail[0].text
        window = f"{previous.text} {after[:_PHRASE_REACH]}"
        partial = partial or template.refers_to_original_request(window)
        original = original or template.has_original_request(window)
    if partial and not original and first_sentence_end is not None:
        # No original request after all: give the sentences back to the paragraph.
        paragraph.extend(reversed(taken[first_sentence_end:]))
        del taken[first_sentence_end:]
    item = [*reversed(taken), *tail]
    if not paragraph:
        return [item]
    return [paragraph, item]


def _assemble(logical: Sequence[Sequence[Line]], header_lines: int) -> Canonical:
    parts: list[str] = []
    pieces: list[tuple[int, Line]] = []
    blocks: list[Block] = []
    position = 0
    for number, block in enumerate(logical):
        start = position
        for index, line in enumerate(block):
            if index:
                glued = (
                    parts[-1].endswith("-")
                    and _BROKEN_WORD_END.search(parts[-1]) is not None
                    and _BROKEN_WORD_START.match(line.text) is not None
                )
                if not glued:
                    parts.append(" ")
                    position += 1
            pieces.append((position, line))
            parts.append(line.text)
            position += len(line.text)
        kind = BlockKind.HEADER if number < header_lines else _kind(block, parts, start)
        blocks.append(Block(kind, start, position))
        parts.append("\n")
        position += 1
    return Canonical("".join(parts), OffsetMap(pieces), tuple(blocks))


def _kind(block: Sequence[Line], parts: list[str], start: int) -> BlockKind:
    """What a logical line is, from its first physical line and its end."""
    first = block[0].text
    if len(block) == 1 and template.is_heading(first):
        return _SECTION_KINDS[first.upper()]
    # The end of the logical line: enough of the last parts to hold ": Overturned".
    tail = "".join(parts[-3:])[-24:]
    if template.is_item_line(tail):
        # Even a label line that ends in an outcome: recovery tries it as a decision.
        return BlockKind.ITEM
    if first.lower().startswith(_CREDENTIALS):
        return BlockKind.CREDENTIALS
    if template.starts_block(first):
        return BlockKind.LABEL
    return BlockKind.TEXT
