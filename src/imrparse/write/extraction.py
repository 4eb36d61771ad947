"""What text extraction does to a letter: the layouts of :mod:`imrparse.testing`.

A :class:`Layout` writes a letter's paragraphs (:func:`imrparse.write.render.paragraphs`) the way
one extractor would: line width, blank lines, page breaks, line ends, odd spaces, curly
quotes, a scrambled header block. It needs no hypothesis; :mod:`imrparse.testing` draws
layouts and re-exports these classes.
"""

from __future__ import annotations

from collections.abc import Sequence

from attrs import frozen

from imrparse.models import Determination
from imrparse.write.render import WIDTH, paragraphs, wrap

__all__ = ["Layout", "PageBreak"]

_OUTCOME_ENDINGS = (": Upheld", ": Overturned")
_NBSP = "\u00a0"


@frozen(kw_only=True)
class PageBreak:
    """A page break between two lines of a letter."""

    #: Break before this line (taken modulo the number of lines, so any int works).
    before_line: int
    #: pdftotext's form feed at the start of the next page; otherwise blank lines only.
    form_feed: bool = False
    #: Blank lines left where the page footer and header were.
    blank_lines: int = 1


@frozen(kw_only=True)
class Layout:
    r"""One way an extractor lays a letter out; :meth:`apply` writes a record in it.

    The default layout is :func:`imrparse.render`'s canonical one.

    >>> layout = Layout(width=None, line_end="\r\n")
    >>> layout.lay_out(("CLINICAL CASE SUMMARY", "A long paragraph."))
    'CLINICAL CASE SUMMARY\r\nA long paragraph.\r\n'
    """

    #: Wrap paragraphs at this width; ``None`` puts each paragraph on one line.
    width: int | None = WIDTH
    #: Also break lines inside hyphenated words (``non-`` / ``industrial``).
    hyphen_breaks: bool = False
    #: Put an item's outcome word on a line of its own (second-generation PDFs).
    outcome_on_next_line: bool = False
    #: Header block as ``'lines'`` (one label per line), ``'pypdf'`` (two labels a
    #: line, ``Application`` / ``Received:`` / value) or ``'columns'`` (pdftotext: a
    #: column of labels, then a column of values).
    header: str = "lines"
    #: Page breaks, each between two lines (also inside paragraphs, mid-sentence).
    page_breaks: tuple[PageBreak, ...] = ()
    #: A blank line after every line, and a trailing space on every line (the seeds).
    double_spaced: bool = False
    #: Spaces (counted through the letter, modulo their number) widened to a run.
    space_runs: tuple[int, ...] = ()
    #: Spaces (counted the same way) replaced by non-breaking spaces.
    non_breaking_spaces: tuple[int, ...] = ()
    #: Straight quotes and apostrophes replaced by curly ones.
    curly_quotes: bool = False
    #: ``'\\n'`` or ``'\\r\\n'``.
    line_end: str = "\n"

    def apply(self, determination: Determination) -> str:
        """Write ``determination`` as a letter in this layout."""
        return self.lay_out(paragraphs(determination))

    def lay_out(self, letter: Sequence[str]) -> str:
        """Lay out a letter given as paragraphs (:func:`imrparse.write.render.paragraphs`)."""
        lines = self._lines(letter)
        for page_break in sorted(
            self.page_breaks, key=lambda b: b.before_line % len(lines), reverse=True
        ):
            at = page_break.before_line % len(lines)
            blank = [""] * page_break.blank_lines
            if page_break.form_feed:
                lines[at:at] = [*blank, "\f" + lines.pop(at)] if at < len(lines) else blank
            else:
                lines[at:at] = blank
        if self.double_spaced:
            lines = [part for line in lines for part in (f"{line} ", "")]
        text = "\n".join(lines) + "\n"
        text = _change_spaces(text, self.space_runs, self.non_breaking_spaces)
        if self.curly_quotes:
            text = _curl_quotes(text)
        return text.replace("\n", self.line_end)

    def _lines(self, letter: Sequence[str]) -> list[str]:
        heading = next(
            (index for index, paragraph in enumerate(letter) if paragraph.startswith("HOW THE")),
            0,
        )
        lines = _header_layout(letter[:heading], self.header)
        for paragraph in letter[heading:]:
            outcome = ""
            if self.outcome_on_next_line and paragraph.endswith(_OUTCOME_ENDINGS):
                paragraph, outcome = paragraph.rsplit(" ", 1)
            if self.width is None:
                lines.append(paragraph)
            else:
                lines.extend(wrap(paragraph, self.width, hyphen_breaks=self.hyphen_breaks))
            if outcome:
                lines.append(outcome)
        return lines


def _header_layout(header: Sequence[str], style: str) -> list[str]:
    if style == "lines" or not header:
        return list(header)
    if style == "pypdf":
        lines: list[str] = []
        for index, line in enumerate(header):
            if line.startswith("Application Received:"):
                value = line.removeprefix("Application Received:").strip()
                if lines:
                    lines[-1] = f"{lines[-1]} Application"
                    lines.append("Received:")
                else:
                    lines.append("Application Received:")
                if value:
                    lines.append(value)
            elif index % 2 == 1 and lines:
                lines[-1] = f"{lines[-1]} {line}"
            else:
                lines.append(line)
        return lines
    # pdftotext: up to four labels, a blank line, their values, a blank line.
    out: list[str] = []
    for start in range(0, len(header), 4):
        chunk = [line.split(":", 1) for line in header[start : start + 4]]
        for label, _ in chunk:
            out.extend(
                ["Application", "Received:"] if label == "Application Received" else [f"{label}:"]
            )
        out.append("")
        out.extend(value.strip() for _, value in chunk if value.strip())
        out.append("")
    return out


def _change_spaces(text: str, runs: Sequence[int], non_breaking: Sequence[int]) -> str:
    """Widen the picked spaces to runs and make others non-breaking (picks count spaces)."""
    positions = [index for index, char in enumerate(text) if char == " "]
    if not positions:
        return text
    replacements = {positions[pick % len(positions)]: " " * (2 + pick % 2) for pick in runs}
    replacements.update({positions[pick % len(positions)]: _NBSP for pick in non_breaking})
    return "".join(replacements.get(index, char) for index, char in enumerate(text))


def _curl_quotes(text: str) -> str:
    out = []
    for index, char in enumerate(text):
        before = text[index - 1] if index else " "
        opening = before.isspace() or before in "(["
        if char == "'":
            out.append("\u2018" if opening else "\u2019")
        elif char == '"':
            out.append("\u201c" if opening else "\u201d")
        else:
            out.append(char)
    return "".join(out)
