"""``imrparse load`` throughput: letters per second into SQLite, first load and re-load.

The letters are the fixture letters, copied ``--letters`` times in all, each copy made
distinct (a different number of trailing newlines) so that none is skipped as a
duplicate. The second load finds every letter already there and parses none.

    python benchmarks/bench_load.py --letters 2000
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from imrparse.batch.sources import Source
from imrparse.export.database import Database, load

LETTERS = Path(__file__).parents[1] / "tests" / "data" / "letters"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--letters", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--batch", type=int, default=64)
    args = parser.parse_args()
    texts = [path.read_text(encoding="utf-8") for path in sorted(LETTERS.glob("*.txt"))]
    sources = [
        Source(f"letter_{i}.txt", texts[i % len(texts)] + "\n" * (1 + i // len(texts)))
        for i in range(args.letters)
    ]
    with tempfile.TemporaryDirectory() as folder:
        target = str(Path(folder) / "bench.db")
        for label in ("first load", "re-load"):
            with Database.open(target) as db:
                start = time.perf_counter()
                report = load(db, sources, jobs=args.jobs, batch_size=args.batch)
                elapsed = time.perf_counter() - start
            size = Path(target).stat().st_size / 1e6
            print(
                f"{label:10}  {args.letters:,} letters  {report.loaded:,} loaded  "
                f"{report.skipped:,} skipped  {args.letters / elapsed:,.0f} letters/s  "
                f"database {size:.1f} MB"
            )


if __name__ == "__main__":
    main()
