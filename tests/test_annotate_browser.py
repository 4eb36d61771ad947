"""Annotated pages, checked in a real browser: headless Chromium, through the rendered DOM.

Each page is opened from a file, as a user would open it. The checks read what the
browser built, not the HTML string: where each mark is in the page's text, what text
it holds, which element keyboard focus reaches. The expected values come from the
record (``imrparse.parse``) and its spans, not from the code that places the marks.

Needs Chromium at /usr/bin/chromium (Debian's ``chromium``) and Playwright for Python
(the ``test`` extra); Playwright never downloads a browser here. Skips, saying why,
when either is missing.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import imrparse
from imrparse.cli.html import show_html
from imrparse.read.normalize import normalize
from imrparse.write.annotate import annotate
from support import collapse

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LETTERS = sorted((Path(__file__).parent / "data" / "letters").glob("*.txt"))
_CORPUS = os.environ.get("IMRPARSE_CORPUS")
CORPUS = sorted(Path(_CORPUS, "pypdf").glob("*.txt")) if _CORPUS else []

# What the page's DOM says about every mark in the letter: its field, its text (all its
# pieces joined), and where its first and last pieces start and end in the letter's text.
MARKS_JS = """
() => {
  const pre = document.querySelector('pre.letter');
  const starts = new Map(), ends = new Map();
  let count = 0;
  const walk = (node) => {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === Node.TEXT_NODE) { count += child.data.length; continue; }
      starts.set(child, count);
      walk(child);
      ends.set(child, count);
    }
  };
  walk(pre);
  const groups = new Map();
  for (const el of pre.querySelectorAll('[data-mark]')) {
    const id = el.getAttribute('data-mark');
    if (!groups.has(id)) { groups.set(id, []); }
    groups.get(id).push(el);
  }
  const marks = [];
  for (const [id, pieces] of groups) {
    const first = document.getElementById(id);
    marks.push({
      id: id,
      field: first ? first.getAttribute('data-field') : null,
      first_is_piece: first === pieces[0],
      focusable: first ? first.tabIndex >= 0 : false,
      text: pieces.map(p => p.textContent).join(''),
      start: starts.get(pieces[0]),
      end: ends.get(pieces[pieces.length - 1]),
      data_start: first ? Number(first.getAttribute('data-start')) : null,
      data_end: first ? Number(first.getAttribute('data-end')) : null,
      pieces: pieces.length,
    });
  }
  return {text: pre.textContent, marks: marks};
}
"""

# Where a mark's pieces are not one run of text (a mark split around another), the
# joined text is that of the pieces only; spans are compared on start and end instead.


def _chromium_missing() -> str | None:
    if not Path(CHROMIUM).exists():
        return f"no Chromium at {CHROMIUM} (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright for Python is not installed (pip install -e '.[test]')"
    return None


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    missing = _chromium_missing()
    if missing:
        print(f"skipping the browser tests: {missing}")
        pytest.skip(missing)
    from playwright.sync_api import sync_playwright

    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile),
            executable_path=CHROMIUM,
            headless=True,
            args=FLAGS,
            viewport={"width": 1280, "height": 900},
        )
        try:
            tab = context.pages[0] if context.pages else context.new_page()
            yield tab
        finally:
            context.close()


def open_page(tab: Any, html: str, where: Path) -> list[str]:
    """Open ``html`` from a file; return every URL the page asked for besides itself."""
    where.write_text(html, encoding="utf-8")
    url = where.as_uri()
    asked: list[str] = []
    errors: list[str] = []

    def on_request(request: Any) -> None:
        if request.url != url:
            asked.append(request.url)

    tab.on("request", on_request)
    tab.on("pageerror", lambda error: errors.append(str(error)))
    try:
        tab.goto(url)
    finally:
        tab.remove_listener("request", on_request)
    assert errors == []
    return asked


def as_read(fragment: str) -> str:
    """A piece of the letter as the record writes it (normalised, one line)."""
    return collapse(normalize(fragment).text)


def utf16_offsets(text: str) -> list[int]:
    """For each offset into ``text``, the same place counted as a browser counts."""
    offsets = [0]
    for char in text:
        offsets.append(offsets[-1] + (2 if ord(char) > 0xFFFF else 1))
    return offsets


def spanned_values(d: imrparse.Determination) -> dict[str, imrparse.Span | None]:
    """Every field of the record that carries its own span, by its path."""
    fields: dict[str, imrparse.Span | None] = {"summary": d.summary_span}
    if d.case is not None:
        fields["case"] = d.case.span
    for i, reviewer in enumerate(d.reviewers):
        fields[f"reviewers[{i}]"] = reviewer.span
    fields["claimant"] = d.claimant.span
    fields.update({f"diagnoses[{i}]": s for i, s in enumerate(d.diagnosis_spans)})
    fields.update({f"medications[{i}]": s for i, s in enumerate(d.medication_spans)})
    for i, decision in enumerate(d.decisions):
        fields[f"decisions[{i}]"] = decision.span
        for name in ("claims_administrator_basis", "reviewer_basis"):
            basis = getattr(decision, name)
            fields[f"decisions[{i}].{name}"] = basis.span
            for j, citation in enumerate(basis.citations):
                fields[f"decisions[{i}].{name}.citations[{j}]"] = citation.span
    fields.update({f"warnings[{i}]": w.span for i, w in enumerate(d.warnings)})
    return fields


def check_letter(tab: Any, path: Path, where: Path) -> None:
    check_text(tab, path.read_bytes().decode("utf-8-sig"), where)


def check_text(tab: Any, text: str, where: Path) -> None:
    d = imrparse.parse(text, strict=False)
    assert open_page(tab, annotate(text), where) == []
    found = tab.evaluate(MARKS_JS)
    # The page shows the letter as given: page breaks become line ends, nothing else.
    assert found["text"] == text.replace("\f", "\n")
    u16 = utf16_offsets(text)
    marks = {mark["field"]: mark for mark in found["marks"]}
    assert len(marks) == len(found["marks"])
    for mark in found["marks"]:
        # Every mark holds exactly the letter's text between its offsets.
        assert mark["first_is_piece"]
        assert (mark["start"], mark["end"]) == (u16[mark["data_start"]], u16[mark["data_end"]])
        if mark["pieces"] == 1:
            expected = text[mark["data_start"] : mark["data_end"]].replace("\f", "\n")
            assert mark["text"] == expected

    def at(field: str) -> tuple[int, int]:
        mark = marks[field]
        return mark["data_start"], mark["data_end"]

    # Every value with a span of its own is marked at exactly that span.
    for field, span in spanned_values(d).items():
        assert span is not None, field
        assert at(field) == (span.start, span.end), field
    for i, value in enumerate(d.diagnoses):
        assert as_read(marks[f"diagnoses[{i}]"]["text"]) == value
    for i, value in enumerate(d.medications):
        assert as_read(marks[f"medications[{i}]"]["text"]) == value
    for i, decision in enumerate(d.decisions):
        path_ = f"decisions[{i}]"
        assert decision.span is not None
        for name in ("claims_administrator_basis", "reviewer_basis"):
            for j, citation in enumerate(getattr(decision, name).citations):
                assert as_read(marks[f"{path_}.{name}.citations[{j}]"]["text"]) == citation.text
        outcome = marks[f"{path_}.outcome"]
        assert outcome["text"].lower() == decision.outcome.value
        assert decision.span.start < outcome["data_start"] < decision.span.end
        assert as_read(marks[f"{path_}.rationale"]["text"]) == decision.rationale
        item = marks.get(f"{path_}.item")
        if item is None:
            # Only where the reader's item is not the letter's: no line of the decision
            # says "<item>: <outcome>".
            block = as_read(text[decision.span.start : decision.span.end])
            line = re.escape(decision.item) + r"(?: is)?: ?(?:Upheld|Overturned)\b"
            assert re.search(line, block, re.IGNORECASE) is None, decision.item
            continue
        assert as_read(item["text"]) == decision.item
        assert decision.span.start <= item["data_start"] < item["data_end"] <= outcome["data_start"]
    check_focus(tab, [mark["id"] for mark in found["marks"] if mark["focusable"]])


def check_focus(tab: Any, expected: list[str]) -> None:
    """Tab from the top of the page: focus reaches every mark, in the letter's order."""
    tab.evaluate(
        "() => { document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0);"
        " window.__reached = [];"
        " document.addEventListener('focusin', e => window.__reached.push("
        " e.target.closest('pre.letter') ? e.target.id : '#' + e.target.tagName)); }"
    )
    # The skip link first, then every mark, then the record's first link.
    for _ in range(len(expected) + 2):
        tab.keyboard.press("Tab")
    reached = tab.evaluate("() => window.__reached")
    assert reached[0] == "#A"
    assert reached[1:-1] == expected
    assert reached[-1] == "#A"


@pytest.mark.parametrize("letter", LETTERS, ids=[p.name for p in LETTERS])
def test_fixture_letters_are_marked_at_their_spans(page: Any, letter: Path, tmp_path: Path) -> None:
    check_letter(page, letter, tmp_path / "letter.html")


@pytest.mark.skipif(not CORPUS, reason="IMRPARSE_CORPUS is not set")
def test_corpus_letters_are_marked_at_their_spans(page: Any, tmp_path: Path) -> None:
    for letter in CORPUS:
        check_letter(page, letter, tmp_path / f"{letter.stem}.html")


def test_a_damaged_letter_marks_what_was_left_out(page: Any, tmp_path: Path) -> None:
    text = (LETTERS[0].parent / "g2_partial.pypdf.txt").read_text(encoding="utf-8")
    damaged = text.replace("MAXIMUS guideline: Decision based on MTUS Low Back", "Low Back", 1)
    d = imrparse.parse(damaged, strict=False)
    assert [(w.kind.value, w.field) for w in d.warnings] == [("skipped-part", "decisions[1]")]
    check_text(page, damaged, tmp_path / "damaged.html")
    assert page.inner_text("#warnings-0").startswith("Physical therapy two times a week")


HOSTILE = (
    '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">'
    " </pre><b>&amp; & < > \" '</b><!-- ]]>"
)


def test_a_letter_holding_markup_shows_it_as_text(page: Any, tmp_path: Path) -> None:
    text = (LETTERS[0].parent / "seed_000_d3b73cfd4dd990bb.txt").read_text(encoding="utf-8")
    rationale = "Decision rationale:"
    assert rationale in text
    hostile = text.replace(rationale, f"{rationale} {HOSTILE}", 1)
    d = imrparse.parse(hostile)
    assert HOSTILE.split("<b>")[0].strip() in d.decisions[0].rationale
    assert open_page(page, annotate(hostile), tmp_path / "hostile.html") == []
    assert page.evaluate("() => window.__pwned") is None
    assert (
        page.evaluate("() => document.querySelectorAll('pre img, pre b, pre script').length") == 0
    )
    shown = page.evaluate("() => document.querySelector('pre.letter').textContent")
    assert shown == hostile
    rationale_text = page.evaluate(
        "() => document.getElementById('decisions-0-rationale').textContent"
    )
    assert HOSTILE in rationale_text
    # The tooltip shows the value as text too.
    page.focus("#decisions-0-rationale")
    assert page.evaluate("() => document.querySelectorAll('#tip script, #tip img').length") == 0
    assert "<script>" in page.inner_text("#tip")


def test_a_letter_that_does_not_parse_shows_the_error_at_its_line(
    page: Any, tmp_path: Path
) -> None:
    text = LETTERS[0].read_text(encoding="utf-8").replace("CLINICAL CASE SUMMARY", "CLINICAL", 1)
    with pytest.raises(imrparse.ParseError) as raised:
        imrparse.parse(text, strict=True)
    error = raised.value
    html = annotate(text, strict=True)
    assert open_page(page, html, tmp_path / "error.html") == []
    line = text.split("\n")[error.line - 1].rstrip("\r")
    assert page.inner_text("#error") == line
    assert page.get_attribute("#error", "data-line") == str(error.line)
    alert = page.inner_text("[role=alert]")
    assert f"line {error.line}, column {error.column}" in alert
    page.click("[role=alert] a")
    assert page.evaluate("() => location.hash") == "#error"


def test_focus_shows_the_field_and_value_and_enter_goes_to_the_record(
    page: Any, tmp_path: Path
) -> None:
    text = (LETTERS[0].parent / "g2_partial.pypdf.txt").read_text(encoding="utf-8")
    open_page(page, annotate(text), tmp_path / "partial.html")
    assert page.is_hidden("#tip")
    page.focus("#decisions-0-request-quantity")
    assert page.is_visible("#tip")
    assert page.inner_text("#tip").split("\n") == [
        "request part",
        "decisions[0].request.quantity",
        "40",
    ]
    page.keyboard.press("Escape")
    assert page.is_hidden("#tip")
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "r-decisions-0-request-quantity"
    # ... and the record's entry leads back to the mark.
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement.id === 'decisions-0-request-quantity'")
    page.hover("#diagnoses-1")
    assert page.inner_text("#tip").split("\n") == [
        "diagnosis",
        "diagnoses[1]",
        "lumbar sprain/strain",
    ]


def test_the_page_has_landmarks_contrast_and_a_print_style(page: Any, tmp_path: Path) -> None:
    # A letter with a warning (sex read from pronouns), so every kind of mark is there.
    text = (LETTERS[0].parent / "g1_pronoun_female.txt").read_text(encoding="utf-8")
    open_page(page, annotate(text), tmp_path / "a11y.html")
    roles = page.evaluate(
        "() => ['header', 'main', 'aside', 'h1'].map(s => document.querySelectorAll(s).length)"
    )
    assert roles == [1, 1, 1, 1]
    assert page.evaluate("() => document.documentElement.lang") == "en"
    # Text on every mark's background, by kind: WCAG AA asks for 4.5:1 at least.
    ratios = page.evaluate(
        """() => {
        const rgb = s => s.match(/[\\d.]+/g).slice(0, 3).map(Number);
        const lum = c => { const [r, g, b] = c.map(v => { v /= 255;
            return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
            return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
        const out = {};
        for (const m of document.querySelectorAll('pre mark')) {
            const s = getComputedStyle(m);
            if (s.backgroundColor === 'rgba(0, 0, 0, 0)') continue;
            const a = lum(rgb(s.color)), b = lum(rgb(s.backgroundColor));
            out[m.className] = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
        }
        return out;
    }"""
    )
    assert {"k-diagnosis", "k-item", "k-outcome", "k-citation", "k-warning"} <= set(ratios)
    assert min(ratios.values()) >= 4.5, ratios
    page.emulate_media(media="print")
    try:
        printed = page.evaluate(
            "() => [getComputedStyle(document.querySelector('aside')).position,"
            " getComputedStyle(document.querySelector('.layout')).display,"
            " getComputedStyle(document.getElementById('tip')).display]"
        )
        assert printed == ["static", "block", "none"]
    finally:
        page.emulate_media(media="screen")


def test_a_folder_gives_one_page_per_letter_and_an_index(page: Any, tmp_path: Path) -> None:
    letters = tmp_path / "letters"
    letters.mkdir()
    for name in ("seed_000_d3b73cfd4dd990bb.txt", "g2_partial.pypdf.txt"):
        shutil.copy(LETTERS[0].parent / name, letters / name)
    (letters / "broken.txt").write_text("Not a letter at all.\n", encoding="utf-8")
    out = tmp_path / "pages"
    import io

    errors = io.StringIO()
    assert show_html([str(letters)], out=out, strict=True, stderr=errors) == 1
    assert "broken.txt:1:1: error: expected" in errors.getvalue()
    assert sorted(p.name for p in out.iterdir()) == [
        "broken.txt.html",
        "g2_partial.pypdf.txt.html",
        "index.html",
        "seed_000_d3b73cfd4dd990bb.txt.html",
    ]
    page.goto((out / "index.html").as_uri())
    rows = page.evaluate(
        "() => [...document.querySelectorAll('tbody tr')].map(r =>"
        " [...r.children].map(c => c.textContent))"
    )
    assert rows == [
        [
            str(letters / "broken.txt"),
            "",
            "",
            "",
            "",
            "",
            "not read: line 1, column 1: expected the heading "
            "'HOW THE IMR FINAL DETERMINATION WAS MADE'",
        ],
        [str(letters / "g2_partial.pypdf.txt"), "CM16-0938815", "2016", "3", "1", "0", "yes"],
        [str(letters / "seed_000_d3b73cfd4dd990bb.txt"), "", "2013", "1", "0", "1", "yes"],
    ]
    page.click("text=g2_partial.pypdf.txt")
    assert page.evaluate("() => document.querySelectorAll('pre mark[tabindex]').length") > 0
    page.click("text=All letters")
    assert page.url == (out / "index.html").as_uri()
