"""``imrparse load``: letters into SQLite and PostgreSQL, incrementally and idempotently.

Expected values come from the fixtures' hand-read records (``tests/data/letters/*.json``)
and, for the cookbook ``docs/questions.md``, from reading those records: the queries of
the cookbook are taken from the page itself and run here, so the page cannot rot.

The PostgreSQL tests start a throwaway server (PostgreSQL 15's binaries) on a free port
of 127.0.0.1 in a temporary folder, as the user ``nobody`` when the tests run as root
(initdb refuses root), and skip, saying why, when that cannot be done.
"""

from __future__ import annotations

import contextlib
import decimal
import json
import os
import pwd
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from imrparse.batch.sources import Source
from imrparse.cli.main import main
from imrparse.export.database import Database, load, schema_tables

ROOT = Path(__file__).parents[1]
SRC = ROOT / "src"
LETTERS = ROOT / "tests" / "data" / "letters"
FIXTURES = sorted(LETTERS.glob("*.txt"))
QUESTIONS = ROOT / "docs" / "questions.md"


def _postgres_binaries() -> Path:
    """Debian's PostgreSQL server binaries: version 15 where installed, else the newest."""
    found = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"),
        key=lambda path: (
            path.parts[-3] != "15",
            -int(path.parts[-3]) if path.parts[-3].isdigit() else 0,
        ),
    )
    return found[0].parent if found else Path("/usr/lib/postgresql/15/bin")


PG_BIN = _postgres_binaries()


def _expected_record(text: Path) -> dict[str, Any]:
    name = text.name.split(".")[0]
    return json.loads((LETTERS / f"{name}.json").read_text(encoding="utf-8"))


def _expected_counts() -> dict[str, int]:
    """Row counts that the fixture letters must give, from their hand-read records."""
    records = [_expected_record(text) for text in FIXTURES]
    decisions = [d for r in records for d in r["decisions"]]
    bases = [d[b] for d in decisions for b in ("claims_administrator_basis", "reviewer_basis")]
    citations = [c for basis in bases for c in basis["citations"]]
    return {
        "letters": len(records),
        "determinations": len(records),
        "decisions": len(decisions),
        "citations": len(citations),
        "citations_pages": sum(len(c["pages"]) for c in citations),
        "citations_sections": sum(len(c["sections"]) for c in citations),
        "reviewers": sum(len(r["reviewers"]) for r in records),
        "diagnoses": sum(len(r["diagnoses"]) for r in records),
        "medications": sum(len(r["medications"]) for r in records),
        "warnings": sum(len(r["warnings"]) for r in records),
        "determinations_reviewer_certifications": sum(
            len(r["reviewer"]["certifications"]) for r in records
        ),
        "decisions_request_unparsed": sum(len(d["request"]["unparsed"]) for d in decisions),
        "failures": 0,
    }


def _tables() -> list[str]:
    return [table.name for table in schema_tables() if table.name != "runs"]


def _counts(target: str) -> dict[str, int]:
    with Database.open(target) as db:
        return {name: db.query(f"SELECT COUNT(*) FROM {name}")[0][0] for name in _tables()}


def _dump(target: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table but ``runs``, without the run that wrote it."""
    dump = {}
    with Database.open(target) as db:
        for table in schema_tables():
            if table.name == "runs":
                continue
            names = [name for name, _, _ in table.columns if name != "run_id"]
            rows = db.query(f"SELECT {', '.join(names)} FROM {table.name}")
            dump[table.name] = sorted(rows, key=repr)
    return dump


def _load(*arguments: str, jobs: str = "1") -> int:
    # One process, unless a test asks for more: worker processes take a second to start.
    return main(["load", *arguments, "--jobs", jobs])


# -- SQLite -----------------------------------------------------------------------------


def test_load_gives_the_rows_of_the_hand_read_records(tmp_path: Path) -> None:
    db = str(tmp_path / "letters.db")
    assert _load(str(LETTERS), "--db", db, jobs="2") == 0  # 17 letters: worker processes
    counts = _counts(db)
    assert {name: counts[name] for name in _expected_counts()} == _expected_counts()
    assert counts["letters"] == 17
    assert counts["decisions"] == 47


_FLAGS = ("based_on_mtus", "cites_evidence")  # a guideline line's two flags


def test_dates_are_iso_text_and_flags_are_0_or_1_as_the_hand_read_records_give_them(
    tmp_path: Path,
) -> None:
    db = str(tmp_path / "letters.db")
    assert _load(str(LETTERS), "--db", db) == 0
    connection = sqlite3.connect(db)
    dates = ("date_assigned", "date_of_injury", "decision_date", "ur_denial_date")
    dates += ("application_received",)
    for fixture in FIXTURES:
        expected = _expected_record(fixture)
        case = expected["case"] or {}
        (letter_id,) = connection.execute(
            "SELECT letter_id FROM letters WHERE path = ?", (str(fixture),)
        ).fetchone()
        columns = [*dates, "claimant_date_of_injury", "has_case_header"]
        read = connection.execute(
            f"SELECT {', '.join(f'{c}, typeof({c})' for c in columns)} FROM determinations"
            " WHERE letter_id = ?",
            (letter_id,),
        ).fetchone()
        want: list[Any] = []
        for value in [*(case.get(name) for name in dates), expected["claimant"]["date_of_injury"]]:
            want += [value, "null" if value is None else "text"]
        want += [int(expected["case"] is not None), "integer"]
        assert list(read) == want, fixture.name
        flags = [f"{p}_{f}" for p in ("claims_administrator", "reviewer") for f in _FLAGS]
        rows = connection.execute(
            f"SELECT {', '.join(f'{c}, typeof({c})' for c in flags)} FROM decisions"
            " WHERE letter_id = ? ORDER BY decision_index",
            (letter_id,),
        ).fetchall()
        wanted = [
            tuple(
                part
                for basis in ("claims_administrator_basis", "reviewer_basis")
                for flag in _FLAGS
                for part in (int(decision[basis][flag]), "integer")
            )
            for decision in expected["decisions"]
        ]
        assert rows == wanted, fixture.name
    connection.close()


def test_a_load_in_worker_processes_writes_what_one_process_writes(tmp_path: Path) -> None:
    # Workers make each letter's rows where they read it, and the loader puts its id in.
    texts = [path.read_text(encoding="utf-8") for path in FIXTURES]
    letters = [*texts, *(f"No letter, number {i}." for i in range(5))]
    sources = [Source(f"letter_{i}.txt", text) for i, text in enumerate(letters)]
    dumps = []
    for jobs in (1, 2):
        target = str(tmp_path / f"jobs{jobs}.db")
        with Database.open(target) as db:
            report = load(db, sources, jobs=jobs, batch_size=8)
        assert (report.loaded, report.failed) == (17, 5)
        dumps.append(_dump(target))
    assert dumps[0] == dumps[1]
    assert len(dumps[1]["decisions"]) == 47


def test_a_second_load_adds_nothing(tmp_path: Path) -> None:
    db = str(tmp_path / "letters.db")
    assert _load(str(LETTERS), "--db", db) == 0
    once = _dump(db)
    assert _load(str(LETTERS), "--db", db) == 0
    assert _dump(db) == once
    with Database.open(db) as database:
        runs = database.query(
            "SELECT run_id, letters_loaded, letters_skipped, letters_failed,"
            " finished_at IS NOT NULL FROM runs ORDER BY run_id"
        )
    assert runs == [(1, 17, 0, 0, 1), (2, 0, 17, 0, 1)]


def test_a_glob_and_a_file_named_twice_load_each_letter_once(tmp_path: Path) -> None:
    db = str(tmp_path / "letters.db")
    seed = str(LETTERS / "seed_000_d3b73cfd4dd990bb.txt")
    assert _load(str(LETTERS / "seed_*.txt"), seed, "--db", db) == 0
    with Database.open(db) as database:
        paths = database.query("SELECT path FROM letters ORDER BY path")
        skipped = database.query("SELECT letters_skipped FROM runs")
    assert paths == [
        (str(LETTERS / "seed_000_d3b73cfd4dd990bb.txt"),),
        (str(LETTERS / "seed_001_2033c9cc0ba37902.txt"),),
        (str(LETTERS / "seed_002_c4fc68c783e212d6.txt"),),
    ]
    # The second naming never reaches the database: the command line reads a file once
    # and reports the second naming as skipped.
    assert skipped == [(0,)]


def test_decisions_flat_has_one_row_per_decision_in_the_letters_terms(tmp_path: Path) -> None:
    db = str(tmp_path / "letters.db")
    assert _load(str(LETTERS), "--db", db) == 0
    with Database.open(db) as database:
        seed = database.query(
            "SELECT reviewer_specialty, decision_index, item, outcome, request_name,"
            " request_category, request_subcategory, request_drug_class,"
            " reviewer_guideline_kind, claims_administrator_guideline_kind"
            " FROM decisions_flat WHERE path LIKE ? ORDER BY decision_index",
            ["%seed_002_c4fc68c783e212d6.txt"],
        )
        dash = database.query(
            "SELECT case_number, decision_date, reviewer_specialty, item,"
            " reviewer_guideline_kind, claims_administrator_guideline_kind"
            " FROM decisions_flat WHERE path LIKE ? ORDER BY decision_index",
            ["%g2_employee_dash.txt"],
        )
        chiropractor = database.query(
            "SELECT DISTINCT reviewer_specialty FROM decisions_flat WHERE path LIKE ?",
            ["%g1_chiropractor.txt"],
        )
    pmr = "Physical Medicine and Rehabilitation"
    assert seed == [
        (pmr, 0, "Valium 5mg #60", "upheld", "Valium", "Pharmaceuticals", "Benzodiazepines",
         "benzodiazepine", "MTUS", "MTUS"),
        (pmr, 1, "Acupuncture, QTY: 8", "upheld", "Acupuncture", "Rehabilitation", "Acupuncture",
         None, "MTUS", "MTUS"),
    ]  # fmt: skip
    header = _expected_record(LETTERS / "g2_employee_dash.txt")["case"]
    assert [row[:4] for row in dash] == [
        (header["case_number"], header["decision_date"], "Internal Medicine", item)
        for item in (
            "Laparoscopic right inguinal hernia repair",
            "Associated surgical service: Preoperative medical clearance",
        )
    ]
    assert [row[4:] for row in dash] == [("non-MTUS", "non-MTUS"), ("non-MTUS", "no evidence")]
    assert chiropractor == [("Chiropractor",)]


def test_list_values_are_rows_of_child_tables(tmp_path: Path) -> None:
    db = str(tmp_path / "letters.db")
    assert _load(str(LETTERS), "--db", db) == 0
    text = LETTERS / "g2_partial.pypdf.txt"
    record = _expected_record(text)
    first_citation = record["decisions"][0]["reviewer_basis"]["citations"][0]
    with Database.open(db) as database:
        certifications = database.query(
            "SELECT c.value FROM determinations_reviewer_certifications c"
            " JOIN letters l ON l.letter_id = c.letter_id WHERE l.path = ?"
            " ORDER BY c.value_index",
            [str(text)],
        )
        pages = database.query(
            "SELECT p.value FROM citations_pages p JOIN letters l ON l.letter_id = p.letter_id"
            " WHERE l.path = ? AND p.decision_index = 0 AND p.basis = 'reviewer'"
            " AND p.citation_index = 0 ORDER BY p.value_index",
            [str(text)],
        )
        columns = [row[1] for row in database.query("PRAGMA table_info(determinations)")]
    assert certifications == [(name,) for name in record["reviewer"]["certifications"]]
    assert len(certifications) == 4
    assert pages == [(page,) for page in first_citation["pages"]]
    assert "reviewer_certifications" not in columns


def test_failures_are_kept_once_and_cleared_when_the_letter_reads(tmp_path: Path) -> None:
    folder = tmp_path / "letters"
    folder.mkdir()
    shutil.copy(LETTERS / "seed_000_d3b73cfd4dd990bb.txt", folder / "a.txt")
    broken = folder / "b.txt"
    broken.write_text("Not a letter at all.\n", encoding="utf-8")
    db = str(tmp_path / "letters.db")
    assert _load(str(folder), "--db", db) == 1
    assert _load(str(folder), "--db", db) == 1
    with Database.open(db) as database:
        failures = database.query("SELECT path, error, line_number FROM failures")
    assert failures == [(str(broken), "ParseError", 1)]
    missing = str(tmp_path / "missing.txt")
    assert _load(missing, "--db", db) == 1
    with Database.open(db) as database:
        assert database.query("SELECT error, message FROM failures WHERE path = ?", [missing]) == [
            ("FileNotFoundError", "No such file or directory")
        ]
        database.query("DELETE FROM failures WHERE path = ?", [missing])
    shutil.copy(LETTERS / "seed_001_2033c9cc0ba37902.txt", broken)
    assert _load(str(folder), "--db", db) == 0
    with Database.open(db) as database:
        assert database.query("SELECT COUNT(*) FROM failures") == [(0,)]
        assert database.query("SELECT COUNT(*) FROM letters") == [(2,)]


def test_a_database_of_another_schema_version_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    with Database.open(db) as database:
        database.query("UPDATE imrparse_schema SET version = 99")
    with pytest.raises(ValueError, match="schema version"):
        Database.open(db)


def _environment() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(SRC)}


def test_a_load_killed_mid_run_and_run_again_equals_one_clean_load(tmp_path: Path) -> None:
    # Many distinct letters (each copy ends in a different number of newlines), one per
    # transaction, so that the kill lands between commits: enough of them that the load
    # is still running when a loaded machine lets this test look again (150 were not).
    folder = tmp_path / "letters"
    folder.mkdir()
    texts = [text.read_text(encoding="utf-8") for text in FIXTURES]
    count = 600
    for i in range(count):
        (folder / f"letter_{i:04}.txt").write_text(
            texts[i % len(texts)] + "\n" * (1 + i // len(texts)), encoding="utf-8"
        )
    command = [sys.executable, "-m", "imrparse", "load", str(folder), "--jobs", "1"]
    killed = str(tmp_path / "killed.db")
    process = subprocess.Popen(
        [*command, "--db", killed, "--batch", "1"],
        env=_environment(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    loaded = 0
    while time.monotonic() < deadline and process.poll() is None:
        with (
            contextlib.suppress(sqlite3.OperationalError),
            contextlib.closing(sqlite3.connect(killed, timeout=5)) as connection,
        ):
            loaded = connection.execute("SELECT COUNT(*) FROM letters").fetchone()[0]
        if loaded >= 3:
            os.kill(process.pid, signal.SIGKILL)
            break
        time.sleep(0.01)
    process.wait(timeout=60)
    assert process.returncode == -signal.SIGKILL, "the load ended before it could be killed"
    with Database.open(killed) as database:
        after_kill = database.query("SELECT COUNT(*) FROM letters")[0][0]
        unfinished = database.query("SELECT COUNT(*) FROM runs WHERE finished_at IS NULL")
    assert 3 <= after_kill < count
    assert unfinished == [(1,)]

    again = subprocess.run(
        [*command, "--db", killed], env=_environment(), capture_output=True, check=False
    )
    assert again.returncode == 0, again.stderr
    clean = str(tmp_path / "clean.db")
    once = subprocess.run(
        [*command, "--db", clean], env=_environment(), capture_output=True, check=False
    )
    assert once.returncode == 0, once.stderr
    assert _dump(killed) == _dump(clean)
    assert _counts(clean)["letters"] == count


# -- the cookbook -------------------------------------------------------------------------

_EXPECTED_ANSWERS: dict[str, list[tuple[Any, ...]]] = {
    "overturn-rate-by-category": [
        ("Pharmaceuticals", 18, 3, 16.7),
        ("DMEPOS", 10, 0, 0.0),
        ("Rehabilitation", 10, 9, 90.0),
        ("Diagnostic Testing", 7, 3, 42.9),
        ("Surgery", 2, 1, 50.0),
    ],
    "most-disputed-treatments": [
        ("Pharmaceuticals", "Opioids", 7, 1),
        ("Rehabilitation", "Physical Therapy/Occupational Therapy", 7, 7),
        ("DMEPOS", "Prosthetics/Orthotics", 4, 0),
        ("Diagnostic Testing", "Imaging / Radiology", 4, 1),
        ("DMEPOS", "DME", 3, 0),
    ],
    "overturn-rate-by-drug-class": [
        ("opioid", 7, 1),
        ("NSAID", 3, 2),
        ("benzodiazepine", 3, 0),
        ("muscle relaxant", 3, 0),
        ("local anesthetic", 1, 0),
        ("sedative-hypnotic", 1, 0),
    ],
    "most-disputed-opioids": [
        ("norco", 3, 1),
        ("tramadol", 2, 0),
        ("tylenol with codeine #3", 2, 0),
    ],
    "overturn-rate-by-guideline-kind": [
        ("MTUS", 38, 15, 39.5),
        ("non-MTUS", 7, 1, 14.3),
        ("no evidence", 2, 0, 0.0),
    ],
    "guideline-kind-reviewer-against-claims-administrator": [
        ("MTUS", "MTUS", 30),
        ("MTUS", "no evidence", 2),
        ("no evidence", "MTUS", 4),
        ("no evidence", "non-MTUS", 1),
        ("non-MTUS", "MTUS", 4),
        ("non-MTUS", "non-MTUS", 6),
    ],
    "overturn-rate-by-reviewer-specialty": [
        ("Orthopedic Surgery", 12, 5, 41.7),
        ("Physical Medicine & Rehabilitation", 8, 2, 25.0),
        ("Family Practice", 7, 3, 42.9),
        ("Physical Medicine and Rehabilitation", 5, 1, 20.0),
        ("Internal Medicine", 4, 2, 50.0),
        ("Neurology", 4, 1, 25.0),
        ("Orthopaedic Surgery", 3, 1, 33.3),
        ("Chiropractor", 2, 1, 50.0),
        ("Anesthesiology", 1, 0, 0.0),
        ("Occupational Medicine", 1, 0, 0.0),
    ],
    "overturn-rate-by-any-certification": [
        ("Sports Medicine", 13, 4),
        ("Orthopedic Surgery", 12, 5),
        ("Hand Surgery", 10, 4),
        ("Pain Management", 8, 2),
        ("Physical Medicine & Rehabilitation", 8, 2),
        ("Spinal Cord Injury Medicine", 8, 2),
        ("Family Practice", 7, 3),
        ("Physical Medicine and Rehabilitation", 5, 1),
        ("Internal Medicine", 4, 2),
        ("Neurology", 4, 1),
        ("Occupational Medicine", 3, 1),
        ("Orthopaedic Surgery", 3, 1),
        ("Rheumatology", 2, 1),
        ("Anesthesiology", 1, 0),
    ],
    "same-guideline-kind": [(47, 36)],
    "same-guideline-title": [(47, 35)],
    "failures": [],
}


def _questions() -> dict[str, str]:
    blocks = re.findall(r"```sql\n(.*?)```", QUESTIONS.read_text(encoding="utf-8"), re.S)
    questions = {}
    for block in blocks:
        name = re.match(r"-- name: (\S+)\n", block)
        assert name, f"an SQL block of {QUESTIONS.name} has no '-- name:' line: {block[:60]!r}"
        questions[name.group(1)] = block
    return questions


def _plain(row: tuple[Any, ...]) -> tuple[Any, ...]:
    return tuple(float(v) if isinstance(v, decimal.Decimal | float) else v for v in row)


def _check_cookbook(target: str) -> None:
    questions = _questions()
    assert sorted(questions) == sorted(_EXPECTED_ANSWERS)
    with Database.open(target) as database:
        answers = {
            name: [_plain(r) for r in database.query(sql)] for name, sql in questions.items()
        }
    assert answers == _EXPECTED_ANSWERS


def test_every_question_of_the_cookbook_gives_its_answer_on_sqlite(tmp_path: Path) -> None:
    db = str(tmp_path / "letters.db")
    assert _load(*map(str, FIXTURES), "--db", db) == 0
    _check_cookbook(db)


# -- PostgreSQL ---------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def postgres() -> Iterator[str]:
    """The URL of a throwaway PostgreSQL server's ``postgres`` database."""
    pytest.importorskip("psycopg", reason="the postgres extra (psycopg 3) is not installed")
    if not (PG_BIN / "initdb").exists():
        pytest.skip(f"no PostgreSQL server: {PG_BIN / 'initdb'} does not exist")
    home = Path(tempfile.mkdtemp(prefix="imrparse-pg-"))
    prefix: list[str] = []
    if os.geteuid() == 0:
        # initdb refuses to run as root: run the server as nobody, in a folder it owns.
        runuser = shutil.which("runuser")
        if runuser is None:
            shutil.rmtree(home)
            pytest.skip("running as root, initdb refuses root, and there is no runuser")
        nobody = pwd.getpwnam("nobody")
        os.chown(home, nobody.pw_uid, nobody.pw_gid)
        prefix = [runuser, "-u", "nobody", "--"]
    data, port = home / "data", _free_port()
    options = f"-p {port} -k {home} -c listen_addresses=127.0.0.1 -c fsync=off"
    started = False
    try:
        for step in (
            [str(PG_BIN / "initdb"), "-D", str(data), "-U", "imrparse", "--auth=trust",
             "--no-locale", "-E", "UTF8"],
            [str(PG_BIN / "pg_ctl"), "-D", str(data), "-l", str(home / "log"), "-w",
             "-t", "60", "-o", options, "start"],
        ):  # fmt: skip
            result = subprocess.run([*prefix, *step], capture_output=True, text=True, check=False)
            if result.returncode != 0:
                pytest.skip(f"could not start PostgreSQL ({step[0]}): {result.stderr.strip()}")
        started = True
        yield f"postgresql://imrparse@127.0.0.1:{port}/postgres"
    finally:
        if started:
            subprocess.run(
                [*prefix, str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
                capture_output=True,
                check=False,
            )
        shutil.rmtree(home, ignore_errors=True)


def _new_database(server: str, name: str) -> str:
    import psycopg

    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {name}")
        connection.execute(f"CREATE DATABASE {name}")
    return server.rsplit("/", 1)[0] + f"/{name}"


def test_postgresql_gets_the_same_rows_as_sqlite(postgres: str, tmp_path: Path) -> None:
    url = _new_database(postgres, "same_rows")
    assert _load(str(LETTERS), "--db", url) == 0
    once = _counts(url)
    assert _load(str(LETTERS), "--db", url) == 0
    assert _counts(url) == once
    sqlite_db = str(tmp_path / "letters.db")
    assert _load(str(LETTERS), "--db", sqlite_db) == 0
    assert once == _counts(sqlite_db)
    assert {name: once[name] for name in _expected_counts()} == _expected_counts()
    with Database.open(url) as database:
        types = dict(
            database.query(
                "SELECT column_name, data_type FROM information_schema.columns"
                " WHERE table_name = 'determinations'"
                " AND column_name IN ('decision_date', 'has_case_header')"
            )
        )
    assert types == {"decision_date": "date", "has_case_header": "boolean"}


def test_every_question_of_the_cookbook_gives_its_answer_on_postgresql(postgres: str) -> None:
    url = _new_database(postgres, "cookbook")
    assert _load(*map(str, FIXTURES), "--db", url) == 0
    _check_cookbook(url)


# -- the corpus ---------------------------------------------------------------------------

CORPUS = os.environ.get("IMRPARSE_CORPUS")


@pytest.mark.skipif(not CORPUS, reason="IMRPARSE_CORPUS is not set")
@pytest.mark.parametrize("layout", ["pypdf", "pdf"])
def test_the_corpus_loads_once_however_often_it_is_loaded(layout: str, tmp_path: Path) -> None:
    if layout == "pdf":
        pytest.importorskip("pypdfium2")
    folder = Path(str(CORPUS)) / layout
    # Every letter: PDFium reads a PDF in milliseconds.
    letters = sorted(folder.glob("*.txt")) if layout == "pypdf" else sorted(folder.glob("*.pdf"))
    db = str(tmp_path / "corpus.db")
    first = _load(*map(str, letters), "--db", db)
    once = _counts(db)
    assert _load(*map(str, letters), "--db", db) == first
    assert _counts(db) == once
    assert once["letters"] + once["failures"] == len(letters) == 40
    assert once["failures"] <= 1
