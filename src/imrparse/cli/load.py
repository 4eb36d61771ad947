"""``imrparse load PATH... --db FILE``: letters into a SQLite or PostgreSQL database.

The paths are read as ``imrparse parse`` reads them (files, folders, globs, ``-``);
:mod:`imrparse.export.database` does the rest. A letter already in the database is skipped;
each failure is reported on standard error and kept in the ``failures`` table.
Exit status: 0 when every letter was loaded or skipped, 1 when any failed, 2 when the
database cannot be opened.
"""

from __future__ import annotations

import argparse
import sys
from itertools import chain

from imrparse.batch.sources import Skipped, expand, letters_only
from imrparse.cli.arguments import batch_arguments, no_letters, positive_int, read_ahead
from imrparse.errors import ParseError
from imrparse.export.database import Database, load

__all__ = ["add_load_arguments", "run_load"]


@batch_arguments
def add_load_arguments(load_parser: argparse.ArgumentParser) -> None:
    """Add the ``load`` subcommand's arguments to its parser."""
    load_parser.add_argument(
        "--db",
        required=True,
        metavar="FILE",
        help="a SQLite file (made if new), or a postgresql:// URL",
    )
    load_parser.add_argument(
        "--batch",
        type=positive_int,
        default=64,
        metavar="N",
        help="letters per transaction (default: 64)",
    )


def _report_failure(path: str, error: BaseException) -> None:
    if isinstance(error, ParseError):
        line = f"{path}:{error.line}:{error.column}: error: expected {error.expected}"
    elif isinstance(error, OSError) and error.strerror:
        line = f"{path}: error: {error.strerror}"
    else:
        line = f"{path}: error: {type(error).__name__}: {error}"
    print(line, file=sys.stderr)


def run_load(args: argparse.Namespace) -> int:
    """Run ``imrparse load`` with parsed arguments.

    Args:
        args: From the ``load`` subparser.

    Returns:
        The exit status.
    """
    try:
        database = Database.open(args.db)
    except Exception as error:  # also the driver's own (psycopg.OperationalError, ...)
        print(f"imrparse: cannot open {args.db}: {error}", file=sys.stderr)
        return 2
    sources = letters_only(
        expand(args.paths, stdin=sys.stdin.buffer, on_empty=no_letters), _report_skipped
    )
    head, jobs, _ = read_ahead(sources, args.jobs)
    with database:
        report = load(
            database,
            chain(head, sources),
            jobs=jobs,
            strict=not args.lenient,
            encoding=args.encoding,
            batch_size=args.batch,
            arguments=args.paths,  # not --db: a URL can hold a password
            on_failure=_report_failure,
        )
    print(
        f"imrparse: {report.loaded} loaded, {report.skipped} already in the database, "
        f"{report.failed} failed (run {report.run_id})",
        file=sys.stderr,
    )
    return 1 if report.failed else 0


def _report_skipped(item: Skipped) -> None:
    print(f"imrparse: {item.name}: skipped: {item.message}", file=sys.stderr)
