"""Real networks from ../shared/data, read the same way by every test."""

from __future__ import annotations

from pathlib import Path

FACEBOOK = (
    Path(__file__).resolve().parents[2]
    / "shared/data/snap-collaboration/ego-Facebook_combined.edges.txt"
)


def facebook_ties(last: int, *, first: int = 1) -> list[tuple[int, int]]:
    """SNAP ego-Facebook's undirected ties among people `first`..`last`,
    each once as (low, high), sorted. The file must exist (see FACEBOOK)."""
    ties: set[tuple[int, int]] = set()
    for line in FACEBOOK.read_text().splitlines():
        if line.startswith("#") or not line.strip():
            continue
        a, b = map(int, line.split())
        if a != b and first <= a <= last and first <= b <= last:
            ties.add((min(a, b), max(a, b)))
    return sorted(ties)
