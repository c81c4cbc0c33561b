"""A newcomer writes a goal, names a prospect and plans an action picked
from a strategy, through the real pages in Chromium."""

from __future__ import annotations

import re
from typing import Any

import pytest

from .conftest import screenshot, sign_up

pytestmark = pytest.mark.browser


def test_goal_prospect_and_action_from_a_strategy(page: Any) -> None:
    sign_up(page, email="plan@example.org")
    page.get_by_role("link", name="Plan", exact=True).click()
    page.wait_for_url(re.compile(r"/plan/$"))

    page.get_by_role("link", name="Add a goal").click()
    page.fill("#id_title", "Start a research collaboration")
    page.fill("#id_measurable", "One shared abstract submitted")
    page.click("text=Save goal")
    page.get_by_text("Goal added: Start a research collaboration.").wait_for()
    page.get_by_text("Add a target date").first.wait_for()  # saved, with a nudge

    page.goto("/plan/prospects/new/")
    page.fill("#id_name", "Dr. Noor Haddad")
    page.select_option("#id_goal", label="Start a research collaboration")
    page.fill("#id_how_to_reach", "Ask at the regional meeting")
    page.click("text=Save prospect")
    page.get_by_text("Dr. Noor Haddad is on your five-to-add list.").wait_for()
    page.get_by_role("button", name="I reached out").click()
    page.get_by_test_id("prospect-status").filter(has_text="Reached out").wait_for()

    page.goto("/plan/actions/new/")
    page.select_option("#id_strategy", "journal_club")
    title = page.input_value("#id_title")
    assert title == "Pick an article and invite 4 people to discuss it online"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", page.input_value("#id_due_date"))
    assert "Discussing one article" in page.inner_text("#strategy-description")
    page.select_option("#id_strategy", "weak_ties")  # an untouched title follows the strategy
    assert page.input_value("#id_title") == "Share a useful resource with 3 weak ties"
    page.click("text=Save action")
    page.get_by_text("Action added: Share a useful resource with 3 weak ties.").wait_for()

    page.get_by_role("link", name="← Your plan").click()
    assert page.get_by_test_id("goal-count").inner_text() == "1"
    assert page.get_by_test_id("prospect-count").inner_text() == "1"
    assert page.get_by_test_id("action-count").inner_text() == "1"
    screenshot(page, "plan-overview")


def test_the_plan_and_worksheet_fit_a_phone(phone: Any) -> None:
    sign_up(phone, email="planphone@example.org")
    phone.goto("/plan/actions/new/?strategy=conference_backchannel")
    assert phone.input_value("#id_title").startswith("Follow the next conference hashtag")
    phone.click("text=Save action")
    for url in ("/plan/", "/worksheet"):
        phone.goto(url)
        width = phone.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"{url} is {width}px wide on a 390px phone"
    screenshot(phone, "phone-worksheet")
