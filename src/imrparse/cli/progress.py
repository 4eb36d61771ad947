"""A one-line progress display on a terminal, redrawn in place, silent elsewhere."""

from __future__ import annotations

import time
from typing import TextIO

__all__ = ["Progress"]

# Redraws per second at most: enough to look alive, few enough to cost nothing.
_REDRAWS_PER_SECOND = 10
_CLEAR_LINE = "\r\033[K"


class Progress:
    """Count letters as they finish and show the count, failures and rate.

    Args:
        stream: Where to draw (standard error).
        enabled: ``False`` draws nothing (output piped, or ``--no-progress``).
    """

    def __init__(self, stream: TextIO, *, enabled: bool) -> None:
        self._stream = stream
        self._enabled = enabled
        self._started = time.monotonic()
        self._drawn_at = 0.0
        self.done = 0
        self.failed = 0

    def advance(self, *, failed: bool) -> None:
        """Count one finished letter and redraw if it is time to."""
        self.done += 1
        self.failed += failed
        now = time.monotonic()
        if self._enabled and now - self._drawn_at >= 1 / _REDRAWS_PER_SECOND:
            self._drawn_at = now
            self._draw(now)

    def _draw(self, now: float) -> None:
        rate = self.done / max(now - self._started, 1e-9)
        self._stream.write(
            f"{_CLEAR_LINE}{self.done:,} letters, {self.failed:,} failed, {rate:,.0f} letters/s"
        )
        self._stream.flush()

    def clear(self) -> None:
        """Erase the line, so that a message can be printed in its place."""
        if self._enabled and self._drawn_at:
            self._stream.write(_CLEAR_LINE)
            self._stream.flush()
            self._drawn_at = 0.0

    def finish(self) -> None:
        """Draw the final count and end the line."""
        if self._enabled:
            self._draw(time.monotonic())
            self._stream.write("\n")
            self._stream.flush()
