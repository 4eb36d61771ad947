"""The Parquet writer's memory: peak RSS of the command writing Parquet against JSON lines.

Three measurements, each in fresh processes:

- ``--breakdown``: what pyarrow costs by itself. RSS, RssAnon (the process's own
  memory) and RssFile (pages of mapped files: pyarrow's shared libraries) after
  importing the command, after importing ``pyarrow`` (with the system allocator as its
  default pool, as the command imports it, unless ``ARROW_DEFAULT_MEMORY_POOL`` says
  otherwise), after opening the command's table writers and after writing one letter
  and closing them; which pyarrow modules were imported, and the mapped files that grew
  the most.
- peak memory: ``imrparse parse FOLDER --format jsonl|parquet --jobs 1`` on a folder of
  ``--letters`` letters (the fixture letters replicated, as ``bench_cli.py`` lays them out,
  or the corpus texts replicated with ``--corpus``), ``--rounds`` times each. The peak is
  the kernel's own (``ru_maxrss`` of the finished command, the whole process's peak RSS),
  not sampled: ``bench_cli.py`` samples every 20 ms and misses the peak of closing the
  files.
- the writer's speed: the rows of the seed letters replicated, built in memory once,
  written by :class:`~imrparse.export.parquet.ParquetTableWriter` in a process of their
  own, best of 3 passes in each of ``--rounds`` processes; with ``--against``, whether
  the old and the new files read back as the same tables.

``--against REV`` runs the peak and the speed with the source tree of git revision REV
too (old and new alternating, so that both see the same machine) and prints new against
old.

    python benchmarks/bench_parquet.py --breakdown
    python benchmarks/bench_parquet.py --letters 3000 --rounds 3 --against 2305ac1
    IMRPARSE_CORPUS=../shared/corpus python benchmarks/bench_parquet.py --corpus --against 2305ac1

Needs imrparse installed with its console script on PATH (or beside this Python), and
pyarrow.
"""

from __future__ import annotations

import argparse
import os
import pathlib
import statistics
import subprocess
import sys
import tempfile

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))

import bench_cli

ROOT = bench_cli.ROOT

# Run in a fresh process: RSS, RssAnon and RssFile at each step, in MB.
BREAKDOWN = """
import pathlib, sys, tempfile
def step(name):
    status = dict(line.split(":", 1) for line in open("/proc/self/status"))
    keys = ("VmRSS", "RssAnon", "RssFile")
    rss, anon, file = (int(status[key].split()[0]) / 1024 for key in keys)
    print(f"  {name:42} RSS {rss:6.1f}  RssAnon {anon:6.1f}  RssFile {file:6.1f} MB")
def mapped():
    sizes, name = {}, None
    for line in open("/proc/self/smaps"):
        fields = line.split()
        if "-" in fields[0] and ":" not in fields[0]:
            name = fields[5] if len(fields) > 5 else "[anon]"
        elif fields[0] == "Rss:":
            sizes[name] = sizes.get(name, 0) + int(fields[1])
    return sizes
import imrparse, imrparse.cli.main
from imrparse.export.rows import TABLES
from imrparse.export.table_files import FAILURES, SOURCES
step("python, imrparse and its command")
before, modules = mapped(), set(sys.modules)
import pyarrow
step(f"import pyarrow ({pyarrow.default_memory_pool().backend_name} pool)")
import imrparse.export.parquet as parquet
folder = pathlib.Path(tempfile.mkdtemp())
tables = {**TABLES, "sources": SOURCES, "failures": FAILURES}
writer = parquet.ParquetTableWriter(folder, tables=tables)
step("+ the command's 9 table writers open")
print("  pyarrow modules:", " ".join(sorted(m for m in sys.modules if m.startswith("pyarrow"))))
print("  other new modules:", " ".join(sorted(m for m in set(sys.modules) - modules
                                              if not m.startswith(("pyarrow", "imrparse")))))
letter = sorted(pathlib.Path(sys.argv[1]).glob("seed_*.txt"))[0]
rows = imrparse.to_rows(imrparse.parse(letter.read_text()), letter_id="a.txt")
writer.write(rows | {"sources": [{"letter_id": "a.txt", "path": "a.txt", "sha256": "0" * 64}]})
writer.close()
step("+ one letter written, files closed")
after = mapped()
print("  mapped files that grew the most (MB):")
for name in sorted(after, key=lambda name: before.get(name, 0) - after[name])[:8]:
    print(f"    {(after[name] - before.get(name, 0)) / 1024:5.1f}  {name.rpartition('/')[2]}")
"""

# Run in a fresh process with PYTHONPATH set to the source tree: prints the best of
# argv[2] passes, in seconds, of writing argv[1] letters' rows with ParquetTableWriter
# into the folder argv[3] (the last pass's files are left there).
WRITER_SPEED = """
import pathlib, shutil, sys, time
import imrparse
from imrparse.export.parquet import ParquetTableWriter
from imrparse.export.rows import TABLES
from imrparse.export.table_files import FAILURES, SOURCES
letters, passes, out = int(sys.argv[1]), int(sys.argv[2]), pathlib.Path(sys.argv[3])
records = [imrparse.parse(path.read_text()) for path in map(pathlib.Path, sys.argv[4:])]
rows = []
for i in range(letters):
    key = f"letters/{i // 1000:04d}/letter_{i:07d}.txt"
    table_rows = imrparse.to_rows(records[i % len(records)], letter_id=key)
    rows.append(table_rows | {"sources": [{"letter_id": key, "path": key, "sha256": f"{i:064x}"}]})
tables = {**TABLES, "sources": SOURCES, "failures": FAILURES}
best = float("inf")
for _ in range(passes):
    shutil.rmtree(out, ignore_errors=True)
    started = time.perf_counter()
    with ParquetTableWriter(out, tables=tables) as writer:
        for letter_rows in rows:
            writer.write(letter_rows)
    best = min(best, time.perf_counter() - started)
print(best)
"""


def peak_run(folder: pathlib.Path, out: pathlib.Path, table_format: str, source: str) -> int:
    """Run the command once with ``--jobs 1``; give its peak RSS in bytes (ru_maxrss)."""
    args = bench_cli.command_args(folder, out, 1, table_format)
    with tempfile.TemporaryFile() as stderr:
        env = bench_cli.command_environment(source)
        process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=stderr, env=env)
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode not in (0, 1):  # 1: some letters failed (corpus letters)
            stderr.seek(0)
            sys.exit(f"imrparse failed ({process.returncode}):\n{stderr.read().decode()}")
    return usage.ru_maxrss * 1024


def same_tables(old: pathlib.Path, new: pathlib.Path) -> bool:
    """Whether two folders of Parquet files read back as the same tables (schema with its
    metadata, and rows), however their rows are grouped and encoded."""
    import pyarrow.parquet as pq  # type: ignore[import-untyped, import-not-found, unused-ignore]

    names = sorted(path.name for path in old.glob("*.parquet"))
    if names != sorted(path.name for path in new.glob("*.parquet")):
        return False
    for name in names:
        before, after = pq.read_table(old / name), pq.read_table(new / name)
        if not (after.schema.equals(before.schema, check_metadata=True) and after.equals(before)):
            return False
    return True


def corpus_folder(top: pathlib.Path, count: int) -> None:
    """A folder of ``count`` letters: the corpus texts (pypdf and poppler) over and over,
    each copy made distinct as ``bench_cli.py`` does."""
    corpus = pathlib.Path(os.environ["IMRPARSE_CORPUS"])
    texts = [path.read_bytes() for path in sorted(corpus.glob("*/*.txt"))]
    for i in range(count):
        folder = top / f"{i // bench_cli.LETTERS_PER_FOLDER:04d}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"letter_{i:07d}.txt").write_bytes(bench_cli.distinct(texts[i % len(texts)], i))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.partition("\n")[0])
    parser.add_argument("--letters", type=int, default=3000, help="letters in the folder")
    parser.add_argument("--rounds", type=int, default=3, help="runs of each case")
    parser.add_argument("--against", metavar="REV", help="also run git revision REV")
    parser.add_argument("--corpus", action="store_true", help="corpus letters ($IMRPARSE_CORPUS)")
    parser.add_argument("--breakdown", action="store_true", help="only what pyarrow costs")
    args = parser.parse_args()
    letters_dir = ROOT / "tests" / "data" / "letters"
    if args.breakdown:
        # With the default pool that the command gives pyarrow.
        env = {"ARROW_DEFAULT_MEMORY_POOL": "system"} | os.environ
        subprocess.run([sys.executable, "-c", BREAKDOWN, str(letters_dir)], check=True, env=env)
        return

    with tempfile.TemporaryDirectory(prefix="imrparse-bench-") as scratch:
        top = pathlib.Path(scratch)
        sources = {"new": str(ROOT / "src")}
        if args.against:
            (top / "old").mkdir()
            sources = {"old": bench_cli.old_source(args.against, top / "old"), **sources}
        if args.corpus:
            corpus_folder(top / "letters", args.letters)
        else:
            bench_cli.make_folder(top / "letters", args.letters)
        what = "corpus letters replicated" if args.corpus else "fixture letters replicated"
        print(f"{args.letters:,} {what}; peak RSS of the command (ru_maxrss), --jobs 1, MB:")
        peaks: dict[tuple[str, str], list[int]] = {}
        for _ in range(args.rounds):
            for table_format in ("jsonl", "parquet"):
                for code, source in sources.items():
                    out = top / f"out-{code}.{table_format}"
                    peak = peak_run(top / "letters", out, table_format, source)
                    peaks.setdefault((code, table_format), []).append(peak)
                    subprocess.run(["rm", "-rf", str(out)], check=True)
        for (code, table_format), runs in peaks.items():
            shown = " ".join(f"{peak / 2**20:.1f}" for peak in runs)
            median = statistics.median(runs) / 2**20
            print(f"  {code:>3} {table_format:>7}: {shown}  (median {median:.1f})")
        for code in sources:
            jsonl = statistics.median(peaks[(code, "jsonl")]) / 2**20
            parquet = statistics.median(peaks[(code, "parquet")]) / 2**20
            ratio = parquet / jsonl
            print(f"  {code:>3}: parquet vs jsonl {ratio:.2f}x ({parquet:.1f} vs {jsonl:.1f} MB)")

        seeds = sorted(str(path) for path in letters_dir.glob("seed_*.txt"))
        best: dict[str, float] = {}
        for _ in range(args.rounds):
            for code, source in sources.items():
                out = str(top / f"tables-{code}")
                seconds = subprocess.run(
                    [sys.executable, "-c", WRITER_SPEED, str(args.letters), "3", out, *seeds],
                    check=True,
                    capture_output=True,
                    text=True,
                    env=bench_cli.command_environment(source),
                ).stdout
                best[code] = min(best.get(code, float("inf")), float(seconds))
        for code, seconds in best.items():
            per_letter = seconds * 1e6 / args.letters
            print(f"  {code:>3} writer: {per_letter:,.0f} us a letter (best of {3 * args.rounds})")
        if "old" in best:
            print(f"  writer speed new vs old: {best['old'] / best['new']:.2f}x")
            same = same_tables(top / "tables-old", top / "tables-new")
            print(f"  the same tables as the old writer's: {same}")


if __name__ == "__main__":
    main()
