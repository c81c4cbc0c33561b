"""Reads of accounts, for every other app."""

from __future__ import annotations

from django.db.models import QuerySet

from tiewise.core.errors import NotFound

from .models import ApiToken, Profile, User


def pln_version(user: User) -> int:
    """The user's PLN version (bumped on every change to their PLN)."""
    found = Profile.objects.filter(user=user).values_list("pln_version", flat=True).first()
    return int(found or 0)


def user_by_email(email: str) -> User:
    """The active or inactive account with this address; NotFound otherwise."""
    try:
        return User.objects.get(email=email.strip().lower())
    except User.DoesNotExist:
        raise NotFound(f"no user with email {email}") from None


def tokens_of(user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user)


def profile_of(user: User) -> Profile | None:
    return Profile.objects.filter(user=user).first()


def active_users() -> QuerySet[User]:
    """Every account that can sign in, in id order (for periodic work)."""
    return User.objects.filter(is_active=True).order_by("id")
