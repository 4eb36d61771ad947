"""``python -m imrparse``: the command line (see :mod:`imrparse.cli`)."""

from __future__ import annotations

from imrparse.cli import main

__all__ = ["main"]

if __name__ == "__main__":
    raise SystemExit(main())
