"""The summary readers' one-pass scans find what the plainer scans they replaced found.

Each fast path (a regex that finds every sentence end at once, ...) is compared here with
the plain scan it replaced, written out again as the reference, on text drawn from the
pieces that matter to it: marks, abbreviations in any case and script, brackets.
"""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from imrparse.read.free_text import sentences
from imrparse.read.free_text.sentences import SentenceEnds

_SENTENCE_PIECES = st.sampled_from(
    [
        *(".", "?", "!", " ", "  ", '"', "'", ")", "]", "(", "A", "Ab", "a", "0", "_", "\n"),
        *("Dr", "dR", "e.g", "E.G", "i.e", "approx", "APPROX", "sept", "Sept", "no", "St"),
        *("\u0130", "\u0131", "\u017f", "\u017ft", "\u212a", "x", "xdr", "pain", "2016"),
    ]
)


def _sentence_ends(text: str) -> list[int]:
    """Every sentence end, as SentenceEnds found them before: _END tried at each stop."""
    stops = sorted(at for at, char in enumerate(text) if char in ".?!")
    ends = []
    for stop in stops:
        match = sentences._END.match(text, stop)
        if match is None:
            continue
        word = sentences._WORD_BEFORE.search(text, max(0, stop - 8), stop)
        if stop >= 2 and word is not None and word.group().lower() in sentences._ABBREVIATIONS:
            continue
        ends.append(match.end())
    return ends


@given(st.lists(st.one_of(_SENTENCE_PIECES, st.text(max_size=3)), max_size=40).map("".join))
@example("He saw Dr. Smith. The IW (age 40.) Fell! Then \u0130.e. A x.dr. B approx. C")
@example("Mrs. A _dr. B \u017ft. C e.g.? D")
def test_sentence_ends_are_found_as_at_each_stop(text: str) -> None:
    assert SentenceEnds(text)._ends == _sentence_ends(text)
