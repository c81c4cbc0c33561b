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
from typing import Any

from .layout import (
    BOUNDARY,
    PERSONAL,
    TECHNOLOGY,
    UNPLACED,
    band_of,
    force_layout,
    half_of,
    rings,
    sector_bounds,
    worksheet_layout,
)
from .types import PLN, NodeData
from .vocab import FIELD_VOCAB, KINDS, ROLES, SECTORS, STRENGTHS

LAYOUTS = ("worksheet", "force")

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
    for role in node.roles:
        if role in ROLE_COLORS:
            return ROLE_COLORS[role]
    return NEUTRAL


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


def map_payload(
    pln: PLN,
    *,
    layout: str = "worksheet",
    seed: int = 0,
    positions: dict[int, tuple[float, float]] | None = None,
) -> dict[str, Any]:
    """Everything the browser needs to draw the PLN map.

    ``positions`` are the owner's saved spots (from dragging); they win over
    the automatic layout and mark those nodes ``pinned``.

    >>> from .types import Owner
    >>> pln = PLN(owner=Owner("Dr Me"), nodes=(NodeData(id=3, name="Ana", strength="strong"),))
    >>> data = map_payload(pln)
    >>> [n["id"] for n in data["nodes"]], [(e["target"], e["line_style"]) for e in data["edges"]]
    (['ego', 'n3'], [('n3', 'solid')])
    """
    if layout not in LAYOUTS:
        raise ValueError(f"unknown layout {layout!r}; choose one of {', '.join(LAYOUTS)}")
    size = map_size(len(pln.nodes))
    if layout == "force":
        placed = force_layout(pln, seed=seed, size=size)
    else:
        placed = worksheet_layout(pln, seed=seed, size=size)
    saved = positions or {}
    diameter = node_size(len(pln.nodes))

    nodes: list[dict[str, Any]] = [_ego(pln, diameter)]
    edges: list[dict[str, Any]] = []
    known: set[int] = set()
    for node in sorted(pln.nodes, key=lambda n: n.id):
        known.add(node.id)
        pinned = node.id in saved
        x, y = saved[node.id] if pinned else placed.get(node.id, (0.0, 0.0))
        nodes.append(_node(node, x=x, y=y, pinned=pinned, diameter=diameter))
        style = LINE_STYLES.get(node.strength)
        if style:
            edges.append(
                {
                    "id": f"e{node.id}",
                    "source": "ego",
                    "target": f"n{node.id}",
                    "kind": "tie",
                    "strength": node.strength,
                    "line_style": style,
                }
            )
    for tie in sorted(pln.alter_ties, key=lambda t: (t.source, t.target)):
        if tie.source not in known or tie.target not in known or tie.source == tie.target:
            continue
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
    return {
        "nodes": nodes,
        "edges": edges,
        "layout": layout,
        "seed": seed,
        "size": size,
        "guides": guides(size) if layout == "worksheet" else _no_guides(size),
        "legend": legend(),
        # Key -> label for every field, so the browser's filters and detail
        # panel read the same words as the rest of the product.
        "vocab": {name: dict(words) for name, words in FIELD_VOCAB.items()},
    }


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
            "opacity": 1.0,
            "size": round(diameter * 1.6, 1),
        },
    }


def _token(value: str) -> str:
    """A class-name-safe token (vocabulary values already are)."""
    return re.sub(r"[^a-z0-9_-]", "", value.lower())


def _node(node: NodeData, *, x: float, y: float, pinned: bool, diameter: float) -> dict[str, Any]:
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
    }


def legend() -> dict[str, Any]:
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
        },
        "prospect_opacity": PROSPECT_OPACITY,
        "halves": {BOUNDARY: "On the line: both personal and technology, or not yet said"},
    }
