"""Strategies for records that a real letter can hold, and that read back unchanged.

Part of :mod:`imrparse.testing`; import the strategies from there.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

import attrs
from attrs import frozen
from hypothesis import strategies as st

from imrparse import models
from imrparse.read import messages
from imrparse.read.free_text.categories import read_category
from imrparse.read.free_text.dates import century, reference_year
from imrparse.read.free_text.request import read_request
from imrparse.testing import vocabulary as words

__all__ = ["determinations"]

# ---------------------------------------------------------------------------------
# Dates as letters write them.
# ---------------------------------------------------------------------------------

_FOUR_DIGIT_FORMS = (
    "{m:02d}/{d:02d}/{y}",
    "{m}/{d}/{y}",
    "{m:02d}-{d:02d}-{y}",
    "{m:02d}-{d:02d}- {y}",
    "{m:02d}/{d:02d}/ {y}",
    "{month} {d}, {y}",
    "{month} {d:02d}, {y}",
    "{abbreviation}. {d}, {y}",
)
_TWO_DIGIT_FORMS = ("{m:02d}/{d:02d}/{yy:02d}", "{m:02d}-{d:02d}-{yy:02d}")


def _write_date(date: datetime.date, form: str) -> str:
    abbreviation = words.MONTH_ABBREVIATIONS[date.month - 1]
    if "{abbreviation}" in form and not abbreviation:
        form = "{month} {d}, {y}"  # May, June and July are not abbreviated
    return form.format(
        m=date.month,
        d=date.day,
        y=date.year,
        yy=date.year % 100,
        month=words.MONTH_NAMES[date.month - 1],
        abbreviation=abbreviation,
    )


def _reference_year(case: models.CaseHeader | None) -> int:
    """The year the reader reads two-digit years against, for a header it will read."""
    if case is None:
        return reference_year(())
    dates = (
        case.date_assigned,
        case.date_of_injury,
        case.decision_date,
        case.ur_denial_date,
        case.application_received,
    )
    return reference_year(date.year for date in dates if date is not None)


def _filler_dates() -> st.SearchStrategy[str]:
    """Dates inside free text: four-digit years only, so nothing in them is doubtful."""
    return st.builds(
        _write_date,
        st.dates(datetime.date(2010, 1, 1), datetime.date(2017, 6, 30)),
        st.sampled_from(_FOUR_DIGIT_FORMS[:5]),
    )


# ---------------------------------------------------------------------------------
# Lists as summaries write them.
# ---------------------------------------------------------------------------------


def _has_and(entry: str) -> bool:
    return " and " in f" {entry} "


@st.composite
def _written_list(
    draw: st.DrawFn, entries: Sequence[str], *, lettered: bool, and_splits: bool
) -> str:
    """Write entries as one list in a form the reading rules split back into them.

    The last piece of a comma list with no serial comma is split once more on " and "
    (``atorvastatin and Aspirin``), so an entry holding "and" may not sit where that split
    would cut it. A list with no comma at all is one diagnosis (``lumbar sprain and
    strain``) but is split on its " and " when it lists medications (``and_splits``).
    """
    if len(entries) == 1:
        return entries[0]
    forms = ["serial", "commas", "semicolons"]
    if _has_and(entries[-1]):
        forms = ["serial"]
    elif not _has_and(entries[-2]) and (len(entries) >= 3 or and_splits):
        forms.append("no_serial")
    if lettered:
        forms.append("lettered")
    form = draw(st.sampled_from(forms))
    if form == "serial":
        return f"{', '.join(entries[:-1])}, and {entries[-1]}"
    if form == "commas":
        return ", ".join(entries)
    if form == "semicolons":
        return "; ".join(entries)
    if form == "no_serial":
        return f"{', '.join(entries[:-1])} and {entries[-1]}"
    separator = draw(st.sampled_from([", ", "; "]))
    marked = [f"({chr(ord('a') + index)}) {entry}" for index, entry in enumerate(entries)]
    return f"{separator.join(marked[:-1])}{separator}and {marked[-1]}"


# ---------------------------------------------------------------------------------
# The record's parts.
# ---------------------------------------------------------------------------------


@st.composite
def _headers(draw: st.DrawFn, generation: str) -> models.CaseHeader:
    """A header block; second-generation letters always have every value."""
    first_year, last_year = (2013, 2015) if generation == models.GENERATION_2013 else (2016, 2017)
    assigned = draw(st.dates(datetime.date(first_year, 1, 1), datetime.date(last_year, 6, 30)))
    ur_denial = assigned - datetime.timedelta(days=draw(st.integers(10, 60)))
    received = ur_denial + datetime.timedelta(days=draw(st.integers(1, 9)))
    decision = assigned + datetime.timedelta(days=draw(st.integers(5, 60)))
    injury = draw(st.dates(datetime.date(1990, 1, 1), ur_denial))
    number = draw(st.integers(0, 9_999_999))
    values: dict[str, Any] = {
        "case_number": f"CM{assigned.year % 100:02d}-{number:07d}",
        "date_assigned": assigned,
        "date_of_injury": injury,
        "decision_date": decision,
        "ur_denial_date": ur_denial,
        "priority": draw(st.sampled_from(["Standard", "Standard", "Expedited"])),
        "application_received": received,
    }
    if generation == models.GENERATION_2013:
        # Some values missing: a label with no value of its form is None.
        for name in draw(st.sets(st.sampled_from(sorted(values)))):
            values[name] = None
    return models.CaseHeader(**values)


@st.composite
def _reviewers(draw: st.DrawFn, generation: str) -> models.Reviewer:
    states = tuple(
        draw(st.lists(st.sampled_from(words.STATES), min_size=1, max_size=3, unique=True))
    )
    if generation == models.GENERATION_2016:
        certifications = draw(
            st.lists(
                st.sampled_from(words.CERTIFICATIONS_2016), min_size=1, max_size=3, unique=True
            )
        )
        return models.Reviewer(
            certifications=tuple(certifications),
            licensed_in=states,
            min_years_in_practice=draw(_practice_numbers(5)),
            min_hours_per_week=draw(_practice_numbers(24)),
        )
    years = draw(_practice_numbers(5))
    hours = draw(_practice_numbers(24))
    if draw(st.integers(0, 9)) == 0:
        return models.Reviewer(
            profession=draw(st.sampled_from(words.PROFESSIONS)),
            licensed_in=states,
            min_years_in_practice=years,
            min_hours_per_week=hours,
        )
    certifications = draw(
        st.lists(st.sampled_from(words.CERTIFICATIONS_2013), min_size=1, max_size=3, unique=True)
    )
    subspecialties = draw(st.lists(st.sampled_from(words.SUBSPECIALTIES), max_size=2, unique=True))
    return models.Reviewer(
        certifications=tuple(certifications),
        subspecialties=tuple(subspecialties),
        licensed_in=states,
        min_years_in_practice=years,
        min_hours_per_week=hours,
    )


def _practice_numbers(usual: int) -> st.SearchStrategy[int]:
    """Mostly the value letters print, sometimes any number a letter could print (0-99)."""
    return st.one_of(st.just(usual), st.just(usual), st.integers(0, 99))


@frozen
class _FirstSentence:
    claimant: models.Claimant
    text: str
    #: The summary must carry pronouns of this sex (sex read from pronouns only).
    pronoun_sex: models.Sex | None
    warnings: tuple[models.ReadWarning, ...]


def _article(age: int | None, word: str) -> str:
    if age is not None:
        spoken = str(age)
        return "an" if spoken.startswith("8") or spoken in ("11", "18") else "a"
    return "an" if word[:1] in "aeiou" else "a"


@st.composite
def _first_sentences(
    draw: st.DrawFn, case: models.CaseHeader | None, *, doubtful: bool
) -> _FirstSentence:
    """The summary's first sentence, and the claimant the reading rules take from it.

    The injury is the header's when the header gives one, as in real letters.
    """
    reference_year = _reference_year(case)
    header_injury = case.date_of_injury if case is not None else None
    role: str | None = draw(st.sampled_from((*words.ROLES, None)))
    age: int | None = draw(st.one_of(st.none(), st.integers(18, 80)))
    sex: models.Sex | None = draw(st.sampled_from([models.Sex.MALE, models.Sex.FEMALE, None]))
    pronoun_sex = sex if doubtful and sex is not None and draw(st.booleans()) else None
    injury: datetime.date | None = draw(
        st.one_of(st.none(), st.just(header_injury))
        if header_injury is not None
        else st.one_of(st.none(), st.dates(datetime.date(1990, 1, 1), datetime.date(2016, 12, 31)))
    )
    warnings: list[models.ReadWarning] = []
    if pronoun_sex is not None:
        warnings.append(
            models.ReadWarning(
                kind=models.WarningKind.DOUBTFUL_VALUE,
                field="claimant.sex",
                message=messages.SEX_FROM_PRONOUNS,
            )
        )
    date_text = ""
    if injury is not None:
        forms = list(_FOUR_DIGIT_FORMS)
        if doubtful and century(injury.year % 100, reference_year) == injury.year:
            forms.extend(_TWO_DIGIT_FORMS)
        form = draw(st.sampled_from(forms))
        date_text = _write_date(injury, form)
        if form in _TWO_DIGIT_FORMS and injury != header_injury:
            # A two-digit year the header confirms is no doubt.
            warnings.append(
                models.ReadWarning(
                    kind=models.WarningKind.DOUBTFUL_VALUE,
                    field="claimant.date_of_injury",
                    message=messages.two_digit_year(date_text, injury.year),
                )
            )

    age_phrase = ""
    if age is not None:
        age_phrase = draw(st.sampled_from(["{} year old", "{}-year-old", "{} year-old"])).format(
            age
        )
    sex_word = sex.value if sex is not None and pronoun_sex is None else ""
    described = " ".join(part for part in (age_phrase, sex_word) if part)
    if role is None and not described:
        role = "injured worker"
    if injury is None:
        clause = draw(st.sampled_from(words.NO_DATE_CLAUSES))
        with_phrase = draw(st.sampled_from(words.NO_DATE_WITH))
    else:
        mechanism = draw(st.sampled_from(words.MECHANISMS))
        clause = draw(st.sampled_from(words.INJURY_CLAUSES)).format(date=date_text) + mechanism
        with_phrase = draw(st.sampled_from(words.INJURY_WITH)).format(date=date_text) + mechanism
    noun = None if role is None else ("IW" if role == "iw" else role)
    forms = []
    if noun is not None:
        if not described:
            forms.append(f"The {noun} {clause}.")
        forms.append(f"The {described + ' ' if described else ''}{noun} {clause}.")
        if described:
            article = draw(st.sampled_from([_article(age, described), "a(n)"]))
            forms.append(f"The {noun} is {article} {described} who {clause}.")
            forms.append(f"The {noun} is {article} {described} {with_phrase}.")
            if injury is not None:
                forms.append(f"The {noun} is {article} {described} injured on {date_text}.")
    if described:
        forms.append(f"This case involves a now {described} {with_phrase}.")
        forms.append(f"This is {_article(age, described)} {described} {with_phrase}.")
    if role is not None:
        # Sentences without the role noun would read role=None.
        forms = [form for form in forms if noun is not None and noun in form]
    text = draw(st.sampled_from(forms))
    claimant = models.Claimant(role=role, age=age, sex=sex, date_of_injury=injury)
    return _FirstSentence(claimant, text, pronoun_sex, tuple(warnings))


def _first_role_noun(text: str) -> str | None:
    """The first of the role nouns the summary's later sentences use, if any."""
    lowered = text.lower()
    nouns = ("injured worker", "patient")
    found = [(lowered.find(noun), noun) for noun in nouns if noun in lowered]
    return min(found)[1] if found else None


@frozen
class _Summary:
    text: str
    diagnoses: tuple[str, ...]
    medications: tuple[str, ...]


@st.composite
def _list_sentences(
    draw: st.DrawFn,
    entries: Sequence[str],
    leads: Sequence[str],
    single_leads: Sequence[str],
    *,
    lettered: bool,
    and_splits: bool = False,
) -> list[tuple[str, list[str]]]:
    """One or two sentences that introduce ``entries`` (the second may repeat some)."""
    if not entries:
        return []
    cut = draw(st.integers(1, len(entries)))
    chunks = [list(entries[:cut]), list(entries[cut:])]
    repeat = draw(st.booleans())
    if chunks[1] and repeat:
        # A later list may repeat an entry; the record keeps each once.
        chunks[1].insert(0, chunks[0][-1])
    sentences = []
    for chunk in chunks:
        if chunk:
            written = draw(
                _written_list(chunk, lettered=lettered and len(chunk) > 1, and_splits=and_splits)
            )
            # A lettered list's last entry runs on to the next marker in reach, so a
            # summary holds at most one lettered list.
            lettered = lettered and not written.startswith("(a)")
            lead = draw(st.sampled_from([*leads, *(single_leads if len(chunk) == 1 else ())]))
            sentences.append((f"{lead} {written}.", chunk))
    return sentences


@st.composite
def _summaries(draw: st.DrawFn, first: _FirstSentence) -> _Summary:
    """The whole case summary: first sentence, findings, and the introduced lists."""
    sex = first.claimant.sex
    pronouns = words.PRONOUNS[sex] if sex is not None else None
    diagnoses = draw(st.lists(st.sampled_from(words.DIAGNOSES), max_size=5, unique=True))
    medications = draw(st.lists(st.sampled_from(words.MEDICATIONS), max_size=5, unique=True))
    subject = draw(st.sampled_from(["The injured worker", "The patient"]))
    diagnosis_leads = [
        "Current diagnoses included",
        "Diagnoses include",
        "Diagnoses included",
        f"{subject} was diagnosed with",
        "Diagnoses:",
    ]
    # "has a diagnosis of" is singular: what follows is one diagnosis, commas and all.
    single_diagnosis_leads = [f"{subject} has a diagnosis of", "The current diagnosis is"]
    medication_leads = [
        "Current medications include",
        "Current medications included",
        "Current medication regimen included",
        "Medications include",
        "Medications included",
    ]
    fillers = list(words.SUMMARY_FILLERS)
    if pronouns is not None:
        diagnosis_leads.append("{He} is diagnosed with")
        medication_leads.extend(["{His} medications included", "{He} was taking"])
        fillers.extend(words.PRONOUN_FILLERS)
    # (sentence, diagnoses it lists, medications it lists)
    sentences: list[tuple[str, list[str], list[str]]] = [
        (filler, [], []) for filler in draw(st.lists(st.sampled_from(fillers), max_size=6))
    ]
    if first.pronoun_sex is not None:
        sentences.append((draw(st.sampled_from(words.PRONOUN_FILLERS)), [], []))
    diagnosis_sentences = draw(
        _list_sentences(diagnoses, diagnosis_leads, single_diagnosis_leads, lettered=True)
    )
    for sentence, chunk in diagnosis_sentences:
        sentences.append((sentence, chunk, []))
    medication_sentences = draw(
        _list_sentences(medications, medication_leads, (), lettered=False, and_splits=True)
    )
    for sentence, chunk in medication_sentences:
        sentences.append((sentence, [], chunk))
    written = [first.text]
    listed_diagnoses: list[str] = []
    listed_medications: list[str] = []
    for sentence, diagnosis_chunk, medication_chunk in draw(st.permutations(sentences)):
        if "{date}" in sentence:
            sentence = sentence.replace("{date}", draw(_filler_dates()))
        if pronouns is not None:
            sentence = sentence.format(**pronouns)
        written.append(sentence)
        # The record lists entries in the order the summary gives them, each once.
        listed_diagnoses.extend(e for e in diagnosis_chunk if e not in listed_diagnoses)
        listed_medications.extend(e for e in medication_chunk if e not in listed_medications)
    return _Summary(" ".join(written), tuple(listed_diagnoses), tuple(listed_medications))


# ---------------------------------------------------------------------------------
# Decisions and their guideline lines.
# ---------------------------------------------------------------------------------


@st.composite
def _page_groups(draw: st.DrawFn) -> tuple[str, tuple[int, ...]]:
    """Pages as written for one topic (``24``, ``76-80``, ``24, 66``) and as read."""
    parts = []
    pages: list[int] = []
    for _ in range(draw(st.integers(1, 2))):
        first = draw(st.integers(1, 400))
        if draw(st.booleans()):
            last = first + draw(st.integers(1, 6))
            parts.append(f"{first}-{last}")
            pages.extend(range(first, last + 1))
        else:
            parts.append(str(first))
            pages.append(first)
    return ", ".join(parts), tuple(pages)


def _unique_pages(groups: Sequence[tuple[int, ...]]) -> tuple[int, ...]:
    pages: list[int] = []
    for group in groups:
        pages.extend(page for page in group if page not in pages)
    return tuple(pages)


@st.composite
def _mtus_2013(draw: st.DrawFn) -> tuple[str, models.Citation]:
    """A first-generation MTUS sentence and its citation.

    ``Decision based on MTUS <title> [<topics>] [Page(s): <pages>].``
    """
    written_title, title = draw(st.sampled_from(words.MTUS_TITLES_2013))
    topics = draw(st.lists(st.sampled_from(words.MTUS_TOPICS_2013), max_size=3, unique=True))
    groups: list[tuple[str, tuple[int, ...]]] = []
    if draw(st.booleans()):
        one_group_per_topic = draw(st.booleans())
        count = len(topics) if topics and one_group_per_topic else 1
        groups = [draw(_page_groups()) for _ in range(count)]
    body = written_title
    if topics:
        body = f"{body} {'; '.join(topics)}"
    if groups:
        body = f"{body} Page(s): {'; '.join(text for text, _ in groups)}"
    citation = models.Citation(
        source=models.CitationSource.MTUS,
        text=body,
        title=title,
        sections=tuple(topics),
        pages=_unique_pages([pages for _, pages in groups]),
    )
    return f"Decision based on MTUS {body}.", citation


@st.composite
def _mtus_2016(draw: st.DrawFn) -> tuple[str, tuple[models.Citation, ...]]:
    """A second-generation MTUS sentence and its citations, one per chapter.

    ``Decision based on MTUS <title> <year>, Section(s): ..., and <title> <year>.``
    """
    chapters = draw(
        st.lists(st.sampled_from(words.MTUS_CHAPTERS_2016), min_size=1, max_size=2, unique=True)
    )
    parts = []
    citations = []
    for title, year in chapters:
        if draw(st.integers(0, 4)) == 0:
            sections = draw(
                st.lists(
                    st.sampled_from(words.MTUS_NUMBERED_SECTIONS_2016),
                    min_size=1,
                    max_size=2,
                    unique=True,
                )
            )
        else:
            sections = draw(
                st.lists(st.sampled_from(words.MTUS_SECTIONS_2016), max_size=3, unique=True)
            )
        guidelines = " Guidelines" if draw(st.integers(0, 5)) == 0 else ""
        text = f"{title} {year}{guidelines}"
        if sections:
            text = f"{text}, Section(s): {', '.join(sections)}"
        parts.append(text)
        citations.append(
            models.Citation(
                source=models.CitationSource.MTUS,
                text=text,
                title=title,
                year=year,
                sections=tuple(sections),
            )
        )
    return f"Decision based on MTUS {', and '.join(parts)}.", tuple(citations)


@st.composite
def _non_mtus(draw: st.DrawFn) -> tuple[str, models.Citation]:
    """A Non-MTUS sentence and its citation.

    ``Decision based on Non-MTUS Citation <source>.``
    """
    if draw(st.integers(0, 4)) == 0:
        source = draw(st.sampled_from(words.OTHER_SOURCES))
        text = ", ".join(source)
        citation = models.Citation(
            source=models.CitationSource.NON_MTUS, text=text, sections=source
        )
        return f"Decision based on Non-MTUS Citation {text}.", citation
    title = draw(st.sampled_from(words.NON_MTUS_TITLES))
    sections = draw(st.lists(st.sampled_from(words.NON_MTUS_SECTIONS), max_size=3, unique=True))
    year = draw(st.one_of(st.none(), st.sampled_from([2014, 2015, 2016])))
    pages: tuple[int, ...] = ()
    pieces = [str(year)] if year is not None else []
    pieces.extend(sections)
    if draw(st.integers(0, 4)) == 0:
        page = draw(st.integers(1, 900))
        pieces.append(f"pg. {page}")
        pages = (page,)
    text = title
    if pieces:
        # "ODG Shoulder, ..." or "ODG, Shoulder, ...": both leave the same sections.
        joiner = draw(st.sampled_from([", ", " "])) if sections and year is None else ", "
        text = f"{title}{joiner}{', '.join(pieces)}"
    citation = models.Citation(
        source=models.CitationSource.NON_MTUS,
        text=text,
        title=title,
        year=year,
        sections=tuple(sections),
        pages=pages,
    )
    return f"Decision based on Non-MTUS Citation {text}.", citation


@st.composite
def _bases(draw: st.DrawFn, generation: str, who: str) -> models.Basis:
    """One guideline line for ``who`` (``'Claims Administrator'`` or ``'Expert Reviewer'``)."""
    kind = draw(st.sampled_from(["mtus", "mtus", "mtus_non", "refusal_non", "no_evidence", "non"]))
    if kind == "no_evidence":
        text = f"The {who} did not cite any medical evidence for its decision."
        return models.Basis(text=text, based_on_mtus=False, cites_evidence=False)
    sentences: list[str] = []
    citations: list[models.Citation] = []
    if kind == "refusal_non":
        sentences.append(
            draw(
                st.sampled_from(
                    [
                        f"The {who} did not base their decision on the MTUS.",
                        f"The {who} based their decision on recommendation(s) outside of the "
                        "MTUS Guidelines.",
                    ]
                )
            )
        )
    if kind.startswith("mtus"):
        if generation == models.GENERATION_2013:
            sentence, citation = draw(_mtus_2013())
            sentences.append(sentence)
            citations.append(citation)
        else:
            sentence, chapters = draw(_mtus_2016())
            sentences.append(sentence)
            citations.extend(chapters)
    if kind.endswith("non"):
        for _ in range(draw(st.integers(1, 2))):
            sentence, citation = draw(_non_mtus())
            sentences.append(sentence)
            citations.append(citation)
    return models.Basis(
        text=" ".join(sentences),
        based_on_mtus=kind.startswith("mtus"),
        cites_evidence=True,
        citations=tuple(citations),
    )


@st.composite
def _items(draw: st.DrawFn, *, partial: bool) -> tuple[str, str | None, str | None]:
    """An item line's item, and for a partly authorised request the original and granted."""
    kind = draw(st.sampled_from(["drug", "drug", "service", "procedure"]))
    if kind == "drug" or partial:
        name, strengths = draw(st.sampled_from(words.DRUG_ITEMS))
        strength = draw(st.sampled_from(strengths))
        quantity = draw(st.integers(1, 180))
        if partial:
            granted = draw(st.integers(1, 120))
            return (
                f"{name} {strength} #{quantity}",
                f"{name} {strength} #{quantity + granted}",
                f"{name} {strength} #{granted}",
            )
        form = draw(
            st.sampled_from(
                [
                    "{name} {strength} #{quantity}",
                    "{quantity} Tablets of {name} {strength}",
                    "{name} {strength}, QTY: {quantity}",
                    "{name} {strength} #{quantity} with 2 refills",
                    "Retrospective request for {name} {strength} #{quantity}",
                ]
            )
        )
        return form.format(name=name, strength=strength, quantity=quantity), None, None
    if kind == "service":
        service = draw(st.sampled_from(words.SERVICES))
        quantity = draw(st.integers(1, 24))
        form = draw(
            st.sampled_from(
                [
                    "{service}, QTY: {quantity}",
                    "{service} x {quantity} sessions",
                    "{service} x {quantity}",
                    "{service} 2 times a week for {quantity} weeks for the lumbar spine",
                ]
            )
        )
        return form.format(service=service, quantity=quantity), None, None
    return draw(st.sampled_from(words.PROCEDURES)), None, None


@st.composite
def _decisions(draw: st.DrawFn, generation: str) -> models.Decision:
    partial = generation == models.GENERATION_2016 and draw(st.integers(0, 3)) == 0
    item, original, authorized = draw(_items(partial=partial))
    outcome = draw(st.sampled_from(models.Outcome))
    sentences = draw(st.lists(st.sampled_from(words.RATIONALE_FILLERS), max_size=4))
    sentences = [s.replace("{date}", draw(_filler_dates())) for s in sentences]
    necessary = (
        "is medically necessary"
        if outcome is models.Outcome.OVERTURNED
        else ("is not medically necessary")
    )
    conclusion = draw(
        st.sampled_from(
            [
                f"Therefore, the request for {item} {necessary}.",
                f"As such, the request {necessary}.",
            ]
        )
    )
    return models.Decision(
        item=item,
        # The request is read from the item by imrparse's own reader: these strategies
        # vary how letters write items, not how items break into parts.
        request=read_request(item, category=read_category(item)[0]),
        outcome=outcome,
        claims_administrator_basis=draw(_bases(generation, "Claims Administrator")),
        reviewer_basis=draw(_bases(generation, "Expert Reviewer")),
        rationale=" ".join([*sentences, conclusion]),
        original_request=original,
        authorized=authorized,
    )


@st.composite
def determinations(
    draw: st.DrawFn,
    *,
    generations: Sequence[str] = (models.GENERATION_2013, models.GENERATION_2016),
    doubtful: bool = False,
    max_decisions: int = 4,
) -> models.Determination:
    """Draw a record that a real letter can hold, and that reads back unchanged.

    Args:
        draw: Supplied by hypothesis.
        generations: Template generations to draw from.
        doubtful: Also draw values that the reading rules accept with a
            ``doubtful-value`` warning (two-digit years, sex known only from pronouns);
            such records carry the warnings :func:`imrparse.parse` gives. By default
            every value reads without doubt and ``warnings`` is empty.
        max_decisions: Most disputed items per letter.

    Returns:
        A strategy for :class:`~imrparse.models.Determination` records.

    >>> from hypothesis import find
    >>> d = find(determinations(), lambda d: len(d.decisions) == 2)
    >>> d.generation in ('2013', '2016'), len(d.decisions)
    (True, 2)
    """
    generation = draw(st.sampled_from(generations))
    case = None
    if generation == models.GENERATION_2016 or draw(st.booleans()):
        case = draw(_headers(generation))
    first = draw(_first_sentences(case, doubtful=doubtful))
    summary = draw(_summaries(first))
    claimant = first.claimant
    if claimant.role is None:
        # The role is the noun the summary first uses for the worker, in any sentence:
        # a later "The patient was diagnosed with" names it (docs/reading-rules.md).
        claimant = attrs.evolve(claimant, role=_first_role_noun(summary.text))
    decisions = draw(st.lists(_decisions(generation), min_size=1, max_size=max_decisions))
    reviewer = draw(_reviewers(generation))
    return models.Determination(
        generation=generation,
        case=case,
        reviewer=reviewer,
        reviewers=(reviewer,),
        claimant=claimant,
        diagnoses=summary.diagnoses,
        medications=summary.medications,
        summary=summary.text,
        decisions=tuple(decisions),
        warnings=first.warnings,
    )
