"""The item line before its outcome: the disputed item, and a partly authorised request.

The template fixes only the end of the line (``: Upheld``). Before the item, a partly
authorised request says what was asked for and what the claims administrator allowed, in
sentences the letter writer words:

- ``X was the original request. Y was authorized by the Claims Administrator. The
  remaining IMR eligible portion of the original request, Z`` (item Z);
- ``X was the original request. The Claims Administrator authorized Y, leaving the
  original request IMR eligible. The original request, X`` (item X).

Other wordings keep what can be read with confidence and report the rest.
"""

from __future__ import annotations

import re
from typing import NamedTuple

__all__ = ["ItemLine", "read_item_line"]


class ItemLine(NamedTuple):
    """What an item line says before its outcome, with offsets into the line.

    A named tuple, made for every item: a frozen attrs record costs several times as
    much to make (its ``__init__`` sets each field through ``object.__setattr__``).
    """

    item: str
    item_start: int
    original_request: str | None = None
    authorized: str | None = None
    #: The line holds a partly authorised request in a wording these rules do not know.
    unknown_wording: bool = False


_ORIGINAL = re.compile(r"(?P<original>\S.*?)\s*\bwas the original request\.\s*", re.I)
_AUTHORIZED = (
    re.compile(r"(?P<authorized>\S.*?)\s*\bwas authorized by the Claims Administrator\.\s*", re.I),
    re.compile(
        r"The Claims Administrator (?:authorized|certified|approved|modified (?:it|the request)"
        r" to) (?P<authorized>\S.*?),? leaving the original request IMR eligible\.\s*",
        re.I,
    ),
)
_ITEM_LEAD = re.compile(
    r"(?:The remaining IMR eligible portion of the original request|The original request)"
    r",?\s*",
    re.I,
)


def read_item_line(text: str) -> ItemLine:
    """Read the text of an item line up to its outcome.

    >>> read_item_line("Norco 10/325mg #60")  # doctest: +NORMALIZE_WHITESPACE
    ItemLine(item='Norco 10/325mg #60', item_start=0, original_request=None, authorized=None,
    unknown_wording=False)
    >>> line = read_item_line(
    ...     "Cyclobenzaprine 7.5mg #90 was the original request. Cyclobenzaprine 7.5mg #63 was"
    ...     " authorized by the Claims Administrator. The remaining IMR eligible portion of the"
    ...     " original request, Cyclobenzaprine 7.5mg #27"
    ... )
    >>> line.item, line.original_request, line.authorized
    ('Cyclobenzaprine 7.5mg #27', 'Cyclobenzaprine 7.5mg #90', 'Cyclobenzaprine 7.5mg #63')
    """
    # In ASCII text the pattern matches only where its words are, in any case.
    if text.isascii() and "was the original request." not in text.lower():
        # Most items: ItemLine(_clean(text), 0), made without its Python-level __new__.
        return tuple.__new__(ItemLine, (_clean(text), 0, None, None, False))
    original = _ORIGINAL.match(text)
    if original is None:
        return ItemLine(_clean(text), 0)
    position = original.end()
    authorized = None
    for pattern in _AUTHORIZED:
        found = pattern.match(text, position)
        if found is not None:
            authorized = _clean(found.group("authorized"))
            position = found.end()
            break
    lead = _ITEM_LEAD.match(text, position)
    if authorized is None or lead is None:
        # The original request is plain; what follows it is in words not known here. The
        # item is what follows the last sentence end, as a person would read it.
        rest_start = _last_sentence_start(text, original.end())
        return ItemLine(
            _clean(text[rest_start:]),
            rest_start,
            original_request=_clean(original.group("original")),
            authorized=authorized,
            unknown_wording=True,
        )
    return ItemLine(
        _clean(text[lead.end() :]),
        lead.end(),
        original_request=_clean(original.group("original")),
        authorized=authorized,
    )


def _last_sentence_start(text: str, start: int) -> int:
    end = text.rfind(". ", start)
    return end + 2 if end != -1 else start


def _clean(text: str) -> str:
    return collapse_whitespace(text).rstrip(" ,")


def collapse_whitespace(text: str) -> str:
    """``text`` with each run of whitespace made one space, and none at its ends.

    Canonical text has its words one space apart already, and is then given back as it
    is: a printable string holds no whitespace but the space (``str.isprintable``).
    """
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text
    return " ".join(text.split())
