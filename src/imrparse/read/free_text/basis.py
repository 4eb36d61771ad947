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


def _lower_literals(source: str) -> str:
    r"""``source`` with its letters in lower case, but for syntax (``\W``, ``(?P<``)."""
    return re.sub(
        r"\\.|\(\?P|[A-Z]",
        lambda found: found.group() if len(found.group()) > 1 else found.group().lower(),
        source,
    )


# _OPENING in lower case, without re.I, for ASCII lines matched in their lower case: the
# same matches at the same offsets (no ASCII letter has another case under re.I than
# its own), and each alternative whose first letter differs is passed over at once.
_LOWER_OPENING = re.compile(_lower_literals(_OPENING.pattern))
# Each group's kind, and whether that kind has a citation body.
_KIND_OF_GROUP = {
    f"o{n}": (kind, kind in (SentenceKind.MTUS, SentenceKind.NON_MTUS))
    for n, (kind, _) in enumerate(_OPENINGS)
}


def read_basis_sentences(line: str) -> tuple[BasisSentence, ...]:
    """Split the text after a guideline label into its sentences.

    >>> [s.kind.value for s in read_basis_sentences(
    ...     "The Claims Administrator did not base their decision on the MTUS. Decision "
    ...     "based on Non-MTUS Citation ODG, Pain Chapter."
    ... )]
    ['refusal', 'non_mtus']
    """
    sentences: list[BasisSentence] = []
    # BasisSentence(...) without its Python-level __new__: a call less per sentence.
    sentence = tuple.__new__
    length = len(line)
    # Every marker's start, and the line's end after them: the positions below only
    # grow, so the first marker at or after one is found by moving ``index`` on.
    # An ASCII line is matched in its lower case (see _LOWER_OPENING).
    lower = line.lower() if line.isascii() else None
    starts = _marker_starts(line, lower)
    opening_pattern, matched = (_OPENING, line) if lower is None else (_LOWER_OPENING, lower)
    starts.append(length)
    index = 0
    position = length - len(line.lstrip(" "))
    while position < length:
        while starts[index] < position:
            index += 1
        # Every opening starts with a marker: where there is none, no opening is tried.
        at_marker = starts[index] == position
        opening = opening_pattern.match(matched, position) if at_marker else None
        if opening is None:
            # Text no known opening starts: a body of its own, up to the next opening.
            end = starts[index + 1] if at_marker else starts[index]
            sentences.append(
                sentence(
                    BasisSentence, (SentenceKind.OTHER, line[position:end], position, at_marker)
                )
            )
            position = end  # a marker (which opens with a letter) or the line's end
            continue
        group = opening.lastgroup
        assert group is not None
        kind, cites = _KIND_OF_GROUP[group]
        position = opening.end()
        while starts[index] < position:
            index += 1
        end = starts[index]  # the next marker, else the line's end
        if cites:
            sentences.append(sentence(BasisSentence, (kind, line[position:end], position, False)))
            position = end
            continue
        sentences.append(sentence(BasisSentence, (kind, "", opening.end(group), False)))
        if end != position:
            # Words after a refusal are a source named on its own.
            sentences.append(
                sentence(BasisSentence, (SentenceKind.OTHER, line[position:end], position, False))
            )
            position = end
    return tuple(sentences)


def _marker_starts(line: str, lower: str | None) -> list[int]:
    """Where the markers of a line start, in order (markers cannot overlap).

    ``lower`` is the line in lower case if it is ASCII, else ``None``. In ASCII text,
    matching a marker regardless of case is finding it in the lower-case text, which is
    fast; other text is searched with ``_MARKER`` itself, whose case folding also takes
    look-alikes such as the long s.
    """
    if lower is None:
        return [found.start() for found in _MARKER.finditer(line)]
    starts: list[int] = []
    for marker in _MARKERS:
        at = lower.find(marker)
        while at != -1:
            starts.append(at)
            at = lower.find(marker, at + len(marker))
    starts.sort()
    return starts
