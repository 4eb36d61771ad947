"""The small word lists the summary readers use, loaded once from the package's data files.

Each file (``conditions.txt``, ``standalone_conditions.txt``, ``sites.txt``,
``drug_classes.txt``, ``treatments.txt``, next to this module) holds one lower-case word a
line; ``#`` starts a comment. The lists are read at import time, so ``parse`` itself does no
I/O, and they are frozen sets, so they are safe to share between threads.
"""

from __future__ import annotations

import re
from importlib import resources

__all__ = [
    "CONDITION_WORDS",
    "DRUG_CLASS_WORDS",
    "SITE_WORDS",
    "STANDALONE_CONDITIONS",
    "TREATMENT_WORDS",
    "is_condition_word",
    "is_standalone_condition",
    "words",
]

# Endings of words that name a condition: tendinitis, stenosis, cervicalgia, neuropathy,
# arthropathies, neuroma, anemia, hemiplegia.
_CONDITION_ENDING = re.compile(r"(?:itis|osis|algia|pathy|pathies|oma|emia|plegia)\Z")
_WORD = re.compile(r"[a-z0-9]+")


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
