"""A one-line progress display on a terminal, redrawn in place, silent elsewhere."""

from __future__ import annotations

import time
from typing import TextIO

__all__ = ["Progress", "format_seconds"]

# Redraws per second at most: enough to look alive, few enough to cost nothing.
_REDRAWS_PER_SECOND = 10
_CLEAR_LINE = "\r\033[K"


def format_seconds(seconds: float) -> str:
    """Write a duration for a person: tenths below ten seconds, then s, min, h.

    >>> [format_seconds(s) for s in (0.04, 2.345, 17.2, 125, 7300)]
    ['0.0 s', '2.3 s', '17 s', '2 min 5 s', '2 h 1 min']
    """
    if seconds < 10:
        return f"{seconds:.1f} s"
    whole = round(seconds)
    if whole < 60:
        return f"{whole} s"
    if whole < 3600:
        return f"{whole // 60} min {whole % 60} s"
    return f"{whole // 3600} h {whole % 3600 // 60} min"


class Progress:
    """Count letters as they finish and show the count, failures, rate and time left.

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
        #: The number of letters in all, once known (counted alongside the run).
        self.total: int | None = None

    @property
    def enabled(self) -> bool:
        """Whether anything is drawn."""
        return self._enabled

    @property
    def elapsed(self) -> float:
        """Seconds since the display was made."""
        return time.monotonic() - self._started

    def advance(self, *, failed: bool) -> None:
        """Count one finished letter and redraw if it is time to."""
        self.done += 1
        self.failed += failed
        now = time.monotonic()
        if self._enabled and now - self._drawn_at >= 1 / _REDRAWS_PER_SECOND:
            self._drawn_at = now
            self._draw(now)

    def line(self, now: float) -> str:
        """The text of the display at time ``now`` (:func:`time.monotonic`)."""
        elapsed = max(now - self._started, 1e-9)
        rate = self.done / elapsed
        total = self.total
        if total is None or total < self.done:
            return f"{self.done:,} letters, {self.failed:,} failed, {rate:,.0f} letters/s"
        percent = 100 * self.done // max(total, 1)
        left = f", {format_seconds((total - self.done) / rate)} left" if self.done else ""
        return (
            f"{self.done:,} of {total:,} letters ({percent}%), {self.failed:,} failed, "
            f"{rate:,.0f} letters/s{left}"
        )

    def _draw(self, now: float) -> None:
        self._stream.write(_CLEAR_LINE + self.line(now))
        self._stream.flush()

    def clear(self) -> None:
        """Erase the line, so that a message can be printed in its place."""
        if self._enabled and self._drawn_at:
            self._stream.write(_CLEAR_LINE)
            self._stream.flush()
            self._drawn_at = 0.0
