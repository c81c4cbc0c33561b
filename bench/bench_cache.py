"""The embedded shared cache (no REDIS_URL) as it fills: the cost of a write
and a read at 100, 2,000, 10,000 and 19,000 entries, against Django's
file-based cache (the named baseline, which Tiewise used before) filled
the same way in the same run.

A cold page writes a few entries (the dashboard four), and each edit makes
new ones, so a server in use for a few days holds thousands. Target: a
write costs the same at 19,000 entries as at 100 (within 2x), where the
baseline's grows with the count."""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

SIZES = (100, 2000, 10000, 19000)
TARGET = 2.0
#: A small entry (a count) and a big one (an insights report of 3,000 ties is ~60 KB).
SMALL = {"total": 3000, "strong": [1, 2, 3]}
BIG = {"rows": [(f"Person {i}", i, float(i), "weak") for i in range(3000)]}


def backends(where: Path) -> dict[str, Any]:
    """Each cache in its own directory under `where`."""
    from django.core.cache.backends.filebased import FileBasedCache

    from tiewise.cache import DiskCache

    made = {}
    for name, cls, params, folder in (
        ("disk (now)", DiskCache, {"OPTIONS": {"size_limit": 2**30}}, "disk"),
        ("file (before)", FileBasedCache, {"OPTIONS": {"MAX_ENTRIES": 20000}}, "file"),
    ):
        made[name] = cls(str(where / folder), {"TIMEOUT": 86400, **params})
    return made


def timed(call: Any, n: int) -> float:
    times = []
    for i in range(n):
        start = time.perf_counter()
        call(i)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    import django
    from django.conf import settings

    settings.configure()
    django.setup()
    with tempfile.TemporaryDirectory(prefix="tiewise-bench-cache-") as where:
        rows = measure(backends(Path(where)))
    report(rows)


def measure(caches: dict[str, Any]) -> list[tuple[str, int, float, float, float]]:
    rows = []
    for name, cache in caches.items():
        filled = 0
        for size in SIZES:
            while filled < size:
                cache.set(f"fill:{filled}", SMALL)
                filled += 1
            small = timed(lambda i, c=cache: c.set(f"probe:{i % 5}", SMALL), 25)
            big = timed(lambda i, c=cache: c.set(f"big:{i % 3}", BIG), 9)
            read = timed(lambda i, c=cache: c.get(f"big:{i % 3}"), 9)
            rows.append((name, size, small, big, read))
    return rows


def report(rows: list[tuple[str, int, float, float, float]]) -> None:
    print(
        f"{'cache':<15}{'entries':>8}{'write ms':>10}{'x100':>7}{'big write':>11}{'big read':>10}"
    )
    worst = 0.0
    for name, size, small, big, read in rows:
        base = next(r[2] for r in rows if r[0] == name and r[1] == SIZES[0])
        ratio = small / base
        if name.startswith("disk"):
            worst = max(worst, ratio)
        figures = f"{small * 1000:>10.2f}{ratio:>7.2f}{big * 1000:>11.2f}{read * 1000:>10.2f}"
        print(f"{name:<15}{size:>8}{figures}")
    verdict = "met" if worst <= TARGET else "NOT met"
    print(f"a write at {SIZES[-1]:,} entries within {TARGET:.0f}x of one at {SIZES[0]}: {verdict} "
          f"(worst {worst:.2f}x)")  # fmt: skip


if __name__ == "__main__":
    main()
