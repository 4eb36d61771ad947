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

import concurrent.futures
import multiprocessing
import os
import pathlib
import pickle
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import TypeAlias

from imrparse.models import Determination
from imrparse.read.letter import parse
from imrparse.read.pdf import parse_pdf

__all__ = [
    "DEFAULT_ENCODING",
    "Letter",
    "Result",
    "parse_file",
    "parse_many",
]

#: A letter for :func:`parse_many`: its text (``str``), the path of a ``.txt`` or
#: ``.pdf`` file (:class:`os.PathLike`, e.g. :class:`pathlib.Path`), or a PDF's bytes.
Letter: TypeAlias = str | os.PathLike[str] | bytes
#: What :func:`parse_many` yields for one letter: its record, or what it raised.
Result: TypeAlias = Determination | Exception

#: How text files are decoded: UTF-8, with or without a byte order mark.
DEFAULT_ENCODING = "utf-8-sig"

# Chunks in flight per worker process: enough to keep every worker busy while the
# results of the oldest chunk wait to be yielded, few enough to bound memory.
_CHUNKS_PER_JOB = 2


def parse_file(
    path: str | os.PathLike[str], *, strict: bool = True, encoding: str = DEFAULT_ENCODING
) -> Determination:
    """Parse the letter in a file: a PDF when its name ends in ``.pdf``, text otherwise.

    Args:
        path: The file.
        strict: ``False`` reads what can be read of a damaged letter (lenient mode,
            see :func:`imrparse.parse`).
        encoding: How to decode a text file.

    Returns:
        The record.

    Raises:
        imrparse.ParseError: The text is not a letter imrparse can read.
        OSError: The file cannot be read.
        UnicodeDecodeError: A text file is not in ``encoding``.
        ValueError: A ``.pdf`` file is not a PDF that pypdf can read.
        ImportError: A ``.pdf`` file and no ``pdf`` extra.
    """
    path = pathlib.Path(path)
    if path.suffix.lower() == ".pdf":
        return parse_pdf(path, strict=strict)
    return parse(path.read_text(encoding=encoding), strict=strict)


def _parse_one(letter: Letter, *, strict: bool, encoding: str) -> Determination:
    if isinstance(letter, str):
        return parse(letter, strict=strict)
    if isinstance(letter, bytes):
        return parse_pdf(letter, strict=strict)
    return parse_file(letter, strict=strict, encoding=encoding)


def _parse_chunk(letters: list[Letter], strict: bool, encoding: str) -> list[Result]:
    """Parse letters one by one, keeping each letter's exception as its result."""
    results: list[Result] = []
    for letter in letters:
        try:
            results.append(_parse_one(letter, strict=strict, encoding=encoding))
        except Exception as error:  # one letter's failure, whatever it is, is its result
            results.append(_portable(error))
    return results


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
    chunk_size: int = 8,
) -> Iterator[Result]:
    """Parse letters, in parallel when asked, yielding one result per letter in order.

    Letters are read from ``letters`` only as workers become free, so memory stays
    bounded by ``jobs * chunk_size`` letters whatever the length of the input.

    With ``jobs`` above 1 the letters are parsed in worker processes (each builds the
    parser once), so a script that calls this must guard its entry point with
    ``if __name__ == "__main__":``, as :mod:`multiprocessing` requires.

    Args:
        letters: Each a letter's text (``str``), a path to a ``.txt`` or ``.pdf`` file
            (:class:`pathlib.Path` or another :class:`os.PathLike`; a plain ``str`` is
            text, never a path), or a PDF's content (``bytes``).
        jobs: Worker processes; ``1`` parses in this process, ``None`` uses every core.
        strict: ``False`` reads what can be read of a damaged letter (lenient mode,
            see :func:`imrparse.parse`).
        encoding: How to decode text files.
        chunk_size: Letters sent to a worker at a time.

    Returns:
        An iterator of results in input order: a
        :class:`~imrparse.Determination`, or the exception that letter raised
        (:class:`~imrparse.ParseError`, :class:`OSError`, ...). Exceptions that cannot
        be sent between processes arrive as a :class:`RuntimeError` naming them.

    Raises:
        TypeError: An item of ``letters`` is not a letter (raised when it is reached).
        ValueError: ``jobs`` or ``chunk_size`` is below 1.
    """
    if jobs is None:
        jobs = os.cpu_count() or 1
    if jobs < 1 or chunk_size < 1:
        raise ValueError(f"jobs and chunk_size must be at least 1, got {jobs}, {chunk_size}")
    checked = (_check(letter) for letter in letters)
    if jobs == 1:
        return _in_process(checked, strict=strict, encoding=encoding)
    return _in_pool(checked, jobs=jobs, strict=strict, encoding=encoding, chunk_size=chunk_size)


def _in_process(letters: Iterator[Letter], *, strict: bool, encoding: str) -> Iterator[Result]:
    for letter in letters:
        yield from _parse_chunk([letter], strict, encoding)


def _pool_context() -> multiprocessing.context.BaseContext:
    # Not "fork": forking a process that runs threads can deadlock. The fork server
    # starts workers quickly where it exists (POSIX); spawn works everywhere.
    if "forkserver" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("forkserver")
    return multiprocessing.get_context("spawn")


def _in_pool(
    letters: Iterator[Letter], *, jobs: int, strict: bool, encoding: str, chunk_size: int
) -> Iterator[Result]:
    executor = concurrent.futures.ProcessPoolExecutor(jobs, mp_context=_pool_context())
    in_flight: deque[concurrent.futures.Future[list[Result]]] = deque()
    try:

        def submit_next() -> bool:
            chunk = list(islice(letters, chunk_size))
            if chunk:
                in_flight.append(executor.submit(_parse_chunk, chunk, strict, encoding))
            return bool(chunk)

        while len(in_flight) < jobs * _CHUNKS_PER_JOB and submit_next():
            pass
        while in_flight:
            results = in_flight.popleft().result()
            submit_next()  # refill before yielding, so workers stay busy meanwhile
            yield from results
    finally:
        # Also reached when the caller stops early: drop what is queued, end the workers.
        executor.shutdown(wait=True, cancel_futures=True)
