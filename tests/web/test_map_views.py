"""Map page, table view, server SVG and the map API, with personas."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from typing import Any

import pytest

from tiewise.network import services
from tiewise.network.models import MapPosition, Node

from ..conftest import ApiClient

pytestmark = pytest.mark.django_db

PAGES = ["/map/", "/map/table/", "/map.svg"]


@pytest.mark.parametrize("url", PAGES)
def test_anonymous_visitors_must_log_in(anon_client: Any, url: str) -> None:
    assert anon_client.get(url).status_code == 302


def test_the_map_api_needs_auth(anon_api: ApiClient) -> None:
    assert anon_api.get("/api/v1/map").status_code == 401
    assert anon_api.delete("/api/v1/map/positions").status_code == 401


def test_the_map_json_has_the_owner_ties_and_styles(
    owner_api: ApiClient, jane: Node, raj: Node
) -> None:
    services.alter_tie_create(owner=jane.owner, source=jane.pk, target=raj.pk)
    body = owner_api.get("/api/v1/map").json()
    ids = {n["id"] for n in body["nodes"]}
    assert ids == {"ego", f"n{jane.pk}", f"n{raj.pk}"}
    styles = {e["target"]: e["line_style"] for e in body["edges"] if e["source"] == "ego"}
    assert styles == {f"n{jane.pk}": "solid", f"n{raj.pk}": "dotted"}
    assert any(e["kind"] == "alter" for e in body["edges"])


def test_another_user_sees_none_of_my_map_and_cannot_move_my_nodes(
    other_api: ApiClient, jane: Node
) -> None:
    body = other_api.get("/api/v1/map").json()
    assert [n["id"] for n in body["nodes"]] == ["ego"]
    response = other_api._call("put", "/api/v1/map/positions", {"node_id": jane.pk, "x": 1, "y": 2})
    assert response.status_code == 404
    assert not MapPosition.objects.exists()


def _jane_on_map(api: ApiClient, jane: Node) -> dict[str, Any]:
    return next(n for n in api.get("/api/v1/map").json()["nodes"] if n["node_id"] == jane.pk)


def _inside(region: dict[str, Any]) -> tuple[float, float]:
    """A spot in the middle of a node's ring band and cell."""
    r = (region["inner"] + region["outer"]) / 2
    bearing = math.radians((region["lo"] + region["hi"]) / 2)
    x = r * math.sin(bearing)
    return (round(-x if region["left"] else x, 1), round(-r * math.cos(bearing), 1))


def test_a_dragged_position_is_kept_per_layout_until_relayout(
    owner_api: ApiClient, jane: Node
) -> None:
    x, y = _inside(_jane_on_map(owner_api, jane)["region"])
    owner_api._call("put", "/api/v1/map/positions", {"node_id": jane.pk, "x": x, "y": y})
    node = _jane_on_map(owner_api, jane)
    assert (node["x"], node["y"], node["pinned"]) == (x, y, True)
    force = owner_api.get("/api/v1/map", {"layout": "force"}).json()
    assert not next(n for n in force["nodes"] if n["node_id"] == jane.pk)["pinned"]
    assert owner_api.delete("/api/v1/map/positions?layout=worksheet").status_code == 204
    node = next(n for n in owner_api.get("/api/v1/map").json()["nodes"] if n["node_id"] == jane.pk)
    assert not node["pinned"]


@pytest.mark.parametrize("spot", [(0.0, -5000.0), (4000.0, 4000.0), (0.0, 0.0), (-3.0, 1.0)])
def test_a_drag_never_moves_a_node_out_of_its_ring_or_half(
    owner_api: ApiClient, jane: Node, spot: tuple[float, float]
) -> None:
    region = _jane_on_map(owner_api, jane)["region"]
    owner_api._call(
        "put", "/api/v1/map/positions", {"node_id": jane.pk, "x": spot[0], "y": spot[1]}
    )
    node = _jane_on_map(owner_api, jane)
    r = math.hypot(node["x"], node["y"])
    assert region["inner"] - 0.01 <= r <= region["outer"] + 0.01
    bearing = math.degrees(math.atan2(-node["x"] if region["left"] else node["x"], -node["y"]))
    assert (
        region["lo"] - 0.01 <= region["lo"] + (bearing - region["lo"]) % 360 <= region["hi"] + 0.01
    )
    assert node["pinned"]


def test_undoing_a_first_drag_forgets_only_that_nodes_spot(
    owner_api: ApiClient, other_api: ApiClient, jane: Node, raj: Node
) -> None:
    for node in (jane, raj):
        owner_api._call("put", "/api/v1/map/positions", {"node_id": node.pk, "x": 1, "y": -200})
    url = f"/api/v1/map/positions?layout=worksheet&node_id={jane.pk}"
    assert other_api.delete(url).status_code == 404  # not theirs: nothing moves
    assert MapPosition.objects.count() == 2
    assert owner_api.delete(url).status_code == 204
    assert list(MapPosition.objects.values_list("node_id", flat=True)) == [raj.pk]
    assert not _jane_on_map(owner_api, jane)["pinned"]


def test_an_unknown_layout_is_422(owner_api: ApiClient) -> None:
    assert owner_api.get("/api/v1/map", {"layout": "spiral"}).status_code == 422


def test_the_layout_is_the_same_every_time(owner_api: ApiClient, jane: Node, raj: Node) -> None:
    from django.core.cache import cache

    first = owner_api.get("/api/v1/map").json()
    cache.clear()  # the map is cached per version: lay it out afresh
    assert owner_api.get("/api/v1/map").json() == first


def test_the_server_svg_is_valid_and_escapes_hostile_names(owner_client: Any, owner: Any) -> None:
    services.node_create(
        owner=owner, data={"name": '<script>alert(1)</script>"', "strength": "strong"}
    )
    response = owner_client.get("/map.svg")
    assert response["Content-Type"].startswith("image/svg+xml")
    text = response.content.decode()
    ET.fromstring(text)
    assert "<script>" not in text
    assert "default-src 'none'" in response["Content-Security-Policy"]


def test_the_table_view_sorts_and_lists_who_knows_whom(
    owner_client: Any, jane: Node, raj: Node
) -> None:
    services.alter_tie_create(owner=jane.owner, source=jane.pk, target=raj.pk)
    rows = owner_client.get("/map/table/?sort=name&dir=desc").context["rows"]
    assert [n.name for n, _ in rows] == ["Raj Patel", "Jane Doe"]
    assert rows[0][1] == ["Jane Doe"]
    by_strength = owner_client.get("/map/table/").context["rows"]
    assert by_strength[0][0].name == "Jane Doe"  # strong first


def test_the_map_carries_the_keep_in_touch_traffic_light(owner_api: ApiClient, jane: Node) -> None:
    import datetime as dt

    from tiewise.upkeep import services as upkeep

    # The clock runs from the last contact (a "connected since" date never starts it).
    services.node_update(node=jane, data={"since": dt.date(2020, 1, 1), "cadence_days": 30})
    upkeep.interaction_create(
        owner=jane.owner,
        data={"date": dt.date.today() - dt.timedelta(days=60), "nodes": [jane.pk]},
    )
    node = next(n for n in owner_api.get("/api/v1/map").json()["nodes"] if n["node_id"] == jane.pk)
    assert node["status"] == "overdue"
    assert "30" in node["status_reason"] or "days" in node["status_reason"]


def test_a_big_maps_traffic_lights_are_read_for_the_people_it_draws(
    owner: Any, owner_api: ApiClient
) -> None:
    """150 people, most counted in groups: the statuses of those drawn by
    name are read for them alone, and are what the whole read says."""
    import datetime as dt

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tiewise.network.models import Tie
    from tiewise.upkeep import selectors as upkeep_selectors

    nodes = Node.objects.bulk_create([Node(owner=owner, name=f"Co-author {i}") for i in range(150)])
    Tie.objects.bulk_create(
        [Tie(node=node, strength="strong" if i % 7 == 0 else "weak", cadence_days=30 + i,
             tracked_since=dt.date.today() - dt.timedelta(days=2 * i)) for i, node in enumerate(nodes)]
    )  # fmt: skip
    services.touch_pln(owner)
    with CaptureQueriesContext(connection) as ctx:
        body = owner_api.get("/api/v1/map").json()
    drawn = [n for n in body["nodes"] if n["kind"] == "person"]
    assert any(n["kind"] == "group" for n in body["nodes"]) and len(drawn) < 150
    whole = upkeep_selectors.status_map(owner)
    for node in drawn:
        status = whole[node["node_id"]].status
        shown = status.status not in ("off", "untracked")
        assert node.get("status") == (status.status if shown else None)
    assert {n.get("status") for n in drawn} >= {"ok", "overdue"}
    reads = [q["sql"] for q in ctx.captured_queries if "upkeep_tiereminder" in q["sql"]]
    assert reads and all(" IN (" in sql for sql in reads), reads


def test_the_map_search_finds_exactly_whom_the_people_search_finds(
    owner: Any, owner_api: Any
) -> None:
    from tiewise.network import services as network_services

    for data in (
        {"name": "Ana Ruiz", "organisation": "Mayo Clinic"},
        {"name": "Ben Okafor", "title": "Mayo professor"},
        {"name": "Cy Lee", "tags": ["mayonnaise"]},
        {"name": "Di Ng", "email": "di@mayo.edu"},
        {"name": "Ed Roe", "notes": "met at Mayo"},  # notes are not searched
    ):
        network_services.node_create(owner=owner, data=data)
    for q in ("mayo", "MAYO", "ana", "nothing"):
        people = {n["id"] for n in owner_api.get("/api/v1/nodes", {"q": q}).json()["items"]}
        on_map = set(owner_api.get("/api/v1/map/search", {"q": q}).json()["ids"])
        assert on_map == people, q
    assert len(owner_api.get("/api/v1/map/search", {"q": "mayo"}).json()["ids"]) == 4


def _many_nodes(owner: Any, n: int) -> None:
    from tiewise.network.models import Tie

    nodes = Node.objects.bulk_create([Node(owner=owner, name=f"Co-author {i}") for i in range(n)])
    Tie.objects.bulk_create(
        [Tie(node=node, strength="strong" if i < 5 else "weak") for i, node in enumerate(nodes)]
    )
    services.touch_pln(owner)


def test_a_big_map_groups_the_rest_and_a_group_lists_its_members(
    owner_api: ApiClient, jane: Node
) -> None:
    _many_nodes(jane.owner, 150)
    body = owner_api.get("/api/v1/map").json()
    groups = [n for n in body["nodes"] if n["kind"] == "group"]
    assert groups and body["total"] == 151
    drawn = [n for n in body["nodes"] if n["kind"] not in ("ego", "group")]
    assert len(drawn) + sum(g["count"] for g in groups) == 151
    group = max(groups, key=lambda g: g["count"])
    assert group["members_url"] == f"/api/v1/map?group={group['id']}"
    members = owner_api.get(group["members_url"]).json()
    assert members["group"] == group["id"]
    assert sorted(n["node_id"] for n in members["nodes"]) == sorted(group["member_ids"])
    assert owner_api.get("/api/v1/map?group=g-weak-personal-nowhere").status_code == 404
    assert owner_api.get("/api/v1/map?group=<script>").status_code == 422


def test_a_phone_asks_for_a_compact_map_whose_groups_answer_with_the_same_split(
    owner_api: ApiClient, jane: Node
) -> None:
    from tiewise.network.models import Tie

    nodes = Node.objects.bulk_create([Node(owner=jane.owner, name=f"Peer {i}") for i in range(150)])
    # 30 strong ties: more than a phone names, fewer than a desktop does.
    Tie.objects.bulk_create(
        [Tie(node=node, strength="strong" if i < 30 else "weak") for i, node in enumerate(nodes)]
    )
    services.touch_pln(jane.owner)
    desktop = owner_api.get("/api/v1/map").json()
    phone = owner_api.get("/api/v1/map?compact=1").json()
    assert phone["compact"] is True and desktop["compact"] is False
    assert phone["font_size"] > desktop["font_size"]
    named = [n for n in phone["nodes"] if n["kind"] not in ("ego", "group")]
    assert len(named) < len([n for n in desktop["nodes"] if n["kind"] not in ("ego", "group")])
    assert all(n["label_shown"] for n in named)
    groups = [n for n in phone["nodes"] if n["kind"] == "group"]
    assert len(named) + sum(g["count"] for g in groups) == 151
    # A group's members come from the phone's own split, not the desktop's.
    group = max(groups, key=lambda g: g["count"])
    assert group["members_url"] == f"/api/v1/map?compact=1&group={group['id']}"
    members = owner_api.get(group["members_url"]).json()
    assert sorted(n["node_id"] for n in members["nodes"]) == sorted(group["member_ids"])


def test_a_repeated_map_request_with_a_seed_is_served_from_the_cache(
    owner_api: ApiClient, jane: Node, django_assert_max_num_queries: Any
) -> None:
    _many_nodes(jane.owner, 100)
    first = owner_api.get("/api/v1/map?seed=77")
    assert first.status_code == 200
    # Warm: authenticate, read the PLN version and the dragged positions; no snapshot.
    with django_assert_max_num_queries(6):
        again = owner_api.get("/api/v1/map?seed=77")
    assert again.content == first.content
    assert owner_api.get("/api/v1/map?seed=-1").status_code == 422


def test_colour_by_cluster_uses_the_insights_clusters_and_agrees_with_the_core_run(
    owner_api: ApiClient, owner: Any
) -> None:
    from tiewise.core.mapdata import cluster_color, clusters_of
    from tiewise.insights import selectors as insights_selectors
    from tiewise.network import selectors

    people = [services.node_create(owner=owner, data={"name": f"P{i}"}) for i in range(7)]
    pairs = [(0, 1), (1, 2), (0, 2), (3, 4), (4, 5), (3, 5), (2, 3)]
    for a, b in pairs:
        services.alter_tie_create(owner=owner, source=people[a].pk, target=people[b].pk)
    pln = selectors.pln_snapshot(owner)
    expected = clusters_of(pln)
    assert insights_selectors.clusters_for(owner, pln) == expected
    colours = {
        n["node_id"]: n["style"]["colors"]["cluster"]
        for n in owner_api.get("/api/v1/map").json()["nodes"]
        if n["node_id"] is not None
    }
    assert colours == {p.pk: cluster_color(expected.get(p.pk)) for p in people}
    assert len(set(colours.values())) == 3  # two clusters and the loner
