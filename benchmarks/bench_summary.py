"""Speed of the case-summary readers (diagnoses, medications, claimant), old against new.

The readers run on the summaries of the corpus letters, as ``parse`` runs them (one
:class:`~imrparse.read.free_text.summary_lists.SummaryScan` shared by the three). With
``--against REV``, the same readers of git revision ``REV`` are copied into a temporary
package and timed in the same run, turn about, and their outputs are compared on every
summary: the figure that counts is the ratio, since timings on a shared machine drift.

    IMRPARSE_CORPUS=../shared/corpus python benchmarks/bench_summary.py --against 5d52ef9
"""

from __future__ import annotations

import argparse
import importlib
import os
import pathlib
import subprocess
import sys
import tempfile
import time
import timeit
from collections.abc import Callable, Sequence
from types import ModuleType

import imrparse
from imrparse.read.free_text import claimant, summary_lists

ROOT = pathlib.Path(__file__).resolve().parent.parent
_PACKAGE = "src/imrparse/read/free_text"
# The modules of the summary readers, and the word lists they load.
_MODULES = ("summary_lists", "sentences", "conditions", "drugs", "brackets", "claimant")
_MODULES += ("vocabulary", "dates")
_DATA = ("conditions", "sites", "standalone_conditions", "drug_classes", "treatments")
_REFERENCE_YEAR = 2017

Readers = Callable[[str], object]


def summaries() -> list[str]:
    """The case summary of every corpus letter that has one (both extractions)."""
    corpus = os.environ.get("IMRPARSE_CORPUS")
    if not corpus:
        sys.exit("set IMRPARSE_CORPUS to the corpus folder")
    found = []
    for extraction in ("pypdf", "poppler"):
        for path in sorted((pathlib.Path(corpus) / extraction).glob("*.txt")):
            summary = imrparse.parse(path.read_text(encoding="utf-8"), strict=False).summary
            if summary:
                found.append(summary)
    return found


def new_readers(summary: str) -> tuple[object, ...]:
    """The three readers of this checkout and their shared scan, as the transformer runs them."""
    scan = summary_lists.SummaryScan(summary)
    return (
        summary_lists.read_diagnoses(summary, scan),
        summary_lists.read_medications(summary, scan),
        claimant.read_claimant(summary, _REFERENCE_YEAR, scan.ends),
    )


def old_readers(revision: str, folder: pathlib.Path) -> Readers:
    """The three readers of ``revision`` (and its scan), copied into a package of their own."""
    package = folder / "old_free_text"
    package.mkdir()
    (package / "__init__.py").write_text("")
    for name in _MODULES:
        source = _show(revision, f"{_PACKAGE}/{name}.py")
        source = source.replace("imrparse.read.free_text.", "old_free_text.")
        (package / f"{name}.py").write_text(source, encoding="utf-8")
    for name in _DATA:
        (package / f"{name}.txt").write_text(_show(revision, f"{_PACKAGE}/{name}.txt"))
    sys.path.insert(0, str(folder))
    lists: ModuleType = importlib.import_module("old_free_text.summary_lists")
    worker: ModuleType = importlib.import_module("old_free_text.claimant")

    def readers(summary: str) -> tuple[object, ...]:
        if not hasattr(lists, "SummaryScan"):  # before the readers shared one scan
            return (
                lists.read_diagnoses(summary),
                lists.read_medications(summary),
                worker.read_claimant(summary, _REFERENCE_YEAR),
            )
        scan = lists.SummaryScan(summary)
        return (
            lists.read_diagnoses(summary, scan),
            lists.read_medications(summary, scan),
            worker.read_claimant(summary, _REFERENCE_YEAR, scan.ends),
        )

    return readers


def _show(revision: str, path: str) -> str:
    return subprocess.run(
        ["git", "-C", str(ROOT), "show", f"{revision}:{path}"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def per_summary(readers: Readers, texts: Sequence[str], rounds: int) -> float:
    """CPU seconds per summary for one pass of ``rounds`` over ``texts``.

    CPU time of this process, not the clock: other processes on the machine then slow
    both contenders less unevenly.
    """
    timer = timeit.Timer(lambda: [readers(text) for text in texts], timer=time.process_time)
    return timer.timeit(number=rounds) / (rounds * len(texts))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--against", metavar="REV", help="git revision to compare with")
    parser.add_argument("--rounds", type=int, default=10, help="passes per timing")
    parser.add_argument("--repeat", type=int, default=7, help="timings of each (best kept)")
    args = parser.parse_args()
    texts = summaries()
    contenders: dict[str, Readers] = {"new": new_readers}
    with tempfile.TemporaryDirectory() as folder:
        if args.against:
            contenders["old"] = old_readers(args.against, pathlib.Path(folder))
            differ = sum(repr(new_readers(text)) != repr(contenders["old"](text)) for text in texts)
            print(f"{len(texts)} summaries; outputs differ on {differ}")
        best = dict.fromkeys(contenders, float("inf"))
        for _ in range(args.repeat):  # turn about, so both see the same load
            for name, readers in contenders.items():
                best[name] = min(best[name], per_summary(readers, texts, args.rounds))
    for name, seconds in best.items():
        print(f"{name}: {seconds * 1e6:8.1f} us CPU per summary (scan and three readers)")
    if "old" in best:
        print(f"ratio old/new: {best['old'] / best['new']:.2f}x")


if __name__ == "__main__":
    main()
