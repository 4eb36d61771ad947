"""Write the rows of :func:`imrparse.to_rows` to one file per table, as they come.

A writer holds one open file per table of :data:`imrparse.export.rows.TABLES` and appends
each letter's rows, so a run over a million letters keeps only the open files (and, for
Parquet, one row group per table) in memory.

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
import pathlib
from collections.abc import Iterable, Mapping, Sequence
from types import TracebackType
from typing import IO, Literal, Protocol, Self

from imrparse.export.rows import TABLES, Row, Value

__all__ = ["CsvTableWriter", "TableFormat", "TableWriter", "csv_cell", "open_table_writer"]

#: The file formats a table writer can write.
TableFormat = Literal["csv", "parquet"]


class TableWriter(Protocol):
    """Something that appends rows to one file per table: use it in a ``with`` block."""

    def write(self, rows: Mapping[str, Sequence[Row]]) -> None:
        """Append the rows of one or more letters, table name to rows."""

    def close(self) -> None:
        """Finish and close every file."""

    def __enter__(self) -> Self: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...


def open_table_writer(out_dir: pathlib.Path, table_format: TableFormat) -> TableWriter:
    """Create ``out_dir`` if needed and open one file per table in it.

    Existing files of the same names are replaced.

    Args:
        out_dir: The folder for the tables (``determinations.csv``, ...).
        table_format: ``'csv'``, or ``'parquet'`` (needs the ``parquet`` extra).

    Returns:
        The writer.

    Raises:
        ImportError: Parquet was asked for and pyarrow is not installed.
        ValueError: An unknown format.
    """
    if table_format == "csv":
        return CsvTableWriter(out_dir)
    if table_format == "parquet":
        # Imported here: pyarrow is an optional extra.
        from imrparse.export.parquet import ParquetTableWriter

        return ParquetTableWriter(out_dir)
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


class CsvTableWriter:
    """Write each table as ``<out_dir>/<table>.csv``: UTF-8, a header row, RFC 4180 quoting.

    Args:
        out_dir: The folder for the files; created if missing.
    """

    def __init__(self, out_dir: pathlib.Path) -> None:
        out_dir.mkdir(parents=True, exist_ok=True)
        self._files: dict[str, IO[str]] = {}
        self._writers: dict[str, _CsvWriter] = {}
        for name, columns in TABLES.items():
            file = (out_dir / f"{name}.csv").open("w", encoding="utf-8", newline="")
            self._files[name] = file
            self._writers[name] = csv.writer(file)
            self._writers[name].writerow([column.name for column in columns])

    def write(self, rows: Mapping[str, Sequence[Row]]) -> None:
        """Append rows, table name to rows; each row has its table's columns in order.

        Args:
            rows: What :func:`imrparse.to_rows` returns, or several letters' worth.
        """
        for name, table_rows in rows.items():
            names = [column.name for column in TABLES[name]]
            self._writers[name].writerows(
                [csv_cell(row[column]) for column in names] for row in table_rows
            )

    def close(self) -> None:
        """Close every file."""
        for file in self._files.values():
            file.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


class _CsvWriter(Protocol):
    # The type of csv.writer's result, which the csv module does not name.
    def writerow(self, row: Sequence[str]) -> object: ...

    def writerows(self, rows: Iterable[Iterable[str]]) -> None: ...
