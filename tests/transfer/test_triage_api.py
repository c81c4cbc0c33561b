"""GET /imports/{id}/records and POST /imports/{id}/decide with a match,
on a 2,000-record import (300 where scale is not the point): the contract of issue 15."""

from __future__ import annotations

from typing import Any

import pytest

from tiewise.network.models import Node

from .conftest import api_upload, staged_batch

ITEM_KEYS = {"id", "name", "organisation", "title", "email", "suggested", "suggested_sector",
             "decision", "match"}  # fmt: skip


@pytest.fixture
def big(owner: Any) -> Any:
    return staged_batch(owner, 2000)


@pytest.fixture
def small(owner: Any) -> Any:
    return staged_batch(owner, 300)


def test_the_list_pages_in_the_database_with_the_contracted_fields(
    owner_api: Any, big: Any, django_assert_max_num_queries: Any
) -> None:
    with django_assert_max_num_queries(6):
        body = owner_api.get(f"/api/v1/imports/{big.pk}/records?limit=50&offset=100").json()
    assert body["count"] == 2000 and len(body["items"]) == 50
    item = body["items"][0]
    assert set(item) >= ITEM_KEYS
    assert item["suggested"] == "weak" and item["decision"] == "pending"
    scores = [i["score"] for i in body["items"]]
    assert scores == sorted(scores, reverse=True)


def test_filters_combine(owner_api: Any, small: Any) -> None:
    url = f"/api/v1/imports/{small.pk}/records"
    mayo = owner_api.get(f"{url}?organisation=Mayo%20Clinic&limit=500").json()
    assert mayo["count"] > 10 and {i["organisation"] for i in mayo["items"]} == {"Mayo Clinic"}
    assert {i["suggested_sector"] for i in mayo["items"]} <= {"medicine", "health_professions"}
    emailed = owner_api.get(f"{url}?organisation=mayo&has_email=yes&limit=500").json()
    assert 0 < emailed["count"] < mayo["count"] and all(i["email"] for i in emailed["items"])
    found = owner_api.get(f"{url}?q=charite%20resident").json()
    assert found["count"] > 0
    assert all("Resident" in i["title"] for i in found["items"])
    assert owner_api.get(f"{url}?source=medline").json()["count"] == 0
    assert owner_api.get(f"{url}?suggested=strong").json()["count"] == 0
    assert owner_api.get(f"{url}?decision=pending").json()["count"] == 300


def test_a_possible_duplicate_carries_its_match(owner_api: Any, small: Any) -> None:
    body = owner_api.get(f"/api/v1/imports/{small.pk}/records?duplicate=possible&limit=5").json()
    assert body["count"] == 6
    known = Node.objects.get(name="Okafor B")
    assert body["items"][0]["match"] == {"node_id": known.pk, "confidence": "possible"}
    plain = owner_api.get(f"/api/v1/imports/{small.pk}/records?duplicate=no&limit=1").json()
    assert plain["count"] == 294 and plain["items"][0]["match"] is None


def test_an_exact_duplicate_from_a_real_file(owner: Any, owner_api: Any) -> None:
    tomas = Node.objects.create(owner=owner, name="Tomás Ibáñez", email="TOMAS.IBANEZ@example.org")
    batch_id = api_upload(owner_api, "Connections.csv").json()["id"]
    items = owner_api.get(f"/api/v1/imports/{batch_id}/records?duplicate=yes").json()["items"]
    assert [(i["name"], i["match"]) for i in items] == [
        ("Tomás Ibáñez", {"node_id": tomas.pk, "confidence": "exact"})
    ]


def test_a_bad_filter_is_a_422_naming_it(owner_api: Any, small: Any) -> None:
    response = owner_api.get(f"/api/v1/imports/{small.pk}/records?sector=hospital")
    assert response.status_code == 422 and "sector" in str(response.json()["detail"])


def test_decide_by_match_then_commit_leaves_the_rest_pending(
    owner: Any, owner_api: Any, big: Any
) -> None:
    base = f"/api/v1/imports/{big.pk}"
    mayo = owner_api.get(f"{base}/records?organisation=mayo").json()["count"]
    response = owner_api.post(
        f"{base}/decide",
        {"match": {"organisation": "mayo"}, "decision": "weak", "areas": ["expertise"]},
    )
    assert response.status_code == 200 and response.json() == {"changed": mayo}
    residents = owner_api.post(
        f"{base}/decide", {"match": {"title": "resident"}, "roles": ["mentee"]}
    ).json()["changed"]
    assert residents > 100
    body = owner_api.post(f"{base}/commit").json()
    assert body["status"] == "staged"
    assert body["outcome"]["created"] == mayo and body["outcome"]["pending"] == 2000 - mayo
    assert Node.objects.filter(owner=owner, tie__areas__contains=",expertise,").count() == mayo
    rest = owner_api.get(f"{base}/records").json()
    assert rest["count"] == 2000 - mayo
    assert owner_api.get(f"{base}/records?decision=added").json()["count"] == mayo


def test_decide_refuses_ids_with_match_and_unknown_filters(owner_api: Any, small: Any) -> None:
    base = f"/api/v1/imports/{small.pk}"
    both = owner_api.post(f"{base}/decide", {"ids": [1], "match": {"q": "x"}, "decision": "weak"})
    assert both.status_code == 422
    typo = owner_api.post(f"{base}/decide", {"match": {"organization": "mayo"}, "decision": "weak"})
    assert typo.status_code == 422 and "organization" in str(typo.json()["detail"])
    assert owner_api.get(f"{base}/records?decision=pending").json()["count"] == 300


def test_the_suggested_sector_can_be_changed_in_bulk(owner_api: Any, small: Any) -> None:
    base = f"/api/v1/imports/{small.pk}"
    changed = owner_api.post(
        f"{base}/decide", {"match": {"organisation": "NHS England"}, "sector": "medicine"}
    ).json()["changed"]
    items = owner_api.get(f"{base}/records?organisation=NHS%20England&limit=500").json()["items"]
    assert len(items) == changed and {i["suggested_sector"] for i in items} == {"medicine"}


def test_another_users_records_are_a_404(other_api: Any, small: Any) -> None:
    assert other_api.get(f"/api/v1/imports/{small.pk}/records").status_code == 404
    response = other_api.post(
        f"/api/v1/imports/{small.pk}/decide", {"match": {}, "decision": "reject"}
    )
    assert response.status_code == 404
    assert small.records.filter(decision="pending").count() == 300


def test_decide_by_suggestion_takes_each_records_own_strength(owner_api: Any, big: Any) -> None:
    base = f"/api/v1/imports/{big.pk}"
    body = {"match": {"organisation": "mayo clinic"}, "decision": "suggested"}
    changed = owner_api.post(f"{base}/decide", body).json()["changed"]
    assert changed > 0
    items = owner_api.get(f"{base}/records?organisation=mayo%20clinic&limit=500").json()["items"]
    assert {(i["suggested"], i["decision"]) for i in items} == {("weak", "weak")}
    assert big.records.exclude(decision="pending").count() == changed
    wrong = owner_api.post(f"{base}/decide", {"match": {}, "decision": "maybe"})
    assert wrong.status_code == 422 and "suggested" in wrong.content.decode()
