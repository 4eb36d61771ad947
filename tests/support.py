"""Helpers shared by the test modules (on ``sys.path`` through pytest's ``pythonpath``)."""

from __future__ import annotations

from typing import Any

#: Keys of ``to_dict`` output that locate a record in one particular input text.
SPAN_KEYS = frozenset({"span", "summary_span", "diagnosis_spans", "medication_spans"})


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
