"""The reads of several owners at once (a coach's caseload) give exactly
what the one-owner reads they stand in for give."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tiewise.accounts.models import User
from tiewise.accounts.services import user_create
from tiewise.insights import selectors as insights
from tiewise.network import selectors as network
from tiewise.network import services as network_services
from tiewise.planning import selectors as planning
from tiewise.planning import services as planning_services
from tiewise.upkeep import selectors as upkeep
from tiewise.upkeep import services as upkeep_services


def _owner(n: int) -> Any:
    user = user_create(email=f"o{n}@example.org", password="correct horse 60")
    nodes = [
        network_services.node_create(
            owner=user,
            data={
                "name": f"N{n}-{i}",
                "strength": ("strong", "weak", "absent")[i % 3],
                "sector": "medicine" if i % 2 else "industry",
                "roles": ["mentor"] if i else [],
                "cadence_days": 7 if i % 2 else None,
                "private": i == 1,
            },
        )  # fmt: skip
        for i in range(4 + n)
    ]
    network_services.alter_tie_create(owner=user, source=nodes[0].pk, target=nodes[1].pk)
    network_services.alter_tie_create(owner=user, source=nodes[0].pk, target=nodes[3].pk)
    goal = planning_services.goal_create(
        owner=user, data={"title": "Goal", "nodes": [nodes[0].pk, nodes[1].pk]}
    )
    planning_services.action_create(
        owner=user, data={"title": "Act", "goal": goal.pk, "due_date": date(2020, 1, 1)}
    )
    for node in nodes[:3]:
        upkeep_services.interaction_create(
            owner=user, data={"date": date(2024, 5, n + 1), "nodes": [node.pk],
                              "direction": "gave" if n % 2 else "received"},
        )  # fmt: skip
    if n % 2:
        upkeep_services.upkeep_settings_update(owner=user, data={"weak_days": 30})
    return user


def test_the_batched_reads_give_what_the_one_owner_reads_give(db: Any) -> None:
    made = [_owner(n) for n in range(3)]
    owners = list(User.objects.filter(pk__in=[u.pk for u in made]).select_related("profile"))
    pairs = [(o, o.pk % 2 == 0) for o in owners]
    ids = [o.pk for o in owners]
    plns = network.pln_snapshots(pairs)
    rows = upkeep.tie_rows_for(ids)
    per = upkeep.reciprocity_for(ids)
    last = upkeep.last_contacts_for(ids)
    visible = network.visible_node_ids(dict((o.pk, shown) for o, shown in pairs))
    cache.clear()
    reports = insights.insights_for_many(pairs)
    for (owner, shown), report in zip(pairs, reports, strict=True):
        pln = network.pln_snapshot(owner, include_private=shown)
        assert plns[owner.pk] == pln
        assert visible[owner.pk] == {n.id for n in pln.nodes}
        assert rows[owner.pk] == upkeep.tie_rows(owner)
        assert per[owner.pk] == upkeep.reciprocity_by_node(owner)[0]
        assert last[owner.pk] == upkeep.last_contacts(owner)
        ids_seen = {n.id for n in pln.nodes}
        assert planning.goal_coverage_for({owner.pk: ids_seen})[owner.pk] == (
            planning.goal_coverage(owner, ids_seen)
        )
        assert report == insights.insights_for(owner, include_private=shown, use_cache=False)
    assert network.pln_snapshots([]) == {} and upkeep.tie_rows_for([]) == {}


def test_the_batched_report_shares_the_cache_of_insights_for(db: Any) -> None:
    owner = User.objects.select_related("profile").get(pk=_owner(1).pk)
    cache.clear()
    filled = insights.insights_for(owner, include_private=False)
    with CaptureQueriesContext(connection) as ctx:
        (again,) = insights.insights_for_many([(owner, False)])
    assert again == filled
    assert len(ctx.captured_queries) == 1  # the PLN version; the report is cached
    cache.clear()
    (computed,) = insights.insights_for_many([(owner, True)])
    with CaptureQueriesContext(connection) as ctx:
        assert insights.insights_for(owner, include_private=True) == computed
    assert len(ctx.captured_queries) == 1
