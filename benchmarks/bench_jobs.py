"""What ``imrparse parse --jobs 2`` costs in CPU over ``--jobs 1``, against an earlier revision.

Wall time needs two free cores; CPU time does not, so this measures CPU seconds, which a
shared machine disturbs far less. It runs the installed command as bench_cli.py does,

    imrparse parse FOLDER --format F --out PATH --jobs J --no-progress

on a small and a large folder of fixture letters, for ``--jobs`` 1 and 2, with the
source tree of the revision ``--against`` (``git archive`` into a temporary folder) and
with this working tree, alternating, ``--rounds`` times. Each run's CPU is exact, not
sampled: this process becomes a subreaper (Linux ``PR_SET_CHILD_SUBREAPER``), so the
fork server and the workers, which outlive the command by a moment, are reaped here and
their CPU lands in this process's ``RUSAGE_CHILDREN``. The command's own CPU is read from
``/proc/PID/stat`` once it has ended but before it is reaped (``waitid`` with
``WNOWAIT``): its own time, without that of the workers it forked and reaped itself,
which ``wait4`` would add. The least of each over the rounds counts. From the two
folders it derives:

- the CPU per letter of the whole process tree, for each ``--jobs``;
- the fixed CPU of a run (what the small folder costs beyond its letters), and so the
  CPU that starting the workers adds (``--jobs 2`` fixed minus ``--jobs 1`` fixed);
- the parent's CPU per letter with ``--jobs 2`` (the parent's work bounds the speed-up).

    python benchmarks/bench_jobs.py --against 2305ac1
    python benchmarks/bench_jobs.py --against 2305ac1 --format parquet --rounds 7
"""

from __future__ import annotations

import argparse
import ctypes
import ctypes.util
import dataclasses
import os
import pathlib
import resource
import shutil
import subprocess
import sys
import tempfile

from bench_cli import ROOT, command, make_folder, old_source

# prctl(2): descendants orphaned below this process are re-parented to it.
PR_SET_CHILD_SUBREAPER = 36


def become_subreaper() -> None:
    libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
    if libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0:
        sys.exit(f"prctl(PR_SET_CHILD_SUBREAPER) failed: errno {ctypes.get_errno()}")


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def own_cpu(pid: int) -> float:
    """CPU seconds of a process itself (not of its children), ended and not yet reaped."""
    fields = pathlib.Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    # utime and stime: fields 14 and 15 of proc(5), counted from the state (field 3).
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def reap_all() -> None:
    """Wait for every descendant re-parented here (the fork server and its workers)."""
    while True:
        try:
            os.waitpid(-1, 0)
        except ChildProcessError:
            return


@dataclasses.dataclass
class Cost:
    parent: float  # CPU seconds of the command's own process
    tree: float  # CPU seconds of the command and every process it started


def run(folder: pathlib.Path, out: pathlib.Path, jobs: int, table_format: str, src: str) -> Cost:
    args = [command(), "parse", str(folder), "--format", table_format, "--out", str(out)]
    args += ["--jobs", str(jobs), "--no-progress"]
    env = {**os.environ, "PYTHONPATH": src}
    reap_all()
    before = children_cpu()
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    assert process.stderr is not None
    stderr = process.stderr.read()
    os.waitid(os.P_PID, process.pid, os.WEXITED | os.WNOWAIT)
    own = own_cpu(process.pid)
    _, status = os.waitpid(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    reap_all()
    if process.returncode != 0 or b" 0 failed" not in stderr.splitlines()[-1]:
        sys.exit(f"imrparse failed ({process.returncode}):\n{stderr.decode()}")
    if out.is_dir():
        shutil.rmtree(out)
    else:
        out.unlink()
    return Cost(own, children_cpu() - before)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.partition("\n")[0])
    parser.add_argument("--against", required=True, help="git revision to compare with")
    parser.add_argument("--format", default="jsonl", choices=["jsonl", "json", "csv", "parquet"])
    parser.add_argument("--small", type=int, default=200, help="letters in the small folder")
    parser.add_argument("--large", type=int, default=2000, help="letters in the large folder")
    parser.add_argument("--rounds", type=int, default=5, help="runs of each case; least counts")
    args = parser.parse_args()
    become_subreaper()
    with tempfile.TemporaryDirectory(prefix="imrparse-bench-jobs-") as scratch:
        top = pathlib.Path(scratch)
        sources = {"old": old_source(args.against, top), "new": str(ROOT / "src")}
        sizes = {"small": args.small, "large": args.large}
        for name, count in sizes.items():
            make_folder(top / name, count)
        best: dict[tuple[str, int, str], Cost] = {}
        out = top / ("out" if args.format in ("csv", "parquet") else f"out.{args.format}")
        for _ in range(args.rounds):
            for jobs in (1, 2):
                for name in sizes:
                    for code, src in sources.items():
                        cost = run(top / name, out, jobs, args.format, src)
                        least = best.setdefault((code, jobs, name), cost)
                        least.parent = min(least.parent, cost.parent)
                        least.tree = min(least.tree, cost.tree)
        extra = args.large - args.small
        print(
            f"{args.format}, {args.small:,} and {args.large:,} letters, least of {args.rounds} runs"
        )
        print(
            f"old = {args.against}, new = the working tree; load average {os.getloadavg()[0]:.2f}"
        )
        figures: dict[str, dict[str, float]] = {}
        for code in sources:
            per_letter = {
                jobs: (best[(code, jobs, "large")].tree - best[(code, jobs, "small")].tree) / extra
                for jobs in (1, 2)
            }
            fixed = {
                jobs: best[(code, jobs, "small")].tree - args.small * per_letter[jobs]
                for jobs in (1, 2)
            }
            parent = (best[(code, 2, "large")].parent - best[(code, 2, "small")].parent) / extra
            figures[code] = {
                "tree CPU per letter, --jobs 1 (us)": per_letter[1] * 1e6,
                "tree CPU per letter, --jobs 2 (us)": per_letter[2] * 1e6,
                "parent CPU per letter, --jobs 2 (us)": parent * 1e6,
                "fixed CPU of a run, --jobs 1 (s)": fixed[1],
                "fixed CPU of a run, --jobs 2 (s)": fixed[2],
                "CPU the workers' start adds (s)": fixed[2] - fixed[1],
                "parent CPU, small folder, --jobs 2 (s)": best[(code, 2, "small")].parent,
            }
        print(f"{'':40} {'old':>9} {'new':>9} {'old/new':>8}")
        for label in figures["new"]:
            old, new = figures["old"][label], figures["new"][label]
            ratio = f"{old / new:8.2f}" if new > 0 else f"{'':8}"
            print(f"{label:40} {old:9.3f} {new:9.3f} {ratio}")


if __name__ == "__main__":
    main()
