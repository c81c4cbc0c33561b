"""Writes to accounts: users, profiles, API tokens and the PLN version.

Pages, the API and the CLI call these; no other app writes these tables."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import F, Value
from django.db.models.functions import Greatest

from tiewise.core.errors import NotFound

from .models import ApiToken, Profile, User

#: Profile fields the owner edits (the profile page and PATCH /me).
PROFILE_FIELDS = (
    "display_name", "profession", "specialty", "career_stage", "institution", "city",
    "country", "orcid", "name_variants", "x_handle", "bluesky", "mastodon", "linkedin",
)  # fmt: skip


@transaction.atomic
def user_create(*, email: str, password: str | None = None, **profile: Any) -> User:
    """An account made by an operator (CLI, demo, tests): its address counts
    as confirmed. People who sign up confirm theirs by email (allauth)."""
    from allauth.account.models import EmailAddress

    user = User.objects.create_user(email=email, password=password)
    Profile.objects.create(user=user, **profile)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def ensure_profile(user: User) -> Profile:
    profile, _ = Profile.objects.get_or_create(user=user)
    return profile


def pln_version_bump(user: User, *, graph: bool = False) -> int:
    """Record that the user's PLN changed: every cache keyed on the version
    (insights, the map, page bodies) goes stale at once. `graph`: its
    who-knows-whom ties changed too (see `Profile.graph_version`). Returns
    the new version, this bump's own: the increment and its read are one
    statement (`RETURNING`), so two writers at once never get the same."""
    for _ in range(2):
        found = _bump(user, graph)
        if found is not None:
            return found
        # No profile yet: make one, then bump it (whoever made it first).
        Profile.objects.get_or_create(user=user)
    raise RuntimeError(f"no profile for user {user.pk}")  # pragma: no cover


def _bump(user: User, graph: bool) -> int | None:
    table = connection.ops.quote_name(Profile._meta.db_table)
    graph_set = ", graph_version = graph_version + 1" if graph else ""
    sql = f"UPDATE {table} SET pln_version = pln_version + 1{graph_set} WHERE user_id = %s"  # noqa: S608 (names only)
    with connection.cursor() as cursor:
        if connection.vendor != "sqlite" or sqlite3.sqlite_version_info >= (3, 35):
            cursor.execute(sql + " RETURNING pln_version", [user.pk])
            row = cursor.fetchone()
            return int(row[0]) if row is not None else None
    # An SQLite older than RETURNING: the update and its read in one
    # transaction, which holds SQLite's only write lock between them.
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, [user.pk])
        if not cursor.rowcount:
            return None
        cursor.execute(f"SELECT pln_version FROM {table} WHERE user_id = %s", [user.pk])  # noqa: S608
        return int(cursor.fetchone()[0])


def versions_past_restore(now_us: int | None = None) -> int:
    """After the whole database was replaced by a backup, move every
    profile's versions past any number used before, so that nothing cached
    since the backup (in Redis or the file cache, which outlive a restore)
    is ever read for the older data. The floor is the time in microseconds:
    versions grow by one per edit, so no PLN reached it before. Returns the
    number of profiles moved."""
    floor = now_us if now_us is not None else time.time_ns() // 1000
    return Profile.objects.update(
        pln_version=Greatest(F("pln_version"), Value(floor)) + 1,
        graph_version=Greatest(F("graph_version"), Value(floor)) + 1,
    )


@transaction.atomic
def profile_update(*, user: User, data: Mapping[str, Any]) -> Profile:
    """Change the fields given in `data`, with the profile form's checks.
    The owner sits at the centre of their own map and insights compare ties
    with the owner's country and profession, so the PLN version moves too."""
    from .forms import ProfileForm

    profile = ensure_profile(user)
    current = {f: getattr(profile, f) for f in PROFILE_FIELDS}
    unknown = set(data) - set(PROFILE_FIELDS)
    if unknown:
        raise ValidationError({f: ["Not a profile field."] for f in sorted(unknown)})
    form = ProfileForm(data={**current, **data}, instance=profile)
    if not form.is_valid():
        raise ValidationError(
            {f: [e["message"] for e in errs] for f, errs in form.errors.get_json_data().items()}
        )
    form.save()
    pln_version_bump(user)
    return profile


def token_create(
    *, user: User, name: str = "default", scope: str = "write"
) -> tuple[ApiToken, str]:
    if scope not in dict(ApiToken.SCOPES):
        raise ValidationError({"scope": ["Use read or write."]})
    return ApiToken.issue(user, name=name, scope=scope)


def token_used(token: ApiToken, now: datetime) -> None:
    """Record that `token` was used at `now` (the caller decides how often:
    a write on every request would queue each read behind SQLite's writer)."""
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    token.last_used_at = now


def token_revoke(*, user: User, token_id: int) -> None:
    """Revoke one of the user's tokens; anyone else's id is NotFound."""
    deleted, _ = ApiToken.objects.filter(user=user, pk=token_id).delete()
    if not deleted:
        raise NotFound("No such token")


def guide_dismiss(*, user: User, dismissed: bool = True) -> None:
    """Put the dashboard's worksheet checklist away (or bring it back)."""
    profile = ensure_profile(user)
    profile.guide_dismissed = dismissed
    profile.save(update_fields=["guide_dismissed"])
