"""``python -m imrparse``: the command line (see :mod:`imrparse.cli.main`)."""

from __future__ import annotations

from imrparse.cli.main import main

__all__ = ["main"]

if __name__ == "__main__":
    raise SystemExit(main())
