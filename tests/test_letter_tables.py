"""The letter parser loaded from ``read/letter_tables.py`` is the one the grammar builds.

The tables are generated (``tools/write_letter_tables.py``) so that a process loads them
instead of building them from ``grammar/letter.lark``. Lark numbers states and terminals
differently from one build to the next, so the shipped tables are compared with a fresh
build as automata: the same terminals, and states that correspond one to one, each with
the same actions on the same terminals, reducing by the same rules.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import lark
import pytest
from lark.parsers.lalr_analysis import Shift

from imrparse.read import letter_tables, parsers
from imrparse.read.normalize import normalize
from support import LETTERS

GRAMMAR = Path(parsers.__file__).parent / "grammar" / "letter.lark"


def _rule(rule: Any) -> tuple[Any, ...]:
    return (
        rule.origin.name,
        tuple(symbol.name for symbol in rule.expansion),
        rule.order,
        rule.alias,
        repr(rule.options),
    )


def _terminals(parser: lark.Lark) -> list[tuple[Any, ...]]:
    return sorted(
        (t.name, type(t.pattern).__name__, t.pattern.value, sorted(t.pattern.flags), t.priority)
        for t in parser.terminals
    )


def _differences(shipped: Any, built: Any) -> Iterator[str]:
    """Where two LALR tables differ, walking both from each start state in step."""
    if shipped.start_states.keys() != built.start_states.keys():
        yield f"start rules {sorted(shipped.start_states)} != {sorted(built.start_states)}"
        return
    paired: dict[int, int] = {}
    todo = [(shipped.start_states[s], built.start_states[s]) for s in sorted(built.start_states)]
    todo += [(shipped.end_states[s], built.end_states[s]) for s in sorted(built.end_states)]
    while todo:
        ours, theirs = todo.pop()
        if ours in paired:
            if paired[ours] != theirs:
                yield f"state {ours} stands for both {paired[ours]} and {theirs}"
            continue
        paired[ours] = theirs
        our_actions, their_actions = shipped.states[ours], built.states[theirs]
        if our_actions.keys() != their_actions.keys():
            yield f"state {ours} acts on {sorted(our_actions)}, {theirs} on {sorted(their_actions)}"
            continue
        for terminal, (action, argument) in our_actions.items():
            their_action, their_argument = their_actions[terminal]
            if action is not their_action:
                yield f"state {ours} on {terminal}: {action} != {their_action}"
            elif action is Shift:
                todo.append((argument, their_argument))
            elif _rule(argument) != _rule(their_argument):
                yield f"state {ours} on {terminal} reduces by {argument}, not {their_argument}"
    if len(set(paired.values())) != len(paired) or len(paired) != len(built.states):
        yield f"{len(paired)} states paired with {len(set(paired.values()))} of {len(built.states)}"


def _table(parser: lark.Lark) -> Any:
    return parser.parser.parser._parse_table


@pytest.fixture(scope="module")
def shipped() -> lark.Lark:
    loaded = parsers._shipped_letter_parser(None)
    assert loaded is not None, "the shipped tables are stale: run tools/write_letter_tables.py"
    return loaded


@pytest.fixture(scope="module")
def built() -> lark.Lark:
    return parsers.build_letter_parser(None)


def test_the_shipped_tables_were_made_from_this_grammar_by_this_lark() -> None:
    # After a change to letter.lark, or another lark, this fails until
    # `PYTHONPATH=src python tools/write_letter_tables.py` is run.
    assert hashlib.sha256(GRAMMAR.read_bytes()).hexdigest() == letter_tables.GRAMMAR_SHA256
    assert lark.__version__ == letter_tables.LARK_VERSION


def test_every_process_loads_the_parser_instead_of_building_it() -> None:
    assert parsers.letter_parser().source_path == "<deserialized>"
    assert parsers.letter_parser(accelerated=False).source_path == "<deserialized>"


def test_the_shipped_automaton_is_the_grammars(shipped: lark.Lark, built: lark.Lark) -> None:
    assert _terminals(shipped) == _terminals(built)
    assert set(shipped.lexer_conf.ignore) == set(built.lexer_conf.ignore)
    assert [_rule(rule) for rule in shipped.rules] == [_rule(rule) for rule in built.rules]
    assert list(_differences(_table(shipped), _table(built))) == []


def test_the_comparison_finds_a_changed_action(built: lark.Lark) -> None:
    other = parsers.build_letter_parser(None)
    states = _table(other).states
    state = next(s for s, actions in states.items() if len(actions) > 1)
    states[state].pop(next(iter(states[state])))
    assert list(_differences(_table(other), _table(built))) != []


def _canonical_texts() -> Iterator[str]:
    for path in sorted(LETTERS.glob("*.txt")):
        text = normalize(path.read_text(encoding="utf-8")).text
        lines = text.split("\n")
        yield text
        for at in range(0, len(lines), 5):  # damaged: a line dropped, for the errors
            yield "\n".join(lines[:at] + lines[at + 1 :])


def _reading(parser: lark.Lark, text: str, start: str) -> Any:
    try:
        tree = parser.parse(text, start=start)
    except lark.exceptions.UnexpectedInput as error:
        expected = getattr(error, "expected", None) or getattr(error, "allowed", None)
        return type(error).__name__, error.line, error.column, sorted(expected or ())
    return _shape(tree)


def _shape(node: Any) -> Any:
    # A loaded parser names its rules with plain strings where a built one has Tokens
    # equal to them: the shape compares the names' text, and each token's place.
    if isinstance(node, lark.Tree):
        return str(node.data), [_shape(child) for child in node.children]
    return node.type, str(node), node.start_pos, node.end_pos, node.line, node.column


@pytest.mark.parametrize("start", ["start", "header", "how", "summary", "issues", "decision"])
def test_the_shipped_parser_reads_letters_as_the_built_one(
    shipped: lark.Lark, built: lark.Lark, start: str
) -> None:
    texts = list(_canonical_texts())
    assert len(texts) > 100
    readings = [_reading(shipped, text, start) for text in texts]
    assert readings == [_reading(built, text, start) for text in texts]


def test_tables_of_another_grammar_or_lark_are_not_loaded(monkeypatch) -> None:
    monkeypatch.setattr(letter_tables, "GRAMMAR_SHA256", "0" * 64)
    assert parsers._shipped_letter_parser(None) is None
    assert parsers.letter_parser.__wrapped__(False).source_path != "<deserialized>"
    monkeypatch.undo()
    monkeypatch.setattr(letter_tables, "LARK_VERSION", "0.0.1")
    assert parsers._shipped_letter_parser(None) is None
    monkeypatch.undo()
    assert parsers._shipped_letter_parser(None) is not None
