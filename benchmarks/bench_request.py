"""Speed of the request readers (``read_item_line``, ``read_category``, ``read_request``).

The readers run on the item lines and items the transformer hands them while it parses
the corpus letters. With ``--against REV`` the same readers of git revision ``REV`` (their modules,
grammar and vocabulary) are copied into a temporary package and timed in the same run,
turn about, and their outputs are compared on every item, those of the damaged letters
of ``benchmarks/snapshot.py`` included: the figure that counts is the ratio, since
timings on a shared machine drift.

    IMRPARSE_CORPUS=../shared/corpus python benchmarks/bench_request.py --against 2305ac1
"""

from __future__ import annotations

import argparse
import importlib
import inspect
import pathlib
import sys
import tempfile
import time
import timeit
from collections.abc import Callable, Sequence
from typing import NamedTuple

import attrs

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import bench_decisions  # noqa: E402
import bench_summary  # noqa: E402
import snapshot  # noqa: E402
from imrparse.read.free_text.categories import read_category  # noqa: E402
from imrparse.read.free_text.item import read_item_line  # noqa: E402
from imrparse.read.free_text.request import read_request  # noqa: E402

# What is copied from the old revision: path in the package -> path in the old copy.
_FILES = {
    "src/imrparse/read/free_text/item.py": "item.py",
    "src/imrparse/read/free_text/request.py": "request.py",
    "src/imrparse/read/free_text/categories.py": "categories.py",
    "src/imrparse/read/free_text/treatment_categories.json": "treatment_categories.json",
    "src/imrparse/read/parsers.py": "parsers.py",
    "src/imrparse/read/grammar/request.lark": "grammar/request.lark",
}
_PACKAGE = "old_request_readers"

Readers = Callable[[str], object]


class Inputs(NamedTuple):
    """What the transformer hands the readers: item lines, and the items read from them."""

    lines: list[str]
    items: list[str]


class Contender(NamedTuple):
    """The readers of one revision: the item line's, and the item's two together."""

    item_line: Readers
    item: Readers
    #: Each reader of an item alone (``--parts``); the request is given no category.
    category: Readers
    request: Readers


def run(contender: Contender, inputs: Inputs) -> None:
    """Every reader on its inputs, once."""
    for line in inputs.lines:
        contender.item_line(line)
    for item in inputs.items:
        contender.item(item)


def new_readers(item: str) -> tuple[object, ...]:
    """The two readers of this checkout, as the transformer runs them.

    The request is built with its category (``read_request``'s ``category`` keyword),
    not evolved from one without it.
    """
    category = read_category(item)
    return category, read_request(item, category=category[0])


def old_readers(revision: str, folder: pathlib.Path) -> Contender:
    """The readers of ``revision``, copied into a package of their own."""
    package = folder / _PACKAGE
    (package / "grammar").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    for path, copy in _FILES.items():
        source = bench_summary._show(revision, path)
        if copy.endswith(".py"):
            source = source.replace("imrparse.read.parsers", f"{_PACKAGE}.parsers")
            source = source.replace("imrparse.read.free_text.", f"{_PACKAGE}.")
            source = source.replace('"imrparse.read", grammar', f'"{_PACKAGE}", grammar')
        (package / copy).write_text(source, encoding="utf-8")
    sys.path.insert(0, str(folder))
    request = importlib.import_module(f"{_PACKAGE}.request")
    categories = importlib.import_module(f"{_PACKAGE}.categories")
    item_line = importlib.import_module(f"{_PACKAGE}.item").read_item_line

    read_request = request.read_request
    if "category" in inspect.signature(read_request).parameters:

        def readers(item: str) -> tuple[object, ...]:
            category = categories.read_category(item)
            return category, read_request(item, category=category[0])

    else:  # a revision before the keyword: the request is evolved, as it was then

        def readers(item: str) -> tuple[object, ...]:
            category = categories.read_category(item)
            return category, attrs.evolve(read_request(item), category=category[0])

    return Contender(item_line, readers, categories.read_category, read_request)


def collect(texts: Sequence[str]) -> Inputs:
    """The item lines and items the transformer gives the readers while it parses ``texts``."""
    found = bench_decisions.collect(texts)
    return Inputs(list(found.get("read_item_line", [])), list(found.get("read_request", [])))


def differences(new: Contender, old: Contender, inputs: Inputs) -> list[str]:
    """The inputs on which the two give different outputs, each with both outputs."""
    found = []
    for name, texts in (("item_line", inputs.lines), ("item", inputs.items)):
        ours, theirs = getattr(new, name), getattr(old, name)
        for text in texts:
            if repr(ours(text)) != repr(theirs(text)):
                found.append(f"{name} {text!r}\n  old: {theirs(text)!r}\n  new: {ours(text)!r}")
    return found


def per_letter(contender: Contender, inputs: Inputs, letters: int, rounds: int) -> float:
    """CPU seconds per letter for one timing of ``rounds`` passes over ``inputs``."""
    timer = timeit.Timer(lambda: run(contender, inputs), timer=time.process_time)
    return timer.timeit(number=rounds) / (rounds * letters)


def parts(contender: Contender, inputs: Inputs) -> dict[str, Callable[[], object]]:
    """Each reader alone on its inputs (``--parts``)."""
    return {
        "read_item_line": lambda: [contender.item_line(line) for line in inputs.lines],
        "read_category": lambda: [contender.category(item) for item in inputs.items],
        "read_request": lambda: [contender.request(item) for item in inputs.items],
    }


def main(argv: Sequence[str] | None = None) -> None:
    """Run the benchmark."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--against", metavar="REV", help="git revision to compare with")
    parser.add_argument("--rounds", type=int, default=5, help="passes per timing")
    parser.add_argument("--repeat", type=int, default=7, help="timings of each (best kept)")
    parser.add_argument("--damaged", type=int, default=1000, help="damaged letters compared")
    parser.add_argument("--parts", action="store_true", help="also time each reader alone")
    args = parser.parse_args(argv)
    letters = [text for name, text in snapshot.inputs(0, 0) if not name.startswith("fix")]
    corpus = collect(letters)
    if not corpus.items:
        sys.exit("set IMRPARSE_CORPUS to the corpus folder")
    contenders = {"new": Contender(read_item_line, new_readers, read_category, read_request)}
    with tempfile.TemporaryDirectory() as folder:
        if args.against:
            contenders["old"] = old_readers(args.against, pathlib.Path(folder))
            compared = collect([text for _, text in snapshot.inputs(args.damaged, 20261201)])
            differ = differences(contenders["new"], contenders["old"], compared)
            for difference in differ[:10]:
                print(f"differs: {difference}")
            print(
                f"{len(compared.lines)} item lines, {len(compared.items)} items compared; "
                f"outputs differ on {len(differ)}"
            )
        best = dict.fromkeys(contenders, float("inf"))
        alone: dict[tuple[str, str], float] = {}
        for _ in range(args.repeat):  # turn about, so both see the same load
            for name, contender in contenders.items():
                seconds = per_letter(contender, corpus, len(letters), args.rounds)
                best[name] = min(best[name], seconds)
                for part, timed in (parts(contender, corpus) if args.parts else {}).items():
                    seconds = timeit.timeit(timed, timer=time.process_time, number=args.rounds)
                    seconds /= args.rounds * len(letters)
                    alone[name, part] = min(alone.get((name, part), seconds), seconds)
    print(
        f"{len(letters)} corpus letters: {len(corpus.lines)} item lines, {len(corpus.items)} items"
    )
    for name, seconds in best.items():
        print(
            f"{name}: {seconds * 1e6:8.1f} us CPU per letter "
            "(read_item_line + read_category + read_request)"
        )
    for (name, part), seconds in alone.items():
        ratio = alone["old", part] / seconds if name == "new" and "old" in contenders else None
        print(
            f"  {name} {part:<15} {seconds * 1e6:7.1f} us per letter"
            + (f"  (old/new {ratio:.2f}x)" if ratio else "")
        )
    if "old" in best:
        print(f"ratio old/new: {best['old'] / best['new']:.2f}x")


if __name__ == "__main__":
    main()
