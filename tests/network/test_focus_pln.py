"""The worksheet reads only the who-knows-whom ties it draws, and draws
exactly what the whole PLN would: on a 900-person PLN with ego-Facebook's
ties among them (or random ones without ../shared/data), and on a small one."""

from __future__ import annotations

import random
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tiewise.core.mapdata import map_payload
from tiewise.core.svg import render_svg
from tiewise.network.models import AlterTie, Node, Tie
from tiewise.network.selectors import focus_pln, pln_snapshot

from ..realdata import FACEBOOK, facebook_ties


def _pln_of(owner: Any, n: int) -> list[Node]:
    rng = random.Random(3)
    nodes = Node.objects.bulk_create([Node(owner=owner, name=f"Dr Peer {i}") for i in range(n)])
    Tie.objects.bulk_create(
        [
            Tie(
                node=node,
                strength="strong" if rng.random() < 0.05 else "weak",
                roles=["mentor"] if rng.random() < 0.02 else [],
                areas=[rng.choice(["academic", "expertise", "informal_community"])],
                modes=[rng.choice(["personal", "technology"])],
            )
            for node in nodes
        ]
    )
    pairs: set[tuple[int, int]] = set()
    if FACEBOOK.exists():
        pairs = set(facebook_ties(n - 1, first=0))
    else:
        while len(pairs) < 4 * n:
            a, b = sorted(rng.sample(range(n), 2))
            pairs.add((a, b))
    AlterTie.objects.bulk_create(
        [AlterTie(owner=owner, source=nodes[a], target=nodes[b]) for a, b in sorted(pairs)]
    )
    return nodes


@pytest.mark.parametrize("n", [40, 900])
def test_the_focused_pln_draws_the_same_worksheet_as_the_whole_one(owner: Any, n: int) -> None:
    nodes = _pln_of(owner, n)
    linked = frozenset({nodes[7].pk})
    whole = pln_snapshot(owner)
    with CaptureQueriesContext(connection) as queries:
        focused = focus_pln(owner, linked=linked)
    assert len(queries) <= 4
    assert focused.nodes == whole.nodes
    assert map_payload(focused, linked=linked, clusters={}) == map_payload(
        whole, linked=linked, clusters={}
    )
    assert render_svg(focused, linked=linked) == render_svg(whole, linked=linked)
    if n == 900:
        # It read the few ties among the people named, not the thousands.
        assert len(whole.alter_ties) > 1000
        assert len(focused.alter_ties) < len(whole.alter_ties) / 10


def test_the_focused_pln_draws_the_same_phone_map_and_dragged_map(owner: Any) -> None:
    nodes = _pln_of(owner, 900)
    whole = pln_snapshot(owner)
    # Two weak ties the owner dragged: drawn by name wherever they are.
    spots = {nodes[500].pk: (120.0, -80.0), nodes[611].pk: (-90.0, 140.0)}
    for compact in (False, True):
        focused = focus_pln(owner, pinned=frozenset(spots), compact=compact)
        assert map_payload(focused, positions=spots, compact=compact, clusters={}) == map_payload(
            whole, positions=spots, compact=compact, clusters={}
        ), compact
