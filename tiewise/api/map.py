"""/api/v1 map: the laid-out PLN for Cytoscape.js, and dragged positions."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.http import HttpResponse
from django.urls import reverse
from ninja import Query, Router, Schema, Status
from pydantic import Field

from tiewise.core.errors import NotFound
from tiewise.core.mapdata import map_payload
from tiewise.http import AuthedRequest
from tiewise.insights import selectors as insights_selectors
from tiewise.network import selectors, services
from tiewise.planning import selectors as planning_selectors
from tiewise.schemas import Error, Input, Layout, MapOut
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


class MapIn(Schema):
    layout: Layout = "worksheet"
    seed: int = Field(
        0, ge=0, le=2**31 - 1, description="Layout seed: the same seed, the same map."
    )
    group: str | None = Field(
        None,
        max_length=80,
        pattern=r"^g-[a-z_]+-[a-z_]+-[a-z_]+$",
        description="A group's id (from `members_url`): answer its members.",
    )
    compact: bool = Field(
        False,
        description="A phone's worksheet: fewer people drawn by name, in larger type "
        "(send it with `group` too: the groups differ).",
    )


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


@router.get("/map", response={200: MapOut, 404: Error}, throttle=api_limits("api", "expensive"))
def get_map(request: AuthedRequest, q: Query[MapIn]) -> Any:
    """Nodes and edges with style hints for Cytoscape.js: the owner in the
    centre, strong ties solid, weak ties dotted, prospects ghosted without a
    line; saved (dragged) positions override the automatic layout. On a big
    PLN the people who matter are drawn by name and everyone else is counted
    in groups (`kind: "group"`, with `count` and `members_url`); `?group=`
    answers that group's members."""
    owner: User = request.user
    layout, seed, group, compact = q.layout, q.seed, q.group, q.compact
    positions = selectors.map_positions(owner, layout)

    def build() -> dict[str, Any]:
        url = reverse("api:get_map") + ("?compact=1&group=" if compact else "?group=")
        linked = planning_selectors.linked_node_ids(owner)
        # The worksheet draws the ties among the people it names, the
        # clusters view every tie: only that one reads them all.
        pln = (
            selectors.focus_pln(owner, linked=linked, pinned=frozenset(positions), compact=compact)
            if layout == "worksheet"
            else selectors.pln_snapshot(owner)
        )
        payload = map_payload(
            pln,
            layout=layout,
            seed=seed,
            positions=positions,
            linked=linked,
            group=group,
            members_url=url,
            # The insights report clusters on the same tie graph and is
            # cached on it: reuse it, as clustering is most of a cold map.
            clusters=insights_selectors.clusters_for(owner, pln),
            compact=compact,
        )
        add_due_status(owner, payload)
        return payload

    body = selectors.cached_map_json(
        owner, "map-json", build, positions, layout, seed, group or "", int(compact)
    )
    if not body:
        raise NotFound(f"No group {group!r} on this map.")
    return HttpResponse(body, content_type="application/json")


#: Above this many people drawn (the clusters view of a big PLN), their
#: statuses are read with everyone's rather than by a list of ids.
STATUS_BY_ID = 1000


def add_due_status(owner: User, payload: dict[str, Any]) -> None:
    """The keep-in-touch traffic light (ok / soon / due / overdue) per node
    drawn: a big PLN's worksheet map draws a hundred of its 3,000 people,
    and only theirs are read."""
    drawn = [n["node_id"] for n in payload["nodes"] if n.get("node_id") is not None]
    ids = drawn if len(drawn) <= STATUS_BY_ID else None
    rows = upkeep_selectors.status_map(owner, node_ids=ids)
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
def reset_map_positions(
    request: AuthedRequest, layout: Layout | None = None, node_id: int | None = None
) -> Any:
    """Forget dragged positions ("Re-layout"): for one layout, or all; with
    `node_id`, only that node's (undoing its first drag)."""
    for name in [layout] if layout else ["worksheet", "force"]:
        if node_id is not None:
            services.map_position_forget(owner=request.user, node_id=node_id, layout=name)
            continue
        services.map_positions_reset(owner=request.user, layout=name)
    return Status(204, None)
