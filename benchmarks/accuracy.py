"""Accuracy against the hand-read gold: how many of each field the parser reads right.

Run from the repository root:

    IMRPARSE_CORPUS=/work/shared/corpus python benchmarks/accuracy.py
    python benchmarks/accuracy.py --extraction poppler --misses
    python benchmarks/accuracy.py --gold other/gold --corpus other

Each letter ``gold/STEM.json`` is compared with ``parse`` (strict) of ``pypdf/STEM.txt``
and ``poppler/STEM.txt``. Scalars are right or wrong; lists are scored by the gold
entries found and by the spurious entries (record entries not in the gold). The rules
of comparison are in ``tests/accuracy_scoring.py`` and the gold folder's ``README.md``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

import imrparse

ROOT = Path(__file__).resolve().parent.parent
# The scorer lives with the tests, which import it too: one copy of the rules.
sys.path.insert(0, str(ROOT / "tests"))

from accuracy_scoring import Scores, record_as_gold, score_letter, table  # noqa: E402

EXTRACTIONS = ("pypdf", "poppler")


def score_extraction(corpus: Path, gold: Path, extraction: str) -> Scores:
    """Score every gold letter read from one extraction's texts."""
    scores = Scores()
    for path in sorted(gold.glob("*.json")):
        expected = json.loads(path.read_text(encoding="utf-8"))
        text_path = corpus / extraction / f"{path.stem}.txt"
        got = None
        if text_path.exists():
            try:
                got = record_as_gold(imrparse.parse(text_path.read_text(encoding="utf-8")))
            except imrparse.ParseError:
                got = None
        score_letter(scores, expected, got)
    return scores


def main(argv: list[str] | None = None) -> int:
    """Print the per-field table (and, with ``--misses``, every miss)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=os.environ.get("IMRPARSE_CORPUS"))
    parser.add_argument("--gold", type=Path, help="gold folder (default: CORPUS/gold)")
    parser.add_argument("--extraction", choices=[*EXTRACTIONS, "both"], default="both")
    parser.add_argument("--misses", action="store_true", help="print every miss")
    options = parser.parse_args(argv)
    if options.corpus is None:
        parser.error("set IMRPARSE_CORPUS or pass --corpus")
    gold = options.gold or options.corpus / "gold"
    chosen = EXTRACTIONS if options.extraction == "both" else (options.extraction,)
    columns = [(name, score_extraction(options.corpus, gold, name)) for name in chosen]
    print(table(columns))
    for name, scores in columns:
        if scores.unreadable:
            print(f"\n{name}: not read in strict mode: {', '.join(scores.unreadable)}")
    if options.misses:
        for name, scores in columns:
            print(f"\n## misses, {name} ({len(scores.misses)})")
            for miss in scores.misses:
                print(miss)
    return 0


if __name__ == "__main__":
    sys.exit(main())
