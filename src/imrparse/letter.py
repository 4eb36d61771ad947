"""Placeholder: the parser is being written."""

from __future__ import annotations

from imrparse.models import Determination


def parse(text: str) -> Determination:
    """Parse one letter (not written yet)."""
    raise NotImplementedError
