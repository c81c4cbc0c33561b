"""Writes to the PLN. Pages, the API, the CLI and the importers all call
these, so the rules (validation, ownership, the PLN version bump) live in
one place. Other apps create, change and merge nodes only through here."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from tiewise.accounts.models import User
from tiewise.accounts.services import pln_version_bump
from tiewise.core.errors import Conflict, NotFound
from tiewise.core.importers.dedupe import normal_url
from tiewise.core.nodefields import BULK, BY_NAME, FIELDS, PHI
from tiewise.core.phi import phi_warnings
from tiewise.core.quickadd import parse_quick_add
from tiewise.core.vocab import ALTER_TIE_STRENGTHS
from tiewise.pln_cache import note_changed_nodes

from .cleaning import clean_node_values, split_tables
from .models import AlterTie, MapPosition, Node, Tie
from .selectors import owned_nodes, touching

__all__ = ["Conflict", "NotFound", "owned_nodes"]

#: Rows written per INSERT: big imports stay inside SQLite's variable limit
#: and keep each statement short.
BATCH = 500


def touch_pln(owner: User, *, graph: bool = False, nodes: Iterable[int] | None = None) -> None:
    """Record that the PLN changed: caches keyed on the version go stale.
    `graph`: who-knows-whom ties changed (the insights' structure is cached
    on that graph's own version, which nothing else moves). `nodes`: the
    only nodes whose own rows (the node, its tie, its reminder) changed,
    when the caller knows (`()` for none: an interaction, a goal), so a
    cached read of every node reads just those again; None, the default,
    means any may have."""
    version = pln_version_bump(owner, graph=graph)
    if nodes is not None:
        ids = list(nodes)
        # Once the write is committed: a reader that sees the new version
        # before this lands finds no record and reads everything (safe).
        transaction.on_commit(lambda: note_changed_nodes(owner, version, ids), robust=True)


def _assign(node: Node, tie: Tie, values: Mapping[str, Any]) -> None:
    node_values, tie_values = split_tables(values)
    for name, value in node_values.items():
        setattr(node, name, value)
    for name, value in tie_values.items():
        setattr(tie, name, value)


def _flag(node: Node) -> None:
    node.phi_flags = phi_warnings("\n".join(str(getattr(node, name) or "") for name in PHI))


def _save(node: Node, tie: Tie) -> None:
    _flag(node)
    node.save()
    tie.node = node
    tie.save()


@transaction.atomic
def node_create(*, owner: User, data: Mapping[str, Any]) -> Node:
    """Create a node and the owner's tie to it. Raises ValidationError naming
    the fields when anything is invalid; nothing is saved then."""
    values = clean_node_values(data)
    node, tie = Node(owner=owner), Tie()
    _assign(node, tie, values)
    tie.tracked_since = timezone.localdate()  # added by hand: the owner chose them
    _save(node, tie)
    touch_pln(owner, nodes=[node.pk])
    return node


def node_version(node: Node) -> str:
    """An opaque version of a node, used as its ETag."""
    return f'"{int(node.updated_at.timestamp() * 1_000_000)}"'


@transaction.atomic
def node_update(
    *, node: Node, data: Mapping[str, Any], expected_version: str | None = None
) -> Node:
    """Update the fields given in `data`. With `expected_version` (an ETag
    from an earlier read), refuse with Conflict if the node changed since."""
    if expected_version is not None:
        current = Node.objects.select_for_update().get(pk=node.pk)
        if node_version(current) != expected_version.removeprefix("W/"):
            raise Conflict(
                "This node was changed since you loaded it. Reload it and apply your edit again."
            )
    values = clean_node_values(data, partial=True)
    _assign(node, _tie_of(node), values)
    _track_on_cadence(_tie_of(node))
    _save(node, _tie_of(node))
    touch_pln(node.owner, nodes=[node.pk])
    return node


def _track_on_cadence(tie: Tie) -> None:
    """A cadence the owner sets is a choice to keep in touch: the clock starts."""
    if tie.cadence_days and tie.tracked_since is None:
        tie.tracked_since = timezone.localdate()


def _tie_of(node: Node) -> Tie:
    tie = getattr(node, "tie", None)
    if tie is None:
        tie = Tie(node=node)
        node.tie = tie
    return tie


@transaction.atomic
def node_delete(*, node: Node) -> None:
    owner, pk = node.owner, node.pk
    node.delete()
    touch_pln(owner, graph=True, nodes=[pk])  # its who-knows-whom ties go with it


@dataclass(frozen=True, slots=True)
class QuickAdded:
    """What a quick-add line did: the node, whether it is new, and who it
    is now recorded to know."""

    node: Node
    created: bool
    knows: tuple[str, ...] = ()


@transaction.atomic
def quick_add(*, owner: User, line: str) -> QuickAdded:
    """Create a node from "Jane Doe, strong, mentor"; "…, knows Tom Becker"
    also records who knows them. "Maria Chen knows Tom Becker", where Maria
    is already in the network, only records that they know each other.
    Everything or nothing: a name that is nobody in the network is an error."""
    try:
        parsed = parse_quick_add(line)
    except ValueError as exc:
        raise ValidationError({"line": [str(exc)]}) from exc
    data = vars(parsed)
    knows = data.pop("knows")
    others = _people_named(owner, knows)
    existing = _people_named(owner, [parsed.name], required=False) if knows else []
    only_link = len(line.split(",")) == 1 and len(existing) == 1
    node = existing[0] if only_link else node_create(owner=owner, data=data)
    if others:
        alter_ties_bulk_create(owner=owner, pairs=[(node.pk, o.pk, "") for o in others])
    return QuickAdded(node, created=not only_link, knows=tuple(o.name for o in others))


def _people_named(owner: User, names: list[str], *, required: bool = True) -> list[Node]:
    """The owner's nodes called exactly these names (any case, any spacing)."""
    from .selectors import nodes_named

    found: list[Node] = []
    for name in names:
        matches = nodes_named(owner, name)
        if len(matches) == 1:
            found.append(matches[0])
        elif required and not matches:
            raise ValidationError(
                {"line": [f"Nobody called “{name}” is in your network yet: add them first."]}
            )
        elif required:
            raise ValidationError(
                {"line": [f"Several people are called “{name}”: link them on their page."]}
            )
    return found


def nodes_bulk_update(
    *,
    owner: User,
    ids: Iterable[int],
    set_fields: Mapping[str, Any] | None = None,
    add: Mapping[str, Any] | None = None,
    track: bool | None = None,
) -> int:
    """Set fields on many nodes at once. `set_fields` replaces values;
    `add` appends to list fields (areas, roles, modes, tags). Ids that are not
    the owner's are NotFound for the whole call, and nothing changes.

    Everything is checked before anything is written; the writes then go in
    batches of BATCH, each its own short transaction, so editing thousands of
    nodes never holds SQLite's single write lock for long."""
    wanted = {int(i) for i in ids}
    set_fields = {k: v for k, v in (set_fields or {}).items() if v not in (None, "")}
    add = {k: v for k, v in (add or {}).items() if v}
    unknown = (set(set_fields) | set(add)) - set(BULK)
    if unknown:
        raise ValidationError({f: ["This field cannot be bulk-edited."] for f in sorted(unknown)})
    values = clean_node_values(set_fields, partial=True)
    extra = clean_node_values(add, partial=True)
    nodes = list(Node.objects.filter(owner=owner, pk__in=wanted).select_related("tie"))
    if len(nodes) != len(wanted):
        raise NotFound("No such node")
    changed = {*values, *extra}
    node_fields = [n for n in changed if BY_NAME[n].table == "node"]
    tie_fields = [n for n in changed if BY_NAME[n].table == "tie"]
    if track is not None:
        tie_fields.append("tracked_since")
    for node in nodes:
        tie = _tie_of(node)
        merged = dict(values)
        for name, items in extra.items():
            current = list(getattr(tie if BY_NAME[name].table == "tie" else node, name))
            merged[name] = current + [v for v in items if v not in current]
        _assign(node, tie, merged)
        if track is True and tie.tracked_since is None:
            tie.tracked_since = timezone.localdate()
        elif track is False:
            tie.tracked_since = None
    now = timezone.now()
    for start in range(0, len(nodes), BATCH):
        chunk = nodes[start : start + BATCH]
        with transaction.atomic():
            for node in chunk:
                node.updated_at = now  # bulk_update skips auto_now
            Node.objects.bulk_update(chunk, [*node_fields, "updated_at"])
            if tie_fields:
                missing = [_tie_of(n) for n in chunk if _tie_of(n).pk is None]
                Tie.objects.bulk_create(missing)
                Tie.objects.bulk_update([_tie_of(n) for n in chunk], tie_fields)
            # With each batch: a later batch that fails leaves the committed
            # ones recorded, never changed under an unmoved version.
            touch_pln(owner, nodes=[n.pk for n in chunk])
    return len(nodes)


# --- many nodes at once: imports ----------------------------------------------


#: Facts a newer export of the same source may update on a person it finds
#: again (a new employer, a new title, a move), while the owner has not
#: changed what the earlier import wrote (`Node.import_facts`).
IMPORT_FACTS = ("organisation", "title", "profession", "specialty", "city", "country")


def _note_facts(node: Node, incoming: Mapping[str, Any]) -> None:
    """Remember the facts of `incoming` the node now holds as imported."""
    facts = dict(node.import_facts or {})
    for name in IMPORT_FACTS:
        value = incoming.get(name)
        if value and getattr(node, name) == value:
            facts[name] = value
    node.import_facts = facts


@dataclass(frozen=True, slots=True)
class NodeMerge:
    """Values to fold into an existing node: empty fields are filled, list
    fields gain what they lack, nothing the owner wrote is overwritten,
    except the fields in `update`: what a newer export of the same source
    says has changed (a new employer), which replace the node's values.
    `keys` are source keys the node keeps to be found again."""

    node_id: int
    values: Mapping[str, Any]
    update: Mapping[str, Any] = field(default_factory=dict)
    keys: Sequence[str] = ()


def nodes_bulk_create(
    *,
    owner: User,
    rows: Sequence[Mapping[str, Any]],
    tracked: bool = False,
    keys: Sequence[Sequence[str]] = (),
) -> list[Node]:
    """Create many nodes (and their ties) in bounded batches. Rows must be
    clean (see `clean_node_values`); the caller holds the transaction, so the
    whole import commits or nothing does.

    Imported ties are not tracked: their keep-in-touch clock starts when the
    owner chooses (a cadence, "keep in touch", an interaction), never at a
    "connected on" date. `tracked` (a restore of the owner's own export)
    starts every clock today. `keys` (one list per row) are the source keys
    by which the next import of the same source finds each node again."""
    nodes: list[Node] = []
    ties: list[Tie] = []
    today = timezone.localdate()
    for i, values in enumerate(rows):
        node, tie = Node(owner=owner), Tie()
        _assign(node, tie, {**clean_defaults(), **values})
        if keys:  # an import: found again by these, its facts updated by a newer export
            node.source_keys = list(keys[i]) if i < len(keys) else []
            _note_facts(node, values)
        if tracked:
            tie.tracked_since = today
        _track_on_cadence(tie)
        nodes.append(node)
        ties.append(tie)
    for node in nodes:
        _flag(node)
    Node.objects.bulk_create(nodes, batch_size=BATCH)
    for node, tie in zip(nodes, ties, strict=True):
        tie.node = node
        node.tie = tie
    Tie.objects.bulk_create(ties, batch_size=BATCH)
    if nodes:
        touch_pln(owner)
    return nodes


def clean_defaults() -> dict[str, Any]:
    return {f.name: f.initial for f in FIELDS}


def _merged_list(
    current: Sequence[str], extra: Iterable[str], key: Callable[[str], str] = str.casefold
) -> list[str]:
    """`current` plus the items of `extra` it lacks, compared by `key`."""
    seen = {key(v) for v in current}
    out = list(current)
    for v in extra:
        if v and key(v) not in seen:
            seen.add(key(v))
            out.append(v)
    return out


def merge_values(node: Node, values: Mapping[str, Any]) -> bool:
    """Fold `values` into `node` (and its tie) in memory. True when
    anything changed. Strength, privacy and the name are the owner's: an
    import never changes them."""
    tie = _tie_of(node)
    changed = False
    for f in FIELDS:
        if f.name not in values or f.name in ("name", "strength", "private", "kind"):
            continue
        target = tie if f.table == "tie" else node
        current = getattr(target, f.name)
        new = values[f.name]
        if f.is_list:
            key = normal_url if f.type == "urls" else str.casefold
            merged = _merged_list(list(current or []), new or [], key)
            if merged != list(current or []):
                setattr(target, f.name, merged)
                changed = True
        elif new not in (None, "") and current in (None, ""):
            setattr(target, f.name, new)
            changed = True
    return changed


def _replace_values(node: Node, update: Mapping[str, Any]) -> bool:
    """Set the scalar fields in `update` (a newer export's facts)."""
    tie = _tie_of(node)
    changed = False
    for name, value in update.items():
        f = BY_NAME[name]
        if f.is_list or name in ("name", "strength", "private", "kind"):
            raise ValueError(f"{name} is not replaced by an import")
        target = tie if f.table == "tie" else node
        if value not in (None, "") and getattr(target, name) != value:
            setattr(target, name, value)
            changed = True
    return changed


def nodes_bulk_merge(*, owner: User, merges: Sequence[NodeMerge]) -> int:
    """Fold imported values into existing nodes; returns how many changed."""
    by_id: dict[int, Node] = {
        n.pk: n
        for n in Node.objects.filter(
            owner=owner, pk__in={m.node_id for m in merges}
        ).select_related("tie")
    }
    if len(by_id) != len({m.node_id for m in merges}):
        raise NotFound("No such node")
    changed: dict[int, Node] = {}
    kept: dict[int, Node] = {}  # only the import's bookkeeping moved
    for m in merges:
        node = by_id[m.node_id]
        before = (list(node.source_keys or []), dict(node.import_facts or {}))
        updated = _replace_values(node, m.update)
        if merge_values(node, m.values) or updated:
            changed[node.pk] = node
        _note_facts(node, {**m.values, **m.update})
        node.source_keys = _merged_list(before[0], m.keys, str)
        if (node.source_keys, node.import_facts) != before:
            kept[node.pk] = node
    # Nothing the owner sees changed on these: no new PLN version, one batched write.
    Node.objects.bulk_update(
        [n for pk, n in kept.items() if pk not in changed],
        ["source_keys", "import_facts"],
        batch_size=BATCH,
    )
    for node in changed.values():
        _save(node, _tie_of(node))
    if changed:
        touch_pln(owner)
    return len(changed)


# --- alter ties ------------------------------------------------------------------


def _pair(owner: User, a: int, b: int) -> tuple[Node, Node]:
    if int(a) == int(b):
        raise ValidationError({"target": ["A node cannot be tied to itself."]})
    found = {n.pk: n for n in owned_nodes(owner, [a, b])}
    lo, hi = sorted((int(a), int(b)))
    return found[lo], found[hi]


def _alter_strength(strength: str) -> str:
    if strength not in ("", *ALTER_TIE_STRENGTHS):
        raise ValidationError({"strength": ["Use strong, weak or leave empty."]})
    return strength


def alter_tie_create(*, owner: User, source: int, target: int, strength: str = "") -> AlterTie:
    """Record that two of the owner's nodes know each other. Idempotent: the
    same pair twice updates the strength instead of failing."""
    src, tgt = _pair(owner, source, target)
    strength = _alter_strength(strength)
    with transaction.atomic():
        tie, created = AlterTie.objects.get_or_create(
            owner=owner, source=src, target=tgt, defaults={"strength": strength}
        )
        if not created and strength and tie.strength != strength:
            tie.strength = strength
            tie.save(update_fields=["strength"])
        touch_pln(owner, graph=True)
    return tie


@transaction.atomic
def alter_ties_bulk_create(*, owner: User, pairs: Iterable[tuple[int, int, str]]) -> int:
    """Create many alter ties in one go; all or nothing. Pairs already known
    are skipped."""
    pairs = list(pairs)
    ids = {int(i) for s, t, _ in pairs for i in (s, t)}
    owned_nodes(owner, ids)
    wanted: dict[tuple[int, int], str] = {}
    for s, t, strength in pairs:
        if int(s) == int(t):
            raise ValidationError({"target": ["A node cannot be tied to itself."]})
        lo, hi = sorted((int(s), int(t)))
        wanted.setdefault((lo, hi), _alter_strength(strength or ""))
    existing = set(AlterTie.objects.filter(owner=owner).values_list("source_id", "target_id"))
    new = [
        AlterTie(owner=owner, source_id=lo, target_id=hi, strength=st)
        for (lo, hi), st in wanted.items()
        if (lo, hi) not in existing
    ]
    AlterTie.objects.bulk_create(new, batch_size=BATCH)
    touch_pln(owner, graph=True)
    return len(new)


@transaction.atomic
def alter_ties_set_among(
    *, owner: User, ids: Iterable[int], pairs: Iterable[tuple[int, int]]
) -> tuple[int, int]:
    """Make `pairs` exactly the alter ties among the nodes `ids` (the
    who-knows-whom grid): ties ticked are created, ties among these nodes
    left unticked are removed, ties to anyone else are kept. Returns
    (added, removed)."""
    ids = sorted({int(i) for i in ids})
    owned_nodes(owner, ids)  # NotFound for an id that is not the owner's
    inside = set(ids)
    wanted: set[tuple[int, int]] = set()
    for a, b in pairs:
        a, b = int(a), int(b)
        if a == b or a not in inside or b not in inside:
            raise ValidationError({"pairs": ["Tick pairs of the people shown."]})
        wanted.add((min(a, b), max(a, b)))
    qs = AlterTie.objects.filter(owner=owner, source_id__in=ids, target_id__in=ids)
    have = set(qs.values_list("source_id", "target_id"))
    new = [AlterTie(owner=owner, source_id=lo, target_id=hi) for lo, hi in wanted - have]
    AlterTie.objects.bulk_create(new, batch_size=BATCH)
    gone = have - wanted
    removed = 0
    if gone:
        pks = [pk for pk, s, t in qs.values_list("pk", "source_id", "target_id") if (s, t) in gone]
        removed = AlterTie.objects.filter(pk__in=pks).delete()[0]
    if new or removed:
        touch_pln(owner, graph=True)
    return len(new), removed


def alter_tie_delete(*, owner: User, tie_id: int) -> None:
    deleted, _ = AlterTie.objects.filter(owner=owner, pk=tie_id).delete()
    if not deleted:
        raise NotFound("No such alter tie")
    touch_pln(owner, graph=True)


# --- map positions -----------------------------------------------------------------


def map_position_save(*, owner: User, node_id: int, x: float, y: float, layout: str) -> None:
    owned_nodes(owner, [node_id])
    try:
        MapPosition.objects.update_or_create(
            node_id=node_id, layout=layout, defaults={"x": float(x), "y": float(y)}
        )
    except IntegrityError:  # a concurrent drag of the same node: last write wins
        MapPosition.objects.filter(node_id=node_id, layout=layout).update(x=x, y=y)


def map_position_forget(*, owner: User, node_id: int, layout: str) -> int:
    """Let one node go back to the automatic layout (undoing its first drag)."""
    owned_nodes(owner, [node_id])
    deleted, _ = MapPosition.objects.filter(node_id=node_id, layout=layout).delete()
    return deleted


def map_positions_reset(*, owner: User, layout: str) -> int:
    deleted, _ = MapPosition.objects.filter(node__owner=owner, layout=layout).delete()
    return deleted


# --- merging two nodes: duplicates -------------------------------------------------

#: Which strength a merged tie keeps: the closer of the two.
_CLOSER = {"strong": 2, "weak": 1, "absent": 0}
#: Long texts a merge keeps both of, one after the other.
_JOINED = ("notes", "how_we_met")


@dataclass(frozen=True, slots=True)
class NodeMerged:
    """What `node_merge` did: the node that stays and how many links moved."""

    node: Node
    merged_id: int
    moved: Mapping[str, int]


def _joined(first: str, second: str) -> str:
    first, second = (first or "").strip(), (second or "").strip()
    if not second or second in first:
        return first
    if not first or first in second:
        return second
    return f"{first}\n\n{second}"


def _move_alter_ties(owner: User, from_node: Node, to_node: Node) -> int:
    """Who knows `from_node` now knows `to_node`: no self loop, no pair twice,
    the stronger of two ties to the same person kept."""
    current = {
        (t.target_id if t.source_id == to_node.pk else t.source_id): t
        for t in AlterTie.objects.filter(touching(owner.pk, to_node.pk))
    }
    moved = 0
    for tie in list(AlterTie.objects.filter(touching(owner.pk, from_node.pk))):
        other = tie.target_id if tie.source_id == from_node.pk else tie.source_id
        if other == to_node.pk:
            tie.delete()  # they knew each other: a self loop now
            continue
        kept = current.get(other)
        if kept is not None:
            if tie.strength == "strong" or (tie.strength and not kept.strength):
                kept.strength = tie.strength
                kept.save(update_fields=["strength"])
            tie.delete()
            continue
        tie.delete()
        lo, hi = sorted((other, to_node.pk))
        current[other] = AlterTie.objects.create(
            owner=owner, source_id=lo, target_id=hi, strength=tie.strength,
            created_at=tie.created_at,
        )  # fmt: skip
        moved += 1
    return moved


@transaction.atomic
def node_merge(*, owner: User, node_id: int, into_id: int) -> NodeMerged:
    """Merge node `node_id` into node `into_id`, both the owner's, in one
    transaction: `into` keeps its name and everything it has; it gains the
    fields it lacks, the union of the list fields (areas, roles, tags,
    emails, links ...), both notes, the closer strength, and every link of
    the other node (who knows whom, interactions, goals, actions, prospect,
    imports, a coach's introductions), each moved by the app that owns it.
    Then the other node is deleted. Another user's id is NotFound; a node
    cannot be merged into itself."""
    if int(node_id) == int(into_id):
        raise ValidationError({"into": ["A person cannot be merged into themselves."]})
    nodes = {
        n.pk: n
        # Lock the two nodes only: PostgreSQL cannot lock the nullable side
        # of the outer join to their ties.
        for n in Node.objects.select_for_update(of=("self",))
        .filter(owner=owner, pk__in=[int(node_id), int(into_id)])
        .select_related("tie")
    }
    if len(nodes) != 2:
        raise NotFound("No such node")
    node, into = nodes[int(node_id)], nodes[int(into_id)]
    from .selectors import node_values

    values = node_values(node)
    joined = {name: _joined(getattr(into, name), values.pop(name)) for name in _JOINED}
    extra_emails = [e for e in (values.pop("email"),) if e and e.lower() != into.email.lower()]
    extra_phones = [p for p in (values.pop("phone"),) if p and p != into.phone]
    values["other_emails"] = [*extra_emails, *values["other_emails"]]
    values["other_phones"] = [*extra_phones, *values["other_phones"]]
    if not into.email and extra_emails:
        into.email = extra_emails[0]
        values["other_emails"] = values["other_emails"][1:]
    if not into.phone and extra_phones:
        into.phone = extra_phones[0]
        values["other_phones"] = values["other_phones"][1:]
    merge_values(into, values)
    for name, text in joined.items():
        setattr(into, name, text)
    tie, other_tie = _tie_of(into), _tie_of(node)
    if _CLOSER.get(other_tie.strength, 0) > _CLOSER.get(tie.strength, 0):
        tie.strength = other_tie.strength
    into.private = into.private or node.private
    if other_tie.since and (tie.since is None or other_tie.since < tie.since):
        tie.since = other_tie.since
    if other_tie.tracked_since and (
        tie.tracked_since is None or other_tie.tracked_since < tie.tracked_since
    ):
        tie.tracked_since = other_tie.tracked_since
    moved: dict[str, int] = {"alter_ties": _move_alter_ties(owner, node, into)}
    from tiewise.coaching.services import coaching_links_move
    from tiewise.planning.services import plan_links_move
    from tiewise.transfer.services import import_links_move
    from tiewise.upkeep.services import upkeep_links_move

    for move in (plan_links_move, upkeep_links_move, coaching_links_move, import_links_move):
        moved.update(move(owner=owner, from_node=node, to_node=into))
    merged_id = node.pk
    node.delete()
    _save(into, tie)
    touch_pln(owner, graph=True)
    return NodeMerged(into, merged_id, moved)


# --- keeping in touch: whose clock runs -------------------------------------------


@transaction.atomic
def ties_track(*, owner: User, ids: Iterable[int], track: bool = True) -> int:
    """Start (today) or stop the keep-in-touch clock of these nodes' ties.
    A tie already tracked keeps its start. How many ties changed."""
    wanted = {int(i) for i in ids}
    owned_nodes(owner, wanted)
    ties = Tie.objects.filter(node__owner=owner, node_id__in=wanted)
    if track:
        changed = ties.filter(tracked_since__isnull=True).update(tracked_since=timezone.localdate())
    else:
        changed = ties.filter(tracked_since__isnull=False).update(tracked_since=None)
    if changed:
        touch_pln(owner, nodes=wanted)
    return changed
