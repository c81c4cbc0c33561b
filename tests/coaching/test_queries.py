"""The caseload, the coachee overview and the agenda run a fixed number of
SQL queries, whatever the number of coachees (or of their people, goals and
interactions), with a cold cache and a warm one."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.coaching.conftest import persona
from tiewise.accounts.services import user_create
from tiewise.coaching import selectors, services
from tiewise.network import services as network_services
from tiewise.planning import services as planning_services
from tiewise.upkeep import services as upkeep_services

SIZES = (1, 3, 8)


def _coachee(coach: Any, n: int, *, people: int = 3, share: dict[str, bool] | None = None) -> Any:
    """A coachee of `coach` with people (one private), a goal, a prospect,
    an overdue action, interactions, a snapshot and a session note."""
    user = user_create(email=f"c{n}@example.org", password="correct horse 55")
    nodes = [
        network_services.node_create(
            owner=user,
            data={
                "name": f"P{n}-{i}",
                "strength": "strong" if i % 2 else "weak",
                "sector": "medicine" if i % 3 else "industry",
                "cadence_days": 7,
                "private": i == 0,
            },
        )  # fmt: skip
        for i in range(people)
    ]
    network_services.alter_tie_create(owner=user, source=nodes[1].pk, target=nodes[2].pk)
    goal = planning_services.goal_create(
        owner=user, data={"title": f"Goal {n}", "nodes": [nodes[1].pk, nodes[0].pk]}
    )
    planning_services.prospect_create(owner=user, data={"name": f"Pro {n}", "goal": goal.pk})
    ghost = network_services.node_create(
        owner=user, data={"name": f"Ghost {n}", "strength": "absent", "private": True}
    )
    planning_services.prospect_create(owner=user, data={"node": ghost.pk})
    planning_services.action_create(
        owner=user,
        data={"title": f"Act {n}", "goal": goal.pk, "due_date": date(2029, 12, 1),
              "nodes": [nodes[1].pk]},
    )  # fmt: skip
    for node in nodes:
        upkeep_services.interaction_create(
            owner=user, data={"date": date(2029, 11, 1), "nodes": [node.pk], "note": "hi"}
        )
    upkeep_services.snapshot_take(owner=user)
    # A mix of shares across a caseload: the queries must not depend on it.
    share = share or {"private_nodes": n % 2 == 0, "notes": n % 3 == 0, "plan": n % 4 != 1}
    rel = services.invitation_create(coachee=user, email=coach.email, share=share)
    rel = services.invitation_accept(coach=coach, token=services.invitation_token(rel))
    services.session_note_create(rel=rel, body="met", on=date(2029, 12, 20))
    return rel


@pytest.fixture
def caseloads(db: Any) -> dict[int, Any]:
    """One coach per size, each with that many coachees."""
    out = {}
    made = 0
    for size in SIZES:
        coach = user_create(email=f"coach{size}@example.org", password="correct horse 56")
        for _ in range(size):
            made += 1
            _coachee(coach, made)
        out[size] = coach
    return out


def _count(fn: Any) -> int:
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)


def _counts(caseloads: dict[int, Any], fn: Any) -> tuple[dict[int, int], dict[int, int]]:
    """Queries of `fn(coach)` per caseload size, with a cold cache then a warm one."""
    cold, warm = {}, {}
    for size, coach in caseloads.items():
        cache.clear()
        cold[size] = _count(lambda c=coach: fn(c))
        warm[size] = _count(lambda c=coach: fn(c))
    return cold, warm


def _fixed(counts: dict[int, int]) -> bool:
    return len(set(counts.values())) == 1


def test_the_caseload_selector_runs_a_fixed_number_of_queries(caseloads: dict[int, Any]) -> None:
    cold, warm = _counts(caseloads, lambda coach: selectors.caseload(coach))
    assert _fixed(cold) and _fixed(warm), (cold, warm)
    assert warm[1] < cold[1]  # the insights reports come from the cache
    assert [len(selectors.caseload(c)) for c in caseloads.values()] == list(SIZES)


def test_the_caseload_page_and_api_run_a_fixed_number_of_queries(
    caseloads: dict[int, Any],
) -> None:
    coaches = {coach.pk: persona(coach) for coach in caseloads.values()}
    page = _counts(caseloads, lambda c: coaches[c.pk].client.get("/coaching/caseload/"))
    api = _counts(caseloads, lambda c: coaches[c.pk].api.get("/api/v1/coaching/coachees"))
    for counts in (*page, *api):
        assert _fixed(counts), (page, api)
    for coach in caseloads.values():
        body = coaches[coach.pk].api.get("/api/v1/coaching/coachees?limit=2&offset=1").json()
        assert body["count"] == len(selectors.caseload(coach))
        assert len(body["items"]) == min(2, body["count"] - 1)


#: The coachee pages whose queries must not grow with the coachee's data.
PAGES = ("", "agenda/", "plan/", "people/", "insights/", "map.svg")


def test_the_overview_and_the_agenda_do_not_query_per_row(db: Any) -> None:
    """Ten times the people, goals and interactions: the same queries."""
    counts = {}
    share = {"private_nodes": False, "notes": True, "plan": True}
    for people in (3, 30):
        coach = user_create(email=f"solo{people}@example.org", password="correct horse 57")
        rel = _coachee(coach, people, people=people, share=share)
        who = persona(coach, rel)
        for path in PAGES:
            cache.clear()
            url = f"/coaching/coachees/{rel.pk}/{path}"
            counts[(path, people)] = _count(lambda u=url, c=who.client: c.get(u))
    for path in PAGES:
        assert counts[(path, 3)] == counts[(path, 30)], (path, counts)
