"""Letters as DWC posts them: PDF files, read with pypdf (the ``pdf`` extra).

Install with ``pip install 'imrparse[pdf]'``. DWC's PDFs are encrypted with an empty
password (AES, hence pypdf's ``crypto`` extra, which ``imrparse[pdf]`` brings); they open
without asking for one. The text is pypdf's, page by page, joined with line breaks: the
same text as ``pypdf``'s own ``extract_text`` gives, so a record read from a PDF equals
the record read from that text.
"""

from __future__ import annotations

import io
import os
from typing import Any

from imrparse.models import Determination
from imrparse.read.letter import parse

__all__ = ["PDF_EXTRA_HINT", "parse_pdf", "pdf_text"]

#: What to install when pypdf or its cryptography support is missing.
PDF_EXTRA_HINT = "install the extra with pip install 'imrparse[pdf]'"


def _pypdf() -> Any:
    # Imported on first use: pypdf is an optional extra, and the core install has no PDFs.
    try:
        import pypdf
    except ImportError as error:
        raise ImportError(f"reading PDFs needs pypdf: {PDF_EXTRA_HINT}") from error
    return pypdf


def pdf_text(source: str | os.PathLike[str] | bytes) -> str:
    """Extract the text of a letter's PDF.

    Args:
        source: The PDF's path, or its content as bytes.

    Returns:
        The text of every page in order, pages joined with a line break.

    Raises:
        ImportError: pypdf, or the cryptography package it needs for encrypted PDFs,
            is not installed.
        OSError: The file cannot be read.
        ValueError: The content is not a PDF that pypdf can read, or it needs a password.
        TypeError: ``source`` is neither a path nor bytes.
    """
    pypdf = _pypdf()
    if isinstance(source, bytes):
        stream: Any = io.BytesIO(source)
        name = "the PDF bytes"
    elif isinstance(source, str | os.PathLike):
        stream = os.fspath(source)
        name = stream
    else:
        raise TypeError(f"expected a path or bytes, got {type(source).__name__}")
    try:
        reader = pypdf.PdfReader(stream)
        if reader.is_encrypted and not reader.decrypt(""):
            raise ValueError(f"{name} is encrypted with a password")
        return "\n".join(page.extract_text() for page in reader.pages)
    except pypdf.errors.DependencyError as error:
        raise ImportError(f"{name} is encrypted and {error}: {PDF_EXTRA_HINT}") from error
    except pypdf.errors.PyPdfError as error:
        raise ValueError(f"{name} is not a PDF that pypdf can read: {error}") from error


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
        ImportError: The ``pdf`` extra is not installed.
        OSError: The file cannot be read.
        ValueError: The content is not a PDF that pypdf can read.
    """
    return parse(pdf_text(source), strict=strict)
