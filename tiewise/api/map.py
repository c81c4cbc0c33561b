"""/api/v1 map: the laid-out PLN for Cytoscape.js, and dragged positions."""

import hashlib
from typing import Any

from ninja import Router, Status

from tiewise.core.mapdata import map_payload
from tiewise.http import AuthedRequest
from tiewise.network import selectors, services
from tiewise.pln_cache import cached_for
from tiewise.schemas import Input, Layout
from tiewise.upkeep import selectors as upkeep_selectors

router = Router(tags=["map"])


class PositionIn(Input):
    node_id: int
    x: float
    y: float
    layout: Layout = "worksheet"


@router.get("/map", response=dict[str, Any])
def get_map(request: AuthedRequest, layout: Layout = "worksheet", seed: int = 0) -> Any:
    """Nodes and edges with style hints for Cytoscape.js: the owner in the
    centre, strong ties solid, weak ties dotted, prospects ghosted without a
    line; saved (dragged) positions override the automatic layout."""
    owner: Any = request.user
    positions = selectors.map_positions(owner, layout)
    # The layout (the force one takes a second on 2,000 nodes) is computed
    # once per PLN version and set of dragged positions.
    digest = hashlib.sha256(repr(sorted(positions.items())).encode()).hexdigest()[:16]
    cached = cached_for(
        owner,
        "map",
        lambda: map_payload(
            selectors.pln_snapshot(owner), layout=layout, seed=seed, positions=positions
        ),
        layout,
        seed,
        digest,
    )
    # Node dicts are copied (shallowly) so the cached payload stays clean.
    payload = {**cached, "nodes": [dict(n) for n in cached["nodes"]]}
    add_due_status(owner, payload)
    return payload


def add_due_status(owner: Any, payload: dict[str, Any]) -> None:
    """The keep-in-touch traffic light (ok / soon / due / overdue) per node."""
    rows = upkeep_selectors.status_map(owner)
    for node in payload["nodes"]:
        row = rows.get(node.get("node_id"))
        if row is not None and row.status.status != "off":
            node["status"] = row.status.status
            node["status_label"] = row.status.label
            node["status_reason"] = row.status.reason


@router.put("/map/positions", response={204: None})
def save_map_position(request: AuthedRequest, payload: PositionIn) -> Any:
    """Keep a node where the owner dragged it."""
    services.map_position_save(
        owner=request.user, node_id=payload.node_id, x=payload.x, y=payload.y, layout=payload.layout
    )
    return Status(204, None)


@router.delete("/map/positions", response={204: None})
def reset_map_positions(request: AuthedRequest, layout: Layout | None = None) -> Any:
    """Forget dragged positions ("Re-layout"): for one layout, or all."""
    for name in [layout] if layout else ["worksheet", "force"]:
        services.map_positions_reset(owner=request.user, layout=name)
    return Status(204, None)
