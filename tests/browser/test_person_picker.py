"""Person pickers are comboboxes a keyboard and a screen reader can use:
typed letters ask the server, arrow keys move through the matches, Enter
picks, and the field says what it is and what is chosen."""

from __future__ import annotations

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
