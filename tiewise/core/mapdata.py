"""The network map as plain data: what GET /api/v1/map serves to Cytoscape.js.

:func:`map_payload` turns a PLN into nodes and edges with positions and style
hints, plus the guides (rings, halves, sectors) and the legend, so the
browser only draws. The SVG renderer reads the same styles, so the picture
in the browser, on /map.svg and in the PDF worksheet agree.

Names travel as plain strings: nothing here is HTML. Whoever shows them must
set them as text (Cytoscape labels, ``textContent``), never as markup.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import replace
from functools import partial
from typing import Any

from .analysis.structure import communities
from .labels import LINE_HEIGHT, Label, place_labels, text_width
from .layout import (
    BOUNDARY,
    PERSONAL,
    TECHNOLOGY,
    UNPLACED,
    UNPLACED_LABEL,
    UNSET,
    band_of,
    clamp_to_region,
    force_layout,
    half_of,
    region_of,
    ring_of,
    rings,
    sector_bounds,
    worksheet_layout,
)
from .types import PLN, NodeData
from .vocab import AREAS, FIELD_VOCAB, KINDS, REACHES, ROLES, SECTORS, STRENGTHS

LAYOUTS = ("worksheet", "force")

#: Bumped whenever the payload or the layout changes, so cached maps made
#: by an older release are not served after an upgrade.
PAYLOAD_VERSION = 15

#: Cytoscape.js shape names per kind; the SVG renderer draws the same shapes.
SHAPES: dict[str, str] = {
    "person": "ellipse",
    "team": "round-triangle",
    "department": "round-diamond",
    "organisation": "round-rectangle",
    "community": "round-hexagon",
}

#: Line style per tie strength, in Cytoscape's vocabulary. Prospects have no
#: tie yet, so they get no line at all.
LINE_STYLES: dict[str, str] = {"strong": "solid", "weak": "dotted"}

NEUTRAL = "#9aa5b1"

#: Fill colour by primary role. Distinct hues first (Okabe-Ito), then extras.
ROLE_COLORS: dict[str, str] = {
    "mentor": "#0072b2",
    "coach": "#009e73",
    "sponsor": "#d55e00",
    "adviser": "#cc79a7",
    "research_advisor": "#56b4e9",
    "collaborator": "#e69f00",
    "peer": "#8c6d31",
    "mentee": "#f0e442",
    "subject_expert": "#6a3d9a",
    "confidant": "#b15928",
    "friend": "#1b9e77",
    "family": "#e7298a",
}

#: Fill colour by sector, for the "colour by sector" view.
SECTOR_COLORS: dict[str, str] = {
    "medicine": "#0072b2",
    "health_professions": "#56b4e9",
    "academia": "#009e73",
    "industry": "#e69f00",
    "government": "#d55e00",
    "nonprofit": "#cc79a7",
    "other": "#7f7f7f",
}

#: What "Colour by" offers, in menu order.
COLOR_BY: dict[str, str] = {
    "role": "Role",
    "strength": "Strength",
    "area": "Area",
    "sector": "Sector",
    "reach": "Reach",
    "cluster": "Cluster (who knows whom)",
}

STRENGTH_COLORS: dict[str, str] = {"strong": "#1f4e79", "weak": "#56b4e9", "absent": "#bcccdc"}

AREA_COLORS: dict[str, str] = {
    "academic": "#0072b2",
    "expertise": "#e69f00",
    "professional_identity": "#009e73",
    "informal_community": "#cc79a7",
}

#: Reach reads as near to far, so it is one hue from light to dark.
REACH_COLORS: dict[str, str] = {
    "local": "#c6dbef",
    "regional": "#6baed6",
    "national": "#2171b5",
    "international": "#08306b",
}

#: The largest clusters get a hue each; smaller ones share one.
CLUSTER_COLORS = ("#0072b2", "#e69f00", "#009e73", "#cc79a7", "#d55e00", "#56b4e9", "#8c6d31")
SMALL_CLUSTER_COLOR = "#52606d"

PROSPECT_OPACITY = 0.35

HALF_LABELS = {PERSONAL: "Personal", TECHNOLOGY: "Technology"}

# C0/C1 controls other than tab and newline, lone surrogates, the two
# non-characters XML forbids, and the bidirectional overrides/isolates that
# would let a name flip the text drawn after it.
_UNSAFE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff"
    "\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)


def clean_text(text: str) -> str:
    """A name made safe to draw: controls and bidi overrides removed.

    This is not escaping (callers still escape for their format); it removes
    characters that no format should carry into a picture.

    >>> clean_text("Ana\\x00 \\u202eevil")
    'Ana evil'
    """
    return _UNSAFE.sub("", text)


def node_color(node: NodeData, *, by: str = "role") -> str:
    """Fill colour of a node: its first known role (or sector), else neutral.

    >>> node_color(NodeData(id=1, name="A", roles=("mentor",)))
    '#0072b2'
    >>> node_color(NodeData(id=1, name="A", sector="industry"), by="sector")
    '#e69f00'
    """
    if by == "sector":
        return SECTOR_COLORS.get(node.sector, NEUTRAL)
    if by == "strength":
        return STRENGTH_COLORS.get(node.strength, NEUTRAL)
    if by == "reach":
        return REACH_COLORS.get(node.reach, NEUTRAL)
    if by == "area":
        return next((AREA_COLORS[a] for a in node.areas if a in AREA_COLORS), NEUTRAL)
    for role in node.roles:
        if role in ROLE_COLORS:
            return ROLE_COLORS[role]
    return NEUTRAL


def cluster_color(cluster: int | None) -> str:
    """Colour of a cluster number (largest first); ``None`` is someone who
    knows no one else on the map.

    >>> cluster_color(0), cluster_color(40), cluster_color(None)
    ('#0072b2', '#52606d', '#9aa5b1')
    """
    if cluster is None:
        return NEUTRAL
    return CLUSTER_COLORS[cluster] if cluster < len(CLUSTER_COLORS) else SMALL_CLUSTER_COLOR


def clusters_of(pln: PLN) -> dict[int, int]:
    """Cluster number of every node that knows someone else in the PLN
    (Louvain on the alter ties, largest cluster first, seeded)."""
    index = {n.id: i for i, n in enumerate(pln.nodes)}
    edges = [
        (index[t.source], index[t.target])
        for t in pln.alter_ties
        if t.source in index and t.target in index and t.source != t.target
    ]
    if not edges:
        return {}
    membership = communities(len(index), edges)
    sizes: dict[int, int] = defaultdict(int)
    for c in membership.tolist():
        sizes[c] += 1
    return {
        node_id: int(membership[i]) for node_id, i in index.items() if sizes[int(membership[i])] > 1
    }


def clusters_from(report_clusters: Iterable[Mapping[str, Any]]) -> dict[int, int]:
    """Node id to cluster number from the insights report's ``clusters``
    (the same seeded Louvain run as :func:`clusters_of`), so a map whose
    caller has that report cached does not cluster the network again.

    >>> clusters_from([{"id": 0, "size": 2, "node_ids": [4, 9]}])
    {4: 0, 9: 0}
    """
    return {node_id: int(c["id"]) for c in report_clusters for node_id in c["node_ids"]}


def node_colors(node: NodeData, cluster: int | None = None) -> dict[str, str]:
    """The node's fill for every "Colour by" choice."""
    out = {by: node_color(node, by=by) for by in COLOR_BY if by != "cluster"}
    out["cluster"] = cluster_color(cluster)
    return out


def node_shape(node: NodeData) -> str:
    """Cytoscape shape name for a node's kind (people are round)."""
    return SHAPES.get(node.kind, "ellipse")


def map_size(node_count: int) -> float:
    """Side of the square the layout fills; grows so big PLNs are not crammed.

    >>> map_size(10), map_size(2000) > 3000
    (1000.0, True)
    """
    return round(1000.0 * max(1.0, math.sqrt(node_count / 150)), 1)


def node_size(node_count: int) -> float:
    """Diameter of a node in map units: smaller when there are many.

    >>> node_size(10), node_size(2000)
    (28.0, 16.0)
    """
    return 28.0 if node_count <= 150 else max(16.0, 28.0 - (node_count - 150) / 50)


def label_font(size: float, drawn: int) -> float:
    """Label size in map units: about 12 px when the map is fitted to a laptop
    screen, a little smaller when many names must share the circle.

    >>> label_font(1000, 20), label_font(1000, 40), label_font(1000, 150)
    (26.0, 24.0, 20.0)
    """
    return round(size * (0.026 if drawn <= 30 else 0.024 if drawn <= 60 else 0.02), 1)


#: Up to this many nodes every one is drawn by name; above it, the people
#: who matter are drawn and everyone else is counted in a group per cell.
DRAW_ALL = 80

#: Most people drawn by name on a grouped map (the rest join their group),
#: so a 3,000-tie map stays at about 300 elements and its names fit.
FOCUS_LIMIT = 44

#: Most people drawn by name per ring: the strong ring is the smallest, and
#: names only read when they have room round their dot.
RING_LIMITS = {"strong": 18, "weak": 18, "absent": 8}

#: A phone's map (``compact``): the wheel is 350 px wide, not 800, so names
#: are drawn larger (this fraction of the map's side, about 10 px when
#: fitted) and fewer people are drawn by name, the most important first, so
#: the larger names fit.
COMPACT_FONT = 0.031
#: ... and its dots this much larger, so a finger can tap them.
COMPACT_DOT = 1.3
COMPACT_FOCUS_LIMIT = 16
COMPACT_RING_LIMITS = {"strong": 8, "weak": 7, "absent": 3}
COMPACT_DRAW_ALL = 30

#: Alter ties drawn on a grouped map (among the people drawn).
ALTER_LIMIT = 60

#: The roles that make someone matter on the map, most first.
KEY_ROLES = ("mentor", "sponsor", "coach", "research_advisor", "adviser", "confidant")

_RING_NOUN = {"strong": "strong ties", "weak": "weak ties", "absent": "prospects"}
_HALF_WORD = {
    PERSONAL: "personal",
    TECHNOLOGY: "technology",
    BOUNDARY: "both modes",
    UNSET: "mode not set",
}


def focus_rank(node: NodeData, *, pinned: bool = False, linked: bool = False) -> int | None:
    """How much a node matters on a big map: lower first; None means it may
    join a group.

    >>> focus_rank(NodeData(id=1, name="A", roles=("mentor",)))
    2
    >>> focus_rank(NodeData(id=1, name="A")) is None
    True
    """
    if pinned:
        return 0
    if linked:
        return 1
    if any(r in KEY_ROLES for r in node.roles):
        return 2
    if node.strength == "strong":
        return 3
    if node.strength == "absent":
        return 4
    if node.roles:
        return 5
    return None


def group_id(node: NodeData) -> str:
    """The id of the group a node joins when it is not drawn by name.

    >>> group_id(NodeData(id=1, name="A", strength="weak", areas=("academic",)))
    'g-weak-unset-academic'
    """
    return f"g-{ring_of(node)}-{half_of(node)}-{band_of(node)}"


def group_label(key: str, count: int) -> tuple[str, ...]:
    """Two lines naming a group: how many of what, and where.

    >>> group_label("g-weak-unset-academic", 312)
    ('312 weak ties', 'Academic · mode not set')
    """
    _, ring, half, band = key.split("-", 3)
    noun = _RING_NOUN.get(ring, "ties")
    if count == 1:
        noun = noun.replace("ties", "tie").replace("prospects", "prospect")
    where = AREAS.get(band, UNPLACED_LABEL)
    return (f"{count:,} {noun}", f"{where} · {_HALF_WORD.get(half, half)}")


def split_focus(
    pln: PLN,
    *,
    pinned: frozenset[int] = frozenset(),
    linked: frozenset[int] = frozenset(),
    compact: bool = False,
    limit: int | None = None,
) -> tuple[list[NodeData], dict[str, list[NodeData]]]:
    """Who is drawn by name, and everyone else by group id.

    Small PLNs draw everyone. Otherwise the people who matter (pinned,
    linked to a goal or action, key roles, strong ties, prospects, any role)
    are drawn, best first up to :data:`FOCUS_LIMIT` (:data:`COMPACT_FOCUS_LIMIT`
    on a phone); everyone else is counted in exactly one group. A group of
    one is drawn as that person. ``limit`` overrides the focus limit.
    """
    nodes = sorted(pln.nodes, key=lambda n: n.id)
    draw_all, most, ring_limits = (
        (COMPACT_DRAW_ALL, COMPACT_FOCUS_LIMIT, COMPACT_RING_LIMITS)
        if compact
        else (DRAW_ALL, FOCUS_LIMIT, RING_LIMITS)
    )
    limit = most if limit is None else limit
    if len(nodes) <= draw_all:
        return nodes, {}
    ranked: list[tuple[int, str, int, NodeData]] = []
    rest: list[NodeData] = []
    for node in nodes:
        rank = focus_rank(node, pinned=node.id in pinned, linked=node.id in linked)
        if rank is None:
            rest.append(node)
        else:
            ranked.append((rank, node.name.casefold(), node.id, node))
    ranked.sort(key=lambda t: t[:3])
    drawn: list[NodeData] = []
    per_ring: dict[str, int] = defaultdict(int)
    for _, _, _, node in ranked:
        ring = ring_of(node)
        if len(drawn) < limit and per_ring[ring] < ring_limits.get(ring, 30):
            drawn.append(node)
            per_ring[ring] += 1
        else:
            rest.append(node)
    groups: dict[str, list[NodeData]] = defaultdict(list)
    for node in rest:
        groups[group_id(node)].append(node)
    for key in [k for k, members in groups.items() if len(members) == 1]:
        drawn.append(groups.pop(key)[0])
    drawn.sort(key=lambda n: n.id)
    return drawn, dict(sorted(groups.items()))


def map_payload(
    pln: PLN,
    *,
    layout: str = "worksheet",
    seed: int = 0,
    positions: dict[int, tuple[float, float]] | None = None,
    linked: frozenset[int] = frozenset(),
    group: str | None = None,
    members_url: str = "?group=",
    clusters: Mapping[int, int] | None = None,
    compact: bool = False,
) -> dict[str, Any]:
    """Everything the browser needs to draw the PLN map.

    ``positions`` are the owner's saved spots (from dragging); they win over
    the automatic layout and mark those nodes ``pinned``. ``linked`` are the
    nodes tied to a goal or an action (always drawn by name). With
    ``group``, the nodes are that group's members, around its bubble.
    ``clusters`` (node id to cluster number, for "colour by cluster") are
    computed here unless the caller has them. ``compact`` is a phone's
    worksheet: fewer names, drawn larger (see :data:`COMPACT_FONT`).

    >>> from .types import Owner
    >>> pln = PLN(owner=Owner("Dr Me"), nodes=(NodeData(id=3, name="Ana", strength="strong"),))
    >>> data = map_payload(pln)
    >>> [n["id"] for n in data["nodes"]], [(e["target"], e["line_style"]) for e in data["edges"]]
    (['ego', 'n3'], [('n3', 'solid')])
    """
    if layout not in LAYOUTS:
        raise ValueError(f"unknown layout {layout!r}; choose one of {', '.join(LAYOUTS)}")
    compact = compact and layout == "worksheet"
    build = partial(
        _map_payload, pln, layout=layout, seed=seed, positions=positions, linked=linked,
        members_url=members_url, clusters=clusters, compact=compact,
    )  # fmt: skip
    if not compact:
        return build(group=group)
    # A phone's larger names may not all find room: then fewer are drawn by
    # name (the unplaced join their groups) until every one drawn is named.
    # The whole map decides the split, so a group's members match it.
    limit = COMPACT_FOCUS_LIMIT
    payload = build(group=None, limit=limit)
    for _ in range(3):
        unnamed = sum(
            1
            for n in payload["nodes"]
            if n["kind"] not in ("ego", "group") and not n["label_shown"]
        )
        if not unnamed or not payload["grouped"]:
            break
        limit = max(4, limit - unnamed)
        payload = build(group=None, limit=limit)
    return payload if group is None else build(group=group, limit=limit)


def _map_payload(
    pln: PLN,
    *,
    layout: str,
    seed: int,
    positions: dict[int, tuple[float, float]] | None,
    linked: frozenset[int],
    group: str | None,
    members_url: str,
    clusters: Mapping[int, int] | None,
    compact: bool,
    limit: int | None = None,
) -> dict[str, Any]:
    saved = positions or {}
    if layout == "force":
        drawn = sorted(pln.nodes, key=lambda n: n.id)
        groups: dict[str, list[NodeData]] = {}
    else:
        drawn, groups = split_focus(
            pln, pinned=frozenset(saved), linked=linked, compact=compact, limit=limit
        )
    count = len(drawn) + len(groups)
    size = map_size(count)
    diameter = node_size(count)
    font = label_font(size, count)
    if compact:
        font = round(size * COMPACT_FONT, 1)
        diameter = round(diameter * COMPACT_DOT, 1)
    # Each group takes a stand-in node in its cell, so the layout keeps room for it.
    stand_ins = {
        key: _stand_in(-(i + 1), members[0]) for i, (key, members) in enumerate(groups.items())
    }
    shown = replace(pln, nodes=(*drawn, *stand_ins.values()))
    if layout == "force":
        placed = force_layout(shown, seed=seed, size=size)
    else:
        placed = worksheet_layout(
            shown, seed=seed, size=size, middle=frozenset(n.id for n in stand_ins.values())
        )

    if clusters is None:
        clusters = clusters_of(pln)
    nodes: list[dict[str, Any]] = [_ego(pln, diameter)]
    edges: list[dict[str, Any]] = []
    for node in drawn:
        pinned = node.id in saved
        x, y = saved[node.id] if pinned else placed.get(node.id, (0.0, 0.0))
        region = region_of(node, size) if layout == "worksheet" else None
        if pinned and region is not None:
            # A spot saved before a strength or mode changed stays in the right place.
            x, y = clamp_to_region((x, y), region)
        nodes.append(
            _node(node, x=x, y=y, pinned=pinned, diameter=diameter, cluster=clusters.get(node.id))
        )
        if region is not None:
            nodes[-1]["region"] = region
        style = LINE_STYLES.get(node.strength)
        if style:
            edges.append(_tie_edge(f"e{node.id}", f"n{node.id}", node.strength, style))
    band_width = (rings(size)[1]["outer"] - rings(size)[1]["inner"]) * 0.8
    for key, members in groups.items():
        stand_in = stand_ins[key]
        x, y = placed[stand_in.id]
        bubble = min(band_width, diameter * (1.3 + 0.9 * math.log10(len(members))))
        nodes.append(_group(key, members, x=x, y=y, diameter=bubble, url=members_url + key))
        style = LINE_STYLES.get(stand_in.strength)
        if style:
            edges.append(_tie_edge(f"e{key}", key, stand_in.strength, style, kind="group"))
    if layout == "worksheet":
        _separate(nodes, size)
    drawn_ids = {n.id for n in drawn}
    alter = [
        t
        for t in sorted(pln.alter_ties, key=lambda t: (t.strength != "strong", t.source, t.target))
        if t.source in drawn_ids and t.target in drawn_ids and t.source != t.target
    ]
    if groups:
        alter = alter[:ALTER_LIMIT]
    for tie in sorted(alter, key=lambda t: (t.source, t.target)):
        edges.append(
            {
                "id": f"a{tie.source}-{tie.target}",
                "source": f"n{tie.source}",
                "target": f"n{tie.target}",
                "kind": "alter",
                "strength": tie.strength,
                "line_style": "dotted" if tie.strength == "weak" else "solid",
            }
        )
    drawn_guides = guides(size) if layout == "worksheet" else _no_guides(size)
    if layout == "worksheet":
        drawn_guides["empty"] = empty_cells(pln, drawn_guides, font)
        marks = guide_label_spots(drawn_guides, font)
        place_node_labels(nodes, font, within=drawn_guides["radius"], fixed=marks)
    payload: dict[str, Any] = {
        "nodes": nodes,
        "edges": edges,
        "layout": layout,
        "seed": seed,
        "size": size,
        "font_size": font,
        "compact": compact,
        "total": len(pln.nodes),
        "grouped": sum(len(m) for m in groups.values()),
        "guides": drawn_guides,
        "legend": legend(clusters),
        # Key -> label for every field, so the browser's filters and detail
        # panel read the same words as the rest of the product.
        "vocab": {name: dict(words) for name, words in FIELD_VOCAB.items()},
    }
    if group is not None:
        payload.update(_group_members(group, groups, nodes, diameter, font))
    return payload


def _tie_edge(
    edge_id: str, target: str, strength: str, style: str, kind: str = "tie"
) -> dict[str, Any]:
    return {
        "id": edge_id,
        "source": "ego",
        "target": target,
        "kind": kind,
        "strength": strength,
        "line_style": style,
    }


def _stand_in(stand_in_id: int, like: NodeData) -> NodeData:
    """A placeholder with a member's ring and cell, where the group's bubble goes."""
    return NodeData(
        id=stand_in_id, name="", strength=ring_of(like), modes=like.modes, areas=(band_of(like),)
    )


def _group(
    key: str, members: list[NodeData], *, x: float, y: float, diameter: float, url: str
) -> dict[str, Any]:
    first = members[0]
    lines = group_label(key, len(members))
    return {
        "id": key,
        "node_id": None,
        "label": "\n".join(lines),
        "kind": "group",
        "count": len(members),
        "members_url": url,
        # So a search can say which group holds a match without asking again.
        "member_ids": [m.id for m in members],
        "strength": ring_of(first),
        "half": half_of(first),
        "band": band_of(first),
        "areas": [band_of(first)] if band_of(first) != UNPLACED else [],
        "modes": list(first.modes),
        "x": round(x, 3),
        "y": round(y, 3),
        "pinned": False,
        "classes": f"group {_token(ring_of(first))}",
        "style": {
            "shape": "ellipse",
            "color": GROUP_COLOR,
            "role_color": GROUP_COLOR,
            "sector_color": GROUP_COLOR,
            "colors": dict.fromkeys(COLOR_BY, GROUP_COLOR),
            "opacity": 0.9,
            "size": round(diameter, 1),
        },
    }


GROUP_COLOR = "#e4e7eb"


def _group_members(
    key: str,
    groups: dict[str, list[NodeData]],
    nodes: list[dict[str, Any]],
    diameter: float,
    font: float,
) -> dict[str, Any]:
    """The members of one group as map nodes, spiralled round its bubble."""
    if key not in groups:
        raise KeyError(key)
    bubble = next(n for n in nodes if n["id"] == key)
    members = sorted(groups[key], key=lambda n: (n.name.casefold(), n.id))
    out = []
    golden = math.pi * (3 - math.sqrt(5))
    for i, node in enumerate(members):
        r = bubble["style"]["size"] / 2 + diameter * (1 + 0.9 * math.sqrt(i))
        x = bubble["x"] + r * math.cos(i * golden)
        y = bubble["y"] + r * math.sin(i * golden)
        out.append(_node(node, x=x, y=y, pinned=False, diameter=diameter))
    return {"group": key, "nodes": out, "edges": [], "count": len(out)}


def _separate(nodes: list[dict[str, Any]], size: float, rounds: int = 40) -> None:
    """Nudge apart any two drawn nodes that touch, keeping each in its ring.

    The fan layout gives every node its own bearing, but a crowded cell, a
    group bubble or a dragged node can still sit on a neighbour.
    """
    bands = {r["strength"]: (r["inner"], r["outer"]) for r in rings(size)}
    gap = 0.004 * size
    movable = [n for n in nodes if n["id"] != "ego"]
    # Pairs are visited in the nodes' order, never by memory address (which
    # made the same PLN's map differ from one run to the next).
    rank = {n["id"]: k for k, n in enumerate(movable)}
    cell = max(n["style"]["size"] for n in nodes) + gap
    for _ in range(rounds):
        grid: dict[tuple[int, int], list[dict[str, Any]]] = defaultdict(list)
        for n in movable:
            grid[(math.floor(n["x"] / cell), math.floor(n["y"] / cell))].append(n)
        moved = False
        for (i, j), here in list(grid.items()):
            near = [
                m for di in (-1, 0, 1) for dj in (-1, 0, 1) for m in grid.get((i + di, j + dj), ())
            ]
            for a in here:
                for b in near:
                    if a is b or rank[a["id"]] > rank[b["id"]] and b in here:
                        continue
                    want = (a["style"]["size"] + b["style"]["size"]) / 2 + gap
                    dx, dy = b["x"] - a["x"], b["y"] - a["y"]
                    dist = math.hypot(dx, dy)
                    if dist >= want:
                        continue
                    if dist == 0:
                        dx, dy, dist = 1.0, 0.0, 1.0
                    push = (want - dist) / 2 + 0.01
                    for node, sign in ((a, -1.0), (b, 1.0)):
                        if node["pinned"]:
                            continue
                        node["x"] += sign * push * dx / dist
                        node["y"] += sign * push * dy / dist
                        _clamp(node, bands)
                    moved = True
        if not moved:
            break
    for n in movable:
        n["x"], n["y"] = round(n["x"], 3), round(n["y"], 3)


def _clamp(node: dict[str, Any], bands: dict[str, tuple[float, float]]) -> None:
    inner, outer = bands.get(node.get("strength") or "weak", bands["weak"])
    r = math.hypot(node["x"], node["y"]) or 1.0
    clamped = min(max(r, inner), outer)
    if clamped != r:
        node["x"] *= clamped / r
        node["y"] *= clamped / r


#: Written in a sector where the owner has no one yet, so a gap shows at once.
EMPTY_LABEL = "No ties yet"


def empty_cells(pln: PLN, g: dict[str, Any], font: float) -> list[dict[str, Any]]:
    """The area sectors, per half, where the owner has no tie at all (strong
    or weak; prospects do not fill a gap; a tie with no mode yet fills its
    area on both halves), each with the spot where the map writes "No ties
    yet": mid-sector, on the weak ring.

    >>> from .types import Owner
    >>> pln = PLN(owner=Owner("Me"), nodes=(
    ...     NodeData(id=1, name="A", modes=("personal",), areas=("academic",)),))
    >>> cells = empty_cells(pln, guides(1000), 12.0)
    >>> ("academic", "personal") in {(c["sector"], c["half"]) for c in cells}
    False
    >>> len(cells)
    7
    """
    filled: set[tuple[str, str]] = set()
    for node in pln.nodes:
        if node.strength not in ("strong", "weak"):
            continue
        band = band_of(node)
        # A tie whose mode is not set yet (co-authors from PubMed) is drawn
        # at the foot of the wheel, but it is no gap in its area: saying
        # "No ties yet" beside 100 academic co-authors would be false.
        modes = set(node.modes) & {PERSONAL, TECHNOLOGY} or {PERSONAL, TECHNOLOGY}
        filled.update((band, half) for half in modes)
    weak = next((r for r in g["rings"] if r["strength"] == "weak"), None)
    r = weak["radius"] if weak else g["radius"] / 2
    out = []
    for sector in g["sectors"]:
        if sector.get("straddle") or sector["key"] not in AREAS:
            continue
        a = math.radians(sector["mid"])
        for half in (PERSONAL, TECHNOLOGY):
            if (sector["key"], half) in filled:
                continue
            sign = -1.0 if half == PERSONAL else 1.0
            out.append(
                {
                    "sector": sector["key"],
                    "half": half,
                    "label": EMPTY_LABEL,
                    "x": round(sign * r * math.sin(a), 3),
                    "y": round(-r * math.cos(a), 3),
                    "font": round(0.8 * font, 2),
                    "start": sector["start"],
                    "end": sector["end"],
                }
            )
    return out


def guide_label_spots(g: dict[str, Any], font: float) -> list[tuple[str, float, float, float]]:
    """Where each ring's name is written (on the divider, just inside the
    ring's outer edge) and each half's (above the wheel), added to the
    guides as ``label_y``, ``label_font`` (and ``label_dx``), in map units;
    returned as circles that node labels must keep clear of.

    >>> spots = guide_label_spots(guides(1000), 12.0)
    >>> sorted({key.split("-")[0] for key, _x, _y, _r in spots})
    ['half', 'ring', 'sector']
    """
    label_font = round(0.8 * font, 2)
    out = []
    for ring in g["rings"]:
        y = -(ring["outer"] - 0.9 * label_font)
        ring["label_y"] = round(y, 3)
        ring["label_font"] = label_font
        w = text_width(ring["label"], label_font)
        out += _text_row(f"ring-{ring['strength']}", -w / 2, ring["label_y"], w, label_font)
    # The halves' names stand above the wheel, either side of the divider,
    # where a label on a leader line could otherwise land.
    half_font = round(1.1 * font, 2)
    for half in g["halves"]:
        sign = -1.0 if half["side"] == "left" else 1.0
        w = text_width(half["label"], half_font)
        half["label_y"] = round(-(g["radius"] + 0.9 * half_font), 3)
        half["label_dx"] = round(0.6 * half_font, 3)
        half["label_font"] = half_font
        x0 = half["label_dx"] if sign > 0 else -half["label_dx"] - w
        out += _text_row(f"half-{half['key']}", x0, half["label_y"], w, half_font)
    for cell in g.get("empty", []):
        w = text_width(cell["label"], cell["font"])
        out += _text_row(
            f"empty-{cell['sector']}-{cell['half']}", cell["x"] - w / 2, cell["y"], w, cell["font"]
        )
    # The sectors' names stand just outside the wheel, on both halves.
    sector_font = round(0.75 * font, 2)
    for sector in g["sectors"]:
        sector["label_font"] = sector_font
        if sector.get("straddle"):
            if sector["mid"] != 180.0:
                continue  # the top of the divider carries the halves' names
            w = text_width(sector["label"], sector_font)
            sector["label_r"] = round(g["radius"] + 1.0 * sector_font, 3)
            sector["label_lines"] = [sector["label"]]
            out += _text_row(f"sector-{sector['key']}", -w / 2, sector["label_r"], w, sector_font)
            continue
        words = sector["label"].split()
        cut = math.ceil(len(words) / 2)
        lines = (
            [" ".join(words[:cut]), " ".join(words[cut:])]
            if len(sector["label"]) > 12 and len(words) > 1
            else [sector["label"]]
        )
        sector["label_lines"] = lines
        sector["label_r"] = round(g["radius"] + 0.4 * sector_font, 3)
        a = math.radians(sector["mid"])
        ax, ay = sector["label_r"] * math.sin(a), -sector["label_r"] * math.cos(a)
        for i, line in enumerate(lines):
            w = text_width(line, sector_font)
            dy = (i - (len(lines) - 1) / 2) * LINE_HEIGHT * sector_font
            out += _text_row(f"sector-{sector['key']}-r{i}", ax, ay + dy, w, sector_font)
            out += _text_row(f"sector-{sector['key']}-l{i}", -ax - w, ay + dy, w, sector_font)
    return out


def _text_row(
    key: str, x0: float, y: float, width: float, font: float
) -> list[tuple[str, float, float, float]]:
    """A line of text as a row of small circles, the obstacle shape the label
    placer knows, so it blocks the line and not a disc as tall as it is wide."""
    r = 0.6 * font
    count = max(1, math.ceil(width / r))
    step = width / count
    return [(f"{key}-{i}", round(x0 + (i + 0.5) * step, 3), y, round(r, 3)) for i in range(count)]


def place_node_labels(
    nodes: list[dict[str, Any]],
    font: float,
    *,
    within: float | None = None,
    fixed: list[tuple[str, float, float, float]] | None = None,
) -> None:
    """Give every drawn node a label spot that hits no other label or node
    (see :mod:`tiewise.core.labels`), most important first; adds ``label_box``
    (``dx``, ``dy``, ``w``, ``h`` of the label's box centre relative to the
    node), ``leader`` and ``label_shown`` to each node."""

    def priority(n: dict[str, Any]) -> tuple[int, float]:
        if n["id"] == "ego":
            return (0, 0.0)
        if n["kind"] == "group":
            return (3, -float(n["count"]))
        roles = n.get("roles") or []
        rank = (
            1 if any(r in KEY_ROLES for r in roles) else 2 if n.get("strength") == "strong" else 4
        )
        return (rank, math.hypot(n["x"], n["y"]))

    obstacles = [(n["id"], n["x"], n["y"], n["style"]["size"] / 2) for n in nodes]
    obstacles += fixed or []  # the rings' names, written on the map itself
    wanted = []
    for n in sorted(nodes, key=priority):
        if n["kind"] == "group":
            continue  # a group shows its count inside its bubble
        size = font * (1.15 if n["id"] == "ego" else 1.0)
        side = -1 if n["x"] < 0 else 1
        # Everyone drawn is drawn by name: a crowded label may stand outside
        # the wheel, on a leader line, rather than be left off.
        wanted.append(
            Label(
                n["id"], n["x"], n["y"], n["style"]["size"] / 2, (_short(n["label"]),), size, side,
                may_leave=True,
            )
        )  # fmt: skip
    placed = place_labels(wanted, obstacles, within=within)
    for n in nodes:
        if n["kind"] == "group":
            inside = min(font * 1.1, n["style"]["size"] * 0.42)
            n["text"] = f"{n['count']:,}"
            n["label_box"] = {"dx": 0.0, "dy": 0.0, "w": n["style"]["size"], "h": inside}
            n["leader"] = False
            n["label_shown"] = True
            n["font_size"] = round(inside, 2)
            continue
        p = placed[n["id"]]
        n["text"] = _short(n["label"])
        n["label_box"] = {"dx": p.dx, "dy": p.dy, "w": p.width, "h": p.height}
        n["leader"] = p.leader
        n["label_shown"] = p.shown
        n["font_size"] = round(font * (1.15 if n["id"] == "ego" else 1.0), 2)


#: Longest name drawn on the map; the full name is in the details panel.
LABEL_CHARS = 28


def _short(name: str) -> str:
    return name if len(name) <= LABEL_CHARS else name[: LABEL_CHARS - 1].rstrip() + "…"


def _ego(pln: PLN, diameter: float) -> dict[str, Any]:
    return {
        "id": "ego",
        "node_id": None,
        "label": clean_text(pln.owner.name) or "Me",
        "kind": "ego",
        "x": 0.0,
        "y": 0.0,
        "pinned": True,
        "classes": "ego",
        "style": {
            "shape": "ellipse",
            "color": "#1f2933",
            "role_color": "#1f2933",
            "sector_color": "#1f2933",
            "colors": dict.fromkeys(COLOR_BY, "#1f2933"),
            "opacity": 1.0,
            "size": round(diameter * 1.6, 1),
        },
    }


def _token(value: str) -> str:
    """A class-name-safe token (vocabulary values already are)."""
    return re.sub(r"[^a-z0-9_-]", "", value.lower())


def _node(
    node: NodeData,
    *,
    x: float,
    y: float,
    pinned: bool,
    diameter: float,
    cluster: int | None = None,
) -> dict[str, Any]:
    half = half_of(node)
    band = band_of(node)
    classes = ["node", _token(node.strength), f"kind-{_token(node.kind)}", f"half-{half}"]
    if node.strength == "absent":
        classes.append("prospect")
    if pinned:
        classes.append("pinned")
    return {
        "id": f"n{node.id}",
        "node_id": node.id,
        "label": clean_text(node.name),
        "kind": node.kind,
        "strength": node.strength,
        "modes": list(node.modes),
        "areas": list(node.areas),
        "roles": list(node.roles),
        "sector": node.sector,
        "reach": node.reach,
        "organisation": clean_text(node.organisation),
        "half": half,
        "band": band,
        "x": round(float(x), 3),
        "y": round(float(y), 3),
        "pinned": pinned,
        "classes": " ".join(classes),
        "style": {
            "shape": node_shape(node),
            "color": node_color(node),
            "role_color": node_color(node),
            "sector_color": node_color(node, by="sector"),
            "colors": node_colors(node, cluster),
            "opacity": PROSPECT_OPACITY if node.strength == "absent" else 1.0,
            "size": diameter,
        },
    }


def guides(size: float) -> dict[str, Any]:
    """Background geometry of the worksheet map, for whoever draws it.

    Bearings are degrees clockwise from the top on the right half; the left
    half mirrors them (``360 - bearing``).

    >>> g = guides(1000)
    >>> [h["label"] for h in g["halves"]]
    ['Personal', 'Technology']
    """
    half = size / 2
    return {
        "show": True,
        "radius": round(0.98 * half, 3),
        "rings": rings(size),
        "sectors": sector_bounds(),
        "unplaced": UNPLACED,
        "halves": [
            {"key": PERSONAL, "label": HALF_LABELS[PERSONAL], "side": "left"},
            {"key": TECHNOLOGY, "label": HALF_LABELS[TECHNOLOGY], "side": "right"},
        ],
        "divider": {"x": 0.0, "y1": round(-0.98 * half, 3), "y2": round(0.98 * half, 3)},
        "boundary_label": "Both or not yet said",
        "empty": [],
    }


def _no_guides(size: float) -> dict[str, Any]:
    """Same keys as :func:`guides`, empty: a force layout has no fixed geometry."""
    return {
        "show": False,
        "radius": round(size / 2, 3),
        "rings": [],
        "sectors": [],
        "halves": [],
        "divider": None,
        "boundary_label": "",
        "empty": [],
    }


def _cluster_legend(clusters: Mapping[int, int]) -> list[dict[str, str]]:
    """One entry per coloured cluster with its size, then the shared ones.

    >>> [e["label"] for e in _cluster_legend({1: 0, 2: 0, 3: 1, 4: 1})]
    ['Cluster 1 · 2 people', 'Cluster 2 · 2 people', 'Knows no one else here']
    """
    sizes: dict[int, int] = defaultdict(int)
    for c in clusters.values():
        sizes[c] += 1
    out = [
        {"key": str(c), "label": f"Cluster {c + 1} · {sizes[c]} people", "color": cluster_color(c)}
        for c in sorted(sizes)
        if c < len(CLUSTER_COLORS)
    ]
    if any(c >= len(CLUSTER_COLORS) for c in sizes):
        out.append({"key": "smaller", "label": "Smaller clusters", "color": SMALL_CLUSTER_COLOR})
    out.append({"key": "", "label": "Knows no one else here", "color": NEUTRAL})
    return out


def legend(clusters: Mapping[int, int] | None = None) -> dict[str, Any]:
    """What the line styles, shapes and colours mean.

    >>> [(i["strength"], i["line_style"]) for i in legend()["lines"]]
    [('strong', 'solid'), ('weak', 'dotted'), ('absent', 'none')]
    """
    return {
        "lines": [
            {"strength": s, "label": STRENGTHS[s], "line_style": LINE_STYLES.get(s, "none")}
            for s in STRENGTHS
        ],
        "shapes": [{"kind": k, "label": KINDS[k], "shape": SHAPES[k]} for k in KINDS],
        "colors": {
            "role": [
                *({"key": k, "label": ROLES[k], "color": ROLE_COLORS[k]} for k in ROLES),
                {"key": "", "label": "No role yet", "color": NEUTRAL},
            ],
            "sector": [
                *({"key": k, "label": SECTORS[k], "color": SECTOR_COLORS[k]} for k in SECTORS),
                {"key": "", "label": "No sector yet", "color": NEUTRAL},
            ],
            "strength": [
                {"key": k, "label": STRENGTHS[k], "color": STRENGTH_COLORS[k]} for k in STRENGTHS
            ],
            "area": [
                *({"key": k, "label": AREAS[k], "color": AREA_COLORS[k]} for k in AREAS),
                {"key": "", "label": "No area yet", "color": NEUTRAL},
            ],
            "reach": [
                *({"key": k, "label": REACHES[k], "color": REACH_COLORS[k]} for k in REACHES),
                {"key": "", "label": "No reach yet", "color": NEUTRAL},
            ],
            "cluster": _cluster_legend(clusters or {}),
        },
        "prospect_opacity": PROSPECT_OPACITY,
        "halves": {BOUNDARY: "On the line: both personal and technology, or not yet said"},
    }
