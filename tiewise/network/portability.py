"""What the export says about nodes beyond their fields, and its restore.
(The nodes, ties and alter ties themselves are the body of the export,
written and read through the node-field registry.)

Sections, each version 1, in node order:

- `node_dates`: `{"node", "created_at"}`, when each node joined the PLN
  (a tie with no contact yet is due, and lapses, counting from then).
- `map_positions`: `{"node", "layout", "x", "y"}` per dragged node and layout.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tiewise.core.vocab import LAYOUTS
from tiewise.transfer.rows import Ids, rows_of

from .models import MapPosition, Node

if TYPE_CHECKING:
    from tiewise.accounts.models import User

NODE_DATES_VERSION = 1
MAP_POSITIONS_VERSION = 1


def export_node_dates(owner: User) -> list[dict[str, Any]]:
    rows = Node.objects.filter(owner=owner).order_by("id").values_list("pk", "created_at")
    return [{"node": pk, "created_at": created_at.isoformat()} for pk, created_at in rows]


def restore_node_dates(owner: User, rows: list[Any], ids: Ids) -> int:
    """Give restored nodes the date they first joined the PLN. A node keeps
    the earlier of its own date and the file's, so someone the file merged
    into a node the owner had counts from whichever came first."""
    wanted: dict[int, Any] = {}
    for row in rows_of("node_dates", rows, ids):
        if row.left_out("node", "node"):
            continue
        node = row.ref("node", "node")
        when = row.moment("created_at")
        if node is None or when is None:
            raise row.invalid("node" if node is None else "created_at", "this cannot be empty")
        wanted[node] = min(when, wanted.get(node, when))
    changed = []
    for found in Node.objects.filter(owner=owner).only("pk", "created_at"):
        earlier = wanted.get(found.pk)
        if earlier is not None and earlier < found.created_at:
            found.created_at = earlier
            changed.append(found)
    Node.objects.bulk_update(changed, ["created_at"], batch_size=200)
    return len(changed)


def export_map_positions(owner: User) -> list[dict[str, Any]]:
    positions = MapPosition.objects.filter(node__owner=owner).order_by("node_id", "layout")
    return [{"node": p.node_id, "layout": p.layout, "x": p.x, "y": p.y} for p in positions]


def restore_map_positions(owner: User, rows: list[Any], ids: Ids) -> int:
    """Put restored nodes back where they were dragged. A node the file
    merged into someone the owner had keeps the owner's own position."""
    wanted: dict[tuple[int, str], MapPosition] = {}
    for row in rows_of("map_positions", rows, ids):
        if row.left_out("node", "node"):
            continue
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
