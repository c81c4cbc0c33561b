"""The triage inbox in a browser: filter, select all matching across pages,
add them in one keystroke, then a shift-click range left out."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.transfer.conftest import staged_batch
from tiewise.accounts.models import User
from tiewise.network.models import Node

from .conftest import screenshot, sign_up, wait_js

pytestmark = pytest.mark.browser


def test_select_all_matching_decide_and_add_then_a_shift_click_range(page: Any) -> None:
    sign_up(page)
    batch = staged_batch(User.objects.get(email="ana@example.org"), 300)
    matching = batch.records.filter(has_email=False).count()
    page.goto(f"/import/{batch.pk}/?has_email=no")
    assert page.get_by_test_id("match-count").inner_text() == str(matching)

    page.check("#select-all")
    page.get_by_text(f"Select all {matching} matching records").wait_for()
    page.check("#scope-matching")
    wait_js(
        page,
        f"document.querySelector('[data-selected-count]').textContent === 'All {matching} matching selected'",
    )
    page.select_option("#bulk_area", "expertise")
    page.locator("body").press("w")  # the shortcut for "Add as weak ties"
    page.get_by_text(f"{matching} added, {300 - matching} still to review.").wait_for()
    assert Node.objects.filter(tie__areas__contains=",expertise,").count() == matching

    page.wait_for_url(re.compile(r"\?has_email=no$"))
    page.goto(f"/import/{batch.pk}/")
    boxes = page.locator("input[data-row-check]")
    boxes.nth(0).click()
    boxes.nth(4).click(modifiers=["Shift"])
    wait_js(page, "document.querySelector('[data-selected-count]').textContent === '5 selected'")
    screenshot(page, "triage-range")
    page.click("button:has-text('Leave out')")
    page.get_by_text(f"0 added, 5 left out, {300 - matching - 5} still to review.").wait_for()
