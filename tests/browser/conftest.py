"""Playwright (Python) driving Debian's Chromium against a live server.
Screenshots of failures land in test-artifacts/ (git-ignored)."""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CHROMIUM = os.environ.get("TIEWISE_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# Playwright's sync API runs an event loop; Django must allow ORM calls from
# the test thread around it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: `make chromium` installs it")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: Any, call: Any) -> Iterator[None]:
    outcome = yield
    report = outcome.get_result()
    if report.when == "call" and report.failed:
        page = item.funcargs.get("page") or item.funcargs.get("phone")
        if page is not None:
            ARTIFACTS.mkdir(exist_ok=True)
            name = re.sub(r"[^\w.-]+", "_", item.nodeid)
            # A failed screenshot must not hide the failure itself.
            with contextlib.suppress(Exception):
                page.screenshot(path=str(ARTIFACTS / f"FAILED-{name}.png"), full_page=True)


@pytest.fixture
def page(browser: Any, live_server: Any, transactional_db: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=live_server.url)
    pg = context.new_page()
    pg.set_default_timeout(15000)
    violations = watch_csp(pg)
    yield pg
    context.close()
    assert not violations, f"Content-Security-Policy violations: {violations}"


def watch_csp(pg: Any) -> list[str]:
    """Collect CSP violations and page errors: an inline script that the
    policy blocks is a broken feature, so the test must fail."""
    found: list[str] = []
    pg.on(
        "console",
        lambda msg: (
            found.append(msg.text)
            if "Content Security Policy" in msg.text or "Refused to" in msg.text
            else None
        ),
    )
    pg.on("pageerror", lambda exc: found.append(f"page error: {exc}"))
    return found


@pytest.fixture
def phone(browser: Any, live_server: Any, transactional_db: Any) -> Iterator[Any]:
    context = browser.new_context(
        viewport={"width": 390, "height": 844},
        is_mobile=True,
        has_touch=True,
        device_scale_factor=2,
        base_url=live_server.url,
    )
    pg = context.new_page()
    pg.set_default_timeout(15000)
    violations = watch_csp(pg)
    yield pg
    context.close()
    assert not violations, f"Content-Security-Policy violations: {violations}"


def wait_js(page: Any, expression: str, timeout: float = 15.0) -> Any:
    """Poll a JS expression until it is truthy. Playwright's wait_for_function
    evaluates strings with eval(), which our CSP (rightly) forbids."""
    import time

    deadline = time.monotonic() + timeout
    while True:
        value = page.evaluate(
            f"() => {{ try {{ return ({expression}); }} catch (e) {{ return null; }} }}"
        )
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for: {expression}")
        page.wait_for_timeout(100)


def screenshot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def log_in(page: Any, email: str, password: str) -> None:
    """Sign in through the login page, as a user does, and land on the dashboard."""
    page.goto("/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", password)
    page.click("form button[type=submit]")
    page.wait_for_url("**/")


def sign_up(
    page: Any, email: str = "ana@example.org", password: str = "a long pass phrase 9"
) -> None:
    page.goto("/accounts/signup/")
    page.fill("input[name=email]", email)
    page.fill("input[name=password1]", password)
    page.fill("input[name=password2]", password)
    page.click("form button[type=submit]")
    page.wait_for_url(re.compile(r"/accounts/confirm-email/"))
    page.goto(confirmation_link(email))
    page.wait_for_url(re.compile(r"/profile/"))


def confirmation_link(email: str) -> str:
    """The path of the newest email-confirmation link sent to `email` (the
    live server runs in this process, so its mail lands in the outbox)."""
    from urllib.parse import urlsplit

    from django.core import mail

    for message in reversed(mail.outbox):
        if email in message.to:
            found = re.search(r"https?://\S+/accounts/confirm-email/\S+/", message.body)
            if found:
                return urlsplit(found.group(0)).path
    raise AssertionError(f"no confirmation email to {email}")
