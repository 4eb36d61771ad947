"""The header block: scrambled label/value layouts -> one ``Label: value`` line each.

DWC prints the header as a table. Extractors read that table row by row (pypdf:
``Date Assigned: 11/09/2016 Date of Injury: 10/13/2016``, with ``Application`` /
``Received:`` broken over two lines) or column by column (pdftotext: four labels, then
their four values). Both are one header. A value is matched to a label by its form: a
case number only to ``Case Number:``, a date only to a date label, a priority word only to
``Priority:``. A value on the same line right after its label belongs to that label;
otherwise values go to the labels still waiting for one, in the order the labels came.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from itertools import accumulate
from typing import NamedTuple

from attrs import frozen

from imrparse.read.physical_lines import Line
from imrparse.template import HEADER_FIELDS, IGNORED_HEADER_LABELS

__all__ = ["LABELS", "canonical_lines"]


@frozen
class _Label:
    name: str
    kind: str  # the form of value it takes: "case", "date", "priority" or "text"
    kept: bool  # whether the canonical text (and so the record) keeps it


# The form of value each kept field takes; every other kept field holds a date.
_FORMS = {"case_number": "case", "priority": "priority"}
LABELS = (
    *(_Label(name, _FORMS.get(field, "date"), kept=True) for name, field in HEADER_FIELDS),
    *(_Label(name, "text", kept=False) for name in IGNORED_HEADER_LABELS),
)
_BY_KEY = {label.name.lower(): label for label in LABELS}

# Labels match across line breaks ("Application" / "Received:"), in any case.
_LABEL = re.compile(
    "|".join(
        r"\s+".join(re.escape(word) for word in label.name.split()) + r"\s*:"
        for label in sorted(LABELS, key=lambda label: -len(label.name))
    ),
    re.IGNORECASE,
)
# A label as the letters print it, and the label it is (the common case, found without
# rewriting the label's spaces and case).
_BY_TEXT = {f"{label.name}:": label for label in LABELS}
# A case number or a date-like value, by the group that matches.
_FORM = re.compile(r"(?P<case>[A-Z]{2}\d{2}-\d{3,})|(?P<date>\d[\d/.-]*)", re.IGNORECASE)
_PRIORITIES = frozenset({"standard", "expedited", "urgent", "regular"})


def _kind(text: str) -> str:
    form = _FORM.fullmatch(text)
    if form is not None:
        return str(form.lastgroup)
    if text.lower() in _PRIORITIES:
        return "priority"
    return "text"


def _accepts(label: _Label, kind: str) -> bool:
    """Tell whether ``label`` takes a value of the form ``kind``."""
    return kind == label.kind or (label.kind == "text" and kind == "priority")


class _Piece(NamedTuple):
    """A candidate value: a line's words after a label, or one typed word of a row."""

    #: Flat offset of the first non-space character of the line the piece is on.
    line_start: int
    #: Flat offset of the piece's first word; its words follow one space apart.
    start: int
    words: tuple[str, ...]
    #: The form of value the piece is (see ``_kind``).
    kind: str


class _Flat:
    """The header as one string, its lines' words single-spaced, one line per line.

    Any offset of a word's character maps back to its input offset through the line it
    is on (found by bisection), so no per-character table is built.
    """

    def __init__(self, lines: Sequence[Line]) -> None:
        self._lines = lines
        self.text = "".join([f"{line.text}\n" for line in lines])
        # The flat offset of each line.
        self._starts = list(accumulate([len(line.text) + 1 for line in lines], initial=0))

    def origin(self, offset: int) -> int:
        """The input offset of the word character at flat ``offset``."""
        index = bisect.bisect_right(self._starts, offset) - 1
        line = self._lines[index]
        local = offset - self._starts[index]
        if len(line.text) == len(line.raw):  # no runs of spaces: the same offsets
            return line.start + local
        return line.to_original(local)

    def pieces(self, start: int, end: int) -> list[_Piece]:
        """The value pieces in ``text[start:end]``: one per line, typed words apart."""
        result: list[_Piece] = []
        offset = start
        for raw in self.text[start:end].split("\n"):
            words = raw.split()
            if words:
                # Words on one line are one space apart (each line's text is collapsed).
                first = offset + (raw[0] == " ")
                if len(words) == 1:
                    result.append(_Piece(first, first, (words[0],), _kind(words[0])))
                    offset += len(raw) + 1
                    continue
                kinds = [_kind(word) for word in words]
                if "text" not in kinds:
                    # Several values side by side on one line (a table row read across).
                    position = first
                    for word, kind in zip(words, kinds, strict=True):
                        result.append(_Piece(first, position, (word,), kind))
                        position += len(word) + 1
                else:
                    result.append(_Piece(first, first, tuple(words), _kind(" ".join(words))))
            offset += len(raw) + 1
        return result

    def line(self, piece: _Piece) -> list[Line]:
        """The piece's words as lines of one word each, with their input offsets."""
        found: list[Line] = []
        position = piece.start
        for word in piece.words:
            found.append(Line(word, self.origin(position), word))
            position += len(word) + 1
        return found


def canonical_lines(lines: Sequence[Line]) -> list[list[Line]]:
    """Rewrite the header's physical lines as canonical ``Label: value`` logical lines.

    Returns an empty list when the lines hold no header label (the text before the
    first heading is then not a header, and is dropped).
    """
    flat = _Flat(lines)
    text = flat.text
    found = list(_LABEL.finditer(text))
    label_starts: dict[str, int] = {}  # flat offset of each label found
    values: dict[str, _Piece] = {}
    waiting: list[_Label] = []
    for position, match in enumerate(found):
        printed = match.group()
        label = _BY_TEXT.get(printed) or _BY_KEY[" ".join(printed[:-1].split()).lower()]
        if label.name in label_starts:
            continue  # a repeated label keeps its first value
        label_starts[label.name] = match.start()
        end = found[position + 1].start() if position + 1 < len(found) else len(text)
        pieces = flat.pieces(match.end(), end)
        on_same_line = bool(pieces) and text.find("\n", match.end(), pieces[0].line_start) < 0
        if on_same_line and _accepts(label, pieces[0].kind):
            values[label.name] = pieces.pop(0)
        else:
            waiting.append(label)
        if waiting:
            for piece in pieces:
                for candidate in waiting:
                    if _accepts(candidate, piece.kind):
                        values[candidate.name] = piece
                        waiting.remove(candidate)
                        break
    result: list[list[Line]] = []
    for label in LABELS:
        if label.kept and label.name in label_starts:
            name = f"{label.name}:"
            block = [Line(name, flat.origin(label_starts[label.name]), name)]
            if label.name in values:
                block.extend(flat.line(values[label.name]))
            result.append(block)
    return result
