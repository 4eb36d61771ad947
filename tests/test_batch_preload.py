"""The command's fork server preload: workers start with imrparse imported and parsers built.

Each case runs a script in its own process, since the preload is process-wide state of
multiprocessing and counts only before the process's fork server starts.
"""

from __future__ import annotations

import os
import pathlib
import subprocess
import sys

import imrparse

SRC = pathlib.Path(imrparse.__file__).parents[1]
LETTER = sorted((pathlib.Path(__file__).parent / "data" / "letters").glob("seed_*.txt"))[0]

# Reads a letter over and over with two workers, after the command's preload, until
# eight letters came from the workers (the parent reads the first ones itself while
# they start); prints whether their fork server had imported the preload, and whether
# their records are the letter's.
SCRIPT = """\
import itertools, os, pathlib, sys
from imrparse import parse
from imrparse.batch.many import read_many
from imrparse.cli.main import _preload_workers

def probe(record, key):
    return os.getpid(), "imrparse.cli.preload" in sys.modules, record

if __name__ == "__main__":
    _preload_workers()
    text = pathlib.Path(sys.argv[1]).read_text(encoding="utf-8")
    reads = read_many(itertools.repeat(text), jobs=2, chunk_size=4, prepare=probe)
    from_workers = []
    for pid, loaded, record in (read.result.output for read in reads):
        if pid != os.getpid():
            from_workers.append((loaded, record == parse(text)))
        if len(from_workers) == 8:
            break
    reads.close()
    in_workers = {loaded for loaded, _ in from_workers}
    same = all(equal for _, equal in from_workers)
    print(sorted(in_workers), same)
"""


def _run(tmp_path: pathlib.Path, cwd: pathlib.Path) -> subprocess.CompletedProcess[str]:
    script = tmp_path / "script" / "preload.py"
    script.parent.mkdir(exist_ok=True)
    script.write_text(SCRIPT, encoding="utf-8")
    return subprocess.run(
        [sys.executable, str(script), str(LETTER)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(SRC)},
    )


def test_workers_start_from_a_fork_server_that_imported_imrparse_and_built_the_parsers(
    tmp_path: pathlib.Path,
) -> None:
    done = _run(tmp_path, tmp_path)
    assert (done.returncode, done.stdout) == (0, "[True] True\n"), done.stderr


def test_no_preload_when_the_working_folder_holds_another_imrparse(tmp_path: pathlib.Path) -> None:
    # The fork server imports from the working folder first: it must not preload an
    # imrparse other than the command's, which here would fail the run.
    other = tmp_path / "work" / "imrparse"
    other.mkdir(parents=True)
    (other / "__init__.py").write_text("raise RuntimeError('not this imrparse')\n")
    done = _run(tmp_path, tmp_path / "work")
    assert (done.returncode, done.stdout) == (0, "[False] True\n"), done.stderr
