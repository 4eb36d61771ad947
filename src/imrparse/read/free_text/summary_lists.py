"""Diagnoses and medications: the lists a case summary introduces with a lead-in phrase.

Diagnoses follow every lead-in a summary uses for the worker's conditions ("diagnoses
include", "diagnosed with / as having", "diagnosis is documented as", "being treated for",
"undergoing treatment for", "treated for the diagnoses of"); :mod:`imrparse.read.free_text.
conditions` cuts each list into conditions. Medications follow the lead-ins of a list of
medications ("current medications include", "medication regimen", "was taking") and of
treatments or prescriptions ("treatment to date has included X", "was prescribed X",
"X was prescribed"), where only the entries that look like named drugs count;
:mod:`imrparse.read.free_text.drugs` keeps each drug's name and strength or form.

Every entry passes a plausibility check before it is kept: an entry that reads as a
clause rather than a condition or a drug is left out, with a :class:`Doubt` that says why.
The readers never raise.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from imrparse.models import WarningKind
from imrparse.read.free_text.brackets import Doubt, Piece, split_outside_brackets
from imrparse.read.free_text.conditions import split_conditions
from imrparse.read.free_text.drugs import (
    drug_name_words,
    is_dosing,
    is_drug_class,
    looks_like_drug,
)
from imrparse.read.free_text.sentences import SentenceEnds
from imrparse.read.free_text.vocabulary import SITE_WORDS, fold_case, words

__all__ = ["ListReading", "SummaryScan", "read_diagnoses", "read_medications"]

# The kinds of list a lead-in introduces.
_DIAGNOSES = "diagnoses"
_MEDICATIONS = "medications"
_TREATMENTS = "treatments"

# A raw piece of a list: (start, end, whether it is one entry whatever its commas).
_RawPiece = tuple[int, int, bool]

# Each lead-in starts at an anchor word: _anchors finds them with str.find (this regex
# confirms a verb's phrase), and each lead is tried only there, which keeps the scan of
# a long summary fast.
_ANCHOR = re.compile(
    r"(?=[abdgimprstw])(?:"
    r"diagnos|treat|medication|prescribed|given|started on|received the following"
    r"|(?:was|is|were|are|been) (?:currently |still )?taking"
    r"|(?:was|is|were|are) (?:currently|still) on\b)",
    re.IGNORECASE,
)
# What each alternative of _ANCHOR starts with, in lower case (see _anchors) ...
_ANCHOR_WORDS = (
    "diagnos",
    "treat",
    "medication",
    "prescribed",
    "given",
    "started on",
    "received the following",
)
# ... or, for those that start with a verb, the word after it and what may come before.
_ANCHOR_ENDINGS = (
    (
        "taking",
        tuple(
            f"{verb} {adverb}"
            for verb in ("was", "is", "were", "are", "been")
            for adverb in ("", "currently ", "still ")
        ),
    ),
    ("currently on", ("was ", "is ", "were ", "are ")),
    ("still on", ("was ", "is ", "were ", "are ")),
)
_DIAGNOSIS_LEAD = re.compile(
    r"diagnoses(?: (?:(?:have |has )?include[sd]?|including|are|were|listed as"
    r"|consist(?:s|ed)? of)"
    r"(?: (?:documented|noted|listed|stated|reported) (?:as|to include|to be))?"
    r"|:| of| (?:that|which) include[sd]?)"
    r"|diagnosis(?: (?:is|was|has been)"
    r"(?: (?:documented|noted|listed|stated|reported) (?:as|to be))?"
    r"| of| (?:that|which) include[sd]?| include[sd]?|:)"
    r"|diagnosed (?:with|as having|as|to have)"
    r"|(?:(?<=being )|(?<=been ))treated for(?: (?:the )?diagnos[ie]s of)?"
    r"|treated for (?:the )?diagnos[ie]s of"
    r"|(?:(?<=undergoing )|(?<=under )|(?<=receiving ))treatment for"
    r"(?: (?:the )?diagnos[ie]s of)?",
    re.IGNORECASE,
)
_MEDICATION_LEAD = re.compile(
    r"medications?:"
    r"|medications?(?: list| regimen| prescribed)? (?:(?:have |has )?include[sd]?|listed|including"
    r"|(?:are|were|was|is) (?:noted|reported|documented|listed|stated) (?:to include|as|to be)"
    r"|consist(?:s|ed)? of|are|were|of)"
    r"|(?:was|is|were|are|been) (?:currently |still )?taking",
    re.IGNORECASE,
)
# Lists of treatments and prescriptions: only the entries that look like named drugs.
_TREATMENT_LEAD = re.compile(
    r"treatments?(?: and (?:diagnostics|diagnostic studies|diagnostic testing|evaluation))?"
    r"(?: rendered| to date)? (?:has |have |had )?(?:included|includes?|consist(?:s|ed)? of"
    r"|(?:was|were) noted to include)"
    r"|received the following treatments?"
    r"|(?:(?<=was )|(?<=were )|(?<=been )|(?<=being )|(?<=is ))"
    r"(?:prescribed|given|started on)"
    r"|(?:was|is|were|are) (?:currently|still) on\b",
    re.IGNORECASE,
)
# The three, tried in this order at each anchor: the group that matched names the kind.
# Matched against the summary's fold_case, without re.IGNORECASE: its literals are all
# in lower case, so it matches there where the case-insensitive pattern matches in the
# summary, at the same offsets, and each alternative whose first letter differs is
# passed over at once (the engine cannot do that for a case-insensitive letter).
_LEAD = re.compile(
    f"(?P<{_DIAGNOSES}>{_DIAGNOSIS_LEAD.pattern})|(?P<{_MEDICATIONS}>{_MEDICATION_LEAD.pattern})"
    f"|(?P<{_TREATMENTS}>{_TREATMENT_LEAD.pattern})"
)
# "Naprosyn was prescribed.": the drug comes before the verb.
_PRESCRIBED_AFTER = re.compile(r"(?:was|were) (?:prescribed|dispensed|refilled|renewed)\b")
_OBJECTLESS = re.compile(r"\s*(?:[.;,]|\Z|(?:at|on|in|by|for|to|with|during|as)\b)")
_LEAD_END = re.compile(r"\s*:?\s*(?:the following(?: medications| treatments)?\s*:?\s*)?")
_NO_BEFORE = re.compile(r"\b(?:no|denies|denied|without)\s+(?:current\s+|other\s+)?\Z", re.I)
# What a list says when it lists nothing.
_NOTHING = re.compile(
    r"^(?:none(?: listed| reported| noted)?|no medications?|n/?a|unknown|list not provided"
    r"|unclear|pending|deferred|undetermined"
    r"|not (?:provided|listed|documented|specified|noted|available|given|reported|known"
    r"|clear))\.?$",
    re.IGNORECASE,
)
# What each of those starts with, in either case (none of these letters has another form
# under re.IGNORECASE).
_NOTHING_FIRST = frozenset("nNuUlLpPdD")
# The first marker of a lettered or numbered list: "(a)", "1.", "1)", "(1)".
_MARKER = re.compile(r"\(a\)|(?:\(1\)|1[.)])(?=\s)")
_MARKER_FIRST = ("(a)", "(1)", "1.", "1)")
_MOST_NUMBERED = 30
# How far the next "(b)" may be from "(a)" and still belong to the same list.
_MARKER_REACH = 600
# The longest list a lead may introduce: keeps a summary with no sentence ends linear.
_LONGEST_LIST = 2000
_AND = re.compile(r"\s+and\s+", re.IGNORECASE)
# What an entry may start with and is not part of it: space, "and" or "or", an article.
_ENTRY_START = re.compile(r"\s*(?:(?:and|or)\s+)?(?:(?:a|an|the|his|her|their)\s+)?", re.IGNORECASE)
# The letters those words start with, in either case (none has another form under
# re.IGNORECASE).
_ENTRY_START_FIRST = frozenset("aAoOtThH")
# A list piece that starts a clause: the list ended before it. Matched against the
# piece's fold_case, without re.IGNORECASE (its literals are all in lower case; see
# _LEAD): four times faster.
_CLAUSE = re.compile(
    r"(?:he|she|they|it|which|who|whom|whose|where|when|while|although|though|but|however"
    r"|per|according|as (?:well|noted|per|documented|reported)"
    r"|was|were|is|are|has|had|have|been|being|treated|placed|referred|given|prescribed"
    r"|started|underwent|received|seen|evaluated|scheduled|advised|instructed"
    r"|recommended|noted|reported|stated|complained|returned|continued|remained"
    r"|denied|presented"
    r"|(?:the )?(?:(?:attending|treating|primary|requesting|reviewing) )?"
    r"(?:provider|physician|doctor|clinician|surgeon|note|records?|report))\b"
)
# What a match of _CLAUSE starts with: the first letters of its words, in either case,
# and the three characters re.IGNORECASE also matches to "i" or "s" (see
# vocabulary.fold_case). Most entries ("lumbar strain", "Motrin") start with none.
_CLAUSE_FIRST = frozenset("abcdeghinprstuwABCDEGHINPRSTUW\u0130\u0131\u017f")
# Words of a clause, not of a condition or a drug's name.
_VERBS = frozenset(
    [
        "is",
        "was",
        "were",
        "are",
        "has",
        "had",
        "have",
        "been",
        "being",
        "be",
        "reported",
        "noted",
        "stated",
        "complained",
        "indicated",
        "revealed",
        "showed",
        "documented",
        "denied",
        "presented",
        "underwent",
        "says",
        "said",
    ]
)
# What may follow a condition and is not part of it: a status ("... with a colon
# resection now recovering well"), by whom it was found ("by Dr. Smith", "per the
# PR-2"), or a clause joined on with "and" ("lumbar strain and was given Motrin"). Each
# is written "\s+" or ",?\s+" and the words: its first character, a space or a comma,
# is taken first, so that the search leaps from one of those to the next (an opening
# "\s+" is tried at every character, ten times slower); the lookbehinds then tell which
# it was.
_TAIL = re.compile(
    r"[\s,](?:"
    r"(?<=\s)\s*(?:now|currently) (?:recovering|improving|resolving|resolved|healing|healed"
    r"|stable|doing)\b"
    r"|(?:(?<=,)\s|(?<=\s))\s*"
    r"(?:by (?:dr\b|the |his |her |a |an )|per (?:the |his |her |a |an |dr\b)"
    r"|and (?:was|were|is|are|has|had|have|been|treated|placed|referred|given"
    r"|prescribed|started|underwent|received|seen|evaluated|scheduled|advised|instructed"
    r"|recommended|returned|continued|remained)\b))",
    re.IGNORECASE,
)
# The word each tail starts with, in lower case: each stands as a word of its own (see
# vocabulary.words) in an entry that has a tail (none of their letters has another form
# under re.IGNORECASE than its capital).
_TAIL_WORDS = frozenset(["now", "currently", "by", "per", "and"])
# Words a list entry does not end with: the start of what follows it.
_DANGLING = frozenset(["", "and", "or", "was", "were", "is", "are", "has", "had", "have", "been"])
# A lower-case word ending in -ing or -ed first, or one ending in -ing or -ly anywhere,
# makes a clause ("continued", "reportedly helping"), not a drug's name.
_PARTICIPLE = re.compile(r"[a-z]{2,30}(?:ing|ed)\b|.{0,60}?\b[a-z]{2,30}(?:ing|ly)\b")
# The longest plausible condition and drug, in words.
_LONGEST_CONDITION = 25
_LONGEST_DRUG = 6


# A named tuple, not an attrs class: made twice for each summary, and a tuple is made
# several times faster (the transformer reads its fields by name).
class ListReading(NamedTuple):
    """The entries a reader kept, each with where it is, and what it left out or doubts."""

    #: Each entry once, in order: (text, start, end) in the summary.
    entries: tuple[Piece, ...]
    #: Entries left out (or kept with doubt) by the plausibility check.
    doubts: tuple[Doubt, ...] = ()

    def texts(self) -> tuple[str, ...]:
        """The entries' texts, in order."""
        return tuple(text for text, _, _ in self.entries)


class SummaryScan:
    """Where one summary's sentences end and its lists' lead-ins are, found once.

    The readers of a summary (diagnoses, medications, the claimant) all need its
    sentence ends, and both list readers its lead-ins: a caller that runs several of
    them makes one scan and hands it to each, instead of each finding them again. A scan
    belongs to the one call that made it; it is never changed after it is made.

    >>> scan = SummaryScan("Diagnoses include lumbago. Current medications include Soma.")
    >>> read_diagnoses(scan.text, scan).texts(), read_medications(scan.text, scan).texts()
    (('lumbago',), ('Soma',))
    """

    __slots__ = ("ends", "folded", "leads", "text")

    def __init__(self, summary: str) -> None:
        #: The summary scanned.
        self.text = summary
        #: Its sentence ends.
        self.ends = SentenceEnds(summary)
        #: Its case fold (``vocabulary.fold_case``), which the claimant's reader takes too.
        self.folded = fold_case(summary)
        #: Its lead-ins, as :func:`_leads` gives them.
        self.leads: tuple[tuple[int, int, str], ...] = tuple(_leads(summary, self.folded))


def read_diagnoses(summary: str, scan: SummaryScan | None = None) -> ListReading:
    """Every diagnosis the summary lists, in order, each once, with where it is.

    >>> read_diagnoses("Diagnoses included lumbago, and anxiety. He").texts()
    ('lumbago', 'anxiety')
    >>> read_diagnoses("The current diagnosis is documented as dislocation, shoulder. The")
    ListReading(entries=(('dislocation, shoulder', 39, 60),), doubts=())
    >>> read_diagnoses("He is being treated for a neck muscle strain and right shoulder "
    ...     "muscle strain.").texts()
    ('neck muscle strain', 'right shoulder muscle strain')

    ``scan``, when given, is :class:`SummaryScan` of the same ``summary``.
    """
    return _read(summary, _DIAGNOSES, scan)


def read_medications(summary: str, scan: SummaryScan | None = None) -> ListReading:
    """Every medication the summary lists, as written, each once, with where it is.

    >>> read_medications("Current medications include Norco 7.5-325mg and Soma.").texts()
    ('Norco 7.5-325mg', 'Soma')
    >>> read_medications("She was taking NSAIDs and oxycodone for chronic low back pain.").texts()
    ('oxycodone',)
    >>> read_medications("Treatment to date has included x-rays, therapy and Celebrex.").texts()
    ('Celebrex',)

    ``scan``, when given, is :class:`SummaryScan` of the same ``summary``.
    """
    return _read(summary, _MEDICATIONS, scan)


def _read(summary: str, wanted: str, scan: SummaryScan | None) -> ListReading:
    if scan is None:
        scan = SummaryScan(summary)
    elif scan.text != summary:
        raise ValueError("the scan is of another summary")
    ends, leads = scan.ends, scan.leads
    entries: dict[str, Piece] = {}
    doubts: list[Doubt] = []
    for index, (_, start, kind) in enumerate(leads):
        if (kind == _DIAGNOSES) != (wanted == _DIAGNOSES):
            continue
        # A list stops at its sentence end, at the next lead, and at a length no real
        # list reaches: each part of the summary is read a bounded number of times.
        limit = min(
            leads[index + 1][0] if index + 1 < len(leads) else len(summary),
            start + _LONGEST_LIST,
        )
        if kind == "before":
            # From the start of the sentence, but not before the previous lead nor
            # further back than the longest list.
            earliest = max(start - _LONGEST_LIST, leads[index - 1][1] if index else 0)
            pieces = _list_pieces(summary, max(ends.before(start), earliest), start, ends)
            kind = _TREATMENTS
        else:
            # (It matches at any place, and takes nothing where no space, colon or "the
            # following" comes first.)
            start = _LEAD_END.match(summary, start).end()  # type: ignore[union-attr]
            pieces = _list_pieces(summary, start, limit, ends)
        for piece_start, piece_end, whole in pieces:
            _entries(summary, piece_start, piece_end, whole, kind, entries, doubts)
    return ListReading(tuple(entries.values()), tuple(doubts))


def _leads(text: str, folded: str) -> list[tuple[int, int, str]]:
    """Each lead in ``text``: (start, end of the phrase, kind of list), in order.

    ``folded`` is ``fold_case(text)``.

    The kind ``"before"`` is a prescription whose drugs come before it in its sentence;
    its (start, end) is the verb's.
    """
    found = []
    covered = 0
    for start in _anchors(text, folded):
        if start < covered or (start and text[start - 1].isalnum()):
            continue
        match = _LEAD.match(folded, start)
        if match is None or _negated(text, folded, start):
            continue
        kind = str(match.lastgroup)  # every alternative of _LEAD is a named group
        covered = match.end()
        if kind == _TREATMENTS and match.group().startswith("prescribed"):
            verb = _PRESCRIBED_AFTER.search(text, max(0, start - 5), covered)
            if verb is not None and _OBJECTLESS.match(text, covered):
                found.append((verb.start(), verb.start(), "before"))
                continue
        found.append((start, covered, kind))
    return found


def _negated(text: str, folded: str, start: int) -> bool:
    """Whether "no", "denies" or "without" comes right before ``start``."""
    before = max(0, start - 20)
    # The words of _NO_BEFORE, in lower case: most lead-ins have none of them before.
    words_before = folded[before:start]
    if "no" not in words_before and "deni" not in words_before and "without" not in words_before:
        return False
    return _NO_BEFORE.search(text, before, start) is not None


def _anchors(text: str, folded: str) -> list[int]:
    """Where each match of ``_ANCHOR.finditer(text)`` starts, in order, found faster.

    ``str.find`` on the case-folded text finds every place an anchor may start (a few
    microseconds, where the regex scan of a whole summary takes a hundred), skipping
    those inside the previous match as ``finditer`` does. ``folded`` is :func:`fold_case`
    of ``text``.
    """
    # (start, end) of each match: a word of _ANCHOR_WORDS found is the match itself
    # (fold_case finds it where the regex would, and no alternative before it starts
    # with its letter); a verb's phrase is confirmed by _ANCHOR ("on" ends a word).
    places = []
    for word in _ANCHOR_WORDS:
        at = folded.find(word)
        while at != -1:
            places.append((at, at + len(word)))
            at = folded.find(word, at + 1)
    for word, prefixes in _ANCHOR_ENDINGS:
        at = folded.find(word)
        while at != -1:
            for prefix in prefixes:
                if len(prefix) <= at and folded.startswith(prefix, at - len(prefix)):
                    match = _ANCHOR.match(text, at - len(prefix))
                    if match is not None:
                        places.append(match.span())
            at = folded.find(word, at + 1)
    places.sort()
    confirmed = []
    reached = 0
    for start, end in places:
        if start >= reached:  # also each place found twice once only
            confirmed.append(start)
            reached = end
    return confirmed


def _list_pieces(text: str, start: int, limit: int, ends: SentenceEnds) -> list[_RawPiece]:
    """The raw pieces of the list that starts at ``start``: marked, or to its sentence end."""
    marker = _MARKER.match(text, start) if text.startswith(_MARKER_FIRST, start) else None
    if marker:
        return list(_marked(text, marker, limit, ends))
    end = min(ends.after(start), limit)
    return [(start, end, False)]


def _marked(text: str, first: re.Match[str], limit: int, ends: SentenceEnds) -> Iterator[_RawPiece]:
    """``(a) ... (b) ...`` or ``1. ... 2. ...``: the text after each marker, one piece each.

    Text between markers may hold sentence ends of its own (``(a) lumbar sprain. An MRI
    revealed ...; (b) ...``; ``1. Cervical strain. 2. ...``), so the next marker is looked
    for in reach past them; each entry ends at the next marker or at its first sentence
    end, whichever comes first (a finding glued on after a full stop is not part of it).
    """
    if first.group() == "(a)":
        markers = [(f"({chr(letter)})", False) for letter in range(ord("b"), ord("z") + 1)]
    else:
        style = first.group().replace("1", "{}")
        markers = [(style.format(number), True) for number in range(2, _MOST_NUMBERED + 1)]
    content = first.end()
    for following, numbered in markers:
        window = min(content + _MARKER_REACH, limit)
        if numbered:
            # "2." must stand alone: not the "2.5" of "2.5 mm".
            found_at = re.compile(rf"(?<!\S){re.escape(following)}(?=\s)").search(
                text, content, window
            )
            found = found_at.start() if found_at else -1
        else:
            found = text.find(following, content, window)
        if found == -1:
            break
        yield content, min(found, _sentence_end(text, content, ends)), True
        content = found + len(following)
    # A lettered entry is one entry whatever its commas.
    yield content, min(_sentence_end(text, content, ends), limit), True


def _sentence_end(text: str, start: int, ends: SentenceEnds) -> int:
    """The end of the sentence the entry at ``start`` begins (a marker's "1." is none)."""
    while start < len(text) and text[start].isspace():
        start += 1
    return ends.after(start)


def _entries(
    text: str,
    start: int,
    end: int,
    whole: bool,
    kind: str,
    kept: dict[str, Piece],
    doubts: list[Doubt],
) -> None:
    """Keep the entries of one raw piece of a list, cleaned and checked, in ``kept``.

    ``kept`` holds each entry once, under its text in lower case: the first found stays.
    """
    if whole:
        splits = [(start, end)]
    elif kind == _DIAGNOSES:
        splits = split_conditions(text, start, end)
    else:
        splits = _medication_splits(text, start, end)
    for entry_start, entry_end in splits:
        # Where the entry starts: no leading space, "and" or article (most entries start
        # with none of them but a space, and need no regex; str.lstrip and the regex's
        # \s skip the same characters, and so does the str.split of _clean).
        entry = text[entry_start:entry_end].lstrip()
        entry_start = entry_end - len(entry)
        if entry[:1] in _ENTRY_START_FIRST:
            after = _ENTRY_START.match(text, entry_start, entry_end).end()  # type: ignore[union-attr]
            if after != entry_start:
                entry_start, entry = after, text[after:entry_end]
        entry = _clean(entry)
        if not entry or (entry[0] in _NOTHING_FIRST and _NOTHING.match(entry)):
            continue
        if entry[0] in _CLAUSE_FIRST and _CLAUSE.match(fold_case(entry)):
            return  # "..., the attending provider noted": the list is over
        if kind == _DIAGNOSES:
            found = _condition(entry, entry_start, doubts)
        else:
            found = _drug(entry, entry_start, kind, doubts)
        if found is not None:
            kept.setdefault(found[0].lower(), found)


def _medication_splits(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``(start, end)`` of each entry of a list of medications or treatments."""
    pieces = split_outside_brackets(text, start, end)
    folded = fold_case(text[start:end])
    if "and" not in folded:
        return pieces  # most lists: no regex needed
    bounds: list[tuple[int, int]] = []
    for piece_start, piece_end in pieces:
        if folded.find("and", piece_start - start, piece_end - start) == -1:
            bounds.append((piece_start, piece_end))  # most pieces: no regex needed
            continue
        # A medication's name holds no " and ": "Ibuprofen and Soma" is two.
        current = piece_start
        for joint in _AND.finditer(text, piece_start, piece_end):
            bounds.append((current, joint.start()))
            current = joint.end()
        bounds.append((current, piece_end))
    return bounds


def _condition(entry: str, start: int, doubts: list[Doubt]) -> Piece | None:
    end = start + len(entry)
    found = words(entry)
    # Every tail starts with one of these words: most conditions hold none of them.
    if not _TAIL_WORDS.isdisjoint(found):
        tail = _TAIL.search(entry)
        if tail:
            entry, end = entry[: tail.start()], start + tail.start()
            found = words(entry)
    why = None
    if len(found) > _LONGEST_CONDITION or not _VERBS.isdisjoint(found):
        why = "it reads as a clause, not a condition"
    elif SITE_WORDS.issuperset(found):
        why = "it names only a site, not a condition"
    if why is not None:
        doubts.append(
            Doubt(
                WarningKind.UNREADABLE_VALUE,
                "diagnoses",
                f"left out {_short(entry)!r}: {why}",
                start,
                end,
            )
        )
        return None
    return entry, start, end


def _drug(entry: str, start: int, kind: str, doubts: list[Doubt]) -> Piece | None:
    tokens = entry.split()  # one word each: a whole entry is clean already (see _entries)
    count = drug_name_words(tokens)
    name = entry  # and says something
    if count < len(tokens):
        name = _clean(" ".join(tokens[:count]))  # the entry up to its dosing words
        if not name or _NOTHING.match(name):
            return None
        tokens = name.split()
    found = words(name)
    if kind == _TREATMENTS:
        if not looks_like_drug(name, found, tokens):
            return None  # x-rays, therapy; or a class (looks_like_drug tells it)
    elif is_drug_class(name, found):
        return None  # a class ("NSAIDs")
    if is_dosing(name, tokens):
        return None  # a dose ("1 tablet", "twice daily")
    if len(tokens) > _LONGEST_DRUG or not _VERBS.isdisjoint(found) or _participle(name):
        doubts.append(
            Doubt(
                WarningKind.UNREADABLE_VALUE,
                "medications",
                f"left out {_short(entry)!r}: it reads as a clause, not a drug",
                start,
                start + len(entry),
            )
        )
        return None
    return name, start, start + len(name)


def _participle(name: str) -> bool:
    # Every match holds one of these endings: most names hold none of them.
    return ("ing" in name or "ly" in name or "ed" in name) and _PARTICIPLE.match(name) is not None


def _clean(entry: str) -> str:
    """Collapse spaces; drop trailing separators, a final full stop and a dangling "and"."""
    parts = entry.split()
    while parts:
        stripped = parts[-1].rstrip(",;.:")
        if stripped.lower() in _DANGLING:
            parts.pop()
        elif stripped != parts[-1]:
            parts[-1] = stripped
        else:
            break
    return " ".join(parts)


def _short(entry: str) -> str:
    return entry if len(entry) <= 60 else entry[:57] + "..."
