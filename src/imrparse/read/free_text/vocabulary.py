"""The small word lists the summary readers use, loaded once from the package's data files.

Each file (``conditions.txt``, ``standalone_conditions.txt``, ``sites.txt``,
``drug_classes.txt``, ``treatments.txt``, next to this module) holds one lower-case word a
line; ``#`` starts a comment. The lists are read at import time, so ``parse`` itself does no
I/O, and they are frozen sets, so they are safe to share between threads.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from importlib import resources

__all__ = [
    "CONDITION_WORDS",
    "DRUG_CLASS_WORDS",
    "SITE_WORDS",
    "STANDALONE_CONDITIONS",
    "TREATMENT_WORDS",
    "fold_case",
    "is_condition_word",
    "is_standalone_condition",
    "matches_at_words",
    "word_pattern",
    "words",
]

# Endings of words that name a condition: tendinitis, stenosis, cervicalgia, neuropathy,
# arthropathies, neuroma, anemia, hemiplegia.
_CONDITION_ENDING = re.compile(r"(?:itis|osis|algia|pathy|pathies|oma|emia|plegia)\Z")
_WORD = re.compile(r"[a-z0-9]+")
# The characters re.IGNORECASE matches to an ASCII letter that str.lower does not lower
# to it: U+0130 (capital I with a dot, which even lowers to two characters), U+0131
# (dotless i) and U+017F (long s). Every other one lowers to the letter it matches.
_ODD_CASES = (("\u0130", "i"), ("\u0131", "i"), ("\u017f", "s"))


def _load(name: str) -> frozenset[str]:
    text = resources.files(__package__).joinpath(name).read_text(encoding="utf-8")
    found = set()
    for line in text.splitlines():
        word = line.split("#", 1)[0].strip()
        if word:
            found.add(word)
    return frozenset(found)


CONDITION_WORDS = _load("conditions.txt")
STANDALONE_CONDITIONS = _load("standalone_conditions.txt")
SITE_WORDS = _load("sites.txt")
DRUG_CLASS_WORDS = _load("drug_classes.txt")
TREATMENT_WORDS = _load("treatments.txt")


def words(text: str) -> list[str]:
    """The lower-case words of ``text``; hyphens, slashes and brackets separate words.

    >>> words("Anti-inflammatory (NSAID) x-rays")
    ['anti', 'inflammatory', 'nsaid', 'x', 'rays']
    """
    return _WORD.findall(text.lower())


def is_condition_word(word: str) -> bool:
    """Whether a lower-case word names a condition (``strain``, ``bursitis``).

    >>> is_condition_word("bursitis"), is_condition_word("shoulder")
    (True, False)
    """
    return word in CONDITION_WORDS or _CONDITION_ENDING.search(word) is not None


def is_standalone_condition(word: str) -> bool:
    """Whether a lower-case word is a condition that takes no body part (``anxiety``)."""
    return word in STANDALONE_CONDITIONS or word.endswith("algia")


def fold_case(text: str) -> str:
    """``text`` in lower case, each character where it was, as ``re.IGNORECASE`` matches.

    A lower-case ASCII word is found (``str.find``) in the folded text exactly where a
    case-insensitive regex finds it in ``text``, at the same offsets.

    >>> fold_case("DIAGNOSES"), len(fold_case("\u0130V")), fold_case("\u017fite")
    ('diagnoses', 2, 'site')
    """
    if not text.isascii():
        for odd, plain in _ODD_CASES:
            if odd in text:
                text = text.replace(odd, plain)
    return text.lower()


def word_pattern(starts: Iterable[str]) -> re.Pattern[str]:
    """A pattern of the lower-case words ``starts``, for :func:`matches_at_words`."""
    return re.compile("|".join(re.escape(word) for word in starts))


def matches_at_words(
    pattern: re.Pattern[str],
    text: str,
    folded: str,
    starts: re.Pattern[str],
    start: int = 0,
    end: int | None = None,
) -> Iterator[re.Match[str]]:
    r"""What ``pattern.finditer(text, start, end)`` gives, found faster.

    Every match of ``pattern`` (case-insensitive) must begin with one of the lower-case
    words of ``starts`` (see :func:`word_pattern`); ``folded`` is :func:`fold_case` of
    ``text``. ``starts``, case-sensitive, leaps through ``folded`` from one place such a
    word begins to the next, and ``pattern`` is tried only there, skipping any place inside
    the previous match as ``finditer`` does: a case-insensitive regex tried at every
    character of a long text is many times slower. ``pattern`` never matches empty.

    >>> pattern = re.compile(r"\b(?:he|his)\b", re.IGNORECASE)
    >>> text = "The worker said HIS back hurt; he fell."
    >>> starts = word_pattern(["he", "hi"])
    >>> [m.group() for m in matches_at_words(pattern, text, fold_case(text), starts)]
    ['HIS', 'he']
    """
    stop = len(text) if end is None else end
    at = start
    while True:
        # Where the next word begins that ends by ``stop``.
        place = starts.search(folded, at, stop)
        if place is None:
            return
        match = pattern.match(text, place.start(), stop)
        if match is None:
            at = place.start() + 1
        else:
            yield match
            at = match.end()
