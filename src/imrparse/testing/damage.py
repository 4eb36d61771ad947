"""A strategy for damaged letters: what a bad extraction or a truncated download does.

Part of :mod:`imrparse.testing`; import the strategies from there.
"""

from __future__ import annotations

from hypothesis import strategies as st

__all__ = ["damaged"]


@st.composite
def damaged(draw: st.DrawFn, text: str) -> str:
    """Draw ``text`` with lines dropped, duplicated, swapped or cut, or characters added.

    Args:
        draw: Supplied by hypothesis.
        text: A letter (real or generated).

    Returns:
        A strategy for the damaged text.
    """
    lines = text.split("\n")
    for _ in range(draw(st.integers(1, 4))):
        if not lines:
            lines = [""]
        at = draw(st.integers(0, len(lines) - 1))
        damage = draw(st.sampled_from(["drop", "duplicate", "swap", "truncate", "insert", "cut"]))
        if damage == "drop":
            del lines[at]
        elif damage == "duplicate":
            lines.insert(at, lines[at])
        elif damage == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[at], lines[other] = lines[other], lines[at]
        elif damage == "truncate":
            lines[at] = lines[at][: draw(st.integers(0, len(lines[at])))]
        elif damage == "insert":
            column = draw(st.integers(0, len(lines[at])))
            noise = draw(st.text(min_size=1, max_size=5))
            lines[at] = lines[at][:column] + noise + lines[at][column:]
        else:  # the download stopped here
            lines = lines[: at + 1]
    return "\n".join(lines)
