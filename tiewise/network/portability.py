"""Where the owner placed nodes on the map, in a Tiewise JSON export, and
its restore. (The nodes, ties and alter ties themselves are the body of the
export, written and read through the node-field registry.)

Section `map_positions`, version 1: `{"node", "layout", "x", "y"}` per
dragged node and layout, in node order.
"""

from __future__ import annotations

from typing import Any

from tiewise.core.vocab import LAYOUTS
from tiewise.transfer.rows import Ids, rows_of

from .models import MapPosition

MAP_POSITIONS_VERSION = 1


def export_map_positions(owner: Any) -> list[dict[str, Any]]:
    positions = MapPosition.objects.filter(node__owner=owner).order_by("node_id", "layout")
    return [{"node": p.node_id, "layout": p.layout, "x": p.x, "y": p.y} for p in positions]


def restore_map_positions(owner: Any, rows: list[Any], ids: Ids) -> int:
    """Put restored nodes back where they were dragged. A node the file
    merged into someone the owner had keeps the owner's own position."""
    wanted: dict[tuple[int, str], MapPosition] = {}
    for row in rows_of("map_positions", rows, ids):
        node = row.ref("node", "node")
        if node is None:
            raise row.invalid("node", "this cannot be empty")
        layout = row.choice("layout", LAYOUTS, default="worksheet")
        wanted[(node, layout)] = MapPosition(
            node_id=node, layout=layout, x=row.number("x"), y=row.number("y")
        )
    taken = set(MapPosition.objects.filter(node__owner=owner).values_list("node_id", "layout"))
    new = [p for key, p in wanted.items() if key not in taken]
    MapPosition.objects.bulk_create(new, batch_size=500)
    return len(new)
