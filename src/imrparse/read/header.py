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

from attrs import frozen

from imrparse.read.physical_lines import Line, Word
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
_CASE_NUMBER = re.compile(r"[A-Z]{2}\d{2}-\d{3,}", re.IGNORECASE)
_DATE_LIKE = re.compile(r"\d[\d/.-]*")
_PRIORITIES = frozenset({"standard", "expedited", "urgent", "regular"})


def _kind(text: str) -> str:
    if _CASE_NUMBER.fullmatch(text):
        return "case"
    if _DATE_LIKE.fullmatch(text):
        return "date"
    if text.lower() in _PRIORITIES:
        return "priority"
    return "text"


def _accepts(label: _Label, text: str) -> bool:
    kind = _kind(text)
    return kind == label.kind or (label.kind == "text" and kind == "priority")


class _Flat:
    """The header as one string, each character mapped back to its input offset."""

    def __init__(self, lines: Sequence[Line]) -> None:
        chars: list[str] = []
        origins: list[int] = []
        for line in lines:
            for index, word in enumerate(line.words):
                if index:
                    chars.append(" ")
                    origins.append(word.start)
                chars.append(word.text)
                origins.extend(range(word.start, word.start + len(word.text)))
            chars.append("\n")
            origins.append(origins[-1] + 1 if origins else 0)
        self.text = "".join(chars)
        self._origins = origins

    def words(self, start: int, end: int) -> tuple[Word, ...]:
        """The words of ``text[start:end]``, each with its input offset."""
        return tuple(
            Word(match.group(), self._origins[start + match.start()])
            for match in re.finditer(r"\S+", self.text[start:end])
        )

    def pieces(self, start: int, end: int) -> list[tuple[int, tuple[Word, ...]]]:
        """The value pieces in ``text[start:end]``: one per line, typed words apart."""
        result: list[tuple[int, tuple[Word, ...]]] = []
        offset = start
        for raw in self.text[start:end].split("\n"):
            words = self.words(offset, offset + len(raw))
            if words:
                first = offset + len(raw) - len(raw.lstrip())
                if len(words) > 1 and all(_kind(word.text) != "text" for word in words):
                    # Several values side by side on one line (a table row read across).
                    result.extend((first, (word,)) for word in words)
                else:
                    result.append((first, words))
            offset += len(raw) + 1
        return result


def canonical_lines(lines: Sequence[Line]) -> list[list[Line]]:
    """Rewrite the header's physical lines as canonical ``Label: value`` logical lines.

    Returns an empty list when the lines hold no header label (the text before the
    first heading is then not a header, and is dropped).
    """
    flat = _Flat(lines)
    found = list(_LABEL.finditer(flat.text))
    label_words: dict[str, Word] = {}
    values: dict[str, tuple[Word, ...]] = {}
    waiting: list[_Label] = []
    for position, match in enumerate(found):
        label = _BY_KEY[" ".join(match.group()[:-1].split()).lower()]
        if label.name in label_words:
            continue  # a repeated label keeps its first value
        label_words[label.name] = Word(
            f"{label.name}:", flat.words(match.start(), match.end())[0].start
        )
        end = found[position + 1].start() if position + 1 < len(found) else len(flat.text)
        pieces = flat.pieces(match.end(), end)
        on_same_line = bool(pieces) and "\n" not in flat.text[match.end() : pieces[0][0]]
        if on_same_line and _accepts(label, _text(pieces[0][1])):
            values[label.name] = pieces.pop(0)[1]
        else:
            waiting.append(label)
        for _, words in pieces:
            for candidate in waiting:
                if _accepts(candidate, _text(words)):
                    values[candidate.name] = words
                    waiting.remove(candidate)
                    break
    return [
        [
            Line(word.text, word.start, word.text)
            for word in (label_words[label.name], *values.get(label.name, ()))
        ]
        for label in LABELS
        if label.kept and label.name in label_words
    ]


def _text(words: Sequence[Word]) -> str:
    return " ".join(word.text for word in words)
