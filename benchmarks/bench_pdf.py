"""PDF input: PDFium against pypdf, text extraction and PDF to record, in one run.

Run from the repository root, with the corpus:

    IMRPARSE_CORPUS=../shared/corpus python benchmarks/bench_pdf.py --rounds 3

The corpus PDFs are read into memory first, so no figure includes reading files. Each
round times every way once, one after the other, on one core; the best round of each is
kept, which is the least disturbed by other work on the machine. pypdf is optional: the
way imrparse read PDFs before PDFium (``pypdf.PdfReader``, ``decrypt("")``,
``extract_text`` of each page); without it, only PDFium's figures are printed.

Every record read from a PDF is compared with ``==`` to the record of the corpus's pypdf
text of the same letter (and to that of pypdf's text in this run, when pypdf is here);
the run fails when one differs.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import imrparse
from imrparse.read.pdf import parse_pdf, pdf_text


def pypdf_text(data: bytes) -> str:
    """The text as imrparse read it with pypdf, before PDFium."""
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(data))
    try:
        if reader.is_encrypted and not reader.decrypt(""):
            raise ValueError("encrypted with a password")
    except pypdf.errors.DependencyError as error:  # no cryptography for DWC's AES
        raise ImportError(str(error)) from error
    return "\n".join(page.extract_text() for page in reader.pages)


def pypdf_record(data: bytes) -> imrparse.Determination:
    return imrparse.parse(pypdf_text(data))


def _best(ways: dict[str, Callable[[bytes], Any]], pdfs: Sequence[bytes], rounds: int):
    best = dict.fromkeys(ways, float("inf"))
    for _ in range(rounds):
        for name, way in ways.items():
            start = time.perf_counter()
            for data in pdfs:
                way(data)
            best[name] = min(best[name], time.perf_counter() - start)
    return best


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="timed rounds (best one kept)")
    args = parser.parse_args(argv)
    corpus = os.environ.get("IMRPARSE_CORPUS")
    if not corpus:
        parser.error("set IMRPARSE_CORPUS to the corpus folder (pdf/ and pypdf/ in it)")
    paths = sorted((Path(corpus) / "pdf").glob("*.pdf"))
    if not paths:
        parser.error(f"no PDFs in {Path(corpus) / 'pdf'}")
    pdfs = [path.read_bytes() for path in paths]
    try:
        pypdf_text(pdfs[0])  # pypdf, and the cryptography it needs for DWC's AES
    except ImportError as error:
        why_no_pypdf = str(error)
    else:
        why_no_pypdf = ""
    have_pypdf = not why_no_pypdf

    # Equality first: a fast wrong answer is no answer.
    unequal = []
    for path, data in zip(paths, pdfs, strict=True):
        record = parse_pdf(data)
        corpus_text = (path.parent.parent / "pypdf" / f"{path.stem}.txt").read_text("utf-8")
        if record != imrparse.parse(corpus_text) or (have_pypdf and record != pypdf_record(data)):
            unequal.append(path.stem)
    compared = "the corpus pypdf text" + (" and pypdf's text in this run" if have_pypdf else "")
    print(
        f"{len(paths)} corpus PDFs, {sum(map(len, pdfs)) / len(pdfs) / 1024:.0f} KB each; "
        f"records equal to those of {compared}: {len(paths) - len(unequal)}/{len(paths)}"
    )

    ways: dict[str, Callable[[bytes], Any]] = {"PDFium text": pdf_text, "PDFium record": parse_pdf}
    if have_pypdf:
        ways |= {"pypdf text": pypdf_text, "pypdf record": pypdf_record}
    best = _best(ways, pdfs, args.rounds)
    print(f"best of {args.rounds} rounds, one core, Python {sys.version.split()[0]}:")
    for name, seconds in best.items():
        per_letter = seconds / len(pdfs)
        print(f"  {name:<14} {per_letter * 1000:7.2f} ms/letter {1 / per_letter:8.0f} letters/s")
    if have_pypdf:
        print(
            f"extraction, PDFium vs pypdf: {best['pypdf text'] / best['PDFium text']:.1f}x faster"
        )
        print(
            f"PDF to record, parse_pdf on PDFium vs pypdf then parse: "
            f"{best['pypdf record'] / best['PDFium record']:.1f}x the rate"
        )
    else:
        print(f"no ratios: pypdf cannot read these PDFs here ({why_no_pypdf})")
        print("install it to compare: pip install 'pypdf[crypto]'")
    if unequal:
        print(f"records differ: {', '.join(unequal)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
