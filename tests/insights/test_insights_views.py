from __future__ import annotations

from typing import Any

import pytest

from tiewise.insights.selectors import insights_for
from tiewise.network import services
from tiewise.network.models import Node

from ..conftest import ApiClient

pytestmark = pytest.mark.django_db


def test_anonymous_visitors_must_log_in(anon_client: Any, anon_api: ApiClient) -> None:
    assert anon_client.get("/insights/").status_code == 302
    assert anon_api.get("/api/v1/insights").status_code == 401


def test_the_page_leads_with_findings_that_name_the_gap(
    owner_client: Any, jane: Node, raj: Node
) -> None:
    html = owner_client.get("/insights/").content.decode()
    assert html.index("Findings") < html.index("The numbers")
    assert "No sponsor" in html  # neither Jane nor Raj is a sponsor
    assert "Blau" in html


def test_the_api_returns_every_measure_and_finding(
    owner_api: ApiClient, jane: Node, raj: Node
) -> None:
    body = owner_api.get("/api/v1/insights").json()
    for key in ("composition", "diversity", "ei", "structure", "coverage", "findings", "spotlight"):
        assert key in body
    assert body["size"]["nodes"] == 2
    assert "no_sponsor" in {f["code"] for f in body["findings"]}


def test_another_users_insights_never_include_my_nodes(other_api: ApiClient, jane: Node) -> None:
    body = other_api.get("/api/v1/insights").json()
    assert body["size"]["nodes"] == 0


def test_an_edit_invalidates_the_cached_report(owner: Any, jane: Node) -> None:
    first = insights_for(owner)
    assert "no_sponsor" in {f["code"] for f in first["findings"]}
    services.node_update(node=jane, data={"roles": ["mentor", "sponsor"], "areas": ["expertise"]})
    second = insights_for(owner)
    assert "no_sponsor" not in {f["code"] for f in second["findings"]}


def test_private_nodes_can_be_left_out_of_every_count(owner: Any, jane: Node, raj: Node) -> None:
    services.node_update(node=raj, data={"private": True})
    assert insights_for(owner)["size"]["nodes"] == 2
    assert insights_for(owner, include_private=False)["size"]["nodes"] == 1


def test_hostile_names_in_findings_are_escaped(owner_client: Any, owner: Any) -> None:
    services.node_create(
        owner=owner,
        data={"name": "<img src=x onerror=alert(1)>", "strength": "strong", "roles": ["sponsor"]},
    )
    html = owner_client.get("/insights/").content.decode()
    assert "<img src=x" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_the_cli_prints_findings_and_json(owner: Any, jane: Node, capsys: Any) -> None:
    from tiewise.cli import main

    assert main(["insights", "--user", owner.email]) == 0
    assert "No" in capsys.readouterr().out
    assert main(["insights", "--user", owner.email, "--json"]) == 0
    import json

    assert json.loads(capsys.readouterr().out)["size"]["nodes"] == 1


def test_a_logged_interaction_stops_a_strong_tie_going_quiet(owner: Any, jane: Node) -> None:
    import datetime as dt

    import time_machine

    from tiewise.upkeep import services as upkeep

    services.node_update(node=jane, data={"since": dt.date(2020, 1, 1)})
    with time_machine.travel(dt.date(2024, 6, 1)):
        quiet = {f["code"] for f in insights_for(owner)["findings"]}
        assert "strong_ties_going_quiet" in quiet
        upkeep.interaction_create(
            owner=owner,
            data={"date": dt.date(2024, 5, 30), "nodes": [jane.pk], "direction": "gave"},
        )
        report = insights_for(owner)
    assert "strong_ties_going_quiet" not in {f["code"] for f in report["findings"]}
    assert report["maintenance"]["gave"] == 1


def test_the_cached_page_changes_as_soon_as_the_network_does(owner_client: Any, jane: Node) -> None:
    assert "No sponsor" in owner_client.get("/insights/").content.decode()
    assert "No sponsor" in owner_client.get("/insights/").content.decode()  # served from cache
    services.node_update(node=jane, data={"roles": ["sponsor"], "areas": ["expertise"]})
    assert "No sponsor" not in owner_client.get("/insights/").content.decode()


def test_the_dashboard_body_is_cached_per_version(
    owner_client: Any, owner: Any, jane: Node
) -> None:
    assert owner_client.get("/").context["counts"]["total"] == 1
    services.node_create(owner=owner, data={"name": "Second"})
    html = owner_client.get("/").content.decode()
    assert 'data-testid="count-total">2<' in html


def test_a_long_spotlight_names_twelve_and_counts_the_rest(owner: Any, owner_client: Any) -> None:
    """Hundreds of confidants would be a page of names: the spotlight shows
    twelve and links to the people list filtered to all of them; the coach's
    read-only copy counts them without the link."""
    from django.test import Client

    from tiewise.accounts.services import user_create
    from tiewise.coaching.models import CoachingRelationship

    for i in range(30):
        services.node_create(
            owner=owner, data={"name": f"Confidant {i:02}", "roles": ["confidant"]}
        )
    html = owner_client.get("/insights/").content.decode()
    spot = html[html.index("<h3>Confidants</h3>") : html.index("The numbers")]
    assert spot.count("Confidant ") == 12
    assert "and 18 more" in spot
    assert '/nodes/?role=confidant">see them all</a>' in spot
    listed = owner_client.get("/nodes/?role=confidant").content.decode()
    assert listed.count("Confidant ") >= 30  # the link lists every one of them

    coach = user_create(email="spot-coach@example.org", password="x long pass 2")
    rel = CoachingRelationship.objects.create(coachee=owner, coach=coach, status="active")
    client = Client()
    client.force_login(coach)
    html = client.get(f"/coaching/coachees/{rel.pk}/insights/").content.decode()
    spot = html[html.index("<h3>Confidants</h3>") : html.index("The numbers")]
    assert spot.count("Confidant ") == 12 and "and 18 more" in spot
    assert "see them all" not in spot
