"""Naming several prospects at once, and picking strategies from the menu."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from tiewise.core.strategies import STRATEGIES_BY_KEY
from tiewise.network import services as network
from tiewise.planning.models import Action, Goal, Prospect

from ..conftest import ApiClient

pytestmark = pytest.mark.django_db


def test_several_prospects_are_named_in_one_go(owner_client: Any, owner: Any) -> None:
    absent = network.node_create(
        owner=owner, data={"name": "Dr. Elena Vasquez", "strength": "absent"}
    )
    response = owner_client.post(
        "/plan/prospects/quick/",
        {"lines": "Dr. Lee, sponsor, national\n\nDr. Elena Vasquez\nSam Ortiz, Mayo Clinic"},
        follow=True,
    )
    assert (
        "Added to your five to add: Dr. Lee, Dr. Elena Vasquez, Sam Ortiz."
        in response.content.decode()
    )
    lee = Prospect.objects.get(owner=owner, name="Dr. Lee")
    assert (lee.roles, lee.reach) == (["sponsor"], "national")
    assert (
        Prospect.objects.get(name="Dr. Elena Vasquez").node_id == absent.pk
    )  # linked, not duplicated
    assert Prospect.objects.get(name="Sam Ortiz").organisation == "Mayo Clinic"


def test_a_bad_line_saves_none_of_them(owner_client: Any, owner: Any) -> None:
    response = owner_client.post(
        "/plan/prospects/quick/", {"lines": "Good Name\n, sponsor"}, follow=True
    )
    assert "Line 2" in response.content.decode()
    assert not Prospect.objects.filter(owner=owner).exists()


def test_strategies_from_the_menu_become_dated_first_actions(owner_client: Any, owner: Any) -> None:
    goal = Goal.objects.create(owner=owner, title="Grow my research network")
    owner_client.post(
        "/plan/actions/from-strategies/",
        {"strategies": ["journal_club", "conference_backchannel", "weak_ties"], "goal": goal.pk},
    )
    actions = {a.strategy: a for a in Action.objects.filter(owner=owner)}
    assert set(actions) == {"journal_club", "conference_backchannel", "weak_ties"}
    for key, action in actions.items():
        strategy = STRATEGIES_BY_KEY[key]
        assert action.title == strategy.template_action
        assert (action.due_date - timezone.localdate()).days == strategy.default_due_days
        assert action.goal_id == goal.pk


def test_another_users_goal_cannot_be_used(other_client: Any, owner: Any) -> None:
    goal = Goal.objects.create(owner=owner, title="Mine")
    response = other_client.post(
        "/plan/actions/from-strategies/", {"strategies": ["weak_ties"], "goal": goal.pk}
    )
    assert response.status_code == 404
    assert not Action.objects.exists()


def test_anonymous_visitors_must_log_in(anon_client: Any) -> None:
    assert anon_client.post("/plan/prospects/quick/", {"lines": "A"}).status_code == 302
    assert (
        anon_client.post(
            "/plan/actions/from-strategies/", {"strategies": ["weak_ties"]}
        ).status_code
        == 302
    )


def test_the_api_offers_the_same_fast_paths(owner_api: ApiClient, other_api: ApiClient) -> None:
    created = owner_api.post("/api/v1/prospects/quick", {"lines": "Dr. Lee, sponsor\nDr. Kim"})
    assert created.status_code == 201
    assert [p["name"] for p in created.json()] == ["Dr. Lee", "Dr. Kim"]
    actions = owner_api.post("/api/v1/actions/from-strategies", {"strategies": ["journal_club"]})
    assert actions.status_code == 201 and actions.json()[0]["strategy"] == "journal_club"
    assert (
        owner_api.post("/api/v1/actions/from-strategies", {"strategies": ["nope"]}).status_code
        == 422
    )
    assert other_api.get("/api/v1/actions").json()["count"] == 0


def test_save_and_add_another_returns_to_a_blank_goal_form(owner_client: Any) -> None:
    response = owner_client.post(
        "/plan/goals/new/", {"title": "First", "status": "active", "another": "1"}
    )
    assert response.status_code == 302 and response["Location"] == "/plan/goals/new/"
