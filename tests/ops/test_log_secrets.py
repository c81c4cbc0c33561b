"""A log file never holds a secret from a URL: whoever reads the server's
log (an operator, a log shipper, a backup of it) cannot subscribe to a
calendar, accept an invitation or reset a password with what they find."""

from __future__ import annotations

import contextlib
import time
import urllib.error
import urllib.request

from .conftest import LiveServer

SECRETS = {
    "/calendar/FeedSecret123abc.ics": "FeedSecret123abc",
    "/coaching/accept/InviteSecret456def/": "InviteSecret456def",
    "/accounts/confirm-email/ConfirmSecret789ghi/": "ConfirmSecret789ghi",
    "/accounts/password/reset/key/1a-ResetSecret000jkl/": "ResetSecret000jkl",
    "/api/v1/nodes?token=QuerySecret111mno": "QuerySecret111mno",
}


def _get(url: str) -> None:
    # 404s and 401s are logged too: that is the point.
    with contextlib.suppress(urllib.error.HTTPError):
        urllib.request.urlopen(url, timeout=30)  # noqa: S310 - loopback


def test_the_access_log_and_django_log_keep_the_path_but_not_its_secret(
    live: LiveServer,
) -> None:
    for path in SECRETS:
        _get(live.url + path)
    deadline = time.monotonic() + 10
    text = ""
    while time.monotonic() < deadline:
        text = live.log.read_text(errors="replace")
        if "/api/v1/nodes?token=" in text:
            break
        time.sleep(0.2)
    assert "/calendar/[secret].ics" in text, "the access log still says what was asked"
    assert "/coaching/accept/[secret]" in text
    leaked = [secret for secret in SECRETS.values() if secret in text]
    assert not leaked, leaked
