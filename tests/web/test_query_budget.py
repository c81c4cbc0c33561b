"""A query budget per page: every page and API list costs the same number
of SQL queries for a PLN of 40 nodes and one of 400 (no query per row)."""

from __future__ import annotations

import random
from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tiewise.accounts.services import token_create, user_create
from tiewise.network.models import AlterTie, Node, Tie
from tiewise.network.services import touch_pln
from tiewise.planning import services as planning
from tiewise.upkeep import services as upkeep

from ..conftest import ApiClient, sign_in

PAGES = ["/", "/nodes/", "/nodes/knows/", "/nodes/duplicates/", "/map/", "/map/table/",
         "/insights/", "/plan/", "/plan/prospects/", "/plan/actions/", "/due/", "/upkeep/",
         "/log/", "/learning/", "/snapshots/", "/worksheet", "/coaching/", "/import/"]  # fmt: skip
API = ["/api/v1/nodes", "/api/v1/interactions", "/api/v1/map", "/api/v1/insights",
       "/api/v1/goals", "/api/v1/actions", "/api/v1/prospects", "/api/v1/alter-ties",
       "/api/v1/skills", "/api/v1/nodes/duplicates"]  # fmt: skip


def _pln(email: str, n: int) -> Any:
    """A PLN of `n` people with every kind of row a page lists."""
    rng = random.Random(n)
    user = user_create(email=email, password="correct horse 77", display_name="Dr Budget")
    nodes = Node.objects.bulk_create(
        [Node(owner=user, name=f"Person {i:04d}", organisation=f"Clinic {i % 7}",
              sector=rng.choice(["medicine", "academia", ""])) for i in range(n)]
    )  # fmt: skip
    Tie.objects.bulk_create(
        [Tie(node=node, strength=rng.choice(["strong", "weak", "weak", "absent"]),
             roles=rng.choice([[], [], ["mentor"], ["peer"]]),
             tracked_since=timezone.localdate() - timedelta(days=400) if i % 3 == 0 else None)
         for i, node in enumerate(nodes)]
    )  # fmt: skip
    pairs = {tuple(sorted(rng.sample(range(n), 2))) for _ in range(n)}
    AlterTie.objects.bulk_create(
        [AlterTie(owner=user, source=nodes[a], target=nodes[b]) for a, b in pairs]
    )
    touch_pln(user)
    for node in nodes[: n // 10]:
        upkeep.interaction_create(owner=user, data={"nodes": [node.pk], "kind": "meeting",
                                                    "channel": "in_person"})  # fmt: skip
    goal = planning.goal_create(
        owner=user, data={"title": "Find a sponsor", "nodes": [n.pk for n in nodes[:5]]}
    )
    for i in range(3):
        planning.action_create(owner=user, data={"title": f"Step {i}", "goal": goal.pk})
    return user


@pytest.fixture
def small(db: Any) -> Any:
    return _pln("small@example.org", 40)


@pytest.fixture
def big(db: Any) -> Any:
    return _pln("big@example.org", 400)


def _count(client: Any, path: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, response.status_code
    return len(queries.captured_queries)


def test_every_page_and_api_list_costs_the_same_queries_at_40_and_400(small: Any, big: Any) -> None:
    clients = {who: sign_in(Client(), who) for who in (small, big)}
    apis = {who: ApiClient(token_create(user=who, name="t")[1]) for who in (small, big)}
    differ = {}
    seen = {}
    for path in PAGES:
        counts = [_count(clients[who], path) for who in (small, big)]
        seen[path] = counts
        if counts[0] != counts[1]:
            differ[path] = counts
    for path in API:
        counts = [_count(apis[who], path) for who in (small, big)]
        seen[path] = counts
        if counts[0] != counts[1]:
            differ[path] = counts
    # The coach's pages of each coachee, with everything shared.
    from tiewise.coaching import services as coaching

    for who in (small, big):
        coach = user_create(email=f"coach-{who.pk}@example.org", password="correct horse 78")
        rel = coaching.invitation_create(
            coachee=who, email=coach.email, share={"plan": True, "notes": True}
        )
        rel = coaching.invitation_accept(coach=coach, token=coaching.invitation_token(rel))
        clients[who] = sign_in(Client(), coach)
        who.rel_id = rel.pk  # type: ignore[attr-defined]
    for tail in ("", "people/", "plan/", "insights/", "agenda/", "map/"):
        counts = [
            _count(clients[who], f"/coaching/coachees/{who.rel_id}/{tail}") for who in (small, big)
        ]
        seen[f"coach {tail or 'coachee'}"] = counts
        if counts[0] != counts[1]:
            differ[f"coach {tail}"] = counts
    counts = [_count(clients[who], "/coaching/caseload/") for who in (small, big)]
    seen["coach caseload"] = counts
    if counts[0] != counts[1]:
        differ["coach caseload"] = counts
    print("query budget:", seen)
    assert differ == {}
    assert min(c[0] for c in seen.values()) > 0


def test_a_cold_dashboard_reads_its_people_and_each_version_once(small: Any) -> None:
    """After an edit every card of the dashboard is recomputed: from one
    read of the people, the PLN version and the tie graph's version."""
    from tiewise.network.services import node_update

    client = sign_in(Client(), small)
    client.get("/")
    node = Node.objects.filter(owner=small).order_by("pk")[0]
    node_update(node=node, data={"strength": "strong" if node.tie.strength != "strong" else "weak"})
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200
    sqls = [q["sql"] for q in queries.captured_queries]
    # Everyone's roles: a read of all the people (the five newest are a LIMIT).
    people = [s for s in sqls if '"network_tie"."roles"' in s and "LIMIT" not in s]
    assert len(people) == 1, people
    # A read of a version alone (the profile's whole row holds them too).
    for version in ("pln_version", "graph_version"):
        alone = [s for s in sqls if f'"accounts_profile"."{version}" AS' in s]
        assert len(alone) == 1, alone
