"""Coaching personas: Ana (the coachee, `owner`) shares with a coach who sees
everything, a coach who sees little, and a coach she has since revoked; Ben
(`other`) is unrelated."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import pytest
from django.test import Client

from tests.conftest import ApiClient, sign_in
from tiewise.accounts.services import token_create, user_create
from tiewise.coaching import services
from tiewise.network import services as network_services
from tiewise.planning import services as planning_services
from tiewise.upkeep import services as upkeep_services

SECRET = "Secret Sam"
SECRET_NOTE = "confidential coffee talk"


def make_coach(coachee: Any, email: str, share: dict[str, bool]) -> Any:
    coach = user_create(email=email, password="correct horse 99", display_name=email.split("@")[0])
    rel = services.invitation_create(coachee=coachee, email=email, share=share)
    return coach, services.invitation_accept(coach=coach, token=services.invitation_token(rel))


@dataclass
class Persona:
    user: Any
    client: Client
    api: ApiClient
    rel: Any = None


def persona(user: Any, rel: Any = None) -> Persona:
    client = Client()
    sign_in(client, user)
    return Persona(user, client, ApiClient(token_create(user=user, name="t")[1]), rel)


@pytest.fixture(autouse=True)
def _clock(time_machine: Any) -> None:
    """Every coaching test runs on 5 January 2030 (a live clock: time moves)."""
    time_machine.move_to(datetime(2030, 1, 5, 10, 0, tzinfo=UTC))


@pytest.fixture
def secret(owner: Any) -> Any:
    """A node Ana marked private."""
    return network_services.node_create(
        owner=owner,
        data={"name": SECRET, "strength": "strong", "private": True, "roles": ["confidant"],
              "areas": ["informal_community"], "sector": "other", "reach": "international"},
    )  # fmt: skip


@pytest.fixture
def plan(owner: Any, jane: Any, raj: Any, secret: Any) -> dict[str, Any]:
    goal = planning_services.goal_create(
        owner=owner,
        data={"title": "Find a sponsor", "target_date": date(2030, 1, 20), "nodes": [jane.pk, secret.pk]},
    )  # fmt: skip
    prospect = planning_services.prospect_create(
        owner=owner, data={"name": "Dr Prospect", "goal": goal.pk}
    )
    action = planning_services.action_create(
        owner=owner,
        data={"title": "Email the dean", "goal": goal.pk, "due_date": date(2029, 12, 1),
              "nodes": [secret.pk, raj.pk], "notes": "private action notes"},
    )  # fmt: skip
    upkeep_services.interaction_create(
        owner=owner,
        data={"date": date(2029, 12, 10), "nodes": [jane.pk], "kind": "advice_sought",
              "note": "Talked about the grant"},
    )  # fmt: skip
    upkeep_services.interaction_create(
        owner=owner,
        data={"date": date(2029, 12, 11), "nodes": [secret.pk], "note": SECRET_NOTE},
    )
    return {"goal": goal, "prospect": prospect, "action": action}


@pytest.fixture
def world(owner: Any, other: Any, plan: dict[str, Any]) -> dict[str, Any]:
    full_user, full_rel = make_coach(
        owner, "full@example.org", {"private_nodes": True, "notes": True, "plan": True}
    )
    part_user, part_rel = make_coach(
        owner, "part@example.org", {"private_nodes": False, "notes": False, "plan": False}
    )
    gone_user, gone_rel = make_coach(
        owner, "gone@example.org", {"private_nodes": True, "notes": True, "plan": True}
    )
    services.relationship_revoke(user=owner, relationship_id=gone_rel.pk)
    return {
        "coachee": persona(owner),
        "full": persona(full_user, full_rel),
        "partial": persona(part_user, part_rel),
        "revoked": persona(gone_user, gone_rel),
        "outsider": persona(other),
        "anon": Persona(None, Client(), ApiClient(None)),
        **plan,
    }
