"""The scanner that stands in for the item lexer cuts every text as the lexer does."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from imrparse.read.free_text import request as request_module
from imrparse.read.free_text.scanner import ScanError, _FirstChars, _Starts, build_scanner
from imrparse.read.parsers import request_lexer

LETTERS = Path(__file__).parent / "data" / "letters"
_ITEM_LINE = re.compile(r"^(.*\S):\s*(?:Upheld|Overturned)\s*$", re.MULTILINE)


def _lark_tokens(text: str) -> list[tuple[str, str, int, int]] | None:
    try:
        return [
            (token.type, str(token), token.start_pos or 0, token.end_pos or 0)
            for token in request_lexer().lex(text)
        ]
    except Exception:  # the lexer found no terminal somewhere
        return None


def _scanned(text: str) -> list[tuple[str, str, int, int]] | None:
    scan = build_scanner(request_lexer().lexer)
    assert scan is not None
    try:
        return scan(text)
    except ScanError:
        return None


def test_the_reader_uses_the_scanner() -> None:
    assert request_module._scanner(request_lexer()) is not None


def test_a_known_item_is_cut_into_its_terminals() -> None:
    assert _scanned("Retro 60 Tablets of Norco 10/325mg, 2 times a week (DOS 1/2/16)") == [
        ("WORD", "Retro", 0, 5),
        ("QUANTITY", "60 Tablets of", 6, 19),
        ("WORD", "Norco", 20, 25),
        ("STRENGTH", "10/325mg", 26, 34),
        ("SEPARATOR", ",", 34, 35),
        ("FREQUENCY", "2 times a week", 36, 50),
        ("DATE_OF_SERVICE", "(DOS 1/2/16)", 51, 63),
    ]


def test_fixture_item_lines_are_cut_as_the_lexer_cuts_them() -> None:
    lines = [
        match.group(1)
        for path in sorted(LETTERS.glob("*.txt"))
        for match in _ITEM_LINE.finditer(path.read_text(encoding="utf-8"))
    ]
    assert len(lines) > 4
    assert {line: _scanned(line) for line in lines} == {line: _lark_tokens(line) for line in lines}


# fmt: off
_FRAGMENTS = [
    "Norco", "MRI", "of", "the", "for", "x", "times", "and", "a", "per", "left", "Right",
    "bilateral", "knee", "knees", "cervical spine", "upper extremity", "shoulder, wrist",
    "lumbar", "hand-held", "5mg", "10/325mg", "7.5-325 mg", "5%", "4%-2%", "121gm", "1 g/10ml",
    "#30", "# 6", "QTY: 8", "Qty #2", "x 6", "x6", "times 12", "60 Tablets of", "no refills",
    "12 sessions", "Twelve", "two", "2 times a week", "2x/week", "3 visits per week", "nightly",
    "6 hours per day", "twice weekly", "every 4-6 hrs", "for 6 weeks", "over two weeks",
    "14 days", "Three months coverage of", "1-2 tabs", "(DOS 11/18/16)", "DOS: 1/2/16",
    "1 prescription of", "Refills: 3", "Retrospective", "(", ")", "[", "]", ",", ";", ":",
    "-", "/", "12", "1234567", "_", "2", "  ", "\t", "\n", "\u00e9", "\u00a0",
    "\u0130", "\u017f", "\u212a", "r\u0130ght", "\u212anee", "\U0001f600",
]
# fmt: on
_ITEM_LIKE = st.lists(
    st.one_of(st.sampled_from(_FRAGMENTS), st.text(max_size=3)), max_size=14
).flatmap(lambda parts: st.sampled_from([" ", "", ", "]).map(lambda sep: sep.join(parts)))


@given(_ITEM_LIKE)
def test_item_like_text_is_cut_as_the_lexer_cuts_it(text: str) -> None:
    assert _scanned(text) == _lark_tokens(text)


@given(st.text())
def test_any_text_is_cut_as_the_lexer_cuts_it(text: str) -> None:
    assert _scanned(text) == _lark_tokens(text)


def test_a_lexer_that_shows_nothing_gives_no_scanner() -> None:
    assert build_scanner(object()) is None


def _first(regex: str, flags: int = 0) -> str:
    reader = _FirstChars(re._parser, re._constants)  # type: ignore[attr-defined]
    return "".join(sorted(chr(code) for code in reader.of(regex, flags) if code < 128))


@pytest.mark.parametrize(
    ("regex", "flags", "first"),
    [
        ("ab|c", 0, "ac"),
        ("(?i:ab)|c", re.ASCII, "Aac"),
        ("x?y", 0, "xy"),
        ("(?=q)[0-3]+", 0, "0123"),
        (r"\d", re.ASCII, "0123456789"),
        ("(?:no|)x", 0, "nx"),
        ("[^ -~]", 0, "".join(chr(c) for c in range(32)) + "\x7f"),
    ],
)
def test_first_characters_of_a_regex(regex: str, flags: int, first: str) -> None:
    assert _first(regex, flags) == first


def test_a_regex_that_may_match_nothing_may_start_anywhere() -> None:
    assert _first("a*") == "".join(chr(c) for c in range(128))


def test_ignoring_case_without_ascii_counts_every_letter() -> None:
    # The Kelvin sign matches "k" when case is ignored: every character may start "k".
    assert re.match("(?i)k", "\u212a")
    reader = _FirstChars(re._parser, re._constants)  # type: ignore[attr-defined]
    assert 128 in reader.of("(?i)k", 0)
    assert 128 not in reader.of("(?i)k", re.ASCII)


@pytest.mark.parametrize(
    ("regex", "alone", "pairs"),
    [
        ("a+", "a", {"aa"}),
        ("ab|c", "c", {"ab"}),
        ("x?yz", "", {"xy", "yz"}),
        ("(?=q)[01]b?", "01", {"0b", "1b"}),
    ],
)
def test_what_a_regex_can_start_with(regex: str, alone: str, pairs: set[str]) -> None:
    reader = _FirstChars(re._parser, re._constants)  # type: ignore[attr-defined]
    tree = re._parser.parse(regex, re.ASCII)  # type: ignore[attr-defined]
    got_alone, got_pairs = _Starts(reader, re._constants).of_tree(tree)  # type: ignore[attr-defined]
    assert "".join(sorted(chr(c) for c in got_alone)) == alone
    assert {chr(a) + chr(b) for a, b in got_pairs} == pairs
