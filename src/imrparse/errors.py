"""The errors :func:`imrparse.parse` raises. Lark's own exceptions never escape."""

from __future__ import annotations

__all__ = ["ParseError"]


class ParseError(ValueError):
    """The text is not an IMR Final Determination Letter that imrparse can read.

    Attributes:
        line: 1-based line in the text passed to :func:`imrparse.parse`.
        column: 1-based column on that line.
        expected: What the letter should have had there, in the letter's own words.
        context: The offending line with a caret under the column.
    """

    line: int
    column: int
    expected: str
    context: str

    def __init__(self, expected: str, *, line: int, column: int, context: str = "") -> None:
        self.expected = expected
        self.line = line
        self.column = column
        self.context = context
        message = f"expected {expected} (line {line}, column {column})"
        if context:
            message = f"{message}\n{context}"
        super().__init__(message)

    def __reduce__(self) -> tuple[object, ...]:
        # Keyword-only arguments need help to survive pickling (process pools).
        return (_rebuild, (self.expected, self.line, self.column, self.context))


def _rebuild(expected: str, line: int, column: int, context: str) -> ParseError:
    return ParseError(expected, line=line, column=column, context=context)
