"""Normalisation against plain models of its steps, and its memory on text of many lines.

The fast forms of the steps (lines found by splitting, dates typed without a match,
offsets kept in arrays) must give what the plain rules give on any text.
"""

from __future__ import annotations

import random
import re
import tracemalloc

from hypothesis import given
from hypothesis import strategies as st

from imrparse.models import Span
from imrparse.read import header
from imrparse.read.normalize import _MANY_PIECES, input_span, normalize
from imrparse.read.physical_lines import physical_lines

# A physical line as a pattern finds it: from its first to its last non-space character.
_LINE = re.compile(r"\S(?:[^\n]*\S)?")


def _model_lines(text: str) -> tuple[list[str], list[int], dict[int, tuple[str, str]]]:
    matches = list(_LINE.finditer(text))
    texts = [" ".join(match.group().split()) for match in matches]
    collapsed = {
        index: (texts[index], match.group())
        for index, match in enumerate(matches)
        if "  " in match.group()
    }
    return texts, [match.start() for match in matches], collapsed


@given(st.text(alphabet=" \nab-\u00e9", max_size=60))
def test_physical_lines_are_the_lines_a_pattern_finds(text: str) -> None:
    texts, origins, collapsed = physical_lines(text)
    assert (texts, list(origins), collapsed) == _model_lines(text)


# Lines as extractors write them: pypdf ends most with one space and writes blank lines
# as one space; a line may also start with one, or hold two together.
_LINE_PIECES = st.sampled_from(["", " ", "ab", "ab ", "a b", "a b ", " a", "a  b", "-", "\u00e9 "])


@given(st.lists(_LINE_PIECES, max_size=12).map("\n".join))
def test_extracted_lines_are_the_lines_a_pattern_finds(text: str) -> None:
    texts, origins, collapsed = physical_lines(text)
    assert (texts, list(origins), collapsed) == _model_lines(text)


def test_a_long_text_is_split_in_stretches_as_one() -> None:
    rng = random.Random(5)
    pieces = ["", " ", "  ", "a", "ab  c", " d ", "e-"]
    text = "\n".join(rng.choice(pieces) for _ in range(90_000))  # several stretches
    texts, origins, collapsed = physical_lines(text)
    assert (texts, list(origins), collapsed) == _model_lines(text)


# A case number or a date-like value, as the header's values were typed by a match.
_FORM = re.compile(r"(?P<case>[A-Z]{2}\d{2}-\d{3,})|(?P<date>\d[\d/.-]*)", re.IGNORECASE)


def _model_kind(text: str) -> str:
    form = _FORM.fullmatch(text)
    if form is not None:
        return str(form.lastgroup)
    return "priority" if text.lower() in {"standard", "expedited", "urgent", "regular"} else "text"


@given(st.text(alphabet="0123456789/.-cmCM \u0663\u00e9", min_size=1, max_size=14))
def test_a_value_is_typed_as_a_match_types_it(text: str) -> None:
    assert header._kind(text) == _model_kind(text)


def test_a_text_of_very_many_lines_maps_its_offsets_back() -> None:
    # More pieces than _MANY_PIECES: the canonical starts are kept in an array.
    lines = [f"w{index % 7}-" if index % 3 else f"x{index % 5}" for index in range(_MANY_PIECES)]
    text = "CLINICAL CASE SUMMARY\n" + "\n".join(lines) + "\n  tail  end\n"
    canonical = normalize(text)
    body, offsets = canonical.text, canonical.offsets
    assert "w1-x4" in body  # a hyphen glues two lines
    assert "x3 w4-" in body  # other lines join with a space
    for offset in range(0, len(body), 11):
        if body[offset] not in " \n":
            assert text[offsets.to_original(offset)] == body[offset]
    for start in range(0, len(body) - 40, 397):
        end = start + 40
        while body[end - 1] in " \n":
            end -= 1
        expected = Span(offsets.to_original(start), offsets.to_original(end - 1) + 1)
        assert input_span(body, offsets, start, end) == expected


def _peak_multiple(text: str) -> float:
    tracemalloc.start()
    try:
        normalize(text)
        return tracemalloc.get_traced_memory()[1] / len(text)
    finally:
        tracemalloc.stop()


def test_normalising_text_of_many_short_lines_takes_a_bounded_multiple_of_it() -> None:
    # Every line a word broken by a hyphen (46x the text before the offsets went into
    # arrays), and random words on short lines (20x). Each line is a string of its
    # own, some 56 bytes for "non-": that much stays.
    hyphens = "CLINICAL CASE SUMMARY\n" + "non-\n" * 50_000
    rng = random.Random(7)
    words = "CLINICAL CASE SUMMARY\n" + "".join(
        "".join(rng.choices("abcdefghij", k=rng.randint(1, 9))) + rng.choice(" \n")
        for _ in range(40_000)
    )
    assert _peak_multiple(hyphens) < 30
    assert _peak_multiple(words) < 14
