"""What text extraction does to a letter, as plain functions from text to text.

Each function rewrites a letter the way some extractor lays it out (TEMPLATE.md, "What
text extraction does to it"); a correct parser reads every result to the same record.
The test suite applies them to every fixture letter, and :mod:`imrparse.testing` draws
them at random.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable

__all__ = [
    "LAYOUTS",
    "blank_line_after_each",
    "crlf",
    "curly_quotes",
    "form_feeds",
    "mid_sentence_page_breaks",
    "non_breaking_spaces",
    "runs_of_spaces",
    "wrap",
]


def blank_line_after_each(text: str) -> str:
    """Every line followed by an empty line, with a trailing space (the seeds' layout)."""
    return "".join(f"{line} \n\n" for line in text.splitlines())


def crlf(text: str) -> str:
    """Windows line ends."""
    return "\r\n".join(text.split("\n"))


def form_feeds(text: str, every: int = 30) -> str:
    """A form feed at the start of every ``every``-th line, as pdftotext marks pages."""
    lines = text.split("\n")
    return "\n".join(
        f"\f{line}" if index and index % every == 0 else line for index, line in enumerate(lines)
    )


def mid_sentence_page_breaks(text: str, every: int = 17) -> str:
    """Blank lines and a form feed between two lines of one paragraph, every few lines."""
    lines = text.split("\n")
    out: list[str] = []
    for index, line in enumerate(lines):
        out.append(line)
        if index % every == every - 1:
            out.extend(["", "\f", ""])
    return "\n".join(out)


def non_breaking_spaces(text: str) -> str:
    """Every third space becomes a non-breaking space."""
    parts = text.split(" ")
    return "".join(
        part + ("\xa0" if index % 3 == 2 else " ") for index, part in enumerate(parts[:-1])
    ) + (parts[-1] if parts else "")


def runs_of_spaces(text: str) -> str:
    """Spaces doubled and lines indented, as column-aware extractors leave them."""
    return "\n".join(f"  {line.replace(' ', '  ')}  " for line in text.split("\n"))


def curly_quotes(text: str) -> str:
    """Straight quotes and apostrophes become typographic ones."""
    out: list[str] = []
    double_open = True
    for index, char in enumerate(text):
        if char == '"':
            out.append("\u201c" if double_open else "\u201d")
            double_open = not double_open
        elif char == "'":
            previous = text[index - 1] if index else " "
            out.append("\u2018" if previous.isspace() else "\u2019")
        else:
            out.append(char)
    return "".join(out)


def wrap(text: str, width: int = 60) -> str:
    """Wrap every line longer than ``width`` at spaces, as a narrower page would."""
    out: list[str] = []
    for line in text.split("\n"):
        if len(line) <= width:
            out.append(line)
        else:
            out.extend(textwrap.wrap(line, width, break_long_words=False, break_on_hyphens=False))
    return "\n".join(out)


#: Every layout by name, for parametrized tests.
LAYOUTS: dict[str, Callable[[str], str]] = {
    "as-written": lambda text: text,
    "blank-line-after-each": blank_line_after_each,
    "crlf": crlf,
    "form-feeds": form_feeds,
    "mid-sentence-page-breaks": mid_sentence_page_breaks,
    "non-breaking-spaces": non_breaking_spaces,
    "runs-of-spaces": runs_of_spaces,
    "curly-quotes": curly_quotes,
    "wrapped-70": lambda text: wrap(text, 70),
    "wrapped-60-crlf": lambda text: crlf(wrap(text, 60)),
}
