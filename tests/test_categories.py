"""DWC's category of each requested item, read from the item's own words.

Every expectation here was written by reading the item, as a person who knows DWC's
categories would file it, not by running the reader.
"""

from __future__ import annotations

import json
import os
from importlib import resources
from pathlib import Path

import pytest

import imrparse
from imrparse import (
    DrugClass,
    RequestCategory,
    TreatmentCategory,
    TreatmentSubcategory,
    WarningKind,
)
from imrparse.read.free_text.categories import VOCABULARY_FILE, read_category, subcategories

C, S, D = TreatmentCategory, TreatmentSubcategory, DrugClass
LETTERS = Path(__file__).parent / "data" / "letters"
CORPUS = os.environ.get("IMRPARSE_CORPUS")

# item -> (category, subcategory, drug class)
ITEMS: dict[str, tuple[C, S | None, D | None]] = {
    # Drugs: brand and generic, with strengths, quantities and the words around them.
    "Norco 10/325mg #120": (C.PHARMACEUTICALS, S.OPIOIDS, D.OPIOID),
    "Hydrocodone/APAP 10/325mg #60": (C.PHARMACEUTICALS, S.OPIOIDS, D.OPIOID),
    "Tylenol with codeine #3, #40": (C.PHARMACEUTICALS, S.OPIOIDS, D.OPIOID),
    "Extended-release tramadol 150mg #30": (C.PHARMACEUTICALS, S.OPIOIDS, D.OPIOID),
    "Butrans 10mcg/hr patch #4": (C.PHARMACEUTICALS, S.OPIOIDS, D.OPIOID),
    "OxyContin 20mg #60": (C.PHARMACEUTICALS, S.OPIOIDS, D.OPIOID),
    "Soma 350mg #60": (C.PHARMACEUTICALS, S.MUSCLE_RELAXANT, D.MUSCLE_RELAXANT),
    "Tizanidine 4mg #90": (C.PHARMACEUTICALS, S.MUSCLE_RELAXANT, D.MUSCLE_RELAXANT),
    "Ibuprofen 800mg #90": (C.PHARMACEUTICALS, S.NSAID, D.NSAID),
    "Celebrex 200mg #30": (C.PHARMACEUTICALS, S.NSAID, D.NSAID),
    "Naproxen sodium 550mg #60": (C.PHARMACEUTICALS, S.NSAID, D.NSAID),
    "60 Tablets of Diazepam 5mg": (C.PHARMACEUTICALS, S.BENZODIAZEPINES, D.BENZODIAZEPINE),
    "Xanax 0.5mg #30": (C.PHARMACEUTICALS, S.BENZODIAZEPINES, D.BENZODIAZEPINE),
    "Gabapentin 600mg #90": (C.PHARMACEUTICALS, S.ANTI_EPILEPSY_DRUGS, D.ANTICONVULSANT),
    "Lyrica 75mg #60": (C.PHARMACEUTICALS, S.ANTI_EPILEPSY_DRUGS, D.ANTICONVULSANT),
    "Cymbalta 60mg #30": (C.PHARMACEUTICALS, S.ANTIDEPRESSANT, D.ANTIDEPRESSANT),
    "Trazodone 50mg #30": (C.PHARMACEUTICALS, S.ANTIDEPRESSANT, D.ANTIDEPRESSANT),
    "Omeprazole 20mg #60": (
        C.PHARMACEUTICALS,
        S.PROTON_PUMP_INHIBITORS,
        D.PROTON_PUMP_INHIBITOR,
    ),
    "Ambien CR 12.5mg #30": (C.PHARMACEUTICALS, S.SEDATIVE_HYPNOTICS, D.SEDATIVE_HYPNOTIC),
    "Lunesta 3mg #30": (C.PHARMACEUTICALS, S.SEDATIVE_HYPNOTICS, D.SEDATIVE_HYPNOTIC),
    "Lidoderm 5% patch #30": (C.PHARMACEUTICALS, S.TOPICAL_ANALGESICS, D.LOCAL_ANESTHETIC),
    "Voltaren gel 1%, 100 gram tube": (C.PHARMACEUTICALS, S.TOPICAL_ANALGESICS, D.NSAID),
    "Flurbiprofen 20%/Lidocaine 5% cream 180gm": (
        C.PHARMACEUTICALS,
        S.TOPICAL_COMPOUNDS,
        D.COMPOUND,
    ),
    "Terocin patch #10": (C.PHARMACEUTICALS, S.TOPICAL_COMPOUNDS, D.COMPOUND),
    "Compounded ketoprofen cream": (C.PHARMACEUTICALS, S.TOPICAL_COMPOUNDS, D.COMPOUND),
    # Drugs of a class DWC names no subcategory for.
    "Zofran 8mg #20": (C.PHARMACEUTICALS, None, D.ANTIEMETIC),
    "Colace 100mg #60": (C.PHARMACEUTICALS, None, D.LAXATIVE),
    "Famotidine 20mg #60": (C.PHARMACEUTICALS, None, D.H2_BLOCKER),
    "Three months coverage of Viagra 50mg": (C.PHARMACEUTICALS, None, D.PDE5_INHIBITOR),
    # Diagnostic testing.
    "MRI of the lumbar spine without contrast": (C.DIAGNOSTIC_TESTING, S.IMAGING, None),
    "Pre-op chest x-ray": (C.DIAGNOSTIC_TESTING, S.IMAGING, None),
    "CT scan of head": (C.DIAGNOSTIC_TESTING, S.IMAGING, None),
    "EMG/NCV of the bilateral upper extremities": (
        C.DIAGNOSTIC_TESTING,
        S.ELECTRODIAGNOSTIC,
        None,
    ),
    "Urine drug screen": (C.DIAGNOSTIC_TESTING, S.LAB_AND_PATHOLOGY, None),
    "Pre-op labs: PT/PTT": (C.DIAGNOSTIC_TESTING, S.LAB_AND_PATHOLOGY, None),
    "Pre-operative EKG": (C.DIAGNOSTIC_TESTING, S.OTHER_DIAGNOSTIC_TESTS, None),
    "Functional capacity evaluation": (C.DIAGNOSTIC_TESTING, S.OTHER_DIAGNOSTIC_TESTS, None),
    # Rehabilitation.
    "Physical therapy 2 times a week for 6 weeks": (C.REHABILITATION, S.PHYSICAL_THERAPY, None),
    "Post-op physical therapy 12-18 sessions": (C.REHABILITATION, S.PHYSICAL_THERAPY, None),
    "Aquatic therapy x 8": (C.REHABILITATION, S.PHYSICAL_THERAPY, None),
    "Chiropractic manipulation 2 times a week for 3 weeks": (
        C.REHABILITATION,
        S.CHIROPRACTIC,
        None,
    ),
    "Twelve acupuncture visits with Capsaicin patch": (C.REHABILITATION, S.ACUPUNCTURE, None),
    "Extracorporeal shockwave therapy (ESWT)": (C.REHABILITATION, S.OTHER_THERAPIES, None),
    "Massage therapy x 6": (C.REHABILITATION, S.OTHER_THERAPIES, None),
    # Injections: the injection, not the drug injected.
    "Lumbar epidural steroid injection at L4-5": (C.INJECTION, S.INJECTION, None),
    "Toradol injection 60mg": (C.INJECTION, S.INJECTION, None),
    "Bilateral L4-5 and L5-S1 medial branch blocks": (C.INJECTION, S.FACET_INJECTION, None),
    "Right L5-S1 facet joint injection": (C.INJECTION, S.FACET_INJECTION, None),
    "Trigger point injections x 4": (C.INJECTION, S.INJECTION, None),
    "Facet joint steroid injection, L4-5": (C.INJECTION, S.FACET_INJECTION, None),
    "Lumbar radiofrequency ablation": (C.INJECTION, S.FACET_INJECTION, None),
    # Words that look like a term and are not: RFA is also a Request for Authorization;
    # a facet named as a diagnosis; PT/INR is a blood test.
    "Norco 10/325mg #60 per RFA dated 11/30/2016": (C.PHARMACEUTICALS, S.OPIOIDS, D.OPIOID),
    "Physical therapy for facet arthropathy": (C.REHABILITATION, S.PHYSICAL_THERAPY, None),
    "Pre-op PT/INR": (C.DIAGNOSTIC_TESTING, S.LAB_AND_PATHOLOGY, None),
    # Surgery.
    "L4-5 posterior lumbar fusion": (C.SURGERY, S.SPINE, None),
    "Lumbar decompression surgery": (C.SURGERY, S.SPINE, None),
    "Right shoulder arthroscopy with rotator cuff repair": (C.SURGERY, S.ARTHROSCOPIC, None),
    "Operative arthroscopy, superior labral anterior posterior repair, right shoulder": (
        C.SURGERY,
        S.ARTHROSCOPIC,
        None,
    ),
    "Right carpal tunnel release": (C.SURGERY, S.NON_ARTHROSCOPIC, None),
    "Laparoscopic right inguinal hernia repair": (C.SURGERY, S.NON_ARTHROSCOPIC, None),
    "Assistant surgeon": (C.SURGERY, S.ADJUNCT_SURGICAL_SERVICES, None),
    "Pre-operative medical clearance": (C.SURGERY, S.ADJUNCT_SURGICAL_SERVICES, None),
    "Associated surgical service: 2 day inpatient stay": (
        C.SURGERY,
        S.ADJUNCT_SURGICAL_SERVICES,
        None,
    ),
    "Consultation with a spine surgeon": (C.SURGERY, S.SURGICAL_CONSULT, None),
    "Orthopedic consultation": (C.SURGERY, S.SURGICAL_CONSULT, None),
    "Right knee surgery": (C.SURGERY, None, None),
    # DMEPOS.
    "Cold therapy unit, 14 day rental": (C.DMEPOS, S.DME, None),
    "Associated surgical service: Vascutherm unit, 14 days rental": (C.DMEPOS, S.DME, None),
    "Front wheeled walker": (C.DMEPOS, S.DME, None),
    "TENS unit, daily trial, cervical and thoracic spine, #30": (
        C.DMEPOS,
        S.ELECTRICAL_STIMULATION,
        None,
    ),
    "Retrospective E-stim (DOS 12/29/16)": (C.DMEPOS, S.ELECTRICAL_STIMULATION, None),
    "H-wave unit, 30 day trial": (C.DMEPOS, S.ELECTRICAL_STIMULATION, None),
    "Hinged knee brace, left": (C.DMEPOS, S.PROSTHETICS_ORTHOTICS, None),
    "Lumbar support brace": (C.DMEPOS, S.PROSTHETICS_ORTHOTICS, None),
    "Custom orthotics": (C.DMEPOS, S.PROSTHETICS_ORTHOTICS, None),
    "TENS electrodes": (C.DMEPOS, S.SUPPLIES, None),
    "TENS unit supplies for 3 months": (C.DMEPOS, S.SUPPLIES, None),
    "Electrodes for the TENS unit, 4 pairs": (C.DMEPOS, S.SUPPLIES, None),
    # Evaluation and management.
    "Follow-up visit with pain management": (
        C.EVALUATION_AND_MANAGEMENT,
        S.MEDICAL_SPECIALTIES,
        None,
    ),
    "Internal medicine consultation": (C.EVALUATION_AND_MANAGEMENT, S.MEDICAL_SPECIALTIES, None),
    "Referral to a dentist": (C.EVALUATION_AND_MANAGEMENT, S.DENTAL_SERVICES, None),
    "Dental crowns #3 and #14": (C.EVALUATION_AND_MANAGEMENT, S.DENTAL_SERVICES, None),
    # Psych services.
    "Psychological evaluation": (C.PSYCH_SERVICES, S.PSYCH_EVALUATION, None),
    "Consultation with a psychiatrist": (C.PSYCH_SERVICES, S.PSYCH_EVALUATION, None),
    "Cognitive behavioral therapy, 6 sessions": (C.PSYCH_SERVICES, S.PSYCH_THERAPIES, None),
    # Categories without subcategories.
    "Home health aide 4 hours a day, 5 days a week": (C.HOME_HEALTH, None, None),
    "Functional restoration program, 80 hours": (C.PROGRAMS, None, None),
    "Gym membership for 6 months": (C.PROGRAMS, None, None),
    "Pain management program evaluation": (C.PROGRAMS, None, None),
    "Transportation to/from all medical appointments": (C.TRANSPORTATION, None, None),
}


@pytest.mark.parametrize("item", sorted(ITEMS))
def test_an_item_gets_the_category_its_words_name(item: str) -> None:
    category, subcategory, drug_class = ITEMS[item]
    expected = RequestCategory(category=category, subcategory=subcategory, drug_class=drug_class)
    assert read_category(item) == (expected, None)


@pytest.mark.parametrize(
    ("item", "reason"),
    [
        (
            "Sit-stand workstation",
            "no word of 'Sit-stand workstation' names a drug or a service that imrparse knows",
        ),
        (
            "Norco and Soma",
            "'Norco and Soma' names drugs of several classes (opioid, muscle relaxant); "
            "no category",
        ),
        (
            "Topical cream",
            "no word of 'Topical cream' names a drug or a service that imrparse knows",
        ),
        ("", "no word of '' names a drug or a service that imrparse knows"),
    ],
)
def test_an_item_that_does_not_say_enough_has_no_category(item: str, reason: str) -> None:
    assert read_category(item) == (None, reason)


def test_a_letter_warns_for_an_item_without_a_category() -> None:
    text = (LETTERS / "g1_guidelines.txt").read_text(encoding="utf-8")
    record = imrparse.parse(text.replace("Urine drug screen", "Sit-stand workstation"))
    decision = record.decisions[2]
    assert decision.item == "Sit-stand workstation"
    assert decision.request.category is None
    assert [(w.kind, w.field, w.message) for w in record.warnings] == [
        (
            WarningKind.UNREADABLE_VALUE,
            "decisions.request.category",
            "no word of 'Sit-stand workstation' names a drug or a service that imrparse knows",
        )
    ]
    assert record.warnings[0].span == decision.span
    assert [d.request.category for d in record.decisions[:2]] == [
        RequestCategory(category=C.PHARMACEUTICALS, subcategory=S.OPIOIDS, drug_class=D.OPIOID),
        RequestCategory(
            category=C.PHARMACEUTICALS,
            subcategory=S.TOPICAL_ANALGESICS,
            drug_class=D.LOCAL_ANESTHETIC,
        ),
    ]


def test_the_vocabulary_names_every_dwc_category_and_subcategory_in_order() -> None:
    assert [(c.value, [s.value for s in subcategories(c)]) for c in C] == [
        (
            "Pharmaceuticals",
            [
                "Opioids",
                "NSAID",
                "Muscle Relaxant",
                "Benzodiazepines",
                "Anti-epilepsy drugs",
                "Antidepressant",
                "Proton Pump Inhibitors",
                "Sedative-hypnotics",
                "Topical Analgesics",
                "Topical Compounds",
            ],
        ),
        (
            "Diagnostic Testing",
            ["Imaging / Radiology", "EMG/NCV/NCS", "Lab & Pathology", "Other Diagnostic Tests"],
        ),
        (
            "Rehabilitation",
            [
                "Physical Therapy/Occupational Therapy",
                "Chiropractic",
                "Acupuncture",
                "Other Therapies",
            ],
        ),
        ("Injection", ["Facet Injection", "Injection"]),
        (
            "Surgery",
            [
                "Spine",
                "Arthroscopic",
                "Non-arthroscopic",
                "Adjunct Surgical Services",
                "Surgical Consult",
            ],
        ),
        ("DMEPOS", ["DME", "Electrical Stimulation", "Prosthetics/Orthotics", "Supplies"]),
        ("Evaluation & Management", ["Medical Specialties", "Dental Services"]),
        ("Psych Services", ["Evaluation & Management", "Therapies"]),
        ("Home Health", []),
        ("Programs", []),
        ("Therapies", []),
        ("Transportation", []),
    ]


def test_the_category_is_in_the_json_schema_and_the_tables() -> None:
    schema = imrparse.json_schema()
    request = schema["$defs"]["Request"]["properties"]["category"]
    assert request["default"] is None
    record = schema["$defs"]["RequestCategory"]
    assert sorted(record["properties"]) == ["category", "drug_class", "subcategory"]
    assert schema["$defs"]["TreatmentSubcategory"]["enum"][:2] == ["Opioids", "NSAID"]
    record = imrparse.parse((LETTERS / "seed_000_d3b73cfd4dd990bb.txt").read_text("utf-8"))
    row = imrparse.to_rows(record, letter_id="x")["decisions"][0]
    assert (row["request_category"], row["request_subcategory"], row["request_drug_class"]) == (
        "Pharmaceuticals",
        "Benzodiazepines",
        "benzodiazepine",
    )
    assert imrparse.from_dict(imrparse.to_dict(record)) == record


def test_show_prints_the_category(capsys: pytest.CaptureFixture[str]) -> None:
    from imrparse.cli.main import main

    assert main(["show", str(LETTERS / "g2_no_age.txt"), "--width", "100"]) == 0
    lines = [" ".join(line.split()) for line in capsys.readouterr().out.splitlines()]
    assert [line for line in lines if line.startswith("Category")] == [
        "Category Rehabilitation > Physical Therapy/Occupational Therapy",
        "Category Pharmaceuticals > Topical Analgesics, drug class NSAID",
    ]


# -- the corpus ---------------------------------------------------------------------------

# Every drug the corpus letters request, and its class, as a pharmacist files it.
CORPUS_DRUGS = {
    "viagra": D.PDE5_INHIBITOR,
    "norco": D.OPIOID,
    "percocet": D.OPIOID,
    "zofran": D.ANTIEMETIC,
    "naproxen": D.NSAID,
    "cyclobenzaprine": D.MUSCLE_RELAXANT,
    "famotidine": D.H2_BLOCKER,
    "lidopro": D.COMPOUND,
    "colace": D.LAXATIVE,
    "prevacid": D.PROTON_PUMP_INHIBITOR,
    "tramadol": D.OPIOID,
    "ultram": D.OPIOID,
    "flexeril": D.MUSCLE_RELAXANT,
}


def _corpus_decisions() -> list[imrparse.Decision]:
    folder = Path(str(CORPUS)) / "pypdf"
    return [
        decision
        for path in sorted(folder.glob("*.txt"))
        for decision in imrparse.parse(path.read_text(encoding="utf-8-sig")).decisions
    ]


def _known_drugs() -> set[str]:
    data = json.loads(
        resources.files("imrparse.read.free_text").joinpath(VOCABULARY_FILE).read_text()
    )
    return {name.lower() for names in data["drugs"].values() for name in names}


@pytest.mark.skipif(not CORPUS, reason="IMRPARSE_CORPUS is not set")
def test_every_corpus_drug_the_vocabulary_knows_gets_its_class() -> None:
    known = _known_drugs()
    requested = {
        (d.request.name or "").lower(): d.request.category
        for d in _corpus_decisions()
        if (d.request.name or "").lower() in known
    }
    assert sorted(requested) == sorted(CORPUS_DRUGS)
    assert {
        name: category.drug_class if category else None for name, category in requested.items()
    } == CORPUS_DRUGS


@pytest.mark.skipif(not CORPUS, reason="IMRPARSE_CORPUS is not set")
def test_most_corpus_items_get_a_category() -> None:
    decisions = _corpus_decisions()
    with_category = sum(d.request.category is not None for d in decisions)
    share = with_category / len(decisions)
    print(f"\n{with_category} of {len(decisions)} corpus items have a category ({share:.1%})")
    assert share >= 0.95
