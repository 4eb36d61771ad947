"""The inside of a guideline sentence: titles, edition years, sections and pages.

The grammar finds the sentences (``Decision based on MTUS ...``, ``Decision based on
Non-MTUS Citation ...``); this module reads the citation body each one carries.
"""

from __future__ import annotations

import re

from imrparse.models import Citation, CitationSource
from imrparse.read.free_text.brackets import split_outside_brackets

__all__ = ["LocatedCitation", "read_mtus", "read_non_mtus", "read_pages"]

#: A citation and where its text is in the body it was read from: (citation, start, end).
LocatedCitation = tuple[Citation, int, int]

# MTUS titles and ACOEM chapter names, so that a title holding commas ("Forearm, Wrist,
# and Hand Complaints") is read whole.
_MTUS_TITLES = (
    r"Forearm,? Wrist,? and Hand Complaints",
    r"Neck and Upper Back Complaints",
    r"Low Back Complaints",
    r"Shoulder Complaints",
    r"Elbow (?:Complaints|Disorders)",
    r"Knee Complaints",
    r"Ankle and Foot Complaints",
    r"Stress Related Conditions",
    r"Eye Chapter",
    r"General Approaches",
    r"Initial Approaches to Treatment",
    r"Chronic Pain (?:Medical )?Treatment(?: Guidelines)?",
    r"Acupuncture (?:Medical )?Treatment(?: Guidelines)?",
    r"Postsurgical (?:Medical )?Treatment(?: Guidelines)?",
    r"Opioids? Treatment(?: Guidelines)?",
)
_KNOWN_TITLE = "|".join(_MTUS_TITLES)
# Second generation: "<title> <year>[ Guidelines]", at the start or after ", and".
_CHAPTER = re.compile(
    rf"(?:^|,? and |; )(?:ACOEM )?(?P<title>{_KNOWN_TITLE}|[A-Z][A-Za-z/&' -]{{0,80}}?)"
    r" (?P<year>(?:19|20)\d\d)\b(?: Guidelines)?",
)
# First generation: the title runs to the first word that ends a title.
_FIRST_TITLE = re.compile(
    rf"(?:ACOEM )?(?P<title>{_KNOWN_TITLE}"
    r"|[A-Z][A-Za-z/&' ()-]{0,80}?\b(?:Guidelines|Complaints|Disorders|Conditions))\b"
)
_PAGES_LABEL = re.compile(r"\bPages?(?:\(s\))?:?\s*", re.IGNORECASE)
_SECTIONS_LABEL = re.compile(r"^[,;:]?\s*Sections?(?:\(s\))?:?\s*", re.IGNORECASE)
_NUMBERED_SECTION = re.compile(r",\s+(?=\d+(?:\.\d+)*\.? [A-Z])")
_PAGE_NUMBERS = re.compile(r"(\d{1,4})(?:\s*-\s*(\d{1,4}))?")
# Section names that hold a comma of their own.
_SECTIONS_WITH_COMMAS = (
    "NSAIDs, GI symptoms & cardiovascular risk",
    "NSAIDs, hypertension and renal function",
    "NSAIDs, specific drug list & adverse effects",
)
# Non-MTUS sources known by name; anything else keeps its words only in `text`.
_NON_MTUS_TITLES = re.compile(
    r"^(?P<title>Official Disability Guidelines(?: \(ODG\))?|ODG(?: Guidelines)?"
    r"|American College of Occupational and Environmental Medicine(?: \(ACOEM\))?"
    r"|ACOEM(?: Practice Guidelines| Guidelines)?|UpToDate|Medical Treatment Utilization"
    r" Schedule)(?=$|[\s:,;.-])[\s:,-]*"
)
_NON_MTUS_PAGES = re.compile(r"^(?:pg|pgs|pp|p|pages?)\.?\s*(?P<pages>\d[\d\s,-]*)$", re.IGNORECASE)
_YEAR = re.compile(r"^(?:19|20)\d\d$")
# A longest allowed page range: anything wider is a misreading, not pages.
_MAX_RANGE = 200


def read_pages(text: str) -> tuple[int, ...]:
    """Page numbers in ``24, 66``, ``24; 66`` or ``76-80``, ranges expanded, each once.

    >>> read_pages("76-80; 24")
    (76, 77, 78, 79, 80, 24)
    """
    pages: list[int] = []
    for match in _PAGE_NUMBERS.finditer(text):
        first = int(match.group(1))
        last = int(match.group(2)) if match.group(2) else first
        if not first <= last <= first + _MAX_RANGE:
            last = first
        for page in range(first, last + 1):
            if page not in pages:
                pages.append(page)
    return tuple(pages)


def read_mtus(text: str) -> tuple[LocatedCitation, ...]:
    """Read the body of ``Decision based on MTUS <body>`` into one citation per title.

    >>> [c.title for c, _, _ in read_mtus("Low Back Complaints 2004, Section(s): Summary, "
    ...     "and Chronic Pain Medical Treatment 2016, Section(s): Facet blocks.")]
    ['Low Back Complaints', 'Chronic Pain Medical Treatment']
    """
    body = _body(text)
    if not body:
        return ()
    head, pages = _split_pages(body)
    chapters = list(_CHAPTER.finditer(head))
    if chapters and chapters[0].start() == 0:
        ends = [chapter.start() for chapter in chapters[1:]] + [len(head)]
        # Pages written after the last chapter belong to it.
        return tuple(
            _chapter(head, chapter, end, pages if end == len(head) else ())
            for chapter, end in zip(chapters, ends, strict=True)
        )
    title_match = _FIRST_TITLE.match(head)
    title = title_match.group("title") if title_match else None
    topics = head[title_match.end() :] if title_match else head
    sections = tuple(_clean(topic) for topic in topics.split(";") if _clean(topic))
    citation = Citation(
        source=CitationSource.MTUS, text=body, title=title, sections=sections, pages=pages
    )
    return ((citation, 0, len(body)),)


def _split_pages(body: str) -> tuple[str, tuple[int, ...]]:
    label = _PAGES_LABEL.search(body)
    if label is None:
        return body, ()
    return body[: label.start()].strip(), read_pages(body[label.end() :])


def _chapter(
    head: str, chapter: re.Match[str], end: int, pages: tuple[int, ...]
) -> LocatedCitation:
    start = chapter.start("title")
    text = head[start:end].rstrip(" ,;")
    sections_text = _SECTIONS_LABEL.sub("", head[chapter.end() : end].strip(" ,;"))
    citation = Citation(
        source=CitationSource.MTUS,
        text=text,
        title=chapter.group("title"),
        year=int(chapter.group("year")),
        sections=_split_sections(sections_text),
        pages=pages,
    )
    return citation, start, start + len(text)


def _split_sections(text: str) -> tuple[str, ...]:
    """Split a ``Section(s):`` list; see docs/reading-rules.md for the rules."""
    text = text.strip(" ,;.")
    if not text:
        return ()
    if text[0].isdigit():
        return tuple(_clean(piece) for piece in _NUMBERED_SECTION.split(text) if _clean(piece))
    sections: list[str] = []
    for piece in (_clean(piece) for piece in text.split(",")):
        if not piece:
            continue
        if sections and (piece[0].islower() or _continues_known(sections[-1], piece)):
            sections[-1] = f"{sections[-1]}, {piece}"
        else:
            sections.append(piece)
    return tuple(sections)


def _continues_known(previous: str, piece: str) -> bool:
    joined = f"{previous}, {piece}"
    return any(known.startswith(joined) for known in _SECTIONS_WITH_COMMAS)


def read_non_mtus(body: str) -> tuple[LocatedCitation, ...]:
    """Read the body of ``Decision based on Non-MTUS Citation <body>`` into a citation.

    >>> ((c, start, end),) = read_non_mtus("Official Disability Guidelines (ODG), Pain, UDT.")
    >>> c.title, c.sections, (start, end)
    ('Official Disability Guidelines (ODG)', ('Pain', 'UDT'), (0, 47))
    """
    text = _body(body)
    if not text:
        return ()
    title_match = _NON_MTUS_TITLES.match(text)
    title = title_match.group("title") if title_match else None
    sections: list[str] = []
    pages: tuple[int, ...] = ()
    year: int | None = None
    rest_start = title_match.end() if title_match else 0
    for piece_start, piece_end in split_outside_brackets(text, rest_start):
        piece = _clean(text[piece_start:piece_end])
        if not piece:
            continue
        page_match = _NON_MTUS_PAGES.match(piece)
        if page_match:
            new = read_pages(page_match.group("pages"))
            pages += tuple(page for page in new if page not in pages)
        elif _YEAR.match(piece) and year is None:
            year = int(piece)
        else:
            sections.append(piece)
    citation = Citation(
        source=CitationSource.NON_MTUS,
        text=text,
        title=title,
        year=year,
        sections=tuple(sections),
        pages=pages,
    )
    return ((citation, 0, len(text)),)


def _body(text: str) -> str:
    """A citation body without its closing full stop; leading text is kept in place."""
    return text.rstrip().rstrip(".").rstrip()


def _clean(text: str) -> str:
    return " ".join(text.split()).strip(" ,;:.")
