"""One diagnosis list, cut into its conditions.

A summary writes its diagnoses as a list whose separators are not always separators:

- ``;`` always ends a condition;
- ``,`` ends one, unless what follows only names a site or an ICD qualifier
  (``dislocation, shoulder``; ``dorsalgia, unspecified``; ``strain of muscle, fascia and
  tendon at neck level``), which belongs to the condition before it;
- `` and `` ends one only between two whole conditions (``neck muscle strain and right
  shoulder muscle strain``), not where the two sides share a site (``right wrist and right
  hand sprain``, ``cervical and lumbar spine strain``, ``wrist tendinitis and bursitis``);
- a second ``status post`` starts a condition of its own.

Whether a word names a condition or a site comes from the small vocabularies of
:mod:`imrparse.read.free_text.vocabulary`; a word in neither list is read as part of a condition,
so an unknown condition between commas is still a condition of its own.
"""

from __future__ import annotations

import re
from typing import NamedTuple

import attrs

from imrparse.read.free_text.brackets import outside_brackets
from imrparse.read.free_text.vocabulary import (
    SITE_WORDS,
    fold_case,
    is_condition_word,
    is_standalone_condition,
    words,
)

__all__ = ["split_conditions"]

_LEADING_AND = re.compile(r"\s*(?:and|or)\s+", re.IGNORECASE)
_STATUS_POST = re.compile(r"\bstatus post\b", re.IGNORECASE)
# What _comma_pieces looks at: separators, brackets, and a space before "and " (in any
# case): the joint of two parts. (Written as one character class first, the engine leaps
# to the next such character instead of trying two alternatives at every one.)
_LIST_MARKS = re.compile(r"[][(),;\s](?:(?<=[][(),;])|(?=[aA][nN][dD] ))")

# (start, end) of part of the text.
_Bounds = tuple[int, int]


def split_conditions(text: str, start: int, end: int) -> list[_Bounds]:
    """The ``(start, end)`` of each condition listed in ``text[start:end]``, in order.

    >>> text = "strain of muscle, fascia and tendon at neck level, and lumbago and anxiety"
    >>> [text[a:b] for a, b in split_conditions(text, 0, len(text))]
    ['strain of muscle, fascia and tendon at neck level', 'lumbago', 'anxiety']
    """
    pieces = _comma_pieces(text, start, end)
    if len(pieces) == 1 and not pieces[0][4]:
        # One piece with no joint (many lists): it is one condition, or none if blank,
        # and its words need no reading.
        return _status_posts_of(text, start, end, pieces[0][3])
    entries: list[_Entry] = []
    for piece_start, piece_end, separator, bounds, joined in pieces:
        segments = [_part(text, a, b) for a, b in bounds]
        if not segments:
            continue
        joined_by_and = False
        if entries and separator == ",":
            current = entries[-1]
            # A piece with no joint is its one part, but for the space before it.
            piece = _part(text, piece_start, piece_end) if joined else segments[0]
            if piece.only_sites:
                current.extend(piece)
                continue
            if not _ends_with_condition(current.last.words):
                # "strain of unspecified muscle, fascia and tendon at ... level": the
                # site words after the comma complete the open condition.
                merged = 0
                while merged < len(segments) and segments[merged].only_sites:
                    merged += 1
                for segment in segments[:merged]:
                    current.extend(segment)
                segments = segments[merged:]
                joined_by_and = merged > 0
        for index, segment in enumerate(segments):
            if entries and (index or joined_by_and):
                current = entries[-1]
                if not _splits_at_and(text, current.only_sites, current.last, segment):
                    current.extend(segment)
                    continue
            entries.append(_Entry(segment.start, segment.end, segment.only_sites, segment))
    return _status_posts_of(text, start, end, [(entry.start, entry.end) for entry in entries])


def _status_posts_of(text: str, start: int, end: int, conditions: list[_Bounds]) -> list[_Bounds]:
    """``conditions``, found in ``text[start:end]``, each cut where a "status post" starts."""
    if "status post" not in fold_case(text[start:end]):
        return conditions  # most lists: no regex needed
    found: list[_Bounds] = []
    for condition_start, condition_end in conditions:
        found.extend(_status_posts(text, condition_start, condition_end))
    return found


class _Part(NamedTuple):
    """A part of the list (a piece between commas, or a side of an "and"), read once."""

    start: int
    end: int
    #: Its words, as :func:`~imrparse.read.free_text.vocabulary.words` gives them.
    words: list[str]
    #: It has words, and names only a site ("right wrist").
    only_sites: bool


# A _Part made without its Python-level __new__ (several parts a list).
_new_part = tuple.__new__


def _part(text: str, start: int, end: int) -> _Part:
    found = words(text[start:end])
    only_sites = bool(found) and SITE_WORDS.issuperset(found)
    return _new_part(_Part, (start, end, found, only_sites))


@attrs.define
class _Entry:
    """The condition being read: where it is, and what its parts were so far."""

    start: int
    end: int
    #: Every part so far names only a site ("right wrist"): no condition yet.
    only_sites: bool
    #: The last part added, the left side of a following " and ".
    last: _Part

    def extend(self, part: _Part) -> None:
        self.end = part.end
        self.only_sites = self.only_sites and part.only_sites
        self.last = part


def _comma_pieces(
    text: str, start: int, end: int
) -> list[tuple[int, int, str, list[_Bounds], bool]]:
    """Pieces between top-level ``,`` / ``;``, with the separator before each, and parts.

    The parts of a piece are those between its top-level `` and `` words (as
    :func:`_and_segments` gives them), and whether it has such a word comes last; one
    regex scan finds the separators, brackets and joints of the whole list.
    """
    raw: list[tuple[int, int, list[int]]] = []
    current = start
    joints: list[int] = []
    for found in outside_brackets(_LIST_MARKS.finditer(text, start, end + 4)):
        index = found.start()
        if index >= end:
            break  # a joint's "and " may reach past ``end``: nothing else does
        char = found.group()
        if char in ",;":
            raw.append((current, index, joints))
            current, joints = index + 1, []
        elif not char.isspace():
            continue  # a bracket that closes nothing, and cuts nothing here
        else:
            joints.append(index)
    raw.append((current, end, joints))
    pieces = []
    for piece_start, piece_end, piece_joints in raw:
        # A blank piece has no parts: split_conditions passes over it.
        before = ""
        if piece_start > start:
            before = text[piece_start - 1]
            conjunction = _LEADING_AND.match(text, piece_start, piece_end)
            if conjunction:
                piece_start = conjunction.end()
        segments = _and_segments(text, piece_start, piece_end, piece_joints)
        pieces.append((piece_start, piece_end, before, segments, bool(piece_joints)))
    return pieces


def _and_segments(text: str, start: int, end: int, joints: list[int]) -> list[_Bounds]:
    """The parts of ``text[start:end]`` between the `` and `` words at ``joints``."""
    segments = []
    current = start
    # The "and " of a joint is skipped, as in a plain scan.
    skipped = start
    for index in joints:
        if index < skipped:
            continue
        # Each part without the space before it; a blank part is none.
        part = text[current:index].lstrip()
        if part:
            segments.append((index - len(part), index))
        current = skipped = index + 5
    part = text[current:end].lstrip()
    if part:
        segments.append((end - len(part), end))
    return segments


def _has_condition(text: str, part: _Part) -> bool:
    # The part cut out, so that its start reads as the start of a text.
    return any(is_condition_word(word) for word in part.words) or bool(
        _STATUS_POST.search(text[part.start : part.end])
    )


def _ends_with_condition(found: list[str]) -> bool:
    return bool(found) and is_condition_word(found[-1])


def _splits_at_and(text: str, only_sites: bool, left: _Part, right: _Part) -> bool:
    """Whether `` and `` between ``left`` and ``right`` separates two conditions.

    ``only_sites`` says whether the condition read so far, which ends with ``left``,
    names only a site.
    """
    left_words, right_words = left.words, right.words
    if not left_words or not right_words or only_sites:
        return False  # "right wrist and right hand sprain": the site is shared
    if not (is_condition_word(left_words[-1]) or _has_condition(text, right)):
        return False  # "muscle, fascia and tendon": one anatomical list
    if len(right_words) == 1:
        # "lumbago and anxiety", "thoracic pain and anxiety"; but "right knee contusion
        # and injury" shares its site.
        return len(left_words) == 1 or is_standalone_condition(right_words[0])
    first = right_words[0]
    # "sprain and strain of the lumbar spine": two heads share one complement, which
    # a standalone condition ("anxiety and strain of ...") never does.
    return not (
        len(left_words) == 1
        and is_condition_word(left_words[0])
        and not is_standalone_condition(left_words[0])
        and is_condition_word(first)
        and not is_standalone_condition(first)
    )


def _status_posts(text: str, start: int, end: int) -> list[_Bounds]:
    """``status post X status post Y`` is two conditions."""
    if "status post" not in fold_case(text[start:end]):
        return [(start, end)]  # most conditions: no regex needed
    cuts = [
        start + match.start()
        for match in _STATUS_POST.finditer(text[start:end])
        if text[start : start + match.start()].strip()
    ]
    bounds = []
    current = start
    for cut in cuts:
        bounds.append((current, cut))
        current = cut
    bounds.append((current, end))
    return bounds
