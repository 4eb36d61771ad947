"""The reviewer's qualifications: lists of certifications and states."""

from __future__ import annotations

import itertools
import re

__all__ = ["split_comma_list", "split_prose_list"]

# Specialty names that hold "and" of their own: never split there.
_NAMES_WITH_AND = (
    "Physical Medicine and Rehabilitation",
    "Obstetrics and Gynecology",
    "Allergy and Immunology",
    "Colon and Rectal Surgery",
    "Plastic and Reconstructive Surgery",
    "Hospice and Palliative Medicine",
    "Head and Neck Surgery",
    "Otolaryngology - Head and Neck Surgery",
    "Foot and Ankle Surgery",
    "Psychiatry and Neurology",
    "Hand and Upper Extremity Surgery",
    "Spinal Cord Injury and Rehabilitation",
    "Orthopaedic and Sports Medicine",
    "Undersea and Hyperbaric Medicine",
    "Pain and Rehabilitation Medicine",
)
_PROTECTED = re.compile("|".join(re.escape(name) for name in _NAMES_WITH_AND), re.IGNORECASE)
_PROSE_SEPARATOR = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+")


def split_prose_list(text: str) -> tuple[str, ...]:
    """Split ``A, B and C`` into its names, keeping names that hold ``and`` whole.

    >>> split_prose_list("Internal Medicine and Rheumatology")
    ('Internal Medicine', 'Rheumatology')
    >>> split_prose_list("Physical Medicine and Rehabilitation")
    ('Physical Medicine and Rehabilitation',)
    >>> split_prose_list("California, Texas and New York")
    ('California', 'Texas', 'New York')
    """
    cleaned = " ".join(text.split()).strip(" ,.")
    # Split at the separators outside the protected names. No separator can run from
    # inside a name to outside it: a name neither starts nor ends with a space, a comma
    # or "and".
    protected = (match.span() for match in _PROTECTED.finditer(cleaned))
    name = next(protected, None)  # the first protected name not wholly before ``at``
    cuts = []
    for separator in _PROSE_SEPARATOR.finditer(cleaned):
        at = separator.start()
        while name is not None and name[1] <= at:
            name = next(protected, None)
        if name is None or at < name[0]:
            cuts.append(separator.span())
    names = []
    for (_, start), (end, _) in itertools.pairwise([(0, 0), *cuts, (len(cleaned), 0)]):
        piece = cleaned[start:end].strip()
        if piece:
            names.append(piece)
    return tuple(names)


def split_comma_list(text: str) -> tuple[str, ...]:
    """Split a credentials list on commas, with or without a following space.

    >>> split_comma_list("California,North Carolina")
    ('California', 'North Carolina')
    """
    return tuple(name for name in (" ".join(p.split()) for p in text.split(",")) if name)
