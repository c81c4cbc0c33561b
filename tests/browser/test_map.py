"""The demo map, as Cytoscape draws it in Chromium."""

from __future__ import annotations

from typing import Any

import pytest

from tiewise.demo import DEMO_PASSWORD, load_demo
from tiewise.network.models import AlterTie, Node

from .conftest import screenshot, wait_js

pytestmark = pytest.mark.browser


def log_in_demo(page: Any) -> None:
    load_demo()
    page.goto("/accounts/login/")
    page.fill("input[name=login]", "demo@tiewise.local")
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("form button[type=submit]")
    page.wait_for_url("**/")


def wait_for_map(page: Any) -> None:
    page.goto("/map/")
    wait_js(page, "window.tiewiseMap && window.tiewiseMap.cy.nodes().length > 1")


def test_the_demo_map_draws_every_node_and_tie_with_the_right_line_styles(page: Any) -> None:
    log_in_demo(page)
    wait_for_map(page)
    nodes = Node.objects.filter(owner__email="demo@tiewise.local").select_related("tie")
    counts = page.evaluate(
        """() => { const cy = window.tiewiseMap.cy;
        return { nodes: cy.nodes().length,
                 egoEdges: cy.edges().filter(e => e.source().id() === 'ego').length,
                 alterEdges: cy.edges().filter(e => e.source().id() !== 'ego').length,
                 styles: cy.edges().filter(e => e.source().id() === 'ego').map(
                    e => [e.target().data('strength'), e.style('line-style')]) }; }"""
    )
    prospects = sum(1 for n in nodes if n.tie.strength == "absent")
    assert counts["nodes"] == len(nodes) + 1  # plus the owner
    assert counts["egoEdges"] == len(nodes) - prospects  # prospects have no line
    assert (
        counts["alterEdges"] == AlterTie.objects.filter(owner__email="demo@tiewise.local").count()
    )
    styles = {tuple(s) for s in counts["styles"]}
    # Weak ties are dots drawn as short round-capped dashes with wide gaps, in
    # screen pixels, so they still look dotted when the map is zoomed out.
    assert styles == {("strong", "solid"), ("weak", "dashed")}
    looks = page.evaluate(
        """() => { const cy = window.tiewiseMap.cy; const z = cy.zoom();
        const e = cy.edges('[line_style = "dotted"]')[0];
        const p = e.pstyle('line-dash-pattern').pfValue.map(v => v * z);
        return { dash: p[0], gap: p[1], width: parseFloat(e.style('width')) * z }; }"""
    )
    assert looks["gap"] >= 2 * looks["dash"] and looks["gap"] >= 4  # visible gaps, in pixels
    assert looks["width"] >= 1.5
    page.evaluate("() => window.tiewiseMap.cy.zoom(window.tiewiseMap.cy.zoom() / 3)")
    page.wait_for_timeout(300)
    zoomed = page.evaluate(
        """() => { const cy = window.tiewiseMap.cy; const z = cy.zoom();
        const e = cy.edges('[line_style = "dotted"]')[0];
        return e.pstyle('line-dash-pattern').pfValue[1] * z; }"""
    )
    assert zoomed >= 4, "the dots keep their gaps when zoomed out"
    screenshot(page, "demo-map")


def test_personal_ties_sit_left_and_technology_ties_right(page: Any) -> None:
    log_in_demo(page)
    wait_for_map(page)
    sides = page.evaluate(
        """() => window.tiewiseMap.cy.nodes().filter(n => n.id() !== 'ego').map(
             n => [n.data('modes').join(','), n.position('x')])"""
    )
    assert all(x < 0 for modes, x in sides if modes == "personal")
    assert all(x > 0 for modes, x in sides if modes == "technology")


def test_filters_hide_nodes_and_a_click_opens_the_panel(page: Any) -> None:
    log_in_demo(page)
    wait_for_map(page)
    visible = "() => window.tiewiseMap.cy.nodes(':visible').filter(n => n.id() !== 'ego').length"
    before = page.evaluate(visible)
    strong = Node.objects.filter(owner__email="demo@tiewise.local", tie__strength="strong").count()
    page.select_option("#map-filter-strength", "strong")
    wait_js(page, f"({visible})() === {strong}")
    assert strong < before
    page.select_option("#map-filter-strength", "")
    page.fill("#map-search", "Priya")
    wait_js(page, "window.tiewiseMap.cy.nodes('.highlight').length === 1")
    page.evaluate(
        """() => { const n = window.tiewiseMap.cy.nodes().filter(n => n.data('label') === 'Dr. Priya Nair')[0];
        n.emit('tap'); }"""
    )
    panel = page.locator("#map-panel")
    panel.wait_for(state="visible")
    assert "Dr. Priya Nair" in panel.inner_text()
    assert page.locator("#map-panel-log").get_attribute("href").endswith("#log")
    page.keyboard.press("Escape")
    panel.wait_for(state="hidden")


def test_dragging_keeps_a_position_and_relayout_forgets_it(page: Any) -> None:
    log_in_demo(page)
    wait_for_map(page)
    page.evaluate(
        """() => { const n = window.tiewiseMap.cy.nodes().filter(n => n.data('label') === 'Dr. Maria Chen')[0];
        n.position({x: 123, y: 456}); n.emit('dragfree'); }"""
    )
    page.wait_for_timeout(900)
    page.reload()
    wait_js(page, "window.tiewiseMap && window.tiewiseMap.cy.nodes().length > 1")
    pos = page.evaluate(
        """() => window.tiewiseMap.cy.nodes().filter(n => n.data('label') === 'Dr. Maria Chen')[0].position()"""
    )
    assert (round(pos["x"]), round(pos["y"])) == (123, 456)
    page.click("#map-relayout")
    wait_js(
        page,
        "Math.round(window.tiewiseMap.cy.nodes().filter(n => n.data('label') === 'Dr. Maria Chen')[0].position().x) !== 123",
    )


def test_the_map_is_usable_on_a_phone(phone: Any) -> None:
    log_in_demo(phone)
    wait_for_map(phone)
    assert phone.evaluate("window.tiewiseMap.cy.userZoomingEnabled()")
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    screenshot(phone, "demo-map-phone")
