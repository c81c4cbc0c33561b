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
