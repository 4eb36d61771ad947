"""A worker's failures that are not a letter's: each ends the run with its reason, never a hang."""

from __future__ import annotations

import os
import pathlib
import subprocess
import sys

import imrparse

SRC = pathlib.Path(imrparse.__file__).parents[1]
LETTER = sorted((pathlib.Path(__file__).parent / "data" / "letters").glob("seed_*.txt"))[0]

# Letters of a path type of the script's own, which cannot be rebuilt in a worker.
SCRIPT = """\
import multiprocessing, os, sys
from imrparse.batch.many import read_many

def rebuild(path):
    if os.environ["PARENT"] != str(os.getpid()):
        raise ValueError("not in this process")
    return Path(path)

class Path(os.PathLike):
    def __init__(self, path):
        self.path = path
    def __fspath__(self):
        return self.path
    def __reduce__(self):
        return rebuild, (self.path,)

if __name__ == "__main__":
    os.environ["PARENT"] = str(os.getpid())
    try:
        for read in read_many((Path(sys.argv[1]) for _ in range(100_000)), jobs=2):
            pass
    except RuntimeError as error:
        print(error, multiprocessing.active_children())
"""


def test_letters_that_a_worker_cannot_unpickle_end_the_run_with_the_reason(
    tmp_path: pathlib.Path,
) -> None:
    script = tmp_path / "odd_paths.py"
    script.write_text(SCRIPT, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(script), str(LETTER)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(SRC)},
    )
    expected = (
        "a worker could not read the letters it was sent: ValueError: not in this process []\n"
    )
    assert (done.returncode, done.stdout) == (0, expected), done.stderr
