"""Where each node of a PLN sits on the map.

Two layouts, both deterministic for the same data and seed:

* :func:`worksheet_layout` redraws the paper coaching worksheet: the owner in
  the centre, one ring per tie strength (strong inside, weak around it,
  prospects outside), personally facilitated ties on the left half,
  technology-mediated ties on the right half, and the four PLN areas as
  sectors that repeat, mirrored, on both halves.
* :func:`force_layout` lets alter ties pull nodes together so clusters show.

Coordinates are screen coordinates, as Cytoscape.js and SVG use them: the
owner is at ``(0, 0)``, ``x`` grows to the right and ``y`` grows *down*, so
"top" means negative ``y``. Angles in the guides are bearings in degrees,
clockwise from the top, measured on the right half; the left half mirrors
them (``360 - angle``).
"""

from __future__ import annotations

import hashlib
import math
from collections import defaultdict
from typing import Any

from .rng import seeded_igraph
from .types import PLN, NodeData
from .vocab import AREAS, STRENGTHS

Point = tuple[float, float]

#: The band for nodes that have no area yet; it sits below the four areas.
UNPLACED = "unplaced"
UNPLACED_LABEL = "No area yet"

#: Which half of the map a node belongs to. Ties that are both personal and
#: technology-mediated sit in a wedge across the top of the dividing line;
#: ties whose mode is not set yet in a wider wedge across its foot, spread
#: out like every other band (never stacked on the line).
PERSONAL = "personal"
TECHNOLOGY = "technology"
BOUNDARY = "boundary"
UNSET = "unset"

#: Keys of the two wedges that straddle the divider.
BOTH_WEDGE = "both"
UNSET_WEDGE = "mode_unset"

# Bearings (degrees) on the right half; the wedges' spans are per half, so
# the "both" wedge covers -15..15 and the "not set" wedge 150..210.
_BOTH_SPAN = 15.0
_AREA_SPAN = 30.0
_UNPLACED_SPAN = 15.0
_UNSET_SPAN = 180.0 - _BOTH_SPAN - 4 * _AREA_SPAN - _UNPLACED_SPAN

# Ring bands as fractions of the map radius: (inner, outer) per strength.
_RING_FRACTIONS: dict[str, tuple[float, float]] = {
    "strong": (0.11, 0.48),
    "weak": (0.53, 0.77),
    "absent": (0.81, 0.95),
}
_RING_LABELS = {"strong": "Strong ties", "weak": "Weak ties", "absent": "Prospects"}


def rings(size: float = 1000.0) -> list[dict[str, Any]]:
    """The three strength rings of a map ``size`` units across.

    Each ring is a band between ``inner`` and ``outer``; ``radius`` is its
    middle, where a lone node sits.

    >>> [(r["strength"], r["radius"]) for r in rings(1000)]
    [('strong', 147.5), ('weak', 325.0), ('absent', 440.0)]
    """
    half = size / 2
    out = []
    for strength, (inner, outer) in _RING_FRACTIONS.items():
        out.append(
            {
                "strength": strength,
                "label": _RING_LABELS[strength],
                "inner": round(inner * half, 3),
                "outer": round(outer * half, 3),
                "radius": round((inner + outer) / 2 * half, 3),
            }
        )
    return out


def sector_bounds() -> list[dict[str, Any]]:
    """The sectors as bearings on the right half, top to bottom.

    The left half holds the four area sectors and ``unplaced`` mirrored, so
    each half shows all of them. The two wedges marked ``straddle`` cross the
    divider: they span ``-end..end`` (top) and ``start..360-start`` (bottom)
    and are labelled once, on the line.

    >>> [(s["key"], s["start"], s["end"]) for s in sector_bounds()][:2]
    [('both', 0.0, 15.0), ('academic', 15.0, 45.0)]
    >>> sector_bounds()[-1]["key"], sector_bounds()[-1]["start"], sector_bounds()[-1]["straddle"]
    ('mode_unset', 150.0, True)
    """
    out = []
    start = 0.0
    spans: list[tuple[str, str, float, bool]] = [
        (BOTH_WEDGE, "Personal and technology", _BOTH_SPAN, True)
    ]
    spans += [(key, label, _AREA_SPAN, False) for key, label in AREAS.items()]
    spans.append((UNPLACED, UNPLACED_LABEL, _UNPLACED_SPAN, False))
    spans.append((UNSET_WEDGE, "Mode not set", _UNSET_SPAN, True))
    for key, label, span, straddle in spans:
        out.append(
            {
                "key": key,
                "label": label,
                "start": start,
                "end": start + span,
                "mid": 0.0
                if key == BOTH_WEDGE
                else 180.0
                if key == UNSET_WEDGE
                else start + span / 2,
                "straddle": straddle,
            }
        )
        start += span
    return out


def half_of(node: NodeData) -> str:
    """Which half of the map a node goes on, from its modes.

    >>> half_of(NodeData(id=1, name="A", modes=("personal",)))
    'personal'
    >>> half_of(NodeData(id=1, name="A", modes=("personal", "technology")))
    'boundary'
    >>> half_of(NodeData(id=1, name="A"))
    'unset'
    """
    modes = set(node.modes) & {PERSONAL, TECHNOLOGY}
    if modes == {PERSONAL}:
        return PERSONAL
    if modes == {TECHNOLOGY}:
        return TECHNOLOGY
    return BOUNDARY if modes else UNSET


def band_of(node: NodeData) -> str:
    """The sector a node is drawn in: its first known area, else ``unplaced``.

    >>> band_of(NodeData(id=1, name="A", areas=("expertise", "academic")))
    'expertise'
    >>> band_of(NodeData(id=1, name="A"))
    'unplaced'
    """
    for area in node.areas:
        if area in AREAS:
            return area
    return UNPLACED


def ring_of(node: NodeData) -> str:
    """The strength ring a node sits on; an unknown strength counts as weak."""
    return node.strength if node.strength in _RING_FRACTIONS else "weak"


def worksheet_layout(
    pln: PLN, *, seed: int = 0, size: float = 1000.0, middle: frozenset[int] = frozenset()
) -> dict[int, Point]:
    """Place every node the way the coaching worksheet draws a PLN.

    Returns ``{node_id: (x, y)}``; the owner is implicitly at ``(0, 0)``.
    Nodes are grouped by (ring, cell); a cell only moves when its own
    members change, so adding someone elsewhere leaves a map in place.
    Ids in ``middle`` (group bubbles) sit mid-cell on the ring's centre line.

    >>> from .types import Owner
    >>> pln = PLN(owner=Owner("Me"), nodes=(
    ...     NodeData(id=1, name="Ana", strength="strong", modes=("personal",)),
    ...     NodeData(id=2, name="Bo", strength="weak", modes=("technology",)),
    ... ))
    >>> pos = worksheet_layout(pln)
    >>> pos[1][0] < 0 < pos[2][0]
    True
    """
    groups: dict[tuple[str, str], list[NodeData]] = defaultdict(list)
    for node in pln.nodes:
        groups[(ring_of(node), cell_of(node))].append(node)

    ring_by_strength = {r["strength"]: r for r in rings(size)}
    positions: dict[int, Point] = {}
    for (strength, cell), members in groups.items():
        members.sort(key=_cell_order)
        if middle:
            # Group bubbles go in the middle of their cell, on the ring's centre.
            rest = [m for m in members if m.id not in middle]
            bubbles = [m for m in members if m.id in middle]
            half = len(rest) // 2
            members = [*rest[:half], *bubbles, *rest[half:]]
        left, lo, hi = cell_span(cell)
        positions.update(
            _fan(
                members,
                ring_by_strength[strength],
                lo,
                hi,
                left=left,
                seed=seed,
                size=size,
                middle=middle or frozenset(),
            )
        )
    return positions


def cell_of(node: NodeData) -> str:
    """The cell of a ring a node is drawn in: ``half:band``, or one of the wedges.

    >>> cell_of(NodeData(id=1, name="A", modes=("personal",), areas=("academic",)))
    'personal:academic'
    >>> cell_of(NodeData(id=1, name="A", areas=("academic",)))
    'mode_unset'
    """
    half = half_of(node)
    if half == BOUNDARY:
        return BOTH_WEDGE
    if half == UNSET:
        return UNSET_WEDGE
    return f"{half}:{band_of(node)}"


def cell_span(cell: str) -> tuple[bool, float, float]:
    """(on the left half, first bearing, last bearing) of a cell, in degrees
    clockwise from the top; wedges run across the divider.

    >>> cell_span("both"), cell_span("personal:academic")
    ((False, -15.0, 15.0), (True, 15.0, 45.0))
    """
    sectors = {s["key"]: s for s in sector_bounds()}
    if cell == BOTH_WEDGE:
        end = sectors[BOTH_WEDGE]["end"]
        return False, -end, end
    if cell == UNSET_WEDGE:
        start = sectors[UNSET_WEDGE]["start"]
        return False, start, 360.0 - start
    half, band = cell.split(":", 1)
    sector = sectors[band]
    return half == PERSONAL, sector["start"], sector["end"]


def region_of(node: NodeData, size: float = 1000.0) -> dict[str, Any]:
    """Where a node may be dragged: its ring band and its cell's bearings.

    ``lo``/``hi`` are bearings as :func:`cell_span` gives them (on the right
    half; mirrored when ``left``), so the browser can clamp a drag with the
    same numbers the server clamps a saved spot with.

    >>> r = region_of(NodeData(id=1, name="A", strength="strong", modes=("personal",)))
    >>> r["inner"], r["outer"], r["left"], r["lo"], r["hi"]
    (55.0, 240.0, True, 135.0, 150.0)
    """
    band = {r["strength"]: r for r in rings(size)}[ring_of(node)]
    left, lo, hi = cell_span(cell_of(node))
    return {"inner": band["inner"], "outer": band["outer"], "left": left, "lo": lo, "hi": hi}


def clamp_to_region(point: Point, region: dict[str, Any]) -> Point:
    """The nearest spot to ``point`` inside ``region`` (see :func:`region_of`):
    a drag may move a node within its ring and its cell, never out of them,
    so the map keeps saying strong or weak, personal or technology.

    >>> reg = {"inner": 100.0, "outer": 200.0, "left": False, "lo": 15.0, "hi": 45.0}
    >>> clamp_to_region((0.0, -500.0), reg)  # straight up and too far out
    (51.764, -193.185)
    >>> clamp_to_region((120.0, -120.0), reg)  # already inside: unchanged
    (120.0, -120.0)
    """
    x, y = point
    if region["left"]:
        x = -x
    r = math.hypot(x, y)
    bearing = math.degrees(math.atan2(x, -y))
    lo, hi = region["lo"], region["hi"]
    # Bring the bearing into [lo, lo + 360) so a wedge across 180 compares.
    bearing = lo + (bearing - lo) % 360.0
    if bearing > hi:
        past_hi, before_lo = bearing - hi, lo + 360.0 - bearing
        bearing = hi if past_hi <= before_lo else lo
    r = min(max(r, region["inner"]), region["outer"])
    a = math.radians(bearing)
    cx, cy = r * math.sin(a), -r * math.cos(a)
    if region["left"]:
        cx = -cx
    return (round(cx, 3) + 0.0, round(cy, 3) + 0.0)


def _name_order(node: NodeData) -> tuple[str, int]:
    return (node.name.casefold(), node.id)


def _cell_order(node: NodeData) -> tuple[int, str, int]:
    """Within a cell: by area (so a wedge keeps each area together), then name."""
    order = [*AREAS, UNPLACED]
    return (order.index(band_of(node)), node.name.casefold(), node.id)


def _jitter(seed: int, node_id: int) -> float:
    """A repeatable number in [-1, 1) for one node.

    Hashing (seed, id) rather than drawing from one random stream keeps a
    node's jitter the same when other nodes come and go.
    """
    digest = hashlib.blake2b(f"{seed}:{node_id}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") / 2**63 - 1.0


def _fan(
    members: list[NodeData],
    ring: dict[str, Any],
    lo: float,
    hi: float,
    *,
    left: bool,
    seed: int,
    size: float,
    middle: frozenset[int] = frozenset(),
) -> dict[int, Point]:
    """Spread one cell over its bearings ``lo..hi`` of a ring.

    Every node gets its own bearing, so no two share a point; a crowded cell
    also zig-zags over several sub-rings so neighbours (and their labels)
    stand further apart.
    """
    n = len(members)
    span = math.radians(hi - lo)
    start = math.radians(lo)
    inner, outer = ring["inner"], ring["outer"]
    spacing = 0.07 * size  # wanted distance between neighbours on one sub-ring
    pad = 0.06 * (outer - inner)
    max_sub = max(1, int((outer - inner - 2 * pad) // (0.02 * size)) + 1)
    sub = min(max_sub, max(1, math.ceil(n * spacing / (span * ring["radius"]))))
    radii = _spread(inner + pad, outer - pad, sub) if sub > 1 else [ring["radius"]]
    # Radial jitter breaks up lines of labels but must never leave the band.
    wobble = min(0.15 * (radii[1] - radii[0]) if sub > 1 else 0.02 * size, 0.5 * pad)
    out: dict[int, Point] = {}
    for i, node in enumerate(members):
        bearing = start + (i + 0.5) / n * span
        if node.id in middle:
            r = ring["radius"]
        else:
            r = radii[i % sub] + wobble * _jitter(seed, node.id)
        x = r * math.sin(bearing)
        out[node.id] = (round(-x if left else x, 3), round(-r * math.cos(bearing), 3))
    return out


def _spread(lo: float, hi: float, count: int) -> list[float]:
    """``count`` evenly spaced values from ``lo`` to ``hi`` inclusive."""
    return [lo + (hi - lo) * k / (count - 1) for k in range(count)]


def circle_layout(pln: PLN, *, size: float = 1000.0) -> dict[int, Point]:
    """Nodes evenly on one circle, strongest ties first, then by name.

    >>> from .types import Owner
    >>> pos = circle_layout(PLN(owner=Owner("Me"), nodes=(NodeData(id=7, name="A"),)))
    >>> pos[7]
    (0.0, -400.0)
    """
    strength_rank = {s: k for k, s in enumerate(STRENGTHS)}
    ordered = sorted(pln.nodes, key=lambda n: (strength_rank.get(n.strength, 1), *_name_order(n)))
    radius = 0.4 * size
    out: dict[int, Point] = {}
    for i, node in enumerate(ordered):
        angle = 2 * math.pi * i / len(ordered)
        out[node.id] = (round(radius * math.sin(angle), 3), round(-radius * math.cos(angle), 3))
    return out


def force_layout(pln: PLN, *, seed: int = 0, size: float = 1000.0) -> dict[int, Point]:
    """A force-directed layout in which alter ties pull acquaintances together.

    The owner is left out of the forces (tied to everyone, it would only pull
    everything into one blob) and sits in a clear hole at the centre. A PLN
    with no alter ties has no structure to show, so it falls back to a circle.
    Uses igraph's Fruchterman-Reingold from a seeded start, which handles a
    few thousand nodes in well under a second.

    >>> from .types import Owner, AlterTieData
    >>> nodes = tuple(NodeData(id=i, name=str(i)) for i in range(4))
    >>> pln = PLN(owner=Owner("Me"), nodes=nodes, alter_ties=(AlterTieData(0, 1),))
    >>> force_layout(pln, seed=1) == force_layout(pln, seed=1)
    True
    """
    ids = sorted(n.id for n in pln.nodes)
    if not ids:
        return {}
    index = {node_id: i for i, node_id in enumerate(ids)}
    edges = sorted(
        {
            (min(index[t.source], index[t.target]), max(index[t.source], index[t.target]))
            for t in pln.alter_ties
            if t.source in index and t.target in index and t.source != t.target
        }
    )
    if not edges:
        return circle_layout(pln, size=size)

    import igraph  # local import: only the force layout needs it

    graph = igraph.Graph(n=len(ids), edges=edges)
    # A start drawn per node id (not from one stream), so a node's start does
    # not depend on who else is in the PLN.
    start = [[_jitter(seed, node_id), _jitter(seed + 7919, node_id)] for node_id in ids]
    # Fewer rounds on big graphs keeps 2,000 nodes well under a second; the
    # grid variant only computes repulsion between near neighbours.
    niter = max(100, min(500, 200_000 // len(ids)))
    # igraph jiggles nodes with its process-wide generator: seeded, alone.
    with seeded_igraph(seed):
        coords = graph.layout_fruchterman_reingold(
            seed=start, niter=niter, grid="grid" if len(ids) > 300 else "nogrid"
        ).coords
    return _fit(ids, coords, size=size)


def _fit(ids: list[int], coords: list[list[float]], *, size: float) -> dict[int, Point]:
    """Centre and scale raw coordinates into the map, leaving a hole for the owner."""
    xs = [c[0] for c in coords]
    ys = [c[1] for c in coords]
    cx = (min(xs) + max(xs)) / 2
    cy = (min(ys) + max(ys)) / 2
    reach = max(math.hypot(x - cx, y - cy) for x, y in zip(xs, ys, strict=True)) or 1.0
    outer = 0.48 * size
    hole = 0.1 * size  # the owner's clear space at the centre
    out: dict[int, Point] = {}
    for node_id, x, y in zip(ids, xs, ys, strict=True):
        dx, dy = (x - cx) / reach, (y - cy) / reach
        r = math.hypot(dx, dy)
        if r == 0:
            dx, dy, r = 0.0, -1.0, 0.0
        # Map the unit disc onto the ring between `hole` and `outer`: relative
        # positions (and so the clusters) survive, the centre stays free.
        scaled = hole + r * (outer - hole)
        unit = math.hypot(dx, dy)
        out[node_id] = (round(dx / unit * scaled, 3), round(dy / unit * scaled, 3))
    return out
