"""Diagnoses and medications: the lists a case summary introduces with a fixed phrase."""

from __future__ import annotations

import re
from collections.abc import Iterator

from imrparse.extract.sentences import sentence_end

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
_AND = re.compile(r"\s+and\s+")
_LEADING_AND = re.compile(r"^(?:and|or)\s+", re.IGNORECASE)


def read_diagnoses(summary: str) -> tuple[str, ...]:
    """Every diagnosis the summary lists, in order, each once.

    >>> read_diagnoses("Current diagnoses included lumbago, thoracic pain, and anxiety. He")
    ('lumbago', 'thoracic pain', 'anxiety')
    >>> read_diagnoses("The current diagnosis is documented as dislocation, shoulder. The")
    ('dislocation, shoulder',)
    """
    leads = list(_leads(summary, _DIAGNOSIS_ANCHOR, _DIAGNOSES, _DIAGNOSIS))
    return _collect(summary, leads, split_and=False)


def read_medications(summary: str) -> tuple[str, ...]:
    """Every current medication the summary lists, as written, each once.

    >>> read_medications("Current medications include Norco 7.5-325mg and Soma 350mg.")
    ('Norco 7.5-325mg', 'Soma 350mg')
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
) -> tuple[str, ...]:
    entries: list[str] = []
    for _, end, is_list in leads:
        for entry in _entries(summary, end, is_list=is_list, split_and=split_and):
            if entry and entry not in entries and not _NOTHING.match(entry):
                entries.append(entry)
    return tuple(entries)


def _entries(text: str, start: int, *, is_list: bool, split_and: bool) -> Iterator[str]:
    marker = _LETTER_MARKER.match(text, start)
    if marker and marker.group(1) == "a":
        yield from _lettered(text, start)
        return
    end = sentence_end(text, start)
    if not is_list:
        yield _clean(text[start:end])
        return
    yield from _split_list(text[start:end], split_and=split_and)


def _lettered(text: str, start: int) -> Iterator[str]:
    """``(a) ... (b) ...``: the whole text between markers, one entry per letter.

    An entry may hold sentence ends of its own (``(a) lumbar sprain. An MRI revealed
    ...; (b) ...``), so it runs to the next marker when that is in reach; the last entry
    runs to the end of its sentence.
    """
    content = start + len("(a)")
    letter = "a"
    while letter < "z":
        following = f"({chr(ord(letter) + 1)})"
        found = text.find(following, content, content + _MARKER_REACH)
        if found == -1:
            yield _clean(text[content : sentence_end(text, content)])
            return
        yield _clean(text[content:found])
        content = found + len(following)
        letter = chr(ord(letter) + 1)


def _split_list(text: str, *, split_and: bool) -> Iterator[str]:
    pieces = _split_outside_parentheses(text)
    if (len(pieces) > 1 or split_and) and not _LEADING_AND.match(pieces[-1].strip()):
        # "a, b and c": no serial comma, so the last "and" separates two entries.
        *head, last = pieces
        pieces = [*head, *_AND.split(last, maxsplit=1)]
    for piece in pieces:
        yield _clean(_LEADING_AND.sub("", piece.strip()))


def _split_outside_parentheses(text: str) -> list[str]:
    pieces: list[str] = []
    depth = 0
    current = 0
    for index, char in enumerate(text):
        if char in "([":
            depth += 1
        elif char in ")]" and depth:
            depth -= 1
        elif char in ",;" and depth == 0:
            pieces.append(text[current:index])
            current = index + 1
    pieces.append(text[current:])
    return [piece for piece in pieces if piece.strip()]


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
