"""Cache derived data per PLN version.

Every write to a PLN bumps its version (network.services.touch_pln),
so a value cached under the current version can never be stale. Keys also
carry the date, for anything that depends on "today"."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from django.core.cache import cache
from django.utils import timezone

from tiewise.accounts.selectors import pln_version

if TYPE_CHECKING:
    from tiewise.accounts.models import User

__all__ = ["cached_for", "owner_tag", "pln_key", "pln_version"]

T = TypeVar("T")


def owner_tag(owner: User) -> str:
    """The owner in a cache key: the id and when the account was made,
    which guards against a reused id (e.g. after a restore)."""
    return f"{owner.pk}:{int(owner.date_joined.timestamp() * 1e6)}"


def pln_key(owner: User, name: str, *parts: object, version: int | None = None) -> str:
    """The cache key for `name` under the owner's current PLN version (pass
    `version` when the caller already read it, to save a query)."""
    today = timezone.localdate().isoformat()
    extra = ":".join(str(p) for p in parts)
    if version is None:
        version = pln_version(owner)
    return f"pln:{name}:{owner_tag(owner)}:{version}:{today}:{extra}"


def cached_for(
    owner: User, name: str, compute: Callable[[], T], *parts: object, version: int | None = None
) -> T:
    """`compute()` once per owner, PLN version, day and `parts`."""
    key = pln_key(owner, name, *parts, version=version)
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout=24 * 3600)
    return value  # type: ignore[no-any-return]
