"""One entry of a medication list: the drug and its strength or form, nothing after.

A summary writes ``oxycodone for chronic low back pain``, ``Hydrocodone-acetaminophen
(since 11-17-2016)``, ``Norco 10/325mg 1 tab every 6 hours``; the medication is the name
and the strength or form written right after it (``Norco 10/325mg``, ``LidoPro
ointment``, ``Tylenol #3``). What follows from the first dosing or purpose word on is left
out. Drug classes (``NSAIDs``, ``a muscle relaxant``, ``pain medications``) are not
medications, and in a list of treatments (``x-rays, physical therapy, and Norco``) only the
entries that look like a named drug are.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from imrparse.read.free_text.vocabulary import DRUG_CLASS_WORDS, TREATMENT_WORDS, words

__all__ = ["drug_name_end", "drug_name_words", "is_dosing", "is_drug_class", "looks_like_drug"]

# Words that start a dosing or purpose clause after a drug's name.
_DOSING_WORDS = frozenset(
    [
        "for",
        "since",
        "at",
        "as",
        "every",
        "per",
        "by",
        "daily",
        "nightly",
        "weekly",
        "twice",
        "once",
        "thrice",
        "bid",
        "tid",
        "qid",
        "qhs",
        "qd",
        "qam",
        "qpm",
        "prn",
        "po",
        "orally",
        "topically",
        "with",
        "until",
        "from",
        "on",
        "in",
        "to",
        "taken",
        "used",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "half",
        "up",
        "about",
        "approximately",
    ]
)
# Words a drug name does not start with.
_NOT_A_NAME = frozenset(
    [
        "the",
        "his",
        "her",
        "their",
        "its",
        "this",
        "that",
        "these",
        "those",
        "he",
        "she",
        "they",
        "it",
        "who",
        "which",
        "on",
        "in",
        "at",
        "of",
    ]
)
# A strength or a count written as part of a name: 10mg, 7.5-325mg, 10/325, 5%, #3.
_STRENGTH = re.compile(r"[#]?\d[\d.,/%-]{0,20}(?:[a-z]{1,4}%?)?\Z", re.IGNORECASE)
_UNIT = re.compile(r"(?:mg|mcg|g|gm|grams?|ml|%|units?|iu|meq|mg/ml)\Z", re.IGNORECASE)
_BARE_NUMBER = re.compile(r"\d{1,4}(?:-\d{1,4})?\Z")
_DATE_LIKE = re.compile(r"\d{1,4}[/-]\d{1,2}[/-]\d{2,4}")
# Endings of generic drug names (ibuprofen, oxycodone, omeprazole, gabapentin, ...),
# for drugs written in lower case in a list of treatments.
_DRUG_ENDINGS = (
    "azepam",
    "azolam",
    "prazole",
    "profen",
    "codone",
    "morphone",
    "adone",
    "pril",
    "olol",
    "statin",
    "mycin",
    "cillin",
    "cycline",
    "tidine",
    "oxetine",
    "triptyline",
    "pentin",
    "gabalin",
    "sartan",
    "formin",
    "caine",
    "afil",
    "oxacin",
    "xib",
    "fenac",
    "olac",
    "amadol",
    "azodone",
    "ipine",
    "apine",
    "idone",
    "sone",
    "lone",
    "prine",
    "mab",
)


def drug_name_end(entry: str) -> int:
    """Where the drug's name and strength or form end in ``entry`` (its length if nowhere).

    >>> entry = "Norco 10/325 mg 1 tab every 6 hours"
    >>> entry[: drug_name_end(entry)]
    'Norco 10/325 mg'
    >>> entry = "Hydrocodone-acetaminophen (since 11-17-2016)"
    >>> entry[: drug_name_end(entry)]
    'Hydrocodone-acetaminophen'
    """
    tokens = entry.split()
    # Each token is found right after the one before: whitespace alone is between them.
    end = 0
    for token in tokens[: drug_name_words(tokens)]:
        end = entry.find(token, end) + len(token)
    return end


def drug_name_words(tokens: Sequence[str]) -> int:
    """How many of an entry's words (``str.split``) are the drug's name and strength or form.

    >>> drug_name_words("Norco 10/325 mg 1 tab every 6 hours".split())
    3
    """
    # The first word is the name, whatever it is.
    for index in range(1, len(tokens)):
        token = tokens[index]
        bare = token.strip("(),;.").lower()
        # A date and a bare number start with a digit: test for one before the regexes.
        number = bare[:1].isdecimal()
        if bare in _DOSING_WORDS or (number and _DATE_LIKE.match(bare)):
            return index
        if token.startswith("("):
            inner = token[1:].lower()
            if inner in _DOSING_WORDS or inner[:1].isdigit():  # a date starts with a digit
                return index
        if number and _BARE_NUMBER.match(bare):
            following = tokens[index + 1] if index + 1 < len(tokens) else ""
            if not _UNIT.match(following.strip("(),;.")):
                return index  # "1 tab", "2 daily": a dose, not a strength
    return len(tokens)


def is_dosing(entry: str, tokens: Sequence[str] | None = None) -> bool:
    """Whether an entry is a dose or schedule, not a drug ("1 tablet", "twice daily").

    ``tokens``, when given, is ``entry.split()``, already made by the caller.

    >>> is_dosing("1 tablet"), is_dosing("as needed"), is_dosing("Norco")
    (True, True, False)
    """
    if tokens is None:
        tokens = entry.split(maxsplit=1)
    first = tokens[0].lower() if tokens else ""
    return first[:1].isdigit() or first in _DOSING_WORDS


def is_drug_class(entry: str, found: Sequence[str] | None = None) -> bool:
    """Whether an entry names a class of drugs rather than a drug.

    ``found``, when given, is ``words(entry)``, already read by the caller.

    >>> is_drug_class("nonsteroidal anti-inflammatory drugs"), is_drug_class("Soma")
    (True, False)
    """
    return not DRUG_CLASS_WORDS.isdisjoint(words(entry) if found is None else found)


def looks_like_drug(
    entry: str, found: Sequence[str] | None = None, tokens: Sequence[str] | None = None
) -> bool:
    """Whether an entry of a list of treatments is a named drug (not x-rays or therapy).

    ``found`` and ``tokens``, when given, are ``words(entry)`` and ``entry.split()``,
    already made by the caller.

    >>> [looks_like_drug(e) for e in ["Celebrex", "physical therapy", "ibuprofen", "rest"]]
    [True, False, True, False]
    """
    if found is None:
        found = words(entry)
    if tokens is None:
        tokens = entry.split()
    if not found or len(tokens) > 4 or is_drug_class(entry, found):
        return False
    if not TREATMENT_WORDS.isdisjoint(found) or found[0] in _NOT_A_NAME:
        return False
    if _DATE_LIKE.search(entry):
        return False
    if entry[:1].isupper():
        return True
    return found[0].endswith(_DRUG_ENDINGS) or any(_STRENGTH.match(token) for token in tokens[1:])
