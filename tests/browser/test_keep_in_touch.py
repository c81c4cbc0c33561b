"""On a phone: a tie falls due, the owner logs a coffee in one line from the
due page, and the node page's log form is one tap away."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tiewise.accounts.models import User
from tiewise.network import services as network_services

from .conftest import screenshot, sign_up

pytestmark = pytest.mark.browser


def test_log_a_coffee_in_one_line_and_the_tie_leaves_the_due_list(phone: Any) -> None:
    sign_up(phone)
    owner = User.objects.get(email="ana@example.org")
    network_services.node_create(
        owner=owner,
        data={"name": "Jane Doe", "strength": "strong", "roles": ["mentor"], "since": "2020-01-01"},
    )
    # The keep-in-touch clock runs from the last contact: one long ago.
    from datetime import date, timedelta

    from tiewise.network.models import Node
    from tiewise.upkeep import services as upkeep_services

    jane = Node.objects.get(owner=owner, name="Jane Doe")
    upkeep_services.interaction_create(
        owner=owner, data={"date": date.today() - timedelta(days=400), "nodes": [jane.pk]}
    )
    phone.goto("/due/")
    phone.get_by_role("link", name="Jane Doe", exact=True).wait_for()
    assert phone.get_by_test_id("due-overdue").inner_text() == "1"
    screenshot(phone, "upkeep-due-phone")
    phone.fill("#id_line", "coffee with Jane today, gave advice")
    phone.click(".log-line button[type=submit]")
    phone.get_by_text("Logged advice given with Jane Doe").wait_for()
    assert phone.get_by_test_id("due-overdue").inner_text() == "0"
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the due page scrolls sideways on a phone ({width}px)"

    phone.click("[data-menu-toggle]")  # the phone's nav folds behind Menu
    phone.get_by_role("link", name="People", exact=True).click()
    phone.get_by_role("link", name="Jane Doe", exact=True).click()
    phone.wait_for_url(re.compile(r"/nodes/\d+/$"))
    phone.goto(phone.url + "#log")
    assert phone.locator("#log").is_visible()
    assert phone.get_by_text("On track").first.is_visible()
    assert "Advice given" in phone.locator("#log .interactions").inner_text()
