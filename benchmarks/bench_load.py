"""``imrparse load`` throughput: letters per second into SQLite, first load and re-load.

The letters are the fixture letters, copied ``--letters`` times in all, each copy made
distinct (a different number of trailing newlines) so that none is skipped as a
duplicate. The second load finds every letter already there and parses none. For
scale, the same letters are also parsed alone (``imrparse.parse``, no database), so the
share of a first load that is parsing shows.

``--against REV`` (a git revision, or a source folder) runs the first load with that
revision's sources and with this checkout's in fresh processes, old and new alternating,
``--rounds`` times each; the fastest of each counts, and new against old is printed.

    python benchmarks/bench_load.py --letters 2000
    python benchmarks/bench_load.py --letters 2000 --rounds 5 --against b6f525e
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_cli
import imrparse
from imrparse.batch.sources import Source
from imrparse.export.database import Database, load

LETTERS = Path(__file__).parents[1] / "tests" / "data" / "letters"
_FIRST_LOAD = re.compile(r"^first load .*?([\d,]+) letters/s", re.MULTILINE)


def measure(letters: int, jobs: int, batch: int) -> None:
    """Load the letters twice into a new SQLite file, and parse them alone; print each."""
    texts = [path.read_text(encoding="utf-8") for path in sorted(LETTERS.glob("*.txt"))]
    copies = [texts[i % len(texts)] + "\n" * (1 + i // len(texts)) for i in range(letters)]
    sources = [Source(f"letter_{i}.txt", text) for i, text in enumerate(copies)]
    with tempfile.TemporaryDirectory() as folder:
        target = str(Path(folder) / "bench.db")
        for label in ("first load", "re-load"):
            with Database.open(target) as db:
                start = time.perf_counter()
                report = load(db, sources, jobs=jobs, batch_size=batch)
                elapsed = time.perf_counter() - start
            size = Path(target).stat().st_size / 1e6
            print(
                f"{label:10}  {letters:,} letters  {report.loaded:,} loaded  "
                f"{report.skipped:,} skipped  {letters / elapsed:,.0f} letters/s  "
                f"database {size:.1f} MB"
            )
    start = time.perf_counter()
    for text in copies:
        imrparse.parse(text)
    elapsed = time.perf_counter() - start
    print(f"{'parse':10}  {letters:,} letters, no database  {letters / elapsed:,.0f} letters/s")


def compare(args: argparse.Namespace) -> None:
    """The first load with the sources of ``args.against`` and of this checkout, alternating."""
    with tempfile.TemporaryDirectory(prefix="imrparse-bench-") as scratch:
        old = bench_cli.against_source(args.against, Path(scratch))
        sources = {"old": old, "new": str(bench_cli.ROOT / "src")}
        best = dict.fromkeys(sources, 0.0)
        command = [sys.executable, __file__, "--letters", str(args.letters)]
        command += ["--jobs", str(args.jobs), "--batch", str(args.batch)]
        for _ in range(args.rounds):
            for code, source in sources.items():
                env = {**os.environ, "PYTHONPATH": source}
                done = subprocess.run(command, env=env, check=True, capture_output=True, text=True)
                found = _FIRST_LOAD.search(done.stdout)
                assert found is not None, done.stdout
                rate = float(found.group(1).replace(",", ""))
                print(f"{code}: {done.stdout.splitlines()[0]}", flush=True)
                best[code] = max(best[code], rate)
        print(
            f"first load, new vs old (the fastest of {args.rounds} each): "
            f"{best['new'] / best['old']:.2f}x ({best['new']:,.0f} vs {best['old']:,.0f} letters/s)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--letters", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--against", metavar="REV|SRC", help="also run that revision's sources")
    parser.add_argument("--rounds", type=int, default=3, help="with --against: runs of each")
    args = parser.parse_args()
    if args.against:
        compare(args)
    else:
        measure(args.letters, args.jobs, args.batch)


if __name__ == "__main__":
    main()
