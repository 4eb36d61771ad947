"""Records as rows of a small relational layout, for databases, data frames and files.

One letter gives one row of ``determinations`` and any number of rows of the other
tables, each keyed by a ``letter_id`` that the caller chooses (the command line uses the
file's path). :data:`TABLES` names every column with its type; the CSV and Parquet
writers and the documentation all follow it.

Values in rows are Python values: ``str``, ``int``, ``bool``, :class:`datetime.date`,
tuples for list columns, ``None`` for an empty cell.

>>> import imrparse
>>> d = imrparse.Determination(
...     generation="2013", case=None, reviewer=imrparse.Reviewer(),
...     claimant=imrparse.Claimant(age=38), diagnoses=("lumbago", "cervicalgia"),
...     medications=(), summary="...", decisions=(),
... )
>>> rows = to_rows(d, letter_id="letter-1")
>>> rows["diagnoses"]
[{'letter_id': 'letter-1', 'diagnosis_index': 0, 'diagnosis': 'lumbago'}, \
{'letter_id': 'letter-1', 'diagnosis_index': 1, 'diagnosis': 'cervicalgia'}]
>>> rows["determinations"][0]["claimant_age"]
38
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Literal, TypeAlias

from attrs import frozen

from imrparse.models import Basis, Determination

__all__ = ["TABLES", "Column", "ColumnType", "Row", "Value", "to_rows"]

#: The type of a column: a scalar, or a list of scalars (a tuple in a row).
ColumnType: TypeAlias = Literal[
    "string", "integer", "boolean", "date", "list[string]", "list[integer]"
]
#: One cell of a row.
Value: TypeAlias = str | int | bool | datetime.date | tuple[str, ...] | tuple[int, ...] | None
#: One row: column name to value, in the column order of :data:`TABLES`.
Row: TypeAlias = dict[str, Value]


@frozen
class Column:
    """One column of one table."""

    #: The column name.
    name: str
    #: Its type.
    type: ColumnType
    #: ``False`` when every row has a value (lists are never null, only empty).
    nullable: bool
    #: What the column holds, for people.
    description: str


def _key(name: str, description: str) -> Column:
    return Column(name, "integer", False, description)


_LETTER_ID = Column("letter_id", "string", False, "The caller's id of the letter.")
_DECISION_INDEX = _key("decision_index", "Position of the decision in its letter, from 0.")

#: Every table, in the order :func:`to_rows` returns them, with its columns in order.
TABLES: Mapping[str, tuple[Column, ...]] = {
    "determinations": (
        _LETTER_ID,
        Column("generation", "string", False, "Template generation: '2013' or '2016'."),
        Column("has_case_header", "boolean", False, "Whether the letter has a header block."),
        Column("case_number", "string", True, "Header: Case Number."),
        Column("date_assigned", "date", True, "Header: Date Assigned."),
        Column("date_of_injury", "date", True, "Header: Date of Injury."),
        Column("decision_date", "date", True, "Header: Decision Date."),
        Column("ur_denial_date", "date", True, "Header: UR Denial Date."),
        Column("application_received", "date", True, "Header: Application Received."),
        Column("priority", "string", True, "Header: Priority."),
        Column("reviewer_certifications", "list[string]", False, "First reviewer: certifications."),
        Column("reviewer_subspecialties", "list[string]", False, "First reviewer: subspecialties."),
        Column("reviewer_licensed_in", "list[string]", False, "First reviewer: states."),
        Column("reviewer_profession", "string", True, "First reviewer: profession."),
        Column(
            "reviewer_min_years_in_practice", "integer", True, "Years in active practice, at least."
        ),
        Column(
            "reviewer_min_hours_per_week", "integer", True, "Hours a week in practice, at least."
        ),
        Column("claimant_role", "string", True, "How the summary names the worker."),
        Column("claimant_age", "integer", True, "The worker's age."),
        Column("claimant_sex", "string", True, "'male' or 'female'."),
        Column("claimant_date_of_injury", "date", True, "Date of injury the summary gives."),
        Column("summary", "string", False, "The clinical case summary."),
    ),
    "decisions": (
        _LETTER_ID,
        _DECISION_INDEX,
        Column("item", "string", False, "The disputed item."),
        Column("outcome", "string", False, "'upheld' or 'overturned'."),
        Column("original_request", "string", True, "Partly authorised: the original request."),
        Column("authorized", "string", True, "Partly authorised: what was authorised."),
        Column(
            "claims_administrator_basis", "string", False, "Claims Administrator guideline line."
        ),
        Column("claims_administrator_based_on_mtus", "boolean", False, "Based on the MTUS."),
        Column("claims_administrator_cites_evidence", "boolean", False, "Cites evidence."),
        Column("reviewer_basis", "string", False, "MAXIMUS guideline line."),
        Column("reviewer_based_on_mtus", "boolean", False, "Based on the MTUS."),
        Column("reviewer_cites_evidence", "boolean", False, "Cites evidence."),
        Column("rationale", "string", False, "The decision rationale."),
        Column("request_name", "string", True, "Requested: the drug, service or device."),
        Column("request_strength", "string", True, "Requested: strength as written."),
        Column("request_quantity", "integer", True, "Requested: count of units or sessions."),
        Column("request_frequency", "string", True, "Requested: how often."),
        Column("request_duration", "string", True, "Requested: for how long."),
        Column("request_body_part", "string", True, "Requested: the body part."),
        Column("request_laterality", "string", True, "'left', 'right' or 'bilateral'."),
        Column("request_unparsed", "list[string]", False, "Item pieces no part took."),
        Column("request_category", "string", True, "DWC category ('Pharmaceuticals')."),
        Column("request_subcategory", "string", True, "DWC subcategory ('Opioids')."),
        Column("request_drug_class", "string", True, "A drug's class ('opioid')."),
    ),
    "citations": (
        _LETTER_ID,
        _DECISION_INDEX,
        Column("basis", "string", False, "'claims_administrator' or 'reviewer'."),
        _key("citation_index", "Position of the citation in its basis, from 0."),
        Column("source", "string", False, "'MTUS' or 'Non-MTUS'."),
        Column("text", "string", False, "The citation as written."),
        Column("title", "string", True, "The guideline title or chapter."),
        Column("year", "integer", True, "The edition year."),
        Column("sections", "list[string]", False, "Topics or sections, in order."),
        Column("pages", "list[integer]", False, "Pages, ranges expanded, in order."),
    ),
    "reviewers": (
        _LETTER_ID,
        _key("reviewer_index", "Position of the reviewer in the letter, from 0."),
        Column("certifications", "list[string]", False, "Certifications, as written."),
        Column("subspecialties", "list[string]", False, "Subspecialties."),
        Column("licensed_in", "list[string]", False, "States of licensure."),
        Column("profession", "string", True, "Profession of a non-physician reviewer."),
        Column("min_years_in_practice", "integer", True, "Years in active practice, at least."),
        Column("min_hours_per_week", "integer", True, "Hours a week in practice, at least."),
    ),
    "diagnoses": (
        _LETTER_ID,
        _key("diagnosis_index", "Position in the summary's list, from 0."),
        Column("diagnosis", "string", False, "One diagnosis as written."),
    ),
    "medications": (
        _LETTER_ID,
        _key("medication_index", "Position in the summary's list, from 0."),
        Column("medication", "string", False, "One medication with its strength."),
    ),
    "warnings": (
        _LETTER_ID,
        _key("warning_index", "Position in the record's warnings, from 0."),
        Column("kind", "string", False, "'unreadable-value', 'doubtful-value', 'skipped-part'."),
        Column("field", "string", False, "Dotted path of the field concerned."),
        Column("message", "string", False, "What was found and what was done."),
    ),
}


def to_rows(determination: Determination, *, letter_id: str) -> dict[str, list[Row]]:
    """Flatten one record into the rows of every table of :data:`TABLES`.

    Args:
        determination: The record.
        letter_id: The key that ties the rows to their letter (a path, a case number,
            a database id): it is the first column of every row.

    Returns:
        Table name to that table's rows, with every table of :data:`TABLES` present, in
        its order (a table the letter has nothing for gets an empty list). Each row has
        the table's columns in order.
    """
    d = determination
    case = d.case
    rows: dict[str, list[Row]] = {name: [] for name in TABLES}
    rows["determinations"].append(
        {
            "letter_id": letter_id,
            "generation": d.generation.value,
            "has_case_header": case is not None,
            "case_number": case.case_number if case else None,
            "date_assigned": case.date_assigned if case else None,
            "date_of_injury": case.date_of_injury if case else None,
            "decision_date": case.decision_date if case else None,
            "ur_denial_date": case.ur_denial_date if case else None,
            "application_received": case.application_received if case else None,
            "priority": case.priority if case else None,
            "reviewer_certifications": d.reviewer.certifications,
            "reviewer_subspecialties": d.reviewer.subspecialties,
            "reviewer_licensed_in": d.reviewer.licensed_in,
            "reviewer_profession": d.reviewer.profession,
            "reviewer_min_years_in_practice": d.reviewer.min_years_in_practice,
            "reviewer_min_hours_per_week": d.reviewer.min_hours_per_week,
            "claimant_role": d.claimant.role,
            "claimant_age": d.claimant.age,
            "claimant_sex": d.claimant.sex.value if d.claimant.sex else None,
            "claimant_date_of_injury": d.claimant.date_of_injury,
            "summary": d.summary,
        }
    )
    for index, decision in enumerate(d.decisions):
        ca, rv = decision.claims_administrator_basis, decision.reviewer_basis
        request = decision.request
        category = request.category
        rows["decisions"].append(
            {
                "letter_id": letter_id,
                "decision_index": index,
                "item": decision.item,
                "outcome": decision.outcome.value,
                "original_request": decision.original_request,
                "authorized": decision.authorized,
                "claims_administrator_basis": ca.text,
                "claims_administrator_based_on_mtus": ca.based_on_mtus,
                "claims_administrator_cites_evidence": ca.cites_evidence,
                "reviewer_basis": rv.text,
                "reviewer_based_on_mtus": rv.based_on_mtus,
                "reviewer_cites_evidence": rv.cites_evidence,
                "rationale": decision.rationale,
                "request_name": request.name,
                "request_strength": request.strength,
                "request_quantity": request.quantity,
                "request_frequency": request.frequency,
                "request_duration": request.duration,
                "request_body_part": request.body_part,
                "request_laterality": request.laterality,
                "request_unparsed": request.unparsed,
                "request_category": category.category.value if category else None,
                "request_subcategory": (
                    category.subcategory.value if category and category.subcategory else None
                ),
                "request_drug_class": (
                    category.drug_class.value if category and category.drug_class else None
                ),
            }
        )
        rows["citations"].extend(_citation_rows(letter_id, index, "claims_administrator", ca))
        rows["citations"].extend(_citation_rows(letter_id, index, "reviewer", rv))
    # Records built by hand may leave `reviewers` empty; the letter still has `reviewer`.
    rows["reviewers"] = [
        {
            "letter_id": letter_id,
            "reviewer_index": i,
            "certifications": reviewer.certifications,
            "subspecialties": reviewer.subspecialties,
            "licensed_in": reviewer.licensed_in,
            "profession": reviewer.profession,
            "min_years_in_practice": reviewer.min_years_in_practice,
            "min_hours_per_week": reviewer.min_hours_per_week,
        }
        for i, reviewer in enumerate(d.reviewers or (d.reviewer,))
    ]
    rows["diagnoses"] = [
        {"letter_id": letter_id, "diagnosis_index": i, "diagnosis": text}
        for i, text in enumerate(d.diagnoses)
    ]
    rows["medications"] = [
        {"letter_id": letter_id, "medication_index": i, "medication": text}
        for i, text in enumerate(d.medications)
    ]
    rows["warnings"] = [
        {
            "letter_id": letter_id,
            "warning_index": i,
            "kind": warning.kind.value,
            "field": warning.field,
            "message": warning.message,
        }
        for i, warning in enumerate(d.warnings)
    ]
    return rows


def _citation_rows(letter_id: str, decision_index: int, basis: str, of: Basis) -> list[Row]:
    return [
        {
            "letter_id": letter_id,
            "decision_index": decision_index,
            "basis": basis,
            "citation_index": i,
            "source": citation.source.value,
            "text": citation.text,
            "title": citation.title,
            "year": citation.year,
            "sections": citation.sections,
            "pages": citation.pages,
        }
        for i, citation in enumerate(of.citations)
    ]
