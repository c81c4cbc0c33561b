"""`tiewise demo --large`, scaled down: built through the import path,
deterministic, and it says what it built."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command

from tiewise.accounts.models import User
from tiewise.network.models import Node
from tiewise.transfer.models import ImportBatch
from tiewise.upkeep import selectors as upkeep_selectors

pytestmark = pytest.mark.django_db


def build() -> str:
    out = StringIO()
    call_command("demo", "--large", "--scale", "0.05", "--email", "big@tiewise.local", stdout=out)
    return out.getvalue()


def test_the_large_demo_imports_three_sources_and_prints_what_it_built(db: Any) -> None:
    printed = build()
    owner = User.objects.get(email="big@tiewise.local")
    batches = ImportBatch.objects.filter(owner=owner)
    assert sorted(batches.values_list("format", flat=True)) == ["linkedin", "medline", "twitter"]
    assert set(batches.values_list("status", flat=True)) == {"committed"}
    assert "LinkedIn Connections.csv: 75 connections" in printed
    assert "X following.js: 15 follows" in printed
    assert "Log in as big@tiewise.local" in printed
    nodes = Node.objects.filter(owner=owner)
    assert nodes.filter(name="Dr. Maria Chen").exists()  # the hand-curated core
    assert nodes.filter(tags__contains="from-medline").count() >= 15
    # Imported ties are not due: only the curated core asks for attention.
    due = {i.node_id for i in upkeep_selectors.due_items(owner) if i.type == "tie"}
    assert due <= set(nodes.exclude(tags__contains="from-").values_list("pk", flat=True))


def test_the_large_demo_is_the_same_every_time(db: Any) -> None:
    build()
    first = sorted(
        Node.objects.filter(owner__email="big@tiewise.local").values_list("name", flat=True)
    )
    build()
    again = sorted(
        Node.objects.filter(owner__email="big@tiewise.local").values_list("name", flat=True)
    )
    assert first == again
