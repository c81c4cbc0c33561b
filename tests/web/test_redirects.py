"""After a form, Tiewise returns to the page the user came from, never to
another site."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "target",
    ["//evil.example/", "/\\evil.example/", "https://evil.example/", "javascript:alert(1)"],
)
def test_an_offsite_next_is_ignored_everywhere(owner_client: Any, target: str) -> None:
    quick = owner_client.post("/nodes/quick-add/", {"line": "A", "next": target})
    assert quick["Location"] == "/nodes/"
    log = owner_client.post("/log/line/", {"line": "nonsense", "next": target})
    assert "evil" not in log["Location"] and not log["Location"].startswith("javascript")
    plan = owner_client.post("/plan/prospects/quick/", {"lines": "Dr. Lee", "next": target})
    assert plan["Location"] == "/plan/prospects/"


def test_a_local_next_is_followed(owner_client: Any) -> None:
    response = owner_client.post(
        "/plan/prospects/quick/", {"lines": "Dr. Lee", "next": "/plan/#prospects"}
    )
    assert response["Location"] == "/plan/#prospects"
