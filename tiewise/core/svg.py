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
from xml.sax.saxutils import escape, quoteattr

from .layout import BOUNDARY, PERSONAL, half_of, rings, sector_bounds, worksheet_layout
from .mapdata import (
    LINE_STYLES,
    NEUTRAL,
    PROSPECT_OPACITY,
    ROLE_COLORS,
    SHAPES,
    clean_text,
    node_color,
    node_shape,
)
from .types import PLN, NodeData
from .vocab import KINDS, ROLES, STRENGTHS

#: Longest label drawn next to a node; the full name goes in its <title>.
LABEL_CHARS = 40

#: Above this many nodes the names are left to tooltips: they would only
#: pile on top of one another.
LABEL_LIMIT = 400

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
) -> str:
    """Draw the PLN as a worksheet-style map and return the SVG document.

    ``labels`` defaults to drawing names unless the PLN is very large.

    >>> from .types import Owner
    >>> svg = render_svg(PLN(owner=Owner("Dr <Me>"), nodes=(NodeData(id=1, name="Ana"),)))
    >>> svg.startswith("<svg") and "Dr &lt;Me&gt;" in svg
    True
    """
    show_labels = len(pln.nodes) <= LABEL_LIMIT if labels is None else labels
    legend_rows = _legend_rows(pln)
    legend_height = 22 + 18 * len(legend_rows)
    side = max(200.0, min(width, height - legend_height))
    cx, cy = width / 2, side / 2
    # Keep a margin round the circle for sector labels and node names.
    size = side * 0.78
    layout = worksheet_layout(pln, seed=seed, size=size)
    radius = 0.98 * size / 2
    dot = 9.0 if len(pln.nodes) <= 60 else max(3.0, 9.0 - len(pln.nodes) / 120)
    font = 11 if len(pln.nodes) <= 120 else 9
    heading = title if title is not None else f"Personal learning network of {pln.owner.name}"

    out: list[str] = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" font-family="{_FONT}">',
        f"<title>{_text(heading)}</title>",
        "<desc>Ego at the centre; strong ties solid, weak ties dotted, prospects faint "
        "with no line; personal ties on the left, technology-mediated on the right.</desc>",
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>',
    ]
    out += _guides(cx, cy, size, radius)
    out += _alter_ties(pln, layout, cx, cy)
    out += _ties(pln, layout, cx, cy)
    out.append('<g class="nodes">')
    for node in sorted(pln.nodes, key=lambda n: n.id):
        x, y = layout[node.id]
        out += _node(node, cx + x, cy + y, dot, font if show_labels else 0)
    out.append("</g>")
    out += _ego(pln, cx, cy, dot, font)
    out += _legend(legend_rows, side, width, font)
    out.append("</svg>")
    return "\n".join(out)


def _guides(cx: float, cy: float, size: float, radius: float) -> list[str]:
    out = ['<g class="guides">']
    out.append(
        f'<circle cx="{_n(cx)}" cy="{_n(cy)}" r="{_n(radius)}" fill="#f8fafc" '
        f'stroke="{_GUIDE}" stroke-width="1"/>'
    )
    for ring in rings(size):
        out.append(
            f'<circle class="ring" cx="{_n(cx)}" cy="{_n(cy)}" r="{_n(ring["outer"])}" '
            f'fill="none" stroke="{_GUIDE}" stroke-width="0.8"/>'
        )
        # Ring names sit just inside each ring's outer edge, left of the foot
        # of the divider: boundary nodes put their names to the right.
        out.append(
            f'<text class="ring-label" x="{_n(cx - 5)}" y="{_n(cy + ring["outer"] - 4)}" '
            f'text-anchor="end" font-size="9" fill="#7b8794">{escape(ring["label"])}</text>'
        )
    inner = rings(size)[0]["inner"]
    for sector in sector_bounds():
        for bearing in (sector["start"], sector["end"]):
            for sign in (1, -1):
                a = math.radians(bearing)
                out.append(
                    f'<line class="sector-edge" x1="{_n(cx + sign * inner * math.sin(a))}" '
                    f'y1="{_n(cy - inner * math.cos(a))}" '
                    f'x2="{_n(cx + sign * radius * math.sin(a))}" '
                    f'y2="{_n(cy - radius * math.cos(a))}" stroke="{_GUIDE}" '
                    f'stroke-width="0.6"/>'
                )
        a = math.radians(sector["mid"])
        for sign, anchor in ((1, "start"), (-1, "end")):
            out.append(
                f'<text class="sector-label" x="{_n(cx + sign * (radius + 14) * math.sin(a))}" '
                f'y="{_n(cy - (radius + 14) * math.cos(a) + 4)}" text-anchor="{anchor}" '
                f'font-size="11" font-style="italic" fill="#616e7c">'
                f"{escape(sector['label'])}</text>"
            )
    out.append(
        f'<line class="divider" x1="{_n(cx)}" y1="{_n(cy - radius - 8)}" x2="{_n(cx)}" '
        f'y2="{_n(cy + radius + 8)}" stroke="#7b8794" stroke-width="1.2"/>'
    )
    top = max(14.0, cy - radius - 14)
    out.append(
        f'<text class="half-label" x="{_n(cx - 10)}" y="{_n(top)}" text-anchor="end" '
        f'font-size="14" font-weight="bold" fill="{_INK}">Personal</text>'
    )
    out.append(
        f'<text class="half-label" x="{_n(cx + 10)}" y="{_n(top)}" text-anchor="start" '
        f'font-size="14" font-weight="bold" fill="{_INK}">Technology</text>'
    )
    out.append("</g>")
    return out


def _alter_ties(
    pln: PLN, layout: dict[int, tuple[float, float]], cx: float, cy: float
) -> list[str]:
    out = ['<g class="alter-ties">']
    for tie in sorted(pln.alter_ties, key=lambda t: (t.source, t.target)):
        if tie.source not in layout or tie.target not in layout or tie.source == tie.target:
            continue
        (x1, y1), (x2, y2) = layout[tie.source], layout[tie.target]
        dash = f' stroke-dasharray="{_DOTS}"' if tie.strength == "weak" else ""
        out.append(
            f'<line class="alter-tie" x1="{_n(cx + x1)}" y1="{_n(cy + y1)}" '
            f'x2="{_n(cx + x2)}" y2="{_n(cy + y2)}" stroke="{_ALTER}" stroke-width="0.7" '
            f'stroke-opacity="0.6"{dash}/>'
        )
    out.append("</g>")
    return out


def _ties(pln: PLN, layout: dict[int, tuple[float, float]], cx: float, cy: float) -> list[str]:
    out = ['<g class="ties">']
    for node in sorted(pln.nodes, key=lambda n: n.id):
        style = LINE_STYLES.get(node.strength)
        if style is None:
            continue  # a prospect: no tie yet, so no line
        x, y = layout[node.id]
        dash = f' stroke-dasharray="{_DOTS}" stroke-linecap="round"' if style == "dotted" else ""
        out.append(
            f'<line class="tie tie-{node.strength}" data-node-id="{node.id}" '
            f'x1="{_n(cx)}" y1="{_n(cy)}" x2="{_n(cx + x)}" y2="{_n(cy + y)}" '
            f'stroke="{_TIE}" stroke-width="{1.6 if style == "solid" else 1.3}"{dash}/>'
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


def _node(node: NodeData, x: float, y: float, dot: float, font: int) -> list[str]:
    prospect = node.strength == "absent"
    opacity = f' opacity="{PROSPECT_OPACITY}"' if prospect else ""
    classes = f"node node-{node.strength}" + (" prospect" if prospect else "")
    out = [f'<g class="{escape(classes)}" data-node-id="{node.id}"{opacity}>']
    out.append(f"<title>{_text(node.name)}</title>")
    out.append(
        shape_markup(
            node_shape(node),
            x,
            y,
            dot,
            f'fill="{node_color(node)}" stroke="#ffffff" stroke-width="1.5"',
        )
    )
    if font:
        half = half_of(node)
        if half == BOUNDARY:
            anchor, tx, ty = "start", x + dot + 3, y + font / 3
        elif half == PERSONAL:
            anchor, tx, ty = "end", x - dot - 3, y + font / 3
        else:
            anchor, tx, ty = "start", x + dot + 3, y + font / 3
        out.append(
            f'<text x="{_n(tx)}" y="{_n(ty)}" text-anchor="{anchor}" font-size="{font}" '
            f'fill="{_INK}">{_text(truncate(clean_text(node.name)))}</text>'
        )
    out.append("</g>")
    return out


def _ego(pln: PLN, cx: float, cy: float, dot: float, font: int) -> list[str]:
    r = max(dot * 1.6, 10.0)
    name = pln.owner.name or "Me"
    return [
        '<g class="ego">',
        f"<title>{_text(name)}</title>",
        f'<circle cx="{_n(cx)}" cy="{_n(cy)}" r="{_n(r)}" fill="{_INK}" stroke="#ffffff" '
        'stroke-width="2"/>',
        f'<text x="{_n(cx)}" y="{_n(cy + r + font + 2)}" text-anchor="middle" '
        f'font-size="{font + 1}" font-weight="bold" fill="{_INK}">'
        f"{_text(truncate(clean_text(name)))}</text>",
        "</g>",
    ]


def _legend_rows(pln: PLN) -> list[list[tuple[str, str, str]]]:
    """Legend entries as rows of (symbol kind, symbol value, label).

    Only the roles that appear in this PLN are listed, so the legend stays
    short and every colour on it is one the reader can find on the map.
    """
    lines = [("line", LINE_STYLES.get(s, "none"), STRENGTHS[s]) for s in STRENGTHS]
    shapes = [("shape", SHAPES[k], KINDS[k]) for k in KINDS]
    used = {node_color(n) for n in pln.nodes}
    colours = [("color", c, ROLES[r]) for r, c in ROLE_COLORS.items() if c in used]
    if NEUTRAL in used:
        colours.append(("color", NEUTRAL, "No role yet"))
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
            else:
                out.append(shape_markup("ellipse", x + 12, y - 4, 5, f'fill="{value}"'))
            out.append(
                f'<text x="{_n(x + 30)}" y="{_n(y)}" font-size="{min(font, 11)}" '
                f'fill="{_INK}">{escape(label)}</text>'
            )
    out.append("</g>")
    return out
