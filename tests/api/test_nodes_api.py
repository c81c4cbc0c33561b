"""/api/v1 nodes, alter ties and me, for owner, other user and anonymous."""

from __future__ import annotations

from typing import Any

import pytest

from tiewise.accounts.services import token_create
from tiewise.network.models import AlterTie, Node

from ..conftest import ApiClient

pytestmark = pytest.mark.django_db


def test_me_says_who_the_token_belongs_to(owner_api: ApiClient) -> None:
    body = owner_api.get("/api/v1/me").json()
    assert body["email"] == "ana@example.org"
    assert body["display_name"] == "Ana Ruiz"


@pytest.mark.parametrize("path", ["/api/v1/me", "/api/v1/nodes", "/api/v1/alter-ties"])
def test_anonymous_requests_get_401_with_a_detail(anon_api: ApiClient, path: str) -> None:
    response = anon_api.get(path)
    assert response.status_code == 401
    assert "detail" in response.json()


def test_a_bad_token_is_401(owner: Any) -> None:
    assert ApiClient("tw_nope").get("/api/v1/me").status_code == 401


def test_create_read_update_delete_a_node(owner_api: ApiClient) -> None:
    created = owner_api.post(
        "/api/v1/nodes",
        {"name": "Jane Doe", "strength": "strong", "roles": ["mentor"], "areas": ["expertise"],
         "modes": ["personal"], "since": "2020-02-01", "cadence_days": 30},
    )  # fmt: skip
    assert created.status_code == 201
    node = created.json()
    assert node["roles"] == ["mentor"] and node["since"] == "2020-02-01"
    got = owner_api.get(f"/api/v1/nodes/{node['id']}").json()
    assert got["name"] == "Jane Doe"
    patched = owner_api.patch(f"/api/v1/nodes/{node['id']}", {"strength": "weak"}).json()
    assert patched["strength"] == "weak"
    assert patched["roles"] == ["mentor"]  # PATCH leaves unsent fields alone
    assert owner_api.delete(f"/api/v1/nodes/{node['id']}").status_code == 204
    assert owner_api.get(f"/api/v1/nodes/{node['id']}").status_code == 404


def test_lists_paginate_with_items_and_count(owner_api: ApiClient) -> None:
    for i in range(5):
        owner_api.post("/api/v1/nodes", {"name": f"Person {i}"})
    page = owner_api.get("/api/v1/nodes", {"limit": 2, "offset": 2}).json()
    assert page["count"] == 5
    assert [n["name"] for n in page["items"]] == ["Person 2", "Person 3"]


def test_list_filters_match_the_ui(owner_api: ApiClient, jane: Node, raj: Node) -> None:
    def names(**query: str) -> set[str]:
        return {n["name"] for n in owner_api.get("/api/v1/nodes", query).json()["items"]}

    assert names(strength="strong") == {"Jane Doe"}
    assert names(area="academic") == {"Raj Patel"}
    assert names(role="mentor", mode="personal") == {"Jane Doe"}
    assert names(q="raj") == {"Raj Patel"}


@pytest.mark.parametrize(
    "body,field",
    [({"name": "X", "strength": "best"}, "strength"), ({"name": "X", "areas": ["space"]}, "areas"),
     ({"strength": "weak"}, "name"), ({"name": "X", "cadence_days": 0}, "cadence_days"),
     ({"name": "X", "email": "nope"}, "email"), ({"name": "X", "since": "yesterday"}, "since")],
)  # fmt: skip
def test_invalid_values_get_422_naming_the_field_and_save_nothing(
    owner_api: ApiClient, owner: Any, body: dict, field: str
) -> None:
    response = owner_api.post("/api/v1/nodes", body)
    assert response.status_code == 422
    assert field in str(response.json()["detail"])
    assert not Node.objects.filter(owner=owner).exists()


def test_another_users_node_is_404_for_every_method(other_api: ApiClient, jane: Node) -> None:
    url = f"/api/v1/nodes/{jane.pk}"
    assert other_api.get(url).status_code == 404
    assert other_api.patch(url, {"name": "hacked"}).status_code == 404
    assert other_api.delete(url).status_code == 404
    assert other_api.get("/api/v1/nodes").json()["count"] == 0
    jane.refresh_from_db()
    assert jane.name == "Jane Doe"


def test_bulk_edit_sets_and_adds(owner_api: ApiClient, jane: Node, raj: Node) -> None:
    response = owner_api.post(
        "/api/v1/nodes/bulk",
        {"ids": [jane.pk, raj.pk], "set": {"strength": "weak"}, "add": {"roles": ["peer"]}},
    )
    assert response.json() == {"updated": 2}
    jane.tie.refresh_from_db()
    assert jane.tie.strength == "weak" and jane.tie.roles == ["mentor", "peer"]


def test_bulk_edit_including_a_foreign_id_is_404_and_changes_nothing(
    other_api: ApiClient, jane: Node
) -> None:
    response = other_api.post(
        "/api/v1/nodes/bulk", {"ids": [jane.pk], "set": {"strength": "absent"}}
    )
    assert response.status_code == 404
    jane.tie.refresh_from_db()
    assert jane.tie.strength == "strong"


def test_alter_ties_are_created_listed_and_deleted(
    owner_api: ApiClient, jane: Node, raj: Node
) -> None:
    created = owner_api.post(
        "/api/v1/alter-ties", {"source": raj.pk, "target": jane.pk, "strength": "weak"}
    )
    assert created.status_code == 201
    tie = created.json()
    assert (tie["source"], tie["target"]) == (min(jane.pk, raj.pk), max(jane.pk, raj.pk))
    again = owner_api.post("/api/v1/alter-ties", {"source": jane.pk, "target": raj.pk})
    assert again.json()["id"] == tie["id"]  # the same pair is one tie
    assert owner_api.get("/api/v1/alter-ties").json()["count"] == 1
    assert owner_api.delete(f"/api/v1/alter-ties/{tie['id']}").status_code == 204
    assert not AlterTie.objects.exists()


def test_a_self_alter_tie_is_422(owner_api: ApiClient, jane: Node) -> None:
    response = owner_api.post("/api/v1/alter-ties", {"source": jane.pk, "target": jane.pk})
    assert response.status_code == 422


def test_alter_ties_to_someone_elses_nodes_are_404(
    other_api: ApiClient, jane: Node, raj: Node
) -> None:
    assert (
        other_api.post("/api/v1/alter-ties", {"source": jane.pk, "target": raj.pk}).status_code
        == 404
    )
    bulk = other_api.post(
        "/api/v1/alter-ties/bulk", {"items": [{"source": jane.pk, "target": raj.pk}]}
    )
    assert bulk.status_code == 404
    assert not AlterTie.objects.exists()


def test_bulk_alter_ties_skip_duplicates(
    owner_api: ApiClient, jane: Node, raj: Node, owner: Any
) -> None:
    third = owner_api.post("/api/v1/nodes", {"name": "Third"}).json()["id"]
    items = [{"source": jane.pk, "target": raj.pk}, {"source": raj.pk, "target": jane.pk},
             {"source": third, "target": jane.pk, "strength": "strong"}]  # fmt: skip
    assert owner_api.post("/api/v1/alter-ties/bulk", {"items": items}).json() == {"created": 2}
    assert AlterTie.objects.filter(owner=owner).count() == 2


def test_a_read_only_token_cannot_write(owner: Any) -> None:
    api = ApiClient(token_create(user=owner, scope="read")[1])
    assert api.get("/api/v1/nodes").status_code == 200
    assert api.post("/api/v1/nodes", {"name": "X"}).status_code == 403


def test_the_openapi_document_is_served(anon_api: ApiClient) -> None:
    spec = anon_api.get("/api/v1/openapi.json").json()
    for path in ("/api/v1/me", "/api/v1/nodes", "/api/v1/nodes/bulk", "/api/v1/alter-ties"):
        assert path in spec["paths"]


def test_the_api_saves_but_warns_about_patient_data(owner_api: ApiClient) -> None:
    response = owner_api.post("/api/v1/nodes", {"name": "Dr. Y", "notes": "DOB: 12/03/1955"})
    assert response.status_code == 201
    assert "patient information" in response.json()["warnings"][0]
    clean = owner_api.post("/api/v1/nodes", {"name": "Dr. Z", "notes": "Great teacher"}).json()
    assert clean["warnings"] == []


def test_a_stale_edit_is_refused_with_409_instead_of_overwriting(
    owner_api: ApiClient, jane: Node
) -> None:
    first = owner_api.get(f"/api/v1/nodes/{jane.pk}")
    etag = first["ETag"]
    ok = owner_api.client.patch(
        f"/api/v1/nodes/{jane.pk}", data={"title": "Chair"}, content_type="application/json",
        headers={**owner_api.headers, "If-Match": etag},
    )  # fmt: skip
    assert ok.status_code == 200 and ok["ETag"] != etag
    stale = owner_api.client.patch(
        f"/api/v1/nodes/{jane.pk}", data={"title": "Dean"}, content_type="application/json",
        headers={**owner_api.headers, "If-Match": etag},
    )  # fmt: skip
    assert stale.status_code == 409
    assert "changed since you loaded it" in stale.json()["detail"]
    jane.refresh_from_db()
    assert jane.title == "Chair"
