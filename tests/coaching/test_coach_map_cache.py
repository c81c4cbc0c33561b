"""A coach's map of a big PLN is cached as the owner's is, per coachee PLN
version, sharing and every parameter, and reads only the ties it draws: at
3,000 ties the clusters view took 4-6 s on every request before."""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tiewise.coaching import selectors
from tiewise.core.mapdata import map_payload
from tiewise.insights.selectors import clusters_for
from tiewise.network import services as network_services
from tiewise.network.models import Node

from ..network.test_focus_pln import _pln_of
from .conftest import make_coach, persona


def _names(body: dict[str, Any]) -> set[str]:
    return {n["label"] for n in body["nodes"] if n["kind"] not in ("ego", "group")}


def test_a_warm_coach_map_reads_no_people_and_an_edit_shows_at_once(owner: Any) -> None:
    nodes = _pln_of(owner, 300)
    mentor = nodes[7]
    network_services.node_update(node=mentor, data={"strength": "strong", "roles": ["mentor"]})
    coach_user, rel = make_coach(owner, "kim@example.org", {"plan": True})
    kim = persona(coach_user, rel)
    url = f"/api/v1/coaching/coachees/{rel.pk}/map"
    first = kim.api.get(url).json()
    assert mentor.name in _names(first)
    with CaptureQueriesContext(connection) as queries:
        again = kim.api.get(url).json()
    assert again == first
    # The view's visible ids and the dragged spots are read; the people and
    # their ties are not.
    read = [q["sql"] for q in queries]
    assert not [q for q in read if "network_tie" in q or "altertie" in q], read
    network_services.node_update(node=mentor, data={"name": "Dr Renamed Mentor"})
    assert "Dr Renamed Mentor" in _names(kim.api.get(url).json())


def test_a_private_person_leaves_the_coach_map_as_soon_as_it_is_private(owner: Any) -> None:
    nodes = _pln_of(owner, 150)  # big enough to be drawn with groups
    coach_user, rel = make_coach(owner, "lee@example.org", {"plan": True})
    lee = persona(coach_user, rel)
    url = f"/api/v1/coaching/coachees/{rel.pk}/map?layout=force"
    assert nodes[3].name in _names(lee.api.get(url).json())
    network_services.node_update(node=nodes[3], data={"private": True})
    assert nodes[3].name not in _names(lee.api.get(url).json())
    # Another coach of the same coachee gets their own links, never the first one's.
    other_user, other_rel = make_coach(owner, "max@example.org", {"plan": True})
    body = persona(other_user, other_rel).api.get(f"/api/v1/coaching/coachees/{other_rel.pk}/map")
    urls = {n.get("members_url") for n in body.json()["nodes"]} - {None}
    assert urls and all(f"/coachees/{other_rel.pk}/" in u for u in urls)


def _coach_of_a_pln_with_private_people(owner: Any, every: int, email: str) -> tuple[Any, Any]:
    """A 300-person PLN with every `every`th person private, and a coach
    who is not shown them."""
    nodes = _pln_of(owner, 300)
    Node.objects.filter(pk__in=[n.pk for n in nodes[::every]]).update(private=True)
    network_services.touch_pln(owner)
    return make_coach(owner, email, {"plan": True})


def test_the_coach_worksheet_draws_what_the_whole_visible_pln_would(owner: Any) -> None:
    coach_user, rel = _coach_of_a_pln_with_private_people(owner, 9, "ola@example.org")
    view = selectors.coach_view(coach_user, rel.pk)
    whole = selectors.coachee_pln(view)
    assert not any(n.private for n in whole.nodes)
    expected = map_payload(whole, clusters=clusters_for(owner, whole), members_url="?group=")
    assert selectors.coachee_map(view) == expected


def test_the_coach_svg_draws_what_the_whole_visible_pln_would(owner: Any) -> None:
    from tiewise.core.svg import render_svg

    coach_user, rel = _coach_of_a_pln_with_private_people(owner, 7, "pat@example.org")
    view = selectors.coach_view(coach_user, rel.pk)
    body = persona(coach_user, rel).client.get(f"/coaching/coachees/{rel.pk}/map.svg")
    assert body.status_code == 200
    whole = render_svg(selectors.coachee_pln(view), title=f"PLN of {owner.display_name}")
    assert body.content.decode() == whole


def test_both_svgs_are_drawn_once_per_version_and_follow_an_edit(owner: Any) -> None:
    from django.test import Client

    nodes = _pln_of(owner, 120)
    network_services.node_update(node=nodes[5], data={"strength": "strong", "roles": ["mentor"]})
    coach_user, rel = make_coach(owner, "uma@example.org", {"plan": True})
    coach = persona(coach_user, rel).client
    mine = Client()
    mine.force_login(owner)
    for client, url in ((mine, "/map.svg"), (coach, f"/coaching/coachees/{rel.pk}/map.svg")):
        first = client.get(url).content
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).content == first
        read = [q["sql"] for q in queries]
        assert not [q for q in read if "network_tie" in q or "altertie" in q], read
    network_services.node_update(node=nodes[5], data={"name": "Dr Svg Renamed"})
    assert b"Dr Svg Renamed" in mine.get("/map.svg").content
    assert b"Dr Svg Renamed" in coach.get(f"/coaching/coachees/{rel.pk}/map.svg").content
    network_services.node_update(node=nodes[5], data={"private": True})
    assert b"Dr Svg Renamed" not in coach.get(f"/coaching/coachees/{rel.pk}/map.svg").content
