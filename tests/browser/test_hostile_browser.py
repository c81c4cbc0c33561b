"""Hostile names in a real browser: the lists, the node pages, the Cytoscape
map and its details panel, insights and the worksheet show them as text, and
no alert, confirm or prompt dialog ever fires (the page fixture also fails
on any Content-Security-Policy violation or page error)."""

from __future__ import annotations

from typing import Any

import pytest

from tiewise.accounts.services import user_create
from tiewise.network import services as network
from tiewise.planning import services as planning

from .conftest import log_in, wait_js

pytestmark = pytest.mark.browser

PASSWORD = "a long pass phrase 9"
HOSTILE = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "=cmd|' /C calc'!A0",
    "+1+1",
    "@SUM(1)",
    "Long " + "x" * 190,
    "\u202egnp.exe",
    "a\x00b",
    "Dr Zoë 🩺👩🏽‍⚕️",
    "'\";--",
    "<svg onload=confirm(1)>",
    "<iframe src=javascript:prompt(1)>",
]


def _hostile_pln() -> tuple[Any, list[tuple[int, str]]]:
    user = user_create(
        email="ana@example.org", password=PASSWORD, display_name='"><img src=x onerror=alert(1)>'
    )
    nodes = []
    for i, name in enumerate(HOSTILE):
        node = network.node_create(
            owner=user,
            data={"name": name, "strength": "strong" if i % 2 else "weak", "organisation": name,
                  "notes": name, "tags": [name.replace(",", " ")[:60]], "roles": ["mentor"],
                  "areas": ["expertise"], "modes": ["personal" if i % 2 else "technology"]},
        )  # fmt: skip
        nodes.append((node.pk, node.name))
    for (a, _), (b, _) in zip(nodes, nodes[1:], strict=False):
        network.alter_tie_create(owner=user, source=a, target=b)
    goal = planning.goal_create(owner=user, data={"title": HOSTILE[0], "plan": HOSTILE[1]})
    planning.action_create(owner=user, data={"title": HOSTILE[3], "goal": goal.pk})
    planning.prospect_create(owner=user, data={"name": HOSTILE[12], "why": HOSTILE[2]})
    return user, nodes


def test_hostile_names_never_run_as_script_in_the_browser(page: Any) -> None:
    _user, nodes = _hostile_pln()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(f"{d.type}: {d.message}"), d.dismiss()))

    log_in(page, "ana@example.org", PASSWORD)

    page.goto("/nodes/")
    listed = page.locator("table").inner_text()
    assert "<script>alert(1)</script>" in listed, "the name shows as text"
    for node_id, name in nodes[:4]:
        page.goto(f"/nodes/{node_id}/")
        assert page.locator("h1").first.inner_text().startswith(name.strip())

    page.goto("/map/")
    wait_js(page, "window.tiewiseMap && window.tiewiseMap.cy.nodes().length > 1")
    for node_id, name in nodes:
        title = page.evaluate(
            """(id) => { const cy = window.tiewiseMap.cy;
                const n = cy.nodes().filter(x => x.data('node_id') === id)[0];
                n.emit('tap');
                return document.getElementById('map-panel-title').textContent; }""",
            node_id,
        )
        assert title == name or title == name.replace("\u202e", ""), (node_id, title)
    assert page.locator("#map-panel-details").inner_text()  # the panel is filled, as text
    assert (
        page.evaluate(
            "() => document.querySelectorAll('#map-panel img, #map-panel svg[onload]').length"
        )
        == 0
    )

    for url in ("/insights/", "/worksheet", "/plan/"):
        page.goto(url)
        page.wait_for_load_state("load")

    page.wait_for_timeout(200)  # let any late handler (onerror, onload) run
    assert not dialogs, dialogs
