"""parse_many and parse_file: order, errors as results, parallel = sequential, bounded reads."""

from __future__ import annotations

import hashlib
import importlib.util
import itertools
import multiprocessing
import os
import pathlib
import pickle
import signal
import subprocess
import sys
from concurrent.futures.process import BrokenProcessPool

import attrs
import pytest

import imrparse
from imrparse.batch.many import (
    LetterDecodeError,
    Prepared,
    _portable,
    _read_here,
    failure_kind,
    parse_file,
    parse_many,
    read_letter,
    read_many,
)

DATA = pathlib.Path(__file__).parent / "data"
LETTERS = sorted((DATA / "letters").glob("seed_*.txt"))
TEXTS = [path.read_text(encoding="utf-8") for path in LETTERS]
# A real letter with one heading taken out, and a text that is no letter at all.
BROKEN = TEXTS[1].replace("CLINICAL CASE SUMMARY", "", 1)
NOT_A_LETTER = "Texas Department of Insurance\nIndependent Review Organization decision\n"


def parse_error_of(text: str) -> imrparse.ParseError:
    with pytest.raises(imrparse.ParseError) as caught:
        imrparse.parse(text)
    return caught.value


def same_error(actual: object, expected: imrparse.ParseError) -> bool:
    return (
        type(actual) is imrparse.ParseError
        and (actual.line, actual.column, actual.expected, actual.context)
        == (expected.line, expected.column, expected.expected, expected.context)
        and str(actual) == str(expected)
    )


def test_texts_give_their_records_and_errors_in_input_order():
    results = list(parse_many([TEXTS[0], BROKEN, TEXTS[1], NOT_A_LETTER, TEXTS[2]]))
    assert len(results) == 5
    assert results[0] == imrparse.parse(TEXTS[0])
    assert same_error(results[1], parse_error_of(BROKEN))
    assert results[2] == imrparse.parse(TEXTS[1])
    assert same_error(results[3], parse_error_of(NOT_A_LETTER))
    assert results[4] == imrparse.parse(TEXTS[2])


def test_paths_are_read_and_a_missing_file_is_that_letter_s_error(tmp_path):
    broken = tmp_path / "broken.txt"
    broken.write_text(BROKEN, encoding="utf-8")
    missing = tmp_path / "missing.txt"
    results = list(parse_many([LETTERS[0], missing, broken, LETTERS[2]]))
    assert results[0] == imrparse.parse(TEXTS[0])
    assert type(results[1]) is FileNotFoundError
    assert results[1].filename == str(missing)
    assert same_error(results[2], parse_error_of(BROKEN))
    assert results[3] == imrparse.parse(TEXTS[2])


def test_text_files_with_a_byte_order_mark_or_another_encoding(tmp_path):
    with_bom = tmp_path / "bom.txt"
    with_bom.write_bytes(b"\xef\xbb\xbf" + TEXTS[0].encode("utf-8"))
    latin_text = TEXTS[1].replace("reviewer", "revi\xe9wer", 1)
    latin = tmp_path / "latin.txt"
    latin.write_bytes(latin_text.encode("latin-1"))
    assert parse_file(with_bom) == imrparse.parse(TEXTS[0])
    offset = latin_text.encode("latin-1").index(b"\xe9")
    (guessed,) = parse_many([latin])
    assert guessed == attrs.evolve(
        imrparse.parse(latin_text),
        warnings=(
            *imrparse.parse(latin_text).warnings,
            imrparse.ReadWarning(
                kind=imrparse.WarningKind.GUESSED_ENCODING,
                field="text",
                message=f"not UTF-8 (byte 0xe9 at offset {offset}): read as Windows-1252; "
                "give the file's encoding (--encoding) if it is another",
            ),
        ),
    )
    assert parse_file(latin, encoding="latin-1") == imrparse.parse(latin_text)
    # Asked for Latin-1, a UTF-8 letter is read as asked, but not silently.
    utf8 = tmp_path / "utf8.txt"
    utf8.write_bytes(latin_text.encode("utf-8"))
    read = parse_file(utf8, encoding="latin-1")
    assert read.warnings[-1].kind is imrparse.WarningKind.GUESSED_ENCODING
    assert read.warnings[-1].message == (
        "the file is valid UTF-8 but was read as latin-1, as asked: its non-ASCII "
        "characters are likely wrong (--encoding auto reads UTF-8)"
    )
    (refused,) = parse_many([latin], encoding="utf-8")
    assert type(refused) is LetterDecodeError
    assert str(refused) == (
        f"cannot be decoded as utf-8: byte 0xe9 at offset {offset}; "
        "give the file's encoding, or --encoding auto"
    )


def test_empty_binary_and_pdf_files_are_told_apart_by_their_bytes(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b" \n\r\n")
    (tmp_path / "image.txt").write_bytes(b"GIF89a\x01\x00\x00\x00")
    (tmp_path / "utf16.txt").write_text(TEXTS[0], encoding="utf-16")
    results = list(
        parse_many(
            [tmp_path / name for name in ("empty.txt", "blank.txt", "image.txt", "utf16.txt")]
        )
    )
    assert [(type(r).__name__, str(r)) for r in results[:3]] == [
        ("EmptyLetterError", "empty file"),
        ("EmptyLetterError", "empty file (only white space)"),
        ("BinaryFileError", "binary file: neither text nor a PDF (a NUL byte at offset 7)"),
    ]
    assert results[3] == imrparse.parse(TEXTS[0])
    assert [failure_kind(r) for r in results[:3]] == ["empty", "empty", "binary"]


def test_read_letter_gives_the_digest_of_the_bytes(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(TEXTS[0].encode("utf-8"))
    read = read_letter(path)
    assert read.sha256 == hashlib.sha256(TEXTS[0].encode("utf-8")).hexdigest()
    assert read.result == imrparse.parse(TEXTS[0])
    assert read_letter(TEXTS[0]).sha256 == read.sha256
    missing = read_letter(tmp_path / "missing.txt")
    assert (missing.sha256, type(missing.result), failure_kind(missing.result)) == (
        None,
        FileNotFoundError,
        "file",
    )


def test_parallel_results_equal_sequential_results(tmp_path):
    broken = tmp_path / "broken.txt"
    broken.write_text(BROKEN, encoding="utf-8")
    letters = [*TEXTS, *LETTERS, broken, NOT_A_LETTER, tmp_path / "missing.txt"] * 4
    sequential = list(parse_many(letters, jobs=1))
    parallel = list(parse_many(letters, jobs=2, chunk_size=3))
    assert len(parallel) == len(sequential) == len(letters)
    for one, other in zip(sequential, parallel, strict=True):
        if isinstance(one, imrparse.ParseError):
            assert same_error(other, one)
        elif isinstance(one, Exception):
            assert (type(other), str(other)) == (type(one), str(one))
        else:
            assert other == one
    assert sum(isinstance(r, imrparse.Determination) for r in parallel) == 6 * 4


@pytest.mark.parametrize("jobs", [1, 2])
def test_letters_are_read_only_as_far_as_results_are_taken(jobs):
    taken = 0

    def endless():
        nonlocal taken
        for text in itertools.cycle(TEXTS):
            taken += 1
            yield text

    results = parse_many(endless(), jobs=jobs, chunk_size=4)
    first = list(itertools.islice(results, 10))
    assert first == [imrparse.parse(TEXTS[i % 3]) for i in range(10)]
    # In flight at most: two chunks per worker, plus the chunk refilled after a result.
    assert taken <= 10 + jobs * 2 * 4 + 4
    results.close()
    assert multiprocessing.active_children() == []


def test_stopping_early_ends_the_worker_processes():
    results = parse_many(itertools.repeat(TEXTS[0]), jobs=2, chunk_size=2)
    assert next(results) == imrparse.parse(TEXTS[0])
    results.close()
    assert multiprocessing.active_children() == []


def test_all_cores_when_jobs_is_none():
    assert list(parse_many(TEXTS, jobs=None)) == [imrparse.parse(text) for text in TEXTS]


def test_wrong_arguments_are_refused():
    with pytest.raises(ValueError, match="at least 1"):
        parse_many(TEXTS, jobs=0)
    with pytest.raises(ValueError, match="at least 1"):
        parse_many(TEXTS, chunk_size=0)
    results = parse_many([TEXTS[0], 42])
    assert next(results) == imrparse.parse(TEXTS[0])
    with pytest.raises(TypeError, match="got int"):
        next(results)


@pytest.mark.parametrize("jobs", [1, 2])
def test_lenient_mode_reads_what_it_can_and_still_refuses_a_non_letter(jobs):
    results = list(parse_many([BROKEN, NOT_A_LETTER, TEXTS[0]], jobs=jobs, strict=False))
    lenient = imrparse.parse(BROKEN, strict=False)
    assert results[0] == lenient
    assert lenient.warnings  # what was skipped is said, not silently dropped
    assert same_error(results[1], parse_error_of(NOT_A_LETTER))
    assert results[2] == imrparse.parse(TEXTS[0], strict=False)


class TwoArgumentError(Exception):
    def __init__(self, first: str, second: str) -> None:
        super().__init__(f"{first} and {second}")


def test_an_error_that_cannot_cross_processes_arrives_as_a_description():
    error = TwoArgumentError("this", "that")
    with pytest.raises(TypeError):
        pickle.loads(pickle.dumps(error))
    portable = _portable(error)
    assert (type(portable), str(portable)) == (RuntimeError, "TwoArgumentError: this and that")
    parse_error = parse_error_of(NOT_A_LETTER)
    assert _portable(parse_error) is parse_error


@pytest.mark.skipif(importlib.util.find_spec("tblib") is None, reason="tblib is not installed")
def test_a_parse_error_still_crosses_processes_where_tblib_pickles_causes():
    # Dask's distributed installs tblib's pickling for every exception class, which
    # then tries to pickle a ParseError's cause: lark's exception, which cannot be.
    # In a subprocess, so that the patch does not reach the other tests.
    script = (
        "import imrparse, tblib.pickling_support\n"
        "tblib.pickling_support.install()\n"
        "results = list(imrparse.parse_many(['not a letter', 'nor this']))\n"
        "print([(type(r).__name__, r.line, r.column, r.expected) for r in results])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=300
    )
    error = parse_error_of("not a letter")
    assert done.stdout == f"{[('ParseError', 1, 1, error.expected)] * 2}\n"


def test_parse_many_and_parse_file_are_exported():
    assert imrparse.parse_many is parse_many
    assert imrparse.parse_file is parse_file


def _item_count(record: imrparse.Determination, key: str) -> tuple[str, int]:
    return key, len(record.decisions)


def test_read_many_prepares_the_output_where_the_letter_is_read():
    reads = list(read_many([TEXTS[2], NOT_A_LETTER], prepare=_item_count))
    sha = hashlib.sha256(TEXTS[2].encode("utf-8")).hexdigest()
    assert reads[0].result == Prepared(sha[:16], (sha[:16], 2))
    assert reads[0].sha256 == sha
    assert type(reads[1].result) is imrparse.ParseError


def _large_output(record: imrparse.Determination, key: str) -> str:
    # Larger than a pipe holds (64 KiB on Linux): a worker cannot send it in one go.
    return key * 20_000


def test_answers_larger_than_a_pipe_come_back_in_order_from_every_worker():
    letters = [TEXTS[i % 3] + "\n" * i for i in range(24)]
    reads = list(read_many(letters, jobs=2, chunk_size=2, prepare=_large_output))
    keys = [read_letter(letter).sha256[:16] for letter in letters]
    assert [read.result for read in reads] == [Prepared(key, key * 20_000) for key in keys]


def _unpicklable(record: imrparse.Determination, key: str) -> object:
    return lambda: key


def test_an_output_that_cannot_be_sent_back_stops_the_run_with_the_reason(tmp_path):
    # The parent reads letters itself only until the first PDF, which goes to the
    # workers with every letter after it: so the workers read these however long they
    # take to start (a count of letters to outlast their start depends on the machine).
    letters = itertools.chain(
        [tmp_path / "missing.pdf"], itertools.islice(itertools.cycle(TEXTS), 100)
    )
    with pytest.raises(RuntimeError, match=r"could not send its results: .*lambda"):
        list(read_many(letters, jobs=2, prepare=_unpicklable))
    assert multiprocessing.active_children() == []


def test_a_worker_that_dies_ends_the_run_with_an_error_instead_of_waiting():
    results = parse_many(itertools.repeat(TEXTS[0]), jobs=2, chunk_size=2)
    # The parent reads the first letters itself while the workers start.
    while len(multiprocessing.active_children()) < 2:
        assert next(results) == imrparse.parse(TEXTS[0])
    victim = multiprocessing.active_children()[0]
    os.kill(victim.pid, signal.SIGKILL)
    with pytest.raises(BrokenProcessPool, match=r"ended abruptly .*exit code -9"):
        for _ in itertools.islice(results, 1000):
            pass
    assert multiprocessing.active_children() == []


def test_letters_sent_to_a_worker_that_died_end_the_run_with_the_same_error():
    # The parent may find the death when it sends the next chunk rather than when it
    # waits for an answer: the pipe is broken then, and the error must be the same.
    from imrparse.batch.many import _pool_context, _Worker

    worker = _Worker(_pool_context(), True, "utf-8", None)
    worker.is_ready(wait=True)
    os.kill(worker.process.pid, signal.SIGKILL)
    worker.process.join()
    with pytest.raises(BrokenProcessPool, match=r"ended abruptly \(exit code -9\)"):
        worker.send([TEXTS[0]])
    worker.connection.close()


def test_big_letters_and_big_answers_both_ways_at_once_do_not_stall_the_run(tmp_path):
    # Chunks larger than a pipe holds go out while answers larger than a pipe come
    # back: neither side may wait on the other for ever.
    script = tmp_path / "both_ways.py"
    script.write_text(
        "import pathlib, sys\n"
        "from imrparse.batch.many import read_many\n"
        "def large(record, key):\n"
        "    return key * 20_000\n"
        "if __name__ == '__main__':\n"
        "    text = pathlib.Path(sys.argv[1]).read_text(encoding='utf-8')\n"
        "    letters = [text + ' ' * 40_000 + '\\n' * i for i in range(40)]\n"
        "    reads = list(read_many(letters, jobs=2, chunk_size=8, prepare=large))\n"
        "    print(sum(len(read.result.output) for read in reads))\n",
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, str(script), str(LETTERS[0])],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(pathlib.Path(imrparse.__file__).parents[1])},
    )
    assert (done.returncode, done.stdout) == (0, f"{40 * 16 * 20_000}\n"), done.stderr


def test_while_the_workers_start_the_parent_reads_every_letter_but_pdfs(tmp_path):
    # A PDF library that crashes must take down a worker, never the parent.
    text = tmp_path / "letter.txt"
    text.write_bytes(LETTERS[0].read_bytes())
    named_pdf = tmp_path / "letter.pdf"
    named_pdf.write_bytes(LETTERS[0].read_bytes())
    for letter in (named_pdf, b"junk\n%PDF-1.7\n", tmp_path / "missing.pdf"):
        assert _read_here(letter, True, "auto", None) is None
    for letter in (text, TEXTS[0], LETTERS[0].read_bytes(), tmp_path / "missing.txt"):
        here, there = _read_here(letter, True, "auto", None), read_letter(letter)
        assert here is not None
        assert (here.sha256, here.notes) == (there.sha256, there.notes)
        if isinstance(there.result, Exception):
            assert (type(here.result), str(here.result)) == (type(there.result), str(there.result))
        else:
            assert here.result == there.result
