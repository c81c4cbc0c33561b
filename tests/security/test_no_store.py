"""Nothing private stays in a browser's or a proxy's cache: on a shared
ward computer the next person's back button must show a sign-in page, not
someone's network."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.mark.parametrize(
    "path", ["/", "/nodes/", "/map/", "/plan/", "/export/json/", "/export/csv/"]
)
def test_private_pages_and_exports_are_never_stored(owner_client: Any, path: str) -> None:
    response = owner_client.get(path)
    assert response.status_code == 200, path
    assert "no-store" in response["Cache-Control"], path


@pytest.mark.parametrize("path", ["/api/v1/nodes", "/api/v1/me", "/api/v1/export?format=json"])
def test_api_answers_are_never_stored(owner_api: Any, path: str) -> None:
    response = owner_api.get(path)
    assert response.status_code == 200, path
    assert "no-store" in response["Cache-Control"], path


def test_errors_and_the_sign_in_page_are_not_stored_either(anon_client: Any) -> None:
    for path in ("/accounts/login/", "/nodes/999999/"):
        assert "no-store" in anon_client.get(path)["Cache-Control"], path


def test_the_calendar_feed_keeps_its_own_short_private_cache(anon_client: Any, owner: Any) -> None:
    from tiewise.upkeep import selectors

    response = anon_client.get(f"/calendar/{selectors.feed_token(owner)}.ics")
    assert response["Cache-Control"] == "private, max-age=900"
