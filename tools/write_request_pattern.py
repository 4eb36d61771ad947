"""Write ``src/imrparse/read/request_pattern.py`` again from ``grammar/request.lark``.

Run it after changing the request grammar: ``PYTHONPATH=src python
tools/write_request_pattern.py``. ``tests/test_request_lexer.py`` fails until it is run.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from lark import Lark

from imrparse.read.parsers import request_grammar, request_pattern_of

TARGET = Path(__file__).resolve().parent.parent / "src" / "imrparse" / "read" / "request_pattern.py"


def module_text(lark: Lark) -> str:
    """The text of ``request_pattern.py``: the lexer's expression, as Python."""
    return (
        '"""The request lexer\'s regular expression, derived from ``grammar/request.lark``.\n\n'
        "Generated, not written: ``python tools/write_request_pattern.py`` writes it again, and\n"
        "``tests/test_request_lexer.py`` fails when it no longer follows the grammar. It is\n"
        "shipped so that a process starts without compiling the request grammar (a quarter\n"
        'of a second), which only the lexer\'s terminals are read from.\n"""\n\n'
        f"PATTERN = {_literal(request_pattern_of(lark))}\n"
        f"FLAGS = {int(lark.lexer_conf.g_regex_flags)}\n"
        f"IGNORED = frozenset({sorted(lark.ignore_tokens)!r})\n"
    )


def _literal(pattern: str) -> str:
    """``pattern`` as a parenthesised Python literal, 70 of its characters a line."""
    pieces = [repr(pattern[i : i + 70]) for i in range(0, len(pattern), 70)]
    return "(\n" + "".join(f"    {piece}\n" for piece in pieces) + ")"


def main() -> None:
    """Write the module and format it."""
    TARGET.write_text(module_text(request_grammar()), encoding="utf-8")
    # The project's formatter has the last word on quotes and line breaks.
    subprocess.run([sys.executable, "-m", "ruff", "format", "--quiet", str(TARGET)], check=False)
    print(f"wrote {TARGET}")


if __name__ == "__main__":
    main()
