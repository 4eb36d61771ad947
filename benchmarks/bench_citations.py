"""Speed of the guideline-line readers (sentences, MTUS and Non-MTUS citations), old against new.

Run from the repository root:

    IMRPARSE_CORPUS=../shared/corpus python benchmarks/bench_citations.py --against 7e590c4

The guideline lines (``Claims Administrator guideline: ...``, ``MAXIMUS guideline: ...``)
are collected as the transformer hands them to ``read_basis_sentences`` while it parses
every input of ``benchmarks/snapshot.py`` (fixture letters, corpus texts, damaged
letters). Each line is cut into sentences, and the body of each citation sentence is
read by ``read_mtus`` or ``read_non_mtus``, as the transformer does: each citation with its
span (of offsets in the body, here). A revision whose readers give each citation's offsets
alongside it instead (``(citation, start, end)``) has the span set by ``attrs.evolve``, as
its transformer did.

With ``--against REV`` the same readers of git revision ``REV`` are copied into a
temporary package and their outputs are compared with this checkout's on every line.
Both are then timed on the lines of the corpus letters, turn about, the best of
``--repeat`` timings each, in CPU time of this process: the figure that counts is the
ratio, since timings on a shared machine drift.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import inspect
import json
import random
import subprocess
import sys
import tempfile
import time
import timeit
from collections.abc import Callable, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any, NamedTuple

import attrs

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import imrparse  # noqa: E402
import snapshot  # noqa: E402
from imrparse.models import Span  # noqa: E402
from imrparse.read import transform  # noqa: E402
from imrparse.read.free_text import basis, citations  # noqa: E402

_PACKAGE = "src/imrparse/read/free_text"
# The seed of benchmarks/snapshot.py: the same damaged letters as the snapshot.
_SEED = 20261201


class Readers(NamedTuple):
    """The three readers of one revision."""

    read_basis_sentences: Callable[[str], Sequence[Any]]
    read_mtus: Callable[[str], Sequence[Any]]
    read_non_mtus: Callable[[str], Sequence[Any]]


def with_spans(read: Callable[..., Sequence[Any]]) -> Callable[[str], Sequence[Any]]:
    """A citation reader that gives citations with their spans, whatever its interface."""
    if len(inspect.signature(read).parameters) > 1:  # it takes a span_of
        return lambda body: read(body, span_of=Span)
    return lambda body: tuple(attrs.evolve(c, span=Span(a, b)) for c, a, b in read(body))


NEW = Readers(
    basis.read_basis_sentences, with_spans(citations.read_mtus), with_spans(citations.read_non_mtus)
)


def guideline_lines(texts: Sequence[str]) -> list[list[str]]:
    """The guideline lines the transformer reads in each of ``texts``, letter by letter."""
    found: list[list[str]] = []
    reader = transform.read_basis_sentences

    def record(line: str) -> Any:
        found[-1].append(line)
        return reader(line)

    transform.read_basis_sentences = record
    try:
        for text in texts:
            found.append([])
            for strict in (True, False):  # lenient mode reads lines strict mode gives up on
                with contextlib.suppress(imrparse.ParseError):
                    imrparse.parse(text, strict=strict)
    finally:
        transform.read_basis_sentences = reader
    # Each line once per letter: strict and lenient mode read the same lines.
    return [list(dict.fromkeys(lines)) for lines in found]


def read_line(readers: Readers, line: str) -> list[object]:
    """A line's sentences and the citations of each, as the transformer reads them."""
    sentences = readers.read_basis_sentences(line)
    read: list[object] = [sentences]
    for sentence in sentences:
        if sentence.kind.value == "mtus":
            read.append(readers.read_mtus(sentence.body))
        elif sentence.kind.value == "non_mtus":
            read.append(readers.read_non_mtus(sentence.body))
    return read


def old_readers(revision: str, folder: Path) -> Readers:
    """The readers of ``revision``: its package of free-text readers, copied whole."""
    copy_free_text(revision, folder)
    old_basis: ModuleType = importlib.import_module("old_free_text.basis")
    old_citations: ModuleType = importlib.import_module("old_free_text.citations")
    return Readers(
        old_basis.read_basis_sentences,
        with_spans(old_citations.read_mtus),
        with_spans(old_citations.read_non_mtus),
    )


def copy_free_text(revision: str, folder: Path) -> None:
    """Copy the free-text readers of ``revision`` to the package ``old_free_text`` in ``folder``.

    The package imports itself under its new name (``renamed``), and ``folder`` is put
    on ``sys.path``.
    """
    package = folder / "old_free_text"
    package.mkdir()
    for name in _git("ls-tree", "--name-only", f"{revision}:{_PACKAGE}").split():
        text = _git("show", f"{revision}:{_PACKAGE}/{name}")
        (package / name).write_text(renamed(text), encoding="utf-8")
    sys.path.insert(0, str(folder))


def renamed(source: str) -> str:
    """Python source with its imports of the free-text readers pointed at ``old_free_text``."""
    return source.replace("imrparse.read.free_text.", "old_free_text.")


def corpus_only(named: Sequence[tuple[str, str]], found: Sequence[Any]) -> list[Any]:
    """What was found in each input (``found``, in order), kept for the corpus texts only."""
    corpus = [
        item
        for (name, _), item in zip(named, found, strict=True)
        if name.startswith(("pypdf/", "poppler/"))
    ]
    if not corpus:
        sys.exit("set IMRPARSE_CORPUS to the corpus folder (it holds pypdf/ and poppler/)")
    return corpus


def _git(*arguments: str) -> str:
    run = subprocess.run(["git", "-C", str(ROOT), *arguments], capture_output=True, text=True)
    run.check_returncode()
    return run.stdout


def fuzzed_lines(count: int, seed: int) -> list[str]:
    """Random guideline lines made of the pieces citations are made of, to compare on."""
    names = json.loads((ROOT / _PACKAGE / "guideline_names.json").read_text(encoding="utf-8"))
    pieces = [
        *("Decision based on MTUS ", "Decision based on Non-MTUS Citation ", "decision based on "),
        *("The Claims Administrator did not base their decision on the MTUS. ", "The Expert "),
        *("The Expert Reviewer did not cite any medical evidence for its decision.", "ODG, "),
        *names["mtus_titles"],
        *names["sections_with_commas"],
        *names["odg_chapters"],
        *(f"({note})" for note in names["odg_chapter_notes"]),
        *(name for group in names["non_mtus_sources"].values() for name in group),
        *(" 2004", " 2016", "1999", ", Section(s): ", "Sections ", " Page(s): ", "pp. 12-14"),
        *(", and ", " and ", "; ", ", ", ",", ";", ": ", "/", " - ", "(", ")", "[", "]", "."),
        *(" ", "  ", "\t", "&", "Chapter", " chapter ", "(updated 11/22/16)", "Harlan K, "),
        *("Smith J et al", "Spine 2012", "accessed on 1/1/16", "www.drugs.com", "3.3.6 Pain"),
        *("Opioids", "TENS", "chronic pain", "Preoperative lab testing and Preoperative tests"),
        *("Neck and Upper Back", "\u017fhoulder", "KNEE", "\u212aNEE", "\u00e9", "x", "Guidelines"),
    ]
    rng = random.Random(seed)
    return ["".join(rng.choices(pieces, k=rng.randint(1, 14))) for _ in range(count)]


def _inputs(readers: Readers, lines: Sequence[str]) -> dict[str, list[str]]:
    """What each reader is given when ``lines`` are read (the bodies by the new sentences)."""
    inputs: dict[str, list[str]] = {"read_basis_sentences": list(lines)}
    inputs["read_mtus"], inputs["read_non_mtus"] = [], []
    for line in lines:
        for sentence in readers.read_basis_sentences(line):
            if sentence.kind.value in ("mtus", "non_mtus"):
                inputs[f"read_{sentence.kind.value}"].append(sentence.body)
    return inputs


def _seconds(reader: Callable[[str], object], calls: Sequence[str], rounds: int) -> float:
    """CPU seconds for one pass of ``reader`` over ``calls`` (the mean of ``rounds``)."""
    timer = timeit.Timer(lambda: [reader(call) for call in calls], timer=time.process_time)
    return timer.timeit(number=rounds) / rounds


def arguments(description: str, rounds: int, repeat: int) -> argparse.ArgumentParser:
    """The options of an old-against-new benchmark of the guideline lines."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--against", metavar="REV", help="git revision to compare with")
    parser.add_argument("--rounds", type=int, default=rounds, help="passes per timing")
    parser.add_argument("--repeat", type=int, default=repeat, help="timings of each (best kept)")
    parser.add_argument("--damaged", type=int, default=1000, help="damaged letters compared")
    return parser


def main() -> None:
    parser = arguments(__doc__.splitlines()[0], rounds=20, repeat=7)
    parser.add_argument("--fuzz", type=int, default=0, help="random lines compared too")
    args = parser.parse_args()
    named = snapshot.inputs(args.damaged, _SEED)
    by_letter = guideline_lines([text for _, text in named])
    corpus = corpus_only(named, by_letter)
    contenders = {"new": NEW}
    with tempfile.TemporaryDirectory() as folder:
        if args.against:
            contenders["old"] = old = old_readers(args.against, Path(folder))
            every = [line for lines in by_letter for line in lines]
            every += fuzzed_lines(args.fuzz, _SEED)
            differ = [
                line for line in every if repr(read_line(NEW, line)) != repr(read_line(old, line))
            ]
            print(
                f"{len(every)} guideline lines of {len(named)} inputs; "
                f"outputs differ on {len(differ)}"
            )
            for line in differ[:5]:
                print(f"  differs: {line!r:.200}")
        inputs = _inputs(NEW, [line for lines in corpus for line in lines])
        best = {(who, name): float("inf") for who in contenders for name in inputs}
        for _ in range(args.repeat):  # turn about, so both see the same load
            for who, readers in contenders.items():
                for name, calls in inputs.items():
                    seconds = _seconds(getattr(readers, name), calls, args.rounds)
                    best[who, name] = min(best[who, name], seconds)
    print(f"{len(corpus)} corpus letters; us CPU per corpus letter, best of {args.repeat}:")
    print(
        f"{'':<22}"
        + "".join(f"{who:>10}" for who in contenders)
        + ("     ratio" if len(contenders) > 1 else "")
    )
    for name in [*inputs, "all three"]:
        times = [
            sum(best[who, each] for each in inputs) if name == "all three" else best[who, name]
            for who in contenders
        ]
        row = f"{name:<22}" + "".join(f"{t / len(corpus) * 1e6:>10.1f}" for t in times)
        if len(times) > 1:
            row += f"{times[1] / times[0]:>9.2f}x"
        print(row + f"  ({len(inputs.get(name, []))} calls)" if name in inputs else row)


if __name__ == "__main__":
    main()
