"""Physical lines of extracted text, as words that remember where they came from."""

from __future__ import annotations

from attrs import frozen

__all__ = ["Line", "Word"]


@frozen
class Word:
    """One whitespace-free run of the input, and the input offset it starts at."""

    text: str
    start: int


@frozen
class Line:
    """One physical line of the input, as its words."""

    words: tuple[Word, ...]

    @property
    def text(self) -> str:
        """The line with single spaces between words."""
        return " ".join(word.text for word in self.words)
