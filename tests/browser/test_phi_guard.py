"""The browser asks before saving a note that looks like patient data."""

from __future__ import annotations

from typing import Any

import pytest

from tiewise.network import services
from tiewise.upkeep.models import Interaction

from .conftest import sign_up

pytestmark = pytest.mark.browser


def test_a_patient_identifier_in_a_note_asks_first_and_the_user_decides(page: Any) -> None:
    sign_up(page, email="phi@example.org")
    from tiewise.accounts.models import User

    node = services.node_create(
        owner=User.objects.get(email="phi@example.org"), data={"name": "Jo"}
    )
    page.goto(f"/nodes/{node.pk}/#log")
    page.fill("#log_note", "Discussed pt 1234567 with Jo")
    asked: list[str] = []

    def dismiss(dialog: Any) -> None:
        asked.append(dialog.message)
        dialog.dismiss()

    page.once("dialog", dismiss)
    page.click("form.log-form button[type=submit]")
    page.wait_for_timeout(300)
    assert asked and "patient information" in asked[0]
    assert not Interaction.objects.exists()  # cancelled: nothing saved

    page.once("dialog", lambda dialog: dialog.accept())
    page.click("form.log-form button[type=submit]")
    page.get_by_text("Logged").first.wait_for()
    assert Interaction.objects.get().note == "Discussed pt 1234567 with Jo"  # never blocked
