"""The imrparse command over a folder of many letters: letters per second and peak memory.

Copies the fixture letters (tests/data/letters/seed_*.txt) into a temporary folder of N
letters (a thousand per subfolder, as a download of DWC's letters is laid out), then
runs the installed command on it, as a user would:

    imrparse parse FOLDER --format jsonl --out FILE --jobs J --no-progress

for each --jobs value, once on a tenth of the letters and once on all of them. For each
run it prints the wall time, letters per second, and the peak resident memory of the
whole process tree (the command, the fork server and the workers, summed), sampled from
/proc every 20 ms (Linux). The two sizes show whether memory grows with the number of
letters: it must not.

    python benchmarks/bench_cli.py                    # 10,000 letters, a few minutes
    python benchmarks/bench_cli.py --letters 100000   # the full case: ~1 GB of disk
    python benchmarks/bench_cli.py --format parquet   # tables instead of JSON lines

Needs imrparse installed with its console script on PATH (or beside this Python).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import threading
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "tests" / "data" / "letters").glob("seed_*.txt"))
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
LETTERS_PER_FOLDER = 1000


def command() -> str:
    found = shutil.which("imrparse", path=str(pathlib.Path(sys.executable).parent))
    found = found or shutil.which("imrparse")
    if found is None:
        sys.exit("the imrparse command is not installed: pip install -e '.[parquet]'")
    return found


def make_folder(top: pathlib.Path, count: int) -> None:
    texts = [seed.read_bytes() for seed in SEEDS]
    for i in range(count):
        folder = top / f"{i // LETTERS_PER_FOLDER:04d}"
        if i % LETTERS_PER_FOLDER == 0:
            folder.mkdir(parents=True)
        (folder / f"letter_{i:07d}.txt").write_bytes(texts[i % len(texts)])


def tree_rss(root: int) -> int:
    """Resident bytes of a process and all of its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = pathlib.Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue  # the process ended meanwhile
        parent = int(stat.rpartition(")")[2].split()[1])
        children.setdefault(parent, []).append(int(entry))
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        todo.extend(children.get(pid, ()))
        with contextlib.suppress(OSError):  # the process ended meanwhile
            total += int(pathlib.Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE_SIZE
    return total


def run(folder: pathlib.Path, out: pathlib.Path, jobs: int, table_format: str) -> tuple[float, int]:
    """Run the command once; give its wall time and the peak memory of its process tree."""
    args = [command(), "parse", str(folder), "--format", table_format, "--out", str(out)]
    args += ["--jobs", str(jobs), "--no-progress"]
    started = time.perf_counter()
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.wait(0.02):
            peak = max(peak, tree_rss(process.pid))

    sampler = threading.Thread(target=sample)
    sampler.start()
    _, stderr = process.communicate()
    elapsed = time.perf_counter() - started
    done.set()
    sampler.join()
    if process.returncode != 0:
        sys.exit(f"imrparse failed ({process.returncode}):\n{stderr.decode()}")
    return elapsed, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.partition("\n")[0])
    parser.add_argument("--letters", type=int, default=10_000, help="letters in the folder")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2], help="--jobs values")
    parser.add_argument("--format", default="jsonl", choices=["jsonl", "json", "csv", "parquet"])
    args = parser.parse_args()
    small = max(args.letters // 10, 100)

    with tempfile.TemporaryDirectory(prefix="imrparse-bench-") as scratch:
        top = pathlib.Path(scratch)
        print(f"writing {args.letters:,} letters ({len(SEEDS)} fixture letters, replicated)")
        make_folder(top / "all", args.letters)
        make_folder(top / "small", small)
        size = sum(f.stat().st_size for f in (top / "all").rglob("*.txt"))
        print(f"{size / 1e6:,.0f} MB of text; imrparse: {command()}; {os.cpu_count()} cores\n")
        print(f"{'letters':>9} {'jobs':>4} {'seconds':>8} {'letters/s':>10} {'peak MB':>8}")
        for jobs in args.jobs:
            for folder, letters in (("small", small), ("all", args.letters)):
                out = top / f"out-{jobs}-{folder}"
                if args.format in ("jsonl", "json"):
                    out = out.with_suffix(f".{args.format}")
                elapsed, peak = run(top / folder, out, jobs, args.format)
                # Output is not kept: 100,000 records are about half a GB of JSON.
                if out.is_dir():
                    shutil.rmtree(out)
                else:
                    out.unlink()
                print(
                    f"{letters:>9,} {jobs:>4} {elapsed:>8.1f} {letters / elapsed:>10,.0f}"
                    f" {peak / 2**20:>8,.0f}"
                )


if __name__ == "__main__":
    main()
