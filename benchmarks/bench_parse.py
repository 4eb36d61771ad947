"""Parse throughput: letters per second, MB/s and peak memory of ``imrparse.parse``.

Run from the repository root:

    python benchmarks/bench_parse.py                 # fixture letters
    IMRPARSE_CORPUS=../shared/corpus python benchmarks/bench_parse.py   # + real letters

Each set of letters is parsed ``--rounds`` times on one core, and the fastest pass
counts. As a yardstick, the same texts are also split on the three section headings
with one regular expression (the least any "parser" must do), pass for pass in turn
with the parse, and the ratio of the two fastest passes is printed.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.machinery
import os
import re
import time
import tracemalloc
from collections.abc import Callable, Sequence
from pathlib import Path

import imrparse

ROOT = Path(__file__).resolve().parent.parent
_HEADINGS = re.compile(
    r"HOW THE IMR FINAL DETERMINATION WAS MADE|CLINICAL CASE SUMMARY"
    r"|IMR ISSUES, DECISIONS AND RATIONALES"
)


def regex_split(text: str) -> list[str]:
    """The yardstick: split a letter into its sections, and nothing more."""
    return _HEADINGS.split(text)


def _one_pass(function: Callable[[str], object], texts: Sequence[str]) -> float:
    start = time.perf_counter()
    for text in texts:
        function(text)
    return time.perf_counter() - start


def _best_passes(texts: Sequence[str], rounds: int) -> tuple[float, float]:
    """The fastest pass of ``parse`` and of the split over ``texts``, turn about.

    On a shared machine the least disturbed pass is the best estimate of each, and
    taking the two turn about gives both the same conditions.
    """
    parse_best = split_best = float("inf")
    for _ in range(rounds):
        parse_best = min(parse_best, _one_pass(imrparse.parse, texts))
        split_best = min(split_best, _one_pass(regex_split, texts))
    return parse_best, split_best


def _peak_memory(texts: Sequence[str]) -> int:
    tracemalloc.start()
    for text in texts:
        imrparse.parse(text)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak


def measure(name: str, texts: Sequence[str], rounds: int) -> None:
    """Print one line of figures for ``texts``."""
    for text in texts:  # warm up: build the parser, fill caches
        imrparse.parse(text)
    seconds, baseline = _best_passes(texts, rounds)
    letters = len(texts)
    megabytes = sum(len(text.encode("utf-8")) for text in texts) / 1e6
    peak = _peak_memory(texts)
    print(
        f"{name:<22} {len(texts):>4} letters x {rounds:<4} "
        f"{letters / seconds:>8,.0f} letters/s {megabytes / seconds:>6.2f} MB/s "
        f"peak {peak / 1e6:>5.1f} MB  regex split {letters / baseline:>10,.0f} letters/s "
        f"(parse is {seconds / baseline:,.0f}x slower)"
    )


def build() -> str:
    """Which build of imrparse runs: pure Python, or the compiled wheel (hatch_build.py)."""
    # transform is among the modules the compiled wheel compiles.
    path = str(importlib.import_module("imrparse.read.transform").__file__)
    kind = "compiled" if path.endswith(tuple(importlib.machinery.EXTENSION_SUFFIXES)) else "pure"
    return f"{kind} ({Path(path).parent.parent.parent})"


def main(argv: Sequence[str] | None = None) -> None:
    """Run the benchmark."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--rounds", type=int, default=30, help="passes over each set (the fastest counts)"
    )
    args = parser.parse_args(argv)
    fixtures = [
        p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests/data/letters").glob("*.txt"))
    ]
    print(f"imrparse {imrparse.__version__}, {build()}, one core")
    measure("fixture letters", fixtures, args.rounds)
    corpus = os.environ.get("IMRPARSE_CORPUS")
    if corpus:
        for extractor in ("pypdf", "poppler"):
            texts = [
                p.read_text(encoding="utf-8")
                for p in sorted((Path(corpus) / extractor).glob("*.txt"))
            ]
            measure(f"corpus ({extractor})", texts, args.rounds)


if __name__ == "__main__":
    main()
