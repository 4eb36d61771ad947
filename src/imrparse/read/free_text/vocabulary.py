"""The small word lists the summary readers use, loaded once from the package's data files.

Each file (``conditions.txt``, ``standalone_conditions.txt``, ``sites.txt``,
``drug_classes.txt``, ``treatments.txt``, next to this module) holds one lower-case word a
line; ``#`` starts a comment. The lists are read at import time, so ``parse`` itself does no
I/O, and they are frozen sets, so they are safe to share between threads.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
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
    "word_starts",
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
# How much text word_starts reads at a time, at most; and at first, for a search that
# may stop at the first match (a worker's role is in the summary's first sentence).
_WINDOW = 4096
_FIRST_WINDOW = 256


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


def matches_at_words(
    pattern: re.Pattern[str],
    text: str,
    folded: str,
    starts: Sequence[str],
    start: int = 0,
    end: int | None = None,
) -> Iterator[re.Match[str]]:
    r"""What ``pattern.finditer(text, start, end)`` gives, found faster.

    Every match of ``pattern`` (case-insensitive) must begin with one of the lower-case
    words ``starts``; ``folded`` is :func:`fold_case` of ``text``. ``str.find`` finds
    where those words are and ``pattern`` is tried only there, skipping any place inside
    the previous match as ``finditer`` does: a regex tried at every character of a long
    text is many times slower than a few ``find``. ``pattern`` never matches empty.

    >>> pattern = re.compile(r"\b(?:he|his)\b", re.IGNORECASE)
    >>> text = "The worker said HIS back hurt; he fell."
    >>> [m.group() for m in matches_at_words(pattern, text, fold_case(text), ["he", "hi"])]
    ['HIS', 'he']
    """
    stop = len(text) if end is None else end
    reached = start
    for at in word_starts(folded, starts, start, stop, first_window=_FIRST_WINDOW):
        if at < reached:
            continue
        match = pattern.match(text, at, stop)
        if match is not None:
            yield match
            reached = match.end()


def word_starts(
    folded: str,
    starts: Sequence[str],
    start: int = 0,
    end: int | None = None,
    endings: Sequence[tuple[str, Sequence[str]]] = (),
    first_window: int = _WINDOW,
) -> Iterator[int]:
    """Where each of ``starts`` begins in ``folded[start:end]``, in order, each place once.

    Each ``(word, prefixes)`` of ``endings`` adds where one of ``prefixes`` begins that
    ends right before ``word``. The text is read a window at a time, so that memory stays
    bounded and a caller that wants the first place only reads no further than it; the
    first window is ``first_window`` long, each next one twice as long as the one before,
    up to a bound.

    >>> list(word_starts("he said his; he", ["he", "hi"]))
    [0, 8, 13]
    >>> list(word_starts("was taking it", [], endings=[("taking", ["was ", "is "])]))
    [0]
    """
    stop = len(folded) if end is None else end
    # Read many times over short texts: nothing is built that the call does not need.
    reach = 0
    if endings:
        reach = max((len(prefix) for _, prefixes in endings for prefix in prefixes), default=0)
    low, window = start, max(1, min(first_window, _WINDOW))
    while low < stop:
        high = min(low + window, stop)
        found = set()
        for word in starts:
            limit = min(stop, high + len(word) - 1)  # so that a word begins before high
            at = folded.find(word, low, limit)
            while at != -1:
                found.add(at)
                at = folded.find(word, at + 1, limit)
        for word, prefixes in endings:
            limit = min(stop, high + reach + len(word) - 1)
            at = folded.find(word, low, limit)
            while at != -1:
                for prefix in prefixes:
                    begin = at - len(prefix)
                    if low <= begin < high and folded.startswith(prefix, begin):
                        found.add(begin)
                at = folded.find(word, at + 1, limit)
        yield from sorted(found)
        low, window = high, min(2 * window, _WINDOW)
