"""Write ``src/imrparse/read/letter_tables.py`` again from ``grammar/letter.lark``.

Run it after changing the letter grammar or upgrading lark: ``PYTHONPATH=src python
tools/write_letter_tables.py``. ``tests/test_letter_tables.py`` fails until it is run.
"""

from __future__ import annotations

import pprint
import subprocess
import sys
from pathlib import Path

import lark

from imrparse.read.parsers import build_letter_parser, letter_grammar_digest, letter_tables_of

TARGET = Path(__file__).resolve().parent.parent / "src" / "imrparse" / "read" / "letter_tables.py"


def module_text() -> str:
    """The text of ``letter_tables.py``: the letter parser's tables, as Python."""
    tables = letter_tables_of(build_letter_parser(plugins=None))
    return (
        '"""The letter parser\'s tables, derived from ``grammar/letter.lark`` by lark.\n\n'
        "Generated, not written: ``python tools/write_letter_tables.py`` writes it again, and\n"
        "``tests/test_letter_tables.py`` fails when it no longer follows the grammar. It is\n"
        "shipped so that a process loads the LALR tables (~4 ms) instead of building them from\n"
        "the grammar (~23 ms); with another version of lark than the one below, or a grammar\n"
        'whose digest differs, the parser is built from the grammar as before.\n"""\n\n'
        "from typing import Any\n\n"
        f"LARK_VERSION = {lark.__version__!r}\n"
        f"GRAMMAR_SHA256 = {letter_grammar_digest()!r}\n"
        f"TABLES: dict[str, Any] = {pprint.pformat(tables, width=100, sort_dicts=False)}\n"
    )


def main() -> None:
    """Write the module and format it.

    Lark numbers the states and the terminals in an order that changes from one process
    to the next (whatever the hash seed): the file differs from run to run, the parser it
    loads into does not (``tests/test_letter_tables.py`` compares it with the grammar's).
    """
    text = module_text()
    TARGET.write_text(text, encoding="utf-8")
    # The project's formatter has the last word on quotes and line breaks.
    subprocess.run([sys.executable, "-m", "ruff", "format", "--quiet", str(TARGET)], check=False)
    print(f"wrote {TARGET}")


if __name__ == "__main__":
    main()
