"""axe-core on every main page: no serious or critical violations."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tiewise.demo import DEMO_PASSWORD, load_demo
from tiewise.network.models import Node

from .conftest import wait_js

pytestmark = pytest.mark.browser

PAGES = [
    "/", "/nodes/", "/nodes/new/", "/map/", "/map/table/", "/insights/", "/profile/",
    "/settings/tokens/", "/plan/", "/due/", "/import/", "/export/", "/coaching/", "/worksheet",
]  # fmt: skip


#: axe-core is a test tool: it comes from npm's dev dependencies and never
#: ships in the static files.
AXE = Path(__file__).resolve().parents[2] / "frontend" / "node_modules" / "axe-core" / "axe.min.js"


def axe_violations(page: Any) -> list[str]:
    # Evaluated by the test driver, not loaded by the page: the page's CSP
    # (no inline script) stays as strict as in production.
    page.evaluate(AXE.read_text())
    result = page.evaluate(
        """async () => { const r = await axe.run(document, {resultTypes: ['violations']});
        return r.violations.filter(v => ['serious', 'critical'].includes(v.impact))
          .map(v => v.id + ': ' + v.help + ' (' + v.nodes.length + ') '
               + v.nodes.slice(0, 2).map(n => n.target.join(' ')).join(' | ')); }"""
    )
    return list(result)


def test_main_pages_have_no_serious_accessibility_violations(page: Any) -> None:
    load_demo()
    page.goto("/accounts/login/")
    assert not axe_violations(page), "login page"
    page.fill("input[name=login]", "demo@tiewise.local")
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("form button[type=submit]")
    page.wait_for_url("**/")
    node = Node.objects.filter(owner__email="demo@tiewise.local").first()
    assert node is not None
    problems: dict[str, list[str]] = {}
    for url in [*PAGES, node.get_absolute_url()]:
        response = page.goto(url)
        if response is None or response.status == 404:
            continue  # a page of a feature this build does not have
        assert response.status == 200, url
        if url == "/map/":
            wait_js(page, "window.tiewiseMap && window.tiewiseMap.cy.nodes().length > 1")
        found = axe_violations(page)
        if found:
            problems[url] = found
    assert not problems, problems
