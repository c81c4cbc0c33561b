"""Person pickers: a search endpoint that answers as the user types, and
forms that take names typed by hand when JavaScript is off."""

from __future__ import annotations

from typing import Any

import pytest

from tiewise.network import services
from tiewise.network.models import AlterTie, Node
from tiewise.planning.models import Goal

pytestmark = pytest.mark.django_db


def _people(owner: Any, lines: list[str]) -> dict[str, Node]:
    out = {}
    for line in lines:
        node = services.quick_add(owner=owner, line=line).node
        out[node.name] = node
    return out


def test_the_search_finds_people_by_name_strong_ties_first(owner_client: Any, owner: Any) -> None:
    _people(owner, ["Maria Lopez, weak", "Dr. Maria Chen, strong, mentor", "Tom Becker, strong"])
    Node.objects.filter(name="Dr. Maria Chen").update(organisation="Mayo Clinic")
    data = owner_client.get("/people/search/?q=maria").json()
    assert data["count"] == 2
    assert [p["name"] for p in data["items"]] == ["Dr. Maria Chen", "Maria Lopez"]
    assert data["items"][0]["detail"] == "Mayo Clinic · Strong"
    # Organisation is searched too, so namesakes can be told apart.
    assert [p["name"] for p in owner_client.get("/people/search/?q=mayo").json()["items"]] == [
        "Dr. Maria Chen"
    ]


def test_the_search_scales_to_thousands_with_a_short_answer(owner_client: Any, owner: Any) -> None:
    services.nodes_bulk_create(
        owner=owner, rows=[{"name": f"Person {i:04d}", "strength": "weak"} for i in range(1200)]
    )
    data = owner_client.get("/people/search/?q=person&limit=10").json()
    assert data["count"] == 1200
    assert len(data["items"]) == 10


def test_the_search_never_shows_another_users_people(
    other_client: Any, owner: Any, anon_client: Any
) -> None:
    _people(owner, ["Maria Lopez, weak"])
    assert other_client.get("/people/search/?q=maria").json() == {"items": [], "count": 0}
    assert anon_client.get("/people/search/?q=maria").status_code == 302


def test_the_search_can_leave_out_a_person_and_keep_one_strength(
    owner_client: Any, owner: Any
) -> None:
    p = _people(owner, ["Ann Absent, prospect", "Ann Weak, weak", "Ann Strong, strong"])
    names = lambda url: [x["name"] for x in owner_client.get(url).json()["items"]]  # noqa: E731
    assert names("/people/search/?q=ann&strength=absent") == ["Ann Absent"]
    assert names(f"/people/search/?q=ann&exclude={p['Ann Strong'].pk}") == [
        "Ann Weak",
        "Ann Absent",
    ]


def test_pages_ship_a_search_box_not_every_name(owner_client: Any, owner: Any) -> None:
    services.nodes_bulk_create(
        owner=owner, rows=[{"name": f"Person {i:04d}", "strength": "weak"} for i in range(300)]
    )
    html = owner_client.get("/plan/goals/new/").content.decode()
    assert 'data-person-picker="many"' in html
    assert "Person 0123" not in html


def test_without_javascript_supporters_can_be_typed_as_names(owner_client: Any, owner: Any) -> None:
    p = _people(owner, ["Dr. Maria Chen, strong", "Tom Becker, strong"])
    response = owner_client.post(
        "/plan/goals/new/",
        {"title": "Find a sponsor", "status": "active", "nodes": "maria chen-x"},
    )
    assert response.status_code == 200
    assert "No one called “maria chen-x” here" in response.content.decode()
    assert not Goal.objects.filter(owner=owner).exists()
    owner_client.post(
        "/plan/goals/new/",
        {"title": "Find a sponsor", "status": "active", "nodes": "dr. maria chen, Tom Becker"},
    )
    goal = Goal.objects.get(owner=owner)
    assert set(goal.nodes.values_list("pk", flat=True)) == {
        p["Dr. Maria Chen"].pk,
        p["Tom Becker"].pk,
    }


def test_a_name_two_people_share_asks_to_pick_one(owner_client: Any, owner: Any) -> None:
    services.nodes_bulk_create(
        owner=owner,
        rows=[{"name": "Li Wei", "strength": "weak"}, {"name": "Li Wei", "strength": "strong"}],
    )
    response = owner_client.post(
        "/plan/goals/new/", {"title": "Learn", "status": "active", "nodes": "Li Wei"}
    )
    assert "Several people are called “Li Wei”" in response.content.decode()


def test_another_users_person_cannot_be_picked_by_id(
    owner_client: Any, owner: Any, other: Any
) -> None:
    mine = _people(owner, ["Tom Becker, strong"])["Tom Becker"]
    theirs = _people(other, ["Zed Secret, strong"])["Zed Secret"]
    response = owner_client.post(f"/nodes/{mine.pk}/knows/", {"other": str(theirs.pk)})
    assert response.status_code == 404
    assert not AlterTie.objects.exists()


def test_the_knows_picker_takes_a_typed_name(owner_client: Any, owner: Any) -> None:
    p = _people(owner, ["Tom Becker, strong", "Lena Park, strong"])
    owner_client.post(f"/nodes/{p['Tom Becker'].pk}/knows/", {"other": "Lena Park"})
    assert AlterTie.objects.filter(source=p["Tom Becker"], target=p["Lena Park"]).exists()
