"""A guideline line (``Claims Administrator guideline:``, ``MAXIMUS guideline:``) as sentences.

The template fixes the labels; the line after a label is a run of sentences, each one of:

- ``Decision based on MTUS ...`` / ``Decision based on Non-MTUS Citation ...``: a
  citation, whose body :mod:`imrparse.read.free_text.citations` reads;
- a refusal: ``The Claims Administrator did not base their decision on the MTUS.``, ``...
  based their decision on recommendation(s) outside of the MTUS Guidelines.``;
- ``The Expert Reviewer did not cite any medical evidence for its decision.``;
- anything else (a source named without ``Decision based on``).

A sentence that begins like one of these (``Decision based on``, ``The Claims
Administrator``, ``The Expert Reviewer``) but is worded in a way these rules do not know is
kept as text and marked :attr:`BasisSentence.unknown`, so that the reader can say so.
"""

from __future__ import annotations

import bisect
import enum
import re
from typing import NamedTuple

__all__ = ["BasisSentence", "SentenceKind", "read_basis_sentences"]


class SentenceKind(enum.Enum):
    """What one guideline sentence says about the basis of a decision."""

    MTUS = "mtus"
    NON_MTUS = "non_mtus"
    REFUSAL = "refusal"  # the decision was not based on the MTUS
    NO_EVIDENCE = "no_evidence"  # no medical evidence was cited
    OTHER = "other"


class BasisSentence(NamedTuple):
    """One sentence of a guideline line: its kind, and its citation body if it has one."""

    kind: SentenceKind
    #: The text after the sentence's opening words ("Decision based on MTUS"), as it
    #: stands in the line, trailing space included; "" when there is none.
    body: str
    #: Offset of ``body`` in the line.
    body_start: int
    #: The sentence opens like a known sentence but is not one of them.
    unknown: bool = False


# Where a sentence the template knows may begin: a citation body runs up to the next one.
_MARKER = re.compile(r"Decision based on |The Claims Administrator |The Expert Reviewer ", re.I)
# The same, in lower case, to be found in lower-case ASCII text.
_MARKERS = ("decision based on ", "the claims administrator ", "the expert reviewer ")
_WHO = r"The (?:Claims Administrator|Expert Reviewer)"
_THEIR = r"(?:their|its|his|her)"
_CALIFORNIA = r"(?:CA |California )?"
_MTUS = rf"(?:the )?{_CALIFORNIA}MTUS(?: Guidelines)?"
_OPENINGS = (
    (
        SentenceKind.MTUS,
        r"Decision based on (?:the )?(?:CA |California )?MTUS(?! Citation)(?=\W|\Z)",
    ),
    (SentenceKind.NON_MTUS, r"Decision based on Non[- ]?\s?MTUS(?: Citations?)?:?"),
    (SentenceKind.REFUSAL, rf"{_WHO} did not base {_THEIR} decision on {_MTUS}\.?"),
    (
        SentenceKind.REFUSAL,
        rf"{_WHO} based {_THEIR} decision on recommendation\(s\) outside (?:of )?{_MTUS}\.?",
    ),
    (
        SentenceKind.NO_EVIDENCE,
        rf"{_WHO} did not cite any medical evidence for {_THEIR} decision\.?",
    ),
)
# All the openings in one pattern, tried in the order above (the first that matches
# wins), and the spaces after the opening: group "o<N>" is the opening _OPENINGS[N].
_OPENING = re.compile(
    "(?:" + "|".join(f"(?P<o{n}>{source})" for n, (_, source) in enumerate(_OPENINGS)) + ") *",
    re.I,
)
_KIND_OF_GROUP = {f"o{n}": kind for n, (kind, _) in enumerate(_OPENINGS)}
_CITES = frozenset({SentenceKind.MTUS, SentenceKind.NON_MTUS})


def read_basis_sentences(line: str) -> tuple[BasisSentence, ...]:
    """Split the text after a guideline label into its sentences.

    >>> [s.kind.value for s in read_basis_sentences(
    ...     "The Claims Administrator did not base their decision on the MTUS. Decision "
    ...     "based on Non-MTUS Citation ODG, Pain Chapter."
    ... )]
    ['refusal', 'non_mtus']
    """
    sentences: list[BasisSentence] = []
    length = len(line)
    markers = _Markers(line)
    position = _skip_spaces(line, 0)
    while position < length:
        # Every opening starts with a marker: where there is none, no opening is tried.
        opening = _OPENING.match(line, position) if markers.at(position) else None
        if opening is None:
            # Text no known opening starts: a body of its own, up to the next opening.
            end = markers.next(position + 1)
            unknown = markers.at(position)
            sentences.append(
                BasisSentence(SentenceKind.OTHER, line[position:end], position, unknown)
            )
            position = _skip_spaces(line, end)
            continue
        group = opening.lastgroup
        assert group is not None
        kind = _KIND_OF_GROUP[group]
        opening_end = opening.end(group)
        position = opening.end()
        if kind in _CITES or (position < length and not markers.at(position)):
            end = markers.next(position) if position < length else position
            body = line[position:end]
            if kind in _CITES:
                sentences.append(BasisSentence(kind, body, position))
            else:
                # Words after a refusal are a source named on its own.
                sentences.append(BasisSentence(kind, "", opening_end))
                sentences.append(BasisSentence(SentenceKind.OTHER, body, position))
            position = _skip_spaces(line, end)
        else:
            sentences.append(BasisSentence(kind, "", opening_end))
    return tuple(sentences)


class _Markers:
    """Where the markers of a line are, found once, for many look-ups.

    In ASCII text, matching a marker regardless of case is finding it in the lower-case
    text, which is fast; other text is searched with ``_MARKER`` itself, whose case
    folding also takes look-alikes such as the long s.
    """

    __slots__ = ("_line", "_lower", "_starts")

    def __init__(self, line: str) -> None:
        self._line = line
        self._lower = line.lower() if line.isascii() else None
        self._starts: list[int] | None = None  # every marker's start, when first needed

    def at(self, position: int) -> bool:
        """Whether a marker starts at ``position``."""
        if self._lower is None:
            return _MARKER.match(self._line, position) is not None
        return self._lower.startswith(_MARKERS, position)

    def next(self, position: int) -> int:
        """Where the first marker at or after ``position`` starts (else the line's end)."""
        if self._lower is None:
            found = _MARKER.search(self._line, position)
            return found.start() if found is not None else len(self._line)
        if self._starts is None:
            self._starts = starts = []
            for marker in _MARKERS:
                at = self._lower.find(marker)
                while at != -1:
                    starts.append(at)
                    at = self._lower.find(marker, at + 1)
            starts.sort()
        index = bisect.bisect_left(self._starts, position)
        return self._starts[index] if index < len(self._starts) else len(self._line)


def _skip_spaces(line: str, position: int) -> int:
    while position < len(line) and line[position] == " ":
        position += 1
    return position
