"""/api/v1 nodes and alter ties."""

from typing import Any

from django.http import HttpResponse
from ninja import Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import Field

from tiewise.http import AuthedRequest
from tiewise.network import selectors, services
from tiewise.network.models import AlterTie
from tiewise.schemas import (
    AlterStrength,
    BulkAdd,
    BulkSet,
    Error,
    Input,
    NodeFilters,
    NodeIn,
    NodeOut,
    NodePatch,
    shaped,
)

router = Router(tags=["nodes"])
alter_router = Router(tags=["alter ties"])


class BulkIn(Input):
    ids: list[int] = Field(..., min_length=1, max_length=5000)
    set: BulkSet = BulkSet()
    add: BulkAdd = BulkAdd()


class BulkOut(Schema):
    updated: int


class AlterTieIn(Input):
    source: int
    target: int
    strength: AlterStrength = ""


class AlterTieOut(Schema):
    id: int
    source: int
    target: int
    strength: str


class AlterTieBulkIn(Input):
    items: list[AlterTieIn] = Field(..., max_length=100000)


class CreatedOut(Schema):
    created: int


@router.get("/nodes", response=list[NodeOut])
@paginate(shaped(selectors.node_dict))
def list_nodes(request: AuthedRequest, filters: Query[NodeFilters]) -> Any:
    """Your nodes, each with your tie to it. Filters match the People page."""
    return selectors.filter_nodes(selectors.node_queryset(request.user), filters.dict())


@router.post("/nodes", response={201: NodeOut})
def create_node(request: AuthedRequest, payload: NodeIn) -> Any:
    node = services.node_create(owner=request.user, data=payload.dict())
    return Status(201, selectors.node_dict(node))


@router.post("/nodes/bulk", response=BulkOut)
def bulk_edit_nodes(request: AuthedRequest, payload: BulkIn) -> Any:
    """Set fields on many nodes at once: `{"ids": [...], "set": {"strength": "weak"}}`.
    `add` appends to list fields instead of replacing them."""
    updated = services.nodes_bulk_update(
        owner=request.user,
        ids=payload.ids,
        set_fields=payload.set.dict(exclude_none=True),
        add=payload.add.dict(),
    )
    return {"updated": updated}


@router.get("/nodes/{node_id}", response=NodeOut)
def get_node(request: AuthedRequest, node_id: int, response: HttpResponse) -> Any:
    """One node. The `ETag` header is its version: send it back as `If-Match`
    on PATCH so that a concurrent edit is refused (409) instead of lost."""
    node = selectors.get_node_for(request.user, node_id)
    response["ETag"] = services.node_version(node)
    return selectors.node_dict(node)


@router.patch("/nodes/{node_id}", response={200: NodeOut, 409: Error})
def patch_node(
    request: AuthedRequest, node_id: int, payload: NodePatch, response: HttpResponse
) -> Any:
    """Change only the fields you send. With `If-Match: <ETag>`, a node that
    changed since you read it is refused with 409."""
    node = selectors.get_node_for(request.user, node_id)
    node = services.node_update(
        node=node,
        data=payload.dict(exclude_unset=True),
        expected_version=request.headers.get("If-Match"),
    )
    response["ETag"] = services.node_version(node)
    return selectors.node_dict(node)


@router.delete("/nodes/{node_id}", response={204: None})
def delete_node(request: AuthedRequest, node_id: int) -> Any:
    services.node_delete(node=selectors.get_node_for(request.user, node_id))
    return Status(204, None)


def _tie_out(t: AlterTie) -> dict[str, Any]:
    return {"id": t.pk, "source": t.source_id, "target": t.target_id, "strength": t.strength}


@alter_router.get("/alter-ties", response=list[AlterTieOut])
@paginate(shaped(_tie_out))
def list_alter_ties(request: AuthedRequest, node: int | None = None) -> Any:
    return selectors.alter_tie_queryset(request.user, node=node)


@alter_router.post("/alter-ties", response={201: AlterTieOut})
def create_alter_tie(request: AuthedRequest, payload: AlterTieIn) -> Any:
    tie = services.alter_tie_create(
        owner=request.user, source=payload.source, target=payload.target, strength=payload.strength
    )
    return Status(201, _tie_out(tie))


@alter_router.post("/alter-ties/bulk", response={201: CreatedOut})
def bulk_create_alter_ties(request: AuthedRequest, payload: AlterTieBulkIn) -> Any:
    created = services.alter_ties_bulk_create(
        owner=request.user, pairs=[(i.source, i.target, i.strength) for i in payload.items]
    )
    return Status(201, {"created": created})


@alter_router.delete("/alter-ties/{tie_id}", response={204: None})
def delete_alter_tie(request: AuthedRequest, tie_id: int) -> Any:
    services.alter_tie_delete(owner=request.user, tie_id=tie_id)
    return Status(204, None)
