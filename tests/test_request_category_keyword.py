"""``read_request(item, category=...)`` gives what evolving its request would."""

from __future__ import annotations

import attrs
import pytest

from imrparse.read.free_text.categories import read_category
from imrparse.read.free_text.request import read_request


@pytest.mark.parametrize(
    "item",
    [
        "Norco 10/325mg #60",
        "MRI of the right knee without contrast",
        "Sit-stand workstation",
        "Associated surgical service: Post-op physical therapy 2x per week for 6 weeks",
        "",
    ],
)
def test_category_given_equals_evolved(item: str) -> None:
    category, _ = read_category(item)
    assert read_request(item, category=category) == attrs.evolve(
        read_request(item), category=category
    )
    assert read_request(item).category is None
