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
import re
import tomllib
from pathlib import Path
from typing import Any

import pytest

import imrparse
from imrparse._layouts import LAYOUTS
from support import without_spans

LETTERS = Path(__file__).parent / "data" / "letters"
_STEP = re.compile(r"\.?([A-Za-z_]+)|\[(\d+)\]")
_GAP = "<known gap: see known_gaps.toml>"


def _fixtures() -> list[tuple[Path, Path]]:
    pairs = []
    for text in sorted(LETTERS.glob("*.txt")):
        name = text.name.split(".")[0]
        expected = LETTERS / f"{name}.json"
        pairs.append((text, expected))
    return pairs


def _gaps() -> list[dict[str, str]]:
    with (LETTERS / "known_gaps.toml").open("rb") as file:
        return list(tomllib.load(file)["gap"])


def _steps(path: str) -> list[str | int]:
    """``decisions[3].request.name`` -> ``['decisions', 3, 'request', 'name']``."""
    steps: list[str | int] = []
    at = 0
    while at < len(path):
        match = _STEP.match(path, at)
        assert match, f"bad field path {path!r} in known_gaps.toml"
        steps.append(match.group(1) if match.group(1) else int(match.group(2)))
        at = match.end()
    return steps


def _get(data: Any, path: str) -> Any:
    for step in _steps(path):
        data = data[step]
    return data


def _blank(data: Any, path: str) -> None:
    """Replace the value at ``path`` by a marker, when the record has that path."""
    *parents, last = _steps(path)
    for step in parents:
        try:
            data = data[step]
        except (KeyError, IndexError):
            return
    if isinstance(data, dict) or (isinstance(last, int) and last < len(data)):
        data[last] = _GAP


def _comparable(record: dict[str, Any], expected: dict[str, Any]) -> dict[str, Any]:
    """The record without spans, and with warning messages where the fixture has "*"."""
    record = without_spans(record)
    warnings = record.get("warnings", [])
    wanted = expected.get("warnings", [])
    if len(warnings) == len(wanted):
        record = dict(record)
        record["warnings"] = [
            {**got, "message": "*"} if want.get("message") == "*" else got
            for got, want in zip(warnings, wanted, strict=True)
        ]
    return record


FIXTURES = _fixtures()
GAPS = _gaps()


def _gaps_of(expected: Path) -> list[str]:
    return [gap["path"] for gap in GAPS if gap["fixture"] == expected.stem]


def test_every_letter_has_an_expected_record() -> None:
    missing = [text.name for text, expected in FIXTURES if not expected.exists()]
    assert len(FIXTURES) == 17
    assert missing == []


def test_every_known_gap_names_a_fixture_field() -> None:
    names = {expected.stem for _, expected in FIXTURES}
    for gap in GAPS:
        assert gap["fixture"] in names
        assert gap["reason"]
        _get(json.loads((LETTERS / f"{gap['fixture']}.json").read_text("utf-8")), gap["path"])


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
@pytest.mark.parametrize(("letter", "expected"), FIXTURES, ids=[t.name for t, _ in FIXTURES])
def test_letter_parses_to_its_expected_record(letter: Path, expected: Path, layout: str) -> None:
    text = LAYOUTS[layout](letter.read_text(encoding="utf-8"))
    want = json.loads(expected.read_text(encoding="utf-8"))
    got = _comparable(imrparse.to_dict(imrparse.parse(text)), want)
    for path in _gaps_of(expected):
        _blank(want, path)
        _blank(got, path)
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
    assert _get(got, path) == _get(want, path)


@pytest.mark.parametrize(("letter", "expected"), FIXTURES, ids=[t.name for t, _ in FIXTURES])
def test_expected_record_is_a_valid_record(letter: Path, expected: Path) -> None:
    data = json.loads(expected.read_text(encoding="utf-8"))
    assert without_spans(imrparse.to_dict(imrparse.from_dict(data))) == data
