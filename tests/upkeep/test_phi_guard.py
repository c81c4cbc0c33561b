"""Interaction notes that look like patient data: warned, never blocked."""

from __future__ import annotations

from typing import Any

import pytest

from tiewise.network.models import Node
from tiewise.upkeep.models import Interaction

from ..conftest import ApiClient

pytestmark = pytest.mark.django_db


def test_logging_a_note_with_a_record_number_saves_and_warns(owner_client: Any, jane: Node) -> None:
    response = owner_client.post(
        f"/nodes/{jane.pk}/log/",
        {"date": "2024-05-01", "channel": "phone", "kind": "advice_sought", "direction": "received",
         "quality": 4, "note": "Asked about pt MRN 00451234", "nodes": [jane.pk]},
        follow=True,
    )  # fmt: skip
    assert Interaction.objects.get().note == "Asked about pt MRN 00451234"
    assert "patient information" in response.content.decode()


def test_the_api_returns_the_warning_with_the_saved_interaction(
    owner_api: ApiClient, jane: Node
) -> None:
    body = owner_api.post(
        "/api/v1/interactions", {"nodes": [jane.pk], "note": "DOB: 12/03/1955"}
    ).json()
    assert body["warnings"] and "patient information" in body["warnings"][0]


def test_pages_carry_the_patterns_for_the_browser_check(owner_client: Any, jane: Node) -> None:
    import html
    import json

    page = owner_client.get("/log/").content.decode()
    raw = page.split('data-phi-patterns="', 1)[1].split('"', 1)[0]
    labels = [p["label"] for p in json.loads(html.unescape(raw))]
    assert "a medical record number" in labels
    assert "data-phi-check" in page
