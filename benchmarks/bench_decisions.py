"""Time of the decision readers: how much of ``imrparse.parse`` each one takes.

Run from the repository root:

    python benchmarks/bench_decisions.py
    IMRPARSE_CORPUS=../shared/corpus python benchmarks/bench_decisions.py --rounds 5

The letters (the fixtures, and the corpus texts when ``IMRPARSE_CORPUS`` is set) are
parsed once to collect what the transformer hands each reader (item lines, items,
guideline lines, citation bodies). Each reader is then timed alone on its inputs, the
best of ``--rounds`` passes, next to the time of ``parse`` itself on the same letters: the
share says what a reader's speed-up can give the whole parse.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import imrparse
from imrparse.read import transform

ROOT = Path(__file__).resolve().parent.parent
# The readers the transformer calls for the decisions, by their name in read/transform.py.
READERS = (
    "read_item_line",
    "read_request",
    "read_category",
    "read_basis_sentences",
    "read_mtus",
    "read_non_mtus",
    "read_reviewer_paragraph",
)


def letters() -> list[str]:
    """The fixture letters, and the corpus texts of both extractions if there is a corpus."""
    paths = sorted((ROOT / "tests" / "data" / "letters").glob("*.txt"))
    corpus = os.environ.get("IMRPARSE_CORPUS")
    if corpus:
        for extraction in ("pypdf", "poppler"):
            paths += sorted((Path(corpus) / extraction).glob("*.txt"))
    return [path.read_text(encoding="utf-8") for path in paths]


def _parse_all(texts: Sequence[str]) -> None:
    for text in texts:
        with contextlib.suppress(imrparse.ParseError):
            imrparse.parse(text, strict=False)


def collect(texts: Sequence[str]) -> dict[str, list[Any]]:
    """What the transformer gives each reader while it parses ``texts``."""
    inputs: dict[str, list[Any]] = defaultdict(list)
    originals = {name: getattr(transform, name) for name in READERS}

    def recording(name: str, reader: Callable[..., Any]) -> Callable[..., Any]:
        # Only the text is recorded: the readers are timed on it alone (read_request's
        # category keyword, which the transformer passes, only fills a field).
        def record(argument: Any, **keywords: Any) -> Any:
            inputs[name].append(argument)
            return reader(argument, **keywords)

        return record

    try:
        for name, reader in originals.items():
            setattr(transform, name, recording(name, reader))
        _parse_all(texts)
    finally:
        for name, reader in originals.items():
            setattr(transform, name, reader)
    return inputs


def _best(function: Callable[[], object], rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - start)
    return best


def main(argv: Sequence[str] | None = None) -> None:
    """Run the benchmark."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="passes; the best one counts")
    args = parser.parse_args(argv)
    texts = letters()
    inputs = collect(texts)
    whole = _best(lambda: _parse_all(texts), args.rounds)
    print(f"imrparse {imrparse.__version__}: {len(texts)} letters, parse {whole * 1e3:.1f} ms")
    total = 0.0
    for name in READERS:
        reader = getattr(transform, name)
        calls = inputs.get(name, [])
        seconds = _best(lambda reader=reader, calls=calls: [reader(c) for c in calls], args.rounds)
        total += seconds
        rate = len(calls) / seconds if seconds else 0.0
        print(
            f"{name:<24} {len(calls):>5} calls {seconds * 1e3:>7.1f} ms "
            f"{rate:>9,.0f} calls/s {seconds / whole:>6.1%} of parse"
        )
    share = total / whole
    print(f"{'all these readers':<24} {'':>11} {total * 1e3:>7.1f} ms {'':>16} {share:>6.1%}")


if __name__ == "__main__":
    main()
