"""The inside of a guideline sentence: titles, edition years, sections and pages.

The grammar finds the sentences (``Decision based on MTUS ...``, ``Decision based on
Non-MTUS Citation ...``); this module reads the citation body each one carries.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from importlib.resources import files

from imrparse.models import Citation, CitationSource, Span
from imrparse.read.free_text.brackets import split_outside_brackets

__all__ = ["SpanOf", "read_mtus", "read_non_mtus", "read_pages"]

#: The span of ``body[start:end]`` for a body read: ``span_of(start, end)``. The readers
#: build each citation with its span, once (``attrs.evolve`` after them costs as much).
SpanOf = Callable[[int, int], Span | None]


def _no_span(start: int, end: int) -> None:
    """The span of a citation read without a place: none."""


# Names of guidelines, chapters and sections, kept as package data next to this module
# (guideline_names.json): a name that holds a comma is read whole.
_NAMES = json.loads(
    files(__name__.rpartition(".")[0]).joinpath("guideline_names.json").read_text("utf-8")
)


def _name_pattern(name: str) -> str:
    """A regex for a name as letters write it: commas optional, "and" or "&" alike."""
    words = []
    for word in name.split(" "):
        if word in ("and", "&"):
            words.append("(?:and|&)")
        elif word.endswith(","):
            words.append(re.escape(word[:-1]) + ",?")
        else:
            words.append(re.escape(word))
    return r"\s+".join(words)


def _alternation(names: list[str]) -> str:
    """One alternation of names, the longest first (so "Knee & Leg" beats "Knee")."""
    return "|".join(_name_pattern(name) for name in sorted(names, key=len, reverse=True))


def _key(name: str) -> str:
    """A name as compared with the vocabulary: case, commas and "&"/"and" do not count."""
    return " ".join(name.lower().replace(",", " ").replace("&", " and ").split())


_KNOWN_TITLE = _alternation(_NAMES["mtus_titles"])
_KNOWN_SECTIONS = frozenset(_key(name) for name in _NAMES["sections_with_commas"])
_LONGEST_KNOWN_SECTION = max(name.count(",") for name in _NAMES["sections_with_commas"]) + 1
# The first words of each known section name, as keys: a run of pieces can make a known
# name only if its first piece is one of these ("nsaids", "forearm wrist").
_KNOWN_SECTION_OPENINGS = frozenset(
    " ".join(words[:count])
    for words in (key.split(" ") for key in _KNOWN_SECTIONS)
    for count in range(1, len(words))
)
# The first characters of the known section names, as keys: a piece whose cleaned text
# opens with another character opens no known name (its key opens the same way).
_KNOWN_SECTION_INITIALS = frozenset(key[0] for key in _KNOWN_SECTIONS)
# A letter or digit follows: the name goes on ("Painful" is not the chapter "Pain").
_WORD_GOES_ON = r"(?![A-Za-z0-9])"
# Second generation: "<title> <year>[ Guidelines]", at the start or after ", and".
_CHAPTER_SOURCE = (
    rf"(?:ACOEM )?(?P<title>{_KNOWN_TITLE}|[A-Z][A-Za-z/&' -]{{0,80}}?)"
    r" (?P<year>(?:19|20)\d\d)\b(?: Guidelines)?"
)
_CHAPTER = re.compile(rf"(?:^|,? and |; ){_CHAPTER_SOURCE}")
# The same after the first chapter, where "^" cannot match: each opening is a literal,
# which the regex engine looks for fast.
_NEXT_CHAPTER = re.compile(rf"(?:, and | and |; ){_CHAPTER_SOURCE}")
# How far a chapter can read from where its year starts: the year, " Guidelines", and
# the character after the year that the "\b" looks at.
_YEAR_AND_MORE = len("2004 Guidelines") + 1
# First generation: the title runs to the first word that ends a title.
_FIRST_TITLE = re.compile(
    rf"(?:ACOEM )?(?P<title>{_KNOWN_TITLE}"
    r"|[A-Z][A-Za-z/&' ()-]{0,80}?\b(?:Guidelines|Complaints|Disorders|Conditions))\b"
)
_PAGES_LABEL = re.compile(r"\bPages?(?:\(s\))?:?\s*", re.IGNORECASE)
_LABEL = "Section(s): "
_LABEL_END = len(_LABEL)
_SECTIONS_LABEL = re.compile(r"^[,;:]?\s*Sections?(?:\(s\))?:?\s*", re.IGNORECASE)
_NUMBERED_SECTION = re.compile(r",\s+(?=\d+(?:\.\d+)*\.? [A-Z])")
_PAGE_NUMBERS = re.compile(r"(\d{1,4})(?:\s*-\s*(\d{1,4}))?")

# Non-MTUS sources known by name, by publisher: a citation of one publisher that runs on
# into a source of another ("ODG ...; ACOEM ...") is two citations.
_SOURCE_FAMILIES = {
    name: family for family, names in _NAMES["non_mtus_sources"].items() for name in names
}
_NON_MTUS_TITLES = re.compile(
    rf"(?P<title>(?i:{_alternation(list(_SOURCE_FAMILIES))}))(?=$|[\s:,;.()-])[\s:,-]*"
)
_SOURCE_KEYS = {_key(name): family for name, family in _SOURCE_FAMILIES.items()}
# An article opens with its authors: "Harlan K,", "Harmon LT,", "Smith J et al".
_ARTICLE = "article"
_AUTHORS_SOURCE = r"[A-Z][A-Za-z'-]{1,30} [A-Z]{1,2}(?:,| et al\b)"
_AUTHORS = re.compile(_AUTHORS_SOURCE)
# Where another source may start: a publisher or authors after a comma or a semicolon
# (brackets aside). Where this finds nothing, the body is one source. The look-ahead for
# a publisher's first letter saves trying every name after every separator (authors
# open with a capital of their own).
_SOURCE_INITIALS = re.escape("".join(sorted({name[0] for name in _SOURCE_FAMILIES})))
_MAY_START_SOURCE = re.compile(
    rf"[,;]\s*(?:(?=(?i:[{_SOURCE_INITIALS}])){_NON_MTUS_TITLES.pattern}|{_AUTHORS_SOURCE})"
)
_ARTICLE_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
# ODG chapters: "Low Back", "Knee & Leg (updated 11/22/16) Chapter", "Pain (Chronic)",
# "Shoulder (Acute & Chronic)", "Low Back and neck Chapter".
_ODG_NAME = rf"(?:{_alternation(_NAMES['odg_chapters'])}){_WORD_GOES_ON}"
_ODG_NOTE = (
    rf"\(\s*(?:{'|'.join(_name_pattern(n) for n in _NAMES['odg_chapter_notes'])})[^()]{{0,80}}\)"
)
_ODG_CHAPTER = re.compile(
    rf"(?i:{_ODG_NAME}(?:(?: and | & |/){_ODG_NAME})?"
    rf"(?P<tail>(?:\s+(?:chapter|section){_WORD_GOES_ON}|\s*{_ODG_NOTE}){{0,3}}))"
)
# What may stand between a chapter and its first section.
_AFTER_CHAPTER = re.compile(r"\s*(?:[,;:/]|\s[-\u2013]\s)\s*|\s*$")
_AFTER_CHAPTER_TAIL = re.compile(r"\s+")
_UPDATED_NOTE = re.compile(r"\(\s*updated[^()]{0,40}\)", re.IGNORECASE)
# A source that is one document read whole: a web address or an access date
# ("Sildenafil: Drug information, accessed from UpToDate.com on 12/17/2016").
_DOCUMENT = re.compile(
    r"https?://|\bwww\.|\b(?:accessed|retrieved)\b|\bdrug information\b"
    r"|\b[a-z0-9-]{1,60}\.(?:com|org|gov|net|edu)\b",
    re.IGNORECASE,
)
_NON_MTUS_PAGES = re.compile(r"^(?:pg|pgs|pp|p|pages?)\.?\s*(?P<pages>\d[\d\s,-]*)$", re.IGNORECASE)
_YEAR = re.compile(r"^(?:19|20)\d\d$")
_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_LEADING_YEAR = re.compile(r"\s*(?P<year>(?:19|20)\d\d)\s*(?:[,;]\s*|$)")
# A longest allowed page range: anything wider is a misreading, not pages.
_MAX_RANGE = 200
# What _DOCUMENT cannot match without (in lower-case ASCII text); in text without a "."
# or a ":", only the words that hold neither.
_DOCUMENT_WORDS = (
    "://",
    "www.",
    "accessed",
    "retrieved",
    "drug information",
    *(f".{domain}" for domain in ("com", "org", "gov", "net", "edu")),
)
_DOCUMENT_PLAIN_WORDS = tuple(word for word in _DOCUMENT_WORDS if not {".", ":"} & set(word))


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


def read_mtus(text: str, span_of: SpanOf = _no_span) -> tuple[Citation, ...]:
    """Read the body of ``Decision based on MTUS <body>`` into one citation per title.

    Each citation's span is ``span_of(start, end)`` of where its text is in ``text``.

    >>> [c.title for c in read_mtus("Low Back Complaints 2004, Section(s): Summary, "
    ...     "and Chronic Pain Medical Treatment 2016, Section(s): Facet blocks.")]
    ['Low Back Complaints', 'Chronic Pain Medical Treatment']
    """
    body = _body(text)
    if not body:
        return ()
    head, pages = _split_pages(body)
    # The chapters, if the body opens with one: the first, then the others after it.
    first = _CHAPTER.match(head)
    if first is not None:
        # Each later chapter opens with " and " or "; " and has a year: look only where
        # there are both (a long list of sections joined by "and" has no year), and up to
        # the last year (a chapter ends with its year, or " Guidelines" after it).
        after = first.end()
        opens = head.find(" and ", after) != -1 or head.find("; ", after) != -1
        last_year = max(head.rfind("19"), head.rfind("20")) if opens else -1
        if last_year < after:
            return (_chapter(head, first, len(head), pages, span_of),)
        chapters = [first, *_NEXT_CHAPTER.finditer(head, after, last_year + _YEAR_AND_MORE)]
        ends = [chapter.start() for chapter in chapters[1:]] + [len(head)]
        # Pages written after the last chapter belong to it.
        return tuple(
            _chapter(head, chapter, end, pages if end == len(head) else (), span_of)
            for chapter, end in zip(chapters, ends, strict=True)
        )
    title_match = _FIRST_TITLE.match(head)
    title = title_match.group("title") if title_match else None
    topics = head[title_match.end() :] if title_match else head
    sections = tuple(topic for topic in map(_clean, topics.split(";")) if topic)
    citation = Citation(
        source=CitationSource.MTUS,
        text=body,
        title=title,
        sections=sections,
        pages=pages,
        span=span_of(0, len(body)),
    )
    return (citation,)


def _is_document(text: str) -> bool:
    """Whether ``text`` names one document read whole (``_DOCUMENT``)."""
    if text.isascii():
        # In ASCII text the pattern matches only where one of these words is.
        lower = text.lower()
        plain = "." not in lower and ":" not in lower
        for word in _DOCUMENT_PLAIN_WORDS if plain else _DOCUMENT_WORDS:
            if word in lower:
                break
        else:
            return False
    return _DOCUMENT.search(text) is not None


def _is_updated_note(text: str) -> bool:
    return "(" in text and _UPDATED_NOTE.fullmatch(text) is not None


def _split_pages(body: str) -> tuple[str, tuple[int, ...]]:
    # In ASCII text the label matches only where "page" is, in any case.
    if body.isascii() and "page" not in body.lower():
        return body, ()
    label = _PAGES_LABEL.search(body)
    if label is None:
        return body, ()
    return body[: label.start()].strip(), read_pages(body[label.end() :])


def _chapter(
    head: str, chapter: re.Match[str], end: int, pages: tuple[int, ...], span_of: SpanOf
) -> Citation:
    start = chapter.start("title")
    text = head[start:end].rstrip(" ,;")
    title, year = chapter.group("title", "year")
    after_year = head[chapter.end() : end]
    # An "(updated ...)" note after the year dates the chapter: no section, no year. No
    # character but "u" and "U" matches "u" regardless of case, and so on: the note is
    # only where the lower-case text has "updated".
    if "(" in after_year and "updated" in after_year.lower():
        after_year = _UPDATED_NOTE.sub("", after_year)
    after_year = after_year.strip(" ,;")
    return Citation(
        source=CitationSource.MTUS,
        text=text,
        title=title,
        year=int(year),
        sections=_labelled_sections(after_year) if after_year else (),
        pages=pages,
        span=span_of(start, start + len(text)),
    )


def _labelled_sections(text: str) -> tuple[str, ...]:
    """The sections of ``Section(s): <SECTIONS>``, or of the list without its label.

    See docs/reading-rules.md for how the list is split.
    """
    # The label as the template writes it, one space after it, is cut without the regex.
    if text.startswith(_LABEL) and not text[_LABEL_END : _LABEL_END + 1].isspace():
        text = text[_LABEL_END:]
    else:
        label = _SECTIONS_LABEL.match(text)  # "^"-anchored: at the start only
        if label:
            text = text[label.end() :]
    text = text.strip(" ,;.")
    if not text:
        return ()
    if text[0].isdigit():
        return tuple(piece for piece in map(_clean, _NUMBERED_SECTION.split(text)) if piece)
    if "," not in text:
        return _one_section(_clean(text))
    bounds = split_outside_brackets(text, separators=",")
    return _join_sections(text, bounds, [_clean(text[start:end]) for start, end in bounds])


def _one_section(piece: str) -> tuple[str, ...]:
    """A cleaned piece as a list of sections: the piece, unless it is none."""
    return () if not piece or _is_updated_note(piece) else (piece,)


def _join_sections(text: str, bounds: list[tuple[int, int]], pieces: list[str]) -> tuple[str, ...]:
    """Cut sections at the commas between ``bounds``, keeping names that hold a comma.

    ``pieces`` are the pieces at ``bounds``, cleaned. A run of pieces that makes a known
    name ("NSAIDs, GI symptoms & cardiovascular risk") is one section; a piece that
    starts with a lower-case letter goes on the section before it ("TENS, chronic pain
    (...)"); any other piece is a section.
    """
    if len(bounds) == 1:
        return _one_section(pieces[0])
    sections: list[str] = []
    at = 0
    while at < len(bounds):
        known = pieces[at][:1].lower()[:1] in _KNOWN_SECTION_INITIALS
        last = _known_run_end(text, bounds, at) if known else at
        piece = pieces[at] if last == at else _clean(text[bounds[at][0] : bounds[last][1]])
        at = last + 1
        if not piece or _is_updated_note(piece):
            continue  # nothing, or only an update date: no section
        if (
            sections
            and last == at - 1
            and piece[0].islower()
            and _key(piece) not in _KNOWN_SECTIONS
        ):
            sections[-1] = f"{sections[-1]}, {piece}"
        else:
            sections.append(piece)
    return tuple(sections)


def _known_run_end(text: str, bounds: list[tuple[int, int]], at: int) -> int:
    """The last piece of the longest known name starting at piece ``at`` (else ``at``)."""
    end = min(len(bounds), at + _LONGEST_KNOWN_SECTION)
    if end - at < 2 or _key(text[bounds[at][0] : bounds[at][1]]) not in _KNOWN_SECTION_OPENINGS:
        return at
    for last in range(end - 1, at, -1):
        if _key(text[bounds[at][0] : bounds[last][1]]) in _KNOWN_SECTIONS:
            return last
    return at


def read_non_mtus(body: str, span_of: SpanOf = _no_span) -> tuple[Citation, ...]:
    """Read the body of ``Decision based on Non-MTUS Citation <body>``: one citation per source.

    Each citation's span is ``span_of(start, end)`` of where its text is in ``body``.

    >>> (c,) = read_non_mtus("Official Disability Guidelines (ODG), Pain, UDT.", Span)
    >>> c.title, c.sections, c.span
    ('Official Disability Guidelines (ODG)', ('Pain', 'UDT'), Span(start=0, end=47))
    >>> [(c.title, c.sections) for c in read_non_mtus("ODG, Pain; ACOEM, Chapter 6")]
    [('ODG', ('Pain',)), ('ACOEM', ('Chapter 6',))]
    """
    text = _body(body)
    if not text:
        return ()
    if _is_document(text):
        # One document (a drug monograph, a web page): its words are its title.
        document = Citation(
            source=CitationSource.NON_MTUS, text=text, title=text, span=span_of(0, len(text))
        )
        return (document,)
    first = _NON_MTUS_TITLES.match(text)
    # Most bodies are one source: no other publisher or authors after a separator.
    if (
        (first is None and _AUTHORS.match(text) is None)
        or ("," not in text and ";" not in text)
        or _MAY_START_SOURCE.search(text) is None
    ):
        return (_non_mtus_source(text, 0, len(text), span_of, (first,)),)
    return tuple(_non_mtus_source(text, start, end, span_of) for start, end in _sources(text))


def _sources(text: str) -> list[tuple[int, int]]:
    """Cut a body where another source starts: "ODG, Pain; ACOEM, ...", "...; Harlan K, ...".

    A source starts with a known publisher, or with the authors of an article
    (``Harlan K,``, ``Smith J et al``, then a title and a journal with its year). Another
    publisher, or any article, after a comma or a semicolon starts a new citation. A body
    that opens with neither is one source, whatever it names later ("Shoulder (Acute &
    Chronic), Physical Therapy, ODG Preface").
    """
    bounds = split_outside_brackets(text)
    # Where, from each piece on, the next year is and the next semicolon ends a source:
    # one pass each way, so that the whole reading stays linear.
    years = [match.start() for match in _ARTICLE_YEAR.finditer(text)]
    source_ends: list[int] = []
    pieces_left: list[int] = []  # pieces from this one to the end of its source
    end, left = len(text), 0
    for _, piece_end in reversed(bounds):
        if text.startswith(";", piece_end):
            end, left = piece_end, 0
        left += 1
        source_ends.append(end)
        pieces_left.append(left)
    source_ends.reverse()
    pieces_left.reverse()

    def family_at(index: int, at: int, next_year: int) -> str | None:
        source = _NON_MTUS_TITLES.match(text, at)
        if source is not None:
            return _family(source.group("title"))
        # Authors, a title, a journal and its year: three pieces at least.
        if _AUTHORS.match(text, at) and next_year < source_ends[index] and pieces_left[index] >= 3:
            return _ARTICLE
        return None

    year_at = 0
    family = family_at(0, 0, years[0] if years else len(text))
    if family is None or len(bounds) == 1:
        return [(0, len(text))]  # no other source can start
    cuts = [0]
    for index, (start, _) in enumerate(bounds):
        if index == 0 or family is None:
            continue
        at = _skip_spaces(text, start)
        while year_at < len(years) and years[year_at] < at:
            year_at += 1
        next_year = years[year_at] if year_at < len(years) else len(text)
        other = family_at(index, at, next_year)
        if other is not None and (other != family or other == _ARTICLE):
            cuts.append(at)
            family = other
    ends = [*cuts[1:], len(text)]
    return list(zip(cuts, ends, strict=True))


def _family(title: str) -> str | None:
    return _SOURCE_KEYS.get(_key(title))


def _non_mtus_source(
    text: str,
    start: int,
    end: int,
    span_of: SpanOf,
    matched: tuple[re.Match[str] | None] | None = None,
) -> Citation:
    """Read one source of a Non-MTUS body: title, chapter, sections, year, pages.

    ``matched`` holds ``_NON_MTUS_TITLES`` matched at ``start`` in all of ``text``, if the
    caller has it. It is the match in this source's own text when it ends within the
    source (the source ends with separators, which the title's look-ahead takes as it
    takes the end), all but the separators it takes past the source's end; no match in
    all of the text is none in part of it.
    """
    own = text[start:end].rstrip(" ,;")
    title_match = matched[0] if matched is not None else None
    if matched is None or (title_match is not None and title_match.end("title") > start + len(own)):
        title_match = _NON_MTUS_TITLES.match(own)
        at = title_match.end() if title_match else 0
    else:
        at = min(title_match.end() - start, len(own)) if title_match else 0
    title = title_match.group("title") if title_match else None
    year: int | None = None
    # A year opens with a digit, after spaces if any.
    leading_year = _LEADING_YEAR.match(own, at) if own[at : at + 1] not in _LETTERS else None
    if leading_year:
        year = int(leading_year.group("year"))
        at = leading_year.end()
    sections, at = _chapter_sections(own, at)
    pages: tuple[int, ...] = ()
    bounds: list[tuple[int, int]] = []
    kept: list[str] = []  # the pieces at bounds, cleaned
    if own.find(",", at) == -1 and own.find(";", at) == -1:
        pieces = [(at, len(own))] if own[at:].strip() else []  # no separator: one piece
    else:
        pieces = split_outside_brackets(own, at)
    for piece_start, piece_end in pieces:
        piece = _clean(own[piece_start:piece_end])
        # Page numbers open with "p", a year has four characters: test only those.
        page_match = _NON_MTUS_PAGES.match(piece) if piece[:1] in "pP" else None
        if page_match:
            new = read_pages(page_match.group("pages"))
            pages += tuple(page for page in new if page not in pages)
        elif year is None and len(piece) == 4 and _YEAR.match(piece):
            year = int(piece)
        else:
            bounds.append((piece_start, piece_end))
            kept.append(piece)
    if bounds:  # sections beyond the chapter
        for section in _join_sections(own, bounds, kept):
            sections.extend(_split_at_and(section))
    return Citation(
        source=CitationSource.NON_MTUS,
        text=own,
        title=title,
        year=year,
        sections=tuple(sections),
        pages=pages,
        span=span_of(start, start + len(own)),
    )


def _chapter_sections(text: str, at: int) -> tuple[list[str], int]:
    """Read an ODG chapter at ``at``, and a section written in brackets right after it.

    Returns the sections read ("Low Back", and "Trigger point impedance imaging" from
    "Low Back (Trigger point impedance imaging)") and where the rest of the list starts.
    A chapter counts only when a separator (",", ":", "/", " - ", a bracket) or the end
    follows it, or a space after "Chapter" or a note: "Pain Management" is no chapter.
    """
    chapter = _ODG_CHAPTER.match(text, at)
    if chapter is None:
        return [], at
    sections = [_clean(chapter.group())]
    end = chapter.end()
    bracket = _skip_spaces(text, end)
    if text.startswith("(", bracket):
        close = _closing_bracket(text, bracket)
        if close is None:
            return [], at
        inner = _clean(text[bracket + 1 : close])
        if inner and not _UPDATED_NOTE.fullmatch(text[bracket : close + 1]):
            sections.append(inner)
        return sections, close + 1
    after = _AFTER_CHAPTER.match(text, end)
    if after is None and chapter.group("tail"):
        after = _AFTER_CHAPTER_TAIL.match(text, end)
    if after is None:
        return [], at
    return sections, after.end()


def _skip_spaces(text: str, at: int) -> int:
    """Where the first character after the spaces at ``at`` is."""
    while at < len(text) and text[at].isspace():
        at += 1
    return at


def _closing_bracket(text: str, at: int) -> int | None:
    """Where the bracket opened at ``text[at]`` closes, if it does."""
    depth = 0
    for index in range(at, len(text)):
        if text[index] == "(":
            depth += 1
        elif text[index] == ")":
            depth -= 1
            if depth == 0:
                return index
    return None


def _split_at_and(section: str) -> tuple[str, ...]:
    """Split two topic names joined by "and": "Preoperative lab testing and Preoperative testing".

    ODG topics are written in sentence case, so an "and" between two sentence-case
    names of two words or more, the second capitalised, joins two topics; "Neck and
    Upper Back" or "Prevention and Management" (title case) are one name.
    """
    if " and " not in section:
        return (section,)  # no "and" between two words (the section is cleaned)
    words = section.split(" ")
    for index, word in enumerate(words):
        if word != "and" or index + 1 >= len(words):
            continue
        before, after = words[:index], words[index + 1 :]
        if _sentence_case(before) and _sentence_case(after):
            return (" ".join(before), " ".join(after))
        return (section,)
    return (section,)


def _sentence_case(words: list[str]) -> bool:
    """Whether words are a name in sentence case: a capital first, then lower case."""
    return (
        len(words) >= 2
        and words[0][:1].isupper()
        and all(not word[:1].isupper() for word in words[1:])
    )


def _body(text: str) -> str:
    """A citation body without its closing full stop; leading text is kept in place."""
    return text.rstrip().rstrip(".").rstrip()


def _clean(text: str) -> str:
    """``text`` with its whitespace collapsed to single spaces, without end punctuation."""
    text = text.strip()
    # Text whose only whitespace is single spaces is already collapsed (str.isprintable
    # is False for every other whitespace character).
    if "  " in text or not text.isprintable():
        text = " ".join(text.split())
    return text.strip(" ,;:.")
