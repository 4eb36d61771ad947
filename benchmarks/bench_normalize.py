"""Normalisation speed and sameness against an earlier revision, in one run.

Run from the repository root:

    IMRPARSE_CORPUS=../shared/corpus python benchmarks/bench_normalize.py --against 5d52ef9
    IMRPARSE_CORPUS=../shared/corpus python benchmarks/bench_normalize.py --against 5d52ef9 --check

The normalisation modules of the revision ``--against`` (``read/normalize.py``,
``read/header.py``, ``read/physical_lines.py``, ``template.py``) are copied from git
into a temporary directory and imported beside the working tree's. Each corpus text is
then normalised by both, alternately, ``--rounds`` times; the fastest time of each text
counts (the least disturbed by other work on the machine), in CPU time of this process.
Each goes first every other round (the second run on a text is faster: it finds the text
and freshly freed memory in the caches). The ratio old / new is printed.

The same is done for the offset map: ``input_span`` on the spans the transformer asks for
when it parses each corpus text (recorded once, by wrapping the reader's calls), and
``to_original`` on every seventh canonical offset; the time per call is printed.

``--check`` first compares the two on every input of ``benchmarks/snapshot.py`` (fixture
letters, corpus texts, damaged letters): canonical text, blocks, sections, generation,
reference year, the input offset of every canonical offset and the input spans must all
be equal, the spans the transformer asks for on the corpus texts too.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any
from unittest import mock

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import imrparse  # noqa: E402
import snapshot  # noqa: E402
from imrparse.read import normalize as current  # noqa: E402
from imrparse.read import recovery, transform  # noqa: E402

# The modules copied from the old revision, and how their imports of each other change.
_OLD_MODULES = {
    "read/normalize.py": "old_normalize",
    "read/header.py": "old_header",
    "read/physical_lines.py": "old_physical_lines",
    "template.py": "old_template",
}
_IMPORTS = {
    "from imrparse.read import header\n": "import old_header as header\n",
    "from imrparse import template\n": "import old_template as template\n",
    "from imrparse.read.physical_lines import": "from old_physical_lines import",
    "from imrparse.template import": "from old_template import",
}


def old_normalize(revision: str, directory: Path) -> ModuleType:
    """Import ``normalize`` as it was at ``revision`` (copied into ``directory``)."""
    for path, name in _OLD_MODULES.items():
        source = subprocess.run(
            ["git", "show", f"{revision}:src/imrparse/{path}"],
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        for old, new in _IMPORTS.items():
            source = source.replace(old, new)
        (directory / f"{name}.py").write_text(source, encoding="utf-8")
    sys.path.insert(0, str(directory))
    return importlib.import_module("old_normalize")


def _corpus() -> list[str]:
    corpus = os.environ.get("IMRPARSE_CORPUS")
    if not corpus:
        sys.exit("set IMRPARSE_CORPUS to the corpus directory (it holds pypdf/ and poppler/)")
    return [
        path.read_text(encoding="utf-8")
        for extraction in ("pypdf", "poppler")
        for path in sorted((Path(corpus) / extraction).glob("*.txt"))
    ]


def _blocks(canonical: Any) -> list[tuple[str, int, int]]:
    return [(block.kind.value, block.start, block.end) for block in canonical.blocks]


def _sections(canonical: Any) -> dict[str, tuple[int, int]]:
    return {kind.value: extent for kind, extent in canonical.sections().items()}


def differences(old: ModuleType, text: str) -> list[str]:
    """What differs between the old and the current normalisation of ``text``."""
    before, after = old.normalize(text), current.normalize(text)
    found = []
    if before.text != after.text:
        return ["text"]
    if _blocks(before) != _blocks(after):
        found.append("blocks")
    if _sections(before) != _sections(after):
        found.append("sections")
    if before.generation.value != after.generation.value:
        found.append("generation")
    if before.reference_year != after.reference_year:
        found.append("reference year")
    for offset in range(len(before.text) + 2):
        if before.offsets.to_original(offset) != after.offsets.to_original(offset):
            found.append(f"offset {offset}")
            break
    for start in range(0, len(before.text), 37):
        end = min(len(before.text), start + 80)
        old_span = old.input_span(before.text, before.offsets, start, end)
        new_span = current.input_span(after.text, after.offsets, start, end)
        if old_span != new_span:
            found.append(f"input span {start}-{end}")
            break
    return found


def _fastest(function: Callable[[str], object], text: str, best: float) -> float:
    start = time.process_time()
    function(text)
    return min(best, time.process_time() - start)


def measure(old: ModuleType, texts: Sequence[str], rounds: int) -> tuple[float, float]:
    """Summed fastest CPU seconds per text: (old, current)."""
    old_best = [float("inf")] * len(texts)
    new_best = [float("inf")] * len(texts)
    for round_number in range(rounds):
        for index, text in enumerate(texts):
            # Each goes first every other round: the second run on a text finds it, and
            # the memory the first freed, in the caches (some 4% faster, 15% for spans).
            if round_number % 2:
                new_best[index] = _fastest(current.normalize, text, new_best[index])
            old_best[index] = _fastest(old.normalize, text, old_best[index])
            if not round_number % 2:
                new_best[index] = _fastest(current.normalize, text, new_best[index])
    return sum(old_best), sum(new_best)


Calls = list[tuple[int, int]]


def transformer_spans(text: str) -> Calls:
    """The canonical ``(start, end)`` of each ``input_span`` call a parse of ``text`` makes."""
    calls: Calls = []

    def recording(canonical: str, offsets: Any, start: int, end: int) -> object:
        calls.append((start, end))
        return current.input_span(canonical, offsets, start, end)

    with (
        mock.patch.object(transform, "input_span", recording),
        mock.patch.object(recovery, "input_span", recording),
        contextlib.suppress(imrparse.ParseError),
    ):
        imrparse.parse(text)
    return calls


def span_differences(old: ModuleType, text: str, calls: Calls) -> bool:
    """Tell whether the old and the current ``input_span`` differ on ``calls``."""
    before, after = old.normalize(text), current.normalize(text)
    return any(
        old.input_span(before.text, before.offsets, start, end)
        != current.input_span(after.text, after.offsets, start, end)
        for start, end in calls
    )


def _spans(module: ModuleType, canonical: Any, calls: Calls) -> float:
    input_span, text, offsets = module.input_span, canonical.text, canonical.offsets
    start_time = time.process_time()
    for start, end in calls:
        input_span(text, offsets, start, end)
    return time.process_time() - start_time


def _offsets(canonical: Any, spread: range) -> float:
    to_original = canonical.offsets.to_original
    start_time = time.process_time()
    for offset in spread:
        to_original(offset)
    return time.process_time() - start_time


def measure_offsets(
    old: ModuleType, texts: Sequence[str], calls: Sequence[Calls], rounds: int
) -> tuple[tuple[float, float], tuple[float, float]]:
    """Summed fastest CPU seconds per text of input_span and of to_original: (old, current)."""
    canonicals = [(old.normalize(text), current.normalize(text)) for text in texts]
    spreads = [range(0, len(after.text), 7) for _, after in canonicals]
    best = [[float("inf")] * 4 for _ in texts]
    for round_number in range(rounds):
        for index, ((before, after), text_calls) in enumerate(zip(canonicals, calls, strict=True)):
            times = best[index]
            # Each goes first every other round, as in measure().
            order = slice(None, None, -1 if round_number % 2 else 1)
            for column, module, canonical in ((0, old, before), (1, current, after))[order]:
                times[column] = min(times[column], _spans(module, canonical, text_calls))
            for column, canonical in ((2, before), (3, after))[order]:
                times[column] = min(times[column], _offsets(canonical, spreads[index]))
    sums = [sum(times[column] for times in best) for column in range(4)]
    return (sums[0], sums[1]), (sums[2], sums[3])


def _per_call(name: str, against: str, seconds: tuple[float, float], count: int) -> str:
    before, after = seconds
    return (
        f"{name} on {count:,} calls: {against} {before / count * 1e9:,.0f} ns/call, "
        f"now {after / count * 1e9:,.0f} ns/call: {before / after:.2f}x"
    )


def main(argv: Sequence[str] | None = None) -> None:
    """Run the benchmark."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--against", required=True, help="git revision to compare with")
    parser.add_argument("--rounds", type=int, default=20, help="passes over the corpus")
    parser.add_argument("--check", action="store_true", help="first compare the outputs")
    args = parser.parse_args(argv)
    texts = _corpus()
    with tempfile.TemporaryDirectory() as directory:
        old = old_normalize(args.against, Path(directory))
        if args.check:
            inputs = snapshot.inputs(1000, 20261201)
            changed = [(name, found) for name, text in inputs if (found := differences(old, text))]
            for name, found in changed[:20]:
                print(f"differs: {name}: {', '.join(found)}")
            print(f"{len(inputs)} inputs: {len(inputs) - len(changed)} same, {len(changed)} differ")
        calls = [transformer_spans(text) for text in texts]
        if args.check:
            differ = sum(
                span_differences(old, text, text_calls)
                for text, text_calls in zip(texts, calls, strict=True)
            )
            print(f"transformer spans of {len(texts)} corpus texts: {differ} texts differ")
        seconds_old, seconds_new = measure(old, texts, args.rounds)
        spans, offsets = measure_offsets(old, texts, calls, args.rounds)
    print(
        f"normalize() on {len(texts)} corpus texts, fastest of {args.rounds}: "
        f"{args.against} {seconds_old / len(texts) * 1e6:,.0f} us/text, "
        f"now {seconds_new / len(texts) * 1e6:,.0f} us/text: {seconds_old / seconds_new:.2f}x"
    )
    span_count = sum(map(len, calls))
    offset_count = sum(len(range(0, len(current.normalize(text).text), 7)) for text in texts)
    print(_per_call("input_span()", args.against, spans, span_count))
    print(_per_call("to_original()", args.against, offsets, offset_count))


if __name__ == "__main__":
    main()
