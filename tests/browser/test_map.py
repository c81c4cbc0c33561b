"""The demo map, as Cytoscape draws it in Chromium."""

from __future__ import annotations

import math
from typing import Any

import pytest

from tiewise.demo import DEMO_PASSWORD, load_demo
from tiewise.network.models import AlterTie, Node

from .conftest import log_in, screenshot, wait_js

pytestmark = pytest.mark.browser


def log_in_demo(page: Any) -> None:
    load_demo()
    log_in(page, "demo@tiewise.local", DEMO_PASSWORD)


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


CHEN = "window.tiewiseMap.cy.nodes().filter(n => n.data('label') === 'Dr. Maria Chen')[0]"


def chen_position(page: Any) -> dict[str, float]:
    return page.evaluate(f"() => {CHEN}.position()")


def drag_chen(page: Any, dx: float, dy: float) -> None:
    """Drag Dr. Maria Chen with the mouse, as a user would."""
    start = page.evaluate(
        f"""() => {{ const b = window.tiewiseMap.cy.container().getBoundingClientRect();
            const p = {CHEN}.renderedPosition(); return {{x: b.left + p.x, y: b.top + p.y}}; }}"""
    )
    page.mouse.move(start["x"], start["y"])
    page.mouse.down()
    for step in range(1, 11):
        page.mouse.move(start["x"] + dx * step / 10, start["y"] + dy * step / 10)
    page.mouse.up()


def test_a_drag_stays_in_its_ring_and_half_is_kept_and_can_be_undone(page: Any) -> None:
    log_in_demo(page)
    wait_for_map(page)
    region = page.evaluate(f"() => {CHEN}.data('region')")
    home = chen_position(page)
    assert home["x"] < 0  # a personal tie, on the left
    # Dragged far right and down, across the divider: she stays in her ring
    # and on the personal half, at the nearest spot she may take.
    drag_chen(page, 500, 300)
    moved = chen_position(page)
    r = math.hypot(moved["x"], moved["y"])
    assert moved["x"] <= 0.5
    assert region["inner"] - 0.5 <= r <= region["outer"] + 0.5
    assert (round(moved["x"]), round(moved["y"])) != (round(home["x"]), round(home["y"]))
    assert page.locator("#map-undo").is_enabled()
    page.wait_for_timeout(900)  # the save is debounced
    page.reload()
    wait_js(page, "window.tiewiseMap && window.tiewiseMap.cy.nodes().length > 1")
    kept = chen_position(page)
    assert abs(kept["x"] - moved["x"]) < 1 and abs(kept["y"] - moved["y"]) < 1
    # A second move, undone with Ctrl-Z, puts her back where the first left her.
    drag_chen(page, 0, -60)
    assert chen_position(page) != kept
    page.keyboard.press("Control+z")
    back = chen_position(page)
    assert abs(back["x"] - kept["x"]) < 1 and abs(back["y"] - kept["y"]) < 1
    page.click("#map-relayout")
    wait_js(page, f"!{CHEN}.data('pinned')")
    fresh = chen_position(page)
    assert abs(fresh["x"] - home["x"]) < 1 and abs(fresh["y"] - home["y"]) < 1
    # Undo of a first drag lets the map place her again, after a reload too.
    drag_chen(page, 40, 40)
    page.wait_for_timeout(900)
    page.click("#map-undo")
    page.get_by_text("back to where the map puts them").wait_for()
    assert page.locator("#map-undo").is_disabled()
    page.reload()
    wait_js(page, "window.tiewiseMap && window.tiewiseMap.cy.nodes().length > 1")
    assert not page.evaluate(f"() => {CHEN}.data('pinned')")
    again = chen_position(page)
    assert abs(again["x"] - home["x"]) < 1 and abs(again["y"] - home["y"]) < 1


def test_colour_by_offers_every_view_with_its_own_legend(page: Any) -> None:
    log_in_demo(page)
    wait_for_map(page)
    options = page.locator("#map-color option").all_inner_texts()
    assert options[:5] == ["Role", "Strength", "Area", "Sector", "Reach"]
    assert options[5].startswith("Cluster")
    for value, word in [
        ("strength", "Weak"),
        ("area", "Informal community"),
        ("cluster", "Cluster 1"),
    ]:
        page.select_option("#map-color", value)
        legend = page.locator("#map-legend-colors")
        assert word in legend.inner_text()
        colours = page.evaluate(
            "() => new Set(window.tiewiseMap.cy.nodes().filter(n => n.id() !== 'ego')"
            ".map(n => n.style('background-color'))).size"
        )
        assert colours >= 2, f"colour by {value} tells nodes apart"
    screenshot(page, "demo-map-cluster")


def test_the_map_is_usable_on_a_phone(phone: Any) -> None:
    log_in_demo(phone)
    wait_for_map(phone)
    assert phone.evaluate("window.tiewiseMap.cy.userZoomingEnabled()")
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    screenshot(phone, "demo-map-phone")
