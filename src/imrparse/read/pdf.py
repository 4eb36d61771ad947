r"""Letters as DWC posts them: PDF files, read with PDFium (the ``pdf`` extra).

Install with ``pip install 'imrparse[pdf]'``, which brings pypdfium2, Python's binding
of PDFium, the PDF engine of Chromium. DWC's PDFs are encrypted with an empty password;
they open without asking for one.

The text is PDFium's, page by page, joined with line breaks. PDFium writes its line
ends as ``"\r\n"`` and marks a hyphen that ends a line by writing U+FFFE in place of
the hyphen and the line break; :func:`pdf_text` gives them back as ``"\n"`` and
``"-\n"``, so the text reads as the letter is printed, and its record equals the record
read from pypdf's text of the same PDF (on every letter of the project's corpus).

PDFium is not thread-safe. This module lets one thread at a time into it (a lock held
for the whole of each PDF), so threads that read PDFs wait for one another: to read
PDFs in parallel, use processes (:func:`imrparse.parse_many` with ``jobs``). The lock
is imrparse's: code of your own that calls pypdfium2 in other threads of the same
process must not run while imrparse reads a PDF.
"""

from __future__ import annotations

import importlib
import os
import threading
from typing import Any, Literal, TypeAlias

from imrparse.models import Determination
from imrparse.read.letter import parse

__all__ = ["PDF_EXTRA_HINT", "PdfError", "PdfProblem", "is_pdf", "parse_pdf", "pdf_text"]

#: What to install when pypdfium2 is missing.
PDF_EXTRA_HINT = "install the extra with pip install 'imrparse[pdf]'"

#: Why a PDF could not be read, as :attr:`PdfError.problem` tells it.
PdfProblem: TypeAlias = Literal["encrypted", "damaged", "not a PDF", "no text"]

# A PDF starts with "%PDF-"; readers (PDFium among them) accept it anywhere in the
# first 1024 bytes, after junk some producers put before it.
_MAGIC = b"%PDF-"
_MAGIC_REACH = 1024
# A complete PDF ends with "%%EOF", give or take the junk some producers put after it.
# Without it the file was cut short, and PDFium may rebuild what is left into fewer
# pages or shorter ones without a word: that must not pass for the whole letter.
_END = b"%%EOF"
_END_REACH = 1024

# PDFium's codes for why a document did not open (FPDF_ERR_* in fpdfview.h).
_PASSWORD = 4
_SECURITY = 5

# PDFium's own marks in its text, and what they stand for in the printed letter.
_LINE_END = "\r\n"
_HYPHEN_AT_LINE_END = "\ufffe"  # the hyphen and the line break after it

# PDFium is not thread-safe: one PDF at a time in this process.
_PDFIUM_LOCK = threading.Lock()


class PdfError(ValueError):
    """A PDF whose letter cannot be read: what is wrong with it is in :attr:`problem`.

    Attributes:
        problem: ``"encrypted"`` (it needs a password, or PDFium cannot decrypt it),
            ``"damaged"`` (truncated or broken), ``"not a PDF"`` (empty, or other
            content), or ``"no text"`` (a page with no text layer, as a scan has).
    """

    problem: PdfProblem

    def __init__(self, message: str, *, problem: PdfProblem) -> None:
        self.problem = problem
        super().__init__(message)

    def __reduce__(self) -> tuple[object, ...]:
        # Keyword-only arguments need help to survive pickling (process pools).
        return (_rebuild, (str(self), self.problem))


def _rebuild(message: str, problem: PdfProblem) -> PdfError:
    return PdfError(message, problem=problem)


def is_pdf(data: bytes) -> bool:
    r"""Tell whether content is a PDF by its first bytes, without reading it.

    Args:
        data: The content, or at least its first 1024 bytes.

    Returns:
        Whether the PDF header ``%PDF-`` is in the first 1024 bytes, where PDF readers
        look for it. A damaged PDF still passes; a text file does not.

    >>> is_pdf(b"%PDF-1.6\n...")
    True
    >>> is_pdf(b"HOW THE IMR FINAL DETERMINATION WAS MADE")
    False
    """
    return _MAGIC in data[:_MAGIC_REACH]


def _pypdfium2() -> Any:
    # Imported on first use: pypdfium2 is an optional extra; the core install has no PDFs.
    try:
        return importlib.import_module("pypdfium2")
    except ImportError as error:
        raise ImportError(f"reading PDFs needs pypdfium2: {PDF_EXTRA_HINT}") from error


def pdf_text(source: str | os.PathLike[str] | bytes) -> str:
    r"""Extract the text of a letter's PDF.

    Args:
        source: The PDF's path, or its content as bytes.

    Returns:
        The text of every page in order, pages joined with a line break, line ends
        ``"\n"`` and a hyphen that ends a line followed by its line break.

    Raises:
        PdfError: The content is not a PDF, is damaged or truncated, needs a password,
            or has a page without text (a :class:`ValueError`).
        ImportError: pypdfium2 is not installed.
        OSError: The file cannot be read.
        TypeError: ``source`` is neither a path nor bytes.
    """
    pdfium = _pypdfium2()
    if isinstance(source, bytes):
        data, name = source, "the PDF bytes"
    elif isinstance(source, str | os.PathLike):
        name = os.fspath(source)
        with open(name, "rb") as file:
            data = file.read()
    else:
        raise TypeError(f"expected a path or bytes, got {type(source).__name__}")
    _check_whole(data, name)
    with _PDFIUM_LOCK:
        pages = _pages_text(pdfium, data, name)
    blank = [number for number, text in enumerate(pages, start=1) if not text.strip()]
    if len(blank) == len(pages):
        raise PdfError(
            f"{name} has no text layer: its pages are images (a scan?) or damaged",
            problem="no text",
        )
    if blank:
        # A letter's every page has text: without a page's words, the record would be
        # read from part of the letter and look whole.
        raise PdfError(
            f"{name} has no text on page {blank[0]} of {len(pages)}: a scanned or damaged page",
            problem="no text",
        )
    return "\n".join(
        text.replace(_LINE_END, "\n").replace(_HYPHEN_AT_LINE_END, "-\n") for text in pages
    )


def _check_whole(data: bytes, name: str) -> None:
    """Refuse what is not a PDF, or only the start of one, before PDFium sees it."""
    if not data:
        raise PdfError(f"{name} is empty, not a PDF", problem="not a PDF")
    if not is_pdf(data):
        raise PdfError(f"{name} is not a PDF: it has no %PDF- header", problem="not a PDF")
    if _END not in data[-_END_REACH:]:
        raise PdfError(f"{name} is a truncated PDF: it does not end with %%EOF", problem="damaged")


def _pages_text(pdfium: Any, data: bytes, name: str) -> list[str]:
    """PDFium's text of each page, in order (the caller holds the lock)."""
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        code = getattr(error, "err_code", None)
        if code == _PASSWORD:
            raise PdfError(f"{name} is encrypted with a password", problem="encrypted") from None
        if code == _SECURITY:
            raise PdfError(
                f"{name} is encrypted in a way PDFium cannot decrypt", problem="encrypted"
            ) from None
        raise PdfError(f"{name} is a damaged PDF: {error}", problem="damaged") from None
    try:
        pages = []
        for index in range(len(document)):
            page = document[index]
            text_page = page.get_textpage()
            # "replace": a broken character shows as U+FFFD instead of vanishing.
            pages.append(text_page.get_text_range(errors="replace"))
            text_page.close()
            page.close()
        return pages
    except pdfium.PdfiumError as error:
        raise PdfError(f"{name} is a damaged PDF: {error}", problem="damaged") from None
    finally:
        document.close()


def parse_pdf(source: str | os.PathLike[str] | bytes, *, strict: bool = True) -> Determination:
    """Parse a letter from its PDF.

    Args:
        source: The PDF's path, or its content as bytes.
        strict: ``False`` reads what can be read of a damaged letter (lenient mode,
            see :func:`imrparse.parse`).

    Returns:
        The record, equal to ``imrparse.parse(pdf_text(source))``.

    Raises:
        imrparse.ParseError: The PDF's text is not a letter imrparse can read.
        PdfError: The content is not a PDF, is damaged or truncated, needs a password,
            or has a page without text (a :class:`ValueError`).
        ImportError: The ``pdf`` extra is not installed.
        OSError: The file cannot be read.
    """
    return parse(pdf_text(source), strict=strict)
