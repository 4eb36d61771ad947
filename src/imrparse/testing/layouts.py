"""Strategies for extraction layouts, and for letters laid out in them.

Part of :mod:`imrparse.testing`; import the strategies from there.
"""

from __future__ import annotations

from hypothesis import strategies as st

from imrparse.models import Determination
from imrparse.testing.records import determinations
from imrparse.write.extraction import Layout, PageBreak

__all__ = [
    "crlf_line_ends",
    "curly_quotes",
    "double_spaced",
    "layouts",
    "letters",
    "non_breaking_spaces",
    "page_breaks",
    "reflowed",
    "rewrapped",
    "scrambled_headers",
]

_HEADER_STYLES = ("lines", "pypdf", "columns")
# The narrowest page any extractor gives: the template's own label lines (the longest is
# "The Expert Reviewer has the following credentials:") never wrap in a real letter.
_NARROWEST = 60


def _page_break_lists(max_size: int = 4) -> st.SearchStrategy[tuple[PageBreak, ...]]:
    return st.lists(
        st.builds(
            PageBreak,
            before_line=st.integers(0, 10_000),
            form_feed=st.booleans(),
            blank_lines=st.integers(0, 3),
        ),
        max_size=max_size,
    ).map(tuple)


def _space_picks(max_size: int = 20) -> st.SearchStrategy[tuple[int, ...]]:
    return st.lists(st.integers(0, 100_000), max_size=max_size).map(tuple)


def layouts() -> st.SearchStrategy[Layout]:
    """Draw a layout that combines any of the perturbations below.

    Returns:
        A strategy for :class:`Layout`.
    """
    return st.builds(
        Layout,
        width=st.one_of(st.none(), st.integers(_NARROWEST, 140)),
        hyphen_breaks=st.booleans(),
        outcome_on_next_line=st.booleans(),
        header=st.sampled_from(_HEADER_STYLES),
        page_breaks=_page_break_lists(),
        double_spaced=st.booleans(),
        space_runs=_space_picks(),
        non_breaking_spaces=_space_picks(),
        curly_quotes=st.booleans(),
        line_end=st.sampled_from(["\n", "\r\n"]),
    )


def double_spaced() -> st.SearchStrategy[Layout]:
    """A blank line after every line and a trailing space on each (the seeds' layout)."""
    return st.just(Layout(double_spaced=True))


def reflowed() -> st.SearchStrategy[Layout]:
    """Each paragraph on one line, with no hard wraps."""
    return st.just(Layout(width=None))


def rewrapped() -> st.SearchStrategy[Layout]:
    """Paragraphs wrapped at another width, maybe inside hyphenated words."""
    return st.builds(
        Layout,
        width=st.integers(_NARROWEST, 160),
        hyphen_breaks=st.booleans(),
        outcome_on_next_line=st.booleans(),
    )


def crlf_line_ends() -> st.SearchStrategy[Layout]:
    """Line ends written as carriage return and line feed, as Windows tools write them."""
    return st.just(Layout(line_end="\r\n"))


def page_breaks() -> st.SearchStrategy[Layout]:
    """Form feeds and blank lines at page breaks, anywhere, mid-sentence included."""
    return st.builds(Layout, page_breaks=_page_break_lists(max_size=6))


def non_breaking_spaces() -> st.SearchStrategy[Layout]:
    """Non-breaking spaces and runs of spaces in place of single spaces."""
    return st.builds(Layout, space_runs=_space_picks(40), non_breaking_spaces=_space_picks(40))


def curly_quotes() -> st.SearchStrategy[Layout]:
    """Curly quotes and apostrophes."""
    return st.just(Layout(curly_quotes=True))


def scrambled_headers() -> st.SearchStrategy[Layout]:
    """The header block as pypdf or pdftotext lay it out."""
    return st.builds(Layout, header=st.sampled_from(_HEADER_STYLES))


def letters(
    records: st.SearchStrategy[Determination] | None = None,
    layout: st.SearchStrategy[Layout] | None = None,
) -> st.SearchStrategy[str]:
    """Draw the text of a generated letter in a drawn layout.

    Args:
        records: Records to write (default: :func:`determinations`).
        layout: Layouts to write them in (default: :func:`layouts`).

    Returns:
        A strategy for letter text.
    """
    return st.builds(
        lambda record, chosen: chosen.apply(record),
        records if records is not None else determinations(),
        layout if layout is not None else layouts(),
    )
