"""The Lark parser objects, built once per process on first use.

They stay private so that the grammar can change without breaking users. A Lark LALR
parser holds no per-parse state, so one instance serves every thread.
"""

from __future__ import annotations

import functools

from lark import Lark

__all__ = ["letter_parser"]


@functools.cache
def letter_parser() -> Lark:
    """The LALR parser for canonical letter text (``grammar/letter.lark``)."""
    return Lark.open_from_package(
        "imrparse.read",
        "letter.lark",
        ("grammar",),
        parser="lalr",
        lexer="contextual",
        maybe_placeholders=False,
        # Lenient mode parses one section at a time, each from its own rule.
        start=["start", "header", "how", "summary", "issues", "decision"],
        cache=False,
    )
