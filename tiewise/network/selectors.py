"""Reads of the PLN, always scoped to one owner."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from tiewise.core.phi import phi_message, phi_warnings
from tiewise.core.types import PLN, AlterTieData, NodeData, Owner
from tiewise.core.vocab import AREAS, MODES, STRENGTHS

from .fields import has_item
from .models import AlterTie, Node


def node_queryset(owner: Any) -> QuerySet[Node]:
    return Node.objects.filter(owner=owner).select_related("tie")


def get_node_for(owner: Any, node_id: int | str) -> Node:
    """The owner's node with this id; anything else is a 404, never a 403,
    so ids of other people's nodes reveal nothing."""
    try:
        return node_queryset(owner).get(pk=int(node_id))
    except (Node.DoesNotExist, ValueError, TypeError):
        raise Http404("No such node") from None


def filter_nodes(qs: QuerySet[Node], filters: dict[str, Any]) -> QuerySet[Node]:
    """Apply list filters. Multi-valued fields match when they contain the value."""
    q = (filters.get("q") or "").strip()
    if q:
        qs = qs.filter(
            Q(name__icontains=q)
            | Q(organisation__icontains=q)
            | Q(title__icontains=q)
            | Q(tags__icontains=q)
            | Q(email__icontains=q)
        )
    if filters.get("strength"):
        qs = qs.filter(tie__strength=filters["strength"])
    for key, column in (("area", "tie__areas"), ("role", "tie__roles"), ("mode", "tie__modes")):
        if filters.get(key):
            qs = qs.filter(has_item(column, filters[key]))
    if filters.get("tag"):
        qs = qs.filter(has_item("tags", filters["tag"]))
    for key in ("sector", "reach", "kind"):
        if filters.get(key):
            qs = qs.filter(**{key: filters[key]})
    return qs


def alter_ties_of(node: Node) -> list[tuple[AlterTie, Node]]:
    """Alter ties touching `node`, each with the node at the other end."""
    ties = (
        AlterTie.objects.filter(owner_id=node.owner_id)
        .filter(Q(source=node) | Q(target=node))
        .select_related("source", "target")
    )
    result = [(t, t.target if t.source_id == node.pk else t.source) for t in ties]
    return sorted(result, key=lambda pair: pair[1].name.lower())


def dashboard_counts(owner: Any) -> dict[str, Any]:
    """Counts by strength, area and mode for the dashboard (two queries)."""
    rows = list(
        Node.objects.filter(owner=owner).values_list(
            "tie__strength", "tie__areas", "tie__modes", "kind"
        )
    )
    by_strength: Counter[str] = Counter()
    by_area: Counter[str] = Counter()
    by_mode: Counter[str] = Counter()
    for strength, areas, modes, _kind in rows:  # type: ignore[misc]
        by_strength[strength or "weak"] += 1
        if strength == "absent":
            continue
        for a in areas or []:
            by_area[a] += 1
        mode_list = list(modes or [])
        if "personal" in mode_list and "technology" in mode_list:
            by_mode["both"] += 1
        elif mode_list:
            by_mode[mode_list[0]] += 1
        else:
            by_mode["unset"] += 1
    return {
        "total": len(rows),
        "strength": [(k, label, by_strength[k]) for k, label in STRENGTHS.items()],
        "area": [(k, label, by_area[k]) for k, label in AREAS.items()],
        "mode": [
            ("personal", MODES["personal"], by_mode["personal"]),
            ("technology", MODES["technology"], by_mode["technology"]),
            ("both", "Both", by_mode["both"]),
            ("unset", "Not set", by_mode["unset"]),
        ],
        "alter_ties": AlterTie.objects.filter(owner=owner).count(),
        "empty_areas": [label for k, label in AREAS.items() if not by_area[k]],
    }


def pln_snapshot(owner: Any, *, include_private: bool = True) -> PLN:
    """The whole PLN as core types, in a fixed number of queries (three),
    whatever its size. Rows are read as tuples, not model instances: on a
    few thousand nodes that is several times faster."""
    profile = getattr(owner, "profile", None)
    nodes_qs = Node.objects.filter(owner=owner)
    if not include_private:
        nodes_qs = nodes_qs.filter(private=False)
    columns = (
        "id", "name", "kind", "tie__strength", "tie__modes", "tie__areas", "tie__roles",
        "sector", "reach", "organisation", "title", "profession", "city", "country", "tags",
        "private", "tie__since", "tie__cadence_days",
    )  # fmt: skip
    nodes = tuple(
        NodeData(
            id=row[0],
            name=row[1],
            kind=row[2],
            strength=row[3] or "weak",
            modes=tuple(row[4] or ()),
            areas=tuple(row[5] or ()),
            roles=tuple(row[6] or ()),
            sector=row[7],
            reach=row[8],
            organisation=row[9],
            title=row[10],
            profession=row[11],
            city=row[12],
            country=row[13],
            tags=tuple(row[14] or ()),
            private=row[15],
            since=row[16],
            cadence_days=row[17],
        )  # fmt: skip
        for row in nodes_qs.order_by("id").values_list(*columns)
    )
    ids = {n.id for n in nodes}
    ties = tuple(
        AlterTieData(source=s, target=t, strength=st)
        for s, t, st in AlterTie.objects.filter(owner=owner)
        .order_by("source_id", "target_id")
        .values_list("source_id", "target_id", "strength")
        if s in ids and t in ids
    )
    return PLN(
        owner=Owner(
            name=owner.display_name,
            profession=getattr(profile, "profession", "") or "",
            country=getattr(profile, "country", "") or "",
            city=getattr(profile, "city", "") or "",
        ),
        nodes=nodes,
        alter_ties=ties,
        version=str(getattr(profile, "pln_version", "")),
    )


def node_dict(node: Node) -> dict[str, Any]:
    """A node with its tie, flattened: the API's and exports' shape."""
    tie = getattr(node, "tie", None)
    return {
        "id": node.pk,
        "name": node.name,
        "kind": node.kind,
        "strength": tie.strength if tie else "weak",
        "modes": list(tie.modes) if tie else [],
        "areas": list(tie.areas) if tie else [],
        "roles": list(tie.roles) if tie else [],
        "organisation": node.organisation,
        "title": node.title,
        "profession": node.profession,
        "sector": node.sector,
        "reach": node.reach,
        "city": node.city,
        "country": node.country,
        "email": node.email,
        "phone": node.phone,
        "links": list(node.links or []),
        "tags": list(node.tags),
        "notes": node.notes,
        "how_we_met": node.how_we_met,
        "private": node.private,
        "since": tie.since if tie else None,
        "cadence_days": tie.cadence_days if tie else None,
        "created_at": node.created_at,
        "updated_at": node.updated_at,
        "warnings": [phi_message(found)]
        if (found := phi_warnings(f"{node.notes}\n{node.how_we_met}"))
        else [],
    }


def knows_map(owner: Any) -> dict[int, list[str]]:
    """For each node id, the names of the nodes it has an alter tie with."""
    names = dict(Node.objects.filter(owner=owner).values_list("pk", "name"))
    result: dict[int, list[str]] = {}
    for s, t in AlterTie.objects.filter(owner=owner).values_list("source_id", "target_id"):
        result.setdefault(s, []).append(names.get(t, ""))
        result.setdefault(t, []).append(names.get(s, ""))
    return result
