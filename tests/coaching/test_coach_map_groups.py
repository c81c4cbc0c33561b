"""A coach's view of a big map: groups open from the coach's own API, and
count and list only the people the coach may see."""

from __future__ import annotations

from typing import Any

from tiewise.network import services as network_services
from tiewise.network.models import Node, Tie

from .conftest import make_coach, persona


def _many(owner: Any, n: int, private_every: int) -> None:
    nodes = Node.objects.bulk_create(
        [Node(owner=owner, name=f"Co-author {i}", private=i % private_every == 0)
         for i in range(n)]
    )  # fmt: skip
    Tie.objects.bulk_create([Tie(node=node, strength="weak") for node in nodes])
    network_services.touch_pln(owner)


def test_a_group_on_the_coach_map_opens_from_the_coach_api(owner: Any) -> None:
    _many(owner, 150, private_every=10)  # 15 private
    coach_user, rel = make_coach(owner, "cam@example.org", {"plan": True})
    cam = persona(coach_user, rel)
    body = cam.api.get(f"/api/v1/coaching/coachees/{rel.pk}/map").json()
    groups = [n for n in body["nodes"] if n["kind"] == "group"]
    assert groups
    drawn = [n for n in body["nodes"] if n["kind"] not in ("ego", "group")]
    assert len(drawn) + sum(g["count"] for g in groups) == 135  # the private 15 are not counted
    group = max(groups, key=lambda g: g["count"])
    assert group["members_url"] == f"/api/v1/coaching/coachees/{rel.pk}/map?group={group['id']}"
    members = cam.api.get(group["members_url"]).json()
    names = {n["label"] for n in members["nodes"]}
    assert len(names) == group["count"]
    private = set(Node.objects.filter(owner=owner, private=True).values_list("name", flat=True))
    assert not names & private
    missing = f"/api/v1/coaching/coachees/{rel.pk}/map?group=g-weak-personal-nowhere"
    assert cam.api.get(missing).status_code == 404


def test_someone_elses_coachee_group_is_404(owner: Any, other: Any) -> None:
    _many(owner, 150, private_every=10)
    coach_user, rel = make_coach(owner, "cam@example.org", {"plan": True})
    group = next(
        n["id"]
        for n in persona(coach_user, rel)
        .api.get(f"/api/v1/coaching/coachees/{rel.pk}/map")
        .json()["nodes"]
        if n["kind"] == "group"
    )
    stranger = persona(other)
    url = f"/api/v1/coaching/coachees/{rel.pk}/map?group={group}"
    assert stranger.api.get(url).status_code == 404


def test_the_coach_map_leaves_out_keep_in_touch_statuses(owner: Any) -> None:
    """The coach's map shares the owner's node shape, but never its statuses
    (a coach sees the map, not how often the coachee keeps in touch)."""
    import datetime as dt

    _many(owner, 12, private_every=100)
    # Kept in touch with since long ago, every 30 days: every tie is overdue.
    Tie.objects.filter(node__owner=owner).update(tracked_since=dt.date(2029, 1, 1), cadence_days=30)
    network_services.touch_pln(owner)
    statuses = {"status", "status_label", "status_reason"}
    mine = persona(owner).api.get("/api/v1/map").json()
    drawn = [n for n in mine["nodes"] if n["kind"] == "person"]
    assert drawn and all(n.get("status") == "overdue" for n in drawn)
    coach_user, rel = make_coach(owner, "sam@example.org", {"plan": True})
    body = persona(coach_user, rel).api.get(f"/api/v1/coaching/coachees/{rel.pk}/map").json()
    people = [n for n in body["nodes"] if n["kind"] not in ("ego", "group")]
    assert people
    assert not statuses & {k for n in people for k in n}
