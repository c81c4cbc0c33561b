"""A newcomer signs up, quick-adds three people, bulk-edits them and sees the
dashboard change: the first slice, in a real browser."""

from __future__ import annotations

import re
from typing import Any

import pytest

from .conftest import screenshot, sign_up

pytestmark = pytest.mark.browser


def count(page: Any, testid: str) -> int:
    return int(page.get_by_test_id(testid).inner_text())


def test_sign_up_quick_add_bulk_edit_and_dashboard(page: Any) -> None:
    sign_up(page)
    page.fill("#id_profession", "Physician")
    page.fill("#id_specialty", "Emergency medicine")
    page.select_option("#id_career_stage", "early_faculty")
    page.click("text=Save profile")
    page.get_by_text("Profile saved.").wait_for()

    page.goto("/nodes/")
    for line in ("Jane Doe, strong, mentor", "Raj Patel, weak", "Mia Wong, weak, peer"):
        page.fill("#id_line", line)
        page.click(".quick-add button[type=submit]")
        name = line.split(",")[0]
        page.locator("#results").get_by_role("link", name=name).wait_for()
        # The message links to the new person too: in a long list she may be on page 3.
        assert page.get_by_role("status").get_by_role("link", name=name).is_visible()
    assert page.get_by_test_id("result-count").inner_text() == "3"

    page.goto("/")
    assert count(page, "count-weak") == 2
    assert count(page, "area-informal_community") == 0

    page.goto("/nodes/")
    page.check("#select-all")
    page.select_option("#bulk_strength", "strong")
    page.select_option("#bulk_area", "informal_community")
    page.click("text=Apply to selected")
    page.get_by_text("Updated 3 nodes.").wait_for()

    page.goto("/")
    assert count(page, "count-strong") == 3
    assert count(page, "count-weak") == 0
    assert count(page, "area-informal_community") == 3
    screenshot(page, "dashboard-after-bulk-edit")


def test_the_people_list_works_on_a_phone(phone: Any) -> None:
    sign_up(phone, email="phone@example.org")
    phone.goto("/nodes/")
    phone.fill("#id_line", "Jane Doe, strong, mentor")
    phone.click(".quick-add button[type=submit]")
    phone.locator("#results").get_by_role("link", name="Jane Doe").wait_for()
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"page is {width}px wide on a 390px phone"
    phone.click("[data-menu-toggle]")  # the phone's nav folds behind Menu
    phone.get_by_role("link", name="Dashboard").click()
    phone.wait_for_url(re.compile(r"/$"))
    screenshot(phone, "phone-dashboard")


def test_keyboard_reaches_quick_add_and_submits_it(page: Any) -> None:
    sign_up(page, email="kb@example.org")
    page.goto("/nodes/")
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "id_line":
            break
    else:
        pytest.fail("Tab never reached the quick-add field")
    page.keyboard.type("Keyboard Kim, weak")
    page.keyboard.press("Enter")
    page.locator("#results").get_by_role("link", name="Keyboard Kim").wait_for()
