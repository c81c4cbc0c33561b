"""An invited coach signs up from the link with the invited address filled
in and locked, needs no confirmation email, and lands on the caseload."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tiewise.accounts.models import User
from tiewise.coaching import services
from tiewise.coaching.models import CoachingRelationship


@pytest.fixture
def link(owner: User) -> tuple[CoachingRelationship, str]:
    rel = services.invitation_create(coachee=owner, email="Cam.Coach@Example.org", share={})
    return rel, services.invitation_token(rel)


def test_the_sign_up_shows_the_invited_address_locked(link: Any) -> None:
    _rel, token = link
    client = Client()
    landing = client.get(f"/coaching/accept/{token}/").content.decode()
    assert f"/coaching/accept/{token}/sign-up/" in landing
    page = client.get(f"/coaching/accept/{token}/sign-up/").content.decode()
    assert 'value="cam.coach@example.org"' in page and "disabled" in page


def test_signing_up_accepts_and_lands_on_the_caseload(link: Any, owner: User) -> None:
    rel, token = link
    client = Client()
    answer = client.post(
        f"/coaching/accept/{token}/sign-up/",
        # A different address in the form is ignored: the field is locked.
        {
            "email": "mallory@example.org",
            "password1": "a long coach pw 7",
            "password2": "a long coach pw 7",
        },
    )
    assert answer.status_code == 302 and answer["Location"] == "/coaching/caseload/"
    coach = User.objects.get(email="cam.coach@example.org")
    assert not User.objects.filter(email="mallory@example.org").exists()
    assert coach.emailaddress_set.get().verified
    rel.refresh_from_db()
    assert rel.status == "active" and rel.coach == coach
    caseload = client.get("/coaching/caseload/").content.decode()
    assert owner.display_name in caseload and "You now coach" in caseload


def test_mismatched_or_weak_passwords_are_said_and_nothing_is_made(link: Any) -> None:
    _rel, token = link
    client = Client()
    differ = client.post(f"/coaching/accept/{token}/sign-up/",
                         {"password1": "a long coach pw 7", "password2": "another one 8"})  # fmt: skip
    assert differ.status_code == 200 and "The two passwords differ." in differ.content.decode()
    weak = client.post(f"/coaching/accept/{token}/sign-up/",
                       {"password1": "12345678", "password2": "12345678"})  # fmt: skip
    assert weak.status_code == 200 and "too common" in weak.content.decode()
    assert not User.objects.filter(email__iexact="cam.coach@example.org").exists()


def test_an_address_with_an_account_is_asked_to_sign_in(link: Any) -> None:
    _rel, token = link
    from tiewise.accounts.services import user_create

    user_create(email="cam.coach@example.org", password="x long pw 99")
    page = Client().post(f"/coaching/accept/{token}/sign-up/",
                         {"password1": "a long coach pw 7", "password2": "a long coach pw 7"})  # fmt: skip
    assert "sign in to accept" in page.content.decode()
    assert User.objects.filter(email__iexact="cam.coach@example.org").count() == 1


def test_a_bad_or_used_link_is_404(link: Any) -> None:
    _rel, token = link
    client = Client()
    assert client.get("/coaching/accept/nonsense/sign-up/").status_code == 404
    client.post(f"/coaching/accept/{token}/sign-up/",
                {"password1": "a long coach pw 7", "password2": "a long coach pw 7"})  # fmt: skip
    assert Client().get(f"/coaching/accept/{token}/sign-up/").status_code == 404
