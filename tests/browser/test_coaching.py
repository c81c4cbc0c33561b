"""A coachee invites a coach by email, the coach accepts, reads the shared
map (without the private person) and comments on a goal; the coachee sees
the comment on her goal page."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail

from tiewise.accounts.models import User
from tiewise.network import services as network_services
from tiewise.planning import services as planning_services

from .conftest import screenshot, sign_up, wait_js, watch_csp

pytestmark = pytest.mark.browser


def test_invite_accept_comment_and_the_coachee_sees_it(
    page: Any, browser: Any, live_server: Any
) -> None:
    sign_up(page, email="ana@example.org")
    ana = User.objects.get(email="ana@example.org")
    network_services.node_create(owner=ana, data={"name": "Jane Doe", "strength": "strong"})
    network_services.node_create(
        owner=ana, data={"name": "Secret Sam", "strength": "strong", "private": True}
    )
    goal = planning_services.goal_create(owner=ana, data={"title": "Find a sponsor"})

    page.goto("/coaching/")
    page.fill("#id_email", "ben@example.org")
    page.click("text=Send the invitation")
    page.get_by_text("Invitation sent to ben@example.org.").wait_for()
    link = re.search(r"http://\S+(/coaching/accept/\S+/)", mail.outbox[-1].body)
    assert link, mail.outbox[-1].body

    context = browser.new_context(viewport={"width": 390, "height": 844}, base_url=live_server.url)
    coach = context.new_page()
    coach.set_default_timeout(15000)
    violations = watch_csp(coach)
    try:
        sign_up(coach, email="ben@example.org")
        coach.goto(link.group(1))
        coach.click("text=Accept and start coaching")
        coach.get_by_text("You now coach").wait_for()
        # A new coach lands on the caseload and opens the coachee from it.
        assert coach.url.endswith("/coaching/caseload/")
        # On a phone each coachee is a card: every figure in view, named.
        network = coach.locator("[data-testid=caseload-row] td[data-label=Network]")
        box = network.bounding_box()
        assert box is not None and box["x"] + box["width"] <= 390, box
        assert "ties" in network.inner_text()
        coach.locator("table a[href^='/coaching/coachees/']").first.click()

        coach.get_by_role("link", name="Map", exact=True).last.click()
        wait_js(coach, "window.tiewiseMap && window.tiewiseMap.cy.nodes().length > 1")
        labels = coach.evaluate("() => window.tiewiseMap.cy.nodes().map(n => n.data('label'))")
        assert "Jane Doe" in labels and "Secret Sam" not in labels
        assert coach.locator("#map-relayout").is_hidden()

        coach.get_by_role("link", name="Goals and plan").click()
        coach.fill(f"#c-goal-{goal.pk}", "Who in your department could sponsor you?")
        coach.click(f"#goal-{goal.pk} button[type=submit]")
        coach.get_by_text("Comment added.").wait_for()
        width = coach.evaluate("document.documentElement.scrollWidth")
        assert width <= 390
        screenshot(coach, "coaching-coach-plan-phone")
    finally:
        context.close()
    assert not violations, violations

    page.goto(f"/plan/goals/{goal.pk}/")
    page.get_by_text("Who in your department could sponsor you?").wait_for()
    screenshot(page, "coaching-coachee-sees-comment")
