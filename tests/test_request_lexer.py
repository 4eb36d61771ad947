"""What the request lexer relies on in ``grammar/request.lark``: where each part can begin.

The lexer tries the place terminals (``SITE``, ``SIDE``) only where ``PLACE_OPENING``
matches and every other terminal richer than a word only where ``COUNT_OPENING`` does,
each group in Lark's order. That gives Lark's own tokens if each terminal begins at its
opening and no text is both openings (``tests/test_request.py`` also compares the tokens
with Lark's on generated text).
"""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from imrparse.read import request_pattern
from imrparse.read.parsers import PLACE_TERMINALS, request_grammar, request_pattern_of

_LARK = request_grammar()
_WORD = _LARK.get_terminal("WORD").priority
_RICHER = [t.name for t in _LARK.terminals if t.priority > _WORD]


def _regex(name: str) -> re.Pattern[str]:
    return re.compile(rf"\A(?:{_LARK.get_terminal(name).pattern.to_regexp()})", re.ASCII)


def _opening_of(name: str) -> str:
    return "PLACE_OPENING" if name in PLACE_TERMINALS else "COUNT_OPENING"


def test_the_place_terminals_are_terminals_of_the_grammar() -> None:
    assert set(_RICHER) >= PLACE_TERMINALS


@pytest.mark.parametrize("name", _RICHER)
@settings(max_examples=100, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_every_richer_terminal_begins_at_its_opening(name: str, data: st.DataObject) -> None:
    terminal, opening = _regex(name), _regex(_opening_of(name))
    text = data.draw(st.from_regex(terminal))
    assert terminal.match(text)
    assert opening.match(text), (name, text)


@pytest.mark.parametrize(
    ("one", "other"), [("PLACE_OPENING", "COUNT_OPENING"), ("COUNT_OPENING", "PLACE_OPENING")]
)
@settings(max_examples=300, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_no_text_is_both_openings(one: str, other: str, data: st.DataObject) -> None:
    text = data.draw(st.from_regex(_regex(one)))
    assert not _regex(other).match(text), text


def test_no_opening_is_ever_a_token() -> None:
    kinds = {token.type for token in _LARK.lex("# 1 ( + x one right knee lower back refills")}
    assert not kinds & {"OPENING", "PLACE_OPENING", "COUNT_OPENING"}


def test_the_shipped_pattern_is_the_one_the_grammar_gives() -> None:
    # request_pattern.py is generated from the grammar so that no process compiles the
    # grammar to start: after a change to request.lark this fails until
    # `PYTHONPATH=src python tools/write_request_pattern.py` is run.
    assert request_pattern_of(_LARK) == request_pattern.PATTERN
    assert request_pattern.FLAGS == int(_LARK.lexer_conf.g_regex_flags) == re.ASCII
    assert frozenset(_LARK.ignore_tokens) == request_pattern.IGNORED
