"""The ``imrparse`` command: parse letters into JSON or tables, print the schema, show one.

``imrparse parse PATH...`` reads files, folders (recursively), globs and ``-`` (standard
input), text or PDF, in parallel processes, and writes the records in input order. A
letter that fails is reported on standard error (``path:line:column: error: ...``) and,
with ``--errors FILE`` or in the ``failures`` table, as a row; the run goes on, ends with
a one-line summary on standard error, and exits 1 when any letter failed. Tables go to
``--out DIR`` under temporary names, renamed when the run ends, and ``manifest.json`` is
written last: it says whether the run was complete. SIGTERM and SIGINT stop the run
cleanly: every letter read so far is written, the workers end, the manifest says
``"complete": false``. ``imrparse schema`` prints the JSON Schema of a record.
``imrparse show FILE`` (or just ``imrparse FILE``) prints one letter's record for a
person to read.

Exit status: 0 when every letter was read, 1 when any failed, 2 for a usage error,
128 + the signal's number when stopped by one (130 SIGINT, 143 SIGTERM), 141 when the
reader of standard output went away.

Subcommands are registered in :data:`COMMANDS` (name, help, how to add its arguments,
how to run it); a new one is one more entry.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import importlib.machinery
import io
import json
import multiprocessing
import os
import pathlib
import shutil
import signal
import sys
import threading
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from itertools import chain
from types import FrameType
from typing import Any, BinaryIO, Protocol, TextIO, cast

from attrs import frozen

import imrparse
from imrparse.batch.many import (
    Letter,
    LetterRead,
    Prepare,
    Prepared,
    failure_kind,
    read_many,
)
from imrparse.batch.sources import Skipped, Source, expand
from imrparse.cli.arguments import (
    add_reading_options,
    batch_arguments,
    no_letters,
    positive_int,
    read_ahead,
)
from imrparse.cli.html import add_html_options, show_html
from imrparse.cli.load import add_load_arguments, run_load
from imrparse.cli.progress import Progress, format_seconds
from imrparse.errors import ParseError
from imrparse.export.parquet import check_pyarrow
from imrparse.export.plain_data import json_schema, to_dict
from imrparse.export.rows import TABLES, Row, to_rows
from imrparse.export.table_files import (
    FAILURES,
    PARTIAL_SUFFIX,
    SOURCES,
    TableFormat,
    TableWriter,
    open_table_writer,
    partial_path,
)
from imrparse.models import Determination
from imrparse.write.report import format_determination

__all__ = ["COMMANDS", "MANIFEST_NAME", "Command", "build_parser", "main"]

_FORMATS = ("jsonl", "json", "csv", "parquet")
# Exit statuses.
_OK, _SOME_FAILED, _USAGE, _OUTPUT_CLOSED = 0, 1, 2, 128 + 13
#: The file that ``--out DIR`` gets last, saying what the run did.
MANIFEST_NAME = "manifest.json"
# How kinds of failure read in the summary line.
_KIND_WORDS = {"pdf": "PDF", "missing-extra": "missing extra"}

_EPILOG = """\
examples:
  imrparse show letters/CM16-0221706.pdf
  imrparse parse letters/ > records.jsonl
  imrparse parse 'letters/**/*.txt' --format parquet --out tables/ --errors failed.jsonl
  imrparse schema > determination.schema.json
"""


@frozen
class Command:
    """One subcommand of ``imrparse``."""

    #: Its name on the command line.
    name: str
    #: One line for ``imrparse --help``.
    help: str
    #: The description for ``imrparse NAME --help``.
    description: str
    #: Adds its arguments to its subparser.
    add_arguments: Callable[[argparse.ArgumentParser], None]
    #: Runs it; gives the exit status.
    run: Callable[[argparse.Namespace], int]


def build_parser() -> argparse.ArgumentParser:
    """Build the argument parser of the ``imrparse`` command.

    Returns:
        The parser, with one subparser per entry of :data:`COMMANDS`.
    """
    parser = argparse.ArgumentParser(
        prog="imrparse",
        description="Read California IMR Final Determination Letters into typed records.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"imrparse {imrparse.__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in COMMANDS:
        subparser = commands.add_parser(
            command.name, help=command.help, description=command.description
        )
        command.add_arguments(subparser)
        subparser.set_defaults(run=command.run)
    return parser


@batch_arguments
def _parse_arguments(parse: argparse.ArgumentParser) -> None:
    parse.add_argument(
        "--format",
        choices=_FORMATS,
        default="jsonl",
        help="jsonl (default): one {path, letter_id, record} object a line; json: one array "
        "of them; csv, parquet: one file per table in --out DIR, with manifest.json",
    )
    parse.add_argument(
        "--out",
        metavar="PATH",
        type=pathlib.Path,
        help="jsonl/json: the output file (default: stdout); csv/parquet: the folder (required)",
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


def _show_arguments(show: argparse.ArgumentParser) -> None:
    show.add_argument(
        "file",
        metavar="FILE",
        nargs="+",
        help="a .txt or .pdf file, or - for stdin (with --html --out DIR: several, or folders)",
    )
    add_html_options(show)
    show.add_argument("--json", action="store_true", help="print the record as indented JSON")
    show.add_argument(
        "--width", type=positive_int, default=None, help="wrap at N columns (default: terminal)"
    )
    add_reading_options(show)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``imrparse`` command.

    Args:
        argv: The arguments after the program name (default: ``sys.argv[1:]``).

    Returns:
        The exit status: 0 when every letter was read, 1 when any failed, 2 for a
        usage error, 128 + N when stopped by signal N, 141 when standard output closed.
    """
    arguments = list(sys.argv[1:] if argv is None else argv)
    # `imrparse FILE` is short for `imrparse show FILE`.
    first = arguments[0] if arguments else "--help"
    names = {command.name for command in COMMANDS}
    if first == "-" or (first not in names and not first.startswith("-")):
        arguments.insert(0, "show")
    parser = build_parser()
    args = parser.parse_args(arguments)
    if args.command == "parse" and args.format in ("csv", "parquet") and args.out is None:
        parser.error(f"--format {args.format} writes one file per table: give --out DIR")
    try:
        status: int = args.run(args)
        return status
    except BrokenPipeError:
        return _output_closed()
    except KeyboardInterrupt:
        print("imrparse: interrupted", file=sys.stderr)
        return 128 + signal.SIGINT


def _output_closed() -> int:
    # The reader went away (`imrparse parse ... | head`): stop quietly, as cat does;
    # what is still buffered for stdout goes nowhere instead of raising again at exit.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    return _OUTPUT_CLOSED


def _strict(args: argparse.Namespace) -> bool:
    return not args.lenient


def _schema(args: argparse.Namespace) -> int:
    print(json.dumps(json_schema(), indent=2, ensure_ascii=False))
    return _OK


def _show(args: argparse.Namespace) -> int:
    if args.html:
        return show_html(args.file, out=args.out, strict=_strict(args), encoding=args.encoding)
    items = list(expand(args.file, stdin=sys.stdin.buffer, on_empty=no_letters))
    sources = [item for item in items if isinstance(item, Source)]
    if len(items) != 1 or not sources:
        named = " ".join(args.file)
        print(f"imrparse: show reads one letter; {named} names {len(items)}", file=sys.stderr)
        return _USAGE
    (source,) = sources
    (read,) = read_many([source.letter], strict=_strict(args), encoding=args.encoding)
    for note in read.notes:
        print(f"{source.name}: note: {note}", file=sys.stderr)
    result = cast(Determination | Exception, read.result)  # nothing prepared
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


class _StopSignals:
    """SIGTERM and SIGINT ask the run to stop between letters; a second one forces it.

    The first signal only sets :attr:`received`: the run stops taking letters, writes
    those already read, ends its workers and says it is incomplete. A second signal
    raises :class:`KeyboardInterrupt` at once, for a run that does not stop.
    """

    def __init__(self) -> None:
        self.received: signal.Signals | None = None
        self._previous: dict[int, Any] = {}

    def __enter__(self) -> _StopSignals:
        if threading.current_thread() is threading.main_thread():
            for number in (signal.SIGINT, signal.SIGTERM):
                self._previous[number] = signal.signal(number, self._handle)
        return self

    def _handle(self, number: int, frame: FrameType | None) -> None:
        if self.received is not None:
            raise KeyboardInterrupt
        self.received = signal.Signals(number)

    def __exit__(self, *exc_info: object) -> None:
        for number, handler in self._previous.items():
            signal.signal(number, handler)


@frozen
class _Tally:
    read: int
    failed: Counter[str]
    skipped: Counter[str]


def _parse(args: argparse.Namespace) -> int:
    started_at = datetime.datetime.now(datetime.UTC)
    to_terminal = args.out is None and args.format in ("jsonl", "json")
    progress = Progress(
        sys.stderr,
        enabled=args.progress and sys.stderr.isatty() and not (to_terminal and sys.stdout.isatty()),
    )
    tables_dir: pathlib.Path | None = args.out if args.format in ("csv", "parquet") else None
    errors: TextIO | None = None
    try:
        if tables_dir is not None:
            _clear_previous_run(tables_dir)
        errors = args.errors.open("w", encoding="utf-8") if args.errors else None
        output = _open_output(args)
    except OSError as error:
        if errors:
            errors.close()
        filename = str(error.filename).removesuffix(PARTIAL_SUFFIX)  # the name asked for
        print(f"imrparse: cannot write {filename}: {error.strerror}", file=sys.stderr)
        return _USAGE
    except ImportError as error:  # --format parquet without the parquet extra
        if errors:
            errors.close()
        print(f"imrparse: {error}", file=sys.stderr)
        return _USAGE

    failed: Counter[str] = Counter()
    skipped: Counter[str] = Counter()
    read_keys: set[int] = set()
    stopped: str | None = None
    output_closed = False

    def report(name: str, kind: str, error: str, message: str, **more: Any) -> None:
        progress.clear()
        row: Row = {"path": name, "kind": kind, "error": error, "message": message}
        row |= {"line": None, "column": None, "sha256": None} | more
        output.fail(row)
        if errors:
            errors.write(json.dumps(row, ensure_ascii=False) + "\n")

    def skip(item: Skipped) -> None:
        skipped[item.kind] += 1
        print(f"{item.name}: skipped: {item.message}", file=sys.stderr)
        report(item.name, item.kind, "Skipped", item.message)

    # From here on, SIGTERM and SIGINT stop the run cleanly, even while the first
    # letters are being found (or standard input read).
    with _StopSignals() as signals:
        items: Iterator[Source | Skipped] = expand(
            args.paths, stdin=sys.stdin.buffer, on_empty=no_letters
        )
        head, jobs, whole = read_ahead(items, args.jobs)
        if jobs != 1:
            _preload_workers()
        names: list[str] = []
        names_at = 0

        def letters() -> Iterator[Letter]:
            # read_many reads ahead of its results; names wait here in the same order.
            for item in chain(head, items):
                if isinstance(item, Skipped):
                    skip(item)
                else:
                    names.append(item.name)
                    yield item.letter

        reads = read_many(
            letters(),
            jobs=jobs,
            strict=_strict(args),
            encoding=args.encoding,
            stop=lambda: signals.received is not None,
            prepare=output.prepare,
            # The workers fork from this process, which runs no other thread yet.
            fork=True,
        )
        counting = not progress.enabled
        try:
            for read in reads:
                if not counting:  # the workers have started: a thread is safe now
                    counting = True
                    _count_in_background(args.paths, progress, already=head if whole else None)
                name = names[names_at]
                names_at += 1
                if names_at > 1024:  # keep the list short: forget the names done
                    del names[:names_at]
                    names_at = 0
                _record(name, read, output, report, failed, skipped, read_keys)
                progress.advance(failed=isinstance(read.result, Exception))
            if signals.received is not None:
                stopped = signals.received.name
        except BrokenPipeError:
            output_closed = True
            stopped = "output closed"
        except KeyboardInterrupt:
            stopped = signals.received.name if signals.received else "SIGINT"
        except BaseException as error:
            stopped = f"error: {type(error).__name__}: {error}"
            raise
        finally:
            reads.close()  # ends the workers
            with contextlib.suppress(BrokenPipeError):
                output.close(complete=stopped is None)
            if errors:
                errors.close()
            elapsed = progress.elapsed
            tally = _Tally(output.records, failed, skipped)
            if tables_dir is not None:
                _write_manifest(tables_dir, args, output, tally, started_at, elapsed, stopped)
            progress.clear()
    if output_closed:
        return _output_closed()
    print(_summary(tally, elapsed, stopped, tables_dir), file=sys.stderr)
    if signals.received is not None:
        return 128 + signals.received
    if stopped is not None:
        return 128 + signal.SIGINT
    return _SOME_FAILED if failed else _OK


def _preload_workers() -> None:
    """Have the fork server import imrparse and build the parsers once, for every worker.

    Without it each worker does both itself (~0.4 s of CPU each), on the cores the
    parent and the other workers need, at the start of the run. The preload is
    process-wide state of :mod:`multiprocessing`, so only the command sets it, for its
    own process; :func:`~imrparse.batch.many.read_many` leaves it to its caller. It
    counts only before the fork server starts (the first run of a process).
    """
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return
    # The fork server (`python -c`) imports from the working folder first, which the
    # command's own script need not: an imrparse there would not be this one.
    there = importlib.machinery.PathFinder.find_spec("imrparse", [os.getcwd()])
    if there is None or there.origin is None or _same_file(there.origin, imrparse.__file__):
        multiprocessing.set_forkserver_preload(["imrparse.cli.preload"])


def _same_file(path: str, other: str | None) -> bool:
    return other is not None and os.path.realpath(path) == os.path.realpath(other)


def _record(
    name: str,
    read: LetterRead,
    output: _Output,
    report: Callable[..., None],
    failed: Counter[str],
    skipped: Counter[str],
    read_keys: set[int],
) -> None:
    """Write one letter's record, or report why there is none."""
    for note in read.notes:
        print(f"{name}: note: {note}", file=sys.stderr)
    result = read.result
    if isinstance(result, Exception):
        kind = failure_kind(result)
        failed[kind] += 1
        print(_error_line(name, result), file=sys.stderr)
        parse_error = result if isinstance(result, ParseError) else None
        report(
            name,
            kind,
            type(result).__name__,
            str(result),
            line=parse_error.line if parse_error else None,
            column=parse_error.column if parse_error else None,
            sha256=read.sha256,
        )
        return
    # A record read from bytes, prepared by the output's function (see read_many).
    assert read.sha256 is not None
    assert isinstance(result, Prepared)
    key = result.key
    # The same bytes twice are one letter: written once, the copy reported.
    fingerprint = int(read.sha256[:16], 16)
    if fingerprint in read_keys:
        message = f"the same letter (the same bytes) as one read before: {key}"
        skipped["duplicate"] += 1
        print(f"{name}: skipped: {message}", file=sys.stderr)
        report(name, "duplicate", "Skipped", message, sha256=read.sha256)
        return
    read_keys.add(fingerprint)
    output.add(name, key, read.sha256, result.output)


def _count_in_background(
    paths: Sequence[str], progress: Progress, *, already: list[Source | Skipped] | None
) -> None:
    """Count the letters to read alongside the run, for the progress line's total."""
    if already is not None:
        progress.total = sum(isinstance(item, Source) for item in already)
        return

    def count() -> None:
        found = expand(
            ["-" if path == "-" else path for path in paths],
            stdin=io.BytesIO(),
            on_empty=lambda where: None,
        )
        progress.total = sum(isinstance(item, Source) for item in found)

    threading.Thread(target=count, name="imrparse-count", daemon=True).start()


def _error_line(name: str, error: Exception) -> str:
    if isinstance(error, ParseError):
        return f"{name}:{error.line}:{error.column}: error: expected {error.expected}"
    if isinstance(error, OSError) and error.strerror:
        return f"{name}: error: {error.strerror}"
    if failure_kind(error) in ("empty", "binary", "decoding", "pdf"):
        return f"{name}: error: {error}"
    return f"{name}: error: {type(error).__name__}: {error}"


def _summary(
    tally: _Tally, elapsed: float, stopped: str | None, tables_dir: pathlib.Path | None
) -> str:
    """The closing line: '400 letters: 396 read, 4 failed (2 decoding, ...) in 17 s'."""
    failed = sum(tally.failed.values())
    letters = tally.read + failed
    line = (
        f"{letters:,} letter{'' if letters == 1 else 's'}: {tally.read:,} read, {failed:,} failed"
    )
    if failed:
        line += f" ({_kinds(tally.failed)})"
    skipped = sum(tally.skipped.values())
    if skipped:
        line += f", {skipped:,} skipped ({_kinds(tally.skipped)})"
    line += f" in {format_seconds(elapsed)}"
    if stopped is not None:
        where = f"; {tables_dir}/{MANIFEST_NAME} says complete: false" if tables_dir else ""
        line = f"imrparse: stopped ({stopped}), the output is incomplete{where}: {line}"
    return line


def _kinds(counts: Counter[str]) -> str:
    return ", ".join(
        f"{count:,} {_KIND_WORDS.get(kind, kind)}"
        for kind, count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    )


def _clear_previous_run(out_dir: pathlib.Path) -> None:
    """Remove what an earlier run left in ``out_dir``: its manifest first, then its tables.

    Without this, a run stopped before it renamed its files would leave the folder
    looking like the earlier, complete run; and tables in the other format would stay
    beside the new ones.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / MANIFEST_NAME).unlink(missing_ok=True)
    partial_path(out_dir / MANIFEST_NAME).unlink(missing_ok=True)
    for table in (*TABLES, "sources", "failures"):
        for suffix in (".csv", ".parquet"):
            path = out_dir / f"{table}{suffix}"
            path.unlink(missing_ok=True)
            partial_path(path).unlink(missing_ok=True)


def _write_manifest(
    out_dir: pathlib.Path,
    args: argparse.Namespace,
    output: _Output,
    tally: _Tally,
    started_at: datetime.datetime,
    elapsed: float,
    stopped: str | None,
) -> None:
    failed = sum(tally.failed.values())
    manifest = {
        "imrparse_version": imrparse.__version__,
        "complete": stopped is None,
        "stopped_by": stopped,
        "inputs": list(args.paths),
        "cwd": os.getcwd(),
        "format": args.format,
        "options": {"lenient": args.lenient, "encoding": args.encoding},
        "started_at": started_at.isoformat(timespec="seconds"),
        "elapsed_seconds": round(elapsed, 3),
        "letters": {
            "read": tally.read,
            "failed": failed,
            "skipped": sum(tally.skipped.values()),
        },
        "failures": dict(sorted(tally.failed.items())),
        "skipped": dict(sorted(tally.skipped.items())),
        "tables": output.tables(),
    }
    path = out_dir / MANIFEST_NAME
    temporary = partial_path(path)
    temporary.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    os.replace(temporary, path)


class _Output(Protocol):
    records: int
    # Made in the worker from a record and its key, then given to add().
    prepare: Prepare

    def add(self, name: str, key: str, sha256: str, prepared: Any) -> None: ...

    def fail(self, row: Row) -> None: ...

    def tables(self) -> dict[str, dict[str, Any]]: ...

    def close(self, *, complete: bool) -> None: ...


def _open_output(args: argparse.Namespace) -> _Output:
    if args.format in ("csv", "parquet"):
        out_dir: pathlib.Path = args.out
        table_format: TableFormat = args.format
        tables = {**TABLES, "sources": SOURCES, "failures": FAILURES}
        # What opening the writer would fail on, said now, before any letter is read.
        if table_format == "parquet":
            check_pyarrow()
        for table in tables:
            partial_path(out_dir / f"{table}.{table_format}").open("wb").close()

        def open_writer() -> TableWriter:
            allocator = (
                _arrow_system_allocator() if table_format == "parquet" else contextlib.nullcontext()
            )
            with allocator:
                return open_table_writer(out_dir, table_format, tables=tables)

        return _TablesOutput(open_writer)
    if args.out is None:
        stream: BinaryIO = _binary_stdout()
    else:
        stream = partial_path(args.out).open("wb")
    if args.format == "json":
        return _JsonArrayOutput(stream, args.out)
    return _JsonLinesOutput(stream, args.out)


@contextlib.contextmanager
def _arrow_system_allocator() -> Iterator[None]:
    """Have pyarrow, if imported here, take the system allocator as its default pool.

    The Parquet encoder allocates from pyarrow's default pool whatever pool the writer is
    given, and the default (mimalloc) backs its arena with 2 MB huge pages: about 5 MB
    more at the command's peak. pyarrow reads the variable once, when imported; it is
    removed again, so that the environment stays as it was. One the user set is kept.
    """
    if "ARROW_DEFAULT_MEMORY_POOL" in os.environ or "pyarrow" in sys.modules:
        yield
        return
    os.environ["ARROW_DEFAULT_MEMORY_POOL"] = "system"
    try:
        yield
    finally:
        del os.environ["ARROW_DEFAULT_MEMORY_POOL"]


def _binary_stdout() -> BinaryIO:
    """Standard output for bytes: its buffer, after what was written to it as text."""
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    return cast(BinaryIO, buffer if buffer is not None else _TextAsBytes(sys.stdout))


class _TextAsBytes:
    """A text stream with no binary buffer (one a caller put in place of sys.stdout)."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, data: bytes) -> int:
        return self._stream.write(data.decode("utf-8"))

    def flush(self) -> None:
        self._stream.flush()


# Text files end their lines so on this system; bytes are written as they are.
_NEWLINE = os.linesep.encode()


def _record_json(determination: Determination, key: str) -> bytes:
    """In a worker: the JSON of a record in UTF-8, for a line of the output.

    Bytes, so that the parent, whose time per letter bounds a parallel run, neither
    decodes it from the worker's answer nor encodes it again to write it.
    """
    return json.dumps(to_dict(determination), ensure_ascii=False).encode("utf-8")


def _line(name: str, key: str, record_json: bytes) -> bytes:
    # The same text as json.dumps of {"path": ..., "letter_id": ..., "record": ...}.
    # For a str, json.dumps is one of these, which are called here without its
    # wrapping, once per letter in the parent process.
    path, letter_id = (
        json.encoder.encode_basestring(name),
        json.encoder.encode_basestring_ascii(key),
    )
    head = f'{{"path": {path}, "letter_id": {letter_id}, "record": '
    return b"".join((head.encode("utf-8"), record_json, b"}"))


def _record_rows(determination: Determination, key: str) -> dict[str, list[Row]]:
    """In a worker: the rows of a record, for the tables."""
    return to_rows(determination, letter_id=key)


class _JsonLinesOutput:
    prepare: Prepare = staticmethod(_record_json)

    def __init__(self, stream: BinaryIO, path: pathlib.Path | None) -> None:
        self._stream = stream
        self._path = path
        self.records = 0

    def add(self, name: str, key: str, sha256: str, prepared: Any) -> None:
        self._stream.write(_line(name, key, prepared) + _NEWLINE)
        self.records += 1

    def fail(self, row: Row) -> None:
        pass  # failures go to standard error and --errors

    def tables(self) -> dict[str, dict[str, Any]]:
        return {}

    def close(self, *, complete: bool) -> None:
        if self._path is None:
            self._stream.flush()
            return
        self._stream.close()
        os.replace(partial_path(self._path), self._path)


class _JsonArrayOutput(_JsonLinesOutput):
    # Written item by item, so that a large array is never held in memory.
    def add(self, name: str, key: str, sha256: str, prepared: Any) -> None:
        self._stream.write((b"," if self.records else b"[") + _NEWLINE)
        self._stream.write(_line(name, key, prepared))
        self.records += 1

    def close(self, *, complete: bool) -> None:
        end = _NEWLINE + b"]" + _NEWLINE if self.records else b"[]" + _NEWLINE
        self._stream.write(end)
        super().close(complete=complete)


class _TablesOutput:
    """One file per table, the writer opened when the first rows come.

    Not before: opening the Parquet writer imports pyarrow, which starts a thread, and
    the workers of ``--jobs N`` fork from this process only while it runs no other
    thread. Forked workers share this process's memory; those of the fork server
    (the fallback) share none of it, about 20 MB more each.
    """

    prepare: Prepare = staticmethod(_record_rows)

    def __init__(self, open_writer: Callable[[], TableWriter]) -> None:
        self._open_writer = open_writer
        self._opened: TableWriter | None = None
        self.records = 0

    @property
    def _writer(self) -> TableWriter:
        if self._opened is None:
            self._opened = self._open_writer()
        return self._opened

    def add(self, name: str, key: str, sha256: str, prepared: Any) -> None:
        rows = prepared
        self._writer.write(
            {**rows, "sources": [{"letter_id": key, "path": name, "sha256": sha256}]}
        )
        self.records += 1

    def fail(self, row: Row) -> None:
        self._writer.write({"failures": [row]})

    def tables(self) -> dict[str, dict[str, Any]]:
        return {
            name: {"file": path.name, "rows": self._writer.rows[name]}
            for name, path in self._writer.files.items()
        }

    def close(self, *, complete: bool) -> None:
        self._writer.close()


#: The subcommands, in the order ``imrparse --help`` lists them.
COMMANDS: list[Command] = [
    Command(
        "parse",
        "parse letters into JSON lines, JSON, CSV or Parquet",
        "Parse letters and write their records in input order.",
        _parse_arguments,
        _parse,
    ),
    Command(
        "schema",
        "print the JSON Schema of a record",
        "Print the JSON Schema (draft 2020-12) of one record as JSON.",
        lambda parser: None,
        _schema,
    ),
    Command(
        "show",
        "print one letter's record for a person to read",
        "Print one letter's record as a readable report (imrparse FILE does too).",
        _show_arguments,
        _show,
    ),
    Command(
        "load",
        "load letters into a SQLite or PostgreSQL database",
        "Parse letters and add every new one to a database (see docs/database.md). A letter "
        "already there is skipped.",
        add_load_arguments,
        run_load,
    ),
]
