"""The front door: :func:`parse` one letter's text into a :class:`Determination`.

Data flows one way: text -> canonical text (:mod:`imrparse.read.normalize`) -> tree (the
LALR grammar) -> records (:mod:`imrparse.read.transform`).
"""

from __future__ import annotations

from lark.exceptions import UnexpectedInput

from imrparse.errors import ParseError
from imrparse.models import Determination
from imrparse.read.normalize import normalize
from imrparse.read.parse_errors import parse_error
from imrparse.read.parsers import letter_parser
from imrparse.read.recovery import read_leniently
from imrparse.read.transform import LetterTransformer

__all__ = ["parse"]


def parse(text: str, *, strict: bool = True) -> Determination:
    """Read the text of one IMR Final Determination Letter into a record.

    The text may come from any extractor (pypdf, pdftotext, ...) in any of the layouts
    described in ``docs/reading-rules.md``; the same letter gives an equal record in all.

    Args:
        text: The whole letter as one string.
        strict: With ``True`` (the default), a letter that departs from the template
            raises :class:`~imrparse.ParseError`. With ``False``, every section that can
            be read is returned and the rest is left empty, each gap explained by a
            ``skipped-part`` warning in ``Determination.warnings``; only text in which
            no section can be read raises.

    Returns:
        The letter's :class:`~imrparse.Determination`.

    Raises:
        TypeError: ``text`` is not a ``str``.
        ParseError: The text is not a letter of the modern template; the error names the
            line and column of the input where the template was broken, and what was
            expected there.

    >>> import imrparse
    >>> try:
    ...     imrparse.parse("CLINICAL CASE SUMMARY")
    ... except imrparse.ParseError as error:
    ...     print(error.line, error.column, error.expected)
    1 1 the heading 'HOW THE IMR FINAL DETERMINATION WAS MADE'
    """
    if not isinstance(text, str):
        raise TypeError(f"parse() takes the letter's text as str, not {type(text).__name__}")
    canonical = normalize(text)
    failure: ParseError | None
    try:
        tree = letter_parser().parse(canonical.text, start="start")
    except UnexpectedInput as error:
        failure = parse_error(error, canonical, text)
    else:
        failure = None
    if failure is not None:
        # Raised outside the except block, so not chained to lark's exception: that one
        # holds the parser and does not pickle, and a ParseError must cross process
        # boundaries (Dask, process pools).
        if strict:
            raise failure
        return read_leniently(canonical, text, failure)
    transformer = LetterTransformer(canonical)
    return transformer.read_letter(tree)
