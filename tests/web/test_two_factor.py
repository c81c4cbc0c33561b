"""Two-factor sign-in can be turned on from the profile; password and email
changes ask for the password again after 15 minutes."""

from __future__ import annotations

from typing import Any

from allauth.mfa.models import Authenticator
from django.test import Client

from tests.conftest import sign_in


def test_the_profile_offers_two_factor_sign_in_until_it_is_on(
    owner: Any, owner_client: Any
) -> None:
    page = owner_client.get("/profile/").content.decode()
    assert "Two-factor sign-in is off" in page and "/accounts/2fa/" in page
    Authenticator.objects.create(user=owner, type=Authenticator.Type.TOTP, data={"secret": "x"})
    page = owner_client.get("/profile/").content.decode()
    assert "Two-factor sign-in is on" in page and "Manage two-factor sign-in" in page


def _reauthenticate(client: Client, next_path: str) -> None:
    response = client.post(
        f"/accounts/reauthenticate/?next={next_path}", {"password": "correct horse 42"}
    )
    assert response.status_code == 302, "the right password lets the user go on"


def test_setting_up_an_authenticator_app_asks_for_the_password_first(owner_client: Any) -> None:
    assert owner_client.get("/accounts/2fa/").status_code == 200
    first = owner_client.get("/accounts/2fa/totp/activate/")
    assert first.status_code == 302 and "/accounts/reauthenticate/" in first["Location"]
    _reauthenticate(owner_client, "/accounts/2fa/totp/activate/")
    setup = owner_client.get("/accounts/2fa/totp/activate/")
    assert setup.status_code == 200
    assert b"data:image/svg+xml" in setup.content, "a QR code to scan"
    assert b'name="code"' in setup.content, "and a box for the code the app shows"


def test_adding_a_sign_in_email_asks_for_the_password_first(owner: Any, owner_client: Any) -> None:
    from allauth.account.models import EmailAddress

    response = owner_client.post("/accounts/email/", {"action_add": "", "email": "new@example.org"})
    assert response.status_code == 302 and "/accounts/reauthenticate/" in response["Location"]
    assert not EmailAddress.objects.filter(email="new@example.org").exists()


def test_changing_the_password_always_asks_for_the_current_one(owner: Any) -> None:
    stale = sign_in(Client(), owner, minutes_ago=20)
    page = stale.get("/accounts/password/change/").content.decode()
    assert 'name="oldpassword"' in page
    response = stale.post(
        "/accounts/password/change/",
        {
            "oldpassword": "wrong guess 1",
            "password1": "a new pass phrase 9",
            "password2": "a new pass phrase 9",
        },
    )
    owner.refresh_from_db()
    assert owner.check_password("correct horse 42"), "a wrong current password changes nothing"
    assert response.status_code == 200
