from __future__ import annotations

from typing import Any

import pytest
from django.core import mail

from tiewise.accounts.models import Profile, User

pytestmark = pytest.mark.django_db


def test_sign_up_creates_the_account_and_its_profile(client: Any) -> None:
    response = client.post(
        "/accounts/signup/",
        {
            "email": "New@Example.org",
            "password1": "a long pass phrase 9",
            "password2": "a long pass phrase 9",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(email="new@example.org")
    assert Profile.objects.filter(user=user).exists()
    assert client.get("/").status_code == 200


def test_log_in_and_log_out(client: Any, owner: User) -> None:
    response = client.post(
        "/accounts/login/", {"login": "ana@example.org", "password": "correct horse 42"}
    )
    assert response.status_code == 302
    assert client.get("/").status_code == 200
    client.post("/accounts/logout/")
    assert client.get("/").status_code == 302


def test_a_wrong_password_is_refused(client: Any, owner: User) -> None:
    response = client.post("/accounts/login/", {"login": "ana@example.org", "password": "nope"})
    assert response.status_code == 200
    assert client.get("/").status_code == 302


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
