"""Snapshot every record, warning and error the parser gives, to compare two versions.

A refactoring must not change what ``parse`` returns. This writes one JSON line per
input and mode (strict and lenient): the record's ``repr`` (spans and warnings included)
or the error's message, line and column. Inputs: the fixture letters, the corpus texts
of both extractions (when ``IMRPARSE_CORPUS`` is set) and ``--damaged`` letters made from
them by a seeded random damage, so that the same inputs are made on every run.

    python benchmarks/snapshot.py --out before.jsonl
    ... change the code ...
    python benchmarks/snapshot.py --out after.jsonl --compare before.jsonl
"""

from __future__ import annotations

import argparse
import json
import os
import pathlib
import random
import re
import sys

import imrparse

ROOT = pathlib.Path(__file__).resolve().parent.parent
_ENUM_MEMBER = re.compile(r"<\w+\.\w+: ('[^']*')>")


def inputs(damaged: int, seed: int) -> list[tuple[str, str]]:
    """(name, text) of every input, the damaged letters last."""
    found = [
        (f"fixture/{path.name}", path.read_text(encoding="utf-8"))
        for path in sorted((ROOT / "tests" / "data" / "letters").glob("*.txt"))
    ]
    corpus = os.environ.get("IMRPARSE_CORPUS")
    if corpus:
        for extraction in ("pypdf", "poppler"):
            for path in sorted((pathlib.Path(corpus) / extraction).glob("*.txt")):
                found.append((f"{extraction}/{path.name}", path.read_text(encoding="utf-8")))
    rng = random.Random(seed)
    originals = list(found)
    for index in range(damaged):
        name, text = originals[index % len(originals)]
        found.append((f"damaged/{index}/{name}", damage(rng, text)))
    return found


def damage(rng: random.Random, text: str) -> str:
    """One to three random edits: lines dropped, doubled, swapped, cut or garbled."""
    lines = text.split("\n")
    for _ in range(rng.randint(1, 3)):
        if not lines:
            break
        at = rng.randrange(len(lines))
        kind = rng.randrange(6)
        if kind == 0:
            del lines[at]
        elif kind == 1:
            lines.insert(at, lines[at])
        elif kind == 2:
            other = rng.randrange(len(lines))
            lines[at], lines[other] = lines[other], lines[at]
        elif kind == 3:
            line = lines[at]
            lines[at] = line[: rng.randint(0, len(line))]
        elif kind == 4:
            line = lines[at]
            cut = rng.randint(0, len(line))
            lines[at] = line[:cut] + rng.choice(["#", ":", "  ", "\t", "Upheld", "~~"]) + line[cut:]
        else:
            lines = lines[: at + 1]
    return "\n".join(lines)


def outcome(text: str, *, strict: bool) -> str:
    """What ``parse`` gives for ``text``: the record's repr, or the error."""
    try:
        # Enum members print as their values, so a str field turned enum compares equal.
        return _ENUM_MEMBER.sub(r"\1", repr(imrparse.parse(text, strict=strict)))
    except imrparse.ParseError as error:
        return f"ParseError({str(error)!r}, line={error.line}, column={error.column})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=pathlib.Path, required=True)
    parser.add_argument("--compare", type=pathlib.Path, help="an earlier snapshot")
    parser.add_argument("--damaged", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=20261201)
    args = parser.parse_args()
    rows = {}
    with args.out.open("w", encoding="utf-8") as out:
        for name, text in inputs(args.damaged, args.seed):
            for strict in (True, False):
                key = f"{name} strict={strict}"
                rows[key] = outcome(text, strict=strict)
                out.write(json.dumps({"input": key, "result": rows[key]}) + "\n")
    kinds: dict[str, int] = {}
    for key in rows:
        kinds[key.split("/")[0]] = kinds.get(key.split("/")[0], 0) + 1
    print(f"{len(rows)} results: {kinds}")
    if args.compare is None:
        return 0
    before = {}
    with args.compare.open(encoding="utf-8") as earlier:
        for line in earlier:
            row = json.loads(line)
            before[row["input"]] = _ENUM_MEMBER.sub(r"\1", row["result"])
    changed = [key for key in rows if before.get(key) != rows[key]]
    missing = [key for key in before if key not in rows]
    for key in changed[:20]:
        print(f"changed: {key}\n  before: {before.get(key)!r:.300}\n  after:  {rows[key]!r:.300}")
    errors = sum(1 for value in rows.values() if value.startswith("ParseError"))
    print(
        f"{len(rows) - len(changed)} equal, {len(changed)} changed, {len(missing)} missing; "
        f"{errors} are errors in both"
        if not changed
        else f"{len(changed)} changed"
    )
    return 1 if changed or missing else 0


if __name__ == "__main__":
    sys.exit(main())
