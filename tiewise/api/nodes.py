"""/api/v1 nodes and alter ties."""

from typing import Any, Literal

from django.http import HttpResponse
from ninja import Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import Field

from tiewise.http import AuthedRequest
from tiewise.network import selectors, services
from tiewise.network.models import AlterTie
from tiewise.schemas import (
    MAX_OFFSET,
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


class DuplicateNodeOut(Schema):
    id: int
    name: str
    organisation: str
    title: str
    email: str
    strength: str
    tags: list[str]
    url: str


class DuplicatePairOut(Schema):
    a: DuplicateNodeOut
    b: DuplicateNodeOut
    confidence: Literal["exact", "possible"]
    reasons: list[str]
    reason_labels: list[str]


class DuplicatePageOut(Schema):
    items: list[DuplicatePairOut]
    count: int


class MergeIn(Input):
    into: int


class MergeOut(Schema):
    node: NodeOut
    merged_id: int
    moved: dict[str, int]


@router.get("/nodes/duplicates", response=DuplicatePageOut)
def list_duplicates(
    request: AuthedRequest,
    confidence: Literal["exact", "possible"] | None = None,
    limit: int = Query(50, ge=1, le=500),  # type: ignore[type-arg]
    offset: int = Query(0, ge=0, le=MAX_OFFSET),  # type: ignore[type-arg]
) -> Any:
    """Pairs of your people who may be one person (the same email or profile
    link, or names that fit with the same organisation or email domain),
    surest first. `confidence=exact` keeps the sure ones. Nothing is merged
    until you ask: `POST /nodes/{id}/merge`."""
    pairs = selectors.duplicate_pairs(request.user)
    if confidence:
        pairs = [p for p in pairs if p.confidence == confidence]
    page = pairs[offset : offset + limit]
    return {"items": selectors.duplicate_rows(request.user, page), "count": len(pairs)}


@router.post("/nodes/{node_id}/merge", response={200: MergeOut, 422: Error})
def merge_node(request: AuthedRequest, node_id: int, payload: MergeIn) -> Any:
    """Merge this node into `into`: `into` keeps its name and gains the other's
    fields, list values, notes, who knows whom, interactions, goals, actions
    and prospect; this node is then deleted. All in one transaction."""
    merged = services.node_merge(owner=request.user, node_id=node_id, into_id=payload.into)
    return {
        "node": selectors.node_dict(merged.node),
        "merged_id": merged.merged_id,
        "moved": dict(merged.moved),
    }


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
