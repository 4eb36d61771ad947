"""Text that is not a readable letter fails with a ParseError that says where and why."""

from __future__ import annotations

import pickle
import subprocess
import sys
from pathlib import Path

import pytest

import imrparse

SEED = (Path(__file__).parent / "data" / "letters" / "seed_002_c4fc68c783e212d6.txt").read_text(
    encoding="utf-8"
)


def _line_of(text: str, needle: str) -> int:
    """1-based line of the first line of ``text`` that starts with ``needle``."""
    for number, line in enumerate(text.split("\n"), start=1):
        if line.lstrip().startswith(needle):
            return number
    raise AssertionError(needle)


# (what is broken, how to break the seed, what must be expected, the line it fails on)
BROKEN = [
    (
        "missing HOW heading",
        lambda t: t.replace("HOW THE IMR FINAL DETERMINATION WAS MADE", ""),
        "expected the heading 'HOW THE IMR FINAL DETERMINATION WAS MADE'",
        "CLINICAL CASE SUMMARY",
    ),
    (
        "missing summary heading",
        lambda t: t.replace("CLINICAL CASE SUMMARY", ""),
        "expected the heading 'CLINICAL CASE SUMMARY' after the paragraph 'MAXIMUS Federal",
        "The expert reviewer developed the following",
    ),
    (
        "missing issues heading",
        lambda t: t.replace("IMR ISSUES, DECISIONS AND RATIONALES", ""),
        "expected the heading 'IMR ISSUES, DECISIONS AND RATIONALES'",
        "The Final Determination was based",
    ),
    (
        "item line without an outcome",
        lambda t: t.replace("Valium 5mg #60:  Upheld", "Valium 5mg #60"),
        "expected an item line ending in ': Upheld' or ': Overturned'",
        "Valium 5mg #60",
    ),
    (
        "missing Claims Administrator label",
        lambda t: t.replace("Claims Administrator guideline:", "", 1),
        "expected the line 'Claims Administrator guideline:' after the item line 'Valium",
        "Decision based on MTUS Chronic Pain Treatment Guidelines",
    ),
    (
        "missing MAXIMUS label",
        lambda t: t.replace("MAXIMUS guideline:", "", 1),
        "expected the line 'MAXIMUS guideline:' after the 'Claims Administrator guideline:'",
        "Decision rationale:",
    ),
    (
        "missing rationale label",
        lambda t: t.replace("Decision rationale:", "", 1),
        "expected the line 'Decision rationale:' after the 'MAXIMUS guideline:' paragraph",
        "Acupuncture, QTY: 8:",
    ),
    (
        "letter cut before its first item",
        (CUT := lambda t: t[: t.index("Valium 5mg #60:")]),
        "expected an item line ending in ': Upheld' or ': Overturned'",
        "The Final Determination was based",
    ),
]


@pytest.mark.parametrize(
    ("break_letter", "expected", "failing_line"),
    [case[1:] for case in BROKEN],
    ids=[case[0] for case in BROKEN],
)
def test_broken_letter_fails_where_it_breaks(break_letter, expected, failing_line) -> None:
    text = break_letter(SEED)
    with pytest.raises(imrparse.ParseError) as caught:
        imrparse.parse(text)
    error = caught.value
    assert str(error).startswith(expected)
    assert error.line == _line_of(text, failing_line)
    line = text.split("\n")[error.line - 1]
    if break_letter is CUT:
        # The text ends early: the error is at its end.
        assert error.column == len(line.rstrip()) + 1
    else:
        assert error.column == len(line) - len(line.lstrip()) + 1
    assert error.expected.startswith(expected.removeprefix("expected "))


def test_error_is_a_value_error_with_a_caret_under_the_column() -> None:
    text = SEED.replace("CLINICAL CASE SUMMARY", "")
    with pytest.raises(ValueError, match="CLINICAL CASE SUMMARY") as caught:
        imrparse.parse(text)
    error = caught.value
    assert type(error) is imrparse.ParseError
    assert error.context == "The expert reviewer developed the following clinical case su\n^"
    assert str(error).endswith(error.context)


@pytest.mark.parametrize("text", ["", " \n\n \f ", "\r\n\r\n"], ids=["empty", "blank", "crlf"])
def test_empty_text_fails_at_its_start(text: str) -> None:
    with pytest.raises(imrparse.ParseError) as caught:
        imrparse.parse(text)
    assert (caught.value.line, caught.value.column) == (1, 1)
    assert caught.value.expected == "the heading 'HOW THE IMR FINAL DETERMINATION WAS MADE'"


def test_prose_that_is_not_a_letter_fails() -> None:
    with pytest.raises(imrparse.ParseError) as caught:
        imrparse.parse("Dear enrollee,\nThe Health Insurer's decision is Upheld.\n")
    assert (caught.value.line, caught.value.column) == (1, 1)


@pytest.mark.parametrize("value", [b"HOW THE IMR", None, 42, ["text"]])
def test_non_str_is_a_type_error(value: object) -> None:
    with pytest.raises(TypeError, match="str"):
        imrparse.parse(value)  # type: ignore[arg-type]


def test_parse_error_survives_pickling() -> None:
    with pytest.raises(imrparse.ParseError) as caught:
        imrparse.parse("")
    copy = pickle.loads(pickle.dumps(caught.value))
    assert (copy.line, copy.column, copy.expected, str(copy)) == (
        caught.value.line,
        caught.value.column,
        caught.value.expected,
        str(caught.value),
    )


@pytest.mark.parametrize("strict", [True, False])
def test_parse_error_pickles_where_tracebacks_and_causes_are_pickled_too(strict: bool) -> None:
    # dask.distributed makes every exception pickle its cause and traceback; a
    # ParseError chained to lark's exception would then fail to cross processes.
    pytest.importorskip("distributed")
    script = (
        "import pickle, distributed, imrparse\n"
        "try:\n    imrparse.parse('hello', strict=STRICT)\n"
        "except imrparse.ParseError as error:\n"
        "    copy = pickle.loads(pickle.dumps(error))\n"
        "    print(copy.line, copy.column, copy.expected)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script.replace("STRICT", str(strict))],
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout == "1 1 the heading 'HOW THE IMR FINAL DETERMINATION WAS MADE'\n"
