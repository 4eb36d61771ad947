"""Shared test settings: hypothesis profiles.

``fast`` (the default) keeps the whole suite to a few minutes on CI; ``thorough`` runs
many more examples per property and is chosen with ``HYPOTHESIS_PROFILE=thorough``
(docs/testing.md). Neither sets a deadline: how long one example takes is the
benchmarks' business (benchmarks/bench_hostile.py), and a timing assertion in a test
would fail on a busy machine for reasons that are not bugs.
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
