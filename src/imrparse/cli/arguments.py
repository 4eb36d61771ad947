"""Arguments that several subcommands share: the letters to read and how to read them."""

from __future__ import annotations

import argparse
import sys

from imrparse.batch.many import DEFAULT_ENCODING

__all__ = ["add_paths", "add_reading_options", "no_letters", "positive_int"]


def add_paths(parser: argparse.ArgumentParser) -> None:
    """The ``PATH...`` of letters to read."""
    parser.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="a .txt or .pdf file, a folder (searched recursively), a glob, or - for stdin",
    )


def add_reading_options(parser: argparse.ArgumentParser) -> None:
    """``--encoding`` and ``--lenient``."""
    parser.add_argument(
        "--encoding",
        default=DEFAULT_ENCODING,
        help="encoding of text files (default: auto: UTF-8, with or without BOM; "
        "else Windows-1252, with a warning in the record)",
    )
    parser.add_argument(
        "--lenient",
        action="store_true",
        help="read what can be read of a damaged letter, saying what was skipped "
        "in the record's warnings (strict=False)",
    )


def positive_int(text: str) -> int:
    """An argparse type: a whole number of at least 1."""
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def no_letters(where: str) -> None:
    """Warn that a folder or pattern names no letter."""
    print(f"imrparse: warning: no .txt or .pdf letters in {where}", file=sys.stderr)
