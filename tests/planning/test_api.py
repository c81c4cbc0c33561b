"""/api/v1 goals, prospects, actions, strategies and reflection, for the
owner, another user and an anonymous client."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
import time_machine
from django.core.exceptions import ValidationError

from tiewise.network.models import Node
from tiewise.planning import services
from tiewise.planning.models import Goal

from ..conftest import ApiClient

pytestmark = pytest.mark.django_db


def put(api: ApiClient, path: str, data: Any) -> Any:
    return api._call("put", path, data)


LISTS = ["/api/v1/goals", "/api/v1/prospects", "/api/v1/actions", "/api/v1/strategies",
         "/api/v1/reflection"]  # fmt: skip


@pytest.mark.parametrize("path", LISTS)
def test_anonymous_requests_get_401(anon_api: ApiClient, path: str) -> None:
    response = anon_api.get(path)
    assert response.status_code == 401 and "detail" in response.json()


def test_goal_crud_with_nudges(owner_api: ApiClient, jane: Any) -> None:
    created = owner_api.post("/api/v1/goals", {"title": "Write a review", "nodes": [jane.pk]})
    assert created.status_code == 201
    body = created.json()
    assert body["nodes"] == [jane.pk] and body["status"] == "active"
    assert len(body["issues"]) == 2  # no measure, no date
    gid = body["id"]
    patched = owner_api.patch(
        f"/api/v1/goals/{gid}", {"measurable": "Submitted", "target_date": "2031-01-01"}
    ).json()
    assert patched["issues"] == [] and patched["nodes"] == [jane.pk]  # unsent fields kept
    assert owner_api.get(f"/api/v1/goals/{gid}").json()["title"] == "Write a review"
    assert owner_api.delete(f"/api/v1/goals/{gid}").status_code == 204
    assert owner_api.get(f"/api/v1/goals/{gid}").status_code == 404


def test_goal_lists_paginate_and_filter_by_status(owner_api: ApiClient, owner: Any) -> None:
    for i in range(4):
        services.goal_create(
            owner=owner, data={"title": f"G{i}", "status": "achieved" if i == 3 else "active"}
        )
    page = owner_api.get("/api/v1/goals", {"limit": 2, "offset": 1}).json()
    assert page["count"] == 4 and [g["title"] for g in page["items"]] == ["G1", "G2"]
    achieved = owner_api.get("/api/v1/goals", {"status": "achieved"}).json()
    assert [g["title"] for g in achieved["items"]] == ["G3"]


def test_another_users_ids_are_404_everywhere(
    owner: Any, other_api: ApiClient, goal: Any, elena: Any
) -> None:
    p = services.prospect_create(owner=owner, data={"node": elena.pk})
    a = services.action_create(owner=owner, data={"title": "mine"})
    for path, body in (
        (f"/api/v1/goals/{goal.pk}", {"title": "x"}),
        (f"/api/v1/prospects/{p.pk}", {"name": "x"}),
        (f"/api/v1/actions/{a.pk}", {"title": "x"}),
    ):
        assert other_api.get(path).status_code == 404
        assert other_api.patch(path, body).status_code == 404
        assert other_api.delete(path).status_code == 404
    assert (
        other_api.post(f"/api/v1/prospects/{p.pk}/status", {"status": "connected"}).status_code
        == 404
    )
    assert other_api.get(f"/api/v1/prospects/{p.pk}/introducers").status_code == 404
    assert other_api.get("/api/v1/goals").json()["count"] == 0
    assert Goal.objects.filter(pk=goal.pk).exists()


def test_linking_someone_elses_node_or_goal_is_404_and_saves_nothing(
    owner_api: ApiClient, owner: Any, other: Any, other_node: Any
) -> None:
    their_goal = services.goal_create(owner=other, data={"title": "theirs"})
    assert (
        owner_api.post("/api/v1/goals", {"title": "x", "nodes": [other_node.pk]}).status_code == 404
    )
    assert (
        owner_api.post("/api/v1/actions", {"title": "x", "nodes": [other_node.pk]}).status_code
        == 404
    )
    assert (
        owner_api.post("/api/v1/actions", {"title": "x", "goal": their_goal.pk}).status_code == 404
    )
    assert owner_api.post("/api/v1/prospects", {"node": other_node.pk}).status_code == 404
    assert (
        owner_api.post("/api/v1/prospects", {"name": "y", "goal": their_goal.pk}).status_code == 404
    )
    assert not owner.goals.exists() and not owner.plan_actions.exists()
    assert not owner.prospects.exists()


def test_bad_values_are_422(owner_api: ApiClient) -> None:
    assert owner_api.post("/api/v1/goals", {"title": ""}).status_code == 422
    assert owner_api.post("/api/v1/goals", {"title": "x", "status": "maybe"}).status_code == 422
    assert (
        owner_api.post("/api/v1/actions", {"title": "x", "strategy": "astrology"}).status_code
        == 422
    )
    assert owner_api.post("/api/v1/prospects", {"name": ""}).status_code == 422


def test_prospect_pipeline_over_the_api_converts_on_connected(
    owner_api: ApiClient, owner: Any, goal: Any
) -> None:
    created = owner_api.post(
        "/api/v1/prospects",
        {"name": "Dr. Api Person", "goal": goal.pk, "sector": "academia", "reach": "international",
         "areas": ["academic"], "roles": ["collaborator"], "how_to_reach": "Email"},
    )  # fmt: skip
    assert created.status_code == 201
    pid = created.json()["id"]
    assert created.json()["node"] is None
    owner_api.post(f"/api/v1/prospects/{pid}/status", {"status": "reached_out", "note": "hi"})
    body = owner_api.post(f"/api/v1/prospects/{pid}/status", {"status": "connected"}).json()
    assert body["status"] == "connected" and body["node"] is not None
    assert [h["status"] for h in body["history"]] == ["identified", "reached_out", "connected"]
    node = Node.objects.get(pk=body["node"], owner=owner)
    assert node.tie.strength == "weak" and node.reach == "international"
    filtered = owner_api.get("/api/v1/prospects", {"status": "connected", "goal": goal.pk}).json()
    assert filtered["count"] == 1
    assert owner_api.post(f"/api/v1/prospects/{pid}/status", {"status": "x"}).status_code == 422


def test_introducers_endpoint_ranks_strong_first(
    owner_api: ApiClient, owner: Any, elena: Any, jane: Any, raj: Any
) -> None:
    from tiewise.network import services as network_services

    network_services.alter_tie_create(owner=owner, source=raj.pk, target=elena.pk)
    network_services.alter_tie_create(owner=owner, source=jane.pk, target=elena.pk)
    p = services.prospect_create(owner=owner, data={"node": elena.pk})
    body = owner_api.get(f"/api/v1/prospects/{p.pk}/introducers").json()
    assert [(i["name"], i["strength"]) for i in body] == [
        ("Jane Doe", "strong"),
        ("Raj Patel", "weak"),
    ]
    assert body[0]["knows_them"] is True


def test_action_crud_and_overdue_filter(owner_api: ApiClient, goal: Any, jane: Any) -> None:
    created = owner_api.post(
        "/api/v1/actions",
        {"title": "Join the backchannel", "strategy": "conference_backchannel", "goal": goal.pk,
         "nodes": [jane.pk], "due_date": "2025-03-01"},
    )  # fmt: skip
    assert created.status_code == 201
    action = created.json()
    assert action["strategy_title"] == "Join the conference backchannel"
    owner_api.post("/api/v1/actions", {"title": "Later", "due_date": "2025-04-01"})
    with time_machine.travel(date(2025, 3, 10)):
        overdue = owner_api.get("/api/v1/actions", {"overdue": "true"}).json()
        assert [a["title"] for a in overdue["items"]] == ["Join the backchannel"]
        assert overdue["items"][0]["overdue"] is True
    done = owner_api.patch(f"/api/v1/actions/{action['id']}", {"status": "done"}).json()
    assert done["done_at"] is not None and done["nodes"] == [jane.pk]
    assert owner_api.get("/api/v1/actions", {"status": "done"}).json()["count"] == 1
    assert owner_api.get("/api/v1/actions", {"goal": goal.pk}).json()["count"] == 1
    assert owner_api.delete(f"/api/v1/actions/{action['id']}").status_code == 204


def test_strategies_list_the_catalogue(owner_api: ApiClient) -> None:
    body = owner_api.get("/api/v1/strategies").json()
    assert len(body) == 11
    journal = next(s for s in body if s["key"] == "journal_club")
    assert journal["default_due_days"] == 21 and journal["template_action"]


def test_reflection_get_and_put(owner_api: ApiClient, other_api: ApiClient) -> None:
    empty = owner_api.get("/api/v1/reflection").json()
    assert empty["platforms"] == [] and empty["updated_at"] is None
    saved = put(
        owner_api,
        "/api/v1/reflection",
        {"platforms": ["mastodon", "doximity"], "profile_current": True,
         "pitfalls": ["accuracy", "conflicts_of_interest"], "posting_rhythm": "Fortnightly"},
    )  # fmt: skip
    assert saved.status_code == 200 and saved.json()["profile_current"] is True
    assert owner_api.get("/api/v1/reflection").json()["platforms"] == ["mastodon", "doximity"]
    assert other_api.get("/api/v1/reflection").json()["platforms"] == []
    bad = put(owner_api, "/api/v1/reflection", {"platforms": ["myspace"]})
    assert bad.status_code == 422


def test_a_read_only_token_cannot_write_the_plan(owner: Any) -> None:
    from tiewise.accounts.services import token_create

    reader = ApiClient(token_create(user=owner, name="r", scope="read")[1])
    assert reader.get("/api/v1/goals").status_code == 200
    assert reader.post("/api/v1/goals", {"title": "x"}).status_code == 403


def test_long_texts_are_refused_alike_by_the_plan_page_and_the_api(
    owner_api: ApiClient, owner_client: Any, owner: Any
) -> None:
    from tiewise.core.text import LONGTEXT_MAX

    too_long = "w" * (LONGTEXT_MAX + 1)
    assert owner_api.post("/api/v1/goals", {"title": "G", "wish": too_long}).status_code == 422
    page = owner_client.post("/plan/goals/new/", {"title": "G", "wish": too_long,
                                                 "status": "active"})  # fmt: skip
    assert page.status_code == 200
    assert "at most" in page.content.decode().lower()
    with pytest.raises(ValidationError):
        services.goal_create(owner=owner, data={"title": "G", "plan": too_long})
