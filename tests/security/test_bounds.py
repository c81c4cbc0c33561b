"""Bounded work on every request: oversized bodies are refused unread,
token use does not write on every request, expensive reads are throttled."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client, override_settings
from django.utils import timezone

from tiewise.accounts.models import ApiToken
from tiewise.accounts.services import token_create

pytestmark = pytest.mark.django_db

HUNDRED_MB = str(100 * 1024 * 1024)


@pytest.mark.parametrize(
    "path", ["/nodes/new/", "/accounts/login/", "/import/", "/api/v1/nodes", "/api/v1/imports",
             "/no/such/page/"],
)  # fmt: skip
def test_a_100_mb_post_to_any_url_is_413_before_anything_reads_it(path: str) -> None:
    client = Client()
    # The header announces 100 MB; the body is never read, so a few bytes do.
    response = client.post(path, data=b"{}", content_type="application/json",
                           CONTENT_LENGTH=HUNDRED_MB)  # fmt: skip
    assert response.status_code == 413
    assert "too large" in response.content.decode().lower()
    if path.startswith("/api/"):
        assert response.json()["detail"].startswith("The request is too large")


def test_a_body_under_the_limit_goes_through(owner_client: Client) -> None:
    response = owner_client.post("/nodes/quick-add/", {"line": "Jane Doe, strong, mentor"})
    assert response.status_code == 302


def test_a_token_records_its_last_use_at_most_once_a_minute(owner: Any) -> None:
    token, raw = token_create(user=owner, name="script")
    client = Client(headers={"Authorization": f"Bearer {raw}"})
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    assert client.get("/api/v1/me").status_code == 200
    first = ApiToken.objects.get(pk=token.pk).last_used_at
    assert first is not None
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/api/v1/me").status_code == 200
    writes = [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith("UPDATE")]
    assert not writes, writes
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=first - timedelta(minutes=2))
    client.get("/api/v1/me")
    assert ApiToken.objects.get(pk=token.pk).last_used_at > first - timedelta(seconds=1)
    assert ApiToken.objects.get(pk=token.pk).last_used_at <= timezone.now()


@override_settings(TIEWISE_RATE_LIMITS=True, TIEWISE_RATES={
    "api": "1000/m", "expensive": "3/m", "transfer": "30/m", "email": "20/h"})  # fmt: skip
def test_expensive_reads_are_throttled_per_user_with_retry_after(
    owner_api: Any, other_api: Any, owner_client: Client
) -> None:
    codes = [owner_api.get("/api/v1/insights").status_code for _ in range(5)]
    assert codes[:3] == [200, 200, 200] and codes[3:] == [429, 429]
    limited = owner_api.get("/api/v1/insights")
    assert int(limited["Retry-After"]) >= 1
    assert other_api.get("/api/v1/insights").status_code == 200  # each user has their own bucket
    page = owner_client.get("/insights/")  # the page shares the bucket with the API
    assert page.status_code == 429 and int(page["Retry-After"]) >= 1


def test_sensitive_actions_ask_for_the_password_again_after_15_minutes(owner: Any) -> None:
    from tests.conftest import sign_in

    stale = sign_in(Client(), owner, minutes_ago=20)
    page = stale.post("/settings/tokens/", {"name": "script", "scope": "read"})
    assert page.status_code == 302 and page["Location"].startswith("/accounts/reauthenticate/")
    assert not ApiToken.objects.filter(user=owner, name="script").exists()
    api = stale.post("/api/v1/tokens", {"name": "script"}, content_type="application/json")
    assert api.status_code == 403
    private = stale.post("/coaching/invite/", {"email": "ben@example.org",
                                               "share_private_nodes": "on"})  # fmt: skip
    assert private.status_code == 302 and "reauthenticate" in private["Location"]
    plain = stale.post("/coaching/invite/", {"email": "ben@example.org", "share_plan": "on"})
    assert plain.status_code == 302 and "reauthenticate" not in plain["Location"]
    fresh = sign_in(Client(), owner)
    assert fresh.post("/settings/tokens/", {"name": "script", "scope": "read"}).status_code == 200
    assert ApiToken.objects.filter(user=owner, name="script").exists()
