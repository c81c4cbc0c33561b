"""Cache derived data per PLN version.

Every write to a PLN bumps its version (network.services.touch_pln),
so a value cached under the current version can never be stale. Keys also
carry the date, for anything that depends on "today"."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, TypeVar

from django.core.cache import cache
from django.utils import timezone

from tiewise.accounts.selectors import pln_version

if TYPE_CHECKING:
    from tiewise.accounts.models import User

__all__ = [
    "cached_for",
    "changed_nodes",
    "note_changed_nodes",
    "owner_tag",
    "pln_key",
    "pln_version",
]

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


#: How many versions back a reader patches an earlier read rather than read
#: again: each version is one cache entry to fetch.
CHANGES_KEPT = 64
#: How long the record of one version's changed nodes lives.
CHANGES_SECONDS = 24 * 3600


def _changes_key(owner: User, version: int) -> str:
    return f"pln-changed:{owner_tag(owner)}:{version}"


def note_changed_nodes(owner: User, version: int, node_ids: Iterable[int]) -> None:
    """Record that the write which moved the owner's PLN to `version` changed
    the rows of these nodes (theirs, their ties' or their reminders') and no
    others: a read of every node cached at an earlier version then reads
    only these again (see `changed_nodes`). A write that cannot say records
    nothing, and the next read reads everything."""
    cache.set(_changes_key(owner, version), sorted(set(node_ids)), timeout=CHANGES_SECONDS)


def changed_nodes(owner: User, since: int, until: int) -> set[int] | None:
    """The nodes whose rows changed after version `since` up to `until`, or
    None when that is not known (a version's record is missing, or too many
    versions passed): the caller then reads every node again."""
    if until < since or until - since > CHANGES_KEPT:
        return None
    keys = [_changes_key(owner, v) for v in range(since + 1, until + 1)]
    found = cache.get_many(keys)
    if len(found) != len(keys):
        return None
    return {pk for ids in found.values() for pk in ids}
