"""Every fixture letter parses to its whole expected record, in every extraction layout.

Fixtures live in ``tests/data/letters``: ``NAME.txt`` (or ``NAME.<extractor>.txt`` for
the same letter as several extractors give it) beside ``NAME.json``, the record as
:func:`imrparse.to_dict` writes it. Warning messages written as ``"*"`` in a fixture
match any message (the fixture fixes the warning's kind and field, not its wording).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import imrparse
from imrparse.write.text_layouts import LAYOUTS
from support import without_spans

LETTERS = Path(__file__).parent / "data" / "letters"


def _fixtures() -> list[tuple[Path, Path]]:
    pairs = []
    for text in sorted(LETTERS.glob("*.txt")):
        name = text.name.split(".")[0]
        expected = LETTERS / f"{name}.json"
        pairs.append((text, expected))
    return pairs


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


def test_every_letter_has_an_expected_record() -> None:
    missing = [text.name for text, expected in FIXTURES if not expected.exists()]
    assert FIXTURES
    assert missing == []


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
@pytest.mark.parametrize(("letter", "expected"), FIXTURES, ids=[t.name for t, _ in FIXTURES])
def test_letter_parses_to_its_expected_record(letter: Path, expected: Path, layout: str) -> None:
    text = LAYOUTS[layout](letter.read_text(encoding="utf-8"))
    want = json.loads(expected.read_text(encoding="utf-8"))
    got = imrparse.to_dict(imrparse.parse(text))
    assert _comparable(got, want) == want


@pytest.mark.parametrize(("letter", "expected"), FIXTURES, ids=[t.name for t, _ in FIXTURES])
def test_expected_record_is_a_valid_record(letter: Path, expected: Path) -> None:
    data = json.loads(expected.read_text(encoding="utf-8"))
    assert without_spans(imrparse.to_dict(imrparse.from_dict(data))) == data
