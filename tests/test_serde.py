"""Plain data, JSON and the JSON Schema: whole values, real letters, generated records."""

from __future__ import annotations

import datetime
import enum
import json
import os
import pathlib
import types
import typing

import attrs
import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

import imrparse
from imrparse import (
    Basis,
    CaseHeader,
    Citation,
    CitationSource,
    Claimant,
    Decision,
    Determination,
    DrugClass,
    Outcome,
    ReadWarning,
    Request,
    RequestCategory,
    Reviewer,
    Sex,
    Span,
    TreatmentCategory,
    TreatmentSubcategory,
    WarningKind,
)
from imrparse.testing import determinations

DATA = pathlib.Path(__file__).parent / "data"
LETTERS = sorted((DATA / "letters").glob("seed_*.txt"))

# The record that tests/data/records/full.json holds as plain data: every record class,
# every enum, dates, None, empty and non-empty tuples, spans.
FIRST_REVIEWER = Reviewer(
    certifications=("Physical Medicine & Rehabilitation", "Pain Management"),
    licensed_in=("California", "North Carolina"),
    min_years_in_practice=5,
    min_hours_per_week=24,
    span=Span(120, 260),
)
FULL = Determination(
    generation="2016",
    case=CaseHeader(
        case_number="CM16-0000001",
        date_assigned=datetime.date(2016, 11, 9),
        date_of_injury=datetime.date(2016, 10, 13),
        decision_date=datetime.date(2016, 12, 21),
        ur_denial_date=None,
        application_received=datetime.date(2016, 11, 3),
        priority="Standard",
    ),
    reviewer=FIRST_REVIEWER,
    reviewers=(FIRST_REVIEWER, Reviewer(profession="Chiropractor", licensed_in=("Texas",))),
    claimant=Claimant(
        role="injured worker",
        age=59,
        sex=Sex.FEMALE,
        date_of_injury=datetime.date(2016, 10, 13),
        span=Span(400, 463),
    ),
    diagnoses=("lumbago", "cervicalgia"),
    medications=("Norco 7.5-325mg",),
    summary="The injured worker is a 59 year old female injured on 10-13-16.",
    decisions=(
        Decision(
            item="Cyclobenzaprine 7.5mg #27",
            outcome=Outcome.OVERTURNED,
            original_request="Cyclobenzaprine 7.5mg #90",
            authorized="Cyclobenzaprine 7.5mg #63",
            claims_administrator_basis=Basis(
                text="The Claims Administrator did not base their decision on the MTUS.",
                based_on_mtus=False,
                cites_evidence=True,
                citations=(
                    Citation(
                        source=CitationSource.NON_MTUS,
                        text="Official Disability Guidelines (ODG), Pain Chapter",
                        title="Official Disability Guidelines (ODG)",
                        sections=("Pain Chapter",),
                    ),
                ),
            ),
            reviewer_basis=Basis(
                text="Decision based on MTUS Chronic Pain Medical Treatment 2016, "
                "Section(s): Muscle relaxants. Page(s): 63-65.",
                based_on_mtus=True,
                cites_evidence=True,
                citations=(
                    Citation(
                        source=CitationSource.MTUS,
                        text="Chronic Pain Medical Treatment 2016, Section(s): Muscle relaxants",
                        title="Chronic Pain Medical Treatment",
                        year=2016,
                        sections=("Muscle relaxants",),
                        pages=(63, 64, 65),
                    ),
                ),
            ),
            rationale="Cyclobenzaprine is recommended for a short course.",
            request=Request(
                name="Cyclobenzaprine",
                strength="7.5mg",
                quantity=27,
                unparsed=("refill",),
                category=RequestCategory(
                    category=TreatmentCategory.PHARMACEUTICALS,
                    subcategory=TreatmentSubcategory.MUSCLE_RELAXANT,
                    drug_class=DrugClass.MUSCLE_RELAXANT,
                ),
            ),
            span=Span(900, 1400),
        ),
    ),
    summary_span=Span(400, 700),
    diagnosis_spans=(Span(500, 507), Span(509, 520)),
    medication_spans=(Span(540, 555),),
    warnings=(
        ReadWarning(
            kind=WarningKind.DOUBTFUL_VALUE,
            field="claimant.date_of_injury",
            message="two-digit year 16 read as 2016",
        ),
    ),
)


def full_plain_data() -> dict[str, typing.Any]:
    return json.loads((DATA / "records" / "full.json").read_text(encoding="utf-8"))


def validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(
        imrparse.json_schema(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def test_to_dict_gives_the_whole_plain_record():
    assert imrparse.to_dict(FULL) == full_plain_data()


def test_to_dict_gives_plain_strings_for_enums_not_enum_members():
    data = imrparse.to_dict(FULL)
    assert type(data["claimant"]["sex"]) is str
    assert type(data["decisions"][0]["outcome"]) is str
    assert type(data["decisions"][0]["reviewer_basis"]["citations"][0]["source"]) is str


def test_from_dict_reads_the_plain_record_back():
    assert imrparse.from_dict(full_plain_data()) == FULL


def test_spans_survive_plain_data_though_equality_ignores_them():
    record = imrparse.from_dict(full_plain_data())
    spans = (
        record.reviewer.span,
        record.claimant.span,
        record.decisions[0].span,
        record.summary_span,
        record.diagnosis_spans,
        record.case.span,
    )
    assert spans == (
        Span(120, 260),
        Span(400, 463),
        Span(900, 1400),
        Span(400, 700),
        (Span(500, 507), Span(509, 520)),
        None,
    )


def test_json_round_trip_keeps_the_record_and_non_ascii_text():
    record = attrs.evolve(FULL, summary="Señora López, 59 años")
    text = imrparse.to_json(record)
    assert "Señora López" in text
    assert imrparse.from_json(text) == record
    assert json.loads(imrparse.to_json(FULL, indent=2)) == full_plain_data()


def test_from_dict_names_each_wrong_value_by_its_path():
    data = full_plain_data()
    data["decisions"][0]["outcome"] = "maybe"
    data["claimant"]["age"] = "fifty"
    with pytest.raises(ValueError, match="expected") as caught:
        imrparse.from_dict(data)
    assert str(caught.value) == (
        "not the plain data of a Determination: "
        "invalid value for type, expected int | None @ $.claimant.age; "
        "invalid value for type, expected Outcome @ $.decisions[0].outcome"
    )


def test_from_json_rejects_text_that_is_not_json():
    with pytest.raises(ValueError, match="Expecting value"):
        imrparse.from_json("not json")


def test_schema_is_a_valid_2020_12_schema():
    schema = imrparse.json_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


def test_schema_accepts_the_whole_plain_record():
    validator().validate(full_plain_data())


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["decisions"][0].update(outcome="maybe"), "'maybe' is not one of"),
        (lambda d: d["claimant"].pop("age"), "'age' is a required property"),
        (lambda d: d["reviewer"].update(name="Dr. X"), "Additional properties"),
        (lambda d: d["case"].update(decision_date="12/21/2016"), "is not a 'date'"),
        (lambda d: d["diagnoses"].append(7), "7 is not of type 'string'"),
        (lambda d: d.update(case="CM16"), "is not valid under any of the given schemas"),
    ],
)
def test_schema_rejects_data_that_is_not_a_record(change, message):
    data = full_plain_data()
    change(data)
    errors = list(validator().iter_errors(data))
    assert errors
    messages = []
    while errors:  # errors under anyOf hold the reasons in their context
        error = errors.pop()
        messages.append(error.message)
        errors.extend(error.context or ())
    assert any(message in text for text in messages), messages


def reachable_classes(tp: typing.Any, found: dict[str, type]) -> dict[str, type]:
    """Every record class and enum that a Determination can hold, by name."""
    if isinstance(tp, type) and (attrs.has(tp) or issubclass(tp, enum.Enum)):
        if tp.__name__ in found:
            return found
        found[tp.__name__] = tp
        if attrs.has(tp):
            for field in attrs.fields(attrs.resolve_types(tp)):
                reachable_classes(field.type, found)
    for arg in typing.get_args(tp):
        reachable_classes(arg, found)
    return found


def test_schema_has_every_field_of_every_record_class_and_nothing_else():
    defs = imrparse.json_schema()["$defs"]
    classes = reachable_classes(Determination, {})
    assert set(defs) == set(classes)
    assert {"Basis", "Citation", "Outcome", "Sex"} <= set(classes)
    for name, cls in classes.items():
        if attrs.has(cls):
            names = [field.name for field in attrs.fields(cls)]
            assert list(defs[name]["properties"]) == names, name
            assert defs[name]["required"] == names, name
            assert defs[name]["additionalProperties"] is False
        else:
            assert defs[name]["enum"] == [member.value for member in cls]


def test_schema_describes_fields_from_the_models_comments():
    defs = imrparse.json_schema()["$defs"]
    assert defs["Citation"]["properties"]["pages"] == {
        "description": "Page numbers with ranges expanded, in order, without duplicates.",
        "type": "array",
        "items": {"type": "integer"},
        "default": [],
    }
    assert defs["Claimant"]["properties"]["sex"] == {
        "description": "From the words male/female; from pronouns only when all of them agree.",
        "anyOf": [{"$ref": "#/$defs/Sex"}, {"type": "null"}],
        "default": None,
    }
    assert defs["Sex"] == {
        "description": "The injured worker's sex as the case summary gives it.",
        "type": "string",
        "enum": ["male", "female"],
    }


def test_schema_is_the_same_on_every_call_and_not_shared():
    first = imrparse.json_schema()
    first["$defs"].clear()
    assert imrparse.json_schema() == json.loads(json.dumps(imrparse.json_schema()))
    assert imrparse.json_schema()["$defs"]


# Records generated from the record classes' own field types, so that every field the
# models gain is covered without this file changing.
def strategy_for(tp: typing.Any) -> st.SearchStrategy[typing.Any]:
    if tp is str:
        return st.text(max_size=30)
    if tp is bool:
        return st.booleans()
    if tp is int:
        return st.integers(min_value=-(2**40), max_value=2**40)
    if tp is datetime.date:
        return st.dates()
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return st.sampled_from(list(tp))
    if attrs.has(tp):
        attrs.resolve_types(tp)
        fields = {f.name: strategy_for(f.type) for f in attrs.fields(tp)}
        return st.builds(tp, **fields)
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin is tuple:
        return st.lists(strategy_for(args[0]), max_size=3).map(tuple)
    if origin in (types.UnionType, typing.Union):
        return st.one_of([strategy_for(arg) for arg in args if arg is not type(None)] + [st.none()])
    raise TypeError(tp)


@given(strategy_for(Determination))
def test_every_generated_record_survives_plain_data_and_json_and_fits_the_schema(record):
    data = imrparse.to_dict(record)
    assert imrparse.from_dict(data) == record
    assert imrparse.from_json(imrparse.to_json(record)) == record
    validator().validate(json.loads(json.dumps(data)))


@given(determinations(doubtful=True))
def test_every_record_a_letter_can_hold_survives_plain_data_and_fits_the_schema(record):
    data = json.loads(imrparse.to_json(record))
    validator().validate(data)
    assert imrparse.from_dict(data) == record


@given(determinations())
def test_records_parsed_from_generated_letters_survive_plain_data(record):
    parsed = imrparse.parse(imrparse.render(record))  # with spans, as users get them
    data = json.loads(imrparse.to_json(parsed))
    validator().validate(data)
    assert imrparse.from_dict(data) == parsed
    assert imrparse.to_dict(imrparse.from_dict(data)) == data  # spans kept too


@pytest.mark.parametrize("path", LETTERS, ids=lambda p: p.name)
def test_parsed_seed_letters_fit_the_schema_and_round_trip(path):
    record = imrparse.parse(path.read_text(encoding="utf-8"))
    data = json.loads(imrparse.to_json(record))
    validator().validate(data)
    assert imrparse.from_dict(data) == record


def corpus_texts() -> list[pathlib.Path]:
    corpus = os.environ.get("IMRPARSE_CORPUS")
    return sorted((pathlib.Path(corpus) / "pypdf").glob("*.txt")) if corpus else []


@pytest.mark.skipif(not os.environ.get("IMRPARSE_CORPUS"), reason="IMRPARSE_CORPUS is not set")
def test_parsed_corpus_letters_fit_the_schema_and_round_trip():
    paths = corpus_texts()
    assert len(paths) == 40
    check = validator()
    for path in paths:
        record = imrparse.parse(path.read_text(encoding="utf-8"))
        data = json.loads(imrparse.to_json(record))
        check.validate(data)
        assert imrparse.from_dict(data) == record, path.name
