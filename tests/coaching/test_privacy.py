"""A coachee can trust that what they marked private stays private: no map,
count, search, insight, export, plan view or agenda reveals it to a coach
who was not given it."""

from __future__ import annotations

import json
from typing import Any

from tests.coaching.conftest import SECRET, SECRET_NOTE


def _all_coach_output(coach: Any) -> str:
    """Everything a coach can read about the coachee, pages and API, as one text."""
    rel = coach.rel.pk
    chunks = []
    for path in (
        "/coaching/caseload/",
        f"/coaching/coachees/{rel}/",
        f"/coaching/coachees/{rel}/map/",
        f"/coaching/coachees/{rel}/map.svg",
        f"/coaching/coachees/{rel}/people/",
        f"/coaching/coachees/{rel}/people/?q=Sam",
        f"/coaching/coachees/{rel}/insights/",
        f"/coaching/coachees/{rel}/plan/",
        f"/coaching/coachees/{rel}/agenda/",
    ):
        chunks.append(coach.client.get(path).content.decode())
    for path in (
        "/api/v1/coaching/coachees",
        f"/api/v1/coaching/coachees/{rel}",
        f"/api/v1/coaching/coachees/{rel}/map",
        f"/api/v1/coaching/coachees/{rel}/map?layout=force",
        f"/api/v1/coaching/coachees/{rel}/people?q=Sam",
        f"/api/v1/coaching/coachees/{rel}/insights",
        f"/api/v1/coaching/coachees/{rel}/interactions",
        f"/api/v1/coaching/coachees/{rel}/goals",
        f"/api/v1/coaching/coachees/{rel}/prospects",
        f"/api/v1/coaching/coachees/{rel}/actions",
        f"/api/v1/coaching/coachees/{rel}/agenda",
    ):
        chunks.append(coach.api.get(path).content.decode())
    return "\n".join(chunks)


def test_a_private_node_never_reaches_a_coach_who_was_not_given_it(
    world: dict[str, Any],
) -> None:
    text = _all_coach_output(world["partial"])
    assert SECRET not in text
    assert SECRET_NOTE not in text
    assert "private action notes" not in text


def test_a_coach_given_private_nodes_and_notes_sees_them(world: dict[str, Any]) -> None:
    text = _all_coach_output(world["full"])
    assert SECRET in text
    assert SECRET_NOTE in text


def test_the_map_and_its_counts_leave_private_nodes_out(world: dict[str, Any], secret: Any) -> None:
    partial, full = world["partial"], world["full"]
    hidden = partial.api.get(f"/api/v1/coaching/coachees/{partial.rel.pk}/map").json()
    shown = full.api.get(f"/api/v1/coaching/coachees/{full.rel.pk}/map").json()
    ids = {n.get("node_id") for n in hidden["nodes"]}
    assert secret.pk not in ids
    assert len(shown["nodes"]) == len(hidden["nodes"]) + 1
    edges = json.dumps(hidden["edges"])
    assert f'"n{secret.pk}"' not in edges


def test_insight_counts_and_the_caseload_size_leave_private_nodes_out(
    world: dict[str, Any],
) -> None:
    partial, full = world["partial"], world["full"]
    hidden = partial.api.get(f"/api/v1/coaching/coachees/{partial.rel.pk}/insights").json()
    shown = full.api.get(f"/api/v1/coaching/coachees/{full.rel.pk}/insights").json()
    assert shown["size"]["nodes"] == hidden["size"]["nodes"] + 1
    assert shown["size"]["strong"] == hidden["size"]["strong"] + 1
    assert hidden["composition"]["roles"]["counts"].get("confidant", 0) == 0
    row = partial.api.get("/api/v1/coaching/coachees").json()["items"][0]
    assert row["summary"]["size"] == hidden["size"]["nodes"]


def test_search_never_finds_a_private_node(world: dict[str, Any]) -> None:
    partial = world["partial"]
    found = partial.api.get(f"/api/v1/coaching/coachees/{partial.rel.pk}/people?q=Secret")
    assert found.json()["count"] == 0
    page = partial.client.get(f"/coaching/coachees/{partial.rel.pk}/people/?q=Secret")
    assert b"Nobody matches" in page.content


def test_the_svg_export_leaves_private_nodes_out(world: dict[str, Any]) -> None:
    partial = world["partial"]
    svg = partial.client.get(f"/coaching/coachees/{partial.rel.pk}/map.svg?download=1")
    assert svg["Content-Type"].startswith("image/svg+xml")
    assert SECRET.encode() not in svg.content
    assert b"Jane Doe" in svg.content


def test_people_never_include_contact_details_or_node_notes(
    world: dict[str, Any], jane: Any
) -> None:
    from tiewise.network import services

    services.node_update(node=jane, data={"email": "jane@mayo.example", "notes": "her divorce"})
    full = world["full"]
    text = full.api.get(f"/api/v1/coaching/coachees/{full.rel.pk}/people").content
    assert b"jane@mayo.example" not in text
    assert b"her divorce" not in text


def test_interaction_notes_stay_hidden_unless_shared(world: dict[str, Any]) -> None:
    from tiewise.coaching import services

    coachee = world["coachee"].user
    services.share_update(
        coachee=coachee, relationship_id=world["partial"].rel.pk, share={"private_nodes": True}
    )
    partial = world["partial"]
    items = partial.api.get(f"/api/v1/coaching/coachees/{partial.rel.pk}/interactions").json()
    assert {i["note"] for i in items["items"]} == {""}
    assert any(SECRET in i["node_names"] for i in items["items"])


def test_a_goal_linked_to_a_private_node_shows_only_the_public_ones(
    world: dict[str, Any],
) -> None:
    coachee = world["coachee"].user
    from tiewise.coaching import services

    services.share_update(
        coachee=coachee, relationship_id=world["partial"].rel.pk, share={"plan": True}
    )
    partial = world["partial"]
    goals = partial.api.get(f"/api/v1/coaching/coachees/{partial.rel.pk}/goals").json()["items"]
    assert [n["name"] for n in goals[0]["nodes"]] == ["Jane Doe"]
    actions = partial.api.get(f"/api/v1/coaching/coachees/{partial.rel.pk}/actions").json()
    assert [n["name"] for n in actions["items"][0]["nodes"]] == ["Raj Patel"]
    assert actions["items"][0]["notes"] == ""


def test_a_prospect_that_is_a_private_node_stays_hidden(world: dict[str, Any], owner: Any) -> None:
    from tiewise.coaching import services
    from tiewise.network import services as network_services
    from tiewise.planning import services as planning_services

    ghost = network_services.node_create(
        owner=owner, data={"name": "Hidden Prospect", "strength": "absent", "private": True}
    )
    prospect = planning_services.prospect_create(owner=owner, data={"node": ghost.pk})
    services.share_update(
        coachee=owner, relationship_id=world["partial"].rel.pk, share={"plan": True}
    )
    partial = world["partial"]
    text = partial.api.get(f"/api/v1/coaching/coachees/{partial.rel.pk}/prospects").content
    assert b"Hidden Prospect" not in text
    comment = partial.api.post(
        f"/api/v1/coaching/coachees/{partial.rel.pk}/comments",
        {"item_kind": "prospect", "item_id": prospect.pk, "body": "Who is this?"},
    )
    assert comment.status_code == 404


def test_revoking_takes_effect_on_the_very_next_request(world: dict[str, Any]) -> None:
    full = world["full"]
    url = f"/coaching/coachees/{full.rel.pk}/map/"
    assert full.client.get(url).status_code == 200
    world["coachee"].client.post(f"/coaching/relationships/{full.rel.pk}/end/")
    assert full.client.get(url).status_code == 404
    assert full.api.get(f"/api/v1/coaching/coachees/{full.rel.pk}/map").status_code == 404


def test_unshared_plan_findings_stay_out_of_the_coachs_insights(world: dict[str, Any]) -> None:
    from tiewise.coaching import selectors

    rep = selectors.coachee_insights(world["partial"].rel)
    assert rep["goals"] is None
    assert all(f["code"] != "goal_unsupported" for f in rep["findings"])


def test_an_interaction_with_a_private_person_does_not_move_the_last_update(db: Any) -> None:
    import datetime as dt

    from tiewise.accounts.services import user_create
    from tiewise.coaching import selectors as coaching_selectors
    from tiewise.coaching.models import CoachingRelationship
    from tiewise.network import services as network
    from tiewise.upkeep import services as upkeep
    from tiewise.upkeep.models import Interaction

    coachee = user_create(email="lu@example.org", password="x long pass 1")
    coach = user_create(email="co@example.org", password="x long pass 2")
    secret = network.node_create(owner=coachee, data={"name": "Secret", "private": True})
    rel = CoachingRelationship.objects.create(
        coachee=coachee, coach=coach, status="active", share_private_nodes=False
    )
    before = coaching_selectors.last_update(rel)
    interaction = upkeep.interaction_create(owner=coachee, data={"nodes": [secret.pk]})
    Interaction.objects.filter(pk=interaction.pk).update(
        created_at=dt.datetime(2099, 1, 1, tzinfo=dt.UTC)
    )
    assert coaching_selectors.last_update(rel) == before
