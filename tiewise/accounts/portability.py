"""The owner's profile in a Tiewise JSON export, and its restore.

Section `profile`, version 1: a list of at most one row with the fields the
owner edits on the profile page. The login (email, password), API tokens and
the PLN version are the account's, not the profile's: they are not exported.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError

from tiewise.transfer.rows import Ids, rows_of

from .models import User
from .selectors import profile_of
from .services import PROFILE_FIELDS, profile_update

PROFILE_VERSION = 1


def export_profile(owner: User) -> list[dict[str, Any]]:
    profile = profile_of(owner)
    if profile is None:
        return []
    return [
        {
            "display_name": profile.display_name,
            "profession": profile.profession,
            "specialty": profile.specialty,
            "career_stage": profile.career_stage,
            "institution": profile.institution,
            "city": profile.city,
            "country": profile.country,
            "orcid": profile.orcid,
            "name_variants": profile.name_variants,
            "x_handle": profile.x_handle,
            "bluesky": profile.bluesky,
            "mastodon": profile.mastodon,
            "linkedin": profile.linkedin,
        }
    ]


def restore_profile(owner: User, rows: list[Any], ids: Ids) -> int:
    """Fill in the profile fields the account has left empty; a field the
    owner already set is kept. Checked like the profile page (an ORCID iD
    must look like one, LinkedIn must be a web address)."""
    restored = 0
    for row in rows_of("profile", rows, ids):
        if row.item > 1:
            raise row.invalid("", "a file holds one profile")
        current = profile_of(owner)
        wanted = {
            name: row.text(name, max_length=1000 if name == "name_variants" else 300)
            for name in PROFILE_FIELDS
        }
        changes = {
            name: value
            for name, value in wanted.items()
            if value and not getattr(current, name, "")
        }
        if changes:
            try:
                profile_update(user=owner, data=changes)
            except ValidationError as exc:
                raise row.invalid_from(exc) from None
        restored += 1
    return restored
