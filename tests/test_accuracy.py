"""Accuracy against the hand-read gold, and the scorer's own comparison rules.

The floors are the percentages measured when they were last raised, rounded down: a
change may raise them, never lower them. Lists also have a ceiling on the number of
spurious entries. ``benchmarks/accuracy.py`` prints the table they come from.
"""

from __future__ import annotations

import functools
import json
import os
from pathlib import Path
from typing import Any

import pytest

import imrparse
from accuracy_scoring import (
    FIELDS,
    Scores,
    citation_text,
    loose,
    record_as_gold,
    same_containing,
    same_text,
    score_letter,
)

CORPUS = os.environ.get("IMRPARSE_CORPUS")
EXTRACTIONS = ("pypdf", "poppler")

_COMMON_FLOORS = {
    "header.case_number": 100,
    "header.date_assigned": 100,
    "header.date_of_injury": 100,
    "header.decision_date": 100,
    "header.ur_denial_date": 100,
    "header.application_received": 100,
    "header.priority": 100,
    "reviewer.licensed_in": 100,
    "reviewer.certifications": 100,
    "claimant.role": 100,
    "claimant.age": 100,
    "claimant.sex": 100,
    "claimant.date_of_injury": 100,
    "diagnoses": 98,
    "medications": 100,
    "decision.item": 100,
    "decision.outcome": 100,
    "decision.original_request": 100,
    "decision.authorized": 100,
    "request.name": 100,
    "request.strength": 100,
    "request.quantity": 100,
    "request.frequency": 100,
    "request.duration": 100,
    "request.body_part": 100,
    "request.laterality": 100,
    "claims_administrator_basis.based_on_mtus": 100,
    "claims_administrator_basis.cites_evidence": 100,
    "reviewer_basis.based_on_mtus": 100,
    "reviewer_basis.cites_evidence": 100,
    "citations": 99,
    "citation.source": 100,
    "citation.text": 99,
    "citation.year": 100,
    "citation.pages": 100,
}
#: Least percent right (scalars) or found (lists), per extraction and field.
FLOORS: dict[str, dict[str, int]] = {
    "pypdf": {**_COMMON_FLOORS, "diagnoses": 100, "citations": 100, "citation.text": 100},
    "poppler": dict(_COMMON_FLOORS),
}
#: Most spurious entries per list, per extraction.
SPURIOUS_CEILINGS: dict[str, dict[str, int]] = {
    "pypdf": {
        "reviewer.licensed_in": 0,
        "reviewer.certifications": 0,
        "diagnoses": 0,
        "medications": 0,
        "citations": 4,
    },
    "poppler": {
        "reviewer.licensed_in": 0,
        "reviewer.certifications": 0,
        # "right-sided" is "rightsided" in the pdftotext text of CM16-0240259.
        "diagnoses": 1,
        "medications": 0,
        "citations": 5,
    },
}


@functools.cache
def _scores(extraction: str) -> Scores:
    assert CORPUS
    corpus = Path(CORPUS)
    scores = Scores()
    for path in sorted((corpus / "gold").glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        text = (corpus / extraction / f"{path.stem}.txt").read_text(encoding="utf-8")
        try:
            got = record_as_gold(imrparse.parse(text))
        except imrparse.ParseError:
            got = None
        score_letter(scores, gold, got)
    return scores


def test_every_field_has_a_floor_and_lists_a_ceiling() -> None:
    for extraction in EXTRACTIONS:
        assert set(FLOORS[extraction]) == {name for name, _ in FIELDS}
        assert set(SPURIOUS_CEILINGS[extraction]) == {name for name, is_list in FIELDS if is_list}


@pytest.mark.skipif(not CORPUS, reason="IMRPARSE_CORPUS is not set")
@pytest.mark.parametrize("extraction", EXTRACTIONS)
def test_accuracy_does_not_fall(extraction: str) -> None:
    scores = _scores(extraction)
    below = {
        name: round(scores.fields[name].percent, 1)
        for name, floor in FLOORS[extraction].items()
        if scores.fields[name].percent < floor
    }
    above = {
        name: scores.fields[name].spurious
        for name, ceiling in SPURIOUS_CEILINGS[extraction].items()
        if scores.fields[name].spurious > ceiling
    }
    assert (below, above) == ({}, {})
    assert scores.unreadable == []


# The scorer's rules, on small hand-written inputs.


@pytest.mark.parametrize(
    ("got", "gold"),
    [
        ("Lumbar Strain", "lumbar strain"),
        ("lumbar  strain", "lumbar strain"),
        ("low-back pain", "low back pain"),
        ("low - back pain", "low back pain"),
        ("the lumbar strain", "lumbar strain"),
        ("A lumbar strain", "lumbar strain"),
        ("an ankle sprain", "ankle sprain"),
        ("lumbar strain.", "lumbar strain"),
        ("lumbar strain;", "lumbar strain"),
        (None, None),
        (3, 3),
    ],
)
def test_loose_equal(got: object, gold: object) -> None:
    assert same_text(got, gold)


@pytest.mark.parametrize(
    ("got", "gold"),
    [
        ("lumbar strain", "lumbar sprain"),
        ("theory", "ory"),  # "the" is an article only as a word
        ("lumbar strain", None),
        ("lumbar.strain", "lumbar strain"),
        ("anxiety", "an xiety"),
    ],
)
def test_loose_different(got: object, gold: object) -> None:
    assert not same_text(got, gold)


def test_loose_form() -> None:
    assert loose("The  Sprain of the Right-Knee.") == "sprain of the right knee"


def test_request_names_contain_each_other() -> None:
    assert same_containing("MRI", "MRI of the lumbar spine")
    assert same_containing("MRI of the Lumbar-spine", "mri")
    assert same_containing("knees", "knee")
    assert not same_containing("MRI", "CT of the knee")
    assert not same_containing(None, "MRI")
    assert same_containing(None, None)


def test_non_mtus_title_and_sections_are_one_text() -> None:
    one = {"source": "Non-MTUS", "title": "ODG Pain (Chronic)", "sections": ["Opioids"]}
    two = {"source": "Non-MTUS", "title": "ODG", "sections": ["Pain (Chronic)", "Opioids"]}
    updated = {
        "source": "Non-MTUS",
        "title": "ODG",
        "sections": ["Pain (Chronic) (updated 11/23/16)", "Opioids"],
    }
    assert citation_text(one) == citation_text(two) == citation_text(updated)
    assert citation_text(one) == "odg pain chronic opioids"
    other = {"source": "Non-MTUS", "title": "ODG", "sections": ["Pain (Chronic)", "NSAIDs"]}
    assert citation_text(other) != citation_text(one)


def test_mtus_title_and_sections_stay_apart() -> None:
    mtus = {"source": "MTUS", "title": "Low Back Complaints", "sections": ["Surgery"]}
    assert citation_text(mtus) == ("low back complaints", ("surgery",))


def _gold(**changes: Any) -> dict[str, Any]:
    """A small gold record with one decision and one citation."""
    record: dict[str, Any] = {
        "case": "CM16-0000001",
        "header": {
            "date_assigned": "2016-11-23",
            "date_of_injury": "2010-01-02",
            "decision_date": "2016-12-21",
            "ur_denial_date": "2016-10-20",
            "application_received": "2016-11-15",
            "priority": "Standard",
        },
        "reviewer": {"licensed_in": ["California"], "certifications": ["Anesthesiology"]},
        "claimant": {
            "role": "injured worker",
            "age": 50,
            "sex": "male",
            "date_of_injury": "2010-01-02",
        },
        "diagnoses": ["lumbar strain", "anxiety"],
        "medications": ["Norco 10/325mg"],
        "decisions": [
            {
                "item": "Norco 10/325mg #90",
                "outcome": "upheld",
                "original_request": None,
                "authorized": None,
                "request": {
                    "name": "Norco",
                    "strength": "10/325mg",
                    "quantity": 90,
                    "frequency": None,
                    "duration": None,
                    "body_part": None,
                    "laterality": None,
                },
                "claims_administrator_basis": {
                    "based_on_mtus": True,
                    "cites_evidence": True,
                    "citations": [
                        {
                            "source": "MTUS",
                            "title": "Chronic Pain Medical Treatment Guidelines",
                            "year": None,
                            "sections": ["Opioids"],
                            "pages": [78],
                        }
                    ],
                },
                "reviewer_basis": {"based_on_mtus": True, "cites_evidence": True, "citations": []},
            }
        ],
    }
    record.update(changes)
    return record


def test_a_perfect_record_scores_everything_right() -> None:
    scores = Scores()
    score_letter(scores, _gold(), _gold())
    assert scores.misses == []
    assert scores.fields["diagnoses"].right == scores.fields["diagnoses"].total == 2
    assert scores.fields["decision.item"].right == 1
    assert scores.fields["citations"].right == 1


def test_lists_count_found_and_spurious() -> None:
    scores = Scores()
    got = _gold(diagnoses=["Lumbar strain.", "depression", "insomnia"])
    score_letter(scores, _gold(), got)
    tally = scores.fields["diagnoses"]
    assert (tally.right, tally.total, tally.spurious) == (1, 2, 2)
    assert [str(miss) for miss in scores.misses] == [
        "CM16-0000001 diagnoses: got -, gold 'anxiety'",
        "CM16-0000001 diagnoses: got 'depression', gold -",
        "CM16-0000001 diagnoses: got 'insomnia', gold -",
    ]


def test_an_entry_is_found_once() -> None:
    scores = Scores()
    score_letter(scores, _gold(medications=["Soma", "Soma"]), _gold(medications=["Soma"]))
    tally = scores.fields["medications"]
    assert (tally.right, tally.total, tally.spurious) == (1, 2, 0)


def test_a_missing_decision_misses_each_of_its_fields() -> None:
    scores = Scores()
    score_letter(scores, _gold(), _gold(decisions=[]))
    assert scores.fields["decision.item"].right == 0
    assert scores.fields["decision.item"].total == 1
    assert scores.fields["request.name"].total == 1
    assert scores.fields["citations"].total == 1
    assert scores.fields["citations"].right == 0
    assert scores.fields["citation.pages"].right == 0
    assert "CM16-0000001 decisions[0].item: got -, gold 'Norco 10/325mg #90'" in [
        str(miss) for miss in scores.misses
    ]


def test_an_unreadable_letter_misses_every_field() -> None:
    scores = Scores()
    score_letter(scores, _gold(), None)
    assert scores.unreadable == ["CM16-0000001"]
    for name, _ in FIELDS:
        assert scores.fields[name].right == 0, name
    assert scores.fields["header.priority"].total == 1
    assert scores.fields["diagnoses"].total == 2


def test_request_name_may_keep_its_body_part() -> None:
    gold = _gold()
    got = json.loads(json.dumps(gold))
    got["decisions"][0]["request"]["name"] = "Norco tablets"
    scores = Scores()
    score_letter(scores, gold, got)
    assert scores.fields["request.name"].right == 1
    got["decisions"][0]["request"]["strength"] = "10/325"
    scores = Scores()
    score_letter(scores, gold, got)
    assert scores.fields["request.strength"].right == 0


def test_citations_compare_every_part() -> None:
    gold = _gold()
    got = json.loads(json.dumps(gold))
    got["decisions"][0]["claims_administrator_basis"]["citations"][0]["pages"] = [79]
    scores = Scores()
    score_letter(scores, gold, got)
    assert scores.fields["citation.pages"].right == 0
    assert scores.fields["citation.text"].right == 1
    tally = scores.fields["citations"]
    assert (tally.right, tally.total, tally.spurious) == (0, 1, 1)


def test_a_record_converts_to_the_gold_shape() -> None:
    record = imrparse.Determination(
        generation=imrparse.GENERATION_2016,
        case=imrparse.CaseHeader(case_number="CM16-0000001", priority="Standard"),
        reviewer=imrparse.Reviewer(licensed_in=("California",)),
        claimant=imrparse.Claimant(role="patient", age=40, sex=imrparse.Sex.FEMALE),
        diagnoses=("anxiety",),
        medications=(),
        summary="",
        decisions=(),
    )
    assert record_as_gold(record) == {
        "case": "CM16-0000001",
        "header": {
            "date_assigned": None,
            "date_of_injury": None,
            "decision_date": None,
            "ur_denial_date": None,
            "application_received": None,
            "priority": "Standard",
        },
        "reviewer": {"licensed_in": ["California"], "certifications": []},
        "claimant": {"role": "patient", "age": 40, "sex": "female", "date_of_injury": None},
        "diagnoses": ["anxiety"],
        "medications": [],
        "decisions": [],
    }
