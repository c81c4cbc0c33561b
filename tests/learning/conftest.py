from __future__ import annotations

from typing import Any

import pytest

from tiewise.network import services as network


@pytest.fixture
def pln(owner: Any) -> dict[str, Any]:
    """A resident's network: two people who can teach ultrasound (one a
    strong tie), a mentee, and someone who knows nothing about it."""
    make = lambda **d: network.node_create(owner=owner, data=d)  # noqa: E731
    return {
        "lee": make(name="Dr Lee", strength="weak", expertise=["Ultrasound", "Sepsis"]),
        "ruiz": make(name="Dr Ruiz", strength="strong", expertise=["point of care ultrasound"]),
        "kim": make(name="Kim Park", strength="strong", roles=["mentee"]),
        "tom": make(name="Tom Becker", strength="weak", expertise=["Grant writing"]),
    }
