"""Insights recompute only what changed: the structural part is cached on
the alter-tie graph, so an attribute edit leaves it be and a tie edit
recomputes it; either way the report equals one computed from scratch."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache

from tiewise.core.analysis import insights as core_insights
from tiewise.insights import selectors
from tiewise.network import services as network


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []
    real = core_insights.structure_of

    def spy(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(selectors, "structure_of", spy)
    return calls


def _people(owner: Any) -> list[Any]:
    made = [
        network.node_create(
            owner=owner, data={"name": f"P{i}", "strength": "strong" if i < 3 else "weak"}
        )
        for i in range(8)
    ]
    for a, b in ((0, 1), (1, 2), (2, 3), (4, 5), (5, 6)):
        network.alter_tie_create(owner=owner, source=made[a].pk, target=made[b].pk)
    return made


def _scratch(owner: Any) -> dict[str, Any]:
    cache.clear()
    return selectors.insights_for(owner, use_cache=False)


def test_an_attribute_edit_keeps_the_structure_and_a_tie_edit_recomputes_it(
    owner: Any, counted: list[int]
) -> None:
    made = _people(owner)
    selectors.insights_for(owner)
    assert len(counted) == 1
    network.node_update(node=made[7], data={"strength": "strong", "areas": ["academic"]})
    after_edit = selectors.insights_for(owner)
    assert len(counted) == 1, "an attribute edit left the graph as it was"
    assert after_edit["size"]["strong"] == 4
    network.alter_tie_create(owner=owner, source=made[6].pk, target=made[7].pk)
    after_tie = selectors.insights_for(owner)
    assert len(counted) == 2
    assert after_tie["structure"]["alter_ties"] == 6
    assert after_tie == _scratch(owner)


def test_a_prospect_becoming_a_tie_changes_the_graph(owner: Any, counted: list[int]) -> None:
    made = _people(owner)
    network.node_update(node=made[0], data={"strength": "absent"})  # no longer an alter
    first = selectors.insights_for(owner)
    network.node_update(node=made[0], data={"strength": "strong"})
    again = selectors.insights_for(owner)
    assert len(counted) == 2
    assert first["structure"]["alter_ties"] == 4 and again["structure"]["alter_ties"] == 5
    assert again == _scratch(owner)


def test_the_coachs_view_has_its_own_structure(owner: Any) -> None:
    made = _people(owner)
    network.node_update(node=made[1], data={"private": True})
    shown = selectors.insights_for(owner, include_private=False)
    full = selectors.insights_for(owner)
    assert shown["structure"]["alter_ties"] == 3 and full["structure"]["alter_ties"] == 5


def test_the_caseloads_batched_reports_share_the_structure_cache(
    owner: Any, other: Any, counted: list[int]
) -> None:
    """A coach's caseload reports several coachees at once: after an
    attribute edit none of their structures is recomputed, after a tie edit
    only that coachee's, and each report equals one from scratch."""
    from tiewise.accounts.models import User

    mine, theirs = _people(owner), _people(other)
    owners = [
        (u, False) for u in User.objects.filter(pk__in=[owner.pk, other.pk]).select_related(
            "profile").order_by("pk")
    ]  # fmt: skip
    selectors.insights_for_many(owners)
    assert len(counted) == 2
    network.node_update(node=mine[7], data={"strength": "strong"})
    network.node_update(node=theirs[7], data={"roles": ["mentor"]})
    edited = selectors.insights_for_many(owners)
    assert len(counted) == 2, "attribute edits left both graphs as they were"
    network.alter_tie_create(owner=other, source=theirs[6].pk, target=theirs[7].pk)
    after_tie = selectors.insights_for_many(owners)
    assert len(counted) == 3, "only the coachee whose ties changed is recomputed"
    assert edited[0]["size"]["strong"] == 4
    for (user, _shown), report in zip(owners, after_tie, strict=True):
        cache.clear()
        assert report == selectors.insights_for(user, include_private=False, use_cache=False)


@pytest.mark.parametrize("change", ["grid swap", "delete", "bulk", "merge", "strength"])
def test_every_way_of_changing_who_knows_whom_recomputes_the_structure(
    owner: Any, counted: list[int], change: str
) -> None:
    """The structure is cached on the graph's own version: each service that
    changes who knows whom moves it, even a grid edit that keeps the number
    of ties (one ticked, one unticked), and the report equals a fresh one."""
    from tiewise.network.models import AlterTie

    made = _people(owner)
    selectors.insights_for(owner)
    assert len(counted) == 1
    if change == "grid swap":
        ids = [made[i].pk for i in (4, 5, 6)]
        # Before: 4-5 and 5-6. After: 4-5 and 4-6 (same count, another graph).
        network.alter_ties_set_among(
            owner=owner, ids=ids, pairs=[(ids[0], ids[1]), (ids[0], ids[2])]
        )
    elif change == "delete":
        tie = AlterTie.objects.filter(owner=owner).order_by("id").first()
        assert tie is not None
        network.alter_tie_delete(owner=owner, tie_id=tie.pk)
    elif change == "bulk":
        network.alter_ties_bulk_create(owner=owner, pairs=[(made[3].pk, made[4].pk, "")])
    elif change == "merge":
        network.node_merge(owner=owner, node_id=made[6].pk, into_id=made[7].pk)
    else:
        network.alter_tie_create(owner=owner, source=made[0].pk, target=made[1].pk, strength="weak")
    after = selectors.insights_for(owner)
    assert len(counted) == 2, change
    assert after == _scratch(owner)
