"""The imrparse command over a folder of many letters: speed, parent CPU and peak memory.

Copies the fixture letters (tests/data/letters/seed_*.txt), or with ``--pdf`` the corpus
PDFs (``$IMRPARSE_CORPUS/pdf``, DWC's own files, as most users start from them), into a
temporary folder of N letters (a thousand per subfolder, as a download of DWC's letters
is laid out), each file with bytes of its own, then runs the installed command on it, as
a user would:

    imrparse parse FOLDER --format F --out PATH --jobs J --no-progress

for each --format and --jobs value, once on a tenth of the letters and once on all of
them. For each run it prints the wall time, letters per second, the peak resident
memory of the whole process tree (the command, the fork server and the workers) as RSS
summed and as PSS summed (shared pages divided among the processes that share them),
and the CPU time of the command's own process (the parent) and of the whole tree,
sampled from /proc every 20 ms (Linux). Then it prints the ratios measured in this one
run, with the load average, since the machine may be shared:

- ``--jobs 2`` vs ``--jobs 1``: wall time on all the letters, and in steady state (the
  extra letters of the large run over the small one, which leaves out start-up);
- the parent's CPU per letter (steady state), against the CPU per letter of the tree;
- Parquet vs JSON lines peak memory, and what importing pyarrow alone costs;
- the ceiling this machine allows: the throughput of two busy processes (a CPU-bound
  loop each) against one, measured before and after the runs, since two virtual cores
  need not be two free cores.

The peak is checked against the sum of each process's own peak (``VmHWM``), which can
only be larger (the processes need not peak at once): a sampled peak above it, or far
below it, would mean the sampling is wrong.

``--against SRC`` runs every case with that source tree too (``PYTHONPATH=SRC``, e.g.
``/work/main/src`` of a checkout of the old revision), old and new alternating, and
prints new against old; ``--against REV`` (a git revision) extracts that revision's
``src`` with ``git archive`` first.

``--rounds N`` runs every case N times, the cases alternating within each round (old
and new, ``--jobs`` 1 and 2), and keeps each case's fastest run: on a shared machine
other work only ever slows a run down, so the fastest is the least disturbed, and
alternating spreads what disturbs over every case alike. ``--wall-only`` leaves out
the sampling of memory and CPU (a walk of /proc every 20 ms, which takes CPU from the
run it measures, more so with two workers on two cores): only the wall times count.

    python benchmarks/bench_cli.py --letters 3000     # the ratios, about a minute
    python benchmarks/bench_cli.py --letters 3000 --against ../main/src
    python benchmarks/bench_cli.py --format jsonl --rounds 5 --wall-only --against 11034f7
    python benchmarks/bench_cli.py                    # 10,000 letters, a few minutes
    python benchmarks/bench_cli.py --letters 100000 --format jsonl   # ~1 GB of disk
    IMRPARSE_CORPUS=../shared/corpus python benchmarks/bench_cli.py --pdf --letters 1000 \
        --format jsonl --rounds 3 --wall-only          # PDFs: --jobs 2 vs --jobs 1

Needs imrparse installed with its console script on PATH (or beside this Python).
The command runs with its modules' bytecode cached, as ``pip install`` leaves them (an
uncounted run first writes the caches, ``PYTHONDONTWRITEBYTECODE`` is left out of its
environment): an editable install under that variable would compile every module at
every start, some 60 ms a run, which no installed user pays.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import multiprocessing
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from typing import TypeAlias

ROOT = pathlib.Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "tests" / "data" / "letters").glob("seed_*.txt"))
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
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


def distinct_pdf(data: bytes, i: int) -> bytes:
    """PDF i: the PDF with a comment line that spells i after its ``%%EOF``, where PDF
    readers look for the end of the file within its last 1024 bytes (as imrparse does)."""
    return data + b"\n%" + str(i).encode() + b"\n"


def corpus_pdfs() -> list[bytes]:
    """The corpus PDFs (``$IMRPARSE_CORPUS/pdf/*.pdf``), or exit saying why there are none."""
    corpus = os.environ.get("IMRPARSE_CORPUS")
    pdfs = sorted(pathlib.Path(corpus, "pdf").glob("*.pdf")) if corpus else []
    if not pdfs:
        sys.exit("--pdf needs the corpus PDFs: set IMRPARSE_CORPUS (e.g. ../shared/corpus)")
    return [path.read_bytes() for path in pdfs]


def make_folder(top: pathlib.Path, count: int, *, pdfs: list[bytes] | None = None) -> None:
    """``count`` letters under ``top``, each file with its own bytes: the fixture letters'
    text replicated, or ``pdfs`` (:func:`corpus_pdfs`) when given."""
    letters = pdfs if pdfs is not None else [seed.read_bytes() for seed in SEEDS]
    suffix, mark = (".pdf", distinct_pdf) if pdfs is not None else (".txt", distinct)
    for i in range(count):
        folder = top / f"{i // LETTERS_PER_FOLDER:04d}"
        if i % LETTERS_PER_FOLDER == 0:
            folder.mkdir(parents=True)
        (folder / f"letter_{i:07d}{suffix}").write_bytes(mark(letters[i % len(letters)], i))


def letter_count(folder: pathlib.Path) -> int:
    """The letters (text files and PDFs) that ``make_folder`` wrote under ``folder``."""
    return sum(1 for path in folder.rglob("letter_*") if path.suffix in (".txt", ".pdf"))


def against_source(against: str, scratch: pathlib.Path) -> str:
    """What ``--against`` names: a source folder as it is, else git revision's ``src``."""
    folder = pathlib.Path(against)
    return str(folder.resolve()) if folder.is_dir() else old_source(against, scratch)


def old_source(revision: str, scratch: pathlib.Path) -> str:
    """The ``src`` folder of git revision ``revision``, extracted under ``scratch``."""
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", revision, "src"], check=True, capture_output=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(scratch)], input=archive, check=True)
    return str(scratch / "src")


def command_args(
    folder: pathlib.Path, out: pathlib.Path, jobs: int, table_format: str
) -> list[str]:
    """The command line of one run: ``imrparse parse FOLDER`` into ``out``."""
    args = [command(), "parse", str(folder), "--format", table_format, "--out", str(out)]
    return [*args, "--jobs", str(jobs), "--no-progress"]


def command_environment(source: str | None) -> dict[str, str]:
    """The command's environment: this one, on ``source`` when given, bytecode cached.

    ``pip install`` compiles a package's modules to bytecode as it installs them, so a
    user's command loads them compiled; an editable install or a source tree under
    ``PYTHONDONTWRITEBYTECODE`` (set on some development machines) compiles every module
    again at every start, some 60 ms of each run. The command runs without it, and
    :func:`warm_up` has the caches written before the runs that count.
    """
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if source is not None:
        env["PYTHONPATH"] = source
    return env


def warm_up(folder: pathlib.Path, out: pathlib.Path, source: str | None) -> None:
    """Run the command once with two workers, uncounted: its modules' bytecode (the fork
    server's too) is written, as ``pip install`` writes it, and the files are cached."""
    args = command_args(folder, out, 2, "jsonl")
    env = command_environment(source)
    subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=True)
    out.unlink()


@dataclasses.dataclass
class Run:
    """One run of the command: what it took."""

    letters: int
    seconds: float
    rss: int = 0  # peak over the run, bytes, summed over the process tree
    pss: int = 0
    parent_cpu: float = 0.0  # seconds, the command's own process (all its threads)
    tree_cpu: float = 0.0  # seconds, the command and every descendant
    hwm: int = 0  # bytes: each process's own peak RSS (VmHWM), summed over the tree


def tree_sample(root: int, cpu: dict[int, float], hwm: dict[int, int]) -> tuple[int, int]:
    """Memory of a process and all of its descendants, from /proc: (RSS, PSS) in bytes.

    Also records in ``cpu`` the CPU seconds each process of the tree has used so far,
    and in ``hwm`` each one's own peak RSS so far (VmHWM, kept by the kernel).
    RSS summed over the tree counts twice the pages that forked processes share (the
    fork server's workers share its interpreter and imrparse's modules); PSS divides
    each shared page among the processes that map it, so its sum is what the tree
    costs the machine.
    """
    children: dict[int, list[int]] = {}
    used: dict[int, float] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = pathlib.Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue  # the process ended meanwhile
        fields = stat.rpartition(")")[2].split()
        children.setdefault(int(fields[1]), []).append(int(entry))
        used[int(entry)] = (int(fields[11]) + int(fields[12])) / CLOCK_TICKS
    rss = pss = 0
    todo = [root]
    while todo:
        pid = todo.pop()
        todo.extend(children.get(pid, ()))
        cpu[pid] = max(cpu.get(pid, 0.0), used.get(pid, 0.0))
        with contextlib.suppress(OSError, ValueError, IndexError):  # it ended meanwhile
            rss += int(pathlib.Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE_SIZE
            rollup = pathlib.Path(f"/proc/{pid}/smaps_rollup").read_text()
            pss += int(rollup.split("\nPss:")[1].split()[0]) * 1024
            status = pathlib.Path(f"/proc/{pid}/status").read_text()
            peak = int(status.split("\nVmHWM:")[1].split()[0]) * 1024
            hwm[pid] = max(hwm.get(pid, 0), peak)
    return rss, pss


def run(
    folder: pathlib.Path,
    out: pathlib.Path,
    jobs: int,
    table_format: str,
    source: str | None,
    *,
    sampled: bool = True,
) -> Run:
    """Run the command once (on the source tree ``source``, when given); give its wall
    time, and when ``sampled``, its peak memory and CPU time."""
    args = command_args(folder, out, jobs, table_format)
    env = command_environment(source)
    letters = letter_count(folder)
    started = time.perf_counter()
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    result = Run(letters, 0.0)
    cpu: dict[int, float] = {}
    hwm: dict[int, int] = {}
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.02):
            rss, pss = tree_sample(process.pid, cpu, hwm)
            result.rss, result.pss = max(result.rss, rss), max(result.pss, pss)

    sampler = threading.Thread(target=sample if sampled else lambda: None)
    sampler.start()
    _, stderr = process.communicate()
    result.seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    if process.returncode != 0:
        sys.exit(f"imrparse failed ({process.returncode}):\n{stderr.decode()}")
    summary = stderr.decode().splitlines()[-1]
    if " 0 failed" not in summary or "skipped" in summary:
        sys.exit(f"imrparse did not read every letter once: {summary}")
    result.parent_cpu = cpu.get(process.pid, 0.0)
    result.tree_cpu = sum(cpu.values())
    result.hwm = sum(hwm.values())
    return result


def busy(count: int) -> int:
    """A CPU-bound loop with no memory traffic to speak of: the machine's ceiling."""
    total = 0
    for i in range(count):
        total += i * i
    return total


def busy_ceiling(count: int = 10_000_000) -> float:
    """Throughput of two busy processes at once over one alone, best of three each.

    2.0 on two free cores; less where the cores are shared (hyperthreads, a busy host
    or other work on the machine), which bounds what ``--jobs 2`` can reach.
    """
    context = multiprocessing.get_context("spawn")
    one = two = float("inf")
    with context.Pool(2) as pool:
        pool.map(busy, [1, 1])  # the processes are started before the clock
        for _ in range(3):
            started = time.perf_counter()
            pool.apply(busy, (count,))
            one = min(one, time.perf_counter() - started)
            started = time.perf_counter()
            pool.map(busy, [count, count], chunksize=1)
            two = min(two, time.perf_counter() - started)
    return 2 * one / two


def import_cost() -> int:
    """RSS that importing pyarrow as the Parquet writer does adds to the command's, in bytes."""
    probe = (
        "import os, sys, imrparse.cli.main\n"
        "if sys.argv[1] == 'pyarrow':\n"
        "    os.environ.setdefault('ARROW_DEFAULT_MEMORY_POOL', 'system')\n"
        "    import pyarrow, pyarrow._parquet\n"
        "print(open('/proc/self/statm').read().split()[1])"
    )
    pages = [
        int(subprocess.check_output([sys.executable, "-c", probe, what], text=True))
        for what in ("none", "pyarrow")
    ]
    return (pages[1] - pages[0]) * PAGE_SIZE


def steady(small: Run, large: Run) -> float:
    """Seconds per letter over the letters of the large run beyond the small one."""
    return (large.seconds - small.seconds) / (large.letters - small.letters)


Runs: TypeAlias = dict[tuple[str, int], tuple[Run, Run]]


def report(
    runs: Runs, formats: list[str], ceiling: tuple[float, float], *, sampled: bool = True
) -> None:
    """Print the ratios measured in this run (those of memory and CPU when ``sampled``)."""
    load = " ".join(f"{average:.2f}" for average in os.getloadavg())
    print(f"\nratios measured in this run (load average now {load}; 2 free cores are best):")
    print(
        f"  the ceiling: two busy processes vs one, {ceiling[0]:.2f}x before the runs and "
        f"{ceiling[1]:.2f}x after (2.00x on two free cores)"
    )
    for table_format in formats:
        one, two = runs.get((table_format, 1)), runs.get((table_format, 2))
        if one and two:
            letters = one[1].letters
            print(
                f"  {table_format}: --jobs 2 vs --jobs 1 on {letters:,} letters: "
                f"{one[1].seconds / two[1].seconds:.2f}x wall, "
                f"{steady(*one) / steady(*two):.2f}x in steady state (without start-up)"
            )
        for jobs in (2, *sorted({jobs for (_, jobs) in runs if jobs > 2})):
            if (table_format, jobs) not in runs or not sampled:
                continue
            small, large = runs[(table_format, jobs)]
            extra = large.letters - small.letters
            parent = (large.parent_cpu - small.parent_cpu) / extra
            tree = (large.tree_cpu - small.tree_cpu) / extra
            print(
                f"  {table_format} --jobs {jobs}: the parent's CPU per letter {parent * 1e6:,.0f} "
                f"us of {tree * 1e3:,.2f} ms for the whole tree ({parent / tree:.1%})"
            )
    if not sampled:
        return
    if "jsonl" in formats and "parquet" in formats:
        for jobs in sorted({jobs for (_, jobs) in runs}):
            jsonl, parquet = runs[("jsonl", jobs)][1], runs[("parquet", jobs)][1]
            print(
                f"  parquet vs jsonl peak memory, --jobs {jobs}: "
                f"RSS {parquet.rss / jsonl.rss:.2f}x "
                f"({parquet.rss / 2**20:,.0f} vs {jsonl.rss / 2**20:,.0f} MB), "
                f"PSS {parquet.pss / jsonl.pss:.2f}x"
            )
        print(f"  importing pyarrow as the writer does, alone: {import_cost() / 2**20:,.0f} MB RSS")
    largest = max((pair[1] for pair in runs.values()), key=lambda run: run.hwm / run.rss)
    print(
        f"  check of the sampled peak: at most {largest.hwm / largest.rss:.2f}x below the sum "
        "of the processes' own peaks (VmHWM), which it can never exceed"
    )


def compare(new: Runs, old: Runs, *, sampled: bool = True) -> None:
    """Print new against old, case by case (the large run of each)."""
    print("\nnew vs old (the same letters, runs alternating):")
    for (table_format, jobs), pair in new.items():
        now, before = pair[1], old[(table_format, jobs)][1]
        line = f"  {table_format} --jobs {jobs}: {before.seconds / now.seconds:.2f}x letters/s"
        if sampled:
            line += (
                f", peak RSS {now.rss / 2**20:,.0f} vs {before.rss / 2**20:,.0f} MB, "
                f"PSS {now.pss / 2**20:,.0f} vs {before.pss / 2**20:,.0f} MB, parent CPU "
                f"{now.parent_cpu:.2f} vs {before.parent_cpu:.2f} s"
            )
        print(line)
    for table_format in dict.fromkeys(table_format for table_format, _ in new):
        if (table_format, 1) in new and (table_format, 2) in new:
            ratios = [
                runs[(table_format, 1)][1].seconds / runs[(table_format, 2)][1].seconds
                for runs in (new, old)
            ]
            print(
                f"  {table_format}: --jobs 2 vs --jobs 1, wall: new {ratios[0]:.2f}x, "
                f"old {ratios[1]:.2f}x"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.partition("\n")[0])
    parser.add_argument("--letters", type=int, default=10_000, help="letters in the folder")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2], help="--jobs values")
    parser.add_argument(
        "--format",
        nargs="+",
        default=["jsonl", "parquet"],
        choices=["jsonl", "json", "csv", "parquet"],
        help="--format values",
    )
    parser.add_argument(
        "--against",
        metavar="SRC|REV",
        help="also run the source tree SRC (PYTHONPATH), or git revision REV's, alternating",
    )
    parser.add_argument("--rounds", type=int, default=1, help="runs of each case; fastest counts")
    parser.add_argument(
        "--wall-only", action="store_true", help="no sampling of memory and CPU: wall time only"
    )
    parser.add_argument(
        "--pdf",
        action="store_true",
        help="letters as PDFs: the corpus PDFs replicated (needs IMRPARSE_CORPUS)",
    )
    args = parser.parse_args()
    small = max(args.letters // 10, 100)

    with tempfile.TemporaryDirectory(prefix="imrparse-bench-") as scratch:
        top = pathlib.Path(scratch)
        sources: dict[str, str | None] = {"new": None}
        if args.against:
            # The new code explicitly too: an editable install may point anywhere.
            sources = {"old": against_source(args.against, top), "new": str(ROOT / "src")}
        pdfs = corpus_pdfs() if args.pdf else None
        kind = f"{len(pdfs)} corpus PDFs" if pdfs else f"{len(SEEDS)} fixture letters"
        print(f"writing {args.letters:,} letters ({kind}, replicated)")
        make_folder(top / "all", args.letters, pdfs=pdfs)
        make_folder(top / "small", small, pdfs=pdfs)
        size = sum(f.stat().st_size for f in (top / "all").rglob("letter_*"))
        what = "PDF" if args.pdf else "text"
        print(f"{size / 1e6:,.0f} MB of {what}; imrparse: {command()}; {os.cpu_count()} cores\n")
        for source in sources.values():
            warm_up(top / "small", top / "warm-up.jsonl", source)
        ceiling_before = busy_ceiling()
        heading = ("code", 4), ("format", 7), ("letters", 9), ("jobs", 4), ("seconds", 8)
        heading += ("letters/s", 10), ("RSS MB", 7), ("PSS MB", 7), ("HWM MB", 7)
        heading += ("parent CPU s", 12), ("tree CPU s", 10)
        print(" ".join(f"{name:>{width}}" for name, width in heading))
        fastest: dict[tuple[str, str, int, str], Run] = {}
        for _ in range(args.rounds):
            for table_format in args.format:
                for folder in ("small", "all"):
                    for jobs in args.jobs:
                        for code, source in sources.items():
                            out = top / f"out-{jobs}-{folder}"
                            if table_format in ("jsonl", "json"):
                                out = out.with_suffix(f".{table_format}")
                            done = run(
                                top / folder,
                                out,
                                jobs,
                                table_format,
                                source,
                                sampled=not args.wall_only,
                            )
                            # Output is not kept: 100,000 records are about half a GB of JSON.
                            if out.is_dir():
                                shutil.rmtree(out)
                            else:
                                out.unlink()
                            key = (code, table_format, jobs, folder)
                            if key not in fastest or done.seconds < fastest[key].seconds:
                                fastest[key] = done
                            print(
                                f"{code:>4} {table_format:>7} {done.letters:>9,} {jobs:>4}"
                                f" {done.seconds:>8.2f} {done.letters / done.seconds:>10,.0f}"
                                f" {done.rss / 2**20:>7,.0f} {done.pss / 2**20:>7,.0f}"
                                f" {done.hwm / 2**20:>7,.0f} {done.parent_cpu:>12.2f}"
                                f" {done.tree_cpu:>10.2f}"
                            )
        runs: dict[str, Runs] = {
            code: {
                (table_format, jobs): (
                    fastest[(code, table_format, jobs, "small")],
                    fastest[(code, table_format, jobs, "all")],
                )
                for table_format in args.format
                for jobs in args.jobs
            }
            for code in sources
        }
        if args.rounds > 1:
            print(f"\nthe fastest of {args.rounds} rounds of each case counts")
        ceiling = (ceiling_before, busy_ceiling())
        report(runs["new"], args.format, ceiling, sampled=not args.wall_only)
        if "old" in runs:
            compare(runs["new"], runs["old"], sampled=not args.wall_only)


if __name__ == "__main__":
    main()
