"""Write the rows of :func:`imrparse.to_rows` to one file per table, as they come.

A writer holds one open file per table of :data:`imrparse.export.rows.TABLES` and appends
each letter's rows, so a run over a million letters keeps only the open files (and, for
Parquet, one small row group per table) in memory.

Each file is written under a temporary name (``decisions.csv.partial``) and renamed to
its own name when the writer is closed, so a file under its own name is always whole: a
process killed outright leaves only ``.partial`` files behind.

>>> import pathlib, tempfile
>>> import imrparse
>>> d = imrparse.Determination(
...     generation="2013", case=None, reviewer=imrparse.Reviewer(),
...     claimant=imrparse.Claimant(), diagnoses=("lumbago",),
...     medications=(), summary="...", decisions=(),
... )
>>> out = pathlib.Path(tempfile.mkdtemp())
>>> with open_table_writer(out, "csv") as writer:
...     writer.write(imrparse.to_rows(d, letter_id="a.txt"))
>>> print((out / "diagnoses.csv").read_text(), end="")
letter_id,diagnosis_index,diagnosis
a.txt,0,lumbago
"""

from __future__ import annotations

import csv
import datetime
import json
import os
import pathlib
from collections.abc import Iterable, Mapping, Sequence
from types import TracebackType
from typing import IO, Literal, Protocol, Self

from imrparse.export.rows import TABLES, Column, Row, Value

__all__ = [
    "FAILURES",
    "PARTIAL_SUFFIX",
    "SOURCES",
    "CsvTableWriter",
    "TableFormat",
    "TableWriter",
    "csv_cell",
    "open_table_writer",
    "partial_path",
]

#: The file formats a table writer can write.
TableFormat = Literal["csv", "parquet"]
#: Added to a table file's name while it is being written.
PARTIAL_SUFFIX = ".partial"

#: The table of the letters that the command line read: where each record came from.
SOURCES: tuple[Column, ...] = (
    Column("letter_id", "string", False, "The letter's key, as in the other tables."),
    Column("path", "string", False, "The file as the command found it, or '<stdin>'."),
    Column("sha256", "string", False, "SHA-256 of the file's bytes, hex."),
)
#: The table of the files that the command line did not read into a record, and why.
FAILURES: tuple[Column, ...] = (
    Column("path", "string", False, "The file as the command found it, or '<stdin>'."),
    Column(
        "kind",
        "string",
        False,
        "Why: template, empty, binary, decoding, pdf, file, missing-extra, other "
        "(failed); duplicate, folder-link (skipped).",
    ),
    Column("error", "string", False, "The exception's class name, or 'Skipped'."),
    Column("message", "string", False, "What went wrong, for a person."),
    Column("line", "integer", True, "Template failures: the line where reading stopped."),
    Column("column", "integer", True, "Template failures: the column."),
    Column("sha256", "string", True, "SHA-256 of the file's bytes, when they were read."),
)


def partial_path(path: pathlib.Path) -> pathlib.Path:
    """Give the temporary name a file is written under until it is whole.

    >>> partial_path(pathlib.Path("tables/decisions.csv")).name
    'decisions.csv.partial'
    """
    return path.with_name(path.name + PARTIAL_SUFFIX)


class TableWriter(Protocol):
    """Something that appends rows to one file per table: use it in a ``with`` block."""

    def write(self, rows: Mapping[str, Sequence[Row]]) -> None:
        """Append the rows of one or more letters, table name to rows."""

    def close(self) -> None:
        """Finish and close every file, and give each its own name."""

    @property
    def files(self) -> Mapping[str, pathlib.Path]:
        """Each table's file (under its own name)."""

    @property
    def rows(self) -> Mapping[str, int]:
        """Rows written so far, per table."""

    def __enter__(self) -> Self: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...


def open_table_writer(
    out_dir: pathlib.Path,
    table_format: TableFormat,
    *,
    tables: Mapping[str, tuple[Column, ...]] = TABLES,
) -> TableWriter:
    """Create ``out_dir`` if needed and open one file per table in it.

    Existing files of the same names are replaced when the writer is closed.

    Args:
        out_dir: The folder for the tables (``determinations.csv``, ...).
        table_format: ``'csv'``, or ``'parquet'`` (needs the ``parquet`` extra).
        tables: The tables and their columns (default: those of :func:`imrparse.to_rows`).

    Returns:
        The writer.

    Raises:
        ImportError: Parquet was asked for and pyarrow is not installed.
        ValueError: An unknown format.
    """
    if table_format == "csv":
        return CsvTableWriter(out_dir, tables=tables)
    if table_format == "parquet":
        # Imported here: pyarrow is an optional extra.
        from imrparse.export.parquet import ParquetTableWriter

        return ParquetTableWriter(out_dir, tables=tables)
    raise ValueError(f"unknown table format {table_format!r}: expected 'csv' or 'parquet'")


def csv_cell(value: Value) -> str:
    """Write one value as the text of a CSV cell.

    Empty for ``None``, ISO 8601 for dates, ``true``/``false`` for booleans, a JSON array
    for lists (unambiguous whatever the items hold), the text itself otherwise.

    Args:
        value: A value from a row of :func:`imrparse.to_rows`.

    Returns:
        The cell's text.

    >>> [csv_cell(v) for v in (None, True, 38, ("Opioids", "NSAIDs"), (76, 77))]
    ['', 'true', '38', '["Opioids", "NSAIDs"]', '[76, 77]']
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, tuple):
        return json.dumps(list(value), ensure_ascii=False)
    return str(value)


class TableFiles:
    """What every table writer shares: one file per table, row counts, rename on close.

    A subclass opens its files under their ``.partial`` names in ``__init__`` and
    implements :meth:`_append` and :meth:`_finish`.
    """

    def __init__(self, out_dir: pathlib.Path, suffix: str, tables: Mapping[str, object]) -> None:
        out_dir.mkdir(parents=True, exist_ok=True)
        self._paths = {name: out_dir / f"{name}{suffix}" for name in tables}
        self._rows = dict.fromkeys(tables, 0)
        self._closed = False

    @property
    def files(self) -> Mapping[str, pathlib.Path]:
        """Each table's file (under its own name)."""
        return self._paths

    @property
    def rows(self) -> Mapping[str, int]:
        """Rows written so far, per table."""
        return self._rows

    def write(self, rows: Mapping[str, Sequence[Row]]) -> None:
        """Append rows, table name to rows; each row has its table's columns in order.

        Args:
            rows: What :func:`imrparse.to_rows` returns, or several letters' worth.
        """
        for name, table_rows in rows.items():
            self._append(name, table_rows)
            self._rows[name] += len(table_rows)

    def close(self) -> None:
        """Write what is pending, close every file and give it its own name."""
        if self._closed:
            return
        self._closed = True
        for name in self._paths:
            self._finish(name)
            os.replace(partial_path(self._paths[name]), self._paths[name])

    def _append(self, name: str, rows: Sequence[Row]) -> None:
        raise NotImplementedError

    def _finish(self, name: str) -> None:
        raise NotImplementedError

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


class CsvTableWriter(TableFiles):
    """Write each table as ``<out_dir>/<table>.csv``: UTF-8, a header row, RFC 4180 quoting.

    Args:
        out_dir: The folder for the files; created if missing.
        tables: The tables and their columns.
    """

    def __init__(
        self, out_dir: pathlib.Path, *, tables: Mapping[str, tuple[Column, ...]] = TABLES
    ) -> None:
        super().__init__(out_dir, ".csv", tables)
        self._tables = tables
        self._files: dict[str, IO[str]] = {}
        self._writers: dict[str, _CsvWriter] = {}
        for name, columns in tables.items():
            file = partial_path(self._paths[name]).open("w", encoding="utf-8", newline="")
            self._files[name] = file
            self._writers[name] = csv.writer(file)
            self._writers[name].writerow([column.name for column in columns])

    def _append(self, name: str, rows: Sequence[Row]) -> None:
        names = [column.name for column in self._tables[name]]
        self._writers[name].writerows([csv_cell(row[column]) for column in names] for row in rows)

    def _finish(self, name: str) -> None:
        self._files[name].close()


class _CsvWriter(Protocol):
    # The type of csv.writer's result, which the csv module does not name.
    def writerow(self, row: Sequence[str]) -> object: ...

    def writerows(self, rows: Iterable[Iterable[str]]) -> None: ...
