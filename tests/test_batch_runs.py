"""Batch runs a data engineer can trust: complete or visibly partial, nothing lost.

Each test drives the real entry point (``python -m imrparse``) in a subprocess. Stopped
runs are stopped by a signal once they have written something, found by polling: no
test sleeps a fixed time or asserts how long anything took.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import pathlib
import signal
import subprocess
import sys
import time

import pytest

import imrparse
import support
from imrparse.batch.many import letter_key

SRC = pathlib.Path(__file__).parent.parent / "src"
DATA = pathlib.Path(__file__).parent / "data"
SEEDS = sorted((DATA / "letters").glob("seed_*.txt"))
TEXTS = [path.read_text(encoding="utf-8") for path in SEEDS]
# Generous: the machine may be shared and busy.
PATIENCE = 300


def environment() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC), env.get("PYTHONPATH")]))
    return env


def command(*args: str) -> list[str]:
    return [sys.executable, "-m", "imrparse", *args]


def run(cwd: pathlib.Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        command(*args),
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=PATIENCE,
        check=False,
        env=environment(),
    )


def distinct_letter(i: int) -> bytes:
    """Letter i: a fixture letter made its own file by trailing blank lines."""
    return (TEXTS[i % 3] + "\n" * (i // 3 % 50) + " " * (i // 150)).encode("utf-8")


def many_letters(folder: pathlib.Path, count: int) -> None:
    folder.mkdir()
    for i in range(count):
        (folder / f"letter_{i:05}.txt").write_bytes(distinct_letter(i))


def descendants(pid: int) -> set[int]:
    """Every process below ``pid`` (workers, fork server, resource tracker), from /proc."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = pathlib.Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            children.setdefault(int(stat.rpartition(")")[2].split()[1]), []).append(int(entry))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), ()):
            found.add(child)
            todo.append(child)
    return found


def alive(pid: int) -> bool:
    try:
        state = pathlib.Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
    except OSError:
        return False
    return state != "Z"


def wait_for(condition, what: str) -> None:
    deadline = time.monotonic() + PATIENCE
    while not condition():
        assert time.monotonic() < deadline, f"gave up waiting for {what}"
        time.sleep(0.05)


def read_csv(path: pathlib.Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def read_table(out: pathlib.Path, table: str, table_format: str) -> list[dict]:
    if table_format == "csv":
        return read_csv(out / f"{table}.csv")
    pq = pytest.importorskip("pyarrow.parquet")
    return pq.read_table(out / f"{table}.parquet").to_pylist()


def check_folder_agrees(out: pathlib.Path, table_format: str) -> dict:
    """The manifest's counts are the tables' rows, and the tables agree with each other."""
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert sorted(path.name for path in out.iterdir()) == sorted(
        ["manifest.json", *(entry["file"] for entry in manifest["tables"].values())]
    )  # nothing left under a temporary name
    tables = {name: read_table(out, name, table_format) for name in manifest["tables"]}
    for name, entry in manifest["tables"].items():
        assert entry["rows"] == len(tables[name]), name
    letters = manifest["letters"]
    assert letters["read"] == len(tables["determinations"]) == len(tables["sources"])
    assert letters["failed"] + letters["skipped"] == len(tables["failures"])
    keys = [row["letter_id"] for row in tables["determinations"]]
    assert len(set(keys)) == len(keys)
    assert [row["letter_id"] for row in tables["sources"]] == keys
    for name in ("decisions", "citations", "reviewers", "diagnoses", "warnings"):
        assert {row["letter_id"] for row in tables[name]} <= set(keys), name
    # Each letter's rows are all there: the decisions of every letter read are written.
    expected_decisions = 0
    for source in tables["sources"]:
        expected_decisions += len(imrparse.parse_file(out.parent / source["path"]).decisions)
    assert len(tables["decisions"]) == expected_decisions
    return manifest


@pytest.mark.parametrize(
    ("stop", "jobs", "table_format"),
    [
        (signal.SIGTERM, "2", "csv"),
        (signal.SIGINT, "1", "parquet"),
        (signal.SIGTERM, "1", "parquet"),
    ],
)
def test_a_run_stopped_by_a_signal_is_visibly_partial_and_consistent(
    tmp_path, stop, jobs, table_format
):
    many_letters(tmp_path / "letters", 3000)
    process = subprocess.Popen(
        command("parse", "letters", "--format", table_format, "--out", "out", "--jobs", jobs),
        cwd=tmp_path,
        env=environment(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    partial = tmp_path / "out" / f"determinations.{table_format}.partial"
    # Stopped once it has read a few hundred letters: a first row group, or a first
    # buffer of CSV, of the determinations table is in its file.
    wait_for(lambda: partial.exists() and partial.stat().st_size > 4096, "letters to be read")
    below = descendants(process.pid)
    assert process.poll() is None, "the run ended before it could be stopped: use more letters"
    process.send_signal(stop)
    _, stderr = process.communicate(timeout=PATIENCE)
    assert process.returncode == 128 + stop, stderr
    wait_for(lambda: not any(alive(pid) for pid in below), "the workers to end")

    manifest = check_folder_agrees(tmp_path / "out", table_format)
    assert (manifest["complete"], manifest["stopped_by"]) == (False, stop.name)
    read = manifest["letters"]["read"]
    assert 0 < read < 3000
    assert manifest["letters"] == {"read": read, "failed": 0, "skipped": 0}
    assert stderr.splitlines()[-1].startswith(
        f"imrparse: stopped ({stop.name}), the output is incomplete; "
        f"out/manifest.json says complete: false: {read:,} letters: {read:,} read, 0 failed in "
    )


def test_a_full_run_says_it_is_complete_with_the_counts_of_its_tables(tmp_path):
    many_letters(tmp_path / "letters", 40)
    (tmp_path / "letters" / "not-a-letter.txt").write_text("Dear Sir,\n", encoding="utf-8")
    result = run(tmp_path, "parse", "letters", "--format", "csv", "--out", "out", "--jobs", "2")
    assert result.returncode == 1, result.stderr
    manifest = check_folder_agrees(tmp_path / "out", "csv")
    assert manifest["complete"] is True
    assert manifest["stopped_by"] is None
    assert manifest["letters"] == {"read": 40, "failed": 1, "skipped": 0}
    assert manifest["failures"] == {"template": 1}
    assert manifest["inputs"] == ["letters"]
    assert manifest["imrparse_version"] == imrparse.__version__
    # A second run into the same folder replaces the first, in another format too.
    again = run(
        tmp_path, "parse", "letters/letter_00000.txt", "--format", "parquet", "--out", "out"
    )
    assert again.returncode == 0, again.stderr
    manifest = check_folder_agrees(tmp_path / "out", "parquet")
    assert manifest["letters"] == {"read": 1, "failed": 0, "skipped": 0}


def test_keys_are_the_letters_bytes_however_the_path_was_typed(tmp_path):
    many_letters(tmp_path / "letters", 3)
    relative = run(tmp_path, "parse", "letters")
    absolute = run(tmp_path, "parse", str(tmp_path / "letters"))
    keys = [json.loads(line)["letter_id"] for line in relative.stdout.splitlines()]
    assert keys == [json.loads(line)["letter_id"] for line in absolute.stdout.splitlines()]
    assert keys == [
        letter_key(hashlib.sha256(distinct_letter(i)).hexdigest(), imrparse.parse(TEXTS[i]))
        for i in range(3)
    ]


def truncated_pdf() -> tuple[bytes, bytes]:
    pytest.importorskip("fpdf")
    pytest.importorskip("pypdfium2")
    whole = support.letter_pdf(TEXTS[0])
    return whole, whole[: len(whole) // 2]


def test_a_folder_of_awkward_files_gives_each_good_letter_once_and_a_reason_for_the_rest(
    tmp_path,
):
    pdf, truncated = truncated_pdf()
    letters = tmp_path / "letters"
    letters.mkdir()
    (letters / "a_good.txt").write_text(TEXTS[0], encoding="utf-8")
    latin_text = TEXTS[1].replace("reviewer", "revi\xe9wer", 1)
    (letters / "b_latin.txt").write_bytes(latin_text.encode("latin-1"))
    (letters / "c_empty.txt").write_bytes(b"")
    (letters / "d_binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (letters / "e_pdf_named.txt").write_bytes(pdf)
    (letters / "f_truncated.pdf").write_bytes(truncated)
    (letters / "g_link.txt").symlink_to("a_good.txt")
    (letters / "h_loop.txt").symlink_to("h_loop.txt")
    (letters / "i_folder_link").symlink_to(".")
    result = run(tmp_path, "parse", "letters", "--format", "csv", "--out", "out")
    assert result.returncode == 1
    manifest = check_folder_agrees(tmp_path / "out", "csv")
    sources = read_csv(tmp_path / "out" / "sources.csv")
    assert [row["path"] for row in sources] == [
        "letters/a_good.txt",
        "letters/b_latin.txt",
        "letters/e_pdf_named.txt",
    ]
    warnings = read_csv(tmp_path / "out" / "warnings.csv")
    latin_key = sources[1]["letter_id"]
    assert [(w["kind"], w["field"]) for w in warnings if w["letter_id"] == latin_key][-1] == (
        "guessed-encoding",
        "text",
    )
    failures = {
        row["path"]: (row["kind"], row["message"])
        for row in read_csv(tmp_path / "out" / "failures.csv")
    }
    assert failures["letters/c_empty.txt"] == ("empty", "empty file")
    assert failures["letters/d_binary.txt"] == (
        "binary",
        "binary file: neither text nor a PDF (a NUL byte at offset 8)",
    )
    assert failures["letters/f_truncated.pdf"][0] == "pdf"
    assert failures["letters/g_link.txt"] == (
        "duplicate",
        f"a link to {letters.resolve() / 'a_good.txt'}, which is read as itself",
    )
    assert failures["letters/h_loop.txt"] == (
        "file",
        "[Errno 40] Too many levels of symbolic links: 'letters/h_loop.txt'",
    )
    assert failures["letters/i_folder_link"] == ("folder-link", "a link to a folder: not followed")
    assert len(failures) == 6
    assert manifest["failures"] == {"binary": 1, "empty": 1, "file": 1, "pdf": 1}
    assert manifest["skipped"] == {"duplicate": 1, "folder-link": 1}
    lines, summary = result.stderr.splitlines()[:-1], result.stderr.splitlines()[-1]
    assert summary.startswith(
        "7 letters: 3 read, 4 failed (1 binary, 1 empty, 1 file, 1 PDF), "
        "2 skipped (1 duplicate, 1 folder-link) in "
    )
    # Every message names its file, the PDF library's own included.
    assert all(line.startswith("letters/") for line in lines), lines


def test_pdf_bytes_on_stdin_are_read_as_a_pdf(tmp_path):
    pdf, _ = truncated_pdf()
    result = subprocess.run(
        command("parse", "-"),
        cwd=tmp_path,
        input=pdf,
        capture_output=True,
        timeout=PATIENCE,
        check=False,
        env=environment(),
    )
    assert result.returncode == 0, result.stderr
    (line,) = result.stdout.decode().splitlines()
    assert json.loads(line)["path"] == "<stdin>"
    assert imrparse.from_dict(json.loads(line)["record"]) == imrparse.parse(TEXTS[0])


def test_a_closed_stdout_ends_the_run_quietly(tmp_path):
    many_letters(tmp_path / "letters", 60)
    process = subprocess.Popen(
        command("parse", "letters", "--jobs", "2"),
        cwd=tmp_path,
        env=environment(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    first = process.stdout.readline()
    process.stdout.close()  # as `| head -1` does
    stderr = process.stderr.read()
    process.stderr.close()
    assert process.wait(timeout=PATIENCE) == 128 + signal.SIGPIPE
    assert json.loads(first)["path"] == "letters/letter_00000.txt"
    assert stderr == b""
