"""Counts on the dashboard read as people read them: 1,200, never 1200."""

from __future__ import annotations

import re
from typing import Any

from tiewise.network import services
from tiewise.network.models import Node, Tie


def test_a_big_pln_s_dashboard_counts_have_thousands_separators(
    owner_client: Any, owner: Any
) -> None:
    nodes = Node.objects.bulk_create([Node(owner=owner, name=f"Peer {i}") for i in range(1200)])
    Tie.objects.bulk_create([Tie(node=n, strength="weak", areas=["academic"]) for n in nodes])
    services.touch_pln(owner)
    html = owner_client.get("/").content.decode()
    assert 'data-testid="count-total">1,200<' in html
    assert 'data-testid="count-weak">1,200<' in html
    assert 'data-testid="area-academic">1,200<' in html
    assert "(1,200 in all)" in html  # the since card
    # No count anywhere in the text without its separator ("1200 on your map").
    assert not re.search(r"[>\s(]1200[\s<)]", html)


def test_the_who_knows_whom_count_follows_a_deleted_person(owner_client: Any, owner: Any) -> None:
    """The count is cached on the graph's version: deleting a person takes
    their ties with it, and the dashboard, snapshots and a coach's agenda
    must count them gone at once."""
    from tiewise.network import selectors
    from tiewise.upkeep import selectors as upkeep_selectors

    a, b, c = (services.node_create(owner=owner, data={"name": n}) for n in ("Ann", "Bo", "Cy"))
    services.alter_tie_create(owner=owner, source=a.pk, target=b.pk)
    services.alter_tie_create(owner=owner, source=a.pk, target=c.pk)
    assert selectors.alter_tie_count(owner) == 2
    assert "2</span> who-knows-whom links" in owner_client.get("/").content.decode()
    services.node_delete(node=a)
    assert selectors.alter_tie_count(owner) == 0
    assert upkeep_selectors.pln_state(owner)["alter_ties"] == 0
    assert "0</span> who-knows-whom links" in owner_client.get("/").content.decode()
