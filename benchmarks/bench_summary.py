"""Speed of the case-summary readers (diagnoses, medications, claimant), old against new.

The readers run on the summaries of the corpus letters, as ``parse`` runs them (one
:class:`~imrparse.read.free_text.summary_lists.SummaryScan` shared by the three). With
``--against REV``, the same readers of git revision ``REV`` are copied into a temporary
package and timed in the same run, turn about, and their outputs are compared on every
summary: the figure that counts is the ratio, since timings on a shared machine drift.

    IMRPARSE_CORPUS=../shared/corpus python benchmarks/bench_summary.py --against 5d52ef9

``--parts`` also times each part alone (the scan, and each reader on a scan made
beforehand), for revisions that share a scan; the parts together take longer than
their sum, as each leaves less of the machine's caches to the next.
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
_MODULES: tuple[str, ...] = ("summary_lists", "sentences", "conditions", "drugs", "brackets")
_MODULES += ("claimant", "vocabulary", "dates")
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


def readers_of(lists: ModuleType, worker: ModuleType) -> Readers:
    """The scan and the three readers of these modules, as the transformer runs them."""

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


def stages_of(lists: ModuleType, worker: ModuleType, texts: Sequence[str]) -> dict[str, Readers]:
    """Each part alone (``--parts``): the scan, and each reader on a scan made beforehand."""
    scans = {text: lists.SummaryScan(text) for text in texts}
    return {
        "SummaryScan": lists.SummaryScan,
        "read_diagnoses": lambda text: lists.read_diagnoses(text, scans[text]),
        "read_medications": lambda text: lists.read_medications(text, scans[text]),
        "read_claimant": lambda text: worker.read_claimant(text, _REFERENCE_YEAR, scans[text].ends),
    }


def old_modules(revision: str, folder: pathlib.Path) -> tuple[ModuleType, ModuleType]:
    """The list and claimant modules of ``revision``, copied into a package of their own."""
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
    lists = importlib.import_module("old_free_text.summary_lists")
    worker = importlib.import_module("old_free_text.claimant")
    return lists, worker


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
    parser.add_argument("--parts", action="store_true", help="also time each part alone")
    args = parser.parse_args()
    texts = summaries()
    modules = {"new": (summary_lists, claimant)}
    with tempfile.TemporaryDirectory() as folder:
        if args.against:
            modules["old"] = old_modules(args.against, pathlib.Path(folder))
            new, old = readers_of(*modules["new"]), readers_of(*modules["old"])
            differ = sum(repr(new(text)) != repr(old(text)) for text in texts)
            print(f"{len(texts)} summaries; outputs differ on {differ}")
        # What is timed: every part together, as parse runs them, and each part alone.
        timed = {(name, "together"): readers_of(*pair) for name, pair in modules.items()}
        if args.parts:
            for name, pair in modules.items():
                if hasattr(pair[0], "SummaryScan"):
                    for part, readers in stages_of(*pair, texts).items():
                        timed[name, part] = readers
        best = dict.fromkeys(timed, float("inf"))
        for _ in range(args.repeat):  # turn about, so both see the same load
            for key, readers in timed.items():
                best[key] = min(best[key], per_summary(readers, texts, args.rounds))
    for part in dict.fromkeys(part for _, part in best):
        line = f"{part:>16}:" + "".join(
            f"  {name} {best[name, part] * 1e6:6.1f} us" for name in modules if (name, part) in best
        )
        if ("old", part) in best:
            line += f"  ratio old/new {best['old', part] / best['new', part]:.2f}x"
        print(line)
    print("(us of CPU per summary; 'together' is the scan and the three readers)")


if __name__ == "__main__":
    main()
