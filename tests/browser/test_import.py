"""A newcomer uploads her LinkedIn connections, accepts everyone as weak
ties in the expertise area, and finds them on the People page."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from .conftest import screenshot, sign_up

pytestmark = pytest.mark.browser

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "imports" / "Connections.csv"


def test_upload_select_all_accept_as_weak_expertise_and_commit(page: Any) -> None:
    sign_up(page)
    page.click("nav.menu summary")  # Import lives in the Settings menu
    page.click("nav.menu >> text=Import")
    page.wait_for_url(re.compile(r"/import/$"))
    page.set_input_files("#id_file", str(SAMPLE))
    page.get_by_text("Selected: Connections.csv").wait_for()
    page.click("text=Upload and review")
    page.wait_for_url(re.compile(r"/import/\d+/$"))

    page.check("#select-all")
    page.select_option("#bulk_area", "expertise")
    page.click("button:has-text('Accept as weak ties')")
    page.get_by_text("4 records: accept as weak tie.").wait_for()
    screenshot(page, "import-review")
    page.click("text=Add to my network")
    page.get_by_text("Import done: 4 added").wait_for()

    page.goto("/nodes/")
    assert page.get_by_test_id("result-count").inner_text() == "4"
    for name in ("Priya Natarajan", "Tomás Ibáñez", "Grace Oduya", "Martin Kessler"):
        page.get_by_role("link", name=name).wait_for()
    page.goto("/nodes/?area=expertise&strength=weak")
    assert page.get_by_test_id("result-count").inner_text() == "4"


def test_a_bad_file_shows_the_error_without_leaving_the_page(page: Any, tmp_path: Path) -> None:
    sign_up(page, email="bad@example.org")
    bad = tmp_path / "refs.bib"
    bad.write_bytes(b"@article{a,\n  title = {Net {and} x,\n  year = 2020\n}\n")
    page.goto("/import/")
    page.set_input_files("#id_file", str(bad))
    page.click("text=Upload and review")
    page.get_by_role("alert").filter(has_text="refs.bib, line 2").wait_for()
    assert page.url.endswith("/import/")


def test_the_review_fits_a_phone_screen(phone: Any) -> None:
    sign_up(phone, email="phone@example.org")
    phone.goto("/import/")
    phone.set_input_files("#id_file", str(SAMPLE))
    phone.click("text=Upload and review")
    phone.wait_for_url(re.compile(r"/import/\d+/$"))
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    screenshot(phone, "import-review-phone")
