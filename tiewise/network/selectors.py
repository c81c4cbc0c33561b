"""Reads of the PLN, always scoped to one owner. Other apps read nodes and
alter ties only through here."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import fields as dataclass_fields
from dataclasses import replace
from datetime import date, datetime
from operator import attrgetter
from typing import Any

from django.core.cache import cache
from django.db.models import Case, Count, Max, Q, QuerySet, When
from django.db.models.functions import Lower

from tiewise.access import mine
from tiewise.accounts.models import User
from tiewise.accounts.selectors import graph_versions, profile_of
from tiewise.core.duplicates import RULES_VERSION as DUPLICATE_RULES
from tiewise.core.duplicates import DuplicatePair
from tiewise.core.duplicates import duplicate_pairs as find_duplicate_pairs
from tiewise.core.errors import NotFound
from tiewise.core.mapdata import PAYLOAD_VERSION, split_focus
from tiewise.core.nodefields import BY_NAME, FIELDS, FILTERS, SEARCH, SECTIONS
from tiewise.core.phi import phi_message
from tiewise.core.types import PLN, AlterTieData, NodeData, Owner
from tiewise.core.vocab import AREAS, DUPLICATE_REASONS, MODES, STRENGTHS, label
from tiewise.pln_cache import cached_for, owner_tag
from tiewise.rows import plain_rows
from tiewise.schemas import MapOut

from .fields import decode, decode_tuple, has_item
from .models import AlterTie, MapPosition, Node


def _column(name: str) -> str:
    """The ORM path of a registry field, from a Node row."""
    return f"tie__{name}" if BY_NAME[name].table == "tie" else name


def node_queryset(owner: User) -> QuerySet[Node]:
    return Node.objects.filter(owner=owner).select_related("tie")


def get_node_for(owner: User, node_id: object) -> Node:
    """The owner's node with this id; anything else is NotFound (a 404), so
    ids of other people's nodes reveal nothing."""
    return mine(node_queryset(owner), node_id, "node")


def owned_nodes(owner: User, ids: Iterable[object] | None) -> list[Node]:
    """The owner's nodes with these ids. Any id that is not the owner's is
    NotFound for the whole call, so nothing is linked half-way."""
    try:
        wanted = {int(i) for i in ids or []}  # type: ignore[call-overload]
    except (TypeError, ValueError):
        raise NotFound("No such node") from None
    nodes = list(Node.objects.filter(owner=owner, pk__in=wanted))
    if len(nodes) != len(wanted):
        raise NotFound("No such node")
    return nodes


def search_q(text: str, fields: Iterable[str] = SEARCH) -> Q:
    """Nodes whose searchable fields contain `text` (any case). The map
    looks in the same fields (`tiewise.core.nodefields.search_text`)."""
    q = Q()
    for name in fields:
        q |= Q(**{f"{_column(name)}__icontains": text})
    return q


def filter_nodes(
    qs: QuerySet[Node], filters: Mapping[str, Any], *, search_fields: Iterable[str] = SEARCH
) -> QuerySet[Node]:
    """Apply the people filters (`q` and one parameter per filterable field
    of the registry). List fields match when they contain the value."""
    q = str(filters.get("q") or "").strip()
    if q:
        qs = qs.filter(search_q(q, search_fields))
    for param, field in FILTERS.items():
        value = filters.get(param)
        if not value:
            continue
        column = _column(field.name)
        qs = qs.filter(has_item(column, value) if field.is_list else Q(**{column: value}))
    return qs


def touching(owner_id: int, node_id: int) -> Q:
    """The owner's alter ties with the node at either end. The owner is named
    in each branch, so each is one lookup in an index that starts with the
    owner (see AlterTie.Meta); `owner AND (source OR target)` made SQLite
    walk all of a big PLN's ties instead."""
    return Q(owner_id=owner_id, source_id=node_id) | Q(owner_id=owner_id, target_id=node_id)


def alter_ties_of(node: Node) -> list[tuple[AlterTie, Node]]:
    """Alter ties touching `node`, each with the node at the other end."""
    ties = AlterTie.objects.filter(touching(node.owner_id, node.pk)).select_related(
        "source", "target"
    )
    result = [(t, t.target if t.source_id == node.pk else t.source) for t in ties]
    return sorted(result, key=lambda pair: (pair[1].name.lower(), pair[1].pk))


def alter_tie_queryset(owner: User, *, node: int | None = None) -> QuerySet[AlterTie]:
    """The owner's alter ties in id order; with `node`, only those touching it."""
    mine = touching(owner.pk, node) if node is not None else Q(owner=owner)
    return AlterTie.objects.filter(mine).order_by("id")


#: How many people the who-knows-whom grid shows: 15 make 105 pairs, as
#: many as one sitting takes.
GRID_SIZE = 15


def closest_people(owner: User, limit: int = GRID_SIZE) -> list[Node]:
    """The owner's closest people for the who-knows-whom grid: strong ties
    first, then those with a role (mentor, sponsor...), then other weak
    ties; prospects never (the owner does not know them yet)."""
    qs = (
        Node.objects.filter(owner=owner, tie__strength__in=["strong", "weak"])
        .select_related("tie")
        .annotate(
            strong_first=Case(When(tie__strength="strong", then=0), default=1),
            role_first=Case(When(tie__roles="", then=1), default=0),  # stored "" when none
        )
        .order_by("strong_first", "role_first", Lower("name"), "pk")
    )
    return list(qs[:limit])


def pairs_among(owner: User, ids: Iterable[int]) -> set[tuple[int, int]]:
    """The alter ties between the given nodes, as (lower id, higher id)."""
    ids = list(ids)
    qs = AlterTie.objects.filter(owner=owner, source_id__in=ids, target_id__in=ids)
    return set(qs.values_list("source_id", "target_id"))


def alter_tie_count(owner: User) -> int:
    """How many who-knows-whom ties the owner has, cached on the graph
    version (every tie write bumps it): counting 71,000 ties took 3 ms of
    each cold dashboard, after edits that never touch them."""
    version = graph_versions([owner.pk])[owner.pk]
    key = f"alter-tie-count:{owner_tag(owner)}:{version}"
    found = cache.get(key)
    if found is None:
        found = AlterTie.objects.filter(owner=owner).count()
        cache.set(key, found, timeout=24 * 3600)
    return int(found)


def node_names(owner: User, ids: Iterable[int] | None = None) -> dict[int, str]:
    """Node id → name (all the owner's nodes, or those in `ids`)."""
    qs = Node.objects.filter(owner=owner)
    if ids is not None:
        qs = qs.filter(pk__in=list(ids))
    return dict(qs.values_list("pk", "name"))


def dashboard_counts(
    owner: User, *, states: Sequence[Mapping[str, Any]] | None = None
) -> dict[str, Any]:
    """Counts by strength, area and mode for the dashboard (two queries), from
    `node_states` (the caller's, when it read them already)."""
    rows = states if states is not None else node_states(owner)
    by_strength: Counter[str] = Counter()
    by_area: Counter[str] = Counter()
    by_mode: Counter[str] = Counter()
    for row in rows:
        strength, areas, modes = row["strength"], row["areas"], row["modes"]
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
        "alter_ties": alter_tie_count(owner),
        "empty_areas": [label for k, label in AREAS.items() if not by_area[k]],
    }


#: NodeData fields read from the database with their ORM paths, in the
#: dataclass's own order (all but `id`, first, and `last_interaction`, which
#: comes from upkeep), so a row builds a NodeData by position.
_SNAPSHOT_COLUMNS: tuple[tuple[str, str], ...] = tuple(
    (f.name, _column(f.name))
    for f in dataclass_fields(NodeData)
    if f.name not in ("id", "last_interaction")
)
_LIST = {f.name for f in FIELDS if f.is_list}
#: Where the list columns and the strength sit in a row that starts with the id.
_LIST_AT = tuple(i for i, (name, _) in enumerate(_SNAPSHOT_COLUMNS, 1) if name in _LIST)
_STRENGTH_AT = 1 + [name for name, _ in _SNAPSHOT_COLUMNS].index("strength")


#: The columns `node_data` reads after the id, as `values_list` paths: a
#: reader in another app that takes more columns of the same nodes in one
#: query (upkeep's tie rows) builds the nodes with `node_data`.
SNAPSHOT_COLUMNS: tuple[str, ...] = tuple(c for _, c in _SNAPSHOT_COLUMNS)


def node_data(row: Sequence[Any], last_contact: date | None = None) -> NodeData:
    """A NodeData from a plain row (`rows.plain_rows`) of the id and
    `SNAPSHOT_COLUMNS`: a few thousand of these are read on every cold
    page of a big PLN, so this does no more than decode the lists.
    `last_contact` fills `last_interaction` (upkeep's), for a reader that
    has it, without copying the node afterwards."""
    values = list(row)
    for i in _LIST_AT:
        values[i] = decode_tuple(values[i])
    values[_STRENGTH_AT] = values[_STRENGTH_AT] or "weak"  # a node without a tie yet
    values.append(last_contact)
    return NodeData(*values)


def _pln(owner: User, profile: Any, nodes: Sequence[NodeData], ties: Sequence[AlterTieData]) -> PLN:
    """A PLN of these nodes and ties, with its owner's name and version
    from `profile` (None for an owner without one)."""
    return PLN(
        owner=Owner(
            name=owner.display_name,
            profession=getattr(profile, "profession", "") or "",
            country=getattr(profile, "country", "") or "",
            city=getattr(profile, "city", "") or "",
        ),
        nodes=tuple(nodes),
        alter_ties=tuple(ties),
        version=str(getattr(profile, "pln_version", "")),
    )


def pln_snapshot(owner: User, *, include_private: bool = True, alter_ties: bool = True) -> PLN:
    """The whole PLN as core types, in a fixed number of queries (three),
    whatever its size. Rows are read as tuples, not model instances: on a
    few thousand nodes that is several times faster. `alter_ties=False`
    leaves the ties out (most of the rows of a big PLN) for a reader that
    needs only the people."""
    nodes_qs = Node.objects.filter(owner=owner)
    if not include_private:
        nodes_qs = nodes_qs.filter(private=False)
    nodes = [
        node_data(row)
        for row in plain_rows(nodes_qs.order_by("id").values_list("id", *SNAPSHOT_COLUMNS))
    ]
    ties = alter_ties_among(owner, {n.id for n in nodes}) if alter_ties else ()
    return _pln(owner, profile_of(owner), nodes, ties)


#: The columns of a node's state (see `node_states`), as `values_list` paths.
STATE_COLUMNS = ("id", "name", "tie__strength", "tie__areas", "tie__modes", "tie__roles")


def node_state(row: Sequence[Any]) -> dict[str, Any]:
    """One node's state from a plain row of `STATE_COLUMNS`: a reader that
    takes more columns of the same nodes in one query (upkeep's tie rows)
    builds the states with this, so the shape stays this module's."""
    pk, name, strength, areas, modes, roles = row
    return {"id": pk, "name": name, "strength": strength or "weak", "areas": decode(areas),
            "modes": decode(modes), "roles": decode(roles)}  # fmt: skip


def node_states(owner: User) -> list[dict[str, Any]]:
    """Each node's name, strength, areas, modes and roles, in id order: what a
    snapshot keeps, read in one query of six columns (the dashboard asks for
    it after every edit, so it does not read the whole PLN)."""
    rows = Node.objects.filter(owner=owner).order_by("id").values_list(*STATE_COLUMNS)
    return [node_state(row) for row in plain_rows(rows)]


def focus_pln(
    owner: User,
    *,
    linked: frozenset[int] = frozenset(),
    pinned: frozenset[int] = frozenset(),
    compact: bool = False,
    people: PLN | None = None,
) -> PLN:
    """The PLN as the worksheet layout draws it: every node, and only the
    who-knows-whom ties among the people it names (with `pinned`, the
    dragged ones; with `compact`, a phone's names too), which are all it
    draws. A big PLN's 70,000 ties are most of its rows: reading the few
    dozen between the named people keeps a cold worksheet, its PDF and the
    map near the cost of a small one. `people`: the owner's nodes as some
    viewer may see them (a coach's view), read without ties; only ties
    among them are read."""
    if people is None:
        people = pln_snapshot(owner, alter_ties=False)
    drawn, groups = split_focus(people, pinned=pinned, linked=linked)
    if compact:
        # A phone names fewer (a subset), but a group of one is drawn as its
        # person: take both sets, so every tie the phone draws is here.
        drawn += split_focus(people, pinned=pinned, linked=linked, compact=True)[0]
    if not groups:  # a small PLN: everyone is named
        return replace(people, alter_ties=alter_ties_among(owner, {n.id for n in people.nodes}))
    ids = [n.id for n in drawn]
    ties = (
        AlterTie.objects.filter(owner=owner, source_id__in=ids, target_id__in=ids)
        .order_by("source_id", "target_id")
        .values_list("source_id", "target_id", "strength")
    )
    found = tuple(AlterTieData(source=s, target=t, strength=st) for s, t, st in ties)
    return replace(people, alter_ties=found)


def alter_ties_among(owner: User, ids: set[int]) -> tuple[AlterTieData, ...]:
    """The owner's alter ties between the given nodes, in (source, target) order."""
    return alter_ties_among_many({owner.pk: ids})[owner.pk]


def node_values(node: Node) -> dict[str, Any]:
    """Every registry field of a node (and its tie), as plain values."""
    tie = getattr(node, "tie", None)
    out: dict[str, Any] = {}
    for f in FIELDS:
        source = tie if f.table == "tie" else node
        value: Any = getattr(source, f.name) if source is not None else f.initial
        out[f.name] = list(value or []) if f.is_list else value
    return out


def phi_found(node: Node) -> list[str]:
    """The patient-data warning stored when the node's notes were saved."""
    return [phi_message(list(node.phi_flags))] if node.phi_flags else []


def node_dict(node: Node) -> dict[str, Any]:
    """A node with its tie, flattened: the API's and exports' shape."""
    values = node_values(node)
    return {
        "id": node.pk,
        **values,
        "created_at": node.created_at,
        "updated_at": node.updated_at,
        "warnings": phi_found(node),
    }


def knows_map(owner: User) -> dict[int, list[str]]:
    """For each node id, the names of the nodes it has an alter tie with."""
    names = node_names(owner)
    result: dict[int, list[str]] = {}
    for s, t in AlterTie.objects.filter(owner=owner).values_list("source_id", "target_id"):
        result.setdefault(s, []).append(names.get(t, ""))
        result.setdefault(t, []).append(names.get(s, ""))
    return result


def cached_map_json(
    owner: User,
    name: str,
    build: Callable[[], dict[str, Any]],
    positions: Mapping[int, tuple[float, float]],
    *parts: object,
    exclude_unset: bool = False,
) -> bytes:
    """A map answer (`build()`, a `map_payload`) as the API's JSON bytes,
    once per owner's PLN version, day, `parts` and set of dragged
    `positions`: a warm request only reads the cache. The owner's map and a
    coach's share it. b"" when `build` raises KeyError (no such group)."""
    digest = hashlib.sha256(repr(sorted(positions.items())).encode()).hexdigest()[:16]

    def render() -> bytes:
        try:
            payload = build()
        except KeyError:
            return b""
        return MapOut.model_validate(payload).model_dump_json(exclude_unset=exclude_unset).encode()

    return cached_for(owner, name, render, PAYLOAD_VERSION, *parts, digest)


def map_positions(owner: User, layout: str) -> dict[int, tuple[float, float]]:
    """Where the owner dragged nodes on the map, per layout."""
    rows = MapPosition.objects.filter(node__owner=owner, layout=layout).values_list(
        "node_id", "x", "y"
    )
    return {n: (x, y) for n, x, y in rows}


def display_value(name: str, value: Any) -> Any:
    """A field's value as a person reads it: vocabulary labels, not codes."""
    f = BY_NAME[name]
    if f.type == "choice":
        return label(dict(f.vocab), value) if value else ""
    if f.type == "multichoice":
        return ", ".join(label(dict(f.vocab), v) for v in value or [])
    if f.type == "int" and name == "cadence_days":
        return f"every {value} days" if value else ""
    return value


def node_sections(node: Node) -> list[tuple[str, list[dict[str, Any]]]]:
    """The node page's sections, from the registry: each filled field with
    its label and readable value (the owner's tie shows every field)."""
    values = node_values(node)
    out: list[tuple[str, list[dict[str, Any]]]] = []
    for key, legend in SECTIONS.items():
        rows = []
        for f in FIELDS:
            if f.section != key or f.name == "name":
                continue
            shown = display_value(f.name, values[f.name])
            if shown in ("", None, [], False) and key != "tie":
                continue
            rows.append({"name": f.name, "label": f.label, "type": f.type, "value": shown})
        out.append((legend, rows))
    return out


def tie_strength(node: Node) -> str:
    """The owner's tie strength to `node` ("weak" when no tie row exists)."""
    tie = getattr(node, "tie", None)
    return tie.strength if tie is not None else "weak"


def ids_with_strength(owner: User, strength: str) -> list[int]:
    """Ids of the owner's nodes whose tie has this strength."""
    return list(
        Node.objects.filter(owner=owner, tie__strength=strength).values_list("pk", flat=True)
    )


def nodes_by_name() -> QuerySet[Node]:
    """Nodes in name order, for another app's prefetch of its own links
    (a goal's supporters, an action's people); never unscoped on its own."""
    return Node.objects.order_by("name", "id")


def dedupe_rows(owner: User) -> list[dict[str, Any]]:
    """What the importers' duplicate check compares a new record with."""
    rows = Node.objects.filter(owner=owner).values(
        "id", "name", "email", "other_emails", "organisation", "links", "source_keys"
    )
    return [dict(row) for row in rows]


#: Registry fields the PLN snapshot (core NodeData) does not carry.
DETAIL_FIELDS: tuple[str, ...] = tuple(
    f.name for f in FIELDS if f.name not in {name for name, _ in _SNAPSHOT_COLUMNS}
)


def node_details(owner: User) -> dict[int, dict[str, Any]]:
    """Node id → the registry fields beyond the snapshot (contact details,
    notes, ...), for exports (one query)."""
    columns = [_column(name) for name in DETAIL_FIELDS]
    return {
        row[0]: {
            name: (list(value or []) if name in _LIST else value)
            for name, value in zip(DETAIL_FIELDS, row[1:], strict=True)
        }
        for row in Node.objects.filter(owner=owner).values_list("pk", *columns)
    }


def node_count(owner: User) -> int:
    return Node.objects.filter(owner=owner).count()


# --- several owners at once (a coach's caseload) ---------------------------------


def _visible_q(include_private: Mapping[int, bool]) -> Q:
    """Nodes of these owners, the private ones only where the mapping says so."""
    everything = [pk for pk, shown in include_private.items() if shown]
    public = [pk for pk, shown in include_private.items() if not shown]
    return Q(owner_id__in=everything) | Q(owner_id__in=public, private=False)


def visible_node_ids(include_private: Mapping[int, bool]) -> dict[int, frozenset[int]]:
    """Owner id → ids of that owner's nodes, leaving the private ones out
    unless `include_private[owner id]`: what a coach of each owner may see,
    for any number of owners in one query."""
    found: dict[int, set[int]] = {pk: set() for pk in include_private}
    if found:
        # No order: a set needs none, and the model's (by name) is a sort of
        # every node on each coach page.
        rows = Node.objects.filter(_visible_q(include_private)).order_by()
        for owner_id, pk in rows.values_list("owner_id", "pk"):
            found[owner_id].add(pk)
    return {owner_id: frozenset(ids) for owner_id, ids in found.items()}


def node_change_figures(
    wanted: Sequence[tuple[int, bool, datetime | None]],
) -> list[tuple[datetime | None, int | None]]:
    """For each (owner id, include private, since): the latest change to one
    of the owner's nodes (the private ones only when included), and how many
    of those were created at or after `since` (None without a `since`). One
    aggregate query for all of them: 3,000 rows per owner stay in the
    database instead of being read and parsed."""
    if not wanted:
        return []
    figures: dict[str, Any] = {}
    for k, (owner_id, include_private, since) in enumerate(wanted):
        seen = Q(owner_id=owner_id) if include_private else Q(owner_id=owner_id, private=False)
        figures[f"changed{k}"] = Max("updated_at", filter=seen)
        if since is not None:
            figures[f"new{k}"] = Count("id", filter=seen & Q(created_at__gte=since))
    owners = sorted({owner_id for owner_id, _, _ in wanted})
    found = Node.objects.filter(owner_id__in=owners).aggregate(**figures)
    return [
        (found[f"changed{k}"], found.get(f"new{k}") if since is not None else None)
        for k, (_, _, since) in enumerate(wanted)
    ]


def nodes_of(owner_ids: Iterable[int]) -> QuerySet[Node]:
    """The nodes (with their ties) of several owners, for another app's
    batched reads; as `node_queryset`, never unscoped."""
    return Node.objects.filter(owner_id__in=list(owner_ids)).select_related("tie")


def alter_ties_among_many(ids: Mapping[int, set[int]]) -> dict[int, tuple[AlterTieData, ...]]:
    """Each owner's alter ties between the given nodes (owner id → node ids),
    in (source, target) order, in one query whatever the number of owners."""
    ties: dict[int, list[AlterTieData]] = {pk: [] for pk in ids}
    if ids:
        for owner_id, s, t, st in (
            AlterTie.objects.filter(owner_id__in=list(ids))
            .order_by("owner_id", "source_id", "target_id")
            .values_list("owner_id", "source_id", "target_id", "strength")
        ):
            if s in ids[owner_id] and t in ids[owner_id]:
                ties[owner_id].append(AlterTieData(source=s, target=t, strength=st))
    return {pk: tuple(found) for pk, found in ties.items()}


def pln_snapshots(
    owners: Iterable[tuple[User, bool]], *, alter_ties: bool = True
) -> dict[int, PLN]:
    """`pln_snapshot(owner, include_private=...)` for each (owner,
    include_private) pair, keyed by owner id, in two queries whatever the
    number of owners (each owner once; one with `alter_ties=False`). Names
    and versions come from each owner's profile: pass owners read with
    `select_related("profile")`."""
    pairs = list(owners)
    flags = {owner.pk: bool(shown) for owner, shown in pairs}
    if not flags:
        return {}
    nodes: dict[int, list[NodeData]] = {pk: [] for pk in flags}
    rows = (
        Node.objects.filter(_visible_q(flags))
        .order_by("owner_id", "id")
        .values_list("owner_id", "id", *SNAPSHOT_COLUMNS)
    )
    for row in plain_rows(rows):
        nodes[row[0]].append(node_data(row[1:]))
    ids = {pk: {n.id for n in found} for pk, found in nodes.items()}
    ties = alter_ties_among_many(ids) if alter_ties else {pk: () for pk in flags}
    return {
        owner.pk: _pln(owner, getattr(owner, "profile", None), nodes[owner.pk], ties[owner.pk])
        for owner, _ in pairs
    }


def people_plns(
    owners: Iterable[tuple[User, bool]],
    nodes: Mapping[int, Iterable[NodeData]],
    visible: Mapping[int, frozenset[int]] | None = None,
) -> dict[int, PLN]:
    """`pln_snapshots(owners, alter_ties=False)` from nodes another app read
    (owner id → every one of the owner's nodes, from `node_data`): in id
    order, the private ones left out unless the pair says to include them,
    as the database read leaves them out (one query, for those pairs).
    `visible`: the owners' `visible_node_ids`, when the caller read them
    (a coach's views): those pairs keep just these, and need no query."""
    pairs = list(owners)
    visible = visible or {}
    # The nodes may come from a cache: who is private now is read from the
    # database too, so a person just made private never reaches a coach.
    hidden = [owner.pk for owner, shown in pairs if not shown and owner.pk not in visible]
    private = set(
        Node.objects.filter(owner_id__in=hidden, private=True).values_list("pk", flat=True)
        if hidden
        else ()
    )
    out: dict[int, PLN] = {}
    for owner, shown in pairs:
        if owner.pk in visible:
            seen = [n for n in nodes[owner.pk] if n.id in visible[owner.pk]]
        else:
            seen = [n for n in nodes[owner.pk] if shown or not (n.private or n.id in private)]
        seen.sort(key=attrgetter("id"))
        out[owner.pk] = _pln(owner, getattr(owner, "profile", None), seen, ())
    return out


def nodes_named(owner: User, name: str) -> list[Node]:
    """The owner's nodes whose name is `name`, ignoring case and spacing
    (and a leading "Dr."), so quick add finds "dr maria chen" as Dr. Maria Chen."""
    import re

    def key(text: str) -> str:
        text = re.sub(r"\s+", " ", text).strip().casefold()
        return re.sub(r"^dr\.?\s+", "", text)

    wanted = key(name)
    first_word = wanted.split(" ")[-1] if wanted else ""
    candidates = Node.objects.filter(owner=owner, name__icontains=first_word).select_related("tie")
    return [n for n in candidates if key(n.name) == wanted]


# --- possible duplicates -------------------------------------------------------


def duplicate_pairs(owner: User) -> list[DuplicatePair]:
    """Pairs of the owner's nodes that may be one person, surest first
    (tiewise.core.duplicates), computed once per PLN version."""
    from tiewise.pln_cache import cached_for

    def compute() -> list[DuplicatePair]:
        rows = Node.objects.filter(owner=owner).values(
            "id", "name", "kind", "organisation", "email", "other_emails", "links"
        )
        return find_duplicate_pairs(rows)

    return cached_for(owner, "duplicates", compute, DUPLICATE_RULES)


def duplicate_rows(owner: User, pairs: Sequence[DuplicatePair]) -> list[dict[str, Any]]:
    """Pairs with both nodes' names, organisation, title, strength and
    source tags, for the page and the API (one query)."""
    ids = {i for p in pairs for i in (p.a, p.b)}
    nodes = {n.pk: n for n in Node.objects.filter(owner=owner, pk__in=ids).select_related("tie")}
    out = []
    for p in pairs:
        a, b = nodes.get(p.a), nodes.get(p.b)
        if a is None or b is None:
            continue
        out.append(
            {"a": _brief(a), "b": _brief(b), "confidence": p.confidence,
             "reasons": list(p.reasons),
             "reason_labels": [DUPLICATE_REASONS[r] for r in p.reasons]}
        )  # fmt: skip
    return out


def _brief(node: Node) -> dict[str, Any]:
    tie = getattr(node, "tie", None)
    return {
        "id": node.pk,
        "name": node.name,
        "organisation": node.organisation,
        "title": node.title,
        "email": node.email,
        "strength": tie.strength if tie else "weak",
        "tags": list(node.tags or []),
        "url": node.get_absolute_url(),
    }


def search_people(
    owner: User,
    text: str,
    *,
    strength: str = "",
    exclude: Iterable[int] = (),
    limit: int = 20,
) -> tuple[list[dict[str, Any]], int]:
    """The owner's people whose name, organisation or other searchable field
    contains `text`, for a person picker: strong ties first, then by name.
    Each item has `id`, `name` and a short `detail` (organisation and tie)
    that tells namesakes apart. Returns (items, how many match)."""
    qs = node_queryset(owner)
    text = text.strip()
    if text:
        qs = qs.filter(Q(name__icontains=text) | search_q(text))
    if strength:
        qs = qs.filter(tie__strength=strength)
    ids = [int(i) for i in exclude]
    if ids:
        qs = qs.exclude(pk__in=ids)
    rank = {key: i for i, key in enumerate(("strong", "weak", "absent"))}
    rows = list(
        qs.order_by("name", "id").values_list("pk", "name", "organisation", "tie__strength")[
            : max(limit * 5, 100)
        ]
    )
    rows.sort(key=lambda r: (rank.get(r[3] or "weak", 3), r[1].casefold(), r[0]))
    items = [
        {
            "id": pk,
            "name": name,
            "detail": " · ".join(
                part for part in (organisation, label(STRENGTHS, s or "weak")) if part
            ),
        }
        for pk, name, organisation, s in rows[:limit]
    ]
    return items, qs.count()
