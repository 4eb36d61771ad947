"""Reading a disputed item into a Request (docs/reading-rules.md, "Requested items")."""

from __future__ import annotations

import os
import re
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import imrparse
from imrparse import Request
from imrparse.read.free_text import request as request_module
from imrparse.read.free_text.categories import read_category
from imrparse.read.free_text.request import RequestDoubt, read_request, request_doubts
from imrparse.read.parsers import ascii_lower, request_grammar, request_lexer

LETTERS = Path(__file__).parent / "data" / "letters"

# Each item with the whole request it must give.
ITEMS: list[tuple[str, Request]] = [
    # Drugs: strength as written, quantity from #, QTY:, "N Tablets of".
    ("60 Tablets of Diazepam 5mg", Request(name="Diazepam", strength="5mg", quantity=60)),
    ("Valium 5mg #30", Request(name="Valium", strength="5mg", quantity=30)),
    ("Norco 10/325mg #60", Request(name="Norco", strength="10/325mg", quantity=60)),
    ("Cyclobenzaprine 7.5mg #90", Request(name="Cyclobenzaprine", strength="7.5mg", quantity=90)),
    ("Naproxen 550 mg #60", Request(name="Naproxen", strength="550 mg", quantity=60)),
    ("Butrans 10mcg/hr #4", Request(name="Butrans", strength="10mcg/hr", quantity=4)),
    ("Gabapentin 600mg, QTY: 90", Request(name="Gabapentin", strength="600mg", quantity=90)),
    (
        "Lidoderm 5% patch #30",
        Request(name="Lidoderm", strength="5%", quantity=30, unparsed=("patch",)),
    ),
    (
        "Retrospective Lidopro 4%-27.5%-0.0325% 121gm #1, per 12/07/2016 order",
        Request(
            name="Lidopro",
            strength="4%-27.5%-0.0325%",
            quantity=1,
            unparsed=("Retrospective", "121gm", "per 12/07/2016 order"),
        ),
    ),
    (
        "Post-op Norco 5/325mg #60, 1-2 tabs orally every 4-6 hrs as needed",
        Request(
            name="Norco",
            strength="5/325mg",
            quantity=60,
            frequency="every 4-6 hrs as needed",
            unparsed=("Post-op", "1-2 tabs", "orally"),
        ),
    ),
    (
        "Post-op Colace 100mg #60, 1 tablet by mouth as needed",
        Request(
            name="Colace",
            strength="100mg",
            quantity=60,
            frequency="as needed",
            unparsed=("Post-op", "1 tablet", "by mouth"),
        ),
    ),
    (
        "Three months coverage of Viagra 50mg",
        Request(name="Viagra", strength="50mg", duration="Three months"),
    ),
    # Services: quantity from QTY:, x N, times N, N sessions, a leading count.
    ("Acupuncture, QTY: 8", Request(name="Acupuncture", quantity=8)),
    ("Acupuncture x 6 sessions", Request(name="Acupuncture", quantity=6)),
    ("Acupuncture x6", Request(name="Acupuncture", quantity=6)),
    ("Physical therapy 12 sessions", Request(name="Physical therapy", quantity=12)),
    (
        "Associated surgical service: Physical therapy, times 12",
        Request(name="Physical therapy", quantity=12, unparsed=("Associated surgical service:",)),
    ),
    (
        "Associated surgical service: Physical Therapy sessions, 12",
        Request(
            name="Physical Therapy",
            quantity=12,
            unparsed=("Associated surgical service:",),
        ),
    ),
    (
        "Associated surgical service: 2 leg wraps",
        Request(
            name="leg wraps",
            quantity=2,
            body_part="leg",
            unparsed=("Associated surgical service:",),
        ),
    ),
    (
        "Post-op physical therapy 12-18 sessions",
        Request(name="physical therapy", unparsed=("Post-op", "12-18 sessions")),
    ),
    # Frequency and duration.
    (
        "Physical therapy 2 times a week for 6 weeks",
        Request(name="Physical therapy", frequency="2 times a week", duration="6 weeks"),
    ),
    (
        "Physical therapy additional 3 visits per week for 2 weeks",
        Request(
            name="Physical therapy additional",
            frequency="3 visits per week",
            duration="2 weeks",
        ),
    ),
    (
        "Home aide 6 hours per day, 5 times a week for 4 weeks",
        Request(
            name="Home aide",
            frequency="6 hours per day, 5 times a week",
            duration="4 weeks",
        ),
    ),
    (
        "Functional restoration program 35 hours per week",
        Request(name="Functional restoration program", frequency="35 hours per week"),
    ),
    (
        "Chiropractic treatment twice a week for 4 weeks",
        Request(name="Chiropractic treatment", frequency="twice a week", duration="4 weeks"),
    ),
    (
        "Physical therapy 2x a week x 6 weeks",
        Request(name="Physical therapy", frequency="2x a week", duration="6 weeks"),
    ),
    (
        "Additional physical therapy three times a week over two weeks",
        Request(
            name="physical therapy",
            frequency="three times a week",
            duration="two weeks",
            unparsed=("Additional",),
        ),
    ),
    (
        "Associated surgical service: Cold therapy for one week",
        Request(
            name="Cold therapy",
            duration="one week",
            unparsed=("Associated surgical service:",),
        ),
    ),
    (
        "Associated surgical service: Vascutherm unit, 14 days rental",
        Request(
            name="Vascutherm unit",
            duration="14 days",
            unparsed=("Associated surgical service:", "rental"),
        ),
    ),
    (
        "Twelve acupuncture visits with heat, 2 times weekly for 6 weeks",
        Request(
            name="acupuncture",
            quantity=12,
            frequency="2 times weekly",
            duration="6 weeks",
            unparsed=("with heat",),
        ),
    ),
    # Body part and side: read from the name, or from a leftover of their own.
    (
        "MRI of the right knee without contrast",
        Request(
            name="MRI of the right knee without contrast",
            body_part="knee",
            laterality="right",
        ),
    ),
    (
        "EMG/NCS of the bilateral upper extremities",
        Request(
            name="EMG/NCS of the bilateral upper extremities",
            body_part="upper extremities",
            laterality="bilateral",
        ),
    ),
    (
        "Right shoulder MRI",
        Request(name="Right shoulder MRI", body_part="shoulder", laterality="right"),
    ),
    (
        "Retrospective CT scan of the cervical spine (DOS 11/18/16)",
        Request(
            name="CT scan of the cervical spine",
            body_part="cervical spine",
            unparsed=("Retrospective", "(DOS 11/18/16)"),
        ),
    ),
    (
        "MRI (magnetic resonance imaging) of the lumbar spine",
        Request(
            name="MRI (magnetic resonance imaging) of the lumbar spine",
            body_part="lumbar spine",
        ),
    ),
    (
        "CT scan of abdomen and pelvis with contrast",
        Request(name="CT scan of abdomen and pelvis with contrast", body_part="abdomen and pelvis"),
    ),
    (
        "Physical therapy three times a week for two weeks for the cervical, thoracic, and lumbar",
        Request(
            name="Physical therapy",
            frequency="three times a week",
            duration="two weeks",
            body_part="cervical, thoracic, and lumbar",
        ),
    ),
    (
        "Shoulder arthroscopy, labral repair, right shoulder",
        Request(
            name="Shoulder arthroscopy",
            body_part="shoulder",
            unparsed=("labral repair", "right shoulder"),
            laterality="right",
        ),
    ),
    (
        "Arthroscopy, labral repair, left shoulder",
        Request(
            name="Arthroscopy",
            body_part="shoulder",
            laterality="left",
            unparsed=("labral repair",),
        ),
    ),
    (
        "TENS unit, daily trial, cervical and thoracic spine, #30",
        Request(
            name="TENS unit",
            quantity=30,
            frequency="daily",
            body_part="cervical and thoracic spine",
            unparsed=("trial",),
        ),
    ),
    (
        "MRI without dye to lumbar spine times 1",
        Request(name="MRI without dye to lumbar spine", quantity=1, body_part="lumbar spine"),
    ),
    (
        "Bilateral L4-5 facet injections",
        Request(name="Bilateral L4-5 facet injections", laterality="bilateral"),
    ),
    ("the lumbar", Request(body_part="lumbar")),
    # Words that are not a side or a body part, and items with nothing to read.
    ("Hand-held shower head", Request(name="Hand-held shower head", body_part="head")),
    ("Pre-op labs: CBC", Request(name="labs: CBC", unparsed=("Pre-op",))),
    (
        "Localized therapy [following imaging]",
        Request(name="Localized therapy [following imaging]"),
    ),
    ("Sit-stand workstation", Request(name="Sit-stand workstation")),
    # Look-alikes of "right" and "knee" (dotted capital I, Kelvin sign) are not the words.
    ("MRI r\u0130ght \u212anee", Request(name="MRI r\u0130ght \u212anee")),
    (
        "MRI left knee, right hip; QTY: 2, #3",
        Request(
            name="MRI left knee, right hip",
            quantity=2,
            body_part="left knee, right hip",
            unparsed=("#3",),
        ),
    ),
    # Refills are never the quantity; nor are prescriptions.
    (
        "Norco 10/325mg #60 with 2 refills",
        Request(name="Norco", strength="10/325mg", quantity=60, unparsed=("with 2 refills",)),
    ),
    (
        "Gabapentin 300mg #90 x 3 refills",
        Request(name="Gabapentin", strength="300mg", quantity=90, unparsed=("x 3 refills",)),
    ),
    (
        "Tramadol 50mg #60, Refills: 2",
        Request(name="Tramadol", strength="50mg", quantity=60, unparsed=("Refills: 2",)),
    ),
    (
        "Norco 5/325mg, no refills",
        Request(name="Norco", strength="5/325mg", unparsed=("no refills",)),
    ),
    (
        "1 prescription of Diazepam 10mg #30",
        Request(name="Diazepam", strength="10mg", quantity=30, unparsed=("1 prescription of",)),
    ),
    # "times M weeks" is a duration, not a quantity.
    (
        "Physical therapy 2 times a week times 6 weeks",
        Request(name="Physical therapy", frequency="2 times a week", duration="6 weeks"),
    ),
    (
        "Chiropractic 3x/week x 4 weeks, QTY: 12",
        Request(name="Chiropractic", quantity=12, frequency="3x/week", duration="4 weeks"),
    ),
    ("Acupuncture, QTY: 1", Request(name="Acupuncture", quantity=1)),
    # Weights and volumes are the size of what is dispensed: no quantity, no strength.
    ("Capsaicin cream #60 grams", Request(name="Capsaicin cream", unparsed=("#60 grams",))),
    ("Ketoprofen cream 240 grams", Request(name="Ketoprofen cream", unparsed=("240 grams",))),
    (
        "Voltaren gel 1%, 100 gram tube",
        Request(name="Voltaren gel", strength="1%", unparsed=("100 gram", "tube")),
    ),
    ("Toradol 60mg/2ml", Request(name="Toradol", strength="60mg/2ml")),
    (
        "Norco 10/325mg (unknown quantity)",
        Request(name="Norco", strength="10/325mg", unparsed=("(unknown quantity)",)),
    ),
    # A compound of several ingredients with their percentages is one name.
    (
        "Flurbiprofen 20%/Lidocaine 5% cream 180gm",
        Request(name="Flurbiprofen 20%/Lidocaine 5%", unparsed=("cream", "180gm")),
    ),
    (
        "Retrospective Flurbiprofen 20%, Baclofen 2%, Lidocaine 5% cream",
        Request(
            name="Flurbiprofen 20%, Baclofen 2%, Lidocaine 5%",
            unparsed=("Retrospective", "cream"),
        ),
    ),
    # "#3" names the product; the units are counted by the "#40" after it.
    ("Tylenol with codeine #3, #40", Request(name="Tylenol with codeine #3", quantity=40)),
    ("Tylenol #3", Request(name="Tylenol #3")),
    # Frequencies written as one word.
    (
        "Daily RN for 4 weeks for wound care",
        Request(name="RN", frequency="Daily", duration="4 weeks", unparsed=("wound care",)),
    ),
    # The unit noun a leading count counts is not part of the name.
    (
        "Two physical therapy sessions for the lumbar",
        Request(name="physical therapy", quantity=2, body_part="lumbar"),
    ),
    # Sides: one written on its own is the laterality and is not left over; the same
    # side before every part of a list is the request's; a side of one part only is not.
    (
        "Hinged knee brace, left",
        Request(name="Hinged knee brace", body_part="knee", laterality="left"),
    ),
    (
        "Physical therapy for the right shoulder, right wrist and right hand",
        Request(
            name="Physical therapy for the right shoulder, right wrist and right hand",
            body_part="shoulder, wrist and hand",
            laterality="right",
        ),
    ),
    (
        "TENS unit, purchase, lumbar spine, left hip, lower leg, and knee",
        Request(
            name="TENS unit",
            body_part="lumbar spine, left hip, lower leg, and knee",
            unparsed=("purchase",),
        ),
    ),
    # A bare date or number names nothing.
    ("12/07/2016", Request(unparsed=("12/07/2016",))),
    ("1234567, MRI", Request(name="MRI", unparsed=("1234567",))),
    ("24 hour Holter monitor", Request(name="24 hour Holter monitor")),
    ("  Valium \n 5mg\t#30 ", Request(name="Valium", strength="5mg", quantity=30)),
    ("", Request()),
]


@pytest.mark.parametrize(("item", "expected"), ITEMS, ids=[item for item, _ in ITEMS])
def test_item_gives_its_request(item: str, expected: Request) -> None:
    assert read_request(item) == expected


# --- every word is accounted for -------------------------------------------------------

# Words a part may consume without keeping them (docs/reading-rules.md): connectives,
# the words around a count, and the unit nouns of a quantity.
# fmt: off
GLUE = frozenset({
    "a", "an", "and", "for", "of", "the", "to", "x", "over", "times", "qty", "quantity",
    "coverage", "supply", "tablet", "tablets", "tab", "tabs", "capsule", "capsules", "cap",
    "caps", "pill", "pills", "patch", "patches", "session", "sessions", "visit", "visits",
    "treatment", "treatments",
})
NUMBER_NAMES = (
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen", "twenty",
)
# fmt: on
NUMBER_WORDS = {name: number for number, name in enumerate(NUMBER_NAMES, start=1)}
WORDS = re.compile(r"[^\W_]+")
# "x6" reads as "x 6" (docs/reading-rules.md), so it is two words here.
X_COUNT = re.compile(r"^([xX])([0-9]+)$")


def _count(word: str) -> int | None:
    if word.isascii() and word.isdigit() and len(word) <= 6:  # counts have <= 6 digits
        return int(word)
    return NUMBER_WORDS.get(word.lower())


def _words(text: str) -> list[str]:
    words: list[str] = []
    for word in WORDS.findall(text):
        glued = X_COUNT.match(word)
        words.extend(glued.groups() if glued else (word,))
    return words


def unaccounted(item: str, request: Request) -> list[str]:
    """Words of ``item`` found in no field of ``request`` and not glue."""
    texts = [
        request.name,
        request.strength,
        request.frequency,
        request.duration,
        request.body_part,
        request.laterality,
        *request.unparsed,
    ]
    kept = {word.lower() for text in texts if text for word in _words(text)}
    return [
        word
        for word in _words(item)
        if word.lower() not in GLUE
        and word.lower() not in kept
        and (request.quantity is None or _count(word) != request.quantity)
    ]


def _in_order(words: list[str], text: str) -> bool:
    """Whether ``words`` are words of ``text``, in order (other words may be between)."""
    remaining = iter(text.split(" "))
    return all(any(word == other for other in remaining) for word in words)


def not_as_written(item: str, request: Request) -> list[str]:
    """Values that are not the item's own words (body part and side: lower-cased).

    The body part may leave out the sides written before each of its parts ("right
    shoulder, right wrist" gives "shoulder, wrist"), so its words need only be in order.
    """
    text = " ".join(item.split())
    written = [request.name, request.strength, request.frequency, request.duration]
    wrong = [v for v in (*written, *request.unparsed) if v is not None and v not in text]
    if request.laterality is not None and request.laterality not in text.lower():
        wrong.append(request.laterality)
    body_part = request.body_part
    if body_part is not None and not (
        body_part in text.lower() or _in_order(body_part.split(" "), text.lower())
    ):
        wrong.append(body_part)
    return wrong


@pytest.mark.parametrize(("item", "expected"), ITEMS, ids=[item for item, _ in ITEMS])
def test_table_items_keep_every_word(item: str, expected: Request) -> None:
    # The expected table is written by hand: check it keeps every word as written, and
    # that the reader, on the same item, does too.
    assert unaccounted(item, expected) == []
    assert not_as_written(item, expected) == []
    read = read_request(item)
    assert unaccounted(item, read) == []
    assert not_as_written(item, read) == []


def test_unaccounted_sees_a_dropped_word() -> None:
    # The checker itself must be able to fail.
    assert unaccounted("Valium 5mg #30 daily", Request(name="Valium", strength="5mg")) == [
        "30",
        "daily",
    ]


@given(st.text())
def test_any_text_gives_a_request_that_keeps_every_word(text: str) -> None:
    request = read_request(text)
    assert isinstance(request, Request)
    assert unaccounted(text, request) == []
    assert not_as_written(text, request) == []


# Pieces that look like the parts of an item, so that the generated items exercise
# every rule of the grammar, each next to the others and next to odd characters.
# fmt: off
_FRAGMENTS = [
    "Norco", "MRI", "of", "the", "for", "x", "times", "and", "a", "per", "left", "Right",
    "bilateral", "knee", "knees", "cervical spine", "upper extremity", "shoulder, wrist",
    "lumbar", "hand-held", "5mg", "10/325mg", "7.5-325 mg", "5%", "4%-2%", "121gm",
    "#30", "# 6", "QTY: 8", "Qty #2", "x 6", "x6", "times 12", "60 Tablets of",
    "12 sessions", "Twelve", "two", "2 times a week", "2x/week", "3 visits per week",
    "6 hours per day", "twice weekly", "every 4-6 hrs", "for 6 weeks", "over two weeks",
    "14 days", "Three months coverage of", "1-2 tabs", "(DOS 11/18/16)", "DOS: 1/2/16",
    "Retrospective", "Associated surgical service:", "Post-op", "(", ")", "[", "]", ",",
    ";", ":", "-", "/", "12", "1234567", "_", "2", "\u00e9",
    # Letters that Unicode case-folds to ASCII (dotted I, long s, Kelvin sign): the
    # grammar's vocabulary must not match them.
    "\u0130", "\u017f", "\u212a", "r\u0130ght", "\u212anee",
]
# fmt: on
_ITEM_LIKE = st.lists(
    st.one_of(st.sampled_from(_FRAGMENTS), st.text(max_size=3)), max_size=14
).flatmap(lambda parts: st.sampled_from([" ", "", ", "]).map(lambda sep: sep.join(parts)))


@given(_ITEM_LIKE)
def test_item_like_text_keeps_every_word(text: str) -> None:
    request = read_request(text)
    assert unaccounted(text, request) == []
    assert not_as_written(text, request) == []


# --- real item lines -------------------------------------------------------------------

_ITEM_LINE = re.compile(r"^(.*\S):\s*(?:Upheld|Overturned)\s*$", re.MULTILINE)


def _item_lines(folder: Path, pattern: str = "*.txt") -> list[str]:
    return [
        match.group(1)
        for path in sorted(folder.rglob(pattern))
        for match in _ITEM_LINE.finditer(path.read_text(encoding="utf-8", errors="replace"))
    ]


def test_seed_item_lines() -> None:
    assert [read_request(line) for line in _item_lines(LETTERS, "seed_*.txt")] == [
        Request(name="Diazepam", strength="5mg", quantity=60),
        Request(name="Valium", strength="5mg", quantity=30),
        Request(name="Valium", strength="5mg", quantity=60),
        Request(name="Acupuncture", quantity=8),
    ]


def test_fixture_item_lines_keep_every_word() -> None:
    lines = _item_lines(LETTERS)
    assert len(lines) > 4
    lost = {line: unaccounted(line, read_request(line)) for line in lines}
    assert {line: words for line, words in lost.items() if words} == {}


@pytest.mark.skipif(not os.environ.get("IMRPARSE_CORPUS"), reason="IMRPARSE_CORPUS is not set")
def test_corpus_item_lines_keep_every_word() -> None:
    lines = _item_lines(Path(os.environ["IMRPARSE_CORPUS"]))
    assert lines, "no item lines found under IMRPARSE_CORPUS"
    lost = {line: unaccounted(line, read_request(line)) for line in lines}
    assert {line: words for line, words in lost.items() if words} == {}


def test_not_as_written_sees_a_value_that_is_not_the_items() -> None:
    # The checker itself must be able to fail.
    assert not_as_written("MRI right knee", Request(body_part="hip", laterality="left")) == [
        "left",
        "hip",
    ]


# --- plausibility ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("item", "doubts"),
    [
        ("Norco 10/325mg #60", ()),
        (
            "Norco 10/325mg #6000",
            (RequestDoubt("quantity", "6000 units is more than any item asks for"),),
        ),
        ("Physical therapy x 0", (RequestDoubt("quantity", "a quantity of 0 requests nothing"),)),
        ("Home care for 0 weeks", (RequestDoubt("duration", "'0 weeks' lasts no time"),)),
    ],
)
def test_implausible_values_are_doubted(item: str, doubts: tuple[RequestDoubt, ...]) -> None:
    assert request_doubts(read_request(item)) == doubts


# --- the lexer ------------------------------------------------------------------------

GRAMMAR = Path(request_module.__file__).parent.parent / "grammar" / "request.lark"


def lark_tokens(text: str, start: int = 0) -> list[tuple[str, str, int, int]]:
    """The tokens of Lark's own basic lexer, which tries every terminal at every position."""
    lark = request_grammar()
    spans = [
        (token.type, start + token.start_pos, start + token.end_pos)
        for token in lark.lex(ascii_lower(text[start:]))
    ]
    return [(kind, text[begin:end], begin, end) for kind, begin, end in spans]


def our_tokens(text: str, start: int = 0) -> list[tuple[str, str, int, int]]:
    return [tuple(token) for token in request_lexer().lex(text, start)]


def test_the_lexer_cuts_items_as_lark_does() -> None:
    items = [item for item, _ in ITEMS] + _item_lines(LETTERS)
    corpus = os.environ.get("IMRPARSE_CORPUS")
    if corpus:
        items += _item_lines(Path(corpus))
    for item in items:
        text = " ".join(item.split())
        assert our_tokens(text) == lark_tokens(text), text
    assert our_tokens("Retrospective 60 Tablets", 13) == lark_tokens("Retrospective 60 Tablets", 13)


def _grammar_words() -> list[str]:
    """Every literal of the grammar, in lower, upper and title case."""
    literals = set(re.findall(r'"([^"\\]+)"i?', GRAMMAR.read_text(encoding="utf-8")))
    return sorted({case for word in literals for case in (word, word.upper(), word.title())})


@given(
    st.lists(
        st.one_of(
            st.sampled_from(_grammar_words()),
            st.sampled_from(_FRAGMENTS),
            st.from_regex(r"[0-9]{1,7}([./-][0-9]{1,3})?", fullmatch=True),
            st.text(max_size=3),
        ),
        max_size=12,
    ),
    st.sampled_from(["", " "]),
)
def test_the_lexer_cuts_text_as_lark_does(parts: list[str], separator: str) -> None:
    # Only the terminals richer than a word are tried where OPENING matches: the tokens
    # must be those of trying every terminal everywhere.
    text = separator.join(parts)
    assert our_tokens(text) == lark_tokens(text)


_LARK = request_grammar()
_RICHER = [t.name for t in _LARK.terminals if t.priority > _LARK.get_terminal("WORD").priority]


@pytest.mark.parametrize("name", _RICHER)
@settings(max_examples=100, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_every_richer_terminal_begins_with_an_opening(name: str, data: st.DataObject) -> None:
    # What the lexer relies on (grammar/request.lark, OPENING): any text that a terminal
    # richer than a word matches, from its start, begins where OPENING matches.
    terminal = re.compile(rf"\A(?:{_LARK.get_terminal(name).pattern.to_regexp()})", re.ASCII)
    opening = re.compile(_LARK.get_terminal("OPENING").pattern.to_regexp(), re.ASCII)
    text = data.draw(st.from_regex(terminal))
    assert terminal.match(text)
    assert opening.match(text), text


def test_opening_is_never_a_token() -> None:
    assert "OPENING" not in {token[0] for token in lark_tokens("# 1 ( + x one right knee")}


def test_a_doubtful_quantity_is_kept_with_a_warning() -> None:
    text = (LETTERS / "g2_no_age.txt").read_text(encoding="utf-8")
    assert "Physical therapy for the right shoulder, QTY: 6:" in text
    letter = imrparse.parse(text.replace("QTY: 6:", "QTY: 6000:"))
    assert letter.decisions[0].request.quantity == 6000
    assert [(w.kind, w.field, w.message) for w in letter.warnings] == [
        (
            imrparse.WarningKind.DOUBTFUL_VALUE,
            "decisions.request.quantity",
            "6000 units is more than any item asks for",
        )
    ]


# read_request(item, category=...) gives what evolving its request would.
@pytest.mark.parametrize(
    "item",
    [
        "Norco 10/325mg #60",
        "MRI of the right knee without contrast",
        "Sit-stand workstation",
        "Associated surgical service: Post-op physical therapy 2x per week for 6 weeks",
        "",
    ],
)
def test_category_given_equals_evolved(item: str) -> None:
    category, _ = read_category(item)
    assert read_request(item, category=category) == attrs.evolve(
        read_request(item), category=category
    )
    assert read_request(item).category is None
