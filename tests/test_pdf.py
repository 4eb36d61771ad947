"""PDF input: PDFs built here from the fixture letters, and the corpus PDFs as DWC posts them."""

from __future__ import annotations

import concurrent.futures
import os
import pathlib
import pickle
import random
import sys

import pytest

import imrparse
import support

pypdfium2 = pytest.importorskip("pypdfium2")
fpdf = pytest.importorskip("fpdf")

from imrparse.read.pdf import PdfError, is_pdf, parse_pdf, pdf_text  # noqa: E402

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / "benchmarks"))
import bench_cli  # noqa: E402

DATA = pathlib.Path(__file__).parent / "data"
LETTERS = sorted((DATA / "letters").glob("seed_*.txt"))
CORPUS = os.environ.get("IMRPARSE_CORPUS")

# seed_001 has "evidence-based": broken after its hyphen, the way a printed line breaks.
HYPHENATED = DATA / "letters" / "seed_001_2033c9cc0ba37902.txt"
WHOLE_WORD = "evidence-based guidelines, Valium"
BROKEN_WORD = "evidence-\nbased guidelines, Valium"


def letter_pdf(text: str, *, user_password: str | None = "") -> bytes:
    """A letter's PDF, encrypted like DWC's (the empty password) unless told otherwise."""
    return support.letter_pdf(text, user_password=user_password)


def page_count(data: bytes) -> int:
    return len(pypdfium2.PdfDocument(data))


def is_encrypted(data: bytes) -> bool:
    # PDFium tells the revision of the security handler, -1 when there is none.
    return bool(pypdfium2.raw.FPDF_GetSecurityHandlerRevision(pypdfium2.PdfDocument(data)) != -1)


@pytest.mark.parametrize("path", LETTERS, ids=lambda p: p.name)
def test_a_pdf_of_a_fixture_letter_gives_the_letter_s_record(path, tmp_path):
    text = path.read_text(encoding="utf-8")
    pdf = tmp_path / "letter.pdf"
    pdf.write_bytes(letter_pdf(text))
    assert is_encrypted(pdf.read_bytes())
    assert page_count(pdf.read_bytes()) >= 2  # page breaks are part of what must be read
    expected = imrparse.parse(text)
    assert parse_pdf(pdf) == expected
    assert parse_pdf(str(pdf)) == expected
    assert parse_pdf(pdf.read_bytes()) == expected
    assert imrparse.parse_file(pdf) == expected
    assert list(imrparse.parse_many([pdf, pdf.read_bytes()], jobs=1)) == [expected, expected]


def test_a_word_broken_after_its_hyphen_keeps_the_hyphen_and_the_line_break():
    text = HYPHENATED.read_text(encoding="utf-8")
    broken = text.replace(WHOLE_WORD, BROKEN_WORD, 1)
    assert broken != text
    data = letter_pdf(broken)
    assert page_count(data) >= 2
    extracted = pdf_text(data)
    # PDFium writes U+FFFE for the hyphen and drops the line break; both come back.
    assert "\ufffe" not in extracted
    assert "Decision rationale: According to evidence-\nbased guidelines, Valium" in extracted
    assert parse_pdf(data) == imrparse.parse(broken) == imrparse.parse(text)


def test_pdf_text_is_the_pages_lines_in_order_with_plain_line_breaks():
    data = support.pdf_of_pages(
        [["Case Number: CM16-0221706", "HOW THE IMR"], ["Page two", "ends"]]
    )
    assert pdf_text(data) == "Case Number: CM16-0221706\nHOW THE IMR\nPage two\nends"


def test_a_pdf_encrypted_with_an_empty_password_opens_like_dwc_s():
    data = support.pdf_of_pages([["Case Number: CM16-0221706"]], user_password="")
    assert is_encrypted(data)
    assert not is_encrypted(support.pdf_of_pages([["Case Number: CM16-0221706"]]))
    assert pdf_text(data) == "Case Number: CM16-0221706"


def refusal(source) -> PdfError:
    with pytest.raises(PdfError) as caught:
        pdf_text(source)
    return caught.value


def test_a_pdf_with_a_real_password_is_refused(tmp_path):
    data = support.pdf_of_pages([["Case Number: CM16-0221706"]], user_password="secret")
    error = refusal(data)
    assert (str(error), error.problem) == (
        "the PDF bytes is encrypted with a password",
        "encrypted",
    )
    path = tmp_path / "locked.pdf"
    path.write_bytes(data)
    error = refusal(path)
    assert (str(error), error.problem) == (f"{path} is encrypted with a password", "encrypted")


@pytest.mark.parametrize("keep", [0.25, 0.5, 0.9, 0.99], ids=lambda k: f"{k:.0%}")
def test_a_truncated_pdf_is_refused(keep):
    data = letter_pdf(LETTERS[0].read_text(encoding="utf-8"))
    error = refusal(data[: int(len(data) * keep)])
    assert str(error) == "the PDF bytes is a truncated PDF: it does not end with %%EOF"
    assert error.problem == "damaged"


def test_a_pdf_cut_just_before_its_end_marker_is_refused_though_pdfium_would_open_it():
    data = letter_pdf(LETTERS[0].read_text(encoding="utf-8"))
    cut = data[: data.rindex(b"%%EOF")]
    assert len(pypdfium2.PdfDocument(cut)) >= 2  # PDFium rebuilds it without a word
    assert refusal(cut).problem == "damaged"


def test_a_pdf_damaged_inside_is_refused():
    data = letter_pdf(LETTERS[0].read_text(encoding="utf-8"))
    middle = bytes(random.Random(7).randbytes(len(data) - 200))
    error = refusal(data[:100] + middle + data[-100:])
    assert str(error).startswith("the PDF bytes is a damaged PDF: Failed to load document")
    assert error.problem == "damaged"


def test_random_bytes_are_refused():
    data = b"\x00\x01" + random.Random(3).randbytes(5000)
    error = refusal(data)
    assert (str(error), error.problem) == (
        "the PDF bytes is not a PDF: it has no %PDF- header",
        "not a PDF",
    )


def test_an_empty_file_is_refused(tmp_path):
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    error = refusal(empty)
    assert (str(error), error.problem) == (f"{empty} is empty, not a PDF", "not a PDF")


def test_a_pdf_without_a_text_layer_is_refused():
    pdf = fpdf.FPDF(format="letter")
    pdf.add_page()
    pdf.rect(20, 20, 100, 60)  # a drawing, as a scanned page is an image: no text to read
    error = refusal(bytes(pdf.output()))
    assert (
        str(error) == "the PDF bytes has no text layer: its pages are images (a scan?) or damaged"
    )
    assert error.problem == "no text"


def test_a_page_without_text_is_refused_rather_than_read_as_a_shorter_letter():
    data = support.pdf_of_pages([["Case Number: CM16-0221706"], [], ["Page three"]])
    error = refusal(data)
    assert str(error) == ("the PDF bytes has no text on page 2 of 3: a scanned or damaged page")
    assert error.problem == "no text"


def test_a_refusal_is_a_value_error_that_crosses_processes(tmp_path):
    fake = tmp_path / "fake.pdf"
    fake.write_bytes(b"HOW THE IMR FINAL DETERMINATION WAS MADE\n")
    with pytest.raises(ValueError, match=f"^{fake} is not a PDF: it has no %PDF- header$"):
        parse_pdf(fake)
    (result,) = imrparse.parse_many([fake])
    assert type(result) is PdfError
    copy = pickle.loads(pickle.dumps(result))
    assert (type(copy), str(copy), copy.problem) == (PdfError, str(result), "not a PDF")


def test_a_pdf_of_text_that_is_no_letter_raises_parse_error():
    with pytest.raises(imrparse.ParseError):
        parse_pdf(letter_pdf("Texas Department of Insurance\nIRO decision\n"))


def test_other_sources_are_refused():
    with pytest.raises(TypeError, match="expected a path or bytes, got int"):
        pdf_text(3)  # type: ignore[arg-type]


def test_a_missing_file_is_an_os_error(tmp_path):
    with pytest.raises(FileNotFoundError):
        pdf_text(tmp_path / "absent.pdf")


def test_a_missing_extra_is_named(monkeypatch):
    monkeypatch.setitem(sys.modules, "pypdfium2", None)  # what Python does when it is absent
    with pytest.raises(ImportError, match=r"pip install 'imrparse\[pdf\]'"):
        parse_pdf(support.pdf_of_pages([["Case Number: CM16-0221706"]]))


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"%PDF-1.6\r%\xe2\xe3\xcf\xd3\r\n", True),
        (b"\xef\xbb\xbf" + b" " * 1000 + b"%PDF-1.4\n", True),  # junk before, as readers allow
        (b" " * 1024 + b"%PDF-1.4\n", False),  # too far in
        (b"HOW THE IMR FINAL DETERMINATION WAS MADE\n%PDF", False),
        (b"", False),
    ],
)
def test_is_pdf_looks_for_the_header_in_the_first_kilobyte(data, expected):
    assert is_pdf(data) is expected


def test_threads_reading_pdfs_at_once_get_each_their_own_text():
    datas = [
        support.pdf_of_pages([[f"Letter {n} line {i}" for i in range(20)]] * 2) for n in range(6)
    ]
    expected = [
        "\n".join([f"Letter {n} line {i}" for i in range(20)] * 2) for n in range(len(datas))
    ]
    with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
        assert list(pool.map(pdf_text, datas * 4)) == expected * 4


def test_parse_pdf_and_its_error_are_exported():
    assert imrparse.parse_pdf is parse_pdf
    assert imrparse.PdfError is PdfError
    assert issubclass(PdfError, ValueError)


def test_a_comment_after_the_end_marker_changes_nothing():
    # PDF readers look for %%EOF near the end, not at the very end; benchmarks/bench_cli.py
    # --pdf makes each copy of a PDF a file of its own so.
    text = HYPHENATED.read_text(encoding="utf-8")
    data = letter_pdf(text)
    copies = [bench_cli.distinct_pdf(data, i) for i in (0, 7, 123_456)]
    assert len({data, *copies}) == 4
    assert all(copy.startswith(data) for copy in copies)
    assert [parse_pdf(copy) for copy in copies] == [imrparse.parse(text)] * 3


def corpus_pdfs() -> list[pathlib.Path]:
    return sorted((pathlib.Path(CORPUS) / "pdf").glob("*.pdf")) if CORPUS else []


@pytest.mark.skipif(not CORPUS, reason="IMRPARSE_CORPUS is not set")
def test_corpus_pdfs_give_the_record_of_their_pypdf_text():
    pdfs = corpus_pdfs()
    assert len(pdfs) == 40
    for pdf in pdfs:
        text = (pdf.parent.parent / "pypdf" / f"{pdf.stem}.txt").read_text(encoding="utf-8")
        extracted = pdf_text(pdf)
        assert "\ufffe" not in extracted, pdf.name
        assert "\r" not in extracted, pdf.name
        record = parse_pdf(pdf)
        assert record == imrparse.parse(text), pdf.name
        assert record.case is not None
        assert record.case.case_number == pdf.stem
