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

import re
from collections.abc import Sequence
from functools import partial
from typing import NamedTuple

from attrs import frozen

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
# The labels the canonical text keeps, in its order, each as it writes it.
_KEPT = tuple((label.name, f"{label.name}:") for label in LABELS if label.kept)


def _label_alternatives(lowered: bool) -> str:
    """Every label as a pattern, longest first, its words apart by any white space."""
    return "|".join(
        r"\s+".join(
            re.escape(word) for word in (label.name.lower() if lowered else label.name).split()
        )
        + r"\s*:"
        for label in sorted(LABELS, key=lambda label: -len(label.name))
    )


# Labels match across line breaks ("Application" / "Received:"), in any case. The
# lookahead for a label's first letter turns most places away at once.
_LABEL = re.compile(
    "(?=["
    + "".join(sorted({re.escape(label.name[0]) for label in LABELS}))
    + "])(?:"
    + _label_alternatives(lowered=False)
    + ")",
    re.IGNORECASE,
)
# The same for lowered ASCII text (most headers), where matching in either case is
# matching the lowered text: a search that is not case-insensitive looks only at the
# places that hold a label's first letter, and skips each other label at its first.
_LOWER_LABEL = re.compile(_label_alternatives(lowered=True))
# A label as the letters print it (or lowered), and the label it is (the common case,
# found without rewriting the label's spaces and case).
_BY_TEXT = {f"{label.name}:": label for label in LABELS}
_BY_LOWER_TEXT = {f"{label.name.lower()}:": label for label in LABELS}
# A case number or a date-like value, by the group that matches.
_FORM = re.compile(r"(?P<case>[A-Z]{2}\d{2}-\d{3,})|(?P<date>\d[\d/.-]*)", re.IGNORECASE)
_PRIORITIES = frozenset({"standard", "expedited", "urgent", "regular"})


_ASCII_DIGITS = frozenset("0123456789")
_DATE_CHARACTERS = "0123456789/.-"


def _kind(text: str) -> str:
    if text[:1] in _ASCII_DIGITS and text.isascii():
        # The common case, as _FORM takes it without the cost of a match: in ASCII, "\d"
        # is a digit, and a case number starts with letters.
        return "text" if text.strip(_DATE_CHARACTERS) else "date"
    form = _FORM.fullmatch(text)
    if form is not None:
        return str(form.lastgroup)
    if text.lower() in _PRIORITIES:
        return "priority"
    return "text"


# The forms of value each label takes, by its name: its own, and a text label takes a
# priority word too. (A set looked up, not a function called, once per label.)
_ACCEPTS = {
    label.name: frozenset({label.kind, "priority"} if label.kind == "text" else {label.kind})
    for label in LABELS
}


class _Piece(NamedTuple):
    """A candidate value: a line's words after a label, or one typed word of a row."""

    #: Offset of the first word of the line the piece is on.
    line_start: int
    #: Offset of the piece's first word.
    start: int
    words: tuple[str, ...]
    #: The form of value the piece is (see ``_kind``).
    kind: str


# Builds a piece from a tuple of its fields: NamedTuple's own constructor is a Python
# function, and twice as slow.
_new_piece = partial(tuple.__new__, _Piece)


def _pieces(text: str, start: int, end: int) -> list[_Piece]:
    """The value pieces in ``text[start:end]``: one per line, typed words apart."""
    chunk = text[start:end]
    words = chunk.split()
    if len(words) < 2:
        # The common case, a label's one value (or none): one piece without the lines.
        if not words:
            return []
        first = start + chunk.find(words[0])
        return [_new_piece((first, first, (words[0],), _kind(words[0])))]
    result: list[_Piece] = []
    offset = start
    for raw in chunk.split("\n"):
        words = raw.split()
        if words:
            first = offset + len(raw) - len(raw.lstrip())
            if len(words) == 1:
                result.append(_new_piece((first, first, (words[0],), _kind(words[0]))))
            else:
                kinds = [_kind(word) for word in words]
                if "text" not in kinds:
                    # Several values side by side on one line (a table row read across).
                    for word, kind, position in zip(
                        words, kinds, _word_starts(text, first, words), strict=True
                    ):
                        result.append(_new_piece((first, position, (word,), kind)))
                else:
                    piece = (first, first, tuple(words), _kind(" ".join(words)))
                    result.append(_new_piece(piece))
        offset += len(raw) + 1
    return result


def _word_starts(text: str, start: int, words: Sequence[str]) -> list[int]:
    """The offsets of ``words``, which follow each other from ``start`` on one line.

    Only spaces come between them, and a word holds none, so each is found first.
    """
    found: list[int] = []
    position = start
    for word in words:
        position = text.find(word, position)
        found.append(position)
        position += len(word)
    return found


def canonical_lines(text: str, end: int) -> tuple[list[str], list[int], list[int]]:
    """Rewrite the header, ``text[:end]``, as canonical ``Label: value`` logical lines.

    ``text`` is the cleaned input (it holds no space but spaces and line ends), so its offsets
    are the input's. Returns the words of the logical lines in order (a label and its
    colon is one word), the input offset of each, and how many words each line has.
    All three are empty when the header holds no label (the text before the first
    heading is then not a header, and is dropped).
    """
    label_starts: dict[str, int] = {}  # offset of each label found
    values: dict[str, _Piece] = {}
    waiting: list[_Label] = []
    # Each label with the one after it, whose start ends its values; taken one by one (a
    # header of many repeated labels holds no list of them all).
    header = text[:end]
    by_text = _BY_TEXT
    if header.isascii():  # lowered, each character where it was
        found = _LOWER_LABEL.finditer(header.lower())
        by_text = _BY_LOWER_TEXT
    else:
        found = _LABEL.finditer(header)
    following = next(found, None)
    while following is not None:
        match, following = following, next(found, None)
        printed = match.group()
        label = by_text.get(printed) or _BY_KEY[" ".join(printed[:-1].split()).lower()]
        name = label.name
        if name in label_starts:
            continue  # a repeated label keeps its first value
        begin, after = match.span()
        label_starts[name] = begin
        stop = following.start() if following is not None else end
        pieces = _pieces(text, after, stop)
        if (
            pieces
            and text.find("\n", after, pieces[0].line_start) < 0  # on the label's line
            and pieces[0].kind in _ACCEPTS[name]
        ):
            values[name] = pieces.pop(0)
        else:
            waiting.append(label)
        if waiting:
            for piece in pieces:
                for candidate in waiting:
                    if piece.kind in _ACCEPTS[candidate.name]:
                        values[candidate.name] = piece
                        waiting.remove(candidate)
                        break
    words: list[str] = []
    origins: list[int] = []
    sizes: list[int] = []
    for name, written in _KEPT:
        if name in label_starts:
            words.append(written)
            origins.append(label_starts[name])
            value = values.get(name)
            if value is None:
                sizes.append(1)
                continue
            words.extend(value.words)
            if len(value.words) == 1:
                origins.append(value.start)
            else:
                origins.extend(_word_starts(text, value.start, value.words))
            sizes.append(1 + len(value.words))
    return words, origins, sizes
