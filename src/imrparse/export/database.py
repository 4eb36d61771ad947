"""Letters into a SQL database: SQLite (standard library) or PostgreSQL (psycopg 3).

One description serves both databases: the tables of :data:`imrparse.export.rows.TABLES`,
with their keys and parents named here, become the same DDL in either dialect; only
the column types and the placeholder differ. A list column becomes a child table (one
row per value, ``value_index`` from 0), so no cell holds JSON. Beside the record
tables there are ``letters`` (one row per letter: the SHA-256 of its bytes, which is
the ``letter_id`` of every other table, and the path it was first loaded from),
``failures`` (one row per path that could not be read), ``runs`` (one row per load)
and the view ``decisions_flat`` (one row per decision, with the letter's case, date
and reviewer specialty, the request's category and the kind of each guideline).

Loading is incremental and idempotent: a letter whose bytes are already in the
database is skipped before it is parsed, and letters are written in batches, one
transaction each, so a load that is killed loses only its last, uncommitted batch and
a second load finishes the work without writing anything twice.

>>> with Database.open(":memory:") as db:
...     report = load(db, [Source("letter.txt", "not a letter")])
...     rows = db.query("SELECT path, error FROM failures")
>>> report.loaded, report.failed, rows
(0, 1, [('letter.txt', 'ParseError')])
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import sqlite3
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from operator import itemgetter
from typing import Any, Protocol

from attrs import field, frozen, mutable

from imrparse.batch.many import DEFAULT_ENCODING, Letter, Prepared, read_many
from imrparse.batch.sources import Source
from imrparse.errors import ParseError
from imrparse.export.rows import TABLES, Column, to_rows
from imrparse.models import Determination
from imrparse.version import __version__

__all__ = [
    "SCHEMA_VERSION",
    "Database",
    "LoadReport",
    "Table",
    "load",
    "schema_tables",
]

#: Written in ``imrparse_schema``; a database of another version is refused.
SCHEMA_VERSION = 1

#: The primary key of each table of :data:`~imrparse.export.rows.TABLES`.
_KEYS: Mapping[str, tuple[str, ...]] = {
    "determinations": ("letter_id",),
    "decisions": ("letter_id", "decision_index"),
    "citations": ("letter_id", "decision_index", "basis", "citation_index"),
    "reviewers": ("letter_id", "reviewer_index"),
    "diagnoses": ("letter_id", "diagnosis_index"),
    "medications": ("letter_id", "medication_index"),
    "warnings": ("letter_id", "warning_index"),
}
#: The table each row belongs to; its key is the first columns of the child's key.
_PARENTS: Mapping[str, str] = {
    "determinations": "letters",
    "decisions": "determinations",
    "citations": "decisions",
    "reviewers": "determinations",
    "diagnoses": "determinations",
    "medications": "determinations",
    "warnings": "determinations",
}
#: Columns that questions filter or group by.
_INDEXES: Mapping[str, tuple[tuple[str, ...], ...]] = {
    "determinations": (("case_number",), ("decision_date",)),
    "decisions": (
        ("request_category", "request_subcategory"),
        ("request_drug_class",),
        ("outcome",),
    ),
    "citations": (("title",),),
}


@frozen
class Table:
    """One table of the database schema, in terms both dialects share."""

    #: The table name.
    name: str
    #: ``(name, type, nullable)``; type is a :data:`~imrparse.export.rows.ColumnType` scalar.
    columns: tuple[tuple[str, str, bool], ...]
    #: The primary key's columns.
    primary_key: tuple[str, ...]
    #: The table the foreign key points to (by its primary key), if any.
    parent: str | None
    #: Indexes beyond the primary key.
    indexes: tuple[tuple[str, ...], ...] = ()
    #: For a list column's child table: the table and column it holds.
    list_of: tuple[str, str] | None = None


def _scalar(column: Column) -> str:
    return column.type.removeprefix("list[").removesuffix("]")


def schema_tables() -> tuple[Table, ...]:
    """Give every table of the database, parents before children.

    >>> [t.name for t in schema_tables()][:4]
    ['imrparse_schema', 'runs', 'letters', 'failures']
    >>> next(t for t in schema_tables() if t.name == "citations_pages").primary_key
    ('letter_id', 'decision_index', 'basis', 'citation_index', 'value_index')
    """
    tables = [
        Table("imrparse_schema", (("version", "integer", False),), ("version",), None),
        Table(
            "runs",
            (
                ("run_id", "serial", False),
                ("started_at", "string", False),
                ("finished_at", "string", True),
                ("imrparse_version", "string", False),
                ("arguments", "string", False),
                ("letters_loaded", "integer", False),
                ("letters_skipped", "integer", False),
                ("letters_failed", "integer", False),
            ),
            ("run_id",),
            None,
        ),
        Table(
            "letters",
            (
                ("letter_id", "string", False),
                ("path", "string", False),
                ("size_bytes", "integer", False),
                ("run_id", "integer", False),
            ),
            ("letter_id",),
            None,
            indexes=(("path",),),
        ),
        Table(
            "failures",
            (
                ("path", "string", False),
                ("content_hash", "string", True),
                ("run_id", "integer", False),
                ("error", "string", False),
                ("message", "string", False),
                ("line_number", "integer", True),
                ("column_number", "integer", True),
                ("expected", "string", True),
            ),
            ("path",),
            None,
        ),
    ]
    for name, columns in TABLES.items():
        key = _KEYS[name]
        scalars = tuple(
            (column.name, column.type, column.nullable)
            for column in columns
            if not column.type.startswith("list[")
        )
        tables.append(Table(name, scalars, key, _PARENTS[name], _INDEXES.get(name, ())))
        key_types = {column.name: column.type for column in columns}
        for column in columns:
            if column.type.startswith("list["):
                tables.append(
                    Table(
                        f"{name}_{column.name}",
                        (
                            *((k, key_types[k], False) for k in key),
                            ("value_index", "integer", False),
                            ("value", _scalar(column), False),
                        ),
                        (*key, "value_index"),
                        name,
                        list_of=(name, column.name),
                    )
                )
    return tuple(tables)


_TABLES = schema_tables()
_BY_NAME = {table.name: table for table in _TABLES}

# The kind of guideline a basis rests on, from its two flags.
_KIND = (
    "CASE WHEN NOT d.{p}_cites_evidence THEN 'no evidence' "
    "WHEN d.{p}_based_on_mtus THEN 'MTUS' ELSE 'non-MTUS' END"
)
_DECISIONS_FLAT = f"""
SELECT d.letter_id, l.path, t.case_number, t.decision_date, t.generation,
  COALESCE(
    (SELECT c.value FROM determinations_reviewer_certifications c
     WHERE c.letter_id = d.letter_id AND c.value_index = 0),
    t.reviewer_profession) AS reviewer_specialty,
  d.decision_index, d.item, d.outcome, d.request_name,
  d.request_category, d.request_subcategory, d.request_drug_class,
  {_KIND.format(p="reviewer")} AS reviewer_guideline_kind,
  {_KIND.format(p="claims_administrator")} AS claims_administrator_guideline_kind
FROM decisions d
JOIN determinations t ON t.letter_id = d.letter_id
JOIN letters l ON l.letter_id = d.letter_id
"""


class _Connection(Protocol):
    def cursor(self) -> Any: ...

    def commit(self) -> None: ...

    def rollback(self) -> None: ...

    def close(self) -> None: ...


@frozen
class _Dialect:
    name: str
    placeholder: str
    types: Mapping[str, str]
    create_view: str
    # A Python value as the driver takes it, for the columns that need it (``converted``:
    # the driver takes every other value as it is).
    convert: Callable[[Any], Any]
    # The places of those columns in each table's rows, by table name.
    converted: Mapping[str, tuple[int, ...]] = field(factory=dict)

    def driver_rows(self, table: str, rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
        """The rows of ``table`` with each value as the driver takes it."""
        places = self.converted.get(table)
        if not places:  # most tables: no date or flag to convert
            return rows
        convert = self.convert
        converted = []
        for row in rows:
            values = list(row)
            for place in places:
                values[place] = convert(values[place])
            converted.append(tuple(values))
        return converted

    def ddl(self) -> list[str]:
        statements = []
        for table in _TABLES:
            columns = [
                f"{name} {self.types[kind]}{'' if nullable else ' NOT NULL'}"
                for name, kind, nullable in table.columns
            ]
            constraints = [f"PRIMARY KEY ({', '.join(table.primary_key)})"]
            if table.parent:
                parent_key = _BY_NAME[table.parent].primary_key
                constraints.append(
                    f"FOREIGN KEY ({', '.join(table.primary_key[: len(parent_key)])}) "
                    f"REFERENCES {table.parent} ({', '.join(parent_key)})"
                )
            if table.name in ("letters", "failures"):
                constraints.append("FOREIGN KEY (run_id) REFERENCES runs (run_id)")
            if table.name == "runs":  # the identity column is its own key
                constraints = []
            body = ",\n  ".join(columns + constraints)
            statements.append(f"CREATE TABLE IF NOT EXISTS {table.name} (\n  {body}\n)")
            for index in table.indexes:
                statements.append(
                    f"CREATE INDEX IF NOT EXISTS {table.name}_{'_'.join(index)} "
                    f"ON {table.name} ({', '.join(index)})"
                )
        statements.append(f"{self.create_view} decisions_flat AS{_DECISIONS_FLAT}")
        return statements


def _places_of(kinds: set[str]) -> dict[str, tuple[int, ...]]:
    """The places of the columns of ``kinds`` in each table's rows, by table name."""
    return {
        table.name: places
        for table in _TABLES
        if (places := tuple(i for i, (_, kind, _) in enumerate(table.columns) if kind in kinds))
    }


def _sqlite_value(value: Any) -> Any:
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    return value


_SQLITE = _Dialect(
    "sqlite",
    "?",
    {
        "string": "TEXT",
        "integer": "INTEGER",
        "boolean": "INTEGER",
        "date": "TEXT",
        "serial": "INTEGER PRIMARY KEY",
    },
    "CREATE VIEW IF NOT EXISTS",
    _sqlite_value,
    _places_of({"date", "boolean"}),
)
_POSTGRES = _Dialect(
    "postgresql",
    "%s",
    {
        "string": "TEXT",
        "integer": "BIGINT",
        "boolean": "BOOLEAN",
        "date": "DATE",
        "serial": "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY",
    },
    "CREATE OR REPLACE VIEW",
    lambda value: value,
)


@frozen
class _Loaded:
    letter_id: str
    path: str
    size: int
    #: The record's rows by table (see :func:`_rows`), with this letter's id.
    rows: dict[str, list[tuple[Any, ...]]]


@frozen
class _Failed:
    path: str
    content_hash: str | None
    error: BaseException


class Database:
    """An open database in imrparse's schema; use it as a context manager.

    Open one with :meth:`open`. One process writes at a time.
    """

    def __init__(self, connection: _Connection, dialect: _Dialect, target: str) -> None:
        self._connection = connection
        self._dialect = dialect
        #: What was opened: a file path or a ``postgresql://`` URL.
        self.target = target

    @classmethod
    def open(cls, target: str | os.PathLike[str]) -> Database:
        """Open (and create, if new) a database and make sure it has the schema.

        Args:
            target: A SQLite file (``:memory:`` for none), or a ``postgresql://`` or
                ``postgres://`` URL (needs the ``postgres`` extra: psycopg 3).

        Returns:
            The database, with the schema in place.

        Raises:
            ImportError: A PostgreSQL URL and no psycopg.
            ValueError: The database was made for another schema version.
        """
        target = os.fspath(target)
        if target.startswith(("postgresql://", "postgres://")):
            try:
                import psycopg
            except ImportError as error:
                raise ImportError(
                    "a postgresql:// database needs psycopg 3: pip install 'imrparse[postgres]'"
                ) from error
            database = cls(psycopg.connect(target), _POSTGRES, target)
        else:
            connection = sqlite3.connect(target)
            connection.execute("PRAGMA foreign_keys = ON")
            database = cls(connection, _SQLITE, target)
        try:
            database._create_schema()
        except BaseException:
            database.close()
            raise
        return database

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection; what was not committed is lost, as after a crash."""
        self._connection.close()

    @property
    def dialect(self) -> str:
        """``'sqlite'`` or ``'postgresql'``."""
        return self._dialect.name

    def _sql(self, statement: str) -> str:
        return statement.replace("?", self._dialect.placeholder)

    def query(self, statement: str, parameters: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Run one SQL statement (``?`` for parameters in either dialect); give its rows.

        Args:
            statement: The SQL.
            parameters: Values for its ``?`` placeholders.

        Returns:
            The rows, as tuples.
        """
        cursor = self._connection.cursor()
        try:
            cursor.execute(self._sql(statement), tuple(parameters))
            rows = cursor.fetchall() if cursor.description else []
        finally:
            cursor.close()
        self._connection.commit()
        return [tuple(row) for row in rows]

    def _create_schema(self) -> None:
        cursor = self._connection.cursor()
        for statement in self._dialect.ddl():
            cursor.execute(statement)
        cursor.execute("SELECT version FROM imrparse_schema")
        versions = [row[0] for row in cursor.fetchall()]
        if not versions:
            cursor.execute(self._sql("INSERT INTO imrparse_schema (version) VALUES (?)"), (1,))
        elif versions != [SCHEMA_VERSION]:
            raise ValueError(
                f"{self.target} holds imrparse schema version {versions}, not "
                f"{SCHEMA_VERSION}: load into a new database"
            )
        cursor.close()
        self._connection.commit()

    def _has_letter(self, letter_id: str) -> bool:
        cursor = self._connection.cursor()
        cursor.execute(self._sql("SELECT 1 FROM letters WHERE letter_id = ?"), (letter_id,))
        found = cursor.fetchone() is not None
        cursor.close()
        return found

    def _start_run(self, arguments: Sequence[str], version: str) -> int:
        cursor = self._connection.cursor()
        cursor.execute(
            self._sql(
                "INSERT INTO runs (started_at, imrparse_version, arguments, letters_loaded,"
                " letters_skipped, letters_failed) VALUES (?, ?, ?, 0, 0, 0) RETURNING run_id"
            ),
            (_now(), version, json.dumps(list(arguments))),
        )
        (run_id,) = cursor.fetchone()
        cursor.close()
        self._connection.commit()
        return int(run_id)

    def _write(
        self, run_id: int, loaded: Sequence[_Loaded], failed: Sequence[_Failed], report: LoadReport
    ) -> None:
        """Write one batch and the run's counts so far in one transaction."""
        cursor = self._connection.cursor()
        driver_rows = self._dialect.driver_rows
        try:
            inserts: dict[str, list[tuple[Any, ...]]] = {}
            for letter in loaded:
                inserts.setdefault("letters", []).append(
                    (letter.letter_id, letter.path, letter.size, run_id)
                )
                for table, rows in letter.rows.items():
                    inserts.setdefault(table, []).extend(driver_rows(table, rows))
            for schema_table in _TABLES:  # parents first, for the foreign keys
                values = inserts.get(schema_table.name)
                if values:
                    names = [name for name, _, _ in schema_table.columns]
                    cursor.executemany(
                        self._sql(
                            f"INSERT INTO {schema_table.name} ({', '.join(names)}) "
                            f"VALUES ({', '.join('?' * len(names))})"
                        ),
                        values,
                    )
            if loaded:
                cursor.executemany(
                    self._sql("DELETE FROM failures WHERE path = ?"),
                    [(letter.path,) for letter in loaded],
                )
            if failed:
                cursor.executemany(
                    self._sql(
                        "INSERT INTO failures (path, content_hash, run_id, error, message,"
                        " line_number, column_number, expected) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                        " ON CONFLICT (path) DO UPDATE SET content_hash = excluded.content_hash,"
                        " run_id = excluded.run_id, error = excluded.error,"
                        " message = excluded.message, line_number = excluded.line_number,"
                        " column_number = excluded.column_number, expected = excluded.expected"
                    ),
                    [_failure_row(failure, run_id) for failure in failed],
                )
            cursor.execute(
                self._sql(
                    "UPDATE runs SET letters_loaded = ?, letters_skipped = ?, letters_failed = ?"
                    " WHERE run_id = ?"
                ),
                (report.loaded, report.skipped, report.failed, run_id),
            )
            self._connection.commit()
        except BaseException:
            self._connection.rollback()
            raise
        finally:
            cursor.close()

    def _finish_run(self, run_id: int) -> None:
        self.query("UPDATE runs SET finished_at = ? WHERE run_id = ?", (_now(), run_id))


def _now() -> str:
    return datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")


def _rows(record: Determination, letter_id: str) -> dict[str, list[tuple[Any, ...]]]:
    """The record's rows by table, list columns moved out to their child tables.

    Each row's values are in its table's column order, the letter id first.
    """
    out: dict[str, list[tuple[Any, ...]]] = {}
    for name, rows in to_rows(record, letter_id=letter_id).items():
        values_of, key_of, lists = _ROW_READERS[name]
        for row in rows:
            out.setdefault(name, []).append(values_of(row))
            key = key_of(row)
            for column in lists:
                values = row[column]
                assert isinstance(values, tuple)
                out.setdefault(f"{name}_{column}", []).extend(
                    (*key, index, value) for index, value in enumerate(values)
                )
    return out


def _letter_rows(record: Determination, key: str) -> dict[str, list[tuple[Any, ...]]]:
    """The record's rows, made where the letter was read, its id left for the loader.

    The letter id is the SHA-256 of the bytes the loader read, which it alone has: each
    row's first value, put in by :func:`_with_letter_id`. Rows (plain tuples) cost the
    loader far less to receive from a worker than the record, and building them there
    takes that work off the one process that writes the database.
    """
    return _rows(record, "")


def _with_letter_id(
    rows: dict[str, list[tuple[Any, ...]]], letter_id: str
) -> dict[str, list[tuple[Any, ...]]]:
    """``rows`` (of :func:`_letter_rows`) with ``letter_id`` as each row's first value."""
    return {table: [(letter_id, *row[1:]) for row in values] for table, values in rows.items()}


def _row_reader(names: Sequence[str]) -> Callable[[Mapping[str, Any]], tuple[Any, ...]]:
    """A function that gives a row's values of ``names``, in order, as a tuple."""
    if len(names) == 1:  # itemgetter of one name gives the value, not a tuple
        (only,) = names
        return lambda row: (row[only],)
    return itemgetter(*names)


# For each table that to_rows gives: its row's values in the database's column order, its
# primary key, and its list columns (each moved out to a child table).
_ROW_READERS = {
    name: (
        _row_reader([column for column, _, _ in _BY_NAME[name].columns]),
        _row_reader(_BY_NAME[name].primary_key),
        tuple(column.name for column in columns if column.type.startswith("list[")),
    )
    for name, columns in TABLES.items()
}


def _failure_row(failure: _Failed, run_id: int) -> tuple[Any, ...]:
    error = failure.error
    parse_error = error if isinstance(error, ParseError) else None
    message = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
    return (
        failure.path,
        failure.content_hash,
        run_id,
        type(error).__name__,
        message,
        parse_error.line if parse_error else None,
        parse_error.column if parse_error else None,
        parse_error.expected if parse_error else None,
    )


@mutable
class LoadReport:
    """What one :func:`load` did."""

    #: The ``runs.run_id`` of this load.
    run_id: int = 0
    #: Letters written to the database.
    loaded: int = 0
    #: Letters already in it (same bytes), or named twice in this load.
    skipped: int = 0
    #: Letters that could not be read or parsed (see the ``failures`` table).
    failed: int = 0
    #: ``(path, error)`` of each failure, in input order.
    failures: list[tuple[str, BaseException]] = field(factory=list)


def _content(source: Source) -> bytes:
    if isinstance(source.letter, str):
        return source.letter.encode("utf-8")
    if isinstance(source.letter, bytes):
        return source.letter
    with open(source.letter, "rb") as file:
        return file.read()


def _letter(source: Source, content: bytes, encoding: str) -> Letter:
    # Bytes are read as batch reading reads them: a PDF by its bytes, text decoded with
    # ``encoding`` ("auto" guesses, with a warning in the record).
    return source.letter if isinstance(source.letter, str) else content


def load(
    database: Database,
    sources: Iterable[Source],
    *,
    jobs: int | None = 1,
    strict: bool = True,
    encoding: str = DEFAULT_ENCODING,
    batch_size: int = 64,
    arguments: Sequence[str] = (),
    on_failure: Callable[[str, BaseException], None] | None = None,
) -> LoadReport:
    """Parse letters and write every new one into the database.

    Args:
        database: From :meth:`Database.open`.
        sources: The letters (:func:`imrparse.batch.sources.expand` gives them for paths).
        jobs: Worker processes for parsing (see :func:`imrparse.parse_many`).
        strict: ``False`` for lenient mode.
        encoding: How text files are decoded.
        batch_size: Letters per transaction.
        arguments: Recorded in ``runs.arguments``.
        on_failure: Called with the path and the error of each letter that fails.

    Returns:
        What was loaded, skipped and failed.
    """
    report = LoadReport(run_id=database._start_run(arguments, __version__))
    pending: deque[tuple[str, str, int]] = deque()
    seen: set[str] = set()
    loaded: list[_Loaded] = []
    failed: list[_Failed] = []

    def fail(path: str, content_hash: str | None, error: BaseException) -> None:
        failed.append(_Failed(path, content_hash, error))
        report.failed += 1
        report.failures.append((path, error))
        if on_failure:
            on_failure(path, error)

    def letters() -> Iterator[Letter]:
        for source in sources:
            try:
                content = _content(source)
            except OSError as error:
                fail(source.name, None, error)
                continue
            letter_id = hashlib.sha256(content).hexdigest()
            if letter_id in seen or database._has_letter(letter_id):
                report.skipped += 1
                continue
            seen.add(letter_id)
            try:
                letter = _letter(source, content, encoding)
            except UnicodeDecodeError as error:
                fail(source.name, letter_id, error)
                continue
            pending.append((source.name, letter_id, len(content)))
            yield letter

    def flush() -> None:
        database._write(report.run_id, loaded, failed, report)
        loaded.clear()
        failed.clear()

    # In worker processes the rows are made where the letter is read; in this one, here.
    prepare = None if jobs == 1 else _letter_rows
    reads = read_many(letters(), jobs=jobs, strict=strict, encoding=encoding, prepare=prepare)
    for read in reads:
        path, letter_id, size = pending.popleft()
        result = read.result
        if isinstance(result, Exception):
            fail(path, letter_id, result)
        else:
            if isinstance(result, Prepared):
                rows = _with_letter_id(result.output, letter_id)
            else:
                rows = _rows(result, letter_id)
            loaded.append(_Loaded(letter_id, path, size, rows))
            report.loaded += 1
        if len(loaded) + len(failed) >= batch_size:
            flush()
    flush()
    database._finish_run(report.run_id)
    return report
