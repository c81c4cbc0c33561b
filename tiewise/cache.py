"""The embedded shared cache: diskcache's Django backend in the data dir.

Every process on the machine (web workers, the job worker, commands) opens
the same store, so cached pages, sessions' cache and rate-limit counters
agree across them, as Redis makes them agree across machines. It replaced
Django's file-based cache for two reasons, both measured:

- that cache lists its whole directory on every write, to decide whether to
  cull: 0.5 ms a write at 100 entries, 14 ms at 10,000 and 41 ms at 19,000,
  which a few days of use reach (each edit writes a few entries per page);
  here a write costs about 1 ms at any size;
- its `incr` is a read then a write, so counts made at the same moment by
  several workers are lost (450 increments from three processes counted
  238): here each is one SQLite transaction.
"""

from __future__ import annotations

from typing import Any

from diskcache import DjangoCache


class DiskCache(DjangoCache):  # type: ignore[misc]
    """diskcache's backend, keeping its connections between requests.

    Django closes every cache when a request ends. For diskcache that means
    reconnecting to SQLite on the next request and resetting its pragmas
    (1.5 ms a request, measured); its connections are per thread, and it
    reconnects by itself after a fork, so there is nothing to release."""

    def close(self, **kwargs: Any) -> None:
        return None
