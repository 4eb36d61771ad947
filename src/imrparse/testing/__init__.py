"""Hypothesis strategies for generated letters: records, their text, and extraction layouts.

Use these to test code that consumes IMR Final Determination Letters (an ETL job, a
database loader) without handling real medical records::

    from hypothesis import given
    from imrparse import parse
    from imrparse.testing import determinations, layouts

    @given(determinations(), layouts())
    def test_my_loader(determination, layout):
        text = layout.apply(determination)
        assert my_loader(text) == expected_rows(parse(text))

:func:`determinations` draws records that a real letter can hold: every record it gives
is a fixed point of the reading rules (``docs/reading-rules.md``), so
``parse(render(d)) == d``. Its free text (the case summary, guideline lines and
rationales) is built from the record's values with the phrases real letters use, so the
summary's first sentence names the worker the record names, and the diagnoses and
medications are the ones the summary lists.

:class:`Layout` lays a record out as one extractor would (line width, blank lines,
page breaks, line ends, odd spaces, curly quotes), and :func:`layouts` draws one; the
other layout strategies each draw one kind of perturbation. :func:`letters` draws the
text of a letter in a drawn layout, and :func:`damaged` breaks a letter the way a bad
extraction does.

This module needs hypothesis (``pip install 'imrparse[testing]'``); ``import imrparse``
never imports it.
"""

from __future__ import annotations

try:
    import hypothesis  # noqa: F401  (only to fail early with a clear message)
except ImportError as error:  # pragma: no cover - exercised in a subprocess test
    raise ImportError(
        "imrparse.testing needs hypothesis: pip install 'imrparse[testing]'"
    ) from error

from imrparse.testing import layouts as _layouts
from imrparse.testing.damage import damaged

# The layout strategies: `layouts.__all__` is their one list.
from imrparse.testing.layouts import *  # noqa: F403
from imrparse.testing.layouts import __all__ as __all__
from imrparse.testing.records import determinations
from imrparse.write.extraction import Layout, PageBreak

# Type checkers read the exports of `_layouts` in two ways: mypy from the import of its
# `__all__` above (it does not follow `+=`), pyright and the typing spec from `+=` below.
__all__ = ["Layout", "PageBreak", "damaged", "determinations"]  # noqa: F811 (anew at run time)
__all__ += _layouts.__all__
