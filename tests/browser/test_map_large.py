"""The map of a large PLN (`demo --large`, scaled down) in Chromium: groups
open to list their members, search finds people inside groups, and on a
phone the map fills the screen with the filters as a sheet on demand."""

from __future__ import annotations

from typing import Any

import pytest

from tiewise.demo_large import load_large_demo
from tiewise.network.models import Node

from .conftest import log_in, screenshot, wait_js

pytestmark = pytest.mark.browser

EMAIL = "large@tiewise.local"


def log_in_large(page: Any) -> None:
    built = load_large_demo(email=EMAIL, password="large demo 2026!", scale=0.25)
    assert built.nodes > 400
    log_in(page, EMAIL, "large demo 2026!")
    page.goto("/map/")
    wait_js(page, "window.tiewiseMap && window.tiewiseMap.state.data")


GROUPS = "window.tiewiseMap.cy.nodes().filter(n => n.data('kind') === 'group')"


def tap_biggest_group(page: Any) -> dict[str, Any]:
    """Tap the largest group with the mouse where it is drawn; its data."""
    spot = page.evaluate(
        f"""() => {{ const g = {GROUPS}.sort((a, b) => b.data('count') - a.data('count'))[0];
            const box = window.tiewiseMap.cy.container().getBoundingClientRect();
            const p = g.renderedPosition();
            return {{x: box.left + p.x, y: box.top + p.y, id: g.id(), count: g.data('count'),
                     members: g.data('member_ids'), label: g.data('label')}}; }}"""
    )
    page.mouse.click(spot["x"], spot["y"])
    return spot


def test_a_group_opens_to_list_its_members_and_each_opens_its_person(page: Any) -> None:
    log_in_large(page)
    assert page.evaluate(f"() => {GROUPS}.length") >= 3
    status = page.locator("#map-status").inner_text()
    assert "counted in groups" in status
    group = tap_biggest_group(page)
    panel = page.locator("#map-panel")
    panel.wait_for(state="visible")
    members = page.locator("#map-panel-members li button")
    members.first.wait_for()
    assert members.count() == min(group["count"], 300)
    assert f"{group['count']}" in panel.inner_text()
    names = set(Node.objects.filter(pk__in=group["members"]).values_list("name", flat=True))
    first = members.first.inner_text().split(" \u00b7 ")[0]
    assert first in names
    screenshot(page, "large-map-group-open")
    members.first.click()
    page.locator("#map-panel-title").get_by_text(first).wait_for()
    assert page.locator("#map-panel-view").is_visible()


def test_search_finds_a_person_inside_a_group_and_lists_her_first(page: Any) -> None:
    log_in_large(page)
    member_id = page.evaluate(
        f"() => {GROUPS}.sort((a, b) => b.data('count') - a.data('count'))[0].data('member_ids')[7]"
    )
    person = Node.objects.get(pk=member_id)
    # Her full name; a namesake in another group may match too.
    page.fill("#map-search", person.name)
    page.get_by_text("inside the highlighted groups").wait_for()
    highlighted = page.evaluate(
        f"() => {GROUPS}.filter(g => g.hasClass('highlight')).map(g => g.data('member_ids'))"
    )
    assert any(member_id in ids for ids in highlighted)
    tap_biggest_group(page)
    match = page.locator("#map-panel-members li button.match").first
    match.wait_for()
    assert match.inner_text().startswith(person.name)
    first = page.locator("#map-panel-members li button").first.inner_text()
    assert first.startswith(person.name), "search matches come first in the group"


def test_on_a_phone_the_map_fills_the_screen_and_the_filters_are_a_sheet(phone: Any) -> None:
    log_in_large(phone)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    controls = phone.locator("#map-controls")
    assert controls.get_attribute("open") is None, "filters are closed until asked for"
    stage = phone.locator(".map-stage").bounding_box()
    # Edge to edge, and the whole wheel on the first screen.
    assert stage["width"] == 390 and stage["height"] >= 390
    assert stage["y"] + stage["height"] <= 844
    assert not phone.locator("#map-filter-strength").is_visible()
    # The sectors' names stand outside the wheel, where the server kept the
    # people's names clear of them (as in the PDF), and all fit on screen.
    reach = phone.evaluate(
        """() => { const cy = window.tiewiseMap.cy, g = window.tiewiseMap.state.data.guides;
            const z = cy.zoom(), pan = cy.pan(), w = cy.container().clientWidth;
            return g.sectors.filter(s => !s.straddle).map(s => {
              const r = s.label_r * Math.abs(Math.sin(s.mid * Math.PI / 180));
              const long = Math.max(...s.label_lines.map(l => l.length)) * 0.55 * s.label_font;
              return [s.label_r > g.radius, pan.x - (r + long) * z, pan.x + (r + long) * z, w];
            }); }"""
    )
    assert all(outside and left >= 0 and right <= w for outside, left, right, w in reach), reach
    # A phone gets its own worksheet: fewer names, every one drawn, at least
    # 8 CSS px at the fitted zoom (the desktop's would be about 6 here).
    names = phone.evaluate(
        """() => { const m = window.tiewiseMap, z = m.cy.zoom();
            const people = m.cy.nodes().filter(n => n.data('kind') !== 'group' && n.id() !== 'ego');
            return {compact: m.state.data.compact, count: people.length,
                    shown: people.filter(n => n.data('shown_label') !== '').length,
                    px: Math.min(...people.map(n => n.data('font') * z))}; }"""
    )
    assert names["compact"] is True
    assert names["shown"] == names["count"] > 10
    assert names["px"] >= 8, names
    phone.locator("#map-controls > summary").tap()
    sheet = phone.locator("#map-form")
    sheet.wait_for(state="visible")
    box = sheet.bounding_box()
    assert box["y"] + box["height"] <= 844 + 1 and box["height"] <= 0.7 * 844 + 1
    visible = "() => window.tiewiseMap.cy.nodes(':visible').length"
    before = phone.evaluate(visible)
    phone.select_option("#map-filter-strength", "strong")
    wait_js(phone, f"({visible})() < {before}")
    screenshot(phone, "large-map-phone-sheet")
    phone.select_option("#map-filter-strength", "")
    wait_js(phone, f"({visible})() === {before}")
    phone.locator("#map-controls > summary").tap()
    sheet.wait_for(state="hidden")
    screenshot(phone, "large-map-phone")


def test_the_clusters_view_of_a_dense_pln_starts_without_its_thousands_of_lines(
    page: Any,
) -> None:
    """Tens of thousands of who-knows-whom lines make panning stutter: past
    4,000 they start hidden, the map says so, and one tick draws them."""
    import random

    from tiewise.accounts.services import user_create
    from tiewise.network.models import AlterTie, Tie

    user = user_create(email="dense@example.org", password="dense network 2026!")
    nodes = Node.objects.bulk_create(
        [Node(owner=user, name=f"Colleague {i:03d}") for i in range(300)]
    )
    Tie.objects.bulk_create([Tie(node=n, strength="weak") for n in nodes])
    rng = random.Random(5)
    pairs = set()
    while len(pairs) < 4200:
        a, b = sorted(rng.sample(range(300), 2))
        pairs.add((a, b))
    AlterTie.objects.bulk_create(
        [AlterTie(owner=user, source=nodes[a], target=nodes[b]) for a, b in pairs]
    )
    log_in(page, "dense@example.org", "dense network 2026!")
    page.goto("/map/")
    wait_js(page, "window.tiewiseMap && window.tiewiseMap.state.data")
    page.select_option("#map-layout", "force")
    wait_js(page, "window.tiewiseMap.state.data.layout === 'force'", timeout=60)
    page.get_by_text("who-knows-whom lines are hidden so the map stays quick").wait_for()
    assert not page.locator("#map-alter").is_checked()
    lines = "() => window.tiewiseMap.cy.edges('[kind = \"alter\"]:visible').length"
    assert page.evaluate(lines) == 0
    # Unticked lines are out of the graph, not hidden in it (hidden ones
    # still cost every frame).
    assert page.evaluate("() => window.tiewiseMap.cy.edges('[kind = \"alter\"]').length") == 0
    page.check("#map-alter")
    # Past 4,000 they are one layer under the nodes, not 4,200 elements.
    assert page.evaluate("() => window.tiewiseMap.state.lineLayer.drawn") == 4200
    assert page.evaluate(lines) == 0
    grey = """() => { const c = document.querySelector('canvas.map-guides');
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let n = 0; for (let i = 3; i < d.length; i += 4) { if (d[i] > 0) n++; } return n; }"""
    assert page.evaluate(grey) > 20000  # the lines are on screen
    page.evaluate("() => window.tiewiseMap.cy.zoom(window.tiewiseMap.cy.zoom() * 2)")
    page.wait_for_timeout(500)  # redrawn where the view rests
    assert page.evaluate("() => window.tiewiseMap.state.lineLayer.zoom") == page.evaluate(
        "() => window.tiewiseMap.cy.zoom()"
    )
    page.uncheck("#map-alter")
    assert page.evaluate("() => window.tiewiseMap.state.lineLayer.drawn") == 0
    assert page.evaluate(grey) < 2000


def test_a_big_clusters_view_leaves_out_the_lines_to_you_and_names_wait_for_zoom(
    page: Any,
) -> None:
    """On 700 people the clusters view draws everyone but no spoke from the
    owner to each (they hid the clusters), says so, and draws names only once
    the zoom makes them readable; the worksheet keeps its lines to you."""
    from tiewise.accounts.services import user_create
    from tiewise.network.models import AlterTie, Tie

    user = user_create(email="big@example.org", password="big network 2026!")
    nodes = Node.objects.bulk_create(
        [Node(owner=user, name=f"Colleague {i:03d}") for i in range(700)]
    )
    Tie.objects.bulk_create(
        [Tie(node=n, strength="strong" if i % 10 == 0 else "weak") for i, n in enumerate(nodes)]
    )
    AlterTie.objects.bulk_create(
        [AlterTie(owner=user, source=nodes[i], target=nodes[i + 1]) for i in range(0, 690, 2)]
    )
    log_in(page, "big@example.org", "big network 2026!")
    page.goto("/map/")
    wait_js(page, "window.tiewiseMap && window.tiewiseMap.state.data")
    spokes = "() => window.tiewiseMap.cy.edges().filter(e => e.source().id() === 'ego').length"
    assert page.evaluate(spokes) > 0  # the worksheet's strong ties keep their lines
    page.select_option("#map-layout", "force")
    wait_js(page, "window.tiewiseMap.state.data.layout === 'force'", timeout=60)
    page.get_by_text("the lines to you are left out so the clusters show").wait_for()
    assert page.evaluate("() => window.tiewiseMap.cy.nodes().length") == 701
    assert page.evaluate(spokes) == 0
    assert page.evaluate("() => window.tiewiseMap.cy.edges('[kind = \"alter\"]').length") == 345
    named = "() => window.tiewiseMap.cy.nodes().filter(n => n.style('label') !== '').length"
    fit_zoom = page.evaluate("() => window.tiewiseMap.cy.zoom()")
    font = page.evaluate("() => window.tiewiseMap.state.maxFont")
    assert fit_zoom * font < 5, (fit_zoom, font)  # fitted, 700 names are too small to read
    assert page.evaluate(named) == 0
    page.evaluate(
        "() => { const cy = window.tiewiseMap.cy; cy.zoom({level: 8 / "
        + str(font)
        + ", renderedPosition: {x: 200, y: 200}}); }"
    )
    page.wait_for_timeout(600)  # names come back once the zoom rests
    assert page.evaluate(named) > 600
