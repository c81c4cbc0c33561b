"""Plan fixtures on top of the shared personas (owner, other, jane, raj)."""

from __future__ import annotations

from typing import Any

import pytest

from tiewise.network import services as network_services
from tiewise.planning import services


@pytest.fixture
def elena(owner: Any) -> Any:
    """A prospect already on the map: known of, no tie yet."""
    return network_services.node_create(
        owner=owner,
        data={"name": "Dr. Elena Vasquez", "strength": "absent", "sector": "medicine",
              "reach": "national", "organisation": "National Board", "roles": ["sponsor"]},
    )  # fmt: skip


@pytest.fixture
def goal(owner: Any) -> Any:
    return services.goal_create(
        owner=owner,
        data={"title": "Publish a case series", "measurable": "1 accepted paper",
              "target_date": "2030-01-01"},
    )  # fmt: skip


@pytest.fixture
def other_node(other: Any) -> Any:
    return network_services.node_create(owner=other, data={"name": "Not yours"})
