"""imrparse.annotate without a browser: marks nest and split well, text is escaped, and
values without spans of their own are placed by their local rules or listed."""

from __future__ import annotations

import base64
import hashlib
import io
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

import imrparse
from imrparse.cli.main import main
from imrparse.read.normalize import normalize
from imrparse.write.annotate import _letter, _Mark, annotate
from imrparse.write.marks import place_values
from imrparse.write.text_layouts import LAYOUTS
from support import collapse

LETTERS = Path(__file__).parent / "data" / "letters"
SEED = LETTERS / "seed_000_d3b73cfd4dd990bb.txt"
PARTIAL = LETTERS / "g2_partial.pypdf.txt"


class Elements(HTMLParser):
    """Checks that tags nest, and collects each mark's text (its pieces joined)."""

    VOID = frozenset({"meta", "br", "img", "link", "input", "hr"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str | None]] = []
        self.texts: dict[str, str] = {}
        self.ids: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.VOID:
            return
        found = dict(attrs)
        self.stack.append((tag, found.get("data-mark")))
        if found.get("data-mark") and found.get("id"):
            self.ids.append(str(found["id"]))

    def handle_endtag(self, tag: str) -> None:
        assert self.stack, f"</{tag}> closes nothing"
        opened, _ = self.stack.pop()
        assert opened == tag, f"<{opened}> closed by </{tag}>"

    def handle_data(self, data: str) -> None:
        for _, mark in self.stack:
            if mark:
                self.texts[mark] = self.texts.get(mark, "") + data


def elements(html: str) -> Elements:
    parser = Elements()
    parser.feed(html)
    parser.close()
    assert parser.stack == []
    return parser


def mark(start: int, end: int, ident: str, depth: int = 3) -> _Mark:
    return _Mark(start, end, ident, "item", ident, depth, False)


def test_nested_marks_hold_exactly_their_text() -> None:
    text = "0123456789abcdefghij"
    marks = [mark(0, 20, "outer", 1), mark(2, 8, "inner"), mark(4, 6, "innermost", 5)]
    found = elements(_letter(text, marks))
    assert found.texts == {"outer": text, "inner": "234567", "innermost": "45"}
    assert found.ids == ["outer", "inner", "innermost"]


def test_overlapping_marks_are_split_and_keep_their_text() -> None:
    text = "0123456789abcdefghij"
    html = _letter(text, [mark(0, 10, "a"), mark(5, 15, "b"), mark(8, 12, "c")])
    found = elements(html)
    assert found.texts == {"a": "0123456789", "b": "56789abcde", "c": "89ab"}
    # Only the first piece of a split mark has the id and takes focus.
    assert found.ids == ["a", "b", "c"]
    assert html.count('id="b"') == 1
    assert html.count('data-mark="b"') == 2
    assert html.count('tabindex="0"') == 3


def test_marks_with_the_same_span_nest_by_kind() -> None:
    html = _letter("abc", [mark(0, 3, "value", 4), mark(0, 3, "warning", 6)])
    assert html.startswith('<mark id="value"')
    assert elements(html).texts == {"value": "abc", "warning": "abc"}


def test_letter_text_is_escaped_and_kept_one_for_one() -> None:
    text = "a<b>&amp;</pre>\r\n\f\x00\ud800z"
    html = _letter(text, [mark(0, len(text), "all")])
    assert "<b>" not in html
    assert "</pre>" not in html
    found = elements(html)
    # The HTML parser keeps &#13; as a carriage return; page break, NUL and a lone
    # surrogate take one character each.
    assert found.texts["all"] == "a<b>&amp;</pre>\r\n\n\ufffd\ufffdz"
    html.encode("utf-8")


def test_a_hostile_letter_runs_no_script() -> None:
    text = SEED.read_text(encoding="utf-8").replace(
        "Decision rationale:", "Decision rationale: <script>alert(1)</script> </pre>", 1
    )
    page = annotate(text)
    assert page.count("<script") == 1  # the page's own
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &lt;/pre&gt;" in page
    # The only script allowed to run is the page's own, by its hash; nothing is fetched.
    script = re.search(r"<script>(.*?)</script>", page, re.DOTALL)
    assert script is not None
    digest = base64.b64encode(hashlib.sha256(script.group(1).encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in page
    assert "default-src 'none'" in page
    assert re.search(r"""(src|href)=["']?(https?:)?//""", page) is None


def test_annotate_takes_text_only() -> None:
    with pytest.raises(TypeError, match="str, not bytes"):
        annotate(b"letter")  # type: ignore[arg-type]


def test_item_outcome_and_request_parts_are_placed_in_the_item_line() -> None:
    text = PARTIAL.read_text(encoding="utf-8")
    placed = place_values(text, imrparse.parse(text))

    def shown(field: str) -> str:
        span = placed[field].span
        assert span is not None, placed[field].reason
        return text[span.start : span.end]

    # "... original request, \nCyclobenzaprine 7.5mg #40 is: Upheld"
    assert shown("decisions[0].item") == "Cyclobenzaprine 7.5mg #40"
    assert shown("decisions[0].outcome") == "Upheld"
    assert shown("decisions[0].original_request") == "Cyclobenzaprine 7.5mg #60"
    assert shown("decisions[0].authorized") == "Cyclobenzaprine 7.5mg #20"
    assert placed["decisions[0].authorized"].span != placed["decisions[0].original_request"].span
    assert shown("decisions[0].request.quantity") == "40"
    # The outcome on the line after its item.
    assert shown("decisions[1].outcome") == "Overturned"
    assert shown("decisions[1].request.body_part") == "lumbar spine and right hip"
    assert shown("decisions[2].request.body_part") == "Lumbar"
    assert shown("decisions[1].rationale").startswith("The MTUS recommends physical medicine")
    assert shown("reviewers[0].min_years_in_practice") == "five"
    assert shown("reviewers[0].licensed_in[1]") == "North Carolina"
    assert shown("claimant.date_of_injury") == "10/14/\xa02016"
    assert shown("claimant.age") == "44"
    assert shown("case.priority") == "Standard"
    assert shown("case.decision_date") == "01/19/2017"


def test_a_value_inside_a_longer_one_is_placed_where_it_stands_alone() -> None:
    text = PARTIAL.read_text(encoding="utf-8").replace(
        "Physical Medicine & Rehabilitation, Pain Management, Spinal Cord \nInjury Medicine, "
        "Sports Medicine",
        "Preventive Medicine, Public Health & \nGeneral Preventive Medicine",
    )
    d = imrparse.parse(text)
    assert d.reviewer.certifications == (
        "Preventive Medicine",
        "Public Health & General Preventive Medicine",
    )
    placed = place_values(text, d)
    first, second = (placed[f"reviewers[0].certifications[{i}]"].span for i in (0, 1))
    assert first is not None
    assert second is not None
    assert text[first.start : first.end] == "Preventive Medicine"
    assert first.end < second.start


def test_a_date_two_labels_share_is_listed_not_guessed() -> None:
    text = PARTIAL.read_text(encoding="utf-8").replace("11/28/2016", "12/06/2016", 1)
    d = imrparse.parse(text)
    assert d.case is not None
    assert d.case.ur_denial_date == d.case.application_received
    placed = place_values(text, d)
    for field in ("case.ur_denial_date", "case.application_received"):
        assert placed[field].span is None
        assert placed[field].reason == "the same date is given for another label"
    page = annotate(text)
    assert "Not marked in the text (2)" in page


def test_sex_read_from_pronouns_is_not_marked() -> None:
    text = (LETTERS / "g1_pronoun_female.txt").read_text(encoding="utf-8")
    d = imrparse.parse(text)
    placed = place_values(text, d)
    assert placed["claimant.sex"].value == "female"
    assert placed["claimant.sex"].span is None
    assert "(not marked: not written as male or female" in annotate(text)


def test_show_html_prints_one_page(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "--html", str(SEED)]) == 0
    page = capsys.readouterr().out
    assert page.startswith("<!DOCTYPE html>")
    assert '<mark id="decisions-0-outcome"' in page


def test_show_html_needs_out_for_several_letters(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "--html", str(SEED), str(PARTIAL)]) == 2
    assert "give --out DIR" in capsys.readouterr().err


def test_show_html_of_a_broken_letter_is_an_error_page(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("Not a letter.\n"))
    assert main(["show", "--html", "-"]) == 1
    captured = capsys.readouterr()
    assert 'role="alert"' in captured.out
    assert "<stdin>:1:1: error: expected" in captured.err


def test_show_without_html_still_reads_one_letter(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", str(SEED), str(PARTIAL)]) == 2
    assert f"show reads one letter; {SEED} {PARTIAL} names 2" in capsys.readouterr().err


def test_annotate_is_public() -> None:
    # In a fresh interpreter: pytest's own import of the module for its doctest rebinds
    # the package attribute in this one.
    program = "import imrparse; print(imrparse.annotate.__module__, 'annotate' in imrparse.__all__)"
    shown = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True)
    assert shown.stdout.split() == ["imrparse.write.annotate", "True"]


def as_read(fragment: str) -> str:
    return collapse(normalize(fragment).text)


# Values written as the record has them, compared word for word; the others are numbers,
# dates or words read case-insensitively.
_WORD_FOR_WORD = re.compile(
    r"(item|original_request|authorized|rationale|diagnoses\[\d+\]|medications\[\d+\]"
    r"|citations\[\d+\]|certifications\[\d+\]|licensed_in\[\d+\]|case_number)$"
)


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_values_are_placed_alike_in_every_layout(layout: str) -> None:
    for letter in sorted(LETTERS.glob("*.txt")):
        original = letter.read_text(encoding="utf-8")
        text = LAYOUTS[layout](original)
        placed = place_values(text, imrparse.parse(text))
        unplaced = {
            f for f, p in place_values(original, imrparse.parse(original)).items() if p.span is None
        }
        assert {f for f, p in placed.items() if p.span is None} == unplaced, letter.name
        for field, value in placed.items():
            if value.span is None or value.region or value.kind.value == "warning":
                continue
            shown = as_read(text[value.span.start : value.span.end])
            if _WORD_FOR_WORD.search(field):
                assert shown == value.value, (letter.name, field)
            elif "request." in field or field.endswith(("role", "sex", "profession")):
                assert shown.lower() == value.value.lower(), (letter.name, field)
