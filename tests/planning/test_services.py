"""Plan services: ownership of linked nodes and goals, the prospect pipeline
and its conversion into a real tie, and action completion."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
import time_machine
from django.core.exceptions import ValidationError

from tiewise.core.errors import NotFound
from tiewise.network.models import Node
from tiewise.planning import selectors, services
from tiewise.planning.models import Prospect, ProspectEvent

pytestmark = pytest.mark.django_db


def test_a_goal_links_only_the_owners_nodes(owner: Any, jane: Any, other_node: Any) -> None:
    goal = services.goal_create(owner=owner, data={"title": "G", "nodes": [jane.pk]})
    assert list(goal.nodes.all()) == [jane]
    with pytest.raises(NotFound):
        services.goal_create(owner=owner, data={"title": "H", "nodes": [jane.pk, other_node.pk]})
    assert not owner.goals.filter(title="H").exists()


def test_a_goal_needs_a_title_and_a_known_status(owner: Any) -> None:
    with pytest.raises(ValidationError) as exc:
        services.goal_create(owner=owner, data={"title": "", "status": "someday"})
    assert set(exc.value.message_dict) == {"title", "status"}


def test_an_action_cannot_point_at_someone_elses_goal(other: Any, goal: Any) -> None:
    with pytest.raises(NotFound):
        services.action_create(owner=other, data={"title": "x", "goal": goal.pk})


def test_a_free_name_prospect_becomes_a_new_weak_tie_keeping_its_history(owner: Any) -> None:
    with time_machine.travel(date(2025, 1, 5)):
        p = services.prospect_create(
            owner=owner,
            data={"name": "Dr. Noor Haddad", "organisation": "Lakeside", "sector": "medicine",
                  "reach": "regional", "areas": ["academic"], "roles": ["peer"]},
        )  # fmt: skip
    with time_machine.travel(date(2025, 1, 10)):
        services.prospect_set_status(prospect=p, status="reached_out", note="Emailed")
    with time_machine.travel(date(2025, 2, 1)):
        p = services.prospect_set_status(prospect=p, status="connected", note="Coffee at SAEM")
    node = Node.objects.select_related("tie").get(pk=p.node_id)
    assert (node.name, node.tie.strength, node.organisation) == (
        "Dr. Noor Haddad",
        "weak",
        "Lakeside",
    )
    assert node.tie.areas == ["academic"] and node.tie.roles == ["peer"]
    assert node.tie.since == date(2025, 2, 1)
    history = [(e.status, e.at.date(), e.note) for e in ProspectEvent.objects.filter(prospect=p)]
    assert history == [
        ("identified", date(2025, 1, 5), ""),
        ("reached_out", date(2025, 1, 10), "Emailed"),
        ("connected", date(2025, 2, 1), "Coffee at SAEM"),
    ]
    assert selectors.prospect_origin(node) == p


def test_an_absent_node_is_upgraded_to_weak_not_duplicated(owner: Any, elena: Any) -> None:
    p = services.prospect_create(owner=owner, data={"node": elena.pk})
    assert (p.name, p.organisation, p.sector, p.roles) == (
        "Dr. Elena Vasquez", "National Board", "medicine", ["sponsor"],
    )  # fmt: skip
    services.prospect_set_status(prospect=p, status="connected")
    elena.refresh_from_db()
    elena.tie.refresh_from_db()
    assert elena.tie.strength == "weak"
    assert Node.objects.filter(owner=owner).count() == 1
    assert Prospect.objects.get(pk=p.pk).node_id == elena.pk
    assert ProspectEvent.objects.filter(prospect=p).count() == 2


def test_connecting_twice_creates_one_node(owner: Any) -> None:
    p = services.prospect_create(owner=owner, data={"name": "Once"})
    services.prospect_set_status(prospect=p, status="connected")
    services.prospect_set_status(prospect=p, status="connected", note="still")
    assert Node.objects.filter(owner=owner, name="Once").count() == 1


def test_a_declined_prospect_does_not_enter_the_network(owner: Any) -> None:
    p = services.prospect_create(owner=owner, data={"name": "Busy person"})
    p = services.prospect_set_status(prospect=p, status="declined", note="No time this year")
    assert p.node_id is None and not Node.objects.filter(owner=owner).exists()


def test_a_prospect_must_be_someone_without_a_tie_yet(owner: Any, jane: Any) -> None:
    with pytest.raises(ValidationError) as exc:
        services.prospect_create(owner=owner, data={"node": jane.pk})
    assert "already in your network" in exc.value.message_dict["node"][0]


def test_a_node_is_on_the_list_only_once(owner: Any, elena: Any) -> None:
    services.prospect_create(owner=owner, data={"node": elena.pk})
    with pytest.raises(ValidationError):
        services.prospect_create(owner=owner, data={"node": elena.pk})


def test_a_prospect_needs_a_name_or_a_node(owner: Any) -> None:
    with pytest.raises(ValidationError) as exc:
        services.prospect_create(owner=owner, data={"name": "  "})
    assert "name" in exc.value.message_dict


def test_an_unknown_status_is_refused(owner: Any) -> None:
    p = services.prospect_create(owner=owner, data={"name": "X"})
    with pytest.raises(ValidationError):
        services.prospect_set_status(prospect=p, status="married")


def test_done_at_is_set_when_done_and_cleared_when_reopened(owner: Any) -> None:
    action = services.action_create(owner=owner, data={"title": "Do it", "strategy": "weak_ties"})
    assert action.done_at is None
    action = services.action_set_status(action=action, status="done")
    assert action.done_at is not None
    action = services.action_set_status(action=action, status="doing")
    assert action.done_at is None


def test_an_unknown_strategy_is_refused(owner: Any) -> None:
    with pytest.raises(ValidationError) as exc:
        services.action_create(owner=owner, data={"title": "x", "strategy": "astrology"})
    assert "strategy" in exc.value.message_dict


def test_introducers_come_from_alter_ties_and_the_organisation(
    owner: Any, elena: Any, jane: Any, raj: Any
) -> None:
    from tiewise.network import services as network_services

    network_services.alter_tie_create(owner=owner, source=raj.pk, target=elena.pk)
    colleague = network_services.node_create(
        owner=owner,
        data={"name": "Ana Board", "strength": "weak", "organisation": "national board"},
    )
    p = services.prospect_create(owner=owner, data={"node": elena.pk})
    names = [i.name for i in selectors.introducers_for(p)]
    assert names == ["Ana Board", "Raj Patel"]  # both weak: by name
    network_services.node_update(node=colleague, data={"strength": "strong"})
    network_services.node_update(node=raj, data={"strength": "strong"})
    assert [i.name for i in selectors.introducers_for(p)] == ["Ana Board", "Raj Patel"]
    network_services.node_update(node=colleague, data={"strength": "weak"})
    assert [i.name for i in selectors.introducers_for(p)] == ["Raj Patel", "Ana Board"]


def test_the_overview_nudges_when_all_active_prospects_are_in_medicine(owner: Any) -> None:
    for name in ("A", "B", "C"):
        services.prospect_create(owner=owner, data={"name": name, "sector": "medicine"})
    assert "medicine" in (selectors.plan_overview(owner).diversity_hint or "")
    services.prospect_create(owner=owner, data={"name": "D", "sector": "industry"})
    assert selectors.plan_overview(owner).diversity_hint is None


def test_the_overview_hints_at_more_than_five_active_goals(owner: Any) -> None:
    for i in range(6):
        services.goal_create(owner=owner, data={"title": f"Goal {i}"})
    assert "6 active goals" in (selectors.plan_overview(owner).goals_hint or "")


def test_a_converted_node_can_say_it_came_from_the_list(owner: Any, goal: Any) -> None:
    from django.template import Context, Template

    p = services.prospect_create(owner=owner, data={"name": "Dr. Came From", "goal": goal.pk})
    p = services.prospect_set_status(prospect=p, status="connected")
    template = Template("{% load planning_tags %}{% five_to_add_origin node %}")
    html = template.render(Context({"node": p.node}))
    assert "Came from your five-to-add list" in html and f"/plan/prospects/{p.pk}/" in html
    assert "Publish a case series" in html
    other = Node.objects.create(owner=owner, name="Plain")
    assert template.render(Context({"node": other})).strip() == ""
