"""Speed of the transformer's guideline lines (``LetterTransformer._basis``), old against new.

Run from the repository root:

    IMRPARSE_CORPUS=../shared/corpus python benchmarks/bench_basis.py --against 2305ac1

While every input of ``benchmarks/snapshot.py`` is parsed (fixture letters, corpus texts,
damaged letters; strict and lenient), each call of ``_basis`` is recorded: the letter's
canonical text, the base of the tree and the guideline line's token. ``_basis`` reads the
line's sentences, the citations of each (``read_mtus``, ``read_non_mtus``) and their spans,
and builds the line's :class:`~imrparse.models.Basis`.

With ``--against REV`` the transformer module and the free-text readers of git revision
``REV`` are copied into a temporary package; on every recorded call the old and the new
``_basis`` must give the same record (spans included) and the same warnings. Both are then
timed on the calls of the corpus letters, turn about, the best of ``--repeat`` timings
each, in CPU time of this process: the figure that counts is the ratio, since timings on a
shared machine drift.
"""

from __future__ import annotations

import contextlib
import importlib
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import imrparse  # noqa: E402
import snapshot  # noqa: E402
from bench_citations import _git, arguments, copy_free_text, corpus_only, renamed  # noqa: E402
from imrparse.read import transform  # noqa: E402

# The seed of benchmarks/snapshot.py: the same damaged letters as the snapshot.
_SEED = 20261201

#: One recorded call: (canonical letter, base of the tree, the guideline line's token).
Call = tuple[Any, int, Any]


def recorded_calls(texts: Sequence[str]) -> list[tuple[list[Call], list[Call]]]:
    """The ``_basis`` calls the transformer makes on each of ``texts``, letter by letter.

    For each letter: the calls of the parse that ``imrparse.parse`` makes (strict mode),
    and those of a lenient parse, which reads lines strict mode gives up on.
    """
    found: list[list[Call]] = []
    basis = transform.LetterTransformer._basis

    def record(self: transform.LetterTransformer, token: Any) -> Any:
        found[-1].append((self._letter, self._base, token))
        return basis(self, token)

    transform.LetterTransformer._basis = record  # type: ignore[method-assign]
    try:
        for text in texts:
            for strict in (True, False):
                found.append([])
                with contextlib.suppress(imrparse.ParseError):
                    imrparse.parse(text, strict=strict)
    finally:
        transform.LetterTransformer._basis = basis  # type: ignore[method-assign]
    return list(zip(found[::2], found[1::2], strict=True))


def old_transform(revision: str, folder: Path) -> ModuleType:
    """The transformer module of ``revision``, reading with that revision's free-text readers.

    Its other imports (models, messages, normalize) are this checkout's.
    """
    copy_free_text(revision, folder)
    module = _git("show", f"{revision}:src/imrparse/read/transform.py")
    (folder / "old_transform.py").write_text(renamed(module), encoding="utf-8")
    return importlib.import_module("old_transform")


def _pass(calls: Sequence[tuple[Any, Any]]) -> float:
    """CPU seconds for one ``_basis`` of each call (transformer, token)."""
    started = time.process_time()
    for transformer, token in calls:
        transformer._basis(token)
    seconds = time.process_time() - started
    for transformer, _ in calls:
        transformer.warnings.clear()
    return seconds


def main() -> None:
    args = arguments(__doc__.splitlines()[0], rounds=5, repeat=9).parse_args()
    named = snapshot.inputs(args.damaged, _SEED)
    by_letter = recorded_calls([text for _, text in named])
    corpus = corpus_only(named, by_letter)  # timed: their calls as imrparse.parse makes them
    modules = {"new": transform}
    with tempfile.TemporaryDirectory() as folder:
        if args.against:
            modules["old"] = old = old_transform(args.against, Path(folder))
            every = [call for both in by_letter for calls in both for call in calls]
            differ = 0
            for letter, base, token in every:
                results = []
                for module in (transform, old):
                    transformer = module.LetterTransformer(letter, base)
                    results.append(repr((transformer._basis(token), transformer.warnings)))
                if results[0] != results[1]:
                    differ += 1
                    if differ <= 5:
                        print(f"  differs: {token.value!r:.200}")
            print(
                f"{len(every)} guideline lines of {len(named)} inputs; outputs differ on {differ}"
            )
        timed = {
            who: [
                (module.LetterTransformer(letter, base), token)
                for strict, _ in corpus
                for letter, base, token in strict
            ]
            for who, module in modules.items()
        }
        best = dict.fromkeys(modules, float("inf"))
        for _ in range(args.repeat):  # turn about, so both see the same load
            for who, calls in timed.items():
                best[who] = min(best[who], sum(_pass(calls) for _ in range(args.rounds)))
    per_letter = {who: best[who] / args.rounds / len(corpus) * 1e6 for who in modules}
    print(
        f"{len(corpus)} corpus letters, {len(timed['new'])} _basis calls; "
        f"us CPU per corpus letter, best of {args.repeat}:"
    )
    print("  " + "  ".join(f"{who} {us:.1f}" for who, us in per_letter.items()), end="")
    if "old" in per_letter:
        print(f"  ratio old/new {per_letter['old'] / per_letter['new']:.2f}x")
    else:
        print()


if __name__ == "__main__":
    main()
