"""The ``imrparse`` command: parse letters into JSON or tables, print the schema, show one.

``imrparse parse PATH...`` reads files, folders (recursively), globs and ``-`` (standard
input), text or PDF, in parallel processes, and writes the records in input order. A
letter that fails is reported on standard error (``path:line:column: error: ...``) and,
with ``--errors FILE``, as one JSON line; the run goes on, and the exit status is 1 when
any letter failed. ``imrparse schema`` prints the JSON Schema of a record.
``imrparse show FILE`` (or just ``imrparse FILE``) prints one letter's record for a
person to read.

Exit status: 0 when every letter was read, 1 when any failed, 2 for a usage error.
"""

from __future__ import annotations

import argparse
import json
import os
import pathlib
import shutil
import sys
from collections import deque
from collections.abc import Iterator, Sequence
from itertools import chain, islice
from typing import Any, Protocol, TextIO

import imrparse
from imrparse.batch.many import DEFAULT_ENCODING, Letter, parse_many
from imrparse.batch.sources import Source, expand
from imrparse.cli.html import add_html_options, show_html
from imrparse.cli.load import add_load_command, run_load
from imrparse.cli.progress import Progress
from imrparse.errors import ParseError
from imrparse.export.plain_data import json_schema, to_dict
from imrparse.export.rows import to_rows
from imrparse.export.table_files import TableWriter, open_table_writer
from imrparse.models import Determination
from imrparse.write.report import format_determination

__all__ = ["build_parser", "main"]

_COMMANDS = ("parse", "schema", "show", "load")
_FORMATS = ("jsonl", "json", "csv", "parquet")
# Below this many letters, starting worker processes costs more than it saves.
_IN_PROCESS_BELOW = 16
# Exit statuses.
_OK, _SOME_FAILED, _USAGE = 0, 1, 2

_EPILOG = """\
examples:
  imrparse show letters/CM16-0221706.pdf
  imrparse parse letters/ > records.jsonl
  imrparse parse 'letters/**/*.txt' --format parquet --out tables/ --errors failed.jsonl
  imrparse schema > determination.schema.json
"""


def build_parser() -> argparse.ArgumentParser:
    """Build the argument parser of the ``imrparse`` command.

    Returns:
        The parser, with one subparser per command.
    """
    parser = argparse.ArgumentParser(
        prog="imrparse",
        description="Read California IMR Final Determination Letters into typed records.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"imrparse {imrparse.__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    parse = commands.add_parser(
        "parse",
        help="parse letters into JSON lines, JSON, CSV or Parquet",
        description="Parse letters and write their records in input order.",
    )
    parse.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="a .txt or .pdf file, a folder (searched recursively), a glob, or - for stdin",
    )
    parse.add_argument(
        "--format",
        choices=_FORMATS,
        default="jsonl",
        help="jsonl (default): one {path, record} object a line; json: one array of them; "
        "csv, parquet: one file per table in --out DIR",
    )
    parse.add_argument(
        "--out",
        metavar="PATH",
        type=pathlib.Path,
        help="jsonl/json: the output file (default: stdout); csv/parquet: the folder (required)",
    )
    parse.add_argument(
        "--jobs",
        type=_positive_int,
        default=None,
        metavar="N",
        help="worker processes (default: one per core)",
    )
    parse.add_argument(
        "--errors",
        metavar="FILE",
        type=pathlib.Path,
        help="also write each failure as a JSON line to FILE",
    )
    parse.add_argument(
        "--no-progress",
        dest="progress",
        action="store_false",
        help="no progress line (it is shown only when stderr is a terminal anyway)",
    )
    _add_reading_options(parse)

    commands.add_parser(
        "schema",
        help="print the JSON Schema of a record",
        description="Print the JSON Schema (draft 2020-12) of one record as JSON.",
    )

    show = commands.add_parser(
        "show",
        help="print one letter's record for a person to read",
        description="Print one letter's record as a readable report (imrparse FILE does too).",
    )
    show.add_argument(
        "file",
        metavar="FILE",
        nargs="+",
        help="a .txt or .pdf file, or - for stdin (with --html --out DIR: several, or folders)",
    )
    add_html_options(show)
    show.add_argument("--json", action="store_true", help="print the record as indented JSON")
    show.add_argument(
        "--width", type=_positive_int, default=None, help="wrap at N columns (default: terminal)"
    )
    _add_reading_options(show)
    add_load_command(commands)
    return parser


def _add_reading_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--encoding",
        default=DEFAULT_ENCODING,
        help=f"encoding of text files (default: {DEFAULT_ENCODING}, UTF-8 with or without BOM)",
    )
    parser.add_argument(
        "--lenient",
        action="store_true",
        help="read what can be read of a damaged letter, saying what was skipped "
        "in the record's warnings (strict=False)",
    )


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``imrparse`` command.

    Args:
        argv: The arguments after the program name (default: ``sys.argv[1:]``).

    Returns:
        The exit status: 0 when every letter was read, 1 when any failed, 2 for a
        usage error.
    """
    arguments = list(sys.argv[1:] if argv is None else argv)
    # `imrparse FILE` is short for `imrparse show FILE`.
    first = arguments[0] if arguments else "--help"
    if first == "-" or (first not in _COMMANDS and not first.startswith("-")):
        arguments.insert(0, "show")
    parser = build_parser()
    args = parser.parse_args(arguments)
    try:
        if args.command == "schema":
            print(json.dumps(json_schema(), indent=2, ensure_ascii=False))
            return _OK
        if args.command == "show":
            return _show(args)
        if args.command == "load":
            return run_load(args)
        if args.format in ("csv", "parquet") and args.out is None:
            parser.error(f"--format {args.format} writes one file per table: give --out DIR")
        return _parse(args)
    except BrokenPipeError:
        # The reader went away (`imrparse parse ... | head`): stop quietly, as cat does.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return _SOME_FAILED
    except KeyboardInterrupt:
        print("imrparse: interrupted", file=sys.stderr)
        return 130


def _strict(args: argparse.Namespace) -> bool:
    return not args.lenient


def _show(args: argparse.Namespace) -> int:
    if args.html:
        return show_html(args.file, out=args.out, strict=_strict(args), encoding=args.encoding)
    sources = list(expand(args.file, stdin=sys.stdin, on_empty=_no_letters))
    if len(sources) != 1:
        named = " ".join(args.file)
        print(f"imrparse: show reads one letter; {named} names {len(sources)}", file=sys.stderr)
        return _USAGE
    (source,) = sources
    (result,) = parse_many([source.letter], strict=_strict(args), encoding=args.encoding)
    if isinstance(result, Exception):
        print(_error_line(source.name, result), file=sys.stderr)
        if isinstance(result, ParseError) and result.context:
            print(result.context, file=sys.stderr)
        return _SOME_FAILED
    if args.json:
        print(json.dumps(to_dict(result), indent=2, ensure_ascii=False))
        return _OK
    width = args.width or min(shutil.get_terminal_size().columns, 100)
    print(source.name)
    print(format_determination(result, width=width))
    return _OK


def _no_letters(where: str) -> None:
    print(f"imrparse: warning: no .txt or .pdf letters in {where}", file=sys.stderr)


def _parse(args: argparse.Namespace) -> int:
    sources: Iterator[Source] = expand(args.paths, stdin=sys.stdin, on_empty=_no_letters)
    head = list(islice(sources, _IN_PROCESS_BELOW))
    jobs = 1 if len(head) < _IN_PROCESS_BELOW else args.jobs
    sources = chain(head, sources)

    names: deque[str] = deque()

    def letters() -> Iterator[Letter]:
        # parse_many reads ahead of its results; names wait here in the same order.
        for source in sources:
            names.append(source.name)
            yield source.letter

    to_terminal = args.out is None and args.format in ("jsonl", "json")
    progress = Progress(
        sys.stderr,
        enabled=args.progress and sys.stderr.isatty() and not (to_terminal and sys.stdout.isatty()),
    )
    errors: TextIO | None = None
    try:
        errors = args.errors.open("w", encoding="utf-8") if args.errors else None
        output = _open_output(args)
    except OSError as error:
        if errors:
            errors.close()
        print(f"imrparse: cannot write {error.filename}: {error.strerror}", file=sys.stderr)
        return _USAGE
    except ImportError as error:  # --format parquet without the parquet extra
        if errors:
            errors.close()
        print(f"imrparse: {error}", file=sys.stderr)
        return _USAGE
    try:
        results = parse_many(letters(), jobs=jobs, strict=_strict(args), encoding=args.encoding)
        for result in results:
            name = names.popleft()
            if isinstance(result, Exception):
                progress.clear()
                print(_error_line(name, result), file=sys.stderr)
                if errors:
                    errors.write(json.dumps(_error_record(name, result), ensure_ascii=False))
                    errors.write("\n")
            else:
                output.add(name, result)
            progress.advance(failed=isinstance(result, Exception))
    finally:
        output.close()
        if errors:
            errors.close()
    progress.finish()
    return _SOME_FAILED if progress.failed else _OK


def _error_line(name: str, error: Exception) -> str:
    if isinstance(error, ParseError):
        return f"{name}:{error.line}:{error.column}: error: expected {error.expected}"
    if isinstance(error, OSError) and error.strerror:
        return f"{name}: error: {error.strerror}"
    return f"{name}: error: {type(error).__name__}: {error}"


def _error_record(name: str, error: Exception) -> dict[str, Any]:
    parse_error = error if isinstance(error, ParseError) else None
    return {
        "path": name,
        "error": type(error).__name__,
        "message": str(error),
        "line": parse_error.line if parse_error else None,
        "column": parse_error.column if parse_error else None,
        "expected": parse_error.expected if parse_error else None,
    }


class _Output(Protocol):
    def add(self, name: str, determination: Determination) -> None: ...

    def close(self) -> None: ...


def _open_output(args: argparse.Namespace) -> _Output:
    if args.format in ("csv", "parquet"):
        return _TablesOutput(open_table_writer(args.out, args.format))
    stream = sys.stdout if args.out is None else args.out.open("w", encoding="utf-8")
    if args.format == "json":
        return _JsonArrayOutput(stream)
    return _JsonLinesOutput(stream)


def _line(name: str, determination: Determination) -> str:
    return json.dumps({"path": name, "record": to_dict(determination)}, ensure_ascii=False)


class _JsonLinesOutput:
    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def add(self, name: str, determination: Determination) -> None:
        self._stream.write(_line(name, determination))
        self._stream.write("\n")

    def close(self) -> None:
        self._stream.flush()
        if self._stream is not sys.stdout:
            self._stream.close()


class _JsonArrayOutput(_JsonLinesOutput):
    # Written item by item, so that a large array is never held in memory.
    def __init__(self, stream: TextIO) -> None:
        super().__init__(stream)
        self._count = 0

    def add(self, name: str, determination: Determination) -> None:
        self._stream.write(",\n" if self._count else "[\n")
        self._stream.write(_line(name, determination))
        self._count += 1

    def close(self) -> None:
        self._stream.write("\n]\n" if self._count else "[]\n")
        super().close()


class _TablesOutput:
    def __init__(self, writer: TableWriter) -> None:
        self._writer = writer

    def add(self, name: str, determination: Determination) -> None:
        self._writer.write(to_rows(determination, letter_id=name))

    def close(self) -> None:
        self._writer.close()
