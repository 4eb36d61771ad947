"""Records to plain data and back, through one cattrs converter, and the JSON Schema of it.

Plain data means what :mod:`json` writes: dates as ISO strings, enums as their string
values, tuples as lists. Keys keep the records' field names, and every field is always
written, ``None`` and empty lists included, so that every record has the same keys.

>>> import datetime
>>> from imrparse import Claimant, Sex
>>> from imrparse.export.plain_data import make_converter
>>> make_converter().unstructure(
...     Claimant(role="claimant", age=38, sex=Sex.MALE, date_of_injury=datetime.date(2002, 10, 2))
... )
{'role': 'claimant', 'age': 38, 'sex': 'male', 'date_of_injury': '2002-10-02', 'span': None}
"""

from __future__ import annotations

import ast
import datetime
import enum
import inspect
import json
import textwrap
import types
import typing
from typing import Any

import attrs
import cattrs

from imrparse.models import Determination

__all__ = [
    "JSON_SCHEMA_DIALECT",
    "from_dict",
    "from_json",
    "json_schema",
    "make_converter",
    "to_dict",
    "to_json",
]

#: The JSON Schema dialect :func:`json_schema` is written in.
JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def make_converter() -> cattrs.Converter:
    """Build the converter that defines imrparse's plain-data form.

    Returns:
        A new :class:`cattrs.Converter`; changing its hooks does not change
        :func:`to_dict` or :func:`from_dict`.
    """
    converter = cattrs.Converter(unstruct_collection_overrides={tuple: list})
    converter.register_unstructure_hook(datetime.date, lambda d: d.isoformat())
    converter.register_structure_hook(
        datetime.date, lambda value, _: datetime.date.fromisoformat(value)
    )
    # Our enums are StrEnums, which cattrs would pass through as enum members; plain
    # data means plain strings, so that the result compares and pickles like JSON.
    for base in (enum.Enum, enum.StrEnum):  # StrEnum: else str's own hook would win
        converter.register_unstructure_hook(base, lambda member: member.value)
    return converter


# Built once; cattrs converters are safe to share once their hooks are registered.
_CONVERTER = make_converter()


def to_dict(determination: Determination) -> dict[str, Any]:
    """Turn a record into plain data (dicts, lists, strings, numbers, booleans, None).

    Args:
        determination: The record, usually from :func:`imrparse.parse`.

    Returns:
        A dict that :func:`json.dumps` accepts and that :func:`json_schema` describes.
    """
    data: dict[str, Any] = _CONVERTER.unstructure(determination)
    return data


def from_dict(data: dict[str, Any]) -> Determination:
    """Build a record from the plain data :func:`to_dict` gives.

    Args:
        data: A dict in the form :func:`json_schema` describes.

    Returns:
        The record; ``from_dict(to_dict(d)) == d`` for every record ``d``.

    Raises:
        ValueError: ``data`` does not have the record's form; the message names each
            wrong value by its path (``$.decisions[0].outcome``).
    """
    try:
        return _CONVERTER.structure(data, Determination)
    except cattrs.BaseValidationError as error:
        problems = "; ".join(cattrs.transform_error(error, path="$"))
        raise ValueError(f"not the plain data of a Determination: {problems}") from error


def to_json(determination: Determination, *, indent: int | None = None) -> str:
    """Write a record as JSON text.

    Args:
        determination: The record.
        indent: Passed to :func:`json.dumps`; ``None`` writes one line.

    Returns:
        The JSON text, non-ASCII characters kept as they are.
    """
    return json.dumps(to_dict(determination), indent=indent, ensure_ascii=False)


def from_json(text: str) -> Determination:
    """Read a record from the JSON text :func:`to_json` writes.

    Args:
        text: JSON text of one record.

    Returns:
        The record.

    Raises:
        ValueError: ``text`` is not JSON (:class:`json.JSONDecodeError`), or not the
            JSON of a record.
    """
    return from_dict(json.loads(text))


def json_schema() -> dict[str, Any]:
    """Describe the output of :func:`to_dict` as a JSON Schema (draft 2020-12).

    The schema is generated from the record classes themselves (their fields, types,
    defaults and ``#:`` field comments), so it cannot drift from them. Every record is
    an object with all of its keys required and no others; each record class and enum
    is one entry of ``$defs``.

    Returns:
        A new dict on each call, ready for :func:`json.dumps`.

    >>> schema = json_schema()
    >>> schema["$ref"], schema["$defs"]["Outcome"]["enum"]
    ('#/$defs/Determination', ['upheld', 'overturned'])
    >>> schema["$defs"]["Citation"]["properties"]["pages"]["items"]
    {'type': 'integer'}
    """
    defs: dict[str, dict[str, Any]] = {}
    root = _type_schema(Determination, defs)
    return {
        "$schema": JSON_SCHEMA_DIALECT,
        "title": "imrparse Determination",
        "description": (
            "One IMR Final Determination Letter as data: the output of imrparse.to_dict."
        ),
        **root,
        "$defs": dict(sorted(defs.items())),
    }


def _type_schema(tp: Any, defs: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Give the schema of values of type ``tp``, adding records and enums to ``defs``."""
    if tp is str:
        return {"type": "string"}
    if tp is bool:  # before int: bool is a subclass of int
        return {"type": "boolean"}
    if tp is int:
        return {"type": "integer"}
    if tp is datetime.date:
        return {"type": "string", "format": "date"}
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        if tp.__name__ not in defs:
            defs[tp.__name__] = {
                "description": _summary_line(tp),
                "type": "string",
                "enum": [member.value for member in tp],
            }
        return {"$ref": f"#/$defs/{tp.__name__}"}
    if attrs.has(tp):
        if tp.__name__ not in defs:
            defs[tp.__name__] = {}  # claimed first, so that a cycle would end here
            defs[tp.__name__] = _record_schema(tp, defs)
        return {"$ref": f"#/$defs/{tp.__name__}"}
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return {"type": "array", "items": _type_schema(args[0], defs)}
    if origin in (types.UnionType, typing.Union):
        members = [_type_schema(arg, defs) for arg in args if arg is not type(None)]
        nullable = len(members) < len(args)
        if len(members) == 1 and nullable and set(members[0]) <= {"type", "format"}:
            return {**members[0], "type": [members[0]["type"], "null"]}
        return {"anyOf": members + ([{"type": "null"}] if nullable else [])}
    raise TypeError(f"no JSON Schema rule for the field type {tp!r}")


def _record_schema(cls: type, defs: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Give the object schema of one attrs record class."""
    attrs.resolve_types(cls)
    comments = _field_comments(cls)
    properties: dict[str, Any] = {}
    for record_field in attrs.fields(cls):
        schema = _type_schema(record_field.type, defs)
        if record_field.name in comments:
            schema = {"description": comments[record_field.name], **schema}
        default = record_field.default
        if default is not attrs.NOTHING and not isinstance(default, attrs.Factory):  # type: ignore[arg-type]
            schema["default"] = _CONVERTER.unstructure(default)
        properties[record_field.name] = schema
    return {
        "description": _summary_line(cls),
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }


def _summary_line(obj: type) -> str:
    """Give the first line of a class's docstring, in plain text."""
    doc = inspect.getdoc(obj) or ""
    return _plain(doc.partition("\n")[0])


def _field_comments(cls: type) -> dict[str, str]:
    """Read the ``#:`` comments above each field of a record class, by field name.

    Records document their fields with Sphinx-style ``#:`` comments, which Python does
    not keep at run time, so they are read from the class's source; without source
    (a frozen application, say) the schema simply has no field descriptions.
    """
    try:
        source = textwrap.dedent(inspect.getsource(cls))
    except (OSError, TypeError):
        return {}
    lines = source.splitlines()
    class_def = ast.parse(source).body[0]
    assert isinstance(class_def, ast.ClassDef)  # getsource(cls) starts at its class
    comments: dict[str, str] = {}
    for statement in class_def.body:
        if not (isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name)):
            continue
        above: list[str] = []
        index = statement.lineno - 2  # the line above, 0-based
        while index >= 0 and lines[index].lstrip().startswith("#:"):
            above.insert(0, lines[index].lstrip()[2:].strip())
            index -= 1
        if above:
            comments[statement.target.id] = _plain(" ".join(above))
    return comments


def _plain(text: str) -> str:
    """Turn the reStructuredText of a docstring or comment into plain text."""
    for role in (":data:", ":class:", ":func:", ":attr:", ":mod:"):
        text = text.replace(role, "")
    return text.replace("``", "`")
