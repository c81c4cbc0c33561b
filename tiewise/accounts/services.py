from __future__ import annotations

from typing import Any

from django.db import transaction

from .models import ApiToken, Profile, User


@transaction.atomic
def user_create(*, email: str, password: str | None = None, **profile: Any) -> User:
    user = User.objects.create_user(email=email, password=password)
    Profile.objects.create(user=user, **profile)
    return user


def ensure_profile(user: User) -> Profile:
    profile, _ = Profile.objects.get_or_create(user=user)
    return profile


def token_create(
    *, user: User, name: str = "default", scope: str = "write"
) -> tuple[ApiToken, str]:
    if scope not in dict(ApiToken.SCOPES):
        raise ValueError("scope must be read or write")
    return ApiToken.issue(user, name=name, scope=scope)


def token_revoke(*, user: User, token_id: int) -> bool:
    deleted, _ = ApiToken.objects.filter(user=user, pk=token_id).delete()
    return bool(deleted)
