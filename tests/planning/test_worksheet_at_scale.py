"""A coach prints the worksheet of a 3,000-tie PLN: it takes at most one
page more than the 40-tie demo's, and names the people who matter."""

from __future__ import annotations

import io
import random
import re

import pypdf
import pytest

from tiewise.accounts.models import User
from tiewise.demo import load_demo
from tiewise.network.models import Node, Tie
from tiewise.planning.worksheet import worksheet_pdf


def _pages(user: User) -> tuple[int, str]:
    reader = pypdf.PdfReader(io.BytesIO(worksheet_pdf(user, "a4")))
    return len(reader.pages), "\n".join(p.extract_text() or "" for p in reader.pages)


@pytest.mark.django_db
def test_a_3000_tie_worksheet_prints_in_at_most_one_page_more_than_the_demo() -> None:
    load_demo(email="demo@example.org", password="demo pass 2026!")
    demo = User.objects.get(email="demo@example.org")
    demo_pages, _ = _pages(demo)

    big = User.objects.create_user(email="big@example.org", password="big pass 2026!")
    rng = random.Random(9)
    nodes = Node.objects.bulk_create(
        [Node(owner=big, name=f"Dr Colleague {i:04d}") for i in range(3000)], batch_size=1000
    )
    Tie.objects.bulk_create(
        [
            Tie(
                node=node,
                strength="strong" if i < 25 else "weak",
                roles=["mentor"] if i == 3 else ["sponsor"] if i == 4 else [],
                areas=[rng.choice(["academic", "expertise", "informal_community"])],
                modes=[rng.choice(["personal", "technology"])] if i % 3 else [],
            )
            for i, node in enumerate(nodes)
        ],
        batch_size=1000,
    )
    big_pages, text = _pages(big)
    assert big_pages <= demo_pages + 1, (big_pages, demo_pages)
    # The mentor and the sponsor are named; the rest are counted in groups.
    assert "Dr Colleague 0003" in text and "Dr Colleague 0004" in text
    assert re.search(r"Groups on the map \(2,9\d\d people\)", text), "counts read 2,981, not 2981"
    assert re.search(r"\d{3} weak ties · Academic · personal", text)
