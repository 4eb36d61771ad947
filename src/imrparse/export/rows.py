"""Records as rows of a small relational layout, for databases, data frames and files.

One letter gives one row of ``determinations`` and any number of rows of the other
tables, each keyed by a ``letter_id`` that the caller chooses (the command line uses the
file's path). :data:`TABLES` names every column with its type; the CSV and Parquet
writers and the documentation all follow it. A column that holds a field of the record
is named once, with the field it reads: its type and nullability are the field's.

Values in rows are Python values: ``str``, ``int``, ``bool``, :class:`datetime.date`,
tuples for list columns, ``None`` for an empty cell.

>>> import imrparse
>>> d = imrparse.Determination(
...     generation="2013", case=None, reviewer=imrparse.Reviewer(),
...     claimant=imrparse.Claimant(age=38), diagnoses=("lumbago", "cervicalgia"),
...     medications=(), summary="...", decisions=(),
... )
>>> rows = to_rows(d, letter_id="letter-1")
>>> rows["diagnoses"]
[{'letter_id': 'letter-1', 'diagnosis_index': 0, 'diagnosis': 'lumbago'}, \
{'letter_id': 'letter-1', 'diagnosis_index': 1, 'diagnosis': 'cervicalgia'}]
>>> rows["determinations"][0]["claimant_age"]
38
"""

from __future__ import annotations

import datetime
import enum
import functools
import operator
import typing
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Literal, TypeAlias, cast

from attrs import frozen

from imrparse.models import Citation, Decision, Determination, ReadWarning, Reviewer

__all__ = ["TABLES", "Column", "ColumnType", "Row", "Value", "to_rows"]

#: The type of a column: a scalar, or a list of scalars (a tuple in a row).
ColumnType: TypeAlias = Literal[
    "string", "integer", "boolean", "date", "list[string]", "list[integer]"
]
#: One cell of a row.
Value: TypeAlias = str | int | bool | datetime.date | tuple[str, ...] | tuple[int, ...] | None
#: One row: column name to value, in the column order of :data:`TABLES`.
Row: TypeAlias = dict[str, Value]


@frozen
class Column:
    """One column of one table."""

    #: The column name.
    name: str
    #: Its type.
    type: ColumnType
    #: ``False`` when every row has a value (lists are never null, only empty).
    nullable: bool
    #: What the column holds, for people.
    description: str


def _key(name: str, description: str) -> Column:
    return Column(name, "integer", False, description)


_LETTER_ID = Column("letter_id", "string", False, "The caller's id of the letter.")
_DECISION_INDEX = _key("decision_index", "Position of the decision in its letter, from 0.")

_SCALARS: Mapping[type, ColumnType] = {
    str: "string",
    int: "integer",
    bool: "boolean",
    datetime.date: "date",
}
_LISTS: Mapping[type, ColumnType] = {str: "list[string]", int: "list[integer]"}


#: Reads one column's value from a table's item.
_Reader: TypeAlias = Callable[[Any], Value]


def _field(of: type, name: str, path: str, description: str) -> tuple[Column, _Reader]:
    """The column that holds ``item.<path>`` of an ``of`` item, typed as that field is.

    Its reader gives ``None`` past a part that is ``None`` (a letter without a header),
    and a vocabulary's member as its value.
    """
    attributes = [attribute for attribute in path.split(".") if attribute]
    field_type: Any = of
    nullable = optional_part = False
    for attribute in attributes:
        optional_part = nullable
        field_type = _type_hints(field_type)[attribute]
        if type(None) in typing.get_args(field_type):  # `X | None`
            nullable = True
            field_type = next(t for t in typing.get_args(field_type) if t is not type(None))
    if typing.get_origin(field_type) is tuple:  # `tuple[str, ...]`: a list, never null
        column = Column(name, _LISTS[typing.get_args(field_type)[0]], False, description)
    elif issubclass(field_type, enum.StrEnum):  # a vocabulary: its values are strings
        column = Column(name, "string", nullable, description)
    else:
        column = Column(name, _SCALARS[field_type], nullable, description)
    read: _Reader = operator.attrgetter(path) if path else lambda item: item
    if optional_part:
        read = functools.partial(_read_through, attributes)
    if issubclass(field_type, enum.Enum):
        read = functools.partial(_enum_value, read)
    return column, read


# Once a class: the annotations are strings (``from __future__ import annotations``), and
# evaluating a class's again for each of its columns was most of this module's import.
_type_hints = functools.cache(typing.get_type_hints)


def _read_through(attributes: Sequence[str], item: object) -> Value:
    value: Any = item
    for attribute in attributes:
        if value is None:
            return None
        value = getattr(value, attribute)
    return cast(Value, value)


def _enum_value(read: _Reader, item: object) -> Value:
    member = read(item)
    return None if member is None else cast(enum.Enum, member).value


@frozen
class _Table:
    """One table: the columns its rows are keyed by, then those read from an item."""

    columns: tuple[Column, ...]
    readers: tuple[_Reader, ...]
    #: The columns' names, in order (a row is built for every item: kept, not rebuilt).
    names: tuple[str, ...]

    def row(self, item: object, *keys: Value) -> Row:
        values = (*keys, *[read(item) for read in self.readers])
        return dict(zip(self.names, values, strict=True))


#: A column of a table: ``(name, attribute path, description)`` of a field of the table's
#: item (the path ``''`` is the item itself), or a column worked out by its own reader.
_Spec: TypeAlias = tuple[str, str, str] | tuple[Column, _Reader]


def _fields(path: str, prefix: str, *fields: tuple[str, str]) -> tuple[_Spec, ...]:
    """The columns ``prefix + name`` that hold the fields ``name`` of ``item.<path>``."""
    return tuple(
        (prefix + name, f"{path}.{name}" if path else name, description)
        for name, description in fields
    )


def _basis(who: str, line: str) -> tuple[_Spec, ...]:
    """The columns of one guideline line, ``who`` the one that relied on it."""
    return (
        (f"{who}_basis", f"{who}_basis.text", line),
        *_fields(
            f"{who}_basis",
            f"{who}_",
            ("based_on_mtus", "Based on the MTUS."),
            ("cites_evidence", "Cites evidence."),
        ),
    )


def _table(of: type, keys: tuple[Column, ...], *parts: tuple[_Spec, ...]) -> _Table:
    """A table whose rows are keyed by ``keys`` and read from items of type ``of``."""
    read = [
        _field(of, *spec) if isinstance(spec[0], str) else spec for part in parts for spec in part
    ]
    columns = (*keys, *(column for column, _ in read))
    readers = tuple(reader for _, reader in read)
    return _Table(columns, readers, tuple(column.name for column in columns))


_HAS_CASE_HEADER: tuple[Column, _Reader] = (
    Column("has_case_header", "boolean", False, "Whether the letter has a header block."),
    lambda determination: determination.case is not None,
)
_IN_PRACTICE = (
    ("min_years_in_practice", "Years in active practice, at least."),
    ("min_hours_per_week", "Hours a week in practice, at least."),
)

_TABLES: Mapping[str, _Table] = {
    "determinations": _table(
        Determination,
        (_LETTER_ID,),
        _fields("", "", ("generation", "Template generation: '2013' or '2016'.")),
        (_HAS_CASE_HEADER,),
        _fields(
            "case",
            "",
            ("case_number", "Header: Case Number."),
            ("date_assigned", "Header: Date Assigned."),
            ("date_of_injury", "Header: Date of Injury."),
            ("decision_date", "Header: Decision Date."),
            ("ur_denial_date", "Header: UR Denial Date."),
            ("application_received", "Header: Application Received."),
            ("priority", "Header: Priority."),
        ),
        _fields(
            "reviewer",
            "reviewer_",
            ("certifications", "First reviewer: certifications."),
            ("subspecialties", "First reviewer: subspecialties."),
            ("licensed_in", "First reviewer: states."),
            ("profession", "First reviewer: profession."),
            *_IN_PRACTICE,
        ),
        _fields(
            "claimant",
            "claimant_",
            ("role", "How the summary names the worker."),
            ("age", "The worker's age."),
            ("sex", "'male' or 'female'."),
            ("date_of_injury", "Date of injury the summary gives."),
        ),
        _fields("", "", ("summary", "The clinical case summary.")),
    ),
    "decisions": _table(
        Decision,
        (_LETTER_ID, _DECISION_INDEX),
        _fields(
            "",
            "",
            ("item", "The disputed item."),
            ("outcome", "'upheld' or 'overturned'."),
            ("original_request", "Partly authorised: the original request."),
            ("authorized", "Partly authorised: what was authorised."),
        ),
        _basis("claims_administrator", "Claims Administrator guideline line."),
        _basis("reviewer", "MAXIMUS guideline line."),
        _fields("", "", ("rationale", "The decision rationale.")),
        _fields(
            "request",
            "request_",
            ("name", "Requested: the drug, service or device."),
            ("strength", "Requested: strength as written."),
            ("quantity", "Requested: count of units or sessions."),
            ("frequency", "Requested: how often."),
            ("duration", "Requested: for how long."),
            ("body_part", "Requested: the body part."),
            ("laterality", "'left', 'right' or 'bilateral'."),
            ("unparsed", "Item pieces no part took."),
        ),
        _fields(
            "request.category",
            "request_",
            ("category", "DWC category ('Pharmaceuticals')."),
            ("subcategory", "DWC subcategory ('Opioids')."),
            ("drug_class", "A drug's class ('opioid')."),
        ),
    ),
    "citations": _table(
        Citation,
        (
            _LETTER_ID,
            _DECISION_INDEX,
            Column("basis", "string", False, "'claims_administrator' or 'reviewer'."),
            _key("citation_index", "Position of the citation in its basis, from 0."),
        ),
        _fields(
            "",
            "",
            ("source", "'MTUS' or 'Non-MTUS'."),
            ("text", "The citation as written."),
            ("title", "The guideline title or chapter."),
            ("year", "The edition year."),
            ("sections", "Topics or sections, in order."),
            ("pages", "Pages, ranges expanded, in order."),
        ),
    ),
    "reviewers": _table(
        Reviewer,
        (_LETTER_ID, _key("reviewer_index", "Position of the reviewer in the letter, from 0.")),
        _fields(
            "",
            "",
            ("certifications", "Certifications, as written."),
            ("subspecialties", "Subspecialties."),
            ("licensed_in", "States of licensure."),
            ("profession", "Profession of a non-physician reviewer."),
            *_IN_PRACTICE,
        ),
    ),
    "diagnoses": _table(
        str,
        (_LETTER_ID, _key("diagnosis_index", "Position in the summary's list, from 0.")),
        (("diagnosis", "", "One diagnosis as written."),),
    ),
    "medications": _table(
        str,
        (_LETTER_ID, _key("medication_index", "Position in the summary's list, from 0.")),
        (("medication", "", "One medication with its strength."),),
    ),
    "warnings": _table(
        ReadWarning,
        (_LETTER_ID, _key("warning_index", "Position in the record's warnings, from 0.")),
        _fields(
            "",
            "",
            ("kind", "'unreadable-value', 'doubtful-value', 'skipped-part'."),
            ("field", "Dotted path of the field concerned."),
            ("message", "What was found and what was done."),
        ),
    ),
}

#: Every table, in the order :func:`to_rows` returns them, with its columns in order.
TABLES: Mapping[str, tuple[Column, ...]] = {name: table.columns for name, table in _TABLES.items()}


def to_rows(determination: Determination, *, letter_id: str) -> dict[str, list[Row]]:
    """Flatten one record into the rows of every table of :data:`TABLES`.

    Args:
        determination: The record.
        letter_id: The key that ties the rows to their letter (a path, a case number,
            a database id): it is the first column of every row.

    Returns:
        Table name to that table's rows, with every table of :data:`TABLES` present, in
        its order (a table the letter has nothing for gets an empty list). Each row has
        the table's columns in order.
    """
    d = determination
    rows: dict[str, list[Row]] = {name: [] for name in TABLES}
    rows["determinations"].append(_TABLES["determinations"].row(d, letter_id))
    decisions, citations = _TABLES["decisions"], _TABLES["citations"]
    for index, decision in enumerate(d.decisions):
        rows["decisions"].append(decisions.row(decision, letter_id, index))
        for basis, of in (
            ("claims_administrator", decision.claims_administrator_basis),
            ("reviewer", decision.reviewer_basis),
        ):
            rows["citations"].extend(
                citations.row(citation, letter_id, index, basis, i)
                for i, citation in enumerate(of.citations)
            )
    # Records built by hand may leave `reviewers` empty; the letter still has `reviewer`.
    for name, items in (
        ("reviewers", d.reviewers or (d.reviewer,)),
        ("diagnoses", d.diagnoses),
        ("medications", d.medications),
        ("warnings", d.warnings),
    ):
        table = _TABLES[name]
        rows[name] = [table.row(item, letter_id, i) for i, item in enumerate(items)]
    return rows
