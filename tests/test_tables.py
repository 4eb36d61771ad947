"""Flat tables: whole rows for a whole record, the column contract, CSV and Parquet files."""

from __future__ import annotations

import csv
import datetime
import pathlib
import re

import attrs
import pytest
from hypothesis import given

import imrparse
from imrparse.export.rows import TABLES, to_rows
from imrparse.export.table_files import CsvTableWriter, csv_cell, open_table_writer
from imrparse.testing import determinations

DATA = pathlib.Path(__file__).parent / "data"
DOCS = pathlib.Path(__file__).parent.parent / "docs"
LETTERS = sorted((DATA / "letters").glob("seed_*.txt"))


def full_record() -> imrparse.Determination:
    return imrparse.from_json((DATA / "records" / "full.json").read_text(encoding="utf-8"))


EXPECTED_FULL_ROWS = {
    "determinations": [
        {
            "letter_id": "L1",
            "generation": "2016",
            "has_case_header": True,
            "case_number": "CM16-0000001",
            "date_assigned": datetime.date(2016, 11, 9),
            "date_of_injury": datetime.date(2016, 10, 13),
            "decision_date": datetime.date(2016, 12, 21),
            "ur_denial_date": None,
            "application_received": datetime.date(2016, 11, 3),
            "priority": "Standard",
            "reviewer_certifications": ("Physical Medicine & Rehabilitation", "Pain Management"),
            "reviewer_subspecialties": (),
            "reviewer_licensed_in": ("California", "North Carolina"),
            "reviewer_profession": None,
            "reviewer_min_years_in_practice": 5,
            "reviewer_min_hours_per_week": 24,
            "claimant_role": "injured worker",
            "claimant_age": 59,
            "claimant_sex": "female",
            "claimant_date_of_injury": datetime.date(2016, 10, 13),
            "summary": "The injured worker is a 59 year old female injured on 10-13-16.",
        }
    ],
    "decisions": [
        {
            "letter_id": "L1",
            "decision_index": 0,
            "item": "Cyclobenzaprine 7.5mg #27",
            "outcome": "overturned",
            "original_request": "Cyclobenzaprine 7.5mg #90",
            "authorized": "Cyclobenzaprine 7.5mg #63",
            "claims_administrator_basis": (
                "The Claims Administrator did not base their decision on the MTUS."
            ),
            "claims_administrator_based_on_mtus": False,
            "claims_administrator_cites_evidence": True,
            "reviewer_basis": "Decision based on MTUS Chronic Pain Medical Treatment 2016, "
            "Section(s): Muscle relaxants. Page(s): 63-65.",
            "reviewer_based_on_mtus": True,
            "reviewer_cites_evidence": True,
            "rationale": "Cyclobenzaprine is recommended for a short course.",
            "request_name": "Cyclobenzaprine",
            "request_strength": "7.5mg",
            "request_quantity": 27,
            "request_frequency": None,
            "request_duration": None,
            "request_body_part": None,
            "request_laterality": None,
            "request_unparsed": ("refill",),
            "request_category": "Pharmaceuticals",
            "request_subcategory": "Muscle Relaxant",
            "request_drug_class": "muscle relaxant",
        }
    ],
    "citations": [
        {
            "letter_id": "L1",
            "decision_index": 0,
            "basis": "claims_administrator",
            "citation_index": 0,
            "source": "Non-MTUS",
            "text": "Official Disability Guidelines (ODG), Pain Chapter",
            "title": "Official Disability Guidelines (ODG)",
            "year": None,
            "sections": ("Pain Chapter",),
            "pages": (),
        },
        {
            "letter_id": "L1",
            "decision_index": 0,
            "basis": "reviewer",
            "citation_index": 0,
            "source": "MTUS",
            "text": "Chronic Pain Medical Treatment 2016, Section(s): Muscle relaxants",
            "title": "Chronic Pain Medical Treatment",
            "year": 2016,
            "sections": ("Muscle relaxants",),
            "pages": (63, 64, 65),
        },
    ],
    "reviewers": [
        {
            "letter_id": "L1",
            "reviewer_index": 0,
            "certifications": ("Physical Medicine & Rehabilitation", "Pain Management"),
            "subspecialties": (),
            "licensed_in": ("California", "North Carolina"),
            "profession": None,
            "min_years_in_practice": 5,
            "min_hours_per_week": 24,
        },
        {
            "letter_id": "L1",
            "reviewer_index": 1,
            "certifications": (),
            "subspecialties": (),
            "licensed_in": ("Texas",),
            "profession": "Chiropractor",
            "min_years_in_practice": None,
            "min_hours_per_week": None,
        },
    ],
    "diagnoses": [
        {"letter_id": "L1", "diagnosis_index": 0, "diagnosis": "lumbago"},
        {"letter_id": "L1", "diagnosis_index": 1, "diagnosis": "cervicalgia"},
    ],
    "medications": [
        {"letter_id": "L1", "medication_index": 0, "medication": "Norco 7.5-325mg"},
    ],
    "warnings": [
        {
            "letter_id": "L1",
            "warning_index": 0,
            "kind": "doubtful-value",
            "field": "claimant.date_of_injury",
            "message": "two-digit year 16 read as 2016",
        }
    ],
}


def test_to_rows_gives_every_table_of_a_whole_record():
    rows = to_rows(full_record(), letter_id="L1")
    assert rows == EXPECTED_FULL_ROWS
    assert list(rows) == list(TABLES)


def test_to_rows_is_exported_from_the_package():
    assert imrparse.to_rows is to_rows


def test_a_letter_without_header_gives_null_header_columns_and_empty_tables():
    record = attrs.evolve(
        full_record(),
        case=None,
        decisions=(),
        diagnoses=(),
        medications=(),
        warnings=(),
        reviewers=(),
    )
    rows = to_rows(record, letter_id="L2")
    assert {name: len(table) for name, table in rows.items()} == {
        "determinations": 1,
        "decisions": 0,
        "citations": 0,
        "reviewers": 1,  # a record built without `reviewers` still has its `reviewer`
        "diagnoses": 0,
        "medications": 0,
        "warnings": 0,
    }
    assert rows["reviewers"][0]["licensed_in"] == ("California", "North Carolina")
    header = {
        key: value
        for key, value in rows["determinations"][0].items()
        if key in {"has_case_header", "case_number", "date_assigned", "decision_date", "priority"}
    }
    assert header == {
        "has_case_header": False,
        "case_number": None,
        "date_assigned": None,
        "decision_date": None,
        "priority": None,
    }


SCALAR_TYPES = {"string": str, "integer": int, "boolean": bool, "date": datetime.date}


def check_row_types(table: str, row: dict) -> None:
    assert list(row) == [column.name for column in TABLES[table]], table
    for column in TABLES[table]:
        value = row[column.name]
        if value is None:
            assert column.nullable, (table, column.name)
        elif column.type.startswith("list["):
            item_type = SCALAR_TYPES[column.type[5:-1]]
            assert isinstance(value, tuple), (table, column.name)
            assert all(type(item) is item_type for item in value), (table, column.name)
        else:
            assert type(value) is SCALAR_TYPES[column.type], (table, column.name, value)


def test_rows_of_the_full_record_have_the_documented_columns_and_types():
    for table, rows in to_rows(full_record(), letter_id="L1").items():
        for row in rows:
            check_row_types(table, row)


@given(determinations(doubtful=True))
def test_rows_of_every_record_a_letter_can_hold_have_the_documented_columns(record):
    rows = to_rows(record, letter_id="generated")
    for table, table_rows in rows.items():
        for row in table_rows:
            check_row_types(table, row)
    assert [row["item"] for row in rows["decisions"]] == [d.item for d in record.decisions]
    assert [row["outcome"] for row in rows["decisions"]] == [
        d.outcome.value for d in record.decisions
    ]
    assert [row["pages"] for row in rows["citations"]] == [
        citation.pages
        for d in record.decisions
        for basis in (d.claims_administrator_basis, d.reviewer_basis)
        for citation in basis.citations
    ]
    assert [row["diagnosis"] for row in rows["diagnoses"]] == list(record.diagnoses)


@pytest.mark.parametrize("path", LETTERS, ids=lambda p: p.name)
def test_rows_of_seed_letters_have_the_documented_columns_and_types(path):
    record = imrparse.parse(path.read_text(encoding="utf-8"))
    rows = to_rows(record, letter_id=path.name)
    assert len(rows["determinations"]) == 1
    assert len(rows["decisions"]) == len(record.decisions)
    assert [row["item"] for row in rows["decisions"]] == [d.item for d in record.decisions]
    assert len(rows["citations"]) == sum(
        len(d.claims_administrator_basis.citations) + len(d.reviewer_basis.citations)
        for d in record.decisions
    )
    assert [row["medication"] for row in rows["medications"]] == list(record.medications)
    for table, table_rows in rows.items():
        for row in table_rows:
            check_row_types(table, row)


def documented_columns() -> dict[str, list[tuple[str, str, str]]]:
    """Read the column tables of docs/serialization.md: table -> (name, type, nullable)."""
    text = (DOCS / "serialization.md").read_text(encoding="utf-8")
    tables: dict[str, list[tuple[str, str, str]]] = {}
    current = None
    for line in text.splitlines():
        heading = re.fullmatch(r"### `(\w+)`", line)
        if heading:
            current = heading.group(1)
            tables[current] = []
        elif line.startswith("#"):
            current = None
        elif current and line.startswith("| `"):
            cells = [cell.strip() for cell in line.strip("|").split("|")]
            tables[current].append((cells[0].strip("`"), cells[1].strip("`"), cells[2]))
    return tables


def test_the_documentation_lists_every_column_with_its_type():
    expected = {
        table: [(c.name, c.type, "yes" if c.nullable else "no") for c in columns]
        for table, columns in TABLES.items()
    }
    assert documented_columns() == expected


def test_csv_cells_are_unambiguous_text():
    assert [
        csv_cell(value)
        for value in (
            None,
            "",
            False,
            0,
            datetime.date(2016, 1, 2),
            ("a; b", 'say "no"'),
            (),
        )
    ] == ["", "", "false", "0", "2016-01-02", '["a; b", "say \\"no\\""]', "[]"]


def test_csv_writer_writes_each_table_with_a_header_and_the_rows_of_every_letter(tmp_path):
    record = full_record()
    with CsvTableWriter(tmp_path / "out") as writer:
        writer.write(to_rows(record, letter_id="a.txt"))
        writer.write(to_rows(attrs.evolve(record, diagnoses=("asthma",)), letter_id="b, c.txt"))
    out = tmp_path / "out"
    assert sorted(path.name for path in out.iterdir()) == sorted(f"{t}.csv" for t in TABLES)
    assert (out / "diagnoses.csv").read_bytes() == (
        b"letter_id,diagnosis_index,diagnosis\r\n"
        b"a.txt,0,lumbago\r\n"
        b"a.txt,1,cervicalgia\r\n"
        b'"b, c.txt",0,asthma\r\n'
    )
    with (out / "citations.csv").open(encoding="utf-8", newline="") as file:
        citations = list(csv.reader(file))
    assert citations[0] == [column.name for column in TABLES["citations"]]
    assert citations[2] == [
        "a.txt",
        "0",
        "reviewer",
        "0",
        "MTUS",
        "Chronic Pain Medical Treatment 2016, Section(s): Muscle relaxants",
        "Chronic Pain Medical Treatment",
        "2016",
        '["Muscle relaxants"]',
        "[63, 64, 65]",
    ]
    assert len(citations) == 5
    with (out / "determinations.csv").open(encoding="utf-8", newline="") as file:
        determinations = list(csv.DictReader(file))
    assert [row["letter_id"] for row in determinations] == ["a.txt", "b, c.txt"]
    assert determinations[0]["date_assigned"] == "2016-11-09"
    assert determinations[0]["ur_denial_date"] == ""
    assert determinations[0]["has_case_header"] == "true"


def test_unknown_table_format_is_refused(tmp_path):
    with pytest.raises(ValueError, match="unknown table format 'xlsx'"):
        open_table_writer(tmp_path, "xlsx")  # type: ignore[arg-type]


def as_arrow_values(row: dict) -> dict:
    return {key: list(value) if isinstance(value, tuple) else value for key, value in row.items()}


def test_parquet_files_hold_the_rows_with_the_explicit_schema(tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    from imrparse.export.parquet import ParquetTableWriter, arrow_schema

    record = full_record()
    letters = [
        (f"letter-{i}", attrs.evolve(record, diagnoses=record.diagnoses[: i % 3])) for i in range(7)
    ]
    # Three rows to a row group: several groups per table, and pending rows at close.
    with ParquetTableWriter(tmp_path, batch_rows=3) as writer:
        for letter_id, letter in letters:
            writer.write(to_rows(letter, letter_id=letter_id))
    for table in TABLES:
        read = pq.read_table(tmp_path / f"{table}.parquet")
        assert read.schema.equals(arrow_schema(table), check_metadata=True), table
        expected = [
            as_arrow_values(row)
            for letter_id, letter in letters
            for row in to_rows(letter, letter_id=letter_id)[table]
        ]
        assert read.to_pylist() == expected, table
    assert pq.ParquetFile(tmp_path / "determinations.parquet").num_row_groups == 3


def test_parquet_row_groups_end_at_about_batch_bytes_of_text(tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    from imrparse.export.parquet import ParquetTableWriter

    record = full_record()
    # Any text ends a row group at one byte; the default holds seven letters in one.
    for batch_bytes, groups in ((1, 7), (250_000, 1)):
        out = tmp_path / str(batch_bytes)
        with ParquetTableWriter(out, batch_bytes=batch_bytes) as writer:
            for i in range(7):
                writer.write(to_rows(record, letter_id=f"letter-{i}"))
        assert pq.ParquetFile(out / "determinations.parquet").num_row_groups == groups
        assert pq.read_table(out / "determinations.parquet").column("letter_id").to_pylist() == [
            f"letter-{i}" for i in range(7)
        ]


def test_parquet_schema_types_and_nullability_follow_the_columns():
    pa = pytest.importorskip("pyarrow")
    from imrparse.export.parquet import arrow_schema

    schema = arrow_schema("determinations")
    assert schema.field("date_assigned").type == pa.date32()
    assert schema.field("reviewer_licensed_in").type == pa.list_(
        pa.field("element", pa.string(), nullable=False)
    )
    assert schema.field("claimant_age").type == pa.int64()
    assert schema.field("has_case_header").type == pa.bool_()
    assert schema.field("letter_id").nullable is False
    assert schema.field("case_number").nullable is True
    assert schema.field("summary").metadata == {b"description": b"The clinical case summary."}
    assert schema.metadata == {
        b"imrparse.table": b"determinations",
        b"imrparse.version": imrparse.__version__.encode(),
    }
    with pytest.raises(KeyError):
        arrow_schema("letters")


def test_an_empty_table_still_has_its_schema(tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    from imrparse.export.parquet import arrow_schema

    with open_table_writer(tmp_path, "parquet") as writer:
        writer.write(to_rows(attrs.evolve(full_record(), warnings=()), letter_id="x"))
    read = pq.read_table(tmp_path / "warnings.parquet")
    assert read.num_rows == 0
    assert read.schema.equals(arrow_schema("warnings"))
