"""Words people use: no page of the owner or of the coach shows a raw
vocabulary code (`professional_identity`, `advice_sought`) or the internal
word "absent" for a prospect, on the demo network."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

import pytest
from django.test import Client

from tiewise.accounts.models import User
from tiewise.coaching.demo import COACH_EMAIL
from tiewise.coaching.models import CoachingRelationship
from tiewise.core.vocab import VOCABULARIES
from tiewise.demo import load_demo

from ..conftest import sign_in

#: Every code that is not a word on its own ("professional_identity", not "peer").
CODES = sorted({code for vocab in VOCABULARIES.values() for code in vocab if "_" in code})


class _Text(HTMLParser):
    """The visible text of a page: no tags, attributes, scripts or styles."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in ("script", "style", "template"):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "template") and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def visible(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return " ".join(parser.parts)


OWNER_PAGES = ["/", "/nodes/", "/nodes/knows/", "/map/table/", "/insights/", "/plan/",
               "/plan/prospects/", "/plan/actions/", "/plan/reflection/", "/worksheet", "/due/",
               "/upkeep/", "/log/", "/coaching/", "/snapshots/", "/learning/",
               "/learning/questions/", "/learning/resources/", "/learning/clubs/"]  # fmt: skip


@pytest.fixture
def demo(db: Any) -> User:
    load_demo()
    return User.objects.get(email="demo@tiewise.local")


def _leaks(text: str) -> list[str]:
    found = [code for code in CODES if re.search(rf"\b{re.escape(code)}\b", text)]
    if re.search(r"\babsent\b", text, re.I):
        found.append("absent")
    return found


def test_no_owner_page_shows_a_raw_code(demo: User) -> None:
    client = sign_in(Client(), demo)
    node = demo.nodes.filter(tie__strength="strong").first()
    assert node is not None
    leaks = {}
    for path in [*OWNER_PAGES, f"/nodes/{node.pk}/"]:
        response = client.get(path)
        assert response.status_code == 200, path
        found = _leaks(visible(response.content.decode()))
        if found:
            leaks[path] = found
    assert leaks == {}


def test_no_coach_page_shows_a_raw_code(demo: User) -> None:
    coach = User.objects.get(email=COACH_EMAIL)
    rel = CoachingRelationship.objects.get(coach=coach, coachee=demo)
    client = sign_in(Client(), coach)
    leaks = {}
    base = f"/coaching/coachees/{rel.pk}"
    for path in ["/coaching/caseload/", f"{base}/", f"{base}/people/", f"{base}/plan/",
                 f"{base}/agenda/", f"{base}/insights/"]:  # fmt: skip
        response = client.get(path)
        if response.status_code == 404:
            continue  # a page this relationship does not share
        assert response.status_code == 200, path
        found = _leaks(visible(response.content.decode()))
        if found:
            leaks[path] = found
    assert leaks == {}
