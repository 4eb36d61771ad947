"""PDF input: PDFs built here from the fixture letters, and the corpus PDFs as DWC posts them."""

from __future__ import annotations

import io
import os
import pathlib
import sys

import pytest

import imrparse

pypdf = pytest.importorskip("pypdf")
fpdf = pytest.importorskip("fpdf")

from fpdf.enums import EncryptionMethod  # noqa: E402  (after the skip: a test dependency)

from imrparse.pdf import parse_pdf, pdf_text  # noqa: E402

DATA = pathlib.Path(__file__).parent / "data"
LETTERS = sorted((DATA / "letters").glob("seed_*.txt"))
CORPUS = os.environ.get("IMRPARSE_CORPUS")


def letter_pdf(text: str, *, user_password: str | None = "") -> bytes:
    """Lay a letter's lines out on Letter-size pages, encrypted like DWC's (empty password)."""
    pdf = fpdf.FPDF(format="letter")
    pdf.set_font("Helvetica", size=11)
    pdf.add_page()
    for line in text.splitlines():
        if line.strip():
            pdf.cell(h=9, text=line.strip(), new_x="LMARGIN", new_y="NEXT")
    if user_password is not None:
        pdf.set_encryption(
            owner_password="owner",
            user_password=user_password,
            encryption_method=EncryptionMethod.AES_128,
        )
    return bytes(pdf.output())


@pytest.mark.parametrize("path", LETTERS, ids=lambda p: p.name)
def test_a_pdf_of_a_fixture_letter_gives_the_letter_s_record(path, tmp_path):
    text = path.read_text(encoding="utf-8")
    pdf = tmp_path / "letter.pdf"
    pdf.write_bytes(letter_pdf(text))
    reader = pypdf.PdfReader(pdf)
    assert reader.is_encrypted
    assert len(reader.pages) >= 2  # page breaks are part of what must be read
    expected = imrparse.parse(text)
    assert parse_pdf(pdf) == expected
    assert parse_pdf(str(pdf)) == expected
    assert parse_pdf(pdf.read_bytes()) == expected
    assert imrparse.parse_file(pdf) == expected
    assert list(imrparse.parse_many([pdf, pdf.read_bytes()], jobs=1)) == [expected, expected]


def test_pdf_text_is_the_pages_text_joined_with_line_breaks():
    data = letter_pdf(LETTERS[0].read_text(encoding="utf-8"), user_password=None)
    reader = pypdf.PdfReader(io.BytesIO(data))
    assert pdf_text(data) == "\n".join(page.extract_text() for page in reader.pages)


def test_a_pdf_with_a_real_password_is_refused():
    data = letter_pdf(LETTERS[0].read_text(encoding="utf-8"), user_password="secret")
    with pytest.raises(ValueError, match="the PDF bytes is encrypted with a password"):
        parse_pdf(data)


def test_bytes_that_are_no_pdf_are_refused(tmp_path):
    fake = tmp_path / "fake.pdf"
    fake.write_bytes(b"HOW THE IMR FINAL DETERMINATION WAS MADE\n")
    with pytest.raises(ValueError, match=f"{fake} is not a PDF that pypdf can read"):
        parse_pdf(fake)
    (result,) = imrparse.parse_many([fake])
    assert isinstance(result, ValueError)
    assert str(result).startswith(f"{fake} is not a PDF that pypdf can read")


def test_a_pdf_of_text_that_is_no_letter_raises_parse_error():
    with pytest.raises(imrparse.ParseError):
        parse_pdf(letter_pdf("Texas Department of Insurance\nIRO decision\n"))


def test_other_sources_are_refused():
    with pytest.raises(TypeError, match="expected a path or bytes, got int"):
        pdf_text(3)  # type: ignore[arg-type]


def test_a_missing_extra_is_named(monkeypatch):
    monkeypatch.setitem(sys.modules, "pypdf", None)  # what Python does when it is absent
    with pytest.raises(ImportError, match=r"pip install 'imrparse\[pdf\]'"):
        parse_pdf(b"%PDF-1.4")


def test_parse_pdf_is_exported():
    assert imrparse.parse_pdf is parse_pdf


def corpus_pdfs() -> list[pathlib.Path]:
    return sorted((pathlib.Path(CORPUS) / "pdf").glob("*.pdf")) if CORPUS else []


@pytest.mark.skipif(not CORPUS, reason="IMRPARSE_CORPUS is not set")
def test_corpus_pdfs_open_and_give_the_record_of_their_pypdf_text():
    pdfs = corpus_pdfs()
    assert pdfs
    for pdf in pdfs:
        text = (pdf.parent.parent / "pypdf" / f"{pdf.stem}.txt").read_text(encoding="utf-8")
        assert pdf_text(pdf) == text, pdf.name
        record = parse_pdf(pdf)
        assert record == imrparse.parse(text), pdf.name
        assert record.case is not None
        assert record.case.case_number == pdf.stem
