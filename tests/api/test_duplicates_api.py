"""/api/v1/nodes/duplicates and /api/v1/nodes/{id}/merge: the contract."""

from __future__ import annotations

from typing import Any

import pytest

from tiewise.network import services
from tiewise.network.models import Node

from ..conftest import ApiClient

pytestmark = pytest.mark.django_db


@pytest.fixture
def twins(owner: Any) -> tuple[Node, Node, Node]:
    coauthor = services.node_create(
        owner=owner, data={"name": "Okafor C", "organisation": "University of Lagos"}
    )
    contact = services.node_create(
        owner=owner,
        data={
            "name": "Dr. Chidi Okafor",
            "organisation": "University of Lagos",
            "strength": "strong",
        },
    )
    namesake = services.node_create(
        owner=owner, data={"name": "Chidi Okafor", "organisation": "Lagoon Hospitals"}
    )
    return coauthor, contact, namesake


def test_duplicates_lists_pairs_with_both_people_the_reasons_and_a_count(
    owner_api: ApiClient, twins: tuple[Node, Node, Node]
) -> None:
    coauthor, contact, namesake = twins
    body = owner_api.get("/api/v1/nodes/duplicates").json()
    assert body["count"] == 3
    first = body["items"][0]
    assert {first["a"]["id"], first["b"]["id"]} == {coauthor.pk, contact.pk}
    assert first["confidence"] == "possible"
    assert first["reasons"] == ["initials", "organisation"]
    assert first["reason_labels"] == ["Initials fit the name", "Same organisation"]
    assert first["b"]["name"] == "Dr. Chidi Okafor" and first["b"]["strength"] == "strong"
    # The namesake at another hospital is offered too, but never as exact.
    assert all(item["confidence"] == "possible" for item in body["items"])


def test_duplicates_paginate_and_filter_by_confidence(
    owner_api: ApiClient, twins: tuple[Node, Node, Node]
) -> None:
    page = owner_api.get("/api/v1/nodes/duplicates?limit=1&offset=1").json()
    assert page["count"] == 3 and len(page["items"]) == 1
    assert owner_api.get("/api/v1/nodes/duplicates?confidence=exact").json() == {
        "items": [], "count": 0,
    }  # fmt: skip
    assert owner_api.get("/api/v1/nodes/duplicates?confidence=maybe").status_code == 422


def test_another_user_sees_none_of_the_owners_pairs(
    other_api: ApiClient, twins: tuple[Node, Node, Node]
) -> None:
    assert other_api.get("/api/v1/nodes/duplicates").json() == {"items": [], "count": 0}


def test_merge_returns_the_node_kept_and_what_moved(
    owner_api: ApiClient, twins: tuple[Node, Node, Node]
) -> None:
    coauthor, contact, _ = twins
    response = owner_api.post(f"/api/v1/nodes/{coauthor.pk}/merge", {"into": contact.pk})
    assert response.status_code == 200
    body = response.json()
    assert body["node"]["id"] == contact.pk and body["node"]["name"] == "Dr. Chidi Okafor"
    assert body["merged_id"] == coauthor.pk
    assert body["moved"]["alter_ties"] == 0 and "interactions" in body["moved"]
    assert owner_api.get(f"/api/v1/nodes/{coauthor.pk}").status_code == 404
    assert owner_api.get("/api/v1/nodes/duplicates").json()["count"] == 1  # the namesake left


def test_merging_into_itself_is_422_naming_the_field(
    owner_api: ApiClient, twins: tuple[Node, Node, Node]
) -> None:
    coauthor = twins[0]
    response = owner_api.post(f"/api/v1/nodes/{coauthor.pk}/merge", {"into": coauthor.pk})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "into"]
    assert "cannot be merged into themselves" in response.json()["detail"][0]["msg"]


def test_merging_with_another_users_node_is_404_either_way(
    owner_api: ApiClient, other: Any, twins: tuple[Node, Node, Node]
) -> None:
    theirs = services.node_create(owner=other, data={"name": "Chidi Okafor"})
    mine = twins[0]
    assert owner_api.post(f"/api/v1/nodes/{mine.pk}/merge", {"into": theirs.pk}).status_code == 404
    assert owner_api.post(f"/api/v1/nodes/{theirs.pk}/merge", {"into": mine.pk}).status_code == 404
    assert Node.objects.filter(pk__in=[mine.pk, theirs.pk]).count() == 2


def test_merge_rejects_unknown_fields(owner_api: ApiClient, twins: tuple[Node, Node, Node]) -> None:
    coauthor, contact, _ = twins
    response = owner_api.post(
        f"/api/v1/nodes/{coauthor.pk}/merge", {"into": contact.pk, "keep": "both"}
    )
    assert response.status_code == 422


def test_the_page_lists_pairs_and_its_buttons_merge(
    owner_client: Any, twins: tuple[Node, Node, Node]
) -> None:
    coauthor, contact, _ = twins
    page = owner_client.get("/nodes/duplicates/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Initials fit the name" in html and "Possibly the same" in html
    assert f'action="/nodes/{coauthor.pk}/merge/"' in html
    assert "Possible duplicates" in owner_client.get("/nodes/").content.decode()
    done = owner_client.post(
        f"/nodes/{coauthor.pk}/merge/", {"into": contact.pk, "next": "/nodes/duplicates/"}
    )
    assert done.status_code == 302 and done["Location"] == "/nodes/duplicates/"
    assert not Node.objects.filter(pk=coauthor.pk).exists()
    follow = owner_client.get("/nodes/duplicates/").content.decode()
    assert "Merged into Dr. Chidi Okafor" in follow
