"""The Parquet writer's row groups: the same tables however the rows are grouped."""

from __future__ import annotations

import os
import pathlib
import subprocess
import sys
import types

import pytest

import imrparse
from imrparse.export.rows import TABLES, Row, to_rows

pq = pytest.importorskip("pyarrow.parquet")

from imrparse.export.parquet import ParquetTableWriter, arrow_table  # noqa: E402

LETTERS = sorted((pathlib.Path(__file__).parent / "data" / "letters").glob("*.txt"))


def letters_rows(count: int) -> list[dict[str, list[Row]]]:
    """The rows of ``count`` letters: the fixture letters over and over, each its own id."""
    records = [imrparse.parse(path.read_text(encoding="utf-8")) for path in LETTERS]
    return [
        to_rows(records[i % len(records)], letter_id=f"letters/{i:05d}.txt") for i in range(count)
    ]


def write(out: pathlib.Path, letters: list[dict[str, list[Row]]], **sizes: int) -> None:
    with ParquetTableWriter(out, **sizes) as writer:
        for rows in letters:
            writer.write(rows)


def group_rows(path: pathlib.Path) -> list[int]:
    metadata = pq.ParquetFile(path).metadata
    return [metadata.row_group(i).num_rows for i in range(metadata.num_row_groups)]


def test_files_read_back_as_the_arrow_tables_of_their_rows(tmp_path):
    letters = letters_rows(300)
    # Small groups that grow: many groups of several sizes in every large table.
    write(tmp_path, letters, batch_bytes=2_000, max_batch_bytes=20_000)
    assert len(group_rows(tmp_path / "determinations.parquet")) > 20
    for table in TABLES:
        rows = [row for letter in letters for row in letter[table]]
        read = pq.read_table(tmp_path / f"{table}.parquet")
        expected = arrow_table(table, rows)
        assert read.schema.equals(expected.schema, check_metadata=True), table
        assert read.equals(expected), table


def test_row_groups_grow_to_a_sixteenth_of_what_the_table_has_written(tmp_path):
    letters = letters_rows(400)
    write(tmp_path / "fixed", letters, batch_bytes=2_000, max_batch_bytes=2_000)
    write(tmp_path / "growing", letters, batch_bytes=2_000, max_batch_bytes=40_000)
    fixed = group_rows(tmp_path / "fixed" / "determinations.parquet")
    growing = group_rows(tmp_path / "growing" / "determinations.parquet")
    assert sum(fixed) == sum(growing) == 400
    # The same groups until the table has written 16 times batch_bytes, larger after.
    assert growing[:10] == fixed[:10]
    assert max(growing) > 4 * max(fixed)
    assert len(growing) < len(fixed) / 2


def test_row_groups_stop_growing_at_max_batch_bytes(tmp_path):
    letters = letters_rows(600)
    write(tmp_path / "capped", letters, batch_bytes=2_000, max_batch_bytes=10_000)
    write(tmp_path / "larger", letters, batch_bytes=2_000, max_batch_bytes=40_000)
    capped = group_rows(tmp_path / "capped" / "determinations.parquet")
    larger = group_rows(tmp_path / "larger" / "determinations.parquet")
    # A determinations row is about a kilobyte: ten of them fill a group of 10,000.
    assert max(capped) <= 12
    assert max(larger) > 30


def test_the_private_writer_and_its_public_fallback_write_the_same_files(tmp_path, monkeypatch):
    import pyarrow._parquet

    letters = letters_rows(200)
    write(tmp_path / "private", letters, batch_bytes=2_000, max_batch_bytes=20_000)
    with ParquetTableWriter(tmp_path / "seen") as writer:
        assert type(writer._writers["decisions"]) is pyarrow._parquet.ParquetWriter

    def changed_writer(*args: object, **options: object) -> None:
        raise TypeError("__cinit__() got an unexpected keyword argument 'store_schema'")

    # A pyarrow without the private module, and one whose writer takes other arguments.
    changed = types.SimpleNamespace(ParquetWriter=changed_writer)
    # pyarrow.parquet keeps the module it imported, so only imrparse sees these.
    for code, private in (("missing", None), ("changed", changed)):
        monkeypatch.setitem(sys.modules, "pyarrow._parquet", private)
        write(tmp_path / code, letters, batch_bytes=2_000, max_batch_bytes=20_000)
        with ParquetTableWriter(tmp_path / "seen") as writer:
            assert type(writer._writers["decisions"]) is pq.ParquetWriter
        monkeypatch.undo()

        for table in TABLES:
            before = pq.read_table(tmp_path / "private" / f"{table}.parquet")
            after = pq.read_table(tmp_path / code / f"{table}.parquet")
            assert after.schema.equals(before.schema, check_metadata=True), (code, table)
            assert after.equals(before), (code, table)
            assert before.num_rows == sum(len(letter[table]) for letter in letters)
            # The same options too: the same encodings, statistics and row groups.
            new = (tmp_path / code / f"{table}.parquet").read_bytes()
            assert new == (tmp_path / "private" / f"{table}.parquet").read_bytes(), (code, table)


POOL_VARIABLE = "ARROW_DEFAULT_MEMORY_POOL"

# The command, in a fresh process, writing one letter's tables; then what it imported,
# and the default pool that pyarrow chose.
COMMAND = f"""
import os, sys
from imrparse.cli.main import main
status = main(["parse", sys.argv[1], "--format", "parquet", "--out", sys.argv[2]])
import pyarrow
print(status, pyarrow.default_memory_pool().backend_name, os.environ.get("{POOL_VARIABLE}"))
print(" ".join(sorted(name for name in sys.modules if name.startswith("pyarrow"))))
"""


def run_command(out: pathlib.Path, **env: str) -> list[list[str]]:
    environment = {key: value for key, value in os.environ.items() if key != POOL_VARIABLE}
    source = str(pathlib.Path(imrparse.__file__).resolve().parent.parent)
    environment["PYTHONPATH"] = os.pathsep.join(
        filter(None, [source, os.environ.get("PYTHONPATH")])
    )
    printed = subprocess.run(
        [sys.executable, "-c", COMMAND, str(LETTERS[0]), str(out)],
        env=environment | env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return [line.split() for line in printed.splitlines()]


def test_the_command_writes_parquet_with_the_system_allocator_and_no_file_systems(tmp_path):
    (status, backend, variable), modules = run_command(tmp_path / "tables")
    # The variable was set for pyarrow's import only.
    assert (status, backend, variable) == ("0", "system", "None")
    # Not pyarrow.parquet, which imports pyarrow.fs and the cloud file systems.
    assert "pyarrow._parquet" in modules
    assert not {"pyarrow.parquet", "pyarrow.fs", "pyarrow._s3fs"} & set(modules)
    assert pq.read_table(tmp_path / "tables" / "sources.parquet").num_rows == 1


def test_the_command_keeps_the_memory_pool_that_its_user_chose(tmp_path):
    import pyarrow

    if "mimalloc" not in pyarrow.supported_memory_backends():
        pytest.skip("this pyarrow has no mimalloc")
    (status, backend, variable), _ = run_command(tmp_path / "tables", **{POOL_VARIABLE: "mimalloc"})
    assert (status, backend, variable) == ("0", "mimalloc", "mimalloc")
