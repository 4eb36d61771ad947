"""The item line's end: where the item stops and which outcome the line gives.

The grammar's ``ITEM`` terminal takes the whole line, and the transformer cuts the
outcome off with string tests. The rule they must keep is the one the grammar used to
state as a look-ahead: the item is the shortest non-empty start of the line after which
``( is)? ?: ?(Upheld|Overturned)`` runs to the line's end.
"""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

import imrparse
from imrparse import Outcome
from imrparse.read.parsers import letter_parser
from imrparse.read.transform import _cut_item_line

# The rule, written as the old grammar wrote it.
_ITEM_RULE = re.compile(r"[^ \n][^\n]*?(?=( is)? ?: ?(Upheld|Overturned)\n)", re.IGNORECASE)
_ITEM_TERMINAL = next(t for t in letter_parser().terminals if t.name == "ITEM")
_ITEM = re.compile(_ITEM_TERMINAL.pattern.to_regexp(), re.IGNORECASE)

# Pieces that item lines are made of near their end, so that edge cases are common.
_PIECES = st.sampled_from(["X", "a", " ", ":", "is", " is", "IS", "Upheld", "overturned", "-"])


@given(st.lists(_PIECES, min_size=1, max_size=12))
def test_the_item_is_cut_where_the_rule_says(pieces: list[str]) -> None:
    line = "".join(pieces)
    lexed = _ITEM.fullmatch(line + "\n")
    rule = _ITEM_RULE.match(line + "\n")
    assert (lexed is None) == (rule is None)  # the terminal takes the lines the rule does
    if rule is not None:
        item, outcome = _cut_item_line(line)
        assert item == rule.group(0)
        assert outcome is Outcome(rule.group(2).lower())


def test_known_item_lines() -> None:
    assert _cut_item_line("Norco 10/325mg #60: Upheld") == ("Norco 10/325mg #60", Outcome.UPHELD)
    assert _cut_item_line("MRI of the knee is: Overturned") == (
        "MRI of the knee",
        Outcome.OVERTURNED,
    )
    assert _cut_item_line("Physical therapy is : upheld") == ("Physical therapy", Outcome.UPHELD)
    assert _cut_item_line("Urinalysis:Overturned") == ("Urinalysis", Outcome.OVERTURNED)
    # " is" belongs to the mark only with a space before it.
    assert _cut_item_line("Tenodesis: Upheld") == ("Tenodesis", Outcome.UPHELD)
    assert _cut_item_line("X is is: Upheld") == ("X is", Outcome.UPHELD)


def test_an_item_line_in_a_letter() -> None:
    letter = (
        "HOW THE IMR FINAL DETERMINATION WAS MADE\n"
        "The reviewer is Board Certified in Orthopaedic Surgery.\n"
        "CLINICAL CASE SUMMARY\nThe patient is a 40-year-old male.\n"
        "IMR ISSUES, DECISIONS AND RATIONALES\n"
        "Lumbar MRI is : Overturned\n"
        "Claims Administrator guideline: Decision based on MTUS.\n"
        "MAXIMUS guideline: Decision based on MTUS.\n"
        "Decision rationale: Needed.\n"
    )
    decision = imrparse.parse(letter).decisions[0]
    assert (decision.item, decision.outcome) == ("Lumbar MRI", Outcome.OVERTURNED)
