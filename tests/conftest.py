"""Shared test settings: hypothesis profiles.

``fast`` (the default) keeps the whole suite to a few minutes on CI and is deterministic:
``derandomize=True`` draws the same examples on every run and no example database is
read or written (CI keeps none), so a run that passes passes again, and one that fails
fails again on any machine. ``thorough`` runs many more examples per property, at random,
and is chosen with ``HYPOTHESIS_PROFILE=thorough`` (docs/testing.md); an example it finds
is kept in the test as an ``@example``, so the fast profile runs it from then on.
Neither sets a deadline: how long one example takes is the benchmarks' business
(benchmarks/bench_hostile.py), and a timing assertion in a test would fail on a busy
machine for reasons that are not bugs.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

# Generated letters are large and slow to draw compared with hypothesis' own budget;
# that is expected, not a problem with a strategy.
_SLOW_DATA = [HealthCheck.too_slow, HealthCheck.data_too_large]

settings.register_profile(
    "fast",
    max_examples=60,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=_SLOW_DATA,
    print_blob=True,
)
settings.register_profile(
    "thorough",
    max_examples=10_000,
    deadline=None,
    suppress_health_check=_SLOW_DATA,
    print_blob=True,
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "fast"))
