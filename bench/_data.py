"""Real network data for the benchmarks, read from ../shared/data.

SNAP ego-Facebook: McAuley & Leskovec, NIPS 2012."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FACEBOOK = (
    ROOT.parent / "shared" / "data" / "snap-collaboration" / "ego-Facebook_combined.edges.txt"
)


def facebook_edges(last: int) -> list[tuple[int, int]]:
    """Undirected ego-Facebook ties among nodes 1..last, each once, source < target."""
    seen: set[tuple[int, int]] = set()
    with FACEBOOK.open() as fh:
        for line in fh:
            if line.startswith("#"):
                continue
            a, b = map(int, line.split())
            if a != b and 1 <= a <= last and 1 <= b <= last:
                seen.add((min(a, b), max(a, b)))
    return sorted(seen)
