"""Reads of accounts, for every other app."""

from __future__ import annotations

from collections.abc import Iterable

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


def user_with_email(email: str) -> User | None:
    """The account (active or not) with this address in any case, or None."""
    return User.objects.filter(email__iexact=email.strip()).first()


def token_by_hash(key_hash: str) -> ApiToken | None:
    """The API token with this hash, with its user, or None."""
    return ApiToken.objects.select_related("user").filter(key_hash=key_hash).first()


def tokens_of(user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user)


def profile_of(user: User) -> Profile | None:
    return Profile.objects.filter(user=user).first()


def active_users() -> QuerySet[User]:
    """Every account that can sign in, in id order (for periodic work)."""
    return User.objects.filter(is_active=True).order_by("id")


def _versions(user_ids: Iterable[int], column: str) -> dict[int, int]:
    """User id → one version column of their profile, in one query (0 for a
    user with no profile yet)."""
    ids = list(user_ids)
    found = dict(Profile.objects.filter(user_id__in=ids).values_list("user_id", column))
    return {pk: int(found.get(pk) or 0) for pk in ids}


def graph_versions(user_ids: Iterable[int]) -> dict[int, int]:
    """User id → the version of their who-knows-whom graph, in one query."""
    return _versions(user_ids, "graph_version")


def pln_versions(users: Iterable[User]) -> dict[int, int]:
    """User id → PLN version for several users, in one query (0 for a user
    with no profile yet, as `pln_version` says)."""
    return _versions((u.pk for u in users), "pln_version")


def active_user_by_email(email: str) -> User | None:
    """The active account with this address (in any case), or None."""
    return User.objects.filter(email__iexact=email.strip(), is_active=True).first()


def email_verified(user: User) -> bool:
    """Whether the user proved they own their sign-in address (allauth's
    email confirmation; accounts an operator created count as proven)."""
    from allauth.account.models import EmailAddress

    proven: bool = EmailAddress.objects.filter(
        user=user, email__iexact=user.email, verified=True
    ).exists()
    return proven


def two_factor_on(user: User) -> bool:
    """Whether the user signs in with a second factor (an authenticator app
    or a passkey; recovery codes alone do not count)."""
    from allauth.mfa.models import Authenticator

    kinds = [Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]
    on: bool = Authenticator.objects.filter(user=user, type__in=kinds).exists()
    return on
