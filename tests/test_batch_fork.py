"""Workers forked from the calling process (``fork=True``), and what they send back.

Each forking case runs a script in its own process: whether a process may fork depends
on every thread it runs, which pytest's own process cannot promise.
"""

from __future__ import annotations

import io
import json
import os
import pathlib
import signal
import subprocess
import sys

import pytest

import imrparse
from imrparse.batch.many import LetterRead, Prepared, _compact, _expanded
from imrparse.cli.main import main
from test_batch_runs import (
    PATIENCE,
    SEEDS,
    TEXTS,
    alive,
    command,
    descendants,
    environment,
    many_letters,
    run,
    wait_for,
)

SRC = pathlib.Path(imrparse.__file__).parents[1]

# Reads the fixture letters eight times over with two workers; prints whether every
# letter was read in a process whose parent is this one (a forked worker), how many
# workers read them, whether the records are the letters', the workers left once the
# run is closed, whether the readers left SIGINT and SIGTERM to the parent (ignored,
# not held back), and the signals this process holds back after the run. With
# "thread", another thread runs meanwhile, so the workers must not be forked from here.
SCRIPT = """\
import multiprocessing, os, pathlib, signal, sys, threading
from imrparse import parse
from imrparse.batch.many import read_many

STOP = {signal.SIGINT, signal.SIGTERM}

def probe(record, key):
    ignored = {signal.getsignal(number) for number in STOP} == {signal.SIG_IGN}
    held = signal.pthread_sigmask(signal.SIG_BLOCK, []) & STOP
    return os.getppid(), os.getpid(), record, ignored and not held

if __name__ == "__main__":
    hold = threading.Event()
    if sys.argv[1] == "thread":
        threading.Thread(target=hold.wait, daemon=True).start()
    texts = [path.read_text(encoding="utf-8") for path in sorted(map(pathlib.Path, sys.argv[2:]))]
    letters = texts * 8
    reads = read_many(letters, jobs=2, chunk_size=2, prepare=probe, fork=True)
    outputs = [read.result.output for read in reads]
    reads.close()
    hold.set()
    forked = {parent == os.getpid() for parent, _, _, _ in outputs}
    workers = len({pid for _, pid, _, _ in outputs})
    same = [record for _, _, record, _ in outputs] == [parse(text) for text in letters]
    left = {to_parent for _, _, _, to_parent in outputs}
    held = sorted(signal.pthread_sigmask(signal.SIG_BLOCK, []))
    print(sorted(forked), workers, same, multiprocessing.active_children(), sorted(left), held)
"""


def _script(tmp_path: pathlib.Path, mode: str) -> subprocess.CompletedProcess[str]:
    script = tmp_path / "fork.py"
    script.write_text(SCRIPT, encoding="utf-8")
    return subprocess.run(
        [sys.executable, str(script), mode, *map(str, SEEDS)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=PATIENCE,
        env={**os.environ, "PYTHONPATH": str(SRC)},
    )


def test_workers_fork_from_a_process_that_runs_no_other_thread(tmp_path: pathlib.Path) -> None:
    done = _script(tmp_path, "alone")
    # Every letter read in one of two workers forked from here, and none left after.
    assert (done.returncode, done.stdout) == (0, "[True] 2 True [] [True] []\n"), done.stderr


def test_workers_do_not_fork_while_another_thread_runs(tmp_path: pathlib.Path) -> None:
    done = _script(tmp_path, "thread")
    # The fork server's workers read the letters (and this process the first ones,
    # while they start), with the same records.
    assert done.returncode == 0, done.stderr
    forked, _, same, rest = done.stdout.split(" ", 3)
    assert (forked, same) == ("[False]", "True")
    # No worker left; what read the letters is this process and the fork server's
    # workers (which ignore the stop signals, this process does not); nothing held back.
    assert (rest[:3], rest[-4:]) == ("[] ", " []\n")


def test_a_prepared_letter_travels_as_a_tuple_and_arrives_the_same() -> None:
    read = LetterRead(Prepared("CM16-0221706-9f86d081884c7d65", b'{"a": 1}'), "9f86" * 16)
    assert _compact(read) == ("9f86" * 16, "CM16-0221706-9f86d081884c7d65", b'{"a": 1}')
    assert _expanded(_compact(read)) == read


def test_a_letter_with_notes_or_a_failure_travels_whole() -> None:
    noted = LetterRead(Prepared("9f86d081884c7d65", b"{}"), "9f86" * 16, ("pypdf: EOF",))
    failed = LetterRead(ValueError("empty file"), "e3b0" * 16)
    unprepared = LetterRead(imrparse.parse(TEXTS[0]), "aa" * 32)
    for read in (noted, failed, unprepared):
        assert _compact(read) is read
        assert _expanded(read) is read


def test_two_jobs_write_the_same_bytes_as_one_in_every_json_format(tmp_path: pathlib.Path) -> None:
    many_letters(tmp_path / "letters", 40)  # enough for the workers to start
    for table_format in ("jsonl", "json"):
        outputs = []
        for jobs in ("1", "2"):
            out = f"out-{jobs}.{table_format}"
            result = run(tmp_path, "parse", "letters", "--format", table_format, "--out", out)
            assert result.returncode == 0, result.stderr
            outputs.append((tmp_path / out).read_bytes())
        stdout = subprocess.run(
            command("parse", "letters", "--format", table_format, "--jobs", "2"),
            cwd=tmp_path,
            capture_output=True,
            timeout=PATIENCE,
            env=environment(),
        ).stdout
        assert outputs[1] == outputs[0] == stdout
    lines = (tmp_path / "out-2.jsonl").read_bytes().splitlines()
    assert len(lines) == 40
    first = json.loads(lines[0])
    assert (first["path"], first["record"]) == (
        os.path.join("letters", "letter_00000.txt"),
        json.loads(json.dumps(imrparse.to_dict(imrparse.parse(TEXTS[0])))),
    )


def test_json_lines_to_a_text_stream_without_a_buffer(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A caller of main() may put any text stream in place of sys.stdout.
    many_letters(tmp_path / "letters", 3)
    monkeypatch.chdir(tmp_path)
    stream = io.StringIO()
    monkeypatch.setattr(sys, "stdout", stream)
    assert main(["parse", "letters", "--jobs", "1", "--no-progress"]) == 0
    assert stream.getvalue() == run(tmp_path, "parse", "letters").stdout


def test_a_stopped_json_lines_run_keeps_every_line_it_finished(tmp_path: pathlib.Path) -> None:
    many_letters(tmp_path / "letters", 3000)
    process = subprocess.Popen(
        command("parse", "letters", "--out", "out.jsonl", "--jobs", "2"),
        cwd=tmp_path,
        env=environment(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    partial = tmp_path / "out.jsonl.partial"
    wait_for(lambda: partial.exists() and partial.stat().st_size > 65536, "letters to be read")
    below = descendants(process.pid)
    assert process.poll() is None, "the run ended before it could be stopped: use more letters"
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=PATIENCE)
    assert process.returncode == 128 + signal.SIGTERM, stderr
    wait_for(lambda: not any(alive(pid) for pid in below), "the workers to end")
    summary = stderr.splitlines()[-1]
    assert summary.startswith("imrparse: stopped (SIGTERM), the output is incomplete: ")
    read = int(summary.split(": ")[2].split()[0].replace(",", ""))
    written = (tmp_path / "out.jsonl").read_bytes()
    assert 0 < read < 3000
    assert written.endswith(b"\n")
    # The first letters, whole, in order: the start of what a whole run writes.
    whole = run(tmp_path, "parse", "letters", "--jobs", "1").stdout.encode("utf-8")
    assert written == whole[: len(written)]
    assert len(written.splitlines()) == read


def test_a_json_line_is_json_dumps_of_its_object() -> None:
    from imrparse.cli.main import _line, _record_json

    record = imrparse.parse(TEXTS[0])
    key = "CM16-0221706-9f86d081884c7d65"
    for name in ("letters/a.txt", 'dossiers/Décision "n°2"\\\t.txt', "x\u2028y.txt"):
        expected = json.dumps(
            {"path": name, "letter_id": key, "record": imrparse.to_dict(record)},
            ensure_ascii=False,
        )
        assert _line(name, key, _record_json(record, key)) == expected.encode("utf-8")
