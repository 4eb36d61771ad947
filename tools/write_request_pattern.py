"""Write ``src/imrparse/read/request_pattern.py`` again from ``grammar/request.lark``.

Run it after changing the request grammar: ``PYTHONPATH=src python
tools/write_request_pattern.py``. ``tests/test_request_lexer.py`` fails until it is run.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from imrparse.read.parsers import request_grammar, request_pattern_module

TARGET = Path(__file__).resolve().parent.parent / "src" / "imrparse" / "read" / "request_pattern.py"


def main() -> None:
    """Write the module and format it."""
    TARGET.write_text(request_pattern_module(request_grammar()), encoding="utf-8")
    # The project's formatter has the last word on quotes and line breaks.
    subprocess.run([sys.executable, "-m", "ruff", "format", "--quiet", str(TARGET)], check=False)
    print(f"wrote {TARGET}")


if __name__ == "__main__":
    main()
