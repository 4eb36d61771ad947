"""The Lark objects, each built once per process on first use, by one builder.

They stay private so that the grammar can change without breaking users. A Lark LALR
parser holds no per-parse state, so one instance serves every thread.

The letter parser runs on lark-cython when it is installed (``pip install
imrparse[fast]``): the same grammar and the same trees, but its tokens are not ``str``,
so the readers take a token's ``.value`` and ``.type``, never the token itself.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from lark import Lark

__all__ = ["accelerator", "letter_parser", "request_lexer"]


def _open(grammar: str, **options: Any) -> Lark:
    """Build the LALR machinery of ``read/grammar/<grammar>``."""
    return Lark.open_from_package(
        "imrparse.read", grammar, ("grammar",), parser="lalr", cache=False, **options
    )


def accelerator() -> dict[str, Any] | None:
    """lark-cython's plugins when that optional package is installed, else ``None``."""
    try:
        import lark_cython  # type: ignore[import-untyped,unused-ignore]
    except ImportError:
        return None
    plugins: dict[str, Any] = lark_cython.plugins
    return plugins


@functools.cache
def letter_parser(accelerated: bool = True) -> Lark:
    """The LALR parser for canonical letter text (``grammar/letter.lark``).

    ``accelerated=False`` gives the pure-Python parser even where lark-cython is
    installed (the tests compare the two).
    """
    plugins = accelerator() if accelerated else None
    return _open(
        "letter.lark",
        lexer="contextual",
        maybe_placeholders=False,
        # Lenient mode parses one section at a time, each from its own rule.
        start=["start", "header", "how", "summary", "issues", "decision"],
        **({"_plugins": plugins} if plugins else {}),
    )


@functools.cache
def request_lexer() -> Lark:
    """The lexer of requested items (``grammar/request.lark``): items are lexed, not parsed."""
    # "i" in the grammar then matches ASCII letters only (no dotted capital I).
    lark = _open("request.lark", lexer="basic", g_regex_flags=re.ASCII)
    # Lark.lex builds a new lexer on every call unless the object holds one, which only
    # a Lark without a parser does (and that keeps the grammar's zero-width helper
    # terminals, which no lexer allows). Build it once here: one lexer, no parse.
    lark.lexer = lark._build_lexer()
    return lark
