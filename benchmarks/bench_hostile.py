"""Parse time against input size on hostile input: it must grow linearly.

Run from the repository root:

    python benchmarks/bench_hostile.py              # up to 4 MB per input
    python benchmarks/bench_hostile.py --max-mb 1   # quicker

Each case builds inputs of growing size that aim at one place where a careless parser
(a regular expression that backtracks, a loop that rescans) goes quadratic or worse:
one endless line, an endless summary sentence, endless guideline lines, page lists,
item lines, parentheses, lettered-list markers, header labels, blank lines. Each input is
parsed (a record or a ``ParseError``, either is fine) and timed, best of ``--repeat``
runs. The table shows seconds, microseconds per KB, and the growth factor: time ratio
divided by size ratio against the previous size. Linear time gives factors near 1;
quadratic time gives factors near 2 (each doubling of the input quadruples the time).
A case whose parse takes longer than ``--budget`` seconds stops growing there.

Memory: at each case's largest size the parse is run once more under ``tracemalloc``,
and its peak (every Python allocation the parse makes, the input itself excluded) is
shown as a multiple of the input's length. The last line gives the largest multiple.
"""

from __future__ import annotations

import argparse
import contextlib
import random
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import imrparse

ROOT = Path(__file__).resolve().parent.parent
SEED = (ROOT / "tests" / "data" / "letters" / "seed_002_c4fc68c783e212d6.txt").read_text(
    encoding="utf-8"
)
_SUMMARY_START = "The injured worker is a 64-year-old female"
_GUIDELINE = "MAXIMUS guideline:"
_ITEM = "Valium 5mg #60:  Upheld"


def _repeat(piece: str, size: int) -> str:
    return piece * max(1, size // len(piece))


def _random_words(size: int, separators: str) -> str:
    """Words of random letters, each followed by one of ``separators``, seeded."""
    rng = random.Random(size)
    words = ["".join(rng.choices("abcdefghij", k=rng.randint(1, 9))) for _ in range(1000)]
    pieces: list[str] = []
    length = 0
    while length < size:
        pieces.append(rng.choice(words) + rng.choice(separators))
        length += len(pieces[-1])
    return "".join(pieces)


def _in_seed(marker: str, piece: str, size: int) -> str:
    """The seed letter with ``piece`` repeated to ``size`` characters just before ``marker``."""
    at = SEED.index(marker)
    return SEED[:at] + _repeat(piece, size) + SEED[at:]


CASES: dict[str, Callable[[int], str]] = {
    "one endless line": lambda size: _repeat("injured worker 10/02/02 ", size),
    "endless first sentence": lambda size: _in_seed(
        _SUMMARY_START, "The injured worker was injured on the job at 1/1/1 ", size
    ),
    "endless summary sentences": lambda size: _in_seed(
        _SUMMARY_START, "Diagnoses include (a) pain, (b) pain; and (c ", size
    ),
    "endless guideline line": lambda size: _in_seed(
        _GUIDELINE,
        "Decision based on MTUS Low Back Complaints 2004, Section(s): Summary, and ",
        size,
    ),
    "endless page list": lambda size: _in_seed(_GUIDELINE, "Page(s): 1-, 2; 3-", size),
    "endless item line": lambda size: _in_seed(_ITEM, "Norco 10/325mg #90 is: x ", size),
    "endless diagnosis list": lambda size: _in_seed(
        _SUMMARY_START, "being treated for right wrist and left hand sprain, fascia and ", size
    ),
    "endless prescriptions": lambda size: _in_seed(
        _SUMMARY_START, "Norco, Soma and Motrin were prescribed at ", size
    ),
    "endless treatment list": lambda size: _in_seed(
        _SUMMARY_START, "Treatment to date has included x-rays, Celebrex 200mg (since ", size
    ),
    "unclosed parentheses": lambda size: _in_seed(_SUMMARY_START, "Medications include (", size),
    "lettered markers": lambda size: _in_seed(_SUMMARY_START, "(a) (b) (c) (d) ", size),
    "numbered markers": lambda size: _in_seed(
        _SUMMARY_START, "Diagnoses: 1. pain 2.5 2) 3. (1) ", size
    ),
    "header labels": lambda size: (
        _repeat("Case Number:\nApplication\nDate Assigned:\n", size) + SEED
    ),
    "headings only": lambda size: _repeat("HOW THE IMR FINAL DETERMINATION WAS MADE\n", size),
    "blank lines and page breaks": lambda size: _in_seed(_ITEM, "\n \f\r\n", size),
    "hyphen breaks": lambda size: _in_seed(_SUMMARY_START, "non-\n", size),
    "random words": lambda size: _random_words(size, " "),
    "random words and lines": lambda size: _random_words(size, " \n"),
}


def _time_one(text: str, repeat: int) -> tuple[float, str]:
    best = float("inf")
    outcome = ""
    for _ in range(repeat):
        start = time.perf_counter()
        try:
            imrparse.parse(text)
            outcome = "record"
        except imrparse.ParseError:
            outcome = "ParseError"
        best = min(best, time.perf_counter() - start)
    return best, outcome


def _peak_multiple(text: str) -> float:
    """Peak memory of one parse of ``text``, as a multiple of its length."""
    tracemalloc.start()
    with contextlib.suppress(imrparse.ParseError):
        imrparse.parse(text)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / len(text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-mb", type=float, default=4.0, help="largest input, in MB")
    parser.add_argument("--repeat", type=int, default=2, help="runs per input (best is kept)")
    parser.add_argument("--budget", type=float, default=30.0, help="seconds before a case stops")
    parser.add_argument("--case", action="append", help="run only cases whose name holds this")
    args = parser.parse_args()

    sizes = []
    size = 64 * 1024
    while size <= args.max_mb * 1024 * 1024:
        sizes.append(size)
        size *= 2

    print(f"{'case':<28} {'size':>8} {'seconds':>9} {'us/KB':>8} {'growth':>7}  result")
    worst = 0.0
    most_memory = (0.0, "")
    for name, build in CASES.items():
        if args.case and not any(part in name for part in args.case):
            continue
        previous: tuple[int, float] | None = None
        for size in sizes:
            text = build(size)
            seconds, outcome = _time_one(text, args.repeat)
            kilobytes = len(text.encode("utf-8")) / 1024
            growth = ""
            if previous is not None:
                factor = (seconds / previous[1]) / (len(text) / previous[0])
                worst = max(worst, factor)
                growth = f"{factor:.2f}"
            print(
                f"{name:<28} {kilobytes / 1024:>6.2f}MB {seconds:>9.3f} "
                f"{seconds * 1e6 / kilobytes:>8.1f} {growth:>7}  {outcome}"
            )
            previous = (len(text), seconds)
            if seconds > args.budget:
                print(f"{name:<28} stopped: over the {args.budget:.0f} s budget")
                break
        multiple = _peak_multiple(text)
        most_memory = max(most_memory, (multiple, name))
        print(f"{name:<28} peak memory {multiple:.1f}x the input at {kilobytes / 1024:.2f}MB")
    print(f"\nlargest growth factor: {worst:.2f} (1 is linear, 2 is quadratic)")
    print(f"largest peak memory: {most_memory[0]:.1f}x the input ({most_memory[1]})")


if __name__ == "__main__":
    main()
