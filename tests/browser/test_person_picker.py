"""Person pickers are comboboxes a keyboard and a screen reader can use:
typed letters ask the server, arrow keys move through the matches, Enter
picks, and the field says what it is and what is chosen."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tiewise.demo import DEMO_PASSWORD, load_demo
from tiewise.planning.models import Goal

from .conftest import log_in, wait_js

pytestmark = pytest.mark.browser


def test_a_goals_supporters_are_picked_with_the_keyboard_alone(page: Any) -> None:
    load_demo()
    log_in(page, "demo@tiewise.local", DEMO_PASSWORD)
    page.goto("/plan/goals/new/")
    page.fill("#id_title", "Find a research mentor abroad")
    box = page.get_by_role("combobox", name="People who support this goal")
    box.focus()
    assert box.get_attribute("aria-describedby"), "the hint is read with the field"
    page.keyboard.type("chen")
    option = page.get_by_role("option", name="Dr. Maria Chen")
    option.wait_for()
    assert box.get_attribute("aria-expanded") == "true"
    # The active match is announced through aria-activedescendant.
    active = box.get_attribute("aria-activedescendant")
    assert active and page.locator(f"#{active}").inner_text().startswith("Dr. Maria Chen")
    page.keyboard.press("Enter")
    page.keyboard.type("okafor")
    # The letters typed after the first pick search afresh ("okafor", not
    # "chenokafor"), and the matches narrow to him.
    assert box.input_value() == "okafor"
    wait_js(page, "(document.querySelector('.ts-dropdown [role=option]') || {}).textContent"
            " && document.querySelector('.ts-dropdown [role=option]').textContent"
            ".startsWith('Dr. David Okafor')")  # fmt: skip
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    chosen = page.locator(".ts-control .item").all_inner_texts()
    assert [c.split("\n")[0] for c in chosen] == ["Dr. Maria Chen", "Dr. David Okafor"], chosen
    page.get_by_role("button", name="Save goal").click()
    page.get_by_text("Goal added: Find a research mentor abroad.").wait_for()
    goal = Goal.objects.get(title="Find a research mentor abroad")
    assert set(goal.nodes.values_list("name", flat=True)) == {"Dr. Maria Chen", "Dr. David Okafor"}


def test_a_late_answer_does_not_reopen_a_list_the_user_closed(page: Any) -> None:
    """On a slow server the matches for what was typed can arrive after the
    user picked and pressed Escape; the list must stay shut, not cover the
    form's Save button."""
    load_demo()
    log_in(page, "demo@tiewise.local", DEMO_PASSWORD)
    held: list[Any] = []

    def hold_okafor(route: Any) -> None:
        if "q=okafor" in route.request.url:
            held.append(route)
        else:
            route.continue_()

    page.route(re.compile(r"/people/search/"), hold_okafor)
    page.goto("/plan/goals/new/")
    page.fill("#id_title", "Learn point-of-care ultrasound")
    box = page.get_by_role("combobox", name="People who support this goal")
    box.focus()
    page.keyboard.type("okafor")
    # The names already loaded narrow at once; the server's answer is held.
    wait_js(page, "(document.querySelector('.ts-dropdown [role=option]') || {}).textContent"
            " && document.querySelector('.ts-dropdown [role=option]').textContent"
            ".startsWith('Dr. David Okafor')")  # fmt: skip
    tries = 50
    while not held and tries:
        page.wait_for_timeout(100)
        tries -= 1
    assert held, "the search for 'okafor' reached the server"
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    assert box.get_attribute("aria-expanded") == "false"
    held[0].continue_()
    wait_js(page, "!document.querySelector('.ts-wrapper.loading')")
    page.wait_for_timeout(300)
    assert box.get_attribute("aria-expanded") == "false", "the late answer reopened the list"
    page.get_by_role("button", name="Save goal").click(timeout=3000)
    page.get_by_text("Goal added: Learn point-of-care ultrasound.").wait_for()
    goal = Goal.objects.get(title="Learn point-of-care ultrasound")
    assert list(goal.nodes.values_list("name", flat=True)) == ["Dr. David Okafor"]
