from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.test import Client

from tiewise.accounts.models import Profile, User

pytestmark = pytest.mark.django_db


def _sign_up(client: Any, email: str) -> Any:
    return client.post(
        "/accounts/signup/",
        {"email": email, "password1": "a long pass phrase 9", "password2": "a long pass phrase 9"},
    )


def _link(message: Any) -> str:
    """The path of the confirmation link in an email."""
    import re
    from urllib.parse import urlsplit

    found = re.search(r"https?://\S+/accounts/confirm-email/\S+/", message.body)
    assert found, message.body
    return urlsplit(found.group(0)).path


def test_sign_up_confirms_the_address_with_one_click_then_signs_in(client: Any) -> None:
    response = _sign_up(client, "New@Example.org")
    assert response.status_code == 302
    user = User.objects.get(email="new@example.org")
    assert Profile.objects.filter(user=user).exists()
    assert client.get("/nodes/").status_code == 302  # not signed in before the address is confirmed
    (message,) = mail.outbox
    confirmed = client.get(_link(message))
    assert confirmed.status_code == 302
    assert client.get("/nodes/").status_code == 200


def test_signing_up_with_a_taken_address_answers_exactly_as_a_new_one(
    client: Any, owner: User
) -> None:
    new = _sign_up(client, "someone.new@example.org")
    taken = _sign_up(Client(), owner.email)
    assert (new.status_code, new["Location"]) == (taken.status_code, taken["Location"])
    assert User.objects.filter(email=owner.email).count() == 1
    # The owner of the taken address hears of it; the visitor learns nothing.
    assert [m.to for m in mail.outbox] == [["someone.new@example.org"], [owner.email]]


def test_password_reset_answers_alike_for_known_and_unknown_addresses(
    client: Any, owner: User
) -> None:
    known = client.post("/accounts/password/reset/", {"email": owner.email})
    unknown = Client().post("/accounts/password/reset/", {"email": "ghost@example.org"})
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])


def test_log_in_and_log_out(client: Any, owner: User) -> None:
    response = client.post(
        "/accounts/login/", {"login": "ana@example.org", "password": "correct horse 42"}
    )
    assert response.status_code == 302
    assert client.get("/nodes/").status_code == 200
    client.post("/accounts/logout/")
    assert client.get("/nodes/").status_code == 302


def test_a_wrong_password_is_refused(client: Any, owner: User) -> None:
    response = client.post("/accounts/login/", {"login": "ana@example.org", "password": "nope"})
    assert response.status_code == 200
    assert client.get("/nodes/").status_code == 302


def test_password_reset_sends_an_email(client: Any, owner: User) -> None:
    client.post("/accounts/password/reset/", {"email": "ana@example.org"})
    assert len(mail.outbox) == 1
    assert "ana@example.org" in mail.outbox[0].to


def test_password_change(owner_client: Any, owner: User) -> None:
    response = owner_client.post(
        "/accounts/password/change/",
        {
            "oldpassword": "correct horse 42",
            "password1": "another long one 7",
            "password2": "another long one 7",
        },
    )
    assert response.status_code == 302
    owner.refresh_from_db()
    assert owner.check_password("another long one 7")


def test_repeated_failed_logins_are_throttled(client: Any, owner: User, settings: Any) -> None:
    settings.ACCOUNT_RATE_LIMITS = {"login_failed": "3/m/ip,3/5m/key"}
    pages = [
        client.post("/accounts/login/", {"login": "ana@example.org", "password": "wrong"})
        for _ in range(4)
    ]
    assert "Too many failed login attempts" not in pages[0].content.decode()
    assert "Too many failed login attempts" in pages[-1].content.decode()
    # Even the right password waits out the window: guessing gains nothing.
    right = client.post(
        "/accounts/login/", {"login": "ana@example.org", "password": "correct horse 42"}
    )
    assert "Too many failed login attempts" in right.content.decode()
    assert client.get("/nodes/").status_code == 302  # still signed out


def test_passwords_are_hashed_with_argon2(owner: User, settings: Any) -> None:
    from django.contrib.auth.hashers import make_password

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
    assert make_password("x").startswith("argon2$")
    from tiewise import settings as app_settings

    if not app_settings.env_bool("TIEWISE_FAST_HASHER", False):
        assert owner.password.startswith("argon2$")
