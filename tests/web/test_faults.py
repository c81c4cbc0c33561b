"""Bad days: the database goes away, then comes back."""

from __future__ import annotations

from typing import Any
from unittest import mock

import pytest
from django.db import OperationalError

from ..conftest import ApiClient

pytestmark = pytest.mark.django_db


# The middleware drops broken connections, which would end a test's wrapping
# transaction: these run without one, as a real server does.
@pytest.mark.django_db(transaction=True)
def test_pages_say_503_clearly_when_the_database_is_down_and_recover(owner_client: Any) -> None:
    with mock.patch(
        "tiewise.network.selectors.dashboard_counts", side_effect=OperationalError("gone")
    ):
        response = owner_client.get("/")
    assert response.status_code == 503
    assert "briefly unavailable" in response.content.decode()
    assert response["Retry-After"] == "30"
    assert owner_client.get("/").status_code == 200  # the next request works again


@pytest.mark.django_db(transaction=True)
def test_the_api_returns_json_503_when_the_database_is_down(owner_api: ApiClient) -> None:
    with mock.patch("tiewise.network.selectors.filter_nodes", side_effect=OperationalError("gone")):
        response = owner_api.get("/api/v1/nodes")
    assert response.status_code == 503
    assert "unavailable" in response.json()["detail"]
    assert owner_api.get("/api/v1/nodes").status_code == 200


def test_a_fresh_sqlite_database_runs_in_wal_mode(tmp_path: Any) -> None:
    import os
    import sqlite3
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["TIEWISE_DATA_DIR"] = str(tmp_path)
    subprocess.run(
        [sys.executable, "-m", "tiewise.cli", "migrate", "--quiet"],
        env=env,
        check=True,
        timeout=120,
    )
    db = sqlite3.connect(tmp_path / "tiewise.sqlite3")
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0  # the generated key is private


def test_security_headers_are_sent(owner_client: Any) -> None:
    response = owner_client.get("/")
    csp = response["Content-Security-Policy"]
    assert (
        "script-src 'self'" in csp
        and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_an_id_too_large_for_the_database_is_a_404_not_a_crash(owner_client: Any) -> None:
    assert owner_client.get("/nodes/99999999999999999999999/").status_code == 404


def test_the_api_answers_out_of_range_ids_without_crashing(owner_api: ApiClient) -> None:
    response = owner_api.post(
        "/api/v1/nodes/bulk", {"ids": [-(10**30)], "set": {"strength": "weak"}}
    )
    # SQLite cannot even hold the number (422); PostgreSQL finds no such node (404).
    assert response.status_code in (404, 422)
    assert "detail" in response.json()
