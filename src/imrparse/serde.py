"""Records to plain data and back, through one cattrs converter.

Plain data means what :mod:`json` writes: dates as ISO strings, enums as their string
values, tuples as lists. Keys keep the records' field names.
"""

from __future__ import annotations

import datetime
import json
from typing import Any

import cattrs

from imrparse.models import Determination

__all__ = ["from_dict", "from_json", "make_converter", "to_dict", "to_json"]


def make_converter() -> cattrs.Converter:
    """Build the converter that defines imrparse's plain-data form."""
    converter = cattrs.Converter(unstruct_collection_overrides={tuple: list})
    converter.register_unstructure_hook(datetime.date, lambda d: d.isoformat())
    converter.register_structure_hook(
        datetime.date, lambda value, _: datetime.date.fromisoformat(value)
    )
    return converter


# Built once; cattrs converters are safe to share once their hooks are registered.
_CONVERTER = make_converter()


def to_dict(determination: Determination) -> dict[str, Any]:
    """Turn a record into plain data (dicts, lists, strings, numbers, booleans, None)."""
    data: dict[str, Any] = _CONVERTER.unstructure(determination)
    return data


def from_dict(data: dict[str, Any]) -> Determination:
    """Build a record from the plain data :func:`to_dict` gives."""
    return _CONVERTER.structure(data, Determination)


def to_json(determination: Determination, *, indent: int | None = None) -> str:
    """Write a record as JSON text."""
    return json.dumps(to_dict(determination), indent=indent, ensure_ascii=False)


def from_json(text: str) -> Determination:
    """Read a record from the JSON text :func:`to_json` writes."""
    return from_dict(json.loads(text))
