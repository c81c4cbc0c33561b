"""Actions that exist in the web UI are reachable through the API too."""

from __future__ import annotations

from typing import Any

import pytest

from tiewise.network.models import Node

from ..conftest import ApiClient

pytestmark = pytest.mark.django_db


def test_the_profile_is_edited_with_the_pages_rules(owner_api: ApiClient, owner: Any) -> None:
    ok = owner_api.patch("/api/v1/me", {"career_stage": "fellow", "orcid": "0000-0002-1825-0097"})
    assert ok.status_code == 200 and ok.json()["career_stage"] == "fellow"
    bad = owner_api.patch("/api/v1/me", {"orcid": "1234"})
    assert bad.status_code == 422 and "orcid" in str(bad.json()["detail"])
    owner.profile.refresh_from_db()
    assert owner.profile.orcid == "0000-0002-1825-0097"


def test_tokens_are_listed_created_once_and_revoked(
    owner_api: ApiClient, other_api: ApiClient, owner_client: Any
) -> None:
    # A token never makes a token: only a session that signed in lately does.
    refused = owner_api.post("/api/v1/tokens", {"name": "cron", "scope": "read"})
    assert refused.status_code == 403 and "cannot create tokens" in refused.json()["detail"]
    created = owner_client.post(
        "/api/v1/tokens", {"name": "cron", "scope": "read"}, content_type="application/json"
    )
    assert created.status_code == 201
    body = created.json()
    assert body["token"].startswith("tw_")
    listed = owner_api.get("/api/v1/tokens").json()
    assert {t["name"] for t in listed} == {"test", "cron"}
    assert all("token" not in t for t in listed)  # never shown again
    assert other_api.delete(f"/api/v1/tokens/{body['id']}").status_code == 404
    assert owner_api.delete(f"/api/v1/tokens/{body['id']}").status_code == 204
    assert ApiClient(body["token"]).get("/api/v1/me").status_code == 401


def test_a_tie_is_snoozed_and_silenced(
    owner_api: ApiClient, other_api: ApiClient, jane: Node
) -> None:
    url = f"/api/v1/nodes/{jane.pk}/reminder"
    assert (
        owner_api.post(url, {"snoozed_until": "2999-01-01"}).json()["snoozed_until"] == "2999-01-01"
    )
    assert owner_api.post(url, {"never": True}).json()["never"] is True
    assert other_api.post(url, {"never": False}).status_code == 404
    assert owner_api.delete(url).status_code == 204


def test_cadence_defaults_and_the_feed_are_managed(owner_api: ApiClient, owner_client: Any) -> None:
    settings = owner_api._call(
        "put",
        "/api/v1/upkeep/settings",
        {"strong_key_days": 30, "strong_days": 60, "weak_days": 120, "digest_opt_in": True},
    )
    assert settings.json()["weak_days"] == 120
    # The feed's secret URL is for the signed-in owner, never for a token ...
    assert owner_api.get("/api/v1/upkeep/feed").status_code == 403
    old = owner_client.get("/api/v1/upkeep/feed").json()["url"]
    # ... but a script may rotate it after a leak (it learns nothing new).
    rotated = owner_api.post("/api/v1/upkeep/feed/revoke")
    assert rotated.status_code == 200 and rotated.json()["url"] is None
    assert owner_api.client.get("/" + old.split("://", 1)[1].split("/", 1)[1]).status_code == 404
    new = owner_client.get("/api/v1/upkeep/feed").json()["url"]
    assert new != old


def test_snapshots_can_be_deleted_only_by_their_owner(
    owner_api: ApiClient, other_api: ApiClient
) -> None:
    snap = owner_api.post("/api/v1/snapshots", {"label": "before"}).json()
    assert other_api.delete(f"/api/v1/snapshots/{snap['id']}").status_code == 404
    assert owner_api.delete(f"/api/v1/snapshots/{snap['id']}").status_code == 204


def test_imports_are_triaged_and_discarded_through_the_api(
    owner_api: ApiClient, other_api: ApiClient
) -> None:
    from pathlib import Path

    sample = Path(__file__).resolve().parents[1] / "data" / "imports" / "Connections.csv"
    with sample.open("rb") as fh:
        staged = owner_api.client.post("/api/v1/imports", {"file": fh}, headers=owner_api.headers)
    batch = staged.json()["id"]
    decided = owner_api.post(
        f"/api/v1/imports/{batch}/decide", {"decision": "weak", "areas": ["expertise"]}
    )
    assert decided.json()["changed"] == staged.json()["count"]
    assert other_api.post(f"/api/v1/imports/{batch}/discard").status_code == 404
    assert owner_api.post(f"/api/v1/imports/{batch}/discard").status_code == 204
    assert owner_api.post(f"/api/v1/imports/{batch}/commit").status_code == 422  # discarded
