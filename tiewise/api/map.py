"""/api/v1 map: the laid-out PLN for Cytoscape.js, and dragged positions."""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING, Any

from ninja import Query, Router, Schema, Status
from pydantic import Field

from tiewise.core.mapdata import map_payload
from tiewise.http import AuthedRequest
from tiewise.network import selectors, services
from tiewise.pln_cache import cached_for
from tiewise.schemas import Input, Layout
from tiewise.throttles import api_limits
from tiewise.upkeep import selectors as upkeep_selectors

if TYPE_CHECKING:
    from tiewise.accounts.models import User

router = Router(tags=["map"])


class PositionIn(Input):
    node_id: int
    x: float
    y: float
    layout: Layout = "worksheet"


class NodeStyle(Schema):
    shape: str
    color: str
    role_color: str
    sector_color: str
    opacity: float
    size: float


class MapNode(Schema):
    """A drawn node: the owner (`id` "ego") or one of their nodes (`n<id>`)."""

    id: str
    node_id: int | None
    label: str
    kind: str
    x: float
    y: float
    pinned: bool
    classes: str
    style: NodeStyle
    strength: str | None = None
    modes: list[str] = []
    areas: list[str] = []
    roles: list[str] = []
    sector: str = ""
    reach: str = ""
    organisation: str = ""
    half: str | None = None
    band: str | None = None
    status: str | None = Field(None, description="Keep-in-touch status: ok, soon, due, overdue.")
    status_label: str | None = None
    status_reason: str | None = None


class MapEdge(Schema):
    id: str
    source: str
    target: str
    kind: str = Field(
        description="`tie` (owner to node) or `alter` (two nodes who know each other)."
    )
    strength: str
    line_style: str


class MapOut(Schema):
    nodes: list[MapNode]
    edges: list[MapEdge]
    layout: str
    seed: int
    size: float
    guides: dict[str, Any] = Field(description="Rings, halves and sectors to draw behind the map.")
    legend: dict[str, Any]
    vocab: dict[str, dict[str, str]] = Field(description="Key to label, per field.")


class MapSearchIn(Schema):
    q: str = Field("", max_length=200, description="Text to look for.")


class MapSearchOut(Schema):
    ids: list[int] = Field(description="Node ids that match, the same as the people search.")
    count: int


@router.get("/map/search", response=MapSearchOut)
def search_map(request: AuthedRequest, q: Query[MapSearchIn]) -> Any:
    """Who on the map matches `q`: the same fields as the people list's
    search (name, organisation, title, tags, email), so both find the same."""
    if not q.q.strip():
        return {"ids": [], "count": 0}
    qs = selectors.filter_nodes(selectors.node_queryset(request.user), {"q": q.q})
    ids = list(qs.order_by("id").values_list("pk", flat=True))
    return {"ids": ids, "count": len(ids)}


@router.get("/map", response=MapOut, throttle=api_limits("api", "expensive"))
def get_map(request: AuthedRequest, layout: Layout = "worksheet", seed: int = 0) -> Any:
    """Nodes and edges with style hints for Cytoscape.js: the owner in the
    centre, strong ties solid, weak ties dotted, prospects ghosted without a
    line; saved (dragged) positions override the automatic layout."""
    owner: User = request.user
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


def add_due_status(owner: User, payload: dict[str, Any]) -> None:
    """The keep-in-touch traffic light (ok / soon / due / overdue) per node."""
    rows = upkeep_selectors.status_map(owner)
    for node in payload["nodes"]:
        row = rows.get(node.get("node_id"))
        if row is not None and row.status.status not in ("off", "untracked"):
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
