"""lark-cython (the ``[fast]`` extra) gives exactly what the pure-Python parser gives.

The two backends share the grammar but not the code: lark-cython's tokens are not
``str`` and its lexer and parser are its own. Each letter below is read with both, in
strict and lenient mode, and the records, warnings and errors must be equal: the
fixtures, the corpus (when ``IMRPARSE_CORPUS`` is set), and damaged copies of each
fixture (a line dropped, doubled or cut at many places), which exercise the errors and
the section-by-section recovery.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import imrparse
from imrparse.read import letter, parsers, recovery
from support import LETTERS

pytest.importorskip("lark_cython", reason="lark-cython (the [fast] extra) is not installed")


def _texts() -> Iterator[tuple[str, str]]:
    for path in sorted(LETTERS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        yield path.name, text
        lines = text.split("\n")
        for at in range(0, len(lines), 3):
            yield f"{path.name} without line {at}", "\n".join(lines[:at] + lines[at + 1 :])
            doubled = [*lines[: at + 1], lines[at], *lines[at + 1 :]]
            yield f"{path.name} line {at} twice", "\n".join(doubled)
            cut = [*lines[:at], lines[at][: len(lines[at]) // 2], *lines[at + 1 :]]
            yield f"{path.name} line {at} cut", "\n".join(cut)
    corpus = os.environ.get("IMRPARSE_CORPUS")
    if corpus:
        for path in sorted(Path(corpus).glob("*/*.txt")):
            yield f"{path.parent.name}/{path.name}", path.read_text(encoding="utf-8")


def _outcome(text: str, strict: bool) -> object:
    try:
        return imrparse.parse(text, strict=strict)
    except imrparse.ParseError as error:
        return ("ParseError", str(error), error.line, error.column, error.expected)


def _read_all(use: Callable[[], object], monkeypatch: pytest.MonkeyPatch) -> dict[str, object]:
    monkeypatch.setattr(letter, "letter_parser", use)
    monkeypatch.setattr(recovery, "letter_parser", use)
    return {
        f"{name} strict={strict}": _outcome(text, strict)
        for name, text in _texts()
        for strict in (True, False)
    }


def test_the_accelerated_parser_is_the_default_where_installed() -> None:
    assert parsers.letter_parser().options._plugins == parsers.accelerator()
    assert parsers.letter_parser(accelerated=False).options._plugins in ({}, None)


def test_both_backends_give_equal_records_warnings_and_errors(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    python = _read_all(lambda: parsers.letter_parser(accelerated=False), monkeypatch)
    cython = _read_all(lambda: parsers.letter_parser(accelerated=True), monkeypatch)
    assert cython.keys() == python.keys()
    differing = [key for key in python if cython[key] != python[key]]
    assert differing == []
    # The damaged letters reach both outcomes: the comparison covers errors and recovery.
    kinds = {type(value).__name__ for value in python.values()}
    assert kinds == {"Determination", "tuple"}


@pytest.mark.parametrize("accelerated", [True, False], ids=["lark-cython", "lark"])
def test_the_reworked_parse_table_reads_as_lark_built_it(
    accelerated: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    # letter_parser rewrites the parse table (identity-hashed rules and names); the
    # parser lark builds from the same grammar, untouched, must read every letter alike.
    ours = parsers.letter_parser(accelerated)
    states = ours.parser.parser._parse_table.states.values()
    assert any(
        isinstance(rule, parsers._Reduction) for actions in states for _, rule in actions.values()
    )
    monkeypatch.setattr(parsers, "_reduce_without_python_comparisons", lambda parser: None)
    as_built = parsers.letter_parser.__wrapped__(accelerated)
    assert not any(
        isinstance(rule, parsers._Reduction)
        for actions in as_built.parser.parser._parse_table.states.values()
        for _, rule in actions.values()
    )
    reworked = _read_all(lambda: ours, monkeypatch)
    untouched = _read_all(lambda: as_built, monkeypatch)
    assert [key for key in untouched if reworked[key] != untouched[key]] == []


def test_a_parser_laid_out_otherwise_is_left_as_it_is() -> None:
    # Another lark version may lay its parser out otherwise: nothing is changed then.
    class Other:
        parser_conf = None

    other = Other()
    parsers._reduce_without_python_comparisons(other)
    assert other.parser_conf is None
    assert not hasattr(other, "_parse_table")
