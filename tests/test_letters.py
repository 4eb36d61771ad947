"""Every fixture letter parses to its whole expected record, in every extraction layout.

Fixtures live in ``tests/data/letters``: ``NAME.txt`` (or ``NAME.<extractor>.txt`` for
the same letter as several extractors give it) beside ``NAME.json``, the record as
:func:`imrparse.to_dict` writes it, written by a person reading the letter (the README
there says how). Warning messages written as ``"*"`` in a fixture match any message (the
fixture fixes the warning's kind and field, not its wording).

Where the parser is known to read a letter wrongly, ``known_gaps.toml`` names the field:
the whole-record test compares everything else, and one strict xfail test per gap
asserts the expected value, so fixing a reader makes that test fail until the gap is
removed.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import imrparse
from imrparse.write.text_layouts import LAYOUTS
from support import (
    LETTERS,
    blank_field,
    comparable,
    gap_paths,
    get_field,
    known_gaps,
    without_spans,
)


def _fixtures() -> list[tuple[Path, Path]]:
    pairs = []
    for text in sorted(LETTERS.glob("*.txt")):
        name = text.name.split(".")[0]
        expected = LETTERS / f"{name}.json"
        pairs.append((text, expected))
    return pairs


FIXTURES = _fixtures()
GAPS = known_gaps()


def test_every_letter_has_an_expected_record() -> None:
    missing = [text.name for text, expected in FIXTURES if not expected.exists()]
    assert len(FIXTURES) == 17
    assert missing == []


def test_every_known_gap_names_a_fixture_field() -> None:
    names = {expected.stem for _, expected in FIXTURES}
    for gap in GAPS:
        assert gap["fixture"] in names
        assert gap["reason"]
        get_field(json.loads((LETTERS / f"{gap['fixture']}.json").read_text("utf-8")), gap["path"])


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
@pytest.mark.parametrize(("letter", "expected"), FIXTURES, ids=[t.name for t, _ in FIXTURES])
def test_letter_parses_to_its_expected_record(letter: Path, expected: Path, layout: str) -> None:
    text = LAYOUTS[layout](letter.read_text(encoding="utf-8"))
    want = json.loads(expected.read_text(encoding="utf-8"))
    gaps = gap_paths(expected.stem)
    got = comparable(imrparse.to_dict(imrparse.parse(text)), want, gaps)
    for path in gaps:
        blank_field(want, path)
    assert got == want


def _gap_cases() -> list[Any]:
    cases = []
    for gap in GAPS:
        for letter, expected in FIXTURES:
            if expected.stem == gap["fixture"]:
                cases.append(
                    pytest.param(
                        letter,
                        expected,
                        gap["path"],
                        id=f"{letter.name}:{gap['path']}",
                        marks=pytest.mark.xfail(strict=True, reason=gap["reason"]),
                    )
                )
    return cases


@pytest.mark.parametrize(("letter", "expected", "path"), _gap_cases())
def test_known_gap_reads_its_expected_value(letter: Path, expected: Path, path: str) -> None:
    want = json.loads(expected.read_text(encoding="utf-8"))
    got = imrparse.to_dict(imrparse.parse(letter.read_text(encoding="utf-8")))
    assert get_field(got, path) == get_field(want, path)


@pytest.mark.parametrize(("letter", "expected"), FIXTURES, ids=[t.name for t, _ in FIXTURES])
def test_expected_record_is_a_valid_record(letter: Path, expected: Path) -> None:
    data = json.loads(expected.read_text(encoding="utf-8"))
    assert without_spans(imrparse.to_dict(imrparse.from_dict(data))) == data
