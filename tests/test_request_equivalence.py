"""The request readers give what they gave before their third speed-up (revision 2305ac1).

That revision's ``read_category`` and ``read_request`` (their modules, grammar and
vocabulary) are copied out of git into a package of their own, as
``benchmarks/bench_request.py --against`` does, and both are run on items drawn from
the pieces their rules look at: counts that open an item or stand alone, unit nouns,
numbered products, compounds, sites and sides, brackets, lead-ins, the vocabulary's
terms, and characters that case-fold to ASCII. Skipped where git cannot show that
revision (a source distribution, a shallow clone).
"""

from __future__ import annotations

import pathlib
import subprocess
import sys
from collections.abc import Callable

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

ROOT = pathlib.Path(__file__).resolve().parent.parent
REVISION = "2305ac1"

sys.path.insert(0, str(ROOT / "benchmarks"))
import bench_request  # noqa: E402


def _revision_available() -> bool:
    try:
        found = subprocess.run(
            ["git", "-C", str(ROOT), "cat-file", "-e", f"{REVISION}^{{commit}}"],
            capture_output=True,
            check=False,
        )
    except OSError:
        return False
    return found.returncode == 0


pytestmark = pytest.mark.skipif(not _revision_available(), reason=f"git cannot show {REVISION}")


@pytest.fixture(scope="module")
def old_readers(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], object]:
    return bench_request.old_readers(REVISION, tmp_path_factory.mktemp("old")).item


# fmt: off
_PIECES = [
    # Lead-ins, in any case, and the counts that may follow them.
    "Associated surgical service:", "ASSOCIATED SURGICAL SERVICES", "Retrospective",
    "post-op", "Pre-Operative", "additional", "Twelve", "two", "6", "12", "1234567",
    # Unit nouns, and what a count may count.
    "visits", "sessions", "Tablets", "tabs", "patches", "acupuncture", "physical therapy",
    "x", "times", "x 6", "#30", "# 6", "QTY: 8", "60 Tablets of", "1-2 tabs", "12-18 sessions",
    # Numbered products and compounds.
    "Tylenol", "codeine", "with", "#3", "#4", "#5", "Flurbiprofen", "Lidocaine", "20%",
    "5%", "4%-2%", "/", "+", "&", "and", "cream", "gel", "patch", "topical",
    # Measures.
    "5mg", "10/325mg", "2 times a week", "2x/week", "for 6 weeks", "over two weeks",
    "14 days", "daily", "every 4-6 hrs", "121gm", "with 2 refills", "(DOS 11/18/16)",
    "12/07/2016",
    # Sites and sides.
    "left", "Right", "bilateral", "knee", "knees", "lumbar spine", "shoulder, wrist",
    "right shoulder, right wrist", "left knee, right hip", "upper extremity", "hand-held",
    # Category words.
    "MRI", "surgery", "lumbar", "arthroscopy", "consultation", "surgeon", "injection",
    "Toradol", "Norco", "extended release", "EMG/NCV", "durable medical equipment",
    # Punctuation, brackets, and letters that case-fold to ASCII.
    "(", ")", "[", "]", ",", ";", ":", "-", "_", "\u00e9", "\u0130", "\u017f", "\u212a",
    "r\u0130ght", "\u212anee", "\u03a3",
]
# fmt: on
_ITEMS = st.lists(st.one_of(st.sampled_from(_PIECES), st.text(max_size=3)), max_size=14).flatmap(
    lambda parts: st.sampled_from([" ", "", ", ", "  "]).map(lambda sep: sep.join(parts))
)


@given(_ITEMS)
@example("Twelve acupuncture visits 6, 12")
@example("Retrospective 60 Tablets of Tylenol with codeine #3, #40")
@example("Flurbiprofen 20%/Lidocaine 5% cream, Norco 10/325mg #60 x 2 refills")
@example("ASSOCIATED SURGICAL SERVICE: Post-op 12 sessions, left knee, right hip")
@example("Physical therapy 2 times a week, 3 times a week for 6 weeks, 5mg 10mg")
def test_the_request_readers_read_items_as_before(
    old_readers: Callable[[str], object], item: str
) -> None:
    assert repr(bench_request.new_readers(item)) == repr(old_readers(item))


@given(st.text())
def test_the_request_readers_read_any_text_as_before(
    old_readers: Callable[[str], object], text: str
) -> None:
    assert repr(bench_request.new_readers(text)) == repr(old_readers(text))
