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

import enum
import re

from attrs import frozen

__all__ = ["BasisSentence", "SentenceKind", "read_basis_sentences"]


class SentenceKind(enum.Enum):
    """What one guideline sentence says about the basis of a decision."""

    MTUS = "mtus"
    NON_MTUS = "non_mtus"
    REFUSAL = "refusal"  # the decision was not based on the MTUS
    NO_EVIDENCE = "no_evidence"  # no medical evidence was cited
    OTHER = "other"


@frozen
class BasisSentence:
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
_WHO = r"The (?:Claims Administrator|Expert Reviewer)"
_THEIR = r"(?:their|its|his|her)"
_CALIFORNIA = r"(?:CA |California )?"
_MTUS = rf"(?:the )?{_CALIFORNIA}MTUS(?: Guidelines)?"
_OPENINGS = (
    (
        SentenceKind.MTUS,
        re.compile(
            r"Decision based on (?:the )?(?:CA |California )?MTUS(?! Citation)(?=\W|\Z)", re.I
        ),
    ),
    (
        SentenceKind.NON_MTUS,
        re.compile(r"Decision based on Non[- ]?\s?MTUS(?: Citations?)?:?", re.I),
    ),
    (
        SentenceKind.REFUSAL,
        re.compile(rf"{_WHO} did not base {_THEIR} decision on {_MTUS}\.?", re.I),
    ),
    (
        SentenceKind.REFUSAL,
        re.compile(
            rf"{_WHO} based {_THEIR} decision on recommendation\(s\) outside (?:of )?{_MTUS}\.?",
            re.I,
        ),
    ),
    (
        SentenceKind.NO_EVIDENCE,
        re.compile(rf"{_WHO} did not cite any medical evidence for {_THEIR} decision\.?", re.I),
    ),
)
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
    position = _skip_spaces(line, 0)
    while position < len(line):
        kind, opening_end = _opening(line, position)
        if kind is None:
            # Text no known opening starts: a body of its own, up to the next opening.
            end = _next_marker(line, position + 1)
            unknown = _MARKER.match(line, position) is not None
            sentences.append(
                BasisSentence(SentenceKind.OTHER, line[position:end], position, unknown)
            )
            position = _skip_spaces(line, end)
            continue
        position = _skip_spaces(line, opening_end)
        if kind in _CITES or (position < len(line) and _MARKER.match(line, position) is None):
            end = _next_marker(line, position) if position < len(line) else position
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


def _opening(line: str, position: int) -> tuple[SentenceKind | None, int]:
    for kind, pattern in _OPENINGS:
        found = pattern.match(line, position)
        if found is not None:
            return kind, found.end()
    return None, position


def _next_marker(line: str, position: int) -> int:
    found = _MARKER.search(line, position)
    return found.start() if found is not None else len(line)


def _skip_spaces(line: str, position: int) -> int:
    while position < len(line) and line[position] == " ":
        position += 1
    return position
