"""The imrparse command over a folder of many letters: letters per second and peak memory.

Copies the fixture letters (tests/data/letters/seed_*.txt) into a temporary folder of N
letters (a thousand per subfolder, as a download of DWC's letters is laid out), then
runs the installed command on it, as a user would:

    imrparse parse FOLDER --format jsonl --out FILE --jobs J --no-progress

for each --jobs value, once on a tenth of the letters and once on all of them. For each
run it prints the wall time, letters per second, and the peak resident memory of the
whole process tree (the command, the fork server, the resource tracker and the workers),
as RSS summed and as PSS summed (shared pages divided among the processes that share
them), sampled from /proc every 20 ms (Linux). The two sizes show whether memory grows
with the number of letters: it must not.

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


def distinct(text: bytes, i: int) -> bytes:
    """Letter i: the text with trailing white space that spells i, so that every file
    has its own bytes (the command reads a file with the bytes of another once)."""
    return text + b"\n" + format(i, "b").replace("0", " ").replace("1", "\t").encode()


def make_folder(top: pathlib.Path, count: int) -> None:
    texts = [seed.read_bytes() for seed in SEEDS]
    for i in range(count):
        folder = top / f"{i // LETTERS_PER_FOLDER:04d}"
        if i % LETTERS_PER_FOLDER == 0:
            folder.mkdir(parents=True)
        (folder / f"letter_{i:07d}.txt").write_bytes(distinct(texts[i % len(texts)], i))


def tree_memory(root: int) -> tuple[int, int]:
    """Memory of a process and all of its descendants, from /proc: (RSS, PSS) in bytes.

    RSS summed over the tree counts twice the pages that forked processes share (the
    fork server's workers share its interpreter and imrparse's modules); PSS divides
    each shared page among the processes that map it, so its sum is what the tree
    costs the machine.
    """
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
    rss = pss = 0
    todo = [root]
    while todo:
        pid = todo.pop()
        todo.extend(children.get(pid, ()))
        with contextlib.suppress(OSError, ValueError):  # the process ended meanwhile
            rss += int(pathlib.Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE_SIZE
            rollup = pathlib.Path(f"/proc/{pid}/smaps_rollup").read_text()
            pss += int(rollup.split("\nPss:")[1].split()[0]) * 1024
    return rss, pss


def run(
    folder: pathlib.Path, out: pathlib.Path, jobs: int, table_format: str
) -> tuple[float, int, int]:
    """Run the command once; give its wall time and its process tree's peak RSS and PSS."""
    args = [command(), "parse", str(folder), "--format", table_format, "--out", str(out)]
    args += ["--jobs", str(jobs), "--no-progress"]
    started = time.perf_counter()
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak_rss = peak_pss = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak_rss, peak_pss
        while not done.wait(0.02):
            rss, pss = tree_memory(process.pid)
            peak_rss, peak_pss = max(peak_rss, rss), max(peak_pss, pss)

    sampler = threading.Thread(target=sample)
    sampler.start()
    _, stderr = process.communicate()
    elapsed = time.perf_counter() - started
    done.set()
    sampler.join()
    if process.returncode != 0:
        sys.exit(f"imrparse failed ({process.returncode}):\n{stderr.decode()}")
    summary = stderr.decode().splitlines()[-1]
    if " 0 failed" not in summary or "skipped" in summary:
        sys.exit(f"imrparse did not read every letter once: {summary}")
    return elapsed, peak_rss, peak_pss


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
        heading = ("letters", 9), ("jobs", 4), ("seconds", 8), ("letters/s", 10)
        heading += ("RSS MB", 7), ("PSS MB", 7)
        print(" ".join(f"{name:>{width}}" for name, width in heading))
        for jobs in args.jobs:
            for folder, letters in (("small", small), ("all", args.letters)):
                out = top / f"out-{jobs}-{folder}"
                if args.format in ("jsonl", "json"):
                    out = out.with_suffix(f".{args.format}")
                elapsed, rss, pss = run(top / folder, out, jobs, args.format)
                # Output is not kept: 100,000 records are about half a GB of JSON.
                if out.is_dir():
                    shutil.rmtree(out)
                else:
                    out.unlink()
                print(
                    f"{letters:>9,} {jobs:>4} {elapsed:>8.1f} {letters / elapsed:>10,.0f}"
                    f" {rss / 2**20:>7,.0f} {pss / 2**20:>7,.0f}"
                )


if __name__ == "__main__":
    main()
