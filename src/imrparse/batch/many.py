"""Many letters at once: in order, in parallel processes, in bounded memory.

:func:`parse_many` takes any iterable of letters (texts, paths, PDF bytes), even one
that never ends, and yields one result per letter in the same order: the record, or the
exception that letter raised. A damaged letter never stops the run, and only a few
letters per process are in flight at any time, so a million letters cost no more memory
than a hundred.

>>> results = parse_many(["not a letter", "nor this"])
>>> [type(result).__name__ for result in results]
['ParseError', 'ParseError']
"""

from __future__ import annotations

import codecs
import contextlib
import hashlib
import logging
import os
import pathlib
import pickle
import queue
import signal
import sys
import threading
import warnings
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator
from itertools import chain, islice
from typing import TYPE_CHECKING, Any, TypeAlias, cast

import attrs
from attrs import frozen

from imrparse.errors import ParseError
from imrparse.models import Determination, ReadWarning, WarningKind
from imrparse.read.letter import parse
from imrparse.read.parsers import letter_parser, request_lexer
from imrparse.read.pdf import PdfError, pdf_text

if TYPE_CHECKING:
    import concurrent.futures.process
    import multiprocessing.connection
    import multiprocessing.context

__all__ = [
    "AUTO_ENCODING",
    "DEFAULT_ENCODING",
    "BinaryFileError",
    "EmptyLetterError",
    "Letter",
    "LetterDecodeError",
    "LetterRead",
    "PdfReadError",
    "Prepare",
    "Prepared",
    "Result",
    "decode",
    "failure_kind",
    "letter_key",
    "parse_file",
    "parse_many",
    "read_letter",
    "read_many",
]

#: A letter for :func:`parse_many`: its text (``str``), the path of a text or PDF file
#: (:class:`os.PathLike`, e.g. :class:`pathlib.Path`), or a file's bytes (``bytes``).
Letter: TypeAlias = str | os.PathLike[str] | bytes
#: What :func:`parse_many` yields for one letter: its record, or what it raised.
Result: TypeAlias = Determination | Exception

#: ``encoding="auto"``: UTF-8 (with or without a byte order mark, or UTF-16 with one);
#: failing that Windows-1252 (a superset of Latin-1 for text), with a
#: ``guessed-encoding`` warning in the record.
AUTO_ENCODING = "auto"
#: How text files are decoded unless asked otherwise.
DEFAULT_ENCODING = AUTO_ENCODING

# The encoding tried when a file is not UTF-8: what Windows editors and most
# Western-European tools write; it decodes every Latin-1 letter the same as Latin-1.
_FALLBACK_ENCODING = "cp1252"
# A PDF starts with this, within its first kilobyte (the PDF standard allows junk before).
_PDF_MAGIC = b"%PDF-"
_PDF_MAGIC_WITHIN = 1024
# A NUL byte in the first block is not in any text encoding a letter is written in,
# except UTF-16 (recognised by its byte order mark).
_BINARY_PROBE = 8192

# Hex digits of the SHA-256 in a letter's key: 64 bits, so that two different letters
# share a key with a chance below one in ten million even among a million letters.
_KEY_DIGITS = 16

# Chunks in flight per worker process: enough to keep every worker busy while the
# results of the oldest chunk wait to be yielded, few enough to bound memory.
_CHUNKS_PER_JOB = 2
# The signals that stop a run: the parent's to handle, never a worker's.
_STOP_SIGNALS = {signal.SIGINT, signal.SIGTERM}
# What a worker sends first, once it can read letters.
_READY = b"ready"


class EmptyLetterError(ValueError):
    """A letter's file is empty, or holds only white space."""


class BinaryFileError(ValueError):
    """A letter's file is neither text nor a PDF."""


class LetterDecodeError(ValueError):
    """A text file cannot be decoded in the encoding asked for (or any that was tried)."""


class PdfReadError(ValueError):
    """A PDF that the PDF library cannot read."""


def failure_kind(error: BaseException) -> str:
    """Name the kind of a letter's failure, for counts and reports.

    Args:
        error: What reading the letter raised.

    Returns:
        ``'template'`` (the text is not a letter imrparse reads), ``'empty'``,
        ``'binary'``, ``'decoding'``, ``'pdf'``, ``'file'`` (it cannot be opened),
        ``'missing-extra'`` (a PDF without the ``pdf`` extra) or ``'other'``.

    >>> failure_kind(EmptyLetterError("empty file"))
    'empty'
    """
    kinds: tuple[tuple[type[BaseException], str], ...] = (
        (ParseError, "template"),
        (EmptyLetterError, "empty"),
        (BinaryFileError, "binary"),
        (LetterDecodeError, "decoding"),
        (UnicodeDecodeError, "decoding"),
        (PdfError, "pdf"),
        (PdfReadError, "pdf"),
        (OSError, "file"),
        (ImportError, "missing-extra"),
    )
    for error_type, kind in kinds:
        if isinstance(error, error_type):
            return kind
    return "other"


@frozen
class Prepared:
    """What a ``prepare`` function of :func:`read_many` made of a record, in the worker.

    Sending a record's output (a JSON text, table rows) from a worker costs the parent
    process less than sending the record and making the output there, which would make
    the parent the bottleneck of a parallel run.
    """

    #: The letter's key (:func:`letter_key`).
    key: str
    #: What ``prepare`` gave.
    output: Any


#: Made in a worker from a record and its key (a module-level function, so that it
#: can be sent to worker processes).
Prepare: TypeAlias = Callable[[Determination, str], Any]


@frozen
class LetterRead:
    """One letter read: its result, the digest of its bytes, and what the PDF library said."""

    #: The record (or, when :func:`read_many` was given ``prepare``, what it made of
    #: it), or the exception that reading the letter raised.
    result: Result | Prepared
    #: SHA-256 of the letter's bytes, hex (of the UTF-8 text for a ``str``); ``None``
    #: when the file could not be read at all.
    sha256: str | None
    #: Messages that the PDF library logged or warned while reading this letter.
    notes: tuple[str, ...] = ()


def letter_key(sha256: str, determination: Determination) -> str:
    """The key of a letter in the output: its case number (if any) and its bytes' hash.

    The key depends only on the file's bytes, never on the path it was reached by, so
    the same letter has the same key in every run.

    Args:
        sha256: SHA-256 of the letter's bytes, hex.
        determination: Its record.

    Returns:
        ``'CM16-0221706-9f86d081884c7d65'``, or the 16 hex digits alone.
    """
    digest = sha256[:_KEY_DIGITS]
    case_number = determination.case.case_number if determination.case else None
    return f"{case_number}-{digest}" if case_number else digest


def parse_file(
    path: str | os.PathLike[str], *, strict: bool = True, encoding: str = DEFAULT_ENCODING
) -> Determination:
    """Parse the letter in a file: a PDF by its bytes (``%PDF-``) or name, text otherwise.

    Args:
        path: The file.
        strict: ``False`` reads what can be read of a damaged letter (lenient mode,
            see :func:`imrparse.parse`).
        encoding: How to decode a text file: ``'auto'`` (UTF-8, else Windows-1252 with
            a ``guessed-encoding`` warning in the record), or a codec name.

    Returns:
        The record.

    Raises:
        imrparse.ParseError: The text is not a letter imrparse can read.
        OSError: The file cannot be read.
        ValueError: The file is empty (:class:`EmptyLetterError`), binary
            (:class:`BinaryFileError`), not in ``encoding``
            (:class:`LetterDecodeError`), or a PDF the PDF library cannot read
            (:class:`PdfReadError`).
        ImportError: A PDF and no ``pdf`` extra.
    """
    result = read_letter(pathlib.Path(path), strict=strict, encoding=encoding).result
    if isinstance(result, Exception):
        raise result
    return cast(Determination, result)


def read_letter(
    letter: Letter, *, strict: bool = True, encoding: str = DEFAULT_ENCODING
) -> LetterRead:
    """Read one letter, catching what it raises: the work of one item of :func:`read_many`.

    Args:
        letter: Its text, its file's path, or its file's bytes.
        strict: ``False`` for lenient mode.
        encoding: ``'auto'`` or a codec name, for text files and bytes.

    Returns:
        The result with the digest of the letter's bytes and the PDF library's messages.
    """
    sha256: str | None = None
    notes: list[str] = []
    try:
        if isinstance(letter, str):
            sha256 = hashlib.sha256(letter.encode("utf-8", "surrogatepass")).hexdigest()
            return LetterRead(parse(letter, strict=strict), sha256)
        data = letter if isinstance(letter, bytes) else pathlib.Path(letter).read_bytes()
        sha256 = hashlib.sha256(data).hexdigest()
        # A PDF by its bytes, whatever its name; a file named .pdf goes to the PDF
        # library all the same, which says best what is wrong with it.
        named_pdf = not isinstance(letter, bytes) and os.fspath(letter).lower().endswith(".pdf")
        if _PDF_MAGIC in data[:_PDF_MAGIC_WITHIN] or named_pdf:
            source: str | os.PathLike[str] | bytes = data if isinstance(letter, bytes) else letter
            text = _pdf_text(source, notes)
            return LetterRead(parse(text, strict=strict), sha256, tuple(notes))
        text, warning = decode(data, encoding)
        record = parse(text, strict=strict)
        if warning is not None:
            record = attrs.evolve(record, warnings=(*record.warnings, warning))
        return LetterRead(record, sha256)
    except Exception as error:  # one letter's failure, whatever it is, is its result
        return LetterRead(_portable(error), sha256, tuple(notes))


def decode(data: bytes, encoding: str = DEFAULT_ENCODING) -> tuple[str, ReadWarning | None]:
    """Decode a text file's bytes, saying when the encoding was a guess.

    Args:
        data: The bytes.
        encoding: ``'auto'`` or a codec name.

    Returns:
        The text, and a ``guessed-encoding`` warning when it is not what the bytes
        say they are (``None`` otherwise).

    Raises:
        EmptyLetterError: Nothing but white space.
        BinaryFileError: A NUL byte: not text.
        LetterDecodeError: The bytes are not in the encoding, with what to do.

    >>> decode("Décision".encode("cp1252"))[0]
    'Décision'
    """
    if not data.strip():
        raise EmptyLetterError("empty file" if not data else "empty file (only white space)")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decoded(data, "utf-16", "the file has a UTF-16 byte order mark"), None
    nul = data.find(b"\0", 0, _BINARY_PROBE)
    if nul >= 0:
        raise BinaryFileError(f"binary file: neither text nor a PDF (a NUL byte at offset {nul})")
    if encoding.lower() != AUTO_ENCODING:
        text = _decoded(data, encoding, "give the file's encoding, or --encoding auto")
        return text, _utf8_read_otherwise(data, encoding)
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as error:
        bad = error.start
    text = _decoded(data, _FALLBACK_ENCODING, "give the file's encoding with --encoding ENC")
    return text, ReadWarning(
        kind=WarningKind.GUESSED_ENCODING,
        field="text",
        message=(
            f"not UTF-8 (byte 0x{data[bad]:02x} at offset {bad}): read as Windows-1252; "
            "give the file's encoding (--encoding) if it is another"
        ),
    )


def _decoded(data: bytes, encoding: str, hint: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise LetterDecodeError(
            f"cannot be decoded as {encoding}: byte 0x{data[error.start]:02x} at offset "
            f"{error.start}; {hint}"
        ) from None
    except LookupError:
        raise LetterDecodeError(f"no such encoding {encoding!r}") from None


def _utf8_read_otherwise(data: bytes, encoding: str) -> ReadWarning | None:
    """Warn when valid, non-ASCII UTF-8 is read as another encoding: it is mojibake."""
    if codecs.lookup(encoding).name in ("utf-8", "utf-8-sig") or data.isascii():
        return None
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return ReadWarning(
        kind=WarningKind.GUESSED_ENCODING,
        field="text",
        message=(
            f"the file is valid UTF-8 but was read as {encoding}, as asked: its "
            "non-ASCII characters are likely wrong (--encoding auto reads UTF-8)"
        ),
    )


class _Collect(logging.Handler):
    def __init__(self, notes: list[str]) -> None:
        super().__init__(logging.WARNING)
        self._notes = notes

    def emit(self, record: logging.LogRecord) -> None:
        self._notes.append(f"{record.name.partition('.')[0]}: {record.getMessage()}")


def _pdf_text(source: str | os.PathLike[str] | bytes, notes: list[str]) -> str:
    """Extract a PDF's text, keeping what the PDF library logs or warns as notes.

    Without this, a library's "EOF marker not found" would land on standard error with
    no word of which file it is about.
    """
    handler = _Collect(notes)
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                return pdf_text(source)
            except PdfError:
                raise  # already says what is wrong, and pickles with its problem
            except (ValueError, TypeError) as error:
                raise PdfReadError(str(error).replace("the PDF bytes ", "the PDF ")) from None
            finally:
                notes.extend(f"{w.category.__name__}: {w.message}" for w in caught)
    finally:
        root.removeHandler(handler)


def _parse_chunk(
    letters: list[Letter], strict: bool, encoding: str, prepare: Prepare | None = None
) -> list[LetterRead]:
    """Read letters one by one, keeping each letter's exception as its result."""
    return [_read_prepared(letter, strict, encoding, prepare) for letter in letters]


#: How a worker sends a letter prepared without notes: ``(sha256, key, output)``.
_Compact: TypeAlias = tuple[str, str, Any]


def _compact(read: LetterRead) -> LetterRead | _Compact:
    """A letter's read as a worker sends it: the usual case as a plain tuple.

    A tuple pickles and unpickles in a fraction of the time of the two objects it
    stands for, in the parent process too, whose time per letter bounds a parallel run.
    """
    result = read.result
    if isinstance(result, Prepared) and read.sha256 is not None and not read.notes:
        return (read.sha256, result.key, result.output)
    return read


def _expanded(sent: LetterRead | _Compact) -> LetterRead:
    """A letter's read as :func:`_compact` sent it."""
    if isinstance(sent, LetterRead):
        return sent
    sha256, key, output = sent
    return LetterRead(Prepared(key, output), sha256)


def _read_prepared(
    letter: Letter, strict: bool, encoding: str, prepare: Prepare | None
) -> LetterRead:
    read = read_letter(letter, strict=strict, encoding=encoding)
    record = read.result
    if prepare is None or not isinstance(record, Determination) or read.sha256 is None:
        return read
    key = letter_key(read.sha256, record)
    try:
        return attrs.evolve(read, result=Prepared(key, prepare(record, key)))
    except Exception as error:  # a failure of the output is this letter's failure
        return attrs.evolve(read, result=_portable(error))


def _portable(error: Exception) -> Exception:
    """Give ``error`` in a form that can cross processes.

    Pickling drops an exception's traceback and cause anyway, unless a library such as
    tblib (which Dask's distributed installs) makes pickle try to keep them; the cause
    of a ParseError is lark's exception, which cannot be pickled. So when the error does
    not survive a round trip, it is sent without them, and failing that, as a
    RuntimeError that tells it.
    """
    if _round_trips(error):
        return error
    error.__cause__ = error.__context__ = error.__traceback__ = None
    if _round_trips(error):
        return error
    return RuntimeError(f"{type(error).__name__}: {error}")


def _round_trips(error: Exception) -> bool:
    try:
        pickle.loads(pickle.dumps(error))
    except Exception:  # any failure at all means: not this way
        return False
    return True


def _check(letter: object) -> Letter:
    if isinstance(letter, str | bytes | os.PathLike):
        return letter
    raise TypeError(
        f"expected letter text (str), a path (os.PathLike) or PDF bytes, "
        f"got {type(letter).__name__}"
    )


def parse_many(
    letters: Iterable[Letter],
    *,
    jobs: int | None = 1,
    strict: bool = True,
    encoding: str = DEFAULT_ENCODING,
    chunk_size: int = 32,
) -> Iterator[Result]:
    """Parse letters, in parallel when asked, yielding one result per letter in order.

    Letters are read from ``letters`` only as workers become free, so memory stays
    bounded by ``jobs * chunk_size`` letters whatever the length of the input.

    With ``jobs`` above 1 the letters are parsed in worker processes (each builds the
    parser once), so a script that calls this must guard its entry point with
    ``if __name__ == "__main__":``, as :mod:`multiprocessing` requires. While the workers
    start (half a second or more), the calling process reads the first letters itself,
    PDFs excepted, rather than wait.

    Args:
        letters: Each a letter's text (``str``), a path to a text or PDF file
            (:class:`pathlib.Path` or another :class:`os.PathLike`; a plain ``str`` is
            text, never a path), or a file's content (``bytes``: a PDF when it starts
            with ``%PDF-``, text otherwise). A file is a PDF by its bytes, whatever its
            name.
        jobs: Worker processes; ``1`` parses in this process, ``None`` uses every core.
        strict: ``False`` reads what can be read of a damaged letter (lenient mode,
            see :func:`imrparse.parse`).
        encoding: How to decode text: ``'auto'`` (UTF-8, else Windows-1252 with a
            ``guessed-encoding`` warning in the record), or a codec name.
        chunk_size: Letters sent to a worker at a time.

    Returns:
        An iterator of results in input order: a
        :class:`~imrparse.Determination`, or the exception that letter raised
        (:class:`~imrparse.ParseError`, :class:`OSError`, :class:`EmptyLetterError`,
        ...). Exceptions that cannot be sent between processes arrive as a
        :class:`RuntimeError` naming them.

    Raises:
        TypeError: An item of ``letters`` is not a letter (raised when it is reached).
        ValueError: ``jobs`` or ``chunk_size`` is below 1.
    """
    reads = read_many(letters, jobs=jobs, strict=strict, encoding=encoding, chunk_size=chunk_size)
    return (cast(Result, read.result) for read in reads)


def read_many(
    letters: Iterable[Letter],
    *,
    jobs: int | None = 1,
    strict: bool = True,
    encoding: str = DEFAULT_ENCODING,
    chunk_size: int = 32,
    stop: Callable[[], bool] = lambda: False,
    prepare: Prepare | None = None,
    fork: bool = False,
) -> Generator[LetterRead, None, None]:
    """:func:`parse_many`, giving each letter's :class:`LetterRead` (digest and notes too).

    Args:
        letters: As for :func:`parse_many`.
        jobs: As for :func:`parse_many`.
        strict: As for :func:`parse_many`.
        encoding: As for :func:`parse_many`.
        chunk_size: As for :func:`parse_many`.
        stop: Asked before each letter is taken from ``letters``: ``True`` ends the run
            after the letters already in flight (the command line's SIGTERM and SIGINT).
        prepare: Called where the letter was read, with its record and key; the
            result is then a :class:`Prepared` holding what it gave, instead of the
            record.
        fork: With ``jobs`` above 1, fork the workers from this process, which first
            builds the parsers, when that is safe: on Linux, and while this process
            runs no other thread (a thread holding a lock when the process forks would
            leave it held forever in the worker). The workers then start at once with
            everything imported and built, instead of in ~1 s of CPU each (or of the
            fork server's). Otherwise the workers start as without it.

    Returns:
        An iterator of one :class:`LetterRead` per letter, in input order.

    Raises:
        TypeError: An item of ``letters`` is not a letter (raised when it is reached).
        ValueError: ``jobs`` or ``chunk_size`` is below 1.
    """
    if jobs is None:
        jobs = os.cpu_count() or 1
    if jobs < 1 or chunk_size < 1:
        raise ValueError(f"jobs and chunk_size must be at least 1, got {jobs}, {chunk_size}")
    checked = (_check(letter) for letter in _until(letters, stop))
    if jobs == 1:
        return _in_process(checked, strict=strict, encoding=encoding, prepare=prepare)
    return _in_pool(
        checked,
        jobs=jobs,
        strict=strict,
        encoding=encoding,
        chunk_size=chunk_size,
        prepare=prepare,
        fork=fork,
    )


def _until(letters: Iterable[Letter], stop: Callable[[], bool]) -> Iterator[Letter]:
    for letter in letters:
        if stop():
            return
        yield letter


def _in_process(
    letters: Iterator[Letter], *, strict: bool, encoding: str, prepare: Prepare | None
) -> Generator[LetterRead, None, None]:
    for letter in letters:
        yield _read_prepared(letter, strict, encoding, prepare)


def _fork_context() -> multiprocessing.context.BaseContext | None:
    """The "fork" start method, if this process can fork safely now; else ``None``.

    Safe means that no other thread runs, which Linux tells of every thread (those of C
    libraries too, such as a thread pool of pyarrow's) in ``/proc/self/task``.
    """
    import multiprocessing  # here: imported only by runs with workers (~8 ms of an import)

    if not sys.platform.startswith("linux") or threading.active_count() != 1:
        return None
    try:
        threads = len(os.listdir("/proc/self/task"))
    except OSError:  # no /proc: no way to tell
        return None
    return multiprocessing.get_context("fork") if threads == 1 else None


def _pool_context() -> multiprocessing.context.BaseContext:
    # Not "fork" (unless asked, and safe: _fork_context): forking a process that runs
    # threads can deadlock. The fork server starts workers quickly where it exists
    # (POSIX); spawn works everywhere.
    import multiprocessing

    if "forkserver" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("forkserver")
    return multiprocessing.get_context("spawn")


def _ignore_stop_signals() -> None:
    """In a worker: leave SIGINT and SIGTERM to the parent, which ends the workers.

    A Ctrl-C reaches every process of the terminal's group, and a service manager may
    send SIGTERM to all of them; a worker that died of it would lose its letters in
    flight and break the run, instead of letting the parent stop the run cleanly.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):  # a forked worker starts with them held back
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOP_SIGNALS)


def _work(
    connection: multiprocessing.connection.Connection,
    strict: bool,
    encoding: str,
    prepare: Prepare | None,
    inherited: tuple[multiprocessing.connection.Connection, ...] = (),
) -> None:
    """A worker process: read each chunk it is sent and send back its letters' reads.

    Results go back as one pickled list per chunk, in the order the chunks came; the
    worker ends when the parent closes its end of the pipe. The pipe is read and written
    by threads of their own, so that the letters are read without pause:

    - chunks are taken from the pipe as soon as they come: a chunk larger than the pipe
      holds must never wait for this worker to finish sending an answer larger than the
      pipe holds, which waits for the parent, which would be waiting to send the chunk;
    - an answer is sent while the next chunk is read: an answer larger than the pipe
      holds goes out only as fast as the parent takes it, which would otherwise leave
      this worker idle (about 5% of its time with two workers on two cores).

    At most the parent's chunks in flight (``_CHUNKS_PER_JOB``) wait here, either way.

    A forked worker first closes ``inherited``, the parent's ends of the pipes (its own
    and the workers' forked before it): while any of them stays open here, closing it
    in the parent would not end the worker it leads to.
    """
    _ignore_stop_signals()
    for end in inherited:
        end.close()
    # Build the parsers before saying so: the parent reads letters itself until then.
    letter_parser()
    request_lexer()
    try:
        connection.send_bytes(_READY)
    except OSError:  # the run ended while this worker was starting
        return
    # A chunk, or why it could not be unpickled here (a letter of a type of the
    # caller's own that does not unpickle in another process), which ends the run.
    inbox: queue.SimpleQueue[list[Letter] | Exception | None] = queue.SimpleQueue()
    outbox: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()
    # The parent closed its end: no answer is wanted any more, not even to the chunks
    # that came before.
    closed = threading.Event()

    def take_chunks() -> None:
        while True:
            try:
                message = connection.recv_bytes()
            except (EOFError, OSError):
                closed.set()
                inbox.put(None)
                return
            try:
                inbox.put(pickle.loads(message))
            except Exception as error:  # a failure of this chunk: answered in its turn
                inbox.put(error)

    def send_answers() -> None:
        while (answer := outbox.get()) is not None:
            try:
                connection.send_bytes(answer)
            except OSError:  # the parent went away: nothing is waiting for this
                return

    threading.Thread(target=take_chunks, name="imrparse-chunks", daemon=True).start()
    sender = threading.Thread(target=send_answers, name="imrparse-answers", daemon=True)
    sender.start()
    while (chunk := inbox.get()) is not None and not closed.is_set():
        if isinstance(chunk, Exception):
            failure = f"could not read the letters it was sent: {type(chunk).__name__}: {chunk}"
            outbox.put(pickle.dumps((False, failure), -1))
            continue
        try:
            reads = _parse_chunk(chunk, strict, encoding, prepare)
            answer = pickle.dumps((True, [_compact(read) for read in reads]), -1)
        except Exception as error:  # e.g. a prepared output that cannot be pickled
            failure = f"could not send its results: {type(error).__name__}: {error}"
            answer = pickle.dumps((False, failure), -1)
        outbox.put(answer)
    outbox.put(None)
    sender.join()


class _Worker:
    """One worker process, the pipe to it, and what it was sent and has answered."""

    def __init__(
        self,
        context: Any,
        strict: bool,
        encoding: str,
        prepare: Prepare | None,
        inherited: tuple[multiprocessing.connection.Connection, ...] = (),
    ) -> None:
        self.connection, theirs = context.Pipe()
        args: tuple[Any, ...] = (theirs, strict, encoding, prepare)
        if context.get_start_method() == "fork":
            args += ((*inherited, self.connection),)
        self.process = context.Process(target=_work, args=args, daemon=True)
        self.process.start()
        theirs.close()
        self.ready = False  # it has said it can read letters
        self.sent = 0  # chunks sent and not yet taken from answers
        self.answers: deque[bytes] = deque()

    def is_ready(self, *, wait: bool) -> bool:
        """Take the worker's first message, saying that it is ready, if it has come."""
        if not self.ready and (wait or self.connection.poll()):
            self.ready = self._take() == _READY
        return self.ready

    def receive(self) -> None:
        self.answers.append(self._take())

    def send(self, chunk: list[Letter]) -> None:
        """Send a chunk of letters; a worker that has died says so, as in :meth:`receive`."""
        try:
            self.connection.send(chunk)
        except OSError:  # BrokenPipeError: it died since its last answer
            raise self._ended() from None

    def _take(self) -> bytes:
        try:
            message: bytes = self.connection.recv_bytes()
        except (EOFError, OSError):
            raise self._ended() from None
        return message

    def _ended(self) -> concurrent.futures.process.BrokenProcessPool:
        import concurrent.futures.process

        self.process.join(1)
        return concurrent.futures.process.BrokenProcessPool(
            f"a worker process ended abruptly (exit code {self.process.exitcode}): "
            "the letters it was reading have no result"
        )


class _Starting:
    """Start a run's workers in a thread, so that the parent can read letters meanwhile.

    A worker is ready once it has imported imrparse and built the parsers (~0.4 s of
    CPU each; the fork server imports nothing of the caller's unless told to, which the
    command line does, see ``imrparse.cli.preload``): time in which the parent would
    otherwise wait.
    """

    def __init__(
        self, context: Any, jobs: int, strict: bool, encoding: str, prepare: Prepare | None
    ) -> None:
        self.workers: list[_Worker] = []
        self._error: BaseException | None = None

        def start() -> None:
            try:
                for _ in range(jobs):
                    self.workers.append(_Worker(context, strict, encoding, prepare))
            except BaseException as error:  # given to the parent by wait()
                self._error = error

        self._thread = threading.Thread(target=start, name="imrparse-start", daemon=True)
        self._thread.start()

    def ready(self) -> bool:
        """Whether every worker has started and is ready; does not wait."""
        return not self._thread.is_alive() and all(
            worker.is_ready(wait=False) for worker in self.workers
        )

    def wait(self) -> list[_Worker]:
        """Wait until every worker is ready.

        Raises:
            BrokenProcessPool: A worker ended before it was ready.
        """
        self._thread.join()
        if self._error is not None:
            raise self._error
        return _when_ready(self.workers)

    def close(self) -> None:
        """End the workers: each ends when its pipe closes, after the chunk it is reading."""
        self._thread.join()
        _end(self.workers)


def _when_ready(workers: list[_Worker]) -> list[_Worker]:
    """``workers``, once each has said it is ready."""
    for worker in workers:
        worker.is_ready(wait=True)
    return workers


def _end(workers: list[_Worker]) -> None:
    """Close each worker's pipe, which ends it after its chunk, then wait for them all."""
    for worker in workers:
        worker.connection.close()
    for worker in workers:
        worker.process.join()


class _Forked:
    """The workers forked from this process, at once: they start with its parsers built.

    Forked here in the calling thread, before any thread of a run starts (a thread
    of :class:`_Starting` forking while this one runs could not be safe).
    """

    def __init__(
        self, context: Any, jobs: int, strict: bool, encoding: str, prepare: Prepare | None
    ) -> None:
        # Built once here rather than in each worker; the workers inherit them.
        letter_parser()
        request_lexer()
        # What the workers would otherwise flush again from their copies on exit.
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):
                stream.flush()
        self.workers: list[_Worker] = []
        # Held back until the workers ignore them (see _work): a Ctrl-C meanwhile would
        # run this process's handler in a worker.
        held = signal.pthread_sigmask(signal.SIG_BLOCK, _STOP_SIGNALS)
        try:
            for _ in range(jobs):
                ends = tuple(worker.connection for worker in self.workers)
                self.workers.append(_Worker(context, strict, encoding, prepare, ends))
        except BaseException:
            self.close()
            raise
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, held)

    def ready(self) -> bool:
        """Always: forked workers start with everything built (as :class:`_Starting`)."""
        return True

    def wait(self) -> list[_Worker]:
        """The workers, once each has said so (as :meth:`_Starting.wait`)."""
        return _when_ready(self.workers)

    def close(self) -> None:
        """End the workers (as :meth:`_Starting.close`)."""
        _end(self.workers)


def _read_here(
    letter: Letter, strict: bool, encoding: str, prepare: Prepare | None
) -> LetterRead | None:
    """Read a letter in the parent process, unless it is a PDF (``None``).

    A PDF library that crashes on a damaged file must end a worker, which the run
    reports, and never the parent, which holds the output.
    """
    if isinstance(letter, os.PathLike):
        if os.fspath(letter).lower().endswith(".pdf"):
            return None
        try:
            data = pathlib.Path(letter).read_bytes()
        except OSError:  # read_letter fails the same way, and says so
            return _read_prepared(letter, strict, encoding, prepare)
        letter = data  # read as bytes: the same record and digest, one read of the file
    if isinstance(letter, bytes) and _PDF_MAGIC in letter[:_PDF_MAGIC_WITHIN]:
        return None
    return _read_prepared(letter, strict, encoding, prepare)


def _in_pool(
    letters: Iterator[Letter],
    *,
    jobs: int,
    strict: bool,
    encoding: str,
    chunk_size: int,
    prepare: Prepare | None,
    fork: bool = False,
) -> Generator[LetterRead, None, None]:
    """Read letters in ``jobs`` worker processes, yielding the reads in input order.

    Until every worker is ready, the parent reads the first letters itself, one at a
    time (PDFs excepted, see :func:`_read_here`), instead of waiting for them.

    Each worker has its own pipe, so the parent's work per chunk is one small message
    out and one pickled list back, read in this thread: no queue-feeding or result
    threads compete with the workers for the cores. A chunk goes to the worker with the
    fewest chunks in flight; answers that come before their turn wait in that worker's
    queue.
    """
    import multiprocessing.connection

    forking = _fork_context() if fork else None
    starting: _Starting | _Forked = (
        _Forked(forking, jobs, strict, encoding, prepare)
        if forking is not None
        else _Starting(_pool_context(), jobs, strict, encoding, prepare)
    )
    try:
        while not starting.ready():
            letter = next(letters, None)
            if letter is None:
                return
            read = _read_here(letter, strict, encoding, prepare)
            if read is None:  # a PDF: for the workers, with the letters after it
                letters = chain([letter], letters)
                break
            yield read
        workers = starting.wait()
        order: deque[_Worker] = deque()  # the worker of each chunk in flight, oldest first

        def submit_next() -> bool:
            chunk = list(islice(letters, chunk_size))
            if chunk:
                worker = min(workers, key=lambda worker: worker.sent)
                worker.send(chunk)
                worker.sent += 1
                order.append(worker)
            return bool(chunk)

        while len(order) < jobs * _CHUNKS_PER_JOB and submit_next():
            pass
        while order:
            worker = order.popleft()
            while not worker.answers:
                # Take every answer that is ready, so that no worker waits on a full
                # pipe while the parent waits for another.
                waiting = [other.connection for other in workers if other.sent]
                for ready in multiprocessing.connection.wait(waiting):
                    next(other for other in workers if other.connection is ready).receive()
            worker.sent -= 1
            ok, results = pickle.loads(worker.answers.popleft())
            if not ok:
                raise RuntimeError(f"a worker {results}")
            submit_next()  # refill before yielding, so workers stay busy meanwhile
            for sent in results:
                yield _expanded(sent)
    finally:
        # Also reached when the caller stops early.
        starting.close()
