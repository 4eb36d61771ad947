"""Normalisation speed and sameness against an earlier revision, in one run.

Run from the repository root:

    IMRPARSE_CORPUS=../shared/corpus python benchmarks/bench_normalize.py --against 5d52ef9
    IMRPARSE_CORPUS=../shared/corpus python benchmarks/bench_normalize.py --against 5d52ef9 --check

The normalisation modules of the revision ``--against`` (``read/normalize.py``,
``read/header.py``, ``read/physical_lines.py``, ``template.py``) are copied from git
into a temporary directory and imported beside the working tree's. Each corpus text is
then normalised by both, alternately, ``--rounds`` times; the fastest time of each text
counts (the least disturbed by other work on the machine), in CPU time of this process.
The ratio old / new is printed.

``--check`` first compares the two on every input of ``benchmarks/snapshot.py`` (fixture
letters, corpus texts, damaged letters): canonical text, blocks, sections, generation,
reference year and the input offset of every canonical offset must all be equal.
"""

from __future__ import annotations

import argparse
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

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import snapshot  # noqa: E402
from imrparse.read import normalize as current  # noqa: E402

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
    for _ in range(rounds):
        for index, text in enumerate(texts):
            old_best[index] = _fastest(old.normalize, text, old_best[index])
            new_best[index] = _fastest(current.normalize, text, new_best[index])
    return sum(old_best), sum(new_best)


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
        seconds_old, seconds_new = measure(old, texts, args.rounds)
    print(
        f"normalize() on {len(texts)} corpus texts, fastest of {args.rounds}: "
        f"{args.against} {seconds_old / len(texts) * 1e6:,.0f} us/text, "
        f"now {seconds_new / len(texts) * 1e6:,.0f} us/text: {seconds_old / seconds_new:.2f}x"
    )


if __name__ == "__main__":
    main()
