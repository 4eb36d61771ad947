"""The imrparse command, run through its real entry points in a subprocess, on files in tmp."""

from __future__ import annotations

import hashlib
import json
import os
import pathlib
import pty
import re
import shutil
import subprocess
import sys

import attrs
import pytest

import imrparse
import support
from imrparse.batch.many import letter_key
from imrparse.export.rows import TABLES, to_rows
from imrparse.export.table_files import CsvTableWriter
from imrparse.write.report import format_determination

SRC = pathlib.Path(__file__).parent.parent / "src"
DATA = pathlib.Path(__file__).parent / "data"
SEEDS = sorted((DATA / "letters").glob("seed_*.txt"))
TEXTS = [path.read_text(encoding="utf-8") for path in SEEDS]
BROKEN = TEXTS[1].replace("CLINICAL CASE SUMMARY", "", 1)
NOT_A_LETTER = "Texas Department of Insurance\nIndependent Review Organization decision\n"


def environment() -> dict[str, str]:
    """This checkout's imrparse first, whatever the working folder of the command."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC), env.get("PYTHONPATH")]))
    return env


def run(cwd: pathlib.Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "imrparse", *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env=environment(),
    )


def key(text: str) -> str:
    """The letter_id of a letter file holding ``text`` in UTF-8."""
    record = imrparse.parse(text, strict=False)
    return letter_key(hashlib.sha256(text.encode("utf-8")).hexdigest(), record)


def split_summary(stderr: str) -> tuple[list[str], str]:
    """The lines of standard error before the summary, and the summary without its time."""
    *lines, summary = stderr.splitlines()
    found = re.fullmatch(r"(.*) in [\d.]+ s", summary)
    assert found, summary
    return lines, found.group(1)


@pytest.fixture
def folder(tmp_path: pathlib.Path) -> pathlib.Path:
    """letters/ with three real letters in subfolders, a broken letter and a non-letter."""
    letters = tmp_path / "letters"
    (letters / "a").mkdir(parents=True)
    (letters / "b").mkdir()
    (letters / "a" / "seed_000.txt").write_text(TEXTS[0], encoding="utf-8")
    (letters / "a" / "seed_001.txt").write_text(TEXTS[1], encoding="utf-8")
    (letters / "b" / "seed_002.txt").write_text(TEXTS[2], encoding="utf-8")
    (letters / "broken.txt").write_text(BROKEN, encoding="utf-8")
    (letters / "notes.txt").write_text(NOT_A_LETTER, encoding="utf-8")
    (letters / "README.md").write_text("not searched: only .txt and .pdf are", encoding="utf-8")
    return tmp_path


# The letters of `folder` in the order the command reads them: a folder's own files
# first, then its subfolders, each sorted by name.
GOOD = [("letters/a/seed_000.txt", 0), ("letters/a/seed_001.txt", 1), ("letters/b/seed_002.txt", 2)]


def parse_error_of(text: str) -> imrparse.ParseError:
    with pytest.raises(imrparse.ParseError) as caught:
        imrparse.parse(text)
    return caught.value


def error_line(name: str, text: str) -> str:
    error = parse_error_of(text)
    return f"{name}:{error.line}:{error.column}: error: expected {error.expected}"


def expected_lines(letters=GOOD) -> list[dict]:
    return [
        {
            "path": name,
            "letter_id": key(TEXTS[i]),
            "record": imrparse.to_dict(imrparse.parse(TEXTS[i])),
        }
        for name, i in letters
    ]


def test_parse_a_folder_writes_records_in_order_and_reports_each_failure(folder):
    result = run(folder, "parse", "letters", "--errors", "failed.jsonl")
    assert result.returncode == 1
    assert [json.loads(line) for line in result.stdout.splitlines()] == expected_lines()
    assert split_summary(result.stderr) == (
        [error_line("letters/broken.txt", BROKEN), error_line("letters/notes.txt", NOT_A_LETTER)],
        "5 letters: 3 read, 2 failed (2 template)",
    )
    failures = [json.loads(line) for line in (folder / "failed.jsonl").read_text().splitlines()]
    broken, notes = parse_error_of(BROKEN), parse_error_of(NOT_A_LETTER)
    assert failures == [
        {
            "path": "letters/broken.txt",
            "kind": "template",
            "error": "ParseError",
            "message": str(broken),
            "line": broken.line,
            "column": broken.column,
            "sha256": hashlib.sha256(BROKEN.encode()).hexdigest(),
        },
        {
            "path": "letters/notes.txt",
            "kind": "template",
            "error": "ParseError",
            "message": str(notes),
            "line": notes.line,
            "column": notes.column,
            "sha256": hashlib.sha256(NOT_A_LETTER.encode()).hexdigest(),
        },
    ]


def test_a_run_where_every_letter_is_read_exits_0_and_says_so_in_one_line(folder):
    result = run(folder, "parse", "letters/a", "letters/b/seed_002.txt")
    assert result.returncode == 0
    assert split_summary(result.stderr) == ([], "3 letters: 3 read, 0 failed")
    assert [json.loads(line) for line in result.stdout.splitlines()] == expected_lines()


def test_json_format_writes_one_array(folder):
    result = run(folder, "parse", "letters", "--format", "json")
    assert result.returncode == 1
    assert json.loads(result.stdout) == expected_lines()
    empty = run(folder, "parse", "letters/notes.txt", "--format", "json")
    assert (empty.returncode, json.loads(empty.stdout)) == (1, [])


def test_out_writes_json_lines_to_a_file(folder):
    result = run(folder, "parse", "letters/a", "--out", "records.jsonl")
    assert (result.returncode, result.stdout) == (0, "")
    assert split_summary(result.stderr) == ([], "2 letters: 2 read, 0 failed")
    lines = (folder / "records.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in lines] == expected_lines(GOOD[:2])
    # Each line is written as json.dumps writes the object, byte for byte.
    assert lines == [json.dumps(line, ensure_ascii=False) for line in expected_lines(GOOD[:2])]


def test_globs_stdin_and_missing_files(folder):
    text = TEXTS[2]
    result = run(folder, "parse", "letters/**/seed_00[01].txt", "-", "missing.txt", stdin=text)
    assert result.returncode == 1
    assert [json.loads(line) for line in result.stdout.splitlines()] == [
        *expected_lines(GOOD[:2]),
        {
            "path": "<stdin>",
            "letter_id": key(text),
            "record": imrparse.to_dict(imrparse.parse(text)),
        },
    ]
    assert split_summary(result.stderr) == (
        ["missing.txt: error: No such file or directory"],
        "4 letters: 3 read, 1 failed (1 file)",
    )


def test_a_folder_or_glob_without_letters_is_warned_about(folder):
    (folder / "empty").mkdir()
    result = run(folder, "parse", "empty", "nothing*.txt")
    assert (result.returncode, result.stdout) == (0, "")
    assert split_summary(result.stderr) == (
        [
            "imrparse: warning: no .txt or .pdf letters in empty",
            "imrparse: warning: no .txt or .pdf letters in nothing*.txt",
        ],
        "0 letters: 0 read, 0 failed",
    )


def test_two_jobs_give_the_same_output_as_one(folder):
    many = folder / "many"
    many.mkdir()
    for i in range(30):  # enough letters for worker processes to start
        text = BROKEN if i % 7 == 3 else TEXTS[i % 3] + "\n" * (i // 3)  # each letter its own
        (many / f"letter_{i:02}.txt").write_text(text, encoding="utf-8")
    one = run(folder, "parse", "many", "--jobs", "1")
    two = run(folder, "parse", "many", "--jobs", "2")
    assert (one.returncode, two.returncode) == (1, 1)
    assert two.stdout == one.stdout
    assert split_summary(two.stderr) == split_summary(one.stderr)
    assert len(one.stdout.splitlines()) == 30 - 4
    assert split_summary(one.stderr)[1] == "30 letters: 26 read, 4 failed (4 template)"
    assert len(split_summary(one.stderr)[0]) == 4


def test_csv_tables_go_into_the_out_folder(folder):
    result = run(folder, "parse", "letters", "--format", "csv", "--out", "tables")
    assert result.returncode == 1
    assert result.stdout == ""
    expected = folder / "expected"
    with CsvTableWriter(expected) as writer:
        for _, i in GOOD:
            writer.write(to_rows(imrparse.parse(TEXTS[i]), letter_id=key(TEXTS[i])))
    for table in TABLES:
        written = (folder / "tables" / f"{table}.csv").read_bytes()
        assert written == (expected / f"{table}.csv").read_bytes(), table


def test_parquet_tables_go_into_the_out_folder(folder):
    pq = pytest.importorskip("pyarrow.parquet")
    from imrparse.export.parquet import arrow_schema

    result = run(folder, "parse", "letters", "--format", "parquet", "--out", "tables")
    assert result.returncode == 1
    for table in TABLES:
        read = pq.read_table(folder / "tables" / f"{table}.parquet")
        assert read.schema.equals(arrow_schema(table))
        expected = [
            {k: list(v) if isinstance(v, tuple) else v for k, v in row.items()}
            for _, i in GOOD
            for row in to_rows(imrparse.parse(TEXTS[i]), letter_id=key(TEXTS[i]))[table]
        ]
        assert read.to_pylist() == expected, table


def test_an_output_that_cannot_be_written_is_a_usage_error(folder):
    result = run(folder, "parse", "letters/a", "--out", "no/such/folder/records.jsonl")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        "imrparse: cannot write no/such/folder/records.jsonl: No such file or directory\n"
    )


def test_parquet_without_pyarrow_names_the_extra(folder):
    # As if pyarrow were not installed: Python refuses a module whose entry is None.
    script = (
        "import sys; sys.modules['pyarrow'] = None\n"
        "from imrparse.__main__ import main\n"
        "sys.exit(main(['parse', 'letters/a', '--format', 'parquet', '--out', 't']))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=folder, capture_output=True, text=True, check=False
    )
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        "imrparse: Parquet output needs pyarrow: "
        "install the extra with pip install 'imrparse[parquet]'\n"
    )


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers fork on Linux only")
def test_parquet_workers_fork_from_the_command(folder):
    # Importing pyarrow starts a thread, and a process running a thread must not fork:
    # the command imports it only once its workers have forked, so they share its memory
    # instead of coming from a fork server. The run's tables are whole all the same.
    pq = pytest.importorskip("pyarrow.parquet")
    many = folder / "many"
    many.mkdir()
    for i in range(20):  # enough letters for worker processes to start
        (many / f"letter_{i:02}.txt").write_text(TEXTS[i % 3] + "\n" * i, encoding="utf-8")
    script = (
        "import sys\n"
        "import imrparse.batch.many as many\n"
        "from imrparse.__main__ import main\n"
        "methods = []\n"
        "def fork_context(original=many._fork_context):\n"
        "    context = original()\n"
        "    methods.append(context.get_start_method() if context else None)\n"
        "    return context\n"
        "many._fork_context = fork_context\n"
        "args = ['parse', 'many', '--format', 'parquet', '--out', 't', '--jobs', '2']\n"
        "code = main([*args, '--no-progress'])\n"
        "print(code, methods, 'pyarrow' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=folder,
        capture_output=True,
        text=True,
        check=False,
        env=environment(),
        timeout=300,
    )
    assert result.stdout == "0 ['fork'] True\n", result.stderr
    paths = [row["path"] for row in pq.read_table(folder / "t" / "sources.parquet").to_pylist()]
    assert paths == [f"many/letter_{i:02}.txt" for i in range(20)]
    decisions = pq.read_table(folder / "t" / "decisions.parquet").num_rows
    assert decisions == sum(len(imrparse.parse(TEXTS[i % 3]).decisions) for i in range(20))


def test_tables_need_an_out_folder(folder):
    result = run(folder, "parse", "letters", "--format", "csv")
    assert result.returncode == 2
    assert "--format csv writes one file per table: give --out DIR" in result.stderr


def test_pdf_letters_are_read_from_folders(folder):
    pytest.importorskip("fpdf")
    pytest.importorskip("pypdfium2")
    (folder / "letters" / "b" / "scan.PDF").write_bytes(support.letter_pdf(TEXTS[0]))
    result = run(folder, "parse", "letters/b")
    assert result.returncode == 0
    assert split_summary(result.stderr) == ([], "2 letters: 2 read, 0 failed")
    pdf_line, text_line = (json.loads(line) for line in result.stdout.splitlines())
    # Spans index each letter's own text, which differs between a PDF and a .txt file:
    # compare records, whose equality leaves spans out.
    assert pdf_line["path"] == "letters/b/scan.PDF"
    assert imrparse.from_dict(pdf_line["record"]) == imrparse.parse(TEXTS[0])
    assert [text_line] == expected_lines(GOOD[2:])


def test_schema_prints_the_json_schema(tmp_path):
    result = run(tmp_path, "schema")
    assert result.returncode == 0
    assert json.loads(result.stdout) == imrparse.json_schema()


def test_show_prints_the_record_for_a_person(folder):
    result = run(folder, "show", "letters/a/seed_000.txt", "--width", "80")
    assert (result.returncode, result.stderr) == (0, "")
    record = imrparse.parse(TEXTS[0])
    assert result.stdout == f"letters/a/seed_000.txt\n{format_determination(record, width=80)}\n"
    assert max(len(line) for line in result.stdout.splitlines()) <= 80
    shorthand = run(folder, "letters/a/seed_000.txt", "--width", "80")
    assert shorthand.stdout == result.stdout


def test_show_reads_stdin_and_prints_json_when_asked(folder):
    result = run(folder, "show", "-", "--json", stdin=TEXTS[1])
    assert result.returncode == 0
    assert json.loads(result.stdout) == imrparse.to_dict(imrparse.parse(TEXTS[1]))


def test_show_reports_where_a_broken_letter_goes_wrong(folder):
    result = run(folder, "show", "letters/broken.txt")
    assert (result.returncode, result.stdout) == (1, "")
    error = parse_error_of(BROKEN)
    assert result.stderr == f"{error_line('letters/broken.txt', BROKEN)}\n{error.context}\n"


def test_show_wants_exactly_one_letter(folder):
    result = run(folder, "show", "letters/a")
    assert result.returncode == 2
    assert result.stderr == "imrparse: show reads one letter; letters/a names 2\n"


def test_the_version_is_the_one_the_package_was_installed_with():
    # The package's version is written in version.py, which the build reads: an installed
    # distribution's metadata says the same.
    import importlib.metadata

    try:
        installed = importlib.metadata.version("imrparse")
    except importlib.metadata.PackageNotFoundError:
        pytest.skip("imrparse is not installed (run from a source tree)")
    assert installed == imrparse.__version__
    assert re.fullmatch(r"\d+\.\d+\.\d+(\.dev\d+)?", imrparse.__version__)


def test_version_and_usage_errors(tmp_path):
    version = run(tmp_path, "--version")
    assert (version.returncode, version.stdout) == (0, f"imrparse {imrparse.__version__}\n")
    no_command = run(tmp_path)
    assert no_command.returncode == 2
    assert "usage: imrparse" in no_command.stderr
    bad_jobs = run(tmp_path, "parse", "x.txt", "--jobs", "0")
    assert bad_jobs.returncode == 2
    assert "must be at least 1, got 0" in bad_jobs.stderr


def test_lenient_reads_the_broken_letter_and_still_reports_the_non_letter(folder):
    result = run(folder, "parse", "letters", "--lenient")
    assert result.returncode == 1
    broken = imrparse.parse(BROKEN, strict=False)
    # The heading CLINICAL CASE SUMMARY is gone: the reviewer section has no end and the
    # summary no start, so both are left out.
    assert [(w.kind.value, w.field) for w in broken.warnings] == [
        ("skipped-part", "how"),
        ("skipped-part", "summary"),
    ]
    assert [json.loads(line) for line in result.stdout.splitlines()] == [
        {
            "path": "letters/broken.txt",
            "letter_id": key(BROKEN),
            "record": imrparse.to_dict(broken),
        },
        *expected_lines(),
    ]
    assert split_summary(result.stderr) == (
        [error_line("letters/notes.txt", NOT_A_LETTER)],
        "5 letters: 4 read, 1 failed (1 template)",
    )


def test_show_lenient_prints_what_was_skipped(folder):
    result = run(folder, "show", "letters/broken.txt", "--lenient", "--width", "100")
    assert (result.returncode, result.stderr) == (0, "")
    report = format_determination(imrparse.parse(BROKEN, strict=False), width=100)
    assert result.stdout == f"letters/broken.txt\n{report}\n"
    assert "\nWarnings (" in report


def test_the_installed_console_script_is_the_same_command(tmp_path):
    script = shutil.which("imrparse", path=str(pathlib.Path(sys.executable).parent))
    if script is None:
        pytest.skip("the imrparse console script is not installed beside this Python")
    result = subprocess.run(
        [script, "schema"], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0
    assert json.loads(result.stdout) == imrparse.json_schema()


def test_progress_is_drawn_on_a_terminal_and_not_when_piped(folder):
    controller, terminal = pty.openpty()
    with (folder / "out.jsonl").open("w") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "imrparse", "parse", "letters/a"],
            cwd=folder,
            stdout=out,
            stderr=terminal,
        )
        os.close(terminal)
        drawn = b""
        while True:
            try:
                chunk = os.read(controller, 4096)
            except OSError:  # the terminal closes when the process ends
                break
            if not chunk:
                break
            drawn += chunk
        assert process.wait(timeout=300) == 0
    os.close(controller)
    # Redrawn in place (carriage return, erase line), with the total known beforehand;
    # erased at the end for the summary.
    progress = rb"\r\x1b\[K1 of 2 letters \(50%\), 0 failed, [\d,]+ letters/s, [\d.]+ s left"
    summary = rb"\r\x1b\[K2 letters: 2 read, 0 failed in [\d.]+ s\r\n"
    assert re.fullmatch(rb"(%s)*%s" % (progress, summary), drawn), drawn
    piped = run(folder, "parse", "letters/a")
    assert split_summary(piped.stderr) == ([], "2 letters: 2 read, 0 failed")


def test_show_wraps_every_line_at_the_width_and_gives_each_warning_one_bullet(folder):
    warning = imrparse.ReadWarning(
        kind=imrparse.WarningKind.DOUBTFUL_VALUE,
        field="claimant.sex",
        message="sex read from the pronouns of the summary, which name the worker "
        "as she in one place and he in another",
    )
    record = attrs.evolve(imrparse.parse(TEXTS[0]), warnings=(warning,))
    report = format_determination(record, width=60)
    lines = report.splitlines()
    assert max(len(line) for line in lines) <= 60
    assert lines[:2] == [
        "IMR Final Determination (2013 template): 1 decision, 1",
        "  upheld, 0 overturned",
    ]
    decision = lines.index("Decision 1 of 1: UPHELD (the denial stands: not medically")
    assert lines[decision + 1] == "  necessary)"
    assert lines[lines.index("Warnings (1)") + 1 :] == [
        "  - claimant.sex (doubtful-value): sex read from the",
        "    pronouns of the summary, which name the worker as she in",
        "    one place and he in another",
    ]
    result = run(folder, "show", "letters/a/seed_000.txt", "--width", "60")
    assert max(len(line) for line in result.stdout.splitlines()) <= 60
