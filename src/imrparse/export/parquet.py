"""Parquet files of the tables, with an explicit Arrow schema (the ``parquet`` extra).

Install with ``pip install 'imrparse[parquet]'``. Each table of
:data:`imrparse.export.rows.TABLES` has a fixed Arrow schema, so files written by different
runs, machines or partitions always agree, even where a column happens to be all null.

>>> schema = arrow_schema("citations")
>>> schema.field("pages").type
ListType(list<element: int64 not null>)
>>> schema.field("title").nullable, schema.field("text").nullable
(True, False)
"""

from __future__ import annotations

import importlib.util
import pathlib
from collections.abc import Mapping, Sequence
from typing import Any

from imrparse.export.rows import TABLES, Column, ColumnType, Row
from imrparse.export.table_files import TableFiles, partial_path
from imrparse.version import __version__

__all__ = ["ParquetTableWriter", "arrow_schema", "arrow_table", "check_pyarrow"]

_MISSING = "Parquet output needs pyarrow: install the extra with pip install 'imrparse[parquet]'"


def check_pyarrow() -> None:
    """Raise the ImportError that writing Parquet would, without importing pyarrow.

    Importing pyarrow starts a thread (its allocator's), and a process that runs a thread
    cannot fork safely: the command checks first and imports pyarrow only once its
    workers have forked.
    """
    if importlib.util.find_spec("pyarrow") is None:
        raise ImportError(_MISSING)


def _pyarrow() -> Any:
    # pyarrow ships no type information, so it is typed Any here and imported only when
    # used: the core install does not have it.
    try:
        import pyarrow  # type: ignore[import-untyped, import-not-found, unused-ignore]
    except ImportError as error:
        raise ImportError(_MISSING) from error
    return pyarrow


# The options that pyarrow.parquet.ParquetWriter gives the writer it wraps by default,
# given to either writer so that both write the same files; and the one changed here.
_WRITER_OPTIONS: dict[str, Any] = {
    "version": "2.6",
    "compression": "snappy",
    "use_dictionary": True,
    "write_statistics": True,
    "writer_engine_version": "V2",
    "data_page_version": "1.0",
    "store_schema": True,
    # A column of distinct texts (summaries, paths, hashes) fills a dictionary until this
    # limit and then falls back to plain encoding; the default (1 MB) holds about 2 MB
    # more in the encoder's pool before it does. The columns of a few values (outcomes,
    # names, letter ids) stay far below.
    "dictionary_pagesize_limit": 64 * 1024,
}


def _parquet_writer(path: pathlib.Path, schema: Any, pool: Any) -> Any:
    """Open a Parquet file writer: pyarrow's private one, or else the public one.

    The private one is the Cython class that :class:`pyarrow.parquet.ParquetWriter` wraps;
    the public one serves where it is missing or takes other arguments. ``import
    pyarrow.parquet`` imports ``pyarrow.fs`` and with it the S3, GCS, Azure and
    HDFS file systems, about 6 MB of RSS that a local file does not need.
    """
    try:
        from pyarrow._parquet import (  # type: ignore[import-untyped, import-not-found, unused-ignore]
            ParquetWriter,
        )

        return ParquetWriter(str(path), schema, memory_pool=pool, **_WRITER_OPTIONS)
    except (ImportError, TypeError):  # TypeError: arguments it does not take
        return _public_parquet_writer(path, schema, pool)


def _public_parquet_writer(path: pathlib.Path, schema: Any, pool: Any) -> Any:
    try:
        import pyarrow.parquet  # type: ignore[import-untyped, import-not-found, unused-ignore]
    except ImportError as error:
        raise ImportError(_MISSING) from error
    return pyarrow.parquet.ParquetWriter(str(path), schema, memory_pool=pool, **_WRITER_OPTIONS)


def _arrow_type(pa: Any, column_type: ColumnType) -> Any:
    scalars = {
        "string": pa.string(),
        "integer": pa.int64(),
        "boolean": pa.bool_(),
        "date": pa.date32(),
    }
    if column_type.startswith("list["):
        # Items are never null; "element" is the item name Parquet itself uses, so a
        # schema read back from a file equals the one it was written with.
        return pa.list_(pa.field("element", scalars[column_type[5:-1]], nullable=False))
    return scalars[column_type]


def arrow_schema(table: str, columns: Sequence[Column] | None = None) -> Any:
    """Give the Arrow schema of one table.

    Column order, names and nullability follow :data:`imrparse.export.rows.TABLES`; each
    field's metadata holds its description, and the schema's metadata the table name and
    the imrparse version that wrote it.

    Args:
        table: A table name (``'determinations'``, ``'decisions'``, ...).
        columns: The table's columns, for a table that is not in ``TABLES``.

    Returns:
        A :class:`pyarrow.Schema`.

    Raises:
        ImportError: pyarrow is not installed.
        KeyError: No such table.
    """
    pa = _pyarrow()
    fields = [
        pa.field(
            column.name,
            _arrow_type(pa, column.type),
            nullable=column.nullable,
            metadata={"description": column.description},
        )
        for column in (TABLES[table] if columns is None else columns)
    ]
    return pa.schema(fields, metadata={"imrparse.table": table, "imrparse.version": __version__})


def arrow_table(table: str, rows: Sequence[Row], columns: Sequence[Column] | None = None) -> Any:
    """Build an Arrow table of one table's rows, with its :func:`arrow_schema`.

    Args:
        table: The table name.
        rows: Rows of that table from :func:`imrparse.to_rows`.
        columns: The table's columns, for a table that is not in ``TABLES``.

    Returns:
        A :class:`pyarrow.Table` (empty rows give an empty table of the right schema).

    Raises:
        ImportError: pyarrow is not installed.
    """
    pa = _pyarrow()
    return pa.Table.from_pylist(list(rows), schema=arrow_schema(table, columns))


class ParquetTableWriter(TableFiles):
    """Write each table as ``<out_dir>/<table>.parquet``, one row group per batch of rows.

    Rows are held, column by column, until a table has ``batch_rows`` of them or enough
    text, then written as one row group, so memory stays bounded however many letters
    are written, and tables of long texts (summaries, rationales) get fewer rows to a
    group than tables of short ones. Enough text is ``batch_bytes`` at first and then a
    sixteenth of what the table has written so far, up to ``max_batch_bytes``: a file
    keeps the metadata of every row group in memory until it is closed (about 0.9 KB a
    column), which over tens of thousands of letters costs more than a larger group
    does, while a short run is best with small groups (each MB of a row group costs
    the process several MB while it is converted and encoded).

    Args:
        out_dir: The folder for the files; created if missing.
        batch_rows: Rows per row group at most.
        batch_bytes: Characters of text (plus a few bytes a cell) per row group, about,
            at least.
        max_batch_bytes: The same, at most, once a table has written a lot.
        tables: The tables and their columns.

    Raises:
        ImportError: pyarrow is not installed.
    """

    def __init__(
        self,
        out_dir: pathlib.Path,
        *,
        batch_rows: int = 10_000,
        batch_bytes: int = 100_000,
        max_batch_bytes: int = 1_000_000,
        tables: Mapping[str, tuple[Column, ...]] = TABLES,
    ) -> None:
        pa = _pyarrow()
        super().__init__(out_dir, ".parquet", tables)
        self._batch_rows = batch_rows
        self._batch_bytes = batch_bytes
        self._max_batch_bytes = max_batch_bytes
        self._tables = tables
        # Pending rows as one list per column: a third of the memory of row dicts.
        self._pending: dict[str, dict[str, list[Any]]] = {
            name: {column.name: [] for column in columns} for name, columns in tables.items()
        }
        self._appends = {
            name: [(column, values.append) for column, values in pending.items()]
            for name, pending in self._pending.items()
        }
        self._pending_rows = dict.fromkeys(tables, 0)
        self._pending_bytes = dict.fromkeys(tables, 0)
        self._written_bytes = dict.fromkeys(tables, 0)
        self._group_bytes = dict.fromkeys(tables, batch_bytes)  # enough text for a group
        self._text_columns = {
            name: [column.name for column in columns if column.type == "string"]
            for name, columns in tables.items()
        }
        self._schemas = {name: arrow_schema(name, columns) for name, columns in tables.items()}
        # The system allocator, not pyarrow's default (mimalloc): mimalloc keeps what a
        # row group's arrays used, about ten times their size, once they are freed.
        self._pool = pa.system_memory_pool()
        self._writers: dict[str, Any] = {
            name: _parquet_writer(partial_path(self._paths[name]), self._schemas[name], self._pool)
            for name in tables
        }

    def _append(self, name: str, rows: Sequence[Row]) -> None:
        # This runs in the parent process for every letter of a parallel run, where each
        # microsecond is taken from the workers: bound appends, and lengths of text only.
        appends = self._appends[name]
        size = 8 * len(rows) * len(appends)
        for row in rows:
            for column, append in appends:
                append(row[column])
            for column in self._text_columns[name]:
                text = row[column]
                if isinstance(text, str):
                    size += len(text)
        self._pending_rows[name] += len(rows)
        self._pending_bytes[name] += size
        if (
            self._pending_rows[name] >= self._batch_rows
            or self._pending_bytes[name] >= self._group_bytes[name]
        ):
            self._flush(name)

    def _flush(self, name: str) -> None:
        if self._pending_rows[name]:
            pa = _pyarrow()
            schema = self._schemas[name]
            # Built one column at a time in the writer's pool, written, and dropped.
            columns = [
                pa.array(values, type=schema.field(column).type, memory_pool=self._pool)
                for column, values in self._pending[name].items()
            ]
            self._writers[name].write_table(pa.Table.from_arrays(columns, schema=schema))
            del columns
            # The Parquet encoder takes its page and dictionary buffers from pyarrow's
            # default pool whatever the writer's pool (pyarrow does not pass it on), and
            # that pool, mimalloc unless ARROW_DEFAULT_MEMORY_POOL says otherwise (the
            # command sets it), keeps freed memory resident for a second or so: about
            # 10 MB over a run. Given back after each row group.
            pa.default_memory_pool().release_unused()
            for values in self._pending[name].values():
                values.clear()  # in place: _append holds their append methods
            self._written_bytes[name] += self._pending_bytes[name]
            self._pending_rows[name] = self._pending_bytes[name] = 0
            sixteenth = min(self._max_batch_bytes, self._written_bytes[name] // 16)
            self._group_bytes[name] = max(self._batch_bytes, sixteenth)

    def _finish(self, name: str) -> None:
        self._flush(name)
        self._writers[name].close()
