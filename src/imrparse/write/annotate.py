"""The letter with every value marked: one self-contained HTML page.

:func:`annotate` parses a letter and returns a page that shows the letter as given, with
every value of its record highlighted where it was read (coloured by kind, the field and
value shown on hover and on keyboard focus), each warning marked where it points, and
the record beside the text, each entry linked to its place and back. The page loads
nothing: its style and its few lines of script are inline, and its Content Security
Policy lets no other script run and nothing be fetched. Text from the letter is escaped,
so a letter holding ``<script>`` shows it as text.

Where each value is comes from :mod:`imrparse.write.marks`; this module only writes HTML.
"""

from __future__ import annotations

import base64
import hashlib
import html
from collections.abc import Iterable, Sequence

from attrs import frozen

from imrparse.errors import ParseError
from imrparse.models import Basis, Decision, Determination, Outcome, Reviewer
from imrparse.read.letter import parse
from imrparse.write.marks import KINDS, Kind, Placed, place_values

__all__ = ["AnnotatedPage", "annotate", "annotated_page"]

# Longest value written into a tooltip or a record entry; the letter has the rest.
_SHORT = 240
# Inner marks are drawn inside outer ones that start and end at the same place.
_DEPTH = {
    Kind.SUMMARY: 1,
    Kind.GUIDELINE: 2,
    Kind.RATIONALE: 2,
    Kind.HEADER: 3,
    Kind.REVIEWER: 3,
    Kind.CLAIMANT: 3,
    Kind.ITEM: 3,
    Kind.DIAGNOSIS: 4,
    Kind.MEDICATION: 4,
    Kind.CITATION: 4,
    Kind.OUTCOME: 4,
    Kind.REQUEST: 5,
    Kind.WARNING: 6,
}
_ERROR_KIND = "error"


def annotate(text: str, *, strict: bool = False) -> str:
    """Return one HTML page showing ``text`` with every value of its record marked.

    The page is self-contained (inline CSS and script, no network, no fonts to fetch)
    and meant to be saved and opened in a browser, or printed. A letter that cannot be
    read gives a page that shows the error at its line instead of raising.

    Args:
        text: The whole letter as one string, as for :func:`imrparse.parse`.
        strict: Passed to :func:`imrparse.parse`. With ``False`` (the default here, so
            that a damaged letter still shows what could be read), each part that could
            not be read is marked as a warning where it is.

    Returns:
        The page, as a string of HTML.

    Raises:
        TypeError: ``text`` is not a ``str``.

    >>> from pathlib import Path
    >>> text = Path("tests/data/letters/seed_000_d3b73cfd4dd990bb.txt").read_text(encoding="utf-8")
    >>> page = annotate(text)  # imrparse.annotate
    >>> page.startswith("<!DOCTYPE html>")
    True
    >>> '<mark id="decisions-0-item"' in page
    True
    >>> "&lt;script&gt;alert(1)" in annotate("Not a letter. <script>alert(1)</script>")
    True
    """
    return annotated_page(text, strict=strict).html


@frozen
class AnnotatedPage:
    """A letter's page and what was read from the letter."""

    #: The page, as a string of HTML.
    html: str
    #: The record, or the error that kept the letter from being read.
    result: Determination | ParseError
    #: Every value of the record and where it is (empty for an error).
    placed: dict[str, Placed]


def annotated_page(
    text: str, *, strict: bool = False, name: str | None = None, index: str | None = None
) -> AnnotatedPage:
    """Parse ``text`` and write its annotated page (what :func:`annotate` returns).

    Args:
        text: The letter.
        strict: Passed to :func:`imrparse.parse`.
        name: What to call the letter in the page's title (its file name).
        index: A link back to a page that lists this one (``'index.html'``).

    Returns:
        The page, with the record (or the error) it shows.
    """
    if not isinstance(text, str):
        raise TypeError(f"annotate() takes the letter's text as str, not {type(text).__name__}")
    try:
        determination = parse(text, strict=strict)
    except ParseError as error:
        return AnnotatedPage(_error_page(text, error, name, index), error, {})
    placed = place_values(text, determination)
    page = _record_page(text, determination, placed, name, index)
    return AnnotatedPage(page, determination, placed)


# --- marks in the letter -----------------------------------------------------------------


@frozen
class _Mark:
    """One element to draw over ``text[start:end]``."""

    start: int
    end: int
    ident: str
    kind: str
    field: str
    depth: int
    region: bool
    extra: str = ""  # more attributes, already escaped


def element_id(field: str) -> str:
    """The HTML id of a field's mark: ``decisions[0].item`` -> ``decisions-0-item``."""
    return field.replace("[", "-").replace("].", "-").replace("]", "").replace(".", "-")


def _marks(text: str, placed: Iterable[Placed]) -> list[_Mark]:
    marks = []
    for value in placed:
        span = value.span
        if span is None or not 0 <= span.start <= span.end <= len(text):
            continue
        # A warning may point at a place rather than a stretch (where a part is missing).
        if span.start == span.end and value.kind is not Kind.WARNING:
            continue
        depth = 0 if value.region else _DEPTH[value.kind]
        marks.append(
            _Mark(
                span.start,
                span.end,
                element_id(value.field),
                value.kind.value,
                value.field,
                depth,
                value.region,
            )
        )
    return marks


def _letter(text: str, marks: Sequence[_Mark]) -> str:
    """The letter as HTML, each mark an element; marks that cross are split in pieces.

    Marks nest as their spans do. When two spans overlap without one holding the other,
    the one that started later is closed where the earlier one ends and opened again
    after it; its pieces share ``data-mark`` and only the first has the id and takes
    focus.
    """
    order = sorted(
        range(len(marks)), key=lambda i: (marks[i].start, -marks[i].end, marks[i].depth, i)
    )
    starting: dict[int, list[_Mark]] = {}
    for i in order:
        starting.setdefault(marks[i].start, []).append(marks[i])
    points = sorted({0, len(text)} | {m.start for m in marks} | {m.end for m in marks})
    out: list[str] = []
    stack: list[_Mark] = []
    position = 0
    for point in points:
        out.append(_text(text[position:point]))
        position = point
        ending = [i for i, mark in enumerate(stack) if mark.end == point]
        if ending:
            lowest = ending[0]
            reopen = [mark for mark in stack[lowest:] if mark.end != point]
            out.extend(_close(mark) for mark in reversed(stack[lowest:]))
            del stack[lowest:]
            for mark in reopen:
                out.append(_open(mark, first=False))
                stack.append(mark)
        for mark in starting.get(point, ()):
            out.append(_open(mark, first=True))
            if mark.end == mark.start:
                out.append(_close(mark))
            else:
                stack.append(mark)
    out.extend(_close(mark) for mark in reversed(stack))
    return "".join(out)


def _open(mark: _Mark, *, first: bool) -> str:
    tag = "span" if mark.region else "mark"
    classes = f"region r-{mark.kind}" if mark.region else f"k-{mark.kind}"
    if not first:
        return f'<{tag} class="{classes} cont" data-mark="{mark.ident}">'
    attributes = (
        f'id="{mark.ident}" class="{classes}" data-mark="{mark.ident}" '
        f'data-field="{_attr(mark.field)}" data-start="{mark.start}" data-end="{mark.end}"'
    )
    if not mark.region:
        attributes += f' tabindex="0" aria-describedby="d-{mark.ident}"'
    return f"<{tag} {attributes}{mark.extra}>"


def _close(mark: _Mark) -> str:
    return "</span>" if mark.region else "</mark>"


# Characters of the letter that HTML would lose or change, mapped one for one so that
# offsets in the page's text are the letter's: a carriage return kept as a reference
# (the HTML parser would fold it into the line end), a page break drawn as a rule,
# other control characters and lone surrogates (which no file can hold) as U+FFFD.
_PAGE_BREAK = '\n<span class="pb" aria-hidden="true"></span>'
_CONTROLS: dict[int | str, str] = {
    **dict.fromkeys((*range(0x09), 0x0B, *range(0x0E, 0x20), 0x7F), "\ufffd"),
    **dict.fromkeys((code for code in range(0x80, 0xA0) if code != 0x85), "\ufffd"),
    **dict.fromkeys(range(0xD800, 0xE000), "\ufffd"),
    "\v": "\n",
    "\x85": "\n",
    "\u2028": "\n",
    "\u2029": "\n",
}
_LETTER = str.maketrans(_CONTROLS)
_VALUE = str.maketrans(_CONTROLS | {"\f": " ", "\r": " "})


def _text(chunk: str) -> str:
    """A piece of the letter as HTML text, as long in the page as in the letter."""
    escaped = html.escape(chunk.translate(_LETTER), quote=False)
    return escaped.replace("\r", "&#13;").replace("\f", _PAGE_BREAK)


def _escape(value: str) -> str:
    """A value (or any text) as HTML text."""
    return html.escape(value.translate(_VALUE), quote=False)


def _attr(value: str) -> str:
    """A value as the content of a quoted attribute, on one line."""
    return html.escape(" ".join(value.translate(_VALUE).split()), quote=True)


def _short(value: str, limit: int = _SHORT) -> str:
    value = " ".join(value.split())
    return value if len(value) <= limit else value[: limit - 1].rstrip() + "\u2026"


# --- the record beside the letter --------------------------------------------------------


class _Record:
    """Writes the record panel: each entry a link to its mark in the letter."""

    def __init__(self, placed: dict[str, Placed], drawn: set[str]) -> None:
        self._placed = placed
        self._drawn = drawn  # the fields that have a mark in the letter

    def value(self, field: str, shown: str | None = None) -> str:
        """One entry: a link to the mark, or the value with why it is not marked."""
        placed = self._placed.get(field)
        if placed is None:
            return f'<span class="none">{_escape(shown or "(not given)")}</span>'
        text = _escape(_short(shown if shown is not None else placed.value))
        ident = element_id(field)
        if field not in self._drawn:
            why = _escape(placed.reason or "its span is outside the letter")
            return (
                f'<span class="entry unmarked" id="r-{ident}">{text}</span> '
                f'<span class="why">(not marked: {why})</span>'
            )
        kind = f"r-{placed.kind.value}" if placed.region else f"k-{placed.kind.value}"
        return f'<a class="entry {kind}" id="r-{ident}" href="#{ident}">{text}</a>'

    def row(self, label: str, field: str, shown: str | None = None) -> str:
        return f"<dt>{_escape(label)}</dt><dd>{self.value(field, shown)}</dd>"

    def rows(self, label: str, path: str, values: Sequence[str]) -> str:
        if not values:
            return f'<dt>{_escape(label)}</dt><dd><span class="none">(none)</span></dd>'
        items = "".join(f"<li>{self.value(f'{path}[{i}]')}</li>" for i in range(len(values)))
        return f'<dt>{_escape(label)}</dt><dd><ul class="values">{items}</ul></dd>'


def _record_panel(d: Determination, placed: dict[str, Placed], drawn: set[str]) -> str:
    record = _Record(placed, drawn)
    parts: list[str] = []

    def section(ident: str, title: str, body: str) -> None:
        parts.append(
            f'<section aria-labelledby="h-{ident}"><h2 id="h-{ident}">{_escape(title)}</h2>'
            f"{body}</section>"
        )

    if d.case is not None:
        case = d.case
        rows = [
            record.row("Case number", "case.case_number", case.case_number),
            record.row("Date assigned", "case.date_assigned", _date(case.date_assigned)),
            record.row("Date of injury", "case.date_of_injury", _date(case.date_of_injury)),
            record.row("Decision date", "case.decision_date", _date(case.decision_date)),
            record.row("UR denial date", "case.ur_denial_date", _date(case.ur_denial_date)),
            record.row(
                "Application received",
                "case.application_received",
                _date(case.application_received),
            ),
            record.row("Priority", "case.priority", case.priority),
        ]
        whole = record.value("case", "the header block")
        section("case", "Case header", f"<p>{whole}</p><dl>{''.join(rows)}</dl>")

    reviewers = d.reviewers or (d.reviewer,)
    for index, reviewer in enumerate(reviewers):
        title = "Expert reviewer" if len(reviewers) == 1 else f"Expert reviewer {index + 1}"
        section(f"reviewer-{index}", title, _reviewer(record, reviewer, f"reviewers[{index}]"))

    claimant = d.claimant
    rows = [
        record.row("Called", "claimant.role", claimant.role),
        record.row("Age", "claimant.age", None if claimant.age is None else str(claimant.age)),
        record.row("Sex", "claimant.sex", claimant.sex.value if claimant.sex else None),
        record.row("Date of injury", "claimant.date_of_injury", _date(claimant.date_of_injury)),
    ]
    first = record.value("claimant", "the first sentence of the summary")
    section("claimant", "Injured worker", f"<p>{first}</p><dl>{''.join(rows)}</dl>")

    lists = record.rows("Diagnoses", "diagnoses", d.diagnoses) + record.rows(
        "Medications", "medications", d.medications
    )
    lists += record.row("Summary", "summary")
    section("summary", "Clinical case summary", f"<dl>{lists}</dl>")

    count = len(d.decisions)
    for index, decision in enumerate(d.decisions):
        title = f"Decision {index + 1} of {count}: {decision.outcome.value.capitalize()}"
        section(f"decision-{index}", title, _decision(record, decision, f"decisions[{index}]"))

    if d.warnings:
        items = "".join(
            f"<li>{record.value(f'warnings[{i}]', f'{w.field}: {w.message}')}</li>"
            for i, w in enumerate(d.warnings)
        )
        section("warnings", f"Warnings ({len(d.warnings)})", f'<ul class="values">{items}</ul>')

    unmarked = [p for p in placed.values() if p.field not in drawn]
    if unmarked:
        items = "".join(
            f"<li><code>{_escape(p.field)}</code> {_escape(_short(p.value, 80))}: "
            f"{_escape(p.reason or 'its span is outside the letter')}</li>"
            for p in unmarked
        )
        section(
            "unmarked",
            f"Not marked in the text ({len(unmarked)})",
            f'<ul class="values unmarked-list">{items}</ul>',
        )
    return "".join(parts)


def _reviewer(record: _Record, reviewer: Reviewer, path: str) -> str:
    years, hours = reviewer.min_years_in_practice, reviewer.min_hours_per_week
    rows = [
        record.rows("Certifications", f"{path}.certifications", reviewer.certifications),
        record.rows("Subspecialties", f"{path}.subspecialties", reviewer.subspecialties),
        record.rows("Licensed in", f"{path}.licensed_in", reviewer.licensed_in),
        record.row("Profession", f"{path}.profession", reviewer.profession),
        record.row(
            "Years in practice",
            f"{path}.min_years_in_practice",
            None if years is None else f"more than {years}",
        ),
        record.row(
            "Hours a week",
            f"{path}.min_hours_per_week",
            None if hours is None else f"at least {hours}",
        ),
    ]
    whole = record.value(path, "the reviewer's sentences")
    return f"<p>{whole}</p><dl>{''.join(rows)}</dl>"


def _decision(record: _Record, decision: Decision, path: str) -> str:
    words = {
        Outcome.UPHELD: "upheld: the denial stands, not medically necessary",
        Outcome.OVERTURNED: "overturned: the denial is reversed, medically necessary",
    }
    rows = [
        record.row("Item", f"{path}.item"),
        record.row("Outcome", f"{path}.outcome", words[decision.outcome]),
    ]
    if decision.original_request is not None:
        rows.append(record.row("Original request", f"{path}.original_request"))
    if decision.authorized is not None:
        rows.append(record.row("Authorized", f"{path}.authorized"))
    request = decision.request
    parts = [
        (label, name)
        for label, name in (
            ("Name", "name"),
            ("Strength", "strength"),
            ("Quantity", "quantity"),
            ("Frequency", "frequency"),
            ("Duration", "duration"),
            ("Body part", "body_part"),
            ("Laterality", "laterality"),
        )
        if getattr(request, name) is not None
    ]
    asked = [record.row(label, f"{path}.request.{name}") for label, name in parts]
    asked += [
        record.row("Not placed", f"{path}.request.unparsed[{i}]")
        for i in range(len(request.unparsed))
    ]
    if asked:
        rows.append(f'<dt>Requested</dt><dd><dl class="inner">{"".join(asked)}</dl></dd>')
    rows.append(
        _basis(
            record,
            "Claims administrator",
            decision.claims_administrator_basis,
            f"{path}.claims_administrator_basis",
        )
    )
    rows.append(
        _basis(record, "Expert reviewer", decision.reviewer_basis, f"{path}.reviewer_basis")
    )
    rows.append(record.row("Rationale", f"{path}.rationale"))
    whole = record.value(path, "the whole decision")
    return f"<p>{whole}</p><dl>{''.join(rows)}</dl>"


def _basis(record: _Record, label: str, basis: Basis, path: str) -> str:
    line = record.value(path)
    citations = "".join(
        f"<li>{record.value(f'{path}.citations[{i}]')}</li>" for i in range(len(basis.citations))
    )
    cited = f'<ol class="values">{citations}</ol>' if citations else ""
    return f"<dt>{_escape(label)} guideline</dt><dd>{line}{cited}</dd>"


def _date(value: object) -> str | None:
    return None if value is None else str(value)


# --- whole pages -------------------------------------------------------------------------


def _tally(d: Determination) -> str:
    upheld = sum(1 for decision in d.decisions if decision.outcome is Outcome.UPHELD)
    count = len(d.decisions)
    noun = "decision" if count == 1 else "decisions"
    warnings = len(d.warnings)
    told = f", {warnings} warning{'s' if warnings != 1 else ''}" if warnings else ""
    return (
        f"{d.generation} template: {count} {noun}, {upheld} upheld, "
        f"{count - upheld} overturned{told}"
    )


def _descriptions(marks: Sequence[_Mark], placed: dict[str, Placed]) -> str:
    out = []
    for mark in marks:
        if mark.region:
            continue
        value = placed[mark.field]
        out.append(
            f'<span id="d-{mark.ident}"><span class="tip-kind">{_escape(KINDS[value.kind])}</span> '
            f'<code class="tip-field">{_escape(mark.field)}</code> '
            f'<span class="tip-value">{_escape(_short(value.value))}</span></span>'
        )
    return "".join(out)


def _legend(d: Determination) -> str:
    kinds = [kind for kind in KINDS if kind is not Kind.WARNING or d.warnings]
    items = "".join(
        f'<li><span class="swatch k-{kind.value}">{_escape(KINDS[kind])}</span></li>'
        for kind in kinds
    )
    return f'<ul class="legend" aria-label="Colours of the marks">{items}</ul>'


def _record_page(
    text: str, d: Determination, placed: dict[str, Placed], name: str | None, index: str | None
) -> str:
    marks = _marks(text, placed.values())
    case = d.case.case_number if d.case and d.case.case_number else None
    title = name or case or "IMR Final Determination Letter"
    named = f'<p class="name"><code>{_escape(name)}</code></p>' if name else ""
    lead = named + (
        f"<p>{_escape(_tally(d))}.</p>"
        '<p class="howto">Every value read from the letter is marked where it was read: '
        "hover over a mark or reach it with Tab to see its field and value; Enter goes to "
        "its entry in the record, and each entry links back to its place.</p>"
    )
    body = _layout(
        text_html=_letter(text, marks),
        record_html=_record_panel(d, placed, {mark.field for mark in marks}),
        descriptions=_descriptions(marks, placed),
        header_html=lead + _legend(d),
    )
    return _page(title, body, index)


def _error_page(text: str, error: ParseError, name: str | None, index: str | None) -> str:
    start, end = _line_span(text, error.line)
    column = min(start + max(error.column - 1, 0), end)
    mark = _Mark(
        start,
        end,
        "error",
        _ERROR_KIND,
        "error",
        0,
        False,
        extra=f' data-line="{error.line}" data-column="{error.column}"',
    )
    named = f'<p class="name"><code>{_escape(name)}</code></p>' if name else ""
    alert = named + (
        f'<div class="alert" role="alert"><p><strong>This letter could not be read.</strong> '
        f"Expected {_escape(error.expected)} at line {error.line}, column {error.column}.</p>"
        f'<p><a href="#error">Go to line {error.line}</a></p></div>'
    )
    caret = _Mark(column, min(column + 1, end), "error-column", "caret", "error", 9, True)
    marks = [mark, caret] if column < end else [mark]
    description = (
        f'<span id="d-error"><span class="tip-kind">error</span> '
        f'<code class="tip-field">line {error.line}, column {error.column}</code> '
        f'<span class="tip-value">expected {_escape(error.expected)}</span></span>'
    )
    body = _layout(
        text_html=_letter(text, marks),
        record_html=(
            '<section aria-labelledby="h-error"><h2 id="h-error">No record</h2>'
            f"<p>{_escape(str(error).splitlines()[0])}</p>"
            '<p><a class="entry k-error" id="r-error" href="#error">The line</a></p></section>'
        ),
        descriptions=description,
        header_html=alert,
    )
    return _page(f"{name or 'Letter'}: not read", body, index)


def _line_span(text: str, line: int) -> tuple[int, int]:
    """Where 1-based ``line`` is in ``text``, its line end left out."""
    start = 0
    for _ in range(max(line - 1, 0)):
        found = text.find("\n", start)
        if found == -1:
            return len(text), len(text)
        start = found + 1
    end = text.find("\n", start)
    end = len(text) if end == -1 else end
    if end > start and text[end - 1] == "\r":
        end -= 1
    return start, end


def _layout(*, text_html: str, record_html: str, descriptions: str, header_html: str) -> str:
    return (
        '<a class="skip" href="#record">Skip to the record</a>'
        '<header class="top"><h1>IMR Final Determination Letter, annotated</h1>'
        f"{header_html}</header>"
        '<div class="layout">'
        '<main id="letter" aria-labelledby="h-letter"><h2 id="h-letter">The letter</h2>'
        # The HTML parser drops one line end right after <pre>: give it one to drop.
        f'<pre class="letter">\n{text_html}</pre></main>'
        f'<aside id="record" aria-labelledby="h-record"><h2 id="h-record">The record</h2>'
        f"{record_html}</aside></div>"
        f'<div hidden id="descriptions">{descriptions}</div>'
        '<div id="tip" role="tooltip" hidden></div>'
    )


def _page(title: str, body: str, index: str | None) -> str:
    back = (
        f'<nav aria-label="Letters"><a href="{_attr(index)}">All letters</a></nav>' if index else ""
    )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{_POLICY}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="generator" content="imrparse">'
        f"<title>{_escape(title)} (imrparse)</title>"
        f"<style>{STYLE}</style></head>"
        f"<body>{back}{body}<script>{_SCRIPT}</script></body></html>\n"
    )


def _lines(*lines: str) -> str:
    return "".join(line.strip() for line in lines)


#: The page's style sheet (also used by the index of a batch of pages).
STYLE = _lines(
    ":root{color-scheme:light;--ink:#111827;--muted:#374151;--line:#d1d5db;--focus:#1d4ed8}",
    "*{box-sizing:border-box}",
    "body{margin:0;color:var(--ink);background:#fff;",
    "font:15px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,'DejaVu Sans',sans-serif}",
    "h1{font-size:1.3rem;margin:0 0 .3rem}h2{font-size:1.05rem;margin:1rem 0 .4rem}",
    "a{color:#1d4ed8}a:focus-visible,mark:focus,.entry:focus{outline:3px solid var(--focus);",
    "outline-offset:2px}",
    ".skip{position:absolute;left:-999px;top:0;background:#fff;padding:.4rem}",
    ".skip:focus{left:.5rem;z-index:20}",
    "nav{padding:.5rem 1.5rem 0}",
    ".top{padding:1rem 1.5rem .5rem;border-bottom:1px solid var(--line)}",
    ".top p{margin:.2rem 0;max-width:60rem}",
    ".layout{display:grid;grid-template-columns:minmax(0,1fr) minmax(20rem,30rem);gap:1.5rem;",
    "padding:0 1.5rem 2rem}",
    "main h2,aside>h2{margin-top:1rem}",
    "pre.letter{margin:0;white-space:pre-wrap;overflow-wrap:anywhere;",
    "font:13px/1.65 ui-monospace,'DejaVu Sans Mono',Menlo,Consolas,monospace}",
    "aside{position:sticky;top:0;align-self:start;max-height:100vh;overflow:auto;",
    "font-size:14px;padding:0 .5rem 2rem 1rem;border-left:1px solid var(--line)}",
    "aside section{border-top:1px solid var(--line)}",
    "dl{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:.15rem .8rem;",
    "margin:.3rem 0}dt{color:var(--muted)}dd{margin:0}",
    "dl.inner{margin:0}ul.values,ol.values{margin:0;padding-left:1.2rem}",
    ".why,.none{color:var(--muted);font-style:italic}",
    "mark,.swatch,.entry{color:var(--ink);background:var(--bg,transparent);border-radius:2px;",
    "box-decoration-break:clone;-webkit-box-decoration-break:clone}",
    "mark{border-bottom:2px solid var(--edge,transparent)}",
    ".entry{text-decoration:underline;text-decoration-color:var(--edge,#6b7280)}",
    ".swatch{display:inline-block;padding:0 .35rem;border-bottom:2px solid var(--edge)}",
    ".legend{list-style:none;display:flex;flex-wrap:wrap;gap:.3rem .5rem;padding:0;",
    "margin:.4rem 0;font-size:13px}",
    ".k-header{--bg:#dbeafe;--edge:#1e40af}",
    ".k-reviewer{--bg:#ede9fe;--edge:#5b21b6}",
    ".k-claimant{--bg:#fce7f3;--edge:#9d174d}",
    ".k-diagnosis{--bg:#fee2e2;--edge:#991b1b}",
    ".k-medication{--bg:#dcfce7;--edge:#166534}",
    ".k-summary{--bg:#fafaf9;--edge:#6b7280}",
    ".k-item{--bg:#fef9c3;--edge:#854d0e}",
    ".k-request{--bg:#fed7aa;--edge:#9a3412}",
    ".k-outcome{--bg:#bfdbfe;--edge:#1e3a8a;font-weight:700}",
    ".k-guideline{--bg:#f0fdfa;--edge:#6b7280}",
    ".k-citation{--bg:#ccfbf1;--edge:#115e59}",
    ".k-rationale{--bg:#f5f5f4;--edge:#6b7280}",
    "mark.k-summary,mark.k-guideline,mark.k-rationale{border-bottom:none}",
    ".k-warning{--edge:#c2410c;text-decoration:underline wavy #c2410c}",
    "mark.k-warning{border-bottom:none;outline:2px dashed #c2410c;outline-offset:1px}",
    "mark.k-warning:empty::before{content:'\\26A0';color:#9a3412}",
    ".swatch.k-warning{border:2px dashed #c2410c}",
    ".k-error{--bg:#fee2e2;--edge:#b91c1c}",
    "mark.k-error{outline:2px solid #b91c1c}",
    "mark.k-error::before{content:'line ' attr(data-line) ' \\25B8  ';font-weight:700;",
    "color:#991b1b;background:#fff}",
    ".region.r-caret{background:#b91c1c;color:#fff}",
    ".region:target,mark:target{outline:3px dashed #b45309;outline-offset:2px}",
    ".alert{border:2px solid #b91c1c;background:#fef2f2;padding:.3rem .8rem;margin:.5rem 0}",
    ".pb{display:block;height:0;border-top:1px dashed #6b7280;margin:.3rem 0}",
    ".flash{outline:3px solid #b45309}",
    "#tip{position:absolute;z-index:10;max-width:34rem;background:#111827;color:#f9fafb;",
    "padding:.4rem .6rem;border-radius:4px;font:13px/1.4 system-ui,sans-serif;",
    "box-shadow:0 2px 8px rgba(0,0,0,.3);pointer-events:none}",
    "#tip .tip-kind{display:block;font-weight:700}",
    "#tip .tip-field{display:block;color:#bfdbfe;font-family:ui-monospace,monospace}",
    "#tip .tip-value{display:block}",
    ".index{padding:0 1.5rem 2rem}tr.failed th,tr.failed td{background:#fef2f2}",
    "table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid var(--line);",
    "padding:.25rem .6rem;text-align:left;vertical-align:top}",
    "td.n,th.n{text-align:right}caption{text-align:left;font-weight:700;padding:.3rem 0}",
    "pre mark:focus{outline:3px solid var(--focus);outline-offset:2px}",
    "@media (max-width:60rem){.layout{display:block}aside{position:static;max-height:none;",
    "border-left:none;padding:0}}",
    "@media print{body{font-size:10.5pt}.skip,#tip,nav,.howto{display:none}",
    ".layout{display:block;padding:0}.top{padding:0 0 .5rem}",
    "aside{position:static;max-height:none;overflow:visible;border:none;padding:0;",
    "break-before:page}pre.letter{font-size:9pt}",
    "mark,.swatch,.entry,.region{print-color-adjust:exact;-webkit-print-color-adjust:exact}",
    "a{color:inherit}mark:target,.region:target{outline:none}",
    "section{break-inside:avoid-page}}",
)

# Tooltips on hover and focus; Enter on a mark goes to its record entry, an entry's link
# focuses its mark; Escape hides the tooltip. The page works without it but for these.
_SCRIPT = _lines(
    "(function(){'use strict';",
    "var tip=document.getElementById('tip');",
    "function markOf(node){var m=node&&node.closest?node.closest('pre mark[data-mark]'):null;",
    "return m?document.getElementById(m.getAttribute('data-mark')):null;}",
    "function show(m,at){var d=m&&document.getElementById('d-'+m.id);",
    "if(!d){hide();return;}var c=d.cloneNode(true);c.removeAttribute('id');",
    "tip.replaceChildren(c);tip.hidden=false;",
    "var r=(at||m).getClientRects()[0]||m.getBoundingClientRect();",
    "var w=document.documentElement.clientWidth;",
    "var left=Math.max(4,Math.min(r.left,w-tip.offsetWidth-8));",
    "tip.style.left=(left+window.scrollX)+'px';",
    "tip.style.top=(r.bottom+window.scrollY+6)+'px';}",
    "function hide(){tip.hidden=true;}",
    "function focused(){var a=document.activeElement;",
    "return a&&a.matches&&a.matches('pre mark[tabindex]')?a:null;}",
    "document.addEventListener('focusin',function(e){var m=focused();",
    "if(m){show(m);}else{hide();}});",
    "document.addEventListener('focusout',function(){hide();});",
    "document.addEventListener('mouseover',function(e){var m=markOf(e.target);",
    "if(m){show(m,e.target.closest('mark'));}else if(focused()){show(focused());}",
    "else{hide();}});",
    "document.addEventListener('keydown',function(e){if(e.key==='Escape'){hide();return;}",
    "var m=focused();if(e.key==='Enter'&&m&&e.target===m){",
    "var r=document.getElementById('r-'+m.id);if(r){e.preventDefault();r.focus();}}});",
    "document.addEventListener('click',function(e){",
    "var a=e.target.closest&&e.target.closest('a.entry');",
    "if(a){var t=document.getElementById(a.getAttribute('href').slice(1));",
    "if(t&&t.tabIndex>=0){setTimeout(function(){t.focus();},0);}return;}",
    "var m=markOf(e.target);var s=window.getSelection();",
    "if(m&&(!s||s.isCollapsed)){var r=document.getElementById('r-'+m.id);",
    "if(r){r.scrollIntoView({block:'nearest'});r.classList.add('flash');",
    "setTimeout(function(){r.classList.remove('flash');},1200);}}});",
    "})();",
)

_SCRIPT_HASH = base64.b64encode(hashlib.sha256(_SCRIPT.encode("utf-8")).digest()).decode("ascii")
# Nothing may be fetched and no script but the page's own may run: even text that
# escaped escaping could not act.
_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; "
    f"script-src 'sha256-{_SCRIPT_HASH}'; base-uri 'none'; form-action 'none'"
)
