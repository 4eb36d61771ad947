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
from array import array
from collections.abc import Iterable, Sequence
from functools import cached_property
from itertools import accumulate, chain, compress, islice, repeat
from operator import add, itemgetter, or_, sub

from attrs import frozen

from imrparse import template
from imrparse.models import Generation, Span
from imrparse.read import header
from imrparse.read.free_text.dates import reference_year
from imrparse.read.physical_lines import original_offset, physical_lines

__all__ = ["SECTIONS", "Block", "BlockKind", "Canonical", "OffsetMap", "input_span", "normalize"]

# One-for-one character replacements, so offsets are unchanged by this step. Line ends
# and page breaks become "\n" (the blank lines this creates are dropped later); every
# other space (each character ``str.isspace`` takes) becomes " ", so that later steps
# need look for no space but these two.
_CHARACTERS = str.maketrans(
    {
        **dict.fromkeys(
            "\x1c\x1d\x1e\x1f\u1680\u2000\u2001\u2004\u2005\u2006\u2008\u205f\u3000", " "
        ),
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
# The same replacements as a pattern, for text that is not ASCII.
_REPLACED = re.compile("[" + "".join(re.escape(chr(code)) for code in _CHARACTERS) + "]")


def _replacement(match: re.Match[str]) -> str:
    return str(_CHARACTERS[ord(match.group())])


# The same replacements for ASCII text (most letters), one character at a time: a
# replacement finds its character at C speed (memchr) and copies the text only when it
# is there, where a table is looked up for every character (most letters hold one of
# these characters, the page break, or none).
_ASCII_CHARACTERS = tuple(
    (chr(code), str(replacement)) for code, replacement in _CHARACTERS.items() if code < 128
)

_bisect_right = bisect.bisect_right
# A hyphen that breaks a word across lines: joined without a space.
_BROKEN_WORD_END = re.compile(r"[A-Za-z0-9]-\Z")
_BROKEN_WORD_START = re.compile(r"[a-z0-9]")
# Longer than the template phrases looked for across a line break.
_PHRASE_REACH = 60


class OffsetMap:
    """Maps offsets in canonical text back to offsets in the caller's string."""

    __slots__ = ("_collapsed", "_table")

    def __init__(
        self,
        starts: Sequence[int],
        origins: Sequence[int],
        last: int,
        collapsed: dict[int, tuple[str, str]],
    ) -> None:
        # One entry per physical line (or header word) placed in the canonical text, in
        # order: its canonical start and its input start (one subtraction and one
        # addition map any offset in it, and in the space or line end after it, back).
        # ``last`` is the canonical offset of the final line end, where the offsets
        # stop; ``starts`` ends with one past it, so that every piece has a next start.
        self._table = (starts, origins, last)  # one attribute: read at every look-up
        # The canonical text and the input of each piece whose runs of spaces were
        # collapsed, by its index: their offsets map back word by word.
        self._collapsed = collapsed

    def to_original(self, offset: int) -> int:
        """Return the input offset of the canonical character at ``offset``.

        An offset between lines (a space or line end that the canonical text inserted)
        maps to just after the line before it.
        """
        starts, origins, last = self._table
        if offset > last:
            offset = last
        elif offset < 0:
            offset = 0
        index = _bisect_right(starts, offset) - 1
        if index in self._collapsed:
            text, raw = self._collapsed[index]
            return original_offset(text, origins[index], raw, offset - starts[index])
        return offset - starts[index] + origins[index]


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
    # Each logical line's kind, canonical start and newline offset, in order: the blocks,
    # kept as plain tuples (most parses never need the Block records).
    _kinds: tuple[BlockKind, ...]
    _starts: tuple[int, ...]
    _ends: tuple[int, ...]

    @cached_property
    def blocks(self) -> tuple[Block, ...]:
        """One block per logical line, in order."""
        return tuple(map(Block, self._kinds, self._starts, self._ends))

    @cached_property
    def generation(self) -> Generation:
        """The template the letter follows: a credentials block marks the second."""
        second = BlockKind.CREDENTIALS in self._kinds
        return Generation.SECOND if second else Generation.FIRST

    @cached_property
    def reference_year(self) -> int:
        """The latest four-digit year among the header's dates (see ``free_text.dates``)."""
        # The header's logical lines are the first ones (normalize puts them there), so
        # one search of their extent finds their years: only line ends come between
        # them, and a year is digits alone.
        count = self._kinds.count(BlockKind.HEADER)
        if not count:
            return reference_year(())
        years = _FOUR_DIGIT_YEAR.findall(self.text, self._starts[0], self._ends[count - 1])
        return reference_year(map(int, years))

    def sections(self) -> dict[BlockKind, tuple[int, int]]:
        """The canonical extent of each section, from its heading to the next one.

        The header is everything before the first heading; a heading that comes again
        opens no new section.
        """
        starts: list[tuple[BlockKind, int]] = []
        for kind, start in zip(self._kinds, self._starts, strict=True):
            if kind in _SECTION_KIND_TUPLE and all(kind is not k for k, _ in starts):
                starts.append((kind, start))
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
        item = BlockKind.ITEM  # once: an enum member is slow to look up
        return [
            block_start
            for kind, block_start in zip(self._kinds, self._starts, strict=True)
            if kind is item and start <= block_start < end
        ]

    def block_before(self, position: int) -> Block | None:
        """The logical line that ends just before ``position``, if ``position`` starts one."""
        if position == len(self.text) and self._starts:
            return self.blocks[-1]
        index = bisect.bisect_left(self._starts, position)
        if index == len(self._starts) or self._starts[index] != position or index == 0:
            return None
        return self.blocks[index - 1]


# A tuple, searched by identity: an enum member's hash is a Python function.
_SECTION_KIND_TUPLE = tuple(_SECTION_KINDS.values())
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
    # to_original of the first and the last character, written out: the transformer
    # asks for the span of nearly every part it reads, most within one piece.
    last = end - 1
    starts, origins, limit = offsets._table
    if start < 0 or last > limit:  # past either end: clamped
        return Span(offsets.to_original(start), offsets.to_original(last) + 1)
    first = _bisect_right(starts, start) - 1  # the pieces of the first and last characters
    if last < starts[first + 1]:
        final = first
    elif last < starts[first + 2]:  # the most common case
        final = first + 1
    else:
        final = _bisect_right(starts, last, first) - 1
    collapsed = offsets._collapsed
    if collapsed and (first in collapsed or final in collapsed):  # mapped word by word
        return Span(offsets.to_original(start), offsets.to_original(last) + 1)
    return Span(start - starts[first] + origins[first], last - starts[final] + origins[final] + 1)


def normalize(text: str) -> Canonical:
    """Rewrite extracted letter text in the canonical form the grammar reads."""
    if text.isascii():
        cleaned = text
        for character, replacement in _ASCII_CHARACTERS:
            cleaned = cleaned.replace(character, replacement)
    else:  # str.translate is slow on any other text: replace only what is there
        cleaned = _REPLACED.sub(_replacement, text)
    texts, origins, collapsed = physical_lines(cleaned)
    heading = _first_heading(texts)
    header_blocks = 0
    header_firsts: list[int] = []
    body = 0  # the first piece after the header's words
    if heading:
        # The header's words come first, one logical line per label, then the body.
        # Text before the first heading that holds no header label is dropped. Done
        # before the lines are classified, which the header's words never are.
        words, word_origins, sizes = header.canonical_lines(cleaned, origins[heading])
        header_blocks = len(sizes)
        header_firsts = [*accumulate(sizes, initial=0)][:-1]
        shift = len(words) - heading
        texts[:heading] = words
        origins[:heading] = array("q", word_origins)  # into a list or an array
        collapsed = {index + shift: line for index, line in collapsed.items() if index >= heading}
        body = len(words)
    labelled = template.starts_blocks(texts[body:])
    labelled[:0] = repeat(False, body)  # in place: text of many lines makes a long list
    # The last character of each piece: what ends a logical line and a broken word.
    lasts = "".join(map(_LAST, texts))
    firsts = header_firsts + _reflow(texts, body, labelled, lasts)
    return _assemble(texts, origins, collapsed, firsts, header_blocks, labelled, lasts)


_HEADING_LENGTHS = frozenset(len(heading) for heading in template.HEADINGS)


def _first_heading(texts: Sequence[str]) -> int:
    """Index of the first line that is a section heading (0 when none is found)."""
    for index, text in enumerate(texts):
        if len(text) in _HEADING_LENGTHS and template.is_heading(text):
            return index
    return 0


_LAST = itemgetter(-1)
# The last characters of the lines a logical line can end at: the "d" of an outcome
# ("Upheld", "Overturned") and the colon of a lead-in.
_CLOSING_ENDS = frozenset("dD:")
# The same as a byte table: 1 for those characters, 0 for every other.
_CLOSING_TABLE = bytes(int(chr(code) in _CLOSING_ENDS) for code in range(256))
# How an item line ends, in lower case: "...: Upheld", "...: Overturned".
_OUTCOME_ENDS = frozenset({"upheld", "turned"})


def _reflow(texts: Sequence[str], begin: int, labelled: Sequence[bool], lasts: str) -> list[int]:
    """Group the lines from ``begin`` into logical lines: the index of each one's first.

    One logical line per heading, paragraph or label line: a heading, a lead-in ending in
    a colon and an item line each close their logical line; a labelled block starts a
    new one; any other line continues the one before. Logical lines are runs of
    consecutive physical lines, so their first lines say where each begins.

    ``labelled`` tells which lines start a block (``template.starts_block``), ``lasts``
    holds the last character of each line. A line that does not start a block, and that
    ends in neither "d" nor ":", is *plain*: it starts a logical line after a closed one
    and continues the open one otherwise, and it closes none. Most lines are plain; only
    the others are looked at one by one.
    """
    lines = range(begin, len(texts))
    notable: Iterable[int]
    if lasts.isascii():
        # Without a Python call a line: the lines that start a block, or whose last
        # character a byte table marks (a byte of 0 is false), in one linear pass.
        closing = lasts.encode("ascii").translate(_CLOSING_TABLE)
        notable = compress(lines, map(or_, islice(labelled, begin, None), closing[begin:]))
    else:
        closes = map(_CLOSING_ENDS.__contains__, lasts[begin:])
        notable = compress(lines, map(or_, islice(labelled, begin, None), closes))
    firsts: list[int] = []
    closed = True
    following = begin  # the first line not placed yet
    for index in notable:
        if closed and index > following:  # plain lines after a closed logical line
            firsts.append(following)
            closed = False
        following = index + 1
        text = texts[index]
        last = lasts[index]
        # An outcome, alone or ending an item line, ends in "d".
        if last in "dD" and index > begin:
            if len(text) < 16 and lasts[index - 1] == ":" and template.is_outcome_only(text):
                # The outcome word alone on a line ends the item line above it.
                _split_item(texts, labelled, firsts.pop(), index - 1, index + 1, firsts)
                closed = True
                continue
            if (
                text[-6:].lower() in _OUTCOME_ENDS
                and template.is_item_line(text)
                and not labelled[index]
            ):
                if closed:
                    firsts.append(index)
                else:
                    _split_item(texts, labelled, firsts.pop(), index, index + 1, firsts)
                closed = True
                continue
        if closed or labelled[index]:
            firsts.append(index)
            closed = (last == ":" and template.ends_lead_in(text)) or (
                len(text) in _HEADING_LENGTHS and template.is_heading(text)
            )
        elif last == ":":
            closed = template.ends_lead_in(text)
    if closed and following < len(texts):
        firsts.append(following)
    return firsts


# How many sentence ends a partly authorised request may hold before its item: "X was
# the original request. Y was authorized by the Claims Administrator. The remaining ...".
_PARTIAL_SENTENCES = 3


def _split_item(
    texts: Sequence[str],
    labelled: Sequence[bool],
    first: int,
    tail: int,
    end: int,
    firsts: list[int],
) -> None:
    """Split lines ``first`` to ``end`` where the item line that lines ``tail:end`` end begins.

    Appends to ``firsts`` the first line of the paragraph (if any is left) and of the
    item. The item starts after the previous sentence end: the rationale's closing full
    stop, or the colon of a lead-in. A partly authorised request holds full stops of its
    own, so its start is the sentence ``... was the original request.``; when no such
    sentence comes within a few sentences, the item starts after the first sentence end
    after all.
    """
    joined = " ".join(texts[tail:end])
    partial = template.refers_to_original_request(joined)
    original = template.has_original_request(joined)
    floor = first + 1 if tail > first and labelled[first] else first
    start = tail  # the item's first line
    first_sentence_end: int | None = None  # ``start`` at the first sentence end passed
    sentence_ends = 0
    while start > floor:
        previous = texts[start - 1]
        if template.ends_sentence(previous):
            if not partial or original:
                break
            sentence_ends += 1
            if first_sentence_end is None:
                first_sentence_end = start
            if sentence_ends > _PARTIAL_SENTENCES:
                break
        start -= 1
        # Look at the new line with the start of the one after it, so that a phrase
        # broken over the two is still found, without re-reading the whole item.
        window = f"{previous} {texts[start + 1][:_PHRASE_REACH]}"
        partial = partial or template.refers_to_original_request(window)
        original = original or template.has_original_request(window)
    if partial and not original and first_sentence_end is not None:
        # No original request after all: give the sentences back to the paragraph.
        start = first_sentence_end
    if start > first:
        firsts.append(first)
    firsts.append(start)


def _assemble(
    texts: list[str],
    origins: Sequence[int],
    collapsed: dict[int, tuple[str, str]],
    firsts: list[int],
    header_blocks: int,
    labelled: Sequence[bool],
    lasts: str,
) -> Canonical:
    """Join the pieces into logical lines; ``firsts`` holds each logical line's first.

    ``collapsed`` holds the text and the input of each piece whose runs of spaces were
    collapsed, ``lasts`` the last character of each piece.
    """
    count = len(texts)
    if not count:
        return Canonical("", OffsetMap([0, 1], [0], 0, {}), (), (), ())
    ends = [*firsts[1:], count]
    separators = _separators(texts, lasts, firsts, ends) if "-" in lasts else None
    # The canonical start of each piece, and (last) the length of the canonical text.
    if separators is not None:
        canonical = "".join(chain.from_iterable(zip(texts, separators, strict=True)))
        piece_starts = accumulate(map(add, map(len, texts), map(len, separators)), initial=0)
    else:
        lines = [" ".join(texts[first:end]) for first, end in zip(firsts, ends, strict=True)]
        canonical = "\n".join(lines) + "\n"
        piece_starts = accumulate(map(add, map(len, texts), repeat(1)), initial=0)
    # A list is searched faster (every span looks a piece up), an array takes 8 bytes a
    # piece where a list takes an object of 36: text of very many short lines has one.
    starts: Sequence[int]
    if count >= _MANY_PIECES:
        starts = array("q", piece_starts)
    elif separators is None:
        # Each piece and the one character after it, in a plain loop: it costs less a
        # piece than the pipeline of maps.
        position = 0
        starts = [0]
        for text in texts:
            position += len(text) + 1
            starts.append(position)
    else:
        starts = list(piece_starts)
    block_starts = tuple(map(starts.__getitem__, firsts))
    # A logical line ends just before the next one starts, the last at the text's end.
    # (Mapped operator functions: a bound method of an int or a str is slower to call.)
    block_ends = (*map(sub, islice(block_starts, 1, None), repeat(1)), len(canonical) - 1)
    kinds = [BlockKind.HEADER] * header_blocks + [BlockKind.TEXT] * (len(firsts) - header_blocks)
    # What each logical line of the body is, from its first line and its end: text
    # unless it ends in an outcome's "d" or starts with a labelled line (most of the
    # body's few logical lines do one or the other: a plain loop, not a pipeline of maps
    # to pick them out). A heading never ends in "d", so the tests for a heading and an
    # item line never both pass; headings and the credentials lead-in are labelled lines
    # (template.starts_block).
    item, label, credentials = BlockKind.ITEM, BlockKind.LABEL, BlockKind.CREDENTIALS  # once
    for number in range(header_blocks, len(firsts)):
        first = firsts[number]
        end = ends[number]
        if lasts[end - 1] in "dD" and _item_line(end, canonical, starts, separators):
            # Even a label line that ends in an outcome: recovery tries it as a decision.
            kinds[number] = item
        elif labelled[first]:
            text = texts[first]
            if end - first == 1 and len(text) in _HEADING_LENGTHS and template.is_heading(text):
                kinds[number] = _SECTION_KINDS[text.upper()]
            elif text.lower().startswith(_CREDENTIALS):
                kinds[number] = credentials
            else:
                kinds[number] = label
    offsets = OffsetMap(starts, origins, len(canonical) - 1, collapsed)
    return Canonical(canonical, offsets, tuple(kinds), block_starts, block_ends)


def _separators(
    texts: Sequence[str], lasts: str, firsts: Sequence[int], ends: Sequence[int]
) -> list[str] | None:
    """What follows each piece in the canonical text, if a hyphen glues any two pieces.

    A line end follows the last piece of a logical line, nothing a piece that ends in a
    hyphen breaking a word the next piece ends (a *glued* piece), a space any other.
    ``None`` when no piece is glued. ``lasts`` holds the last character of each piece. A
    hyphen that ends a logical line is never joined to the next.
    """
    separators: list[str] | None = None
    opening = {*firsts, len(texts)}
    index = lasts.find("-")
    while index >= 0:
        following = index + 1
        if following not in opening and _broken_word(texts[index], texts[following]):
            if separators is None:
                separators = [" "] * len(texts)
                for end in ends:
                    separators[end - 1] = "\n"
            separators[index] = ""
        index = lasts.find("-", following)
    return separators


def _broken_word(text: str, following: str) -> bool:
    """Tell whether a hyphen ends ``text`` in the middle of a word ``following`` ends."""
    return (
        _BROKEN_WORD_END.search(text) is not None
        and _BROKEN_WORD_START.match(following) is not None
    )


# More pieces than any letter has: their starts are kept in an array (see _assemble).
_MANY_PIECES = 10_000
# The end of a logical line that holds ": Overturned".
_TAIL = 24


def _item_line(
    end: int, canonical: str, starts: Sequence[int], separators: Sequence[str] | None
) -> bool:
    """Tell whether the logical line that pieces up to ``end`` make ends in an outcome.

    ``separators`` are those of :func:`_separators`.
    """
    stop = starts[end] - 1
    begin = stop - _TAIL
    if starts[end - 1] > begin:  # a short last piece: the tail reaches back
        begin = max(begin, _tail_start(end - 1, starts, separators))
    return template.is_item_line(canonical[begin:stop])


def _tail_start(last: int, starts: Sequence[int], separators: Sequence[str] | None) -> int:
    """Where the three canonical parts ending in piece ``last`` begin.

    The parts are pieces and the separators between them (none between the halves of a
    broken word); a line's kind has always been read from that much of its end, which
    may reach back over the line end before it.
    """
    position = starts[last]
    piece = last
    on_piece = True
    for _ in range(2):
        if on_piece:
            if piece == 0:
                break
            if separators is not None and not separators[piece - 1]:  # glued
                piece -= 1
                position = starts[piece]
            else:
                position -= 1
                on_piece = False
        else:
            piece -= 1
            position = starts[piece]
            on_piece = True
    return position
