"""Arguments that several subcommands share: the letters to read and how to read them."""

from __future__ import annotations

import argparse
import functools
import sys
from collections.abc import Callable, Iterator
from itertools import islice
from typing import TypeVar

from imrparse.batch.many import DEFAULT_ENCODING

__all__ = [
    "add_reading_options",
    "batch_arguments",
    "no_letters",
    "positive_int",
    "read_ahead",
]

_T = TypeVar("_T")
# Below this many letters, starting worker processes costs more than it saves.
_IN_PROCESS_BELOW = 16


def batch_arguments(
    own: Callable[[argparse.ArgumentParser], None],
) -> Callable[[argparse.ArgumentParser], None]:
    """The arguments of a command that reads many letters (``parse``, ``load``).

    Use it on the function that adds the command's own options: they come after
    ``PATH...``, and ``--jobs``, ``--encoding`` and ``--lenient`` after them.
    """

    @functools.wraps(own)
    def add_arguments(parser: argparse.ArgumentParser) -> None:
        _add_paths(parser)
        own(parser)
        _add_jobs(parser)
        add_reading_options(parser)

    return add_arguments


def _add_paths(parser: argparse.ArgumentParser) -> None:
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


def _add_jobs(parser: argparse.ArgumentParser) -> None:
    """``--jobs N``, the worker processes that read the letters."""
    parser.add_argument(
        "--jobs",
        type=positive_int,
        default=None,
        metavar="N",
        help="worker processes (default: one per core)",
    )


def read_ahead(items: Iterator[_T], jobs: int | None) -> tuple[list[_T], int | None, bool]:
    """Take the first letters of a run, to choose how many processes read them.

    Args:
        items: The run's letters (or what stands for them); the ones taken are gone
            from it.
        jobs: The ``--jobs`` asked for.

    Returns:
        The letters taken; the worker processes to use (1 for a run too short to gain
        from more); and whether the letters taken are the whole run.
    """
    head = list(islice(items, _IN_PROCESS_BELOW))
    whole = len(head) < _IN_PROCESS_BELOW
    return head, 1 if whole else jobs, whole


def positive_int(text: str) -> int:
    """An argparse type: a whole number of at least 1."""
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def no_letters(where: str) -> None:
    """Warn that a folder or pattern names no letter."""
    print(f"imrparse: warning: no .txt or .pdf letters in {where}", file=sys.stderr)
