"""/api/v1 interactions, due and snapshots for owner, other user and anonymous."""

from __future__ import annotations

from typing import Any

import pytest
import time_machine

from tiewise.network import services as network_services
from tiewise.upkeep import services
from tiewise.upkeep.models import Interaction

from ..conftest import ApiClient

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path", ["/api/v1/interactions", "/api/v1/due", "/api/v1/snapshots", "/api/v1/interactions/1"]
)
def test_anonymous_requests_get_401(anon_api: ApiClient, path: str) -> None:
    assert anon_api.get(path).status_code == 401


def test_create_read_update_delete_an_interaction(
    owner_api: ApiClient, jane: Any, raj: Any
) -> None:
    created = owner_api.post(
        "/api/v1/interactions",
        {"date": "2025-01-02", "nodes": [jane.pk, raj.pk], "channel": "video",
         "kind": "advice_sought", "direction": "received", "quality": 4, "note": "Grant"},
    )  # fmt: skip
    assert created.status_code == 201
    body = created.json()
    assert body["nodes"] == sorted([jane.pk, raj.pk])  # listed by name: Jane before Raj
    assert (body["date"], body["channel"], body["quality"]) == ("2025-01-02", "video", 4)
    pk = body["id"]
    assert owner_api.get(f"/api/v1/interactions/{pk}").json()["note"] == "Grant"
    listed = owner_api.get("/api/v1/interactions").json()
    assert listed["count"] == 1 and listed["items"][0]["id"] == pk
    patched = owner_api.patch(f"/api/v1/interactions/{pk}", {"quality": 5, "nodes": [jane.pk]})
    assert patched.status_code == 200
    assert patched.json()["quality"] == 5 and patched.json()["nodes"] == [jane.pk]
    assert patched.json()["channel"] == "video"  # untouched
    assert owner_api.delete(f"/api/v1/interactions/{pk}").status_code == 204
    assert owner_api.get(f"/api/v1/interactions/{pk}").status_code == 404


def test_nodes_that_are_not_mine_are_a_404_and_nothing_is_saved(
    other_api: ApiClient, jane: Any
) -> None:
    response = other_api.post("/api/v1/interactions", {"nodes": [jane.pk]})
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found"}
    assert not Interaction.objects.exists()


def test_another_users_interaction_is_a_404(other_api: ApiClient, owner: Any, jane: Any) -> None:
    i = services.interaction_create(owner=owner, data={"nodes": [jane.pk]})
    assert other_api.get(f"/api/v1/interactions/{i.pk}").status_code == 404
    assert other_api.patch(f"/api/v1/interactions/{i.pk}", {"quality": 1}).status_code == 404
    assert other_api.delete(f"/api/v1/interactions/{i.pk}").status_code == 404
    assert other_api.get("/api/v1/interactions").json()["count"] == 0
    assert Interaction.objects.get(pk=i.pk).quality == 3


def test_bad_values_are_422(owner_api: ApiClient, jane: Any) -> None:
    for bad in ({"quality": 6}, {"channel": "pigeon"}, {"direction": "sideways"}, {"nodes": []}):
        body = {"nodes": [jane.pk], **bad}
        assert owner_api.post("/api/v1/interactions", body).status_code == 422
    assert (
        owner_api.post(
            "/api/v1/interactions", {"nodes": [jane.pk], "date": "2999-01-01"}
        ).status_code
        == 422
    )


def test_logging_one_line_over_the_api(owner_api: ApiClient, jane: Any) -> None:
    response = owner_api.post("/api/v1/interactions/line", {"line": "zoom with Jane yesterday"})
    assert response.status_code == 201
    assert response.json()["channel"] == "video"
    bad = owner_api.post("/api/v1/interactions/line", {"line": "zoom with Zed"})
    assert bad.status_code == 422 and "Zed" in str(bad.json()["detail"])


@time_machine.travel("2025-06-01 12:00", tick=False)
def test_due_lists_ties_soonest_first_with_reasons(
    owner_api: ApiClient, owner: Any, jane: Any, raj: Any
) -> None:
    services.interaction_create(owner=owner, data={"nodes": [jane.pk], "date": "2025-02-26"})
    services.interaction_create(owner=owner, data={"nodes": [raj.pk], "date": "2024-12-05"})
    items = owner_api.get("/api/v1/due").json()["items"]
    assert [i["node_id"] for i in items] == [jane.pk, raj.pk]  # due 12 Apr, then 3 Jun
    first = items[0]
    assert first["type"] == "tie" and first["name"] == "Jane Doe"
    assert (first["status"], first["due_date"]) == ("overdue", "2025-04-12")
    assert first["reason"] == "last contact 95 days ago; you aim for every 45 days"
    assert items[1]["status"] == "soon"


def test_due_of_another_user_is_empty(other_api: ApiClient, jane: Any) -> None:
    assert other_api.get("/api/v1/due").json() == {"items": []}


def test_snapshots_list_take_and_diff(owner_api: ApiClient, owner: Any, jane: Any) -> None:
    taken = owner_api.post("/api/v1/snapshots", {"label": "Session 1"})
    assert taken.status_code == 201
    snap = taken.json()
    assert snap["label"] == "Session 1" and snap["node_count"] == 1
    network_services.node_create(owner=owner, data={"name": "Li Wei", "strength": "weak"})
    network_services.node_update(node=jane, data={"strength": "weak"})
    listed = owner_api.get("/api/v1/snapshots").json()
    assert snap["id"] in [s["id"] for s in listed["items"]]
    diff = owner_api.get(f"/api/v1/snapshots/{snap['id']}/diff").json()
    assert [n["name"] for n in diff["new_nodes"]] == ["Li Wei"]
    assert diff["weakened"] == [{"id": jane.pk, "name": "Jane Doe", "from": "strong", "to": "weak"}]
    assert diff["has_changes"] is True


def test_another_users_snapshot_diff_is_a_404(other_api: ApiClient, owner: Any) -> None:
    snap = services.snapshot_take(owner=owner)
    assert other_api.get(f"/api/v1/snapshots/{snap.pk}/diff").status_code == 404
    assert other_api.get("/api/v1/snapshots").json()["count"] == 0
