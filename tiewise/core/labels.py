"""Label placement by collision avoidance, for the worksheet map.

:func:`place_labels` puts each label next to its node where it hits no
other label and no node, trying the spots a cartographer would (outward
first, then below, above, the other side, the diagonals) and then spots
further away joined to the node by a leader line. Labels are placed in
priority order, so the people who matter most get the best spots; a label
with no free spot anywhere is left off (``shown`` is false) rather than
drawn on top of another.

Everything is in map units (the browser, the SVG and the PDF scale the
same geometry uniformly), with text widths estimated generously for a
Helvetica-like sans-serif, so what is free here stays free when drawn.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

#: Average advance of a character, as a fraction of the font size; a little
#: wider than Helvetica's so real text never outgrows its box.
_NARROW = frozenset("iljtf.,:;'|!() ")
_WIDE = frozenset("mwMW@%")
LINE_HEIGHT = 1.2


def text_width(text: str, font: float) -> float:
    """Estimated width of one line of text in the same units as ``font``.

    >>> text_width("Ana", 10) < text_width("Anastasia", 10)
    True
    """
    units = 0.0
    for ch in text:
        if ch in _NARROW:
            units += 0.34
        elif ch in _WIDE:
            units += 0.9
        elif ch.isupper() or ch.isdigit():
            units += 0.68
        else:
            units += 0.58
    return units * font


@dataclass(frozen=True, slots=True)
class Box:
    x1: float
    y1: float
    x2: float
    y2: float

    def overlaps(self, other: Box) -> bool:
        return (
            self.x1 < other.x2 and other.x1 < self.x2 and self.y1 < other.y2 and other.y1 < self.y2
        )

    def hits_circle(self, x: float, y: float, r: float) -> bool:
        nx = min(max(x, self.x1), self.x2)
        ny = min(max(y, self.y1), self.y2)
        return (nx - x) ** 2 + (ny - y) ** 2 < r * r


@dataclass(frozen=True, slots=True)
class Label:
    """What to place: a node's label, in priority order."""

    key: str
    x: float
    y: float
    r: float  # the node's radius
    lines: tuple[str, ...]
    font: float
    outward: int = 1  # +1 read to the right, -1 to the left
    may_leave: bool = False  # may sit outside ``within`` when nothing inside is free


@dataclass(frozen=True, slots=True)
class Placement:
    """Where a label went: its box centre relative to the node, its size,
    and whether a leader line joins it to its node."""

    dx: float
    dy: float
    width: float
    height: float
    leader: bool
    shown: bool

    def box(self, x: float, y: float) -> Box:
        cx, cy = x + self.dx, y + self.dy
        return Box(
            cx - self.width / 2, cy - self.height / 2, cx + self.width / 2, cy + self.height / 2
        )


#: A box as its corners (x1, y1, x2, y2): the placer tests thousands of
#: candidate spots per map, and a tuple is several times cheaper to make
#: and compare than a `Box`.
_Corners = tuple[float, float, float, float]


class _Grid:
    """Boxes bucketed by cell, so a query only looks at near neighbours.
    Each entry starts with its box's corners; a node's entry goes on with
    its circle (x, y, r)."""

    def __init__(self, cell: float) -> None:
        self.cell = cell
        self.buckets: dict[tuple[int, int], list[tuple[float, ...]]] = defaultdict(list)

    def cells(self, box: _Corners) -> list[tuple[int, int]]:
        c = self.cell
        x1, y1, x2, y2 = box
        rows = range(math.floor(y1 / c), math.floor(y2 / c) + 1)
        return [(i, j) for i in range(math.floor(x1 / c), math.floor(x2 / c) + 1) for j in rows]

    def add(self, box: _Corners, entry: tuple[float, ...] | None = None) -> None:
        for key in self.cells(box):
            self.buckets[key].append(entry or box)


def _blocked(box: _Corners, placed: _Grid, nodes: _Grid) -> bool:
    """Whether `box` overlaps a placed label or touches a drawn node's
    circle. Both grids have one cell size, so the cells are found once:
    this runs for every spot tried, thousands of times on a big map (so
    `_Grid.cells` is written out here)."""
    x1, y1, x2, y2 = box
    c = placed.cell
    columns = range(math.floor(x1 / c), math.floor(x2 / c) + 1)
    rows = range(math.floor(y1 / c), math.floor(y2 / c) + 1)
    labels, circles = placed.buckets.get, nodes.buckets.get
    for i in columns:
        for j in rows:
            for a1, b1, a2, b2 in labels((i, j), ()):
                if a1 < x2 and x1 < a2 and b1 < y2 and y1 < b2:
                    return True
    for i in columns:
        for j in rows:
            for a1, b1, a2, b2, x, y, r in circles((i, j), ()):
                if a1 < x2 and x1 < a2 and b1 < y2 and y1 < b2:
                    # The nearest point of the box to the circle's centre.
                    nx = min(max(x, x1), x2)
                    ny = min(max(y, y1), y2)
                    if (nx - x) ** 2 + (ny - y) ** 2 < r * r:
                        return True
    return False


#: The directions of the spots further out, in the order they are tried:
#: outward first, then all round (x towards the label's outward side).
_ROUND = tuple(
    (math.cos(math.radians(deg)), math.sin(math.radians(deg)))
    for deg in (0, 30, -30, 60, -60, 90, -90, 120, -120, 150, -150, 180)
)


def _candidates(label: Label, w: float, h: float) -> Iterable[tuple[float, float, bool]]:
    gap = 0.25 * label.font
    r = label.r
    side = label.outward or 1
    beside = r + gap + w / 2
    under = r + gap + h / 2
    near = [
        (side * beside, 0.0),
        (0.0, under),
        (0.0, -under),
        (-side * beside, 0.0),
        (side * (r * 0.75 + w / 2), r * 0.75 + h / 2),
        (side * (r * 0.75 + w / 2), -(r * 0.75 + h / 2)),
        (-side * (r * 0.75 + w / 2), r * 0.75 + h / 2),
        (-side * (r * 0.75 + w / 2), -(r * 0.75 + h / 2)),
    ]
    for dx, dy in near:
        yield dx, dy, False
    # Further out, joined by a leader line: outward first, then all round.
    step = 1.0 * label.font
    for k in range(1, 25):
        reach = r + gap + k * step
        for cos, sin in _ROUND:
            yield side * cos * (reach + w / 2), sin * (reach + h / 2), True


def place_labels(
    labels: Sequence[Label],
    obstacles: Sequence[tuple[str, float, float, float]],
    *,
    within: float | None = None,
) -> dict[str, Placement]:
    """Place ``labels`` (highest priority first) avoiding each other and the
    ``obstacles`` (``(key, x, y, r)`` circles: every drawn node), and, with
    ``within``, inside the circle of that radius round the origin (where the
    map's own sector names sit outside).

    >>> out = place_labels(
    ...     [Label("a", 0, 0, 5, ("Ana",), 10), Label("b", 12, 0, 5, ("Bo",), 10)],
    ...     [("a", 0, 0, 5), ("b", 12, 0, 5)],
    ... )
    >>> out["a"].box(0, 0).overlaps(out["b"].box(12, 0))
    False
    """
    biggest = max((lab.font for lab in labels), default=10.0)
    grid = _Grid(cell=8 * biggest)
    circles = _Grid(cell=8 * biggest)
    for _key, x, y, r in obstacles:
        circles.add((x - r, y - r, x + r, y + r), (x - r, y - r, x + r, y + r, x, y, r))
    out: dict[str, Placement] = {}
    for label in labels:
        w = max(text_width(line, label.font) for line in label.lines) + 0.3 * label.font
        h = LINE_HEIGHT * label.font * len(label.lines)
        width, height = round(w, 2), round(h, 2)
        half_w, half_h = width / 2, height / 2
        chosen: Placement | None = None
        # Inside the circle if at all possible; outside it rather than nowhere.
        # Outside it, no further than the drawing's margin (the SVG and the PDF
        # keep about a quarter of the radius round the wheel).
        bounds = (within, within * 1.25) if within is not None and label.may_leave else (within,)
        for bound in bounds:
            for dx, dy, leader in _candidates(label, w, h):
                # The box as `Placement.box` makes it, from the rounded offsets.
                ox, oy = round(dx, 2), round(dy, 2)
                cx, cy = label.x + ox, label.y + oy
                box = (cx - half_w, cy - half_h, cx + half_w, cy + half_h)
                # The cheapest test first; the spot chosen is the first to pass all
                # three. Inside the circle: the box's farthest corner is within it.
                if bound is not None:
                    far_x = max(abs(box[0]), abs(box[2]))
                    far_y = max(abs(box[1]), abs(box[3]))
                    if far_x * far_x + far_y * far_y > bound * bound:
                        continue
                if _blocked(box, grid, circles):
                    continue
                chosen = Placement(ox, oy, width, height, leader, True)
                break
            if chosen is not None:
                break
        if chosen is None:
            out[label.key] = Placement(0.0, label.r + h / 2, width, height, False, False)
            continue
        grid.add(box)  # the chosen spot's box (the loop broke on it)
        out[label.key] = chosen
    return out
