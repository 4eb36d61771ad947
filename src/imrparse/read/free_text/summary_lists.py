"""Diagnoses and medications: the lists a case summary introduces with a fixed phrase."""

from __future__ import annotations

import re
from collections.abc import Iterator

from imrparse.read.free_text.brackets import Piece, split_outside_brackets
from imrparse.read.free_text.sentences import SentenceEnds

__all__ = ["read_diagnoses", "read_medications"]

# Phrases that introduce a list of diagnoses or medications. A singular lead ("the
# current diagnosis is documented as") introduces one entry: its commas belong to the
# diagnosis ("dislocation, shoulder"). Each phrase is tried only where its anchor word
# occurs (a plain substring search), which keeps the scan of a long summary fast.
_DIAGNOSES = re.compile(
    r"diagnoses(?: (?:include[sd]?|are|were)(?: documented as)?|:| of)"
    r"|diagnos[ie]s (?:that|which) include[sd]?"
    r"|diagnosed (?:with|as having|as)",
    re.IGNORECASE,
)
_DIAGNOSIS = re.compile(r"diagnosis (?:is|was)(?: documented as)?|diagnosis of", re.IGNORECASE)
_DIAGNOSIS_ANCHOR = re.compile("iagnos")
_MEDICATIONS = re.compile(
    r"medications?(?: list| regimen)? (?:(?:have |has )?include[sd]?|listed|including"
    r"|(?:are|were) (?:noted|reported|documented|listed|stated) (?:to include|as|to be)"
    r"|are|were|of)"
    r"|(?:was|is) (?:currently )?taking",
    re.IGNORECASE,
)
_MEDICATION_ANCHOR = re.compile(r"edication|(?:was|is) (?:currently )?taking")
_LEAD_END = re.compile(r"\s*:?\s*")
# What a list says when it lists nothing.
_NOTHING = re.compile(
    r"^(?:none|no medications?|not (?:provided|listed|documented)|unknown|list not provided)\.?$",
    re.IGNORECASE,
)
_LETTER_MARKER = re.compile(r"\(([a-z])\)")
# How far the next "(b)" may be from "(a)" and still belong to the same list.
_MARKER_REACH = 600
# The longest list a lead may introduce: keeps a summary with no sentence ends linear.
_LONGEST_LIST = 2000
_AND = re.compile(r"\s+and\s+")
_LEADING_AND = re.compile(r"(?:and|or)\s+", re.IGNORECASE)


def read_diagnoses(summary: str) -> tuple[Piece, ...]:
    """Every diagnosis the summary lists, in order, each once, with where it is.

    >>> [d for d, _, _ in read_diagnoses("Diagnoses included lumbago, and anxiety. He")]
    ['lumbago', 'anxiety']
    >>> read_diagnoses("The current diagnosis is documented as dislocation, shoulder. The")
    (('dislocation, shoulder', 39, 60),)
    """
    leads = list(_leads(summary, _DIAGNOSIS_ANCHOR, _DIAGNOSES, _DIAGNOSIS))
    return _collect(summary, leads, split_and=False)


def read_medications(summary: str) -> tuple[Piece, ...]:
    """Every current medication the summary lists, as written, each once, with where it is.

    >>> [m for m, _, _ in read_medications("Current medications include Norco 7.5-325mg and Soma.")]
    ['Norco 7.5-325mg', 'Soma']
    """
    leads = list(_leads(summary, _MEDICATION_ANCHOR, _MEDICATIONS, None))
    return _collect(summary, leads, split_and=True)


def _leads(
    text: str, anchor: re.Pattern[str], plural: re.Pattern[str], singular: re.Pattern[str] | None
) -> Iterator[tuple[int, int, bool]]:
    """Each lead phrase in ``text``: (start, end of the phrase, whether it leads a list)."""
    for found in anchor.finditer(text):
        # The phrase starts one character before "iagnos"/"edication", or at "was taking".
        start = found.start() - (0 if found.group().endswith("taking") else 1)
        if start < 0 or (start and text[start - 1].isalnum()):
            continue
        for pattern, is_list in ((plural, True), (singular, False)):
            match = pattern.match(text, start) if pattern is not None else None
            if match:
                yield start, _LEAD_END.match(text, match.end()).end(), is_list  # type: ignore[union-attr]
                break


def _collect(
    summary: str, leads: list[tuple[int, int, bool]], *, split_and: bool
) -> tuple[Piece, ...]:
    entries: dict[str, Piece] = {}
    ends = SentenceEnds(summary)
    for index, (_, start, is_list) in enumerate(leads):
        # A list stops at its sentence end, at the next lead, and at a length no real
        # list reaches: each part of the summary is read a bounded number of times.
        limit = min(
            leads[index + 1][0] if index + 1 < len(leads) else len(summary),
            start + _LONGEST_LIST,
        )
        for entry in _entries(summary, start, limit, ends, is_list=is_list, split_and=split_and):
            text = entry[0]
            if text and text not in entries and not _NOTHING.match(text):
                entries[text] = entry
    return tuple(entries.values())


def _entries(
    text: str, start: int, limit: int, ends: SentenceEnds, *, is_list: bool, split_and: bool
) -> Iterator[Piece]:
    marker = _LETTER_MARKER.match(text, start)
    if marker and marker.group(1) == "a":
        yield from _lettered(text, start, limit, ends)
        return
    end = min(ends.after(start), limit)
    if not is_list:
        yield _located(text, start, end)
        return
    yield from _split_list(text, start, end, split_and=split_and)


def _lettered(text: str, start: int, limit: int, ends: SentenceEnds) -> Iterator[Piece]:
    """``(a) ... (b) ...``: the whole text between markers, one entry per letter.

    An entry may hold sentence ends of its own (``(a) lumbar sprain. An MRI revealed
    ...; (b) ...``), so it runs to the next marker when that is in reach; the last entry
    runs to the end of its sentence.
    """
    content = start + len("(a)")
    letter = "a"
    while letter < "z":
        following = f"({chr(ord(letter) + 1)})"
        found = text.find(following, content, min(content + _MARKER_REACH, limit))
        if found == -1:
            yield _located(text, content, min(ends.after(content), limit))
            return
        yield _located(text, content, found)
        content = found + len(following)
        letter = chr(ord(letter) + 1)


def _split_list(text: str, start: int, end: int, *, split_and: bool) -> Iterator[Piece]:
    bounds = split_outside_brackets(text, start, end)
    if not bounds:
        return
    last_start, last_end = bounds[-1]
    last = text[last_start:last_end]
    if (len(bounds) > 1 or split_and) and not _LEADING_AND.match(last.strip()):
        # "a, b and c": no serial comma, so the last "and" separates two entries.
        joint = _AND.search(last)
        if joint:
            bounds[-1:] = [
                (last_start, last_start + joint.start()),
                (last_start + joint.end(), last_end),
            ]
    for piece_start, piece_end in bounds:
        yield _located(text, piece_start, piece_end)


def _located(text: str, start: int, end: int) -> Piece:
    """The cleaned entry in ``text[start:end]`` and where it is."""
    raw = text[start:end]
    leading = len(raw) - len(raw.lstrip())
    conjunction = _LEADING_AND.match(raw, leading)
    if conjunction:
        leading = conjunction.end()
    entry = _clean(raw[leading:])
    return entry, start + leading, start + leading + len(entry)


def _clean(entry: str) -> str:
    """Collapse spaces; drop trailing separators, a final full stop and a dangling "and"."""
    words = entry.split()
    while words:
        stripped = words[-1].rstrip(",;.")
        if stripped.lower() in {"", "and", "or"}:
            words.pop()
        elif stripped != words[-1]:
            words[-1] = stripped
        else:
            break
    return " ".join(words)
