"""``imrparse show --html``: annotated pages, one letter to standard output or many to a folder.

With one letter and no ``--out``, the page goes to standard output. With ``--out DIR``,
each letter gets its page in ``DIR`` and ``DIR/index.html`` lists them all, with each
letter's outcomes and warnings, and the letters that could not be read with their
error. Letters are read one at a time, so a folder of any size costs the memory of one.
"""

from __future__ import annotations

import argparse
import html
import io
import os
import pathlib
import re
import sys
from collections.abc import Iterable, Sequence
from typing import BinaryIO, TextIO

from attrs import frozen

from imrparse.batch.many import DEFAULT_ENCODING, decode
from imrparse.batch.sources import STDIN_NAME, Skipped, Source, expand, letters_only
from imrparse.errors import ParseError
from imrparse.models import Outcome
from imrparse.write.annotate import STYLE, AnnotatedPage, annotated_page

__all__ = ["IndexEntry", "add_html_options", "index_page", "show_html", "write_pages"]

# Exit statuses, as the command's.
_OK, _SOME_FAILED, _USAGE = 0, 1, 2
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def add_html_options(parser: argparse.ArgumentParser) -> None:
    """Add ``--html`` and ``--out DIR`` to the ``show`` command's parser."""
    parser.add_argument(
        "--html",
        action="store_true",
        help="write the letter as an HTML page with every value marked "
        "(with --out DIR: one page per letter and an index.html)",
    )
    parser.add_argument(
        "--out",
        metavar="DIR",
        type=pathlib.Path,
        help="with --html: the folder for the pages (needed for more than one letter)",
    )


@frozen(kw_only=True)
class IndexEntry:
    """One letter's line in ``index.html``."""

    #: The letter's name as given (its path).
    name: str
    #: The page's file name inside the folder.
    page: str
    #: The case number, when the header gives one.
    case_number: str | None = None
    #: ``'2013'`` or ``'2016'``; ``None`` for a letter that was not read.
    generation: str | None = None
    upheld: int = 0
    overturned: int = 0
    warnings: int = 0
    #: Why the letter could not be read (``None`` when it was).
    error: str | None = None


def show_html(
    files: Sequence[str],
    *,
    out: pathlib.Path | None,
    strict: bool = False,
    encoding: str = DEFAULT_ENCODING,
    stdin: BinaryIO | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    """Run ``imrparse show --html FILE...``.

    Args:
        files: Files, folders, globs or ``-``, as ``imrparse parse`` takes them.
        out: The folder for the pages and ``index.html``; ``None`` prints the one
            letter's page to ``stdout``.
        strict: Passed to :func:`imrparse.parse` (the command's ``--lenient`` is
            ``False``).
        encoding: How text files are decoded.
        stdin: Where ``-`` is read from (default: the process's).
        stdout: Where one page is written without ``out`` (default: the process's).
        stderr: Where failures are reported (default: the process's).

    Returns:
        The exit status: 0 when every letter was read, 1 when any was not (its page
        shows the error), 2 for a usage error.
    """
    stdin = stdin or _binary(sys.stdin)
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr

    def no_letters(where: str) -> None:
        print(f"imrparse: warning: no .txt or .pdf letters in {where}", file=stderr)

    def skipped(item: Skipped) -> None:
        print(f"imrparse: {item.name}: skipped: {item.message}", file=stderr)

    sources = letters_only(expand(files, stdin=stdin, on_empty=no_letters), skipped)
    if out is None:
        listed = list(sources)
        if len(listed) != 1:
            print(
                f"imrparse: show --html writes {len(listed)} pages: give --out DIR",
                file=stderr,
            )
            return _USAGE
        page = _page_of(listed[0], strict=strict, encoding=encoding, index=None, stderr=stderr)
        if page is None:
            return _SOME_FAILED
        stdout.write(page.html)
        return _SOME_FAILED if isinstance(page.result, ParseError) else _OK
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        print(f"imrparse: cannot write {out}: {error.strerror}", file=stderr)
        return _USAGE
    entries = write_pages(sources, out, strict=strict, encoding=encoding, stderr=stderr)
    print(f"imrparse: wrote {len(entries)} pages and {out / 'index.html'}", file=stderr)
    return _SOME_FAILED if any(entry.error for entry in entries) else _OK


def _binary(stream: TextIO) -> BinaryIO:
    """The bytes of a text stream: its buffer, or its text in UTF-8 (a stream in memory)."""
    buffer = getattr(stream, "buffer", None)
    return buffer if buffer is not None else io.BytesIO(stream.read().encode("utf-8"))


def write_pages(
    sources: Iterable[Source],
    out: pathlib.Path,
    *,
    strict: bool = False,
    encoding: str = DEFAULT_ENCODING,
    stderr: TextIO | None = None,
) -> list[IndexEntry]:
    """Write one annotated page per letter into ``out``, and ``out/index.html``.

    Args:
        sources: The letters, as :func:`imrparse.cli.sources.expand` gives them.
        out: An existing folder.
        strict: Passed to :func:`imrparse.parse`.
        encoding: How text files are decoded.
        stderr: Where each failure is reported (default: the process's).

    Returns:
        One entry per letter, in order, as ``index.html`` lists them.
    """
    stderr = stderr or sys.stderr
    entries: list[IndexEntry] = []
    taken: set[str] = {"index.html"}
    for source in sources:
        file_name = _file_name(source.name, taken)
        page = _page_of(source, strict=strict, encoding=encoding, index="index.html", stderr=stderr)
        if page is None:
            entries.append(IndexEntry(name=source.name, page="", error="could not be opened"))
            continue
        (out / file_name).write_text(page.html, encoding="utf-8")
        entries.append(_entry(source.name, file_name, page))
    (out / "index.html").write_text(index_page(entries), encoding="utf-8")
    return entries


def _page_of(
    source: Source, *, strict: bool, encoding: str, index: str | None, stderr: TextIO
) -> AnnotatedPage | None:
    try:
        text = _text_of(source, encoding)
    except (OSError, UnicodeDecodeError, ValueError, ImportError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else error
        print(f"{source.name}: error: {reason}", file=stderr)
        return None
    page = annotated_page(text, strict=strict, name=source.name, index=index)
    failure = page.result
    if isinstance(failure, ParseError):
        where = f"{source.name}:{failure.line}:{failure.column}"
        print(f"{where}: error: expected {failure.expected}", file=stderr)
    return page


def _text_of(source: Source, encoding: str) -> str:
    letter = source.letter
    if isinstance(letter, str):
        return letter
    if isinstance(letter, bytes):
        from imrparse.read.pdf import is_pdf, pdf_text

        return pdf_text(letter) if is_pdf(letter) else decode(letter, encoding)[0]
    path = pathlib.Path(os.fspath(letter))
    if path.suffix.lower() == ".pdf":
        from imrparse.read.pdf import pdf_text

        return pdf_text(path)
    # Read as bytes so that line ends stay as the file has them: the page shows the
    # letter as given.
    return decode(path.read_bytes(), encoding)[0]


def _file_name(name: str, taken: set[str]) -> str:
    base = "stdin" if name == STDIN_NAME else pathlib.PurePath(name).name
    stem = _UNSAFE.sub("_", base).strip("._") or "letter"
    candidate, number = f"{stem}.html", 1
    while candidate in taken:
        number += 1
        candidate = f"{stem}-{number}.html"
    taken.add(candidate)
    return candidate


def _entry(name: str, file_name: str, page: AnnotatedPage) -> IndexEntry:
    result = page.result
    if isinstance(result, ParseError):
        return IndexEntry(
            name=name,
            page=file_name,
            error=f"line {result.line}, column {result.column}: expected {result.expected}",
        )
    upheld = sum(1 for decision in result.decisions if decision.outcome is Outcome.UPHELD)
    return IndexEntry(
        name=name,
        page=file_name,
        case_number=result.case.case_number if result.case else None,
        generation=result.generation,
        upheld=upheld,
        overturned=len(result.decisions) - upheld,
        warnings=len(result.warnings),
    )


def index_page(entries: Sequence[IndexEntry]) -> str:
    """The page that lists every letter's page, with outcomes, warnings and errors."""
    read = [entry for entry in entries if entry.error is None]
    upheld = sum(entry.upheld for entry in read)
    overturned = sum(entry.overturned for entry in read)
    warnings = sum(entry.warnings for entry in read)
    rows = "".join(_row(entry) for entry in entries)
    summary = (
        f"{len(entries)} letters: {len(read)} read, {len(entries) - len(read)} not read; "
        f"{upheld} decisions upheld, {overturned} overturned; {warnings} warnings."
    )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'\">"
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<title>Letters, annotated (imrparse)</title>"
        f"<style>{STYLE}</style></head><body>"
        '<header class="top"><h1>Letters, annotated</h1>'
        f"<p>{html.escape(summary)}</p></header>"
        '<main class="index">'
        "<table><caption>Each letter's page: outcomes and warnings</caption>"
        '<thead><tr><th scope="col">Letter</th><th scope="col">Case number</th>'
        '<th scope="col">Template</th><th scope="col" class="n">Upheld</th>'
        '<th scope="col" class="n">Overturned</th><th scope="col" class="n">Warnings</th>'
        '<th scope="col">Read</th></tr></thead>'
        f"<tbody>{rows}</tbody></table></main></body></html>\n"
    )


def _row(entry: IndexEntry) -> str:
    name = html.escape(entry.name)
    link = f'<a href="{html.escape(entry.page)}">{name}</a>' if entry.page else name
    if entry.error is not None:
        return (
            f'<tr class="failed"><th scope="row">{link}</th><td></td><td></td>'
            '<td class="n"></td><td class="n"></td><td class="n"></td>'
            f"<td>not read: {html.escape(entry.error)}</td></tr>"
        )
    return (
        f'<tr><th scope="row">{link}</th><td>{html.escape(entry.case_number or "")}</td>'
        f"<td>{html.escape(entry.generation or '')}</td>"
        f'<td class="n">{entry.upheld}</td><td class="n">{entry.overturned}</td>'
        f'<td class="n">{entry.warnings}</td><td>yes</td></tr>'
    )
