"""The worksheet map as a standalone SVG, drawn on the server.

No browser needed: /map.svg serves it and the PDF worksheet embeds it. It
uses the same layout, shapes and colours as the interactive map. Only
presentation attributes are used (no ``<style>``, no script), because PDF
renderers honour those most reliably.

Every string that came from a user goes through :func:`_text` or
:func:`_attr`: unsafe characters removed, then XML-escaped.
"""

from __future__ import annotations

import math
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from .labels import LINE_HEIGHT
from .mapdata import (
    GROUP_COLOR,
    LINE_STYLES,
    NEUTRAL,
    PROSPECT_OPACITY,
    ROLE_COLORS,
    SHAPES,
    clean_text,
    map_payload,
)
from .types import PLN
from .vocab import KINDS, ROLES, STRENGTHS

#: Longest label drawn next to a node; the full name goes in its <title>.
LABEL_CHARS = 40

_INK = "#1f2933"
_GUIDE = "#cbd2d9"
_TIE = "#52606d"
_ALTER = "#9aa5b1"
_DOTS = "1.5 4"
_FONT = "Helvetica, Arial, sans-serif"


def _text(value: str) -> str:
    """User text as XML character data."""
    return escape(clean_text(value))


def _attr(value: str) -> str:
    """User text as a quoted XML attribute value (quotes included)."""
    return quoteattr(clean_text(value))


def _n(value: float) -> str:
    """A coordinate, short."""
    return f"{value:.1f}"


def truncate(name: str, limit: int = LABEL_CHARS) -> str:
    """A label no longer than ``limit`` characters, ending in an ellipsis if cut.

    >>> truncate("Ana"), truncate("x" * 50, 10)
    ('Ana', 'xxxxxxxxx…')
    """
    return name if len(name) <= limit else name[: limit - 1].rstrip() + "…"


def render_svg(
    pln: PLN,
    *,
    width: int = 800,
    height: int = 800,
    seed: int = 0,
    title: str | None = None,
    labels: bool | None = None,
    linked: frozenset[int] = frozenset(),
    positions: dict[int, tuple[float, float]] | None = None,
) -> str:
    """Draw the PLN as a worksheet-style map and return the SVG document.

    It draws :func:`~tiewise.core.mapdata.map_payload` (the same people,
    groups, positions and label spots as the browser), scaled to fit.
    ``labels=False`` leaves the names to tooltips.

    >>> from .types import NodeData, Owner
    >>> svg = render_svg(PLN(owner=Owner("Dr <Me>"), nodes=(NodeData(id=1, name="Ana"),)))
    >>> svg.startswith("<svg") and "Dr &lt;Me&gt;" in svg
    True
    """
    # The drawing is coloured by role: clustering (half a second at 3,000
    # ties) only serves the browser's "colour by cluster".
    payload = map_payload(pln, seed=seed, linked=linked, positions=positions, clusters={})
    show_labels = True if labels is None else labels
    legend_rows = _legend_rows(pln, payload)
    legend_height = 22 + 18 * len(legend_rows)
    side = max(200.0, min(width, height - legend_height))
    cx, cy = width / 2, side / 2
    # Keep a margin round the circle for sector labels.
    scale = side * 0.76 / payload["size"]
    heading = title if title is not None else f"Personal learning network of {pln.owner.name}"
    nodes = {n["id"]: n for n in payload["nodes"]}

    def at(n: dict[str, Any]) -> tuple[float, float]:
        return cx + n["x"] * scale, cy + n["y"] * scale

    out: list[str] = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" font-family="{_FONT}">',
        f"<title>{_text(heading)}</title>",
        "<desc>Ego at the centre; strong ties solid, weak ties dotted, prospects faint "
        "with no line; personal ties on the left, technology-mediated on the right; "
        "grey bubbles count the people not drawn by name.</desc>",
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>',
    ]
    out += _guides(cx, cy, payload["guides"], scale)
    out.append('<g class="alter-ties">')
    for e in payload["edges"]:
        if e["kind"] == "alter":
            (x1, y1), (x2, y2) = at(nodes[e["source"]]), at(nodes[e["target"]])
            dash = f' stroke-dasharray="{_DOTS}"' if e["line_style"] == "dotted" else ""
            out.append(
                f'<line class="alter-tie" x1="{_n(x1)}" y1="{_n(y1)}" x2="{_n(x2)}" '
                f'y2="{_n(y2)}" stroke="{_ALTER}" stroke-width="0.7" stroke-opacity="0.6"{dash}/>'
            )
    out.append("</g>")
    out.append('<g class="ties">')
    for e in payload["edges"]:
        if e["kind"] == "alter":
            continue
        target = nodes[e["target"]]
        x, y = at(target)
        dotted = e["line_style"] == "dotted"
        dash = f' stroke-dasharray="{_DOTS}" stroke-linecap="round"' if dotted else ""
        node_id = target["node_id"] if target["node_id"] is not None else target["id"]
        out.append(
            f'<line class="tie tie-{_attr_token(e["strength"])}" data-node-id="{node_id}" '
            f'x1="{_n(cx)}" y1="{_n(cy)}" x2="{_n(x)}" y2="{_n(y)}" '
            f'stroke="{_TIE}" stroke-width="{1.3 if dotted else 1.6}"{dash}/>'
        )
    out.append("</g>")
    out.append('<g class="nodes">')
    for n in payload["nodes"]:
        if n["id"] == "ego":
            continue
        out += _node(n, *at(n), scale, show_labels)
    out.append("</g>")
    out += _ego(nodes["ego"], cx, cy, scale)
    out += _legend(legend_rows, side, width, 11)
    out.append("</svg>")
    return "\n".join(out)


def _attr_token(value: str) -> str:
    return "".join(ch for ch in value if ch.isalnum() or ch in "_-")


def _empty_cells(cx: float, cy: float, g: dict[str, Any], scale: float, inner: float) -> list[str]:
    """Tint each sector with no one in it and write "No ties yet" there."""
    out = []
    radius = g["radius"] * scale

    def at(bearing: float, r: float) -> str:
        a = math.radians(bearing)
        return f"{_n(cx + r * math.sin(a))} {_n(cy - r * math.cos(a))}"

    for cell in g["empty"]:
        left = cell["half"] == "personal"
        lo, hi = (360 - cell["end"], 360 - cell["start"]) if left else (cell["start"], cell["end"])
        out.append(
            f'<path class="empty-sector" d="M {at(lo, inner)} L {at(lo, radius)} '
            f"A {_n(radius)} {_n(radius)} 0 0 1 {at(hi, radius)} L {at(hi, inner)} "
            f'A {_n(inner)} {_n(inner)} 0 0 0 {at(lo, inner)} Z" fill="#fdf1dc" stroke="none"/>'
        )
        out.append(
            f'<text class="empty-label" x="{_n(cx + cell["x"] * scale)}" '
            f'y="{_n(cy + cell["y"] * scale)}" text-anchor="middle" dominant-baseline="middle" '
            f'font-size="{_n(max(8.0, cell["font"] * scale))}" font-style="italic" '
            f'fill="#8a5a00">{escape(cell["label"])}</text>'
        )
    return out


def _guides(cx: float, cy: float, g: dict[str, Any], scale: float) -> list[str]:
    out = ['<g class="guides">']
    radius = g["radius"] * scale
    out.append(
        f'<circle cx="{_n(cx)}" cy="{_n(cy)}" r="{_n(radius)}" fill="#f8fafc" '
        f'stroke="{_GUIDE}" stroke-width="1"/>'
    )
    out += _empty_cells(cx, cy, g, scale, g["rings"][0]["inner"] * scale if g["rings"] else 0.0)
    for ring in g["rings"]:
        out.append(
            f'<circle class="ring" cx="{_n(cx)}" cy="{_n(cy)}" r="{_n(ring["outer"] * scale)}" '
            f'fill="none" stroke="{_GUIDE}" stroke-width="0.8"/>'
        )
    inner = g["rings"][0]["inner"] * scale if g["rings"] else 0.0
    edges: set[float] = set()
    for sector in g["sectors"]:
        edges.update({sector["start"] % 360, sector["end"] % 360})
        edges.update({(360 - sector["start"]) % 360, (360 - sector["end"]) % 360})
    for bearing in sorted(edges):
        if bearing in (0.0, 180.0):
            continue  # the divider
        a = math.radians(bearing)
        out.append(
            f'<line class="sector-edge" x1="{_n(cx + inner * math.sin(a))}" '
            f'y1="{_n(cy - inner * math.cos(a))}" x2="{_n(cx + radius * math.sin(a))}" '
            f'y2="{_n(cy - radius * math.cos(a))}" stroke="{_GUIDE}" stroke-width="0.6"/>'
        )
    for sector in g["sectors"]:
        a = math.radians(sector["mid"])
        if sector.get("straddle"):
            if sector["mid"] == 0.0:
                continue  # the top of the divider carries the half labels
            foot = sector["label_r"] * scale
            size = max(8.0, sector["label_font"] * scale)
            out.append(
                f'<text class="sector-label" x="{_n(cx)}" y="{_n(cy + foot)}" '
                f'dominant-baseline="middle" text-anchor="middle" font-size="{_n(size)}" '
                f'font-style="italic" fill="#616e7c">'
                f"{escape(sector['label'])}</text>"
            )
            continue
        # Where mapdata.guide_label_spots kept node labels clear of the name.
        at = sector["label_r"] * scale
        size = max(8.0, sector["label_font"] * scale)
        lines = sector["label_lines"]
        for sign, anchor in ((1, "start"), (-1, "end")):
            x = _n(cx + sign * at * math.sin(a))
            top = cy - at * math.cos(a) - (len(lines) - 1) / 2 * 1.2 * size
            spans = "".join(
                f'<tspan x="{x}" y="{_n(top + i * 1.2 * size)}">{escape(line)}</tspan>'
                for i, line in enumerate(lines)
            )
            out.append(
                f'<text class="sector-label" text-anchor="{anchor}" dominant-baseline="middle" '
                f'font-size="{_n(size)}" font-style="italic" fill="#616e7c">{spans}</text>'
            )
    # The divider runs from the top to the "mode not set" wedge at the foot.
    foot = g["rings"][0]["inner"] * scale if g["rings"] else radius
    out.append(
        f'<line class="divider" x1="{_n(cx)}" y1="{_n(cy - radius - 6)}" x2="{_n(cx)}" '
        f'y2="{_n(cy + foot)}" stroke="#7b8794" stroke-width="1.2"/>'
    )
    for ring in g["rings"]:
        # Ring names on the divider's upper part, between the rings' edges.
        # Node labels were placed clear of this spot (mapdata.guide_label_spots).
        y = ring["label_y"] * scale
        font = max(7.5, ring["label_font"] * scale)
        out.append(
            f'<text class="ring-label" x="{_n(cx)}" y="{_n(cy + y)}" dominant-baseline="middle" '
            f'text-anchor="middle" font-size="{_n(font)}" fill="#7b8794" stroke="#f8fafc" '
            f'stroke-width="2.5" paint-order="stroke">{escape(ring["label"])}</text>'
        )
    for half in g["halves"]:
        left = half["side"] == "left"
        top = cy + half["label_y"] * scale
        dx = half["label_dx"] * scale
        size = max(10.0, half["label_font"] * scale)
        out.append(
            f'<text class="half-label" x="{_n(cx - dx if left else cx + dx)}" y="{_n(top)}" '
            f'dominant-baseline="middle" text-anchor="{"end" if left else "start"}" '
            f'font-size="{_n(size)}" font-weight="bold" '
            f'fill="{_INK}">{escape(half["label"])}</text>'
        )
    out.append("</g>")
    return out


def shape_markup(shape: str, x: float, y: float, r: float, paint: str) -> str:
    """One node symbol centred on (x, y); ``paint`` holds fill/stroke attributes.

    >>> shape_markup("ellipse", 0, 0, 5, 'fill="red"')
    '<circle cx="0.0" cy="0.0" r="5.0" fill="red"/>'
    """
    if shape == "ellipse":
        return f'<circle cx="{_n(x)}" cy="{_n(y)}" r="{_n(r)}" {paint}/>'
    if shape == "round-rectangle":
        s = r * 0.9
        return (
            f'<rect x="{_n(x - s)}" y="{_n(y - s)}" width="{_n(2 * s)}" height="{_n(2 * s)}" '
            f'rx="{_n(s * 0.35)}" {paint}/>'
        )
    corners = {"round-triangle": 3, "round-diamond": 4, "round-hexagon": 6}.get(shape, 4)
    scale = 1.2 if corners == 3 else 1.05
    points = " ".join(
        f"{_n(x + scale * r * math.sin(2 * math.pi * k / corners))},"
        f"{_n(y - scale * r * math.cos(2 * math.pi * k / corners))}"
        for k in range(corners)
    )
    return f'<polygon points="{points}" stroke-linejoin="round" {paint}/>'


def _node(n: dict[str, Any], x: float, y: float, scale: float, labels: bool) -> list[str]:
    style = n["style"]
    r = style["size"] / 2 * scale
    group = n["kind"] == "group"
    prospect = n.get("strength") == "absent"
    opacity = f' opacity="{PROSPECT_OPACITY}"' if prospect and not group else ""
    classes = "group" if group else f"node node-{_attr_token(n.get('strength') or '')}"
    if prospect and not group:
        classes += " prospect"
    node_id = n["id"] if group else n["node_id"]
    count = f' data-count="{n["count"]}"' if group else ""
    out = [f'<g class="{escape(classes)}" data-node-id="{escape(str(node_id))}"{count}{opacity}>']
    out.append(f"<title>{_text(n['label'].replace(chr(10), ' · '))}</title>")
    if group:
        dash = ' stroke-dasharray="3 2"' if n.get("strength") == "absent" else ""
        out.append(
            f'<circle cx="{_n(x)}" cy="{_n(y)}" r="{_n(r)}" fill="{GROUP_COLOR}" '
            f'stroke="#7b8794" stroke-width="1"{dash}/>'
        )
    else:
        paint = f'fill="{style["color"]}" stroke="#ffffff" stroke-width="1.2"'
        out.append(shape_markup(style["shape"], x, y, r, paint))
    box = n.get("label_box")
    if labels and box and n.get("label_shown", True):
        out += _label(n, x, y, scale)
    out.append("</g>")
    return out


def _label(n: dict[str, Any], x: float, y: float, scale: float) -> list[str]:
    """The label in its placed box, with a leader line when it stands off."""
    box = n["label_box"]
    font = n["font_size"] * scale
    bx, by = x + box["dx"] * scale, y + box["dy"] * scale
    lines = [n.get("text") or truncate(n["label"], 28)]
    out = []
    if n.get("leader"):
        half_w, half_h = box["w"] * scale / 2, box["h"] * scale / 2
        # Stop the leader at the edge of the label's box.
        ex = min(max(x, bx - half_w), bx + half_w)
        ey = min(max(y, by - half_h), by + half_h)
        out.append(
            f'<line class="leader" x1="{_n(x)}" y1="{_n(y)}" x2="{_n(ex)}" y2="{_n(ey)}" '
            f'stroke="#9aa5b1" stroke-width="0.6"/>'
        )
    top = by - box["h"] * scale / 2
    weight = ' font-weight="bold"' if n["kind"] == "group" else ""
    fill = "#3e4c59" if n["kind"] == "group" else _INK
    for i, line in enumerate(lines):
        ty = top + font * (LINE_HEIGHT * i + 0.95)
        out.append(
            f'<text x="{_n(bx)}" y="{_n(ty)}" text-anchor="middle" font-size="{font:.1f}" '
            f'fill="{fill}"{weight}>{_text(line)}</text>'
        )
    return out


def _ego(n: dict[str, Any], cx: float, cy: float, scale: float) -> list[str]:
    r = n["style"]["size"] / 2 * scale
    out = [
        '<g class="ego">',
        f"<title>{_text(n['label'])}</title>",
        f'<circle cx="{_n(cx)}" cy="{_n(cy)}" r="{_n(r)}" fill="{_INK}" stroke="#ffffff" '
        'stroke-width="2"/>',
    ]
    labelled = {**n, "label": truncate(n["label"])}
    out += [
        line.replace("<text ", '<text font-weight="bold" ', 1)
        for line in _label(labelled, cx, cy, scale)
    ]
    out.append("</g>")
    return out


def _legend_rows(pln: PLN, payload: dict[str, Any]) -> list[list[tuple[str, str, str]]]:
    """Legend entries as rows of (symbol kind, symbol value, label).

    Only the roles that appear on this map are listed, so the legend stays
    short and every colour on it is one the reader can find on the map.
    """
    lines = [("line", LINE_STYLES.get(s, "none"), STRENGTHS[s]) for s in STRENGTHS]
    shapes = [("shape", SHAPES[k], KINDS[k]) for k in KINDS]
    used = {n["style"]["color"] for n in payload["nodes"] if n["kind"] not in ("ego", "group")}
    colours = [("color", c, ROLES[r]) for r, c in ROLE_COLORS.items() if c in used]
    if NEUTRAL in used:
        colours.append(("color", NEUTRAL, "No role yet"))
    if any(n["kind"] == "group" for n in payload["nodes"]):
        colours.append(("group", GROUP_COLOR, "Group: people not drawn by name"))
    rows = [lines, shapes]
    rows += [colours[i : i + 5] for i in range(0, len(colours), 5)]
    return rows


def _legend(rows: list[list[tuple[str, str, str]]], top: float, width: int, font: int) -> list[str]:
    out = ['<g class="legend">']
    out.append(
        f'<text x="12" y="{_n(top + 14)}" font-size="12" font-weight="bold" '
        f'fill="{_INK}">Legend</text>'
    )
    column = max(120.0, (width - 24) / 5)
    for row_index, row in enumerate(rows):
        y = top + 32 + 18 * row_index
        for col, (what, value, label) in enumerate(row):
            x = 12 + col * column
            if what == "line":
                if value == "none":
                    out.append(
                        shape_markup(
                            "ellipse",
                            x + 12,
                            y - 4,
                            5,
                            f'fill="{NEUTRAL}" opacity="{PROSPECT_OPACITY}"',
                        )
                    )
                else:
                    dash = f' stroke-dasharray="{_DOTS}"' if value == "dotted" else ""
                    out.append(
                        f'<line class="legend-{value}" x1="{_n(x)}" y1="{_n(y - 4)}" '
                        f'x2="{_n(x + 24)}" y2="{_n(y - 4)}" stroke="{_TIE}" '
                        f'stroke-width="1.6"{dash}/>'
                    )
            elif what == "shape":
                out.append(shape_markup(value, x + 12, y - 4, 5, f'fill="{NEUTRAL}"'))
            elif what == "group":
                out.append(
                    shape_markup("ellipse", x + 12, y - 4, 6, f'fill="{value}" stroke="#7b8794"')
                )
            else:
                out.append(shape_markup("ellipse", x + 12, y - 4, 5, f'fill="{value}"'))
            out.append(
                f'<text x="{_n(x + 30)}" y="{_n(y)}" font-size="{min(font, 11)}" '
                f'fill="{_INK}">{escape(label)}</text>'
            )
    out.append("</g>")
    return out
