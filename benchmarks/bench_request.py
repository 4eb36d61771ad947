"""Speed of the request readers (``read_request``, ``read_category``), old against new.

The readers run on the items the transformer hands them while it parses the corpus
letters. With ``--against REV`` the same readers of git revision ``REV`` (their modules,
grammar and vocabulary) are copied into a temporary package and timed in the same run,
turn about, and their outputs are compared on every item, those of the damaged letters
of ``benchmarks/snapshot.py`` included: the figure that counts is the ratio, since
timings on a shared machine drift.

    IMRPARSE_CORPUS=../shared/corpus python benchmarks/bench_request.py --against 7e590c4
"""

from __future__ import annotations

import argparse
import importlib
import inspect
import pathlib
import sys
import tempfile
from collections.abc import Callable, Sequence

import attrs

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import bench_decisions  # noqa: E402
import bench_summary  # noqa: E402
import snapshot  # noqa: E402
from imrparse.read.free_text.categories import read_category  # noqa: E402
from imrparse.read.free_text.request import read_request  # noqa: E402

# What is copied from the old revision: path in the package -> path in the old copy.
_FILES = {
    "src/imrparse/read/free_text/request.py": "request.py",
    "src/imrparse/read/free_text/categories.py": "categories.py",
    "src/imrparse/read/free_text/treatment_categories.json": "treatment_categories.json",
    "src/imrparse/read/parsers.py": "parsers.py",
    "src/imrparse/read/grammar/request.lark": "grammar/request.lark",
}
_PACKAGE = "old_request_readers"

Readers = Callable[[str], object]


def new_readers(item: str) -> tuple[object, ...]:
    """The two readers of this checkout, as the transformer runs them.

    The request is built with its category (``read_request``'s ``category`` keyword),
    not evolved from one without it.
    """
    category = read_category(item)
    return category, read_request(item, category=category[0])


def old_readers(revision: str, folder: pathlib.Path) -> Readers:
    """The two readers of ``revision``, copied into a package of their own."""
    package = folder / _PACKAGE
    (package / "grammar").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    for path, copy in _FILES.items():
        source = bench_summary._show(revision, path)
        if copy.endswith(".py"):
            source = source.replace("imrparse.read.parsers", f"{_PACKAGE}.parsers")
            source = source.replace('"imrparse.read", grammar', f'"{_PACKAGE}", grammar')
        (package / copy).write_text(source, encoding="utf-8")
    sys.path.insert(0, str(folder))
    request = importlib.import_module(f"{_PACKAGE}.request")
    categories = importlib.import_module(f"{_PACKAGE}.categories")

    read_request = request.read_request
    if "category" in inspect.signature(read_request).parameters:

        def readers(item: str) -> tuple[object, ...]:
            category = categories.read_category(item)
            return category, read_request(item, category=category[0])

    else:  # a revision before the keyword: the request is evolved, as it was then

        def readers(item: str) -> tuple[object, ...]:
            category = categories.read_category(item)
            return category, attrs.evolve(read_request(item), category=category[0])

    return readers


def items(texts: Sequence[str]) -> list[str]:
    """The items the transformer gives ``read_request`` while it parses ``texts``."""
    return list(bench_decisions.collect(texts).get("read_request", []))


def main(argv: Sequence[str] | None = None) -> None:
    """Run the benchmark."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--against", metavar="REV", help="git revision to compare with")
    parser.add_argument("--rounds", type=int, default=5, help="passes per timing")
    parser.add_argument("--repeat", type=int, default=7, help="timings of each (best kept)")
    parser.add_argument("--damaged", type=int, default=1000, help="damaged letters compared")
    args = parser.parse_args(argv)
    corpus = items([text for name, text in snapshot.inputs(0, 0) if not name.startswith("fix")])
    if not corpus:
        sys.exit("set IMRPARSE_CORPUS to the corpus folder")
    contenders: dict[str, Readers] = {"new": new_readers}
    with tempfile.TemporaryDirectory() as folder:
        if args.against:
            old = contenders["old"] = old_readers(args.against, pathlib.Path(folder))
            compared = items([text for _, text in snapshot.inputs(args.damaged, 20261201)])
            differ = [item for item in compared if repr(new_readers(item)) != repr(old(item))]
            for item in differ[:10]:
                print(f"differs: {item!r}\n  old: {old(item)!r}\n  new: {new_readers(item)!r}")
            print(f"{len(compared)} items compared; outputs differ on {len(differ)}")
        best = dict.fromkeys(contenders, float("inf"))
        for _ in range(args.repeat):  # turn about, so both see the same load
            for name, readers in contenders.items():
                best[name] = min(
                    best[name], bench_summary.per_summary(readers, corpus, args.rounds)
                )
    print(f"{len(corpus)} corpus items")
    for name, seconds in best.items():
        print(f"{name}: {seconds * 1e6:8.1f} us CPU per item (read_category + read_request)")
    if "old" in best:
        print(f"ratio old/new: {best['old'] / best['new']:.2f}x")


if __name__ == "__main__":
    main()
