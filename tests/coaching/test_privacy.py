"""A coachee can trust that what they marked private stays private: no map,
count, search, insight, export, plan view or agenda reveals it to a coach
who was not given it."""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from tests.coaching.conftest import SECRET, SECRET_NOTE, make_coach, persona


def _routes() -> list[str]:
    """Every page route of the URLconf under coaching/, includes flattened."""

    def walk(patterns: Any, prefix: str) -> list[str]:
        found: list[str] = []
        for p in patterns:
            route = prefix + str(p.pattern)
            if isinstance(p, URLResolver):
                found += walk(p.url_patterns, route)
            elif isinstance(p, URLPattern):
                found.append(route)
        return found

    return [r for r in walk(get_resolver().url_patterns, "") if r.startswith("coaching/")]


def _operations(coach: Any) -> list[tuple[str, list[str]]]:
    """Every GET operation of the live OpenAPI document under /coaching/,
    with the names of its query parameters."""
    spec = coach.api.get("/api/v1/openapi.json").json()
    return [
        (path, [p["name"] for p in op.get("parameters", []) if p["in"] == "query"])
        for path, ops in spec["paths"].items()
        for method, op in ops.items()
        if method == "get" and path.startswith("/api/v1/coaching/")
    ]


def _ids(coach: Any) -> dict[str, str]:
    """What each path parameter stands for, for this coach: their own
    relationship, a cohort and a session note of theirs."""
    from tiewise.coaching import services

    cohort = services.cohort_save(coach=coach.user, name="Mine", member_ids=[coach.rel.pk])
    note = services.session_note_create(rel=coach.rel, body="our session")
    return {
        "rel_id": str(coach.rel.pk), "cohort_id": str(cohort.pk), "note_id": str(note.pk),
        "intro_id": "1", "skill_id": "1", "token": "not-a-token", "decision": "keep",
    }  # fmt: skip


def _fill(template: str, ids: dict[str, str]) -> str:
    """A route (`<int:rel_id>`) or an OpenAPI path (`{rel_id}`) with its ids."""
    filled = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: ids[m.group(1)], template)
    return re.sub(r"\{(\w+)\}", lambda m: ids[m.group(1)], filled)


#: A search the server runs (the map's own search box filters in the browser).
SEARCH_FORM = re.compile(r'<form method="get"[^>]*>(?:(?!</form>).)*name="q"', re.S)


def _all_coach_output(coach: Any, searches: tuple[str, ...] = ()) -> tuple[str, list[str]]:
    """Everything a coach can read about the coachee, as one text: every
    coaching page of the URLconf and every coaching GET of the API. Each
    search among them is also run with every one of `searches`; the second
    value lists the searches that found anyone (each should find nobody)."""
    ids = _ids(coach)
    chunks, found = [], []
    for route in _routes():
        url = "/" + _fill(route, ids)
        page = coach.client.get(url).content.decode()
        chunks.append(page)
        if SEARCH_FORM.search(page):
            for q in searches:
                if "Nobody matches" not in coach.client.get(url, {"q": q}).content.decode():
                    found.append(f"{url}?q={q}")
    for path, params in _operations(coach):
        url = _fill(path, ids)
        chunks.append(coach.api.get(url).content.decode())
        if "q" in params:
            for q in searches:
                if coach.api.get(url, {"q": q}).json()["count"]:
                    found.append(f"{url}?q={q}")
        if "layout" in params:
            chunks.append(coach.api.get(url, {"layout": "force"}).content.decode())
    return "\n".join(chunks), found


def test_the_privacy_check_reaches_every_coach_route(world: dict[str, Any]) -> None:
    """The discovery finds the routes a hand-kept list used to name."""
    routes = _routes()
    paths = [path for path, _ in _operations(world["partial"])]
    for route in (
        "coaching/caseload/",
        "coaching/coachees/<int:rel_id>/map.svg",
        "coaching/coachees/<int:rel_id>/agenda/",
        "coaching/cohorts/<int:cohort_id>/",
    ):
        assert route in routes, route
    for path in (
        "/api/v1/coaching/coachees",
        "/api/v1/coaching/coachees/{rel_id}/interactions",
        "/api/v1/coaching/coachees/{rel_id}/actions",
        "/api/v1/coaching/cohorts/{cohort_id}",
    ):
        assert path in paths, path  # fmt: skip


#: Shares that leave the private people out, by name.
PARTIAL_SHARES = {
    "nothing": {"private_nodes": False, "notes": False, "plan": False},
    "plan": {"private_nodes": False, "notes": False, "plan": True},
    "plan and notes": {"private_nodes": False, "notes": True, "plan": True},
}
HIDDEN_EMAIL = "jane.whisper@mayo.example"
HIDDEN_TITLE = "Chief Whisperer"
HIDDEN_TAG = "hushtag"
#: Contact details and node notes: never a coach's, whatever is shared.
NEVER = (SECRET, HIDDEN_EMAIL, HIDDEN_TITLE, HIDDEN_TAG, "her divorce", "met in rehab",
         SECRET_NOTE, "Introduced Jane Doe and Secret Sam")  # fmt: skip
#: Notes and what is computed from them: only with the notes shared.
NOTES = ("Talked about the grant", "private action notes", "said yes at the gala",
         "MRN 00451234", "may contain patient information")  # fmt: skip


@pytest.fixture
def hidden(world: dict[str, Any], owner: Any, jane: Any, secret: Any) -> dict[str, Any]:
    """Ana's data a partial-share coach must never see: Jane's contact
    details and notes, a note with patient data, a prospect's history note,
    and the note of the introduction she made between Jane and Secret Sam."""
    from tiewise.coaching import services
    from tiewise.network import services as network_services
    from tiewise.planning import services as planning_services
    from tiewise.upkeep import services as upkeep_services

    network_services.node_update(
        node=jane,
        data={"email": HIDDEN_EMAIL, "title": HIDDEN_TITLE, "tags": [HIDDEN_TAG],
              "notes": "her divorce", "how_we_met": "met in rehab"},
    )  # fmt: skip
    upkeep_services.interaction_create(
        owner=owner,
        data={"date": date(2029, 12, 12), "nodes": [jane.pk], "note": "MRN 00451234 came up"},
    )
    planning_services.prospect_set_status(
        prospect=world["prospect"], status="reached_out", note="said yes at the gala"
    )
    services.introduction_made(owner=owner, source=jane.pk, target=secret.pk)
    coaches = {}
    for name, share in PARTIAL_SHARES.items():
        user, rel = make_coach(owner, f"{name.replace(' ', '-')}@example.org", share)
        coaches[name] = persona(user, rel)
    return coaches


@pytest.mark.parametrize("share", list(PARTIAL_SHARES))
def test_no_coach_route_shows_a_partial_share_coach_anything_hidden(
    world: dict[str, Any], hidden: dict[str, Any], share: str
) -> None:
    """Every coaching page and API read, searches included: no private
    person, no contact detail, no node note, and no note (nor a warning
    computed from one) unless notes are shared."""
    coach = hidden[share]
    text, found = _all_coach_output(
        coach, searches=(SECRET, HIDDEN_EMAIL[:5], HIDDEN_TITLE, HIDDEN_TAG, "divorce")
    )
    assert "Jane Doe" in text  # the check reads real pages
    forbidden = NEVER + (() if PARTIAL_SHARES[share]["notes"] else NOTES)
    assert ([word for word in forbidden if word in text], found) == ([], [])
    if PARTIAL_SHARES[share]["notes"]:
        assert "Talked about the grant" in text  # shared notes do show


def test_a_private_node_never_reaches_a_coach_who_was_not_given_it(
    world: dict[str, Any],
) -> None:
    text, found = _all_coach_output(world["partial"], searches=(SECRET, "Sam"))
    assert found == []
    assert SECRET not in text
    assert SECRET_NOTE not in text
    assert "private action notes" not in text


def test_a_coach_given_private_nodes_and_notes_sees_them(world: dict[str, Any]) -> None:
    text, _ = _all_coach_output(world["full"])
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

    partial = world["partial"]
    rep = selectors.coachee_insights(selectors.coach_view(partial.user, partial.rel.pk))
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
    before = coaching_selectors.last_update(coaching_selectors.coach_view(coach, rel.pk))
    interaction = upkeep.interaction_create(owner=coachee, data={"nodes": [secret.pk]})
    Interaction.objects.filter(pk=interaction.pk).update(
        created_at=dt.datetime(2099, 1, 1, tzinfo=dt.UTC)
    )
    assert coaching_selectors.last_update(coaching_selectors.coach_view(coach, rel.pk)) == before


# --- the leaks, one by one ------------------------------------------------------------


def test_a_coachs_search_matches_only_what_a_coach_sees(
    world: dict[str, Any], hidden: dict[str, Any]
) -> None:
    """Name and organisation, never email, title or tags: otherwise a coach
    could rebuild an email one character at a time."""
    coach = world["partial"]
    api = f"/api/v1/coaching/coachees/{coach.rel.pk}/people"
    page = f"/coaching/coachees/{coach.rel.pk}/people/"

    def api_count(**params: str) -> int:
        return int(coach.api.get(api, params).json()["count"])

    def page_count(**params: str) -> str:
        html = coach.client.get(page, params).content.decode()
        found = re.search(r'data-testid="people-count">(\d+)<', html)
        assert found, html
        return found.group(1)

    for q in ("jane.w", "@mayo", HIDDEN_TITLE, "Whisperer", HIDDEN_TAG, "divorce", "rehab"):
        assert (api_count(q=q), page_count(q=q)) == (0, "0"), q
    for q in ("Jane", "Mayo"):
        assert (api_count(q=q), page_count(q=q)) == (1, "1"), q
    # Tags are not the coach's to see: no tag filter either.
    assert page_count(tag=HIDDEN_TAG) == page_count()
    assert api_count(tag=HIDDEN_TAG) == api_count()
    spec = coach.api.get("/api/v1/openapi.json").json()
    params = spec["paths"]["/api/v1/coaching/coachees/{rel_id}/people"]["get"]["parameters"]
    assert "tag" not in {p["name"] for p in params}


def test_the_note_of_an_introduction_never_names_a_private_person_to_a_coach(
    world: dict[str, Any], owner: Any, jane: Any, secret: Any
) -> None:
    """Notes shared, private people not: the interaction shows Jane, and no
    note that names Secret Sam ("Introduced Jane Doe and Secret Sam.")."""
    from tiewise.coaching import services

    services.introduction_made(owner=owner, source=jane.pk, target=secret.pk)
    user, rel = make_coach(owner, "notes@example.org", {"notes": True, "plan": True})
    coach = persona(user, rel)
    body = coach.api.get(f"/api/v1/coaching/coachees/{rel.pk}/interactions").json()
    intro = next(i for i in body["items"] if i["kind"] == "introduction_made")
    assert (intro["node_names"], intro["note"]) == (["Jane Doe"], "")
    assert SECRET not in json.dumps(body)
    assert SECRET not in coach.client.get(f"/coaching/coachees/{rel.pk}/").content.decode()
    # A note about public people only is shared as it was written.
    assert "Talked about the grant" in json.dumps(body)


def test_the_agenda_and_its_change_summary_never_name_a_private_person(
    world: dict[str, Any], owner: Any, secret: Any
) -> None:
    import time_machine

    from tiewise.network import services as network_services
    from tiewise.upkeep import services as upkeep_services

    upkeep_services.snapshot_take(owner=owner)
    with time_machine.travel(date(2030, 6, 1)):  # strong ties go quiet meanwhile
        network_services.node_update(node=secret, data={"strength": "weak", "areas": ["academic"]})
        network_services.node_create(owner=owner, data={"name": "Secret Two", "private": True})
        for who in ("partial", "full"):
            coach = world[who]
            coach.client.force_login(coach.user)  # months later: a fresh session
            agenda = coach.api.get(f"/api/v1/coaching/coachees/{coach.rel.pk}/agenda").json()
            page = coach.client.get(f"/coaching/coachees/{coach.rel.pk}/agenda/").content
            shown = (SECRET in json.dumps(agenda), b"Secret Two" in page)
            assert shown == ((False, False) if who == "partial" else (True, True)), who


def test_without_notes_shared_a_coach_sees_nothing_computed_from_notes(
    world: dict[str, Any], owner: Any, jane: Any
) -> None:
    """No patient-data warning from a hidden note, no prospect history
    notes, no action notes."""
    from tiewise.planning import services as planning_services
    from tiewise.upkeep import services as upkeep_services

    upkeep_services.interaction_create(
        owner=owner, data={"date": date(2029, 12, 12), "nodes": [jane.pk], "note": "MRN 00451234"}
    )
    planning_services.prospect_set_status(
        prospect=world["prospect"], status="reached_out", note="said yes at the gala"
    )
    user, rel = make_coach(owner, "plan@example.org", {"plan": True})
    coach = persona(user, rel)
    base = f"/api/v1/coaching/coachees/{rel.pk}"
    interactions = coach.api.get(f"{base}/interactions").json()["items"]
    assert {(i["note"], tuple(i["warnings"])) for i in interactions} == {("", ())}
    prospects = coach.api.get(f"{base}/prospects").json()["items"]
    assert [e["note"] for p in prospects for e in p["history"]] == ["", ""]
    assert {a["notes"] for a in coach.api.get(f"{base}/actions").json()["items"]} == {""}
    # With the notes shared, the warning comes with the note it is about.
    full = world["full"]
    shown = full.api.get(f"/api/v1/coaching/coachees/{full.rel.pk}/interactions").json()
    flagged = [i for i in shown["items"] if i["note"] == "MRN 00451234"]
    assert flagged and flagged[0]["warnings"]


def test_last_update_and_growth_move_only_on_what_the_coach_sees(
    world: dict[str, Any], owner: Any, jane: Any, secret: Any
) -> None:
    import time_machine

    from tiewise.coaching import selectors, services
    from tiewise.network import services as network_services
    from tiewise.planning import services as planning_services
    from tiewise.upkeep import services as upkeep_services

    ghost = network_services.node_create(
        owner=owner, data={"name": "Ghost Prospect", "strength": "absent", "private": True}
    )
    hidden_prospect = planning_services.prospect_create(owner=owner, data={"node": ghost.pk})
    user, rel = make_coach(owner, "plan@example.org", {"plan": True})
    services.session_note_create(rel=rel, body="met", on=date(2030, 1, 5))

    def row() -> Any:
        (found,) = selectors.caseload(user)
        return found

    before = row()
    assert before.last_update is not None and before.grown_by == 0
    with time_machine.travel(date(2030, 3, 1)):
        planning_services.prospect_update(prospect=hidden_prospect, data={"why": "a reason"})
        planning_services.prospect_set_status(prospect=hidden_prospect, status="reached_out")
        network_services.node_update(node=secret, data={"organisation": "Elsewhere"})
        network_services.node_update(node=ghost, data={"organisation": "Elsewhere"})
        network_services.node_create(owner=owner, data={"name": "New Secret", "private": True})
        upkeep_services.interaction_create(owner=owner, data={"nodes": [secret.pk]})
        after = row()
    assert (after.last_update, after.grown_by) == (before.last_update, 0)
    for change in (
        lambda: planning_services.goal_update(goal=world["goal"], data={"title": "Sponsor"}),
        lambda: planning_services.prospect_update(prospect=world["prospect"], data={"why": "x"}),
        lambda: planning_services.action_update(action=world["action"], data={"title": "Go"}),
        lambda: upkeep_services.interaction_create(owner=owner, data={"nodes": [jane.pk]}),
        lambda: network_services.node_update(node=jane, data={"organisation": "Mayo Clinic"}),
    ):
        day = row().last_update.date()
        with time_machine.travel(day.replace(year=day.year + 1)):
            change()
            assert row().last_update.date() > day


def test_a_crafted_snapshot_cannot_break_the_agenda(
    world: dict[str, Any], owner: Any, jane: Any
) -> None:
    """A snapshot restored from someone's JSON can hold anything: ids as
    words, missing keys, garbage where lists belong. The agenda still opens."""
    from tiewise.upkeep.models import Snapshot

    crafted: list[Any] = [
        {"nodes": [{"id": "abc", "name": 5}, {"name": "no id"}, "garbage", None,
                   {"id": str(jane.pk), "strength": "bogus", "areas": "academic", "modes": 7},
                   {"id": True}, {"id": 10**30}, {"id": -1, "areas": [["x"]]}],
         "lapsed": ["x", None, {"a": 1}, [1], str(jane.pk)],
         "done_actions": [{"title": "no id"}, 7, {"id": "z"}, {"id": 1, "title": None}],
         "alter_ties": "many"},
        {"nodes": "not a list", "lapsed": 3, "done_actions": {"id": 1}, "alter_ties": [1]},
        [],
        "a string",
        7,
    ]  # fmt: skip
    for coach in (world["full"], world["partial"]):
        for data in crafted:
            Snapshot.objects.filter(owner=owner).delete()
            Snapshot.objects.create(owner=owner, data=data)
            api = coach.api.get(f"/api/v1/coaching/coachees/{coach.rel.pk}/agenda")
            page = coach.client.get(f"/coaching/coachees/{coach.rel.pk}/agenda/")
            assert (api.status_code, page.status_code) == (200, 200), data
            assert api.json()["changes"]["counts"]["nodes"][1] >= 2


def test_a_coachees_people_come_a_page_at_a_time_and_the_count_leaves_private_ones_out(
    owner: Any,
) -> None:
    from tiewise.network.models import Node, Tie

    from .conftest import make_coach, persona

    made = Node.objects.bulk_create(
        [Node(owner=owner, name=f"Colleague {i:03d}", private=i >= 250) for i in range(255)]
    )
    Tie.objects.bulk_create([Tie(node=n, strength="weak") for n in made])
    coach, rel = make_coach(owner, "pages@example.org", {"private_nodes": False})
    client = persona(coach, rel).client
    first = client.get(f"/coaching/coachees/{rel.pk}/people/").content.decode()
    assert 'data-testid="people-count">250<' in first and "page 1 of 3" in first
    assert first.count("Colleague ") == 100
    last = client.get(f"/coaching/coachees/{rel.pk}/people/?page=3").content.decode()
    assert last.count("Colleague ") == 50 and "Colleague 249" in last
    assert "Colleague 250" not in last
    found = client.get(f"/coaching/coachees/{rel.pk}/people/?q=Colleague+24").content.decode()
    assert 'data-testid="people-count">10<' in found
    hidden = client.get(f"/coaching/coachees/{rel.pk}/people/?q=Colleague+25").content.decode()
    assert 'data-testid="people-count">0<' in hidden  # 250-254 are private
