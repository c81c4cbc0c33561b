"""The resident of the issue's "done means": Ana, a resident with no
sponsor, whose network is local and inside medicine; Dr. Okafor, her strong
tie (and a Tiewise user), knows Marcus Lee, a listed faculty member at
another hospital who offers sponsorship in her growth area. Nia is on
Tiewise but not listed: she must never appear anywhere."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.core.cache import cache

from tiewise.accounts.services import user_create
from tiewise.directory import services as directory
from tiewise.network import services as network
from tiewise.planning import services as planning

PASSWORD = "correct horse 42"


@dataclass
class Cast:
    ana: Any
    okafor: Any
    marcus: Any
    nia: Any
    okafor_node: Any
    marcus_node: Any


@pytest.fixture
def cast(db: Any) -> Cast:
    cache.clear()
    ana = user_create(email="ana@example.org", password=PASSWORD, display_name="Ana Ruiz",
                      career_stage="resident", country="USA")  # fmt: skip
    okafor = user_create(email="okafor@example.org", password=PASSWORD,
                         display_name="Dr. Chidi Okafor")  # fmt: skip
    marcus = user_create(email="marcus@example.org", password=PASSWORD,
                         display_name="Marcus Lee")  # fmt: skip
    nia = user_create(email="nia@example.org", password=PASSWORD, display_name="Nia Hidden")
    okafor_node = network.node_create(
        owner=ana,
        data={"name": "Dr. Chidi Okafor", "strength": "strong", "roles": ["mentor"],
              "areas": ["expertise"], "sector": "medicine", "reach": "local",
              "email": "okafor@example.org"},
    )  # fmt: skip
    network.node_create(
        owner=ana,
        data={"name": "Priya Shah", "strength": "strong", "roles": ["peer"],
              "areas": ["academic"], "sector": "medicine", "reach": "local"},
    )  # fmt: skip
    marcus_node = network.node_create(owner=ana, data={"name": "Marcus Lee", "strength": "absent"})
    network.alter_tie_create(owner=ana, source=okafor_node.pk, target=marcus_node.pk)
    planning.goal_create(owner=ana, data={"title": "Learn point-of-care ultrasound"})
    directory.listing_save(
        user=marcus,
        data={"listed": True, "bio": "Emergency physician, ultrasound educator.",
              "institution": "Toronto General", "specialty": "Emergency medicine",
              "career_stage": "senior_faculty", "sector": "medicine", "country": "Canada",
              "areas": ["expertise"], "topics": ["point-of-care ultrasound", "simulation"],
              "offers": ["sponsorship", "mentoring"], "seeks": ["research_collaboration"]},
    )  # fmt: skip
    directory.listing_save(
        user=nia,
        data={"listed": False, "bio": "secret bio", "institution": "Hidden Hospital",
              "topics": ["point-of-care ultrasound"], "offers": ["sponsorship"]},
    )  # fmt: skip
    return Cast(ana, okafor, marcus, nia, okafor_node, marcus_node)
