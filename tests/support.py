"""Helpers shared by the test modules (on ``sys.path`` through pytest's ``pythonpath``)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

#: Keys of ``to_dict`` output that locate a record in one particular input text.
SPAN_KEYS = frozenset({"span", "summary_span", "diagnosis_spans", "medication_spans"})

#: The fixture letters and their hand-written expected records.
LETTERS = Path(__file__).parent / "data" / "letters"

_STEP = re.compile(r"\.?([A-Za-z_]+)|\[(\d+)\]")
_GAP = "<known gap: see known_gaps.toml>"


def without_spans(value: Any) -> Any:
    """Plain data with every span removed: what stays equal across layouts."""
    if isinstance(value, dict):
        return {k: without_spans(v) for k, v in value.items() if k not in SPAN_KEYS}
    if isinstance(value, list):
        return [without_spans(item) for item in value]
    return value


def collapse(text: str) -> str:
    """Whitespace runs to one space, as every text field of a record is written."""
    return " ".join(text.split())


def known_gaps() -> list[dict[str, str]]:
    """The gaps of ``tests/data/letters/known_gaps.toml``: fixture, path, reason."""
    with (LETTERS / "known_gaps.toml").open("rb") as file:
        return list(tomllib.load(file).get("gap", []))


def gap_paths(fixture: str) -> list[str]:
    """The field paths listed as known gaps for one fixture (the stem of its .json)."""
    return [gap["path"] for gap in known_gaps() if gap["fixture"] == fixture]


def field_steps(path: str) -> list[str | int]:
    """``decisions[3].request.name`` -> ``['decisions', 3, 'request', 'name']``."""
    steps: list[str | int] = []
    at = 0
    while at < len(path):
        match = _STEP.match(path, at)
        if match is None:
            raise ValueError(f"bad field path {path!r}")
        steps.append(match.group(1) if match.group(1) else int(match.group(2)))
        at = match.end()
    return steps


def get_field(data: Any, path: str) -> Any:
    """The value at a field path of plain data (``to_dict`` output)."""
    for step in field_steps(path):
        data = data[step]
    return data


def blank_field(data: Any, path: str) -> None:
    """Replace the value at ``path`` by a marker, when ``data`` has that path."""
    *parents, last = field_steps(path)
    for step in parents:
        try:
            data = data[step]
        except (KeyError, IndexError):
            return
    if isinstance(data, dict) or (isinstance(last, int) and last < len(data)):
        data[last] = _GAP


def comparable(record: dict[str, Any], expected: dict[str, Any], gaps: list[str]) -> dict[str, Any]:
    """``record`` as an expected record can be compared with it.

    Spans are removed, warning messages become ``"*"`` where ``expected`` has ``"*"``, and
    the fields at ``gaps`` are blanked (blank them in ``expected`` too).
    """
    record = without_spans(record)
    warnings = record.get("warnings", [])
    wanted = expected.get("warnings", [])
    if len(warnings) == len(wanted):
        record["warnings"] = [
            {**got, "message": "*"} if want.get("message") == "*" else got
            for got, want in zip(warnings, wanted, strict=True)
        ]
    for path in gaps:
        blank_field(record, path)
    return record


def letter_pdf(text: str, *, user_password: str | None = None) -> bytes:
    """A PDF of a letter: its non-blank lines, one a row, on Letter-size pages (fpdf2).

    Encrypted with AES-128 when ``user_password`` is given; DWC's PDFs have the empty
    password, which opens without asking. The caller skips first when fpdf2 is missing.
    """
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return pdf_of_pages([lines], user_password=user_password, break_pages=True)


def pdf_of_pages(
    pages: list[list[str]], *, user_password: str | None = None, break_pages: bool = False
) -> bytes:
    """A Letter-size PDF with these lines on these pages (fpdf2), encrypted as above.

    With ``break_pages``, lines that do not fit on a page go on to the next one.
    """
    import fpdf
    from fpdf.enums import EncryptionMethod

    pdf = fpdf.FPDF(format="letter")
    if not break_pages:
        pdf.set_auto_page_break(False)
    pdf.set_font("Helvetica", size=11)
    for lines in pages:
        pdf.add_page()
        for line in lines:
            pdf.cell(h=9, text=line, new_x="LMARGIN", new_y="NEXT")
    if user_password is not None:
        pdf.set_encryption(
            owner_password="owner",
            user_password=user_password,
            encryption_method=EncryptionMethod.AES_128,
        )
    return bytes(pdf.output())
