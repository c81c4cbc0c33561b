"""The embedded shared cache: diskcache's Django backend in the data dir.

Every process on the machine (web workers, the job worker, commands) opens
the same store, so cached pages, sessions' cache and rate-limit counters
agree across them, as Redis makes them agree across machines. It replaced
Django's file-based cache for two reasons, both measured:

- that cache lists its whole directory on every write, to decide whether to
  cull: 0.5 ms a write at 100 entries, 14-23 ms at 10,000 and 26-41 ms at
  19,000, which a few days of use reach (each edit writes a few entries per
  page); here a write costs 0.1 ms, or 2 ms for a 3,000-row value, at any
  size (`bench/bench_cache.py`);
- its `incr` is a read then a write, and its `add` a look then a write, so
  counts made at the same moment by several workers are lost (450
  increments from three processes counted 238): here each is one SQLite
  transaction. The email limits (`throttles.spend`) count with them, and
  allauth's login limits take their lock with `add`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from diskcache import DjangoCache
from django.core.cache.backends.base import DEFAULT_TIMEOUT


class DiskCache(DjangoCache):  # type: ignore[misc]
    """diskcache's backend, keeping its connections between requests, and
    giving up a page's write rather than waiting on another process.

    Django closes every cache when a request ends. For diskcache that means
    reconnecting to SQLite on the next request and resetting its pragmas
    (1.5 ms a request, measured). Its connections are per thread and it
    reconnects by itself after a fork; a thread keeps one per shard it has
    used (gunicorn's and the job worker's threads live as long as their
    process), each with a small page cache (`sqlite_cache_size`)."""

    def close(self, **kwargs: Any) -> None:
        return None

    def set(
        self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None,
        **kwargs: Any,
    ) -> bool:  # fmt: skip
        """A cached page or figure: if another process holds the store for
        longer than `DATABASE_TIMEOUT`, the value is not kept (the next
        request computes it again) and the request goes on. Counters
        (`add`, `incr`) still wait: a lost count is a limit not kept."""
        kwargs.setdefault("retry", False)
        return bool(super().set(key, value, timeout, version, **kwargs))


#: What Django's file-based cache named its entries.
_OLD_SUFFIX = ".djcache"


def drop_old_entries(directory: Path) -> int:
    """Delete the entries the file-based cache left in `directory`, the
    cache dir of earlier releases, which this store shares: nothing reads
    them any more, and a server in use held up to 20,000. Returns how many
    went. Only that cache's own files are touched."""
    dropped = 0
    for path in directory.glob(f"*{_OLD_SUFFIX}"):
        if path.is_file():
            path.unlink(missing_ok=True)
            dropped += 1
    return dropped


def tidy() -> int:
    """`drop_old_entries` in this server's cache dir, when the embedded
    store is the cache (with Redis there is no cache dir)."""
    from django.conf import settings

    config = settings.CACHES["default"]
    if config["BACKEND"] != f"{__name__}.{DiskCache.__name__}":
        return 0
    return drop_old_entries(Path(str(config["LOCATION"])))
