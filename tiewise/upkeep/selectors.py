"""Reads for keeping ties alive, always scoped to one owner. Statuses for the
whole PLN come from a fixed number of queries, whatever its size."""

from __future__ import annotations

import hashlib
import heapq
import operator
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, Max, QuerySet
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

from tiewise.access import mine
from tiewise.accounts import selectors as account_selectors
from tiewise.core.cadence import (
    CadenceRules,
    DueItem,
    Reciprocity,
    TieStatus,
    action_status,
    effective_cadence,
    is_lapsed,
    reciprocity,
    sort_due,
    tie_status,
)
from tiewise.core.errors import NotFound
from tiewise.core.phi import phi_message
from tiewise.core.snapshots import SNAPSHOT_VERSION
from tiewise.network import selectors as network_selectors
from tiewise.network.fields import decode_tuple
from tiewise.network.models import Node
from tiewise.planning import selectors as planning_selectors
from tiewise.pln_cache import changed_nodes, owner_tag
from tiewise.rows import plain_rows

from .models import Interaction, Snapshot, UpkeepSettings

if TYPE_CHECKING:
    from tiewise.accounts.models import User
    from tiewise.core.types import PLN

#: The due list shows open actions due within this many days (and overdue ones).
ACTION_HORIZON_DAYS = 7


def today() -> date:
    return timezone.localdate()


def settings_for(owner: User) -> UpkeepSettings:
    found, _ = UpkeepSettings.objects.get_or_create(user=owner)
    return found


# --- interactions -----------------------------------------------------------


def interaction_queryset(owner: User) -> QuerySet[Interaction]:
    return Interaction.objects.filter(owner=owner).prefetch_related("nodes")


def get_interaction_for(owner: User, interaction_id: int | str) -> Interaction:
    """The owner's interaction with this id; anything else is a 404."""
    return mine(interaction_queryset(owner), interaction_id, "interaction")


def interactions_with(node: Node, limit: int | None = None) -> list[Interaction]:
    qs = interaction_queryset(node.owner).filter(nodes=node)
    return list(qs[:limit] if limit else qs)


def interaction_dict(i: Interaction) -> dict[str, Any]:
    nodes = sorted(i.nodes.all(), key=lambda n: n.name.lower())
    return {
        "id": i.pk,
        "date": i.date,
        "nodes": [n.pk for n in nodes],
        "node_names": [n.name for n in nodes],
        "channel": i.channel,
        "kind": i.kind,
        "direction": i.direction,
        "quality": i.quality,
        "note": i.note,
        "created_at": i.created_at,
        "warnings": [phi_message(list(i.phi_flags))] if i.phi_flags else [],
    }


def last_contacts(owner: User, *, node_ids: Iterable[int] | None = None) -> dict[int, date]:
    """The date of the latest interaction with each node (or each of
    `node_ids`), in one query."""
    through: Any = Interaction.nodes.through
    qs = through.objects.filter(interaction__owner=owner)
    if node_ids is not None:
        qs = qs.filter(node_id__in=list(node_ids))
    rows = (
        qs.values("node_id")
        .annotate(last_date=Max("interaction__date"))
        .values_list("node_id", "last_date")
    )
    return dict(rows)


# --- cadence and status -----------------------------------------------------


@dataclass(slots=True)
class TieRow:
    node_id: int
    name: str
    strength: str
    roles: tuple[str, ...]
    status: TieStatus
    never: bool
    snoozed_until: date | None
    lapsed: bool


def tie_rows(
    owner: User, *, on: date | None = None, node_ids: Iterable[int] | None = None
) -> list[TieRow]:
    """Every node's tie (or only those of `node_ids`: a page of a list) with
    its status on `on` (default today), by name and id: 3 queries, and every
    node's rows mostly from the cache (`_node_rows`)."""
    return _read_ties(owner, on=on, node_ids=node_ids)[1]


def _read_ties(
    owner: User,
    *,
    on: date | None = None,
    node_ids: Iterable[int] | None = None,
    version: int | None = None,
) -> tuple[list[tuple[Any, ...]], list[TieRow]]:
    """The owner's nodes (or those of `node_ids`) by name and id, as plain
    rows of `_WITH_NODE`, and their tie rows on `on`. Every node's rows come
    from `_node_rows` (at the PLN `version`, when the caller read it)."""
    if node_ids is None:
        raw = _node_rows([owner], None if version is None else {owner.pk: version})[owner.pk]
        last = None
    else:
        ids = list(node_ids)
        nodes = network_selectors.node_queryset(owner).filter(pk__in=ids)
        raw = sorted(plain_rows(nodes.values_list(*_WITH_NODE)), key=_by_name)
        last = {owner.pk: last_contacts(owner, node_ids=ids)}
    return raw, _tie_rows_of({owner.pk: raw}, on=on, last=last)[0][owner.pk]


#: What a status needs of a node, its tie and its reminder, read as plain
#: rows (`plain_rows`): model instances for 3,000 people cost ten times the
#: query, and Django's per-value converters half as much again.
_ROW = ("pk", "name", "tie__strength", "tie__roles", "tie__cadence_days", "tie__tracked_since",
        "reminder__never", "reminder__snoozed_until")  # fmt: skip


_WIDTH = len(_ROW)
#: `_ROW` and the other columns of a snapshot's node (`network_selectors.
#: node_data`): every read of all the owner's nodes takes these (and a
#: node's state is among them), so one cached read serves every page.
_WITH_NODE = _ROW + tuple(c for c in network_selectors.SNAPSHOT_COLUMNS if c not in _ROW)
#: Where a node's and a state's (`network_selectors.node_state`) columns sit
#: in such a row (a state's `id` is the row's `pk`).
_node_of = operator.itemgetter(
    *(_WITH_NODE.index(c) for c in ("pk", *network_selectors.SNAPSHOT_COLUMNS))
)
_state_of = operator.itemgetter(
    *(_WITH_NODE.index("pk" if c == "id" else c) for c in network_selectors.STATE_COLUMNS)
)


#: A status's inputs but the rules (one `seen` serves one owner's rules):
#: day, strength, raw roles, own cadence, tracked since, last contact,
#: snoozed until, never.
_StatusKey = tuple[Any, ...]


def _tie_row(
    row: tuple[Any, ...],
    *,
    day: date,
    rules: CadenceRules,
    last: Mapping[int, date],
    seen: dict[_StatusKey, tuple[TieStatus, bool]],
) -> TieRow:
    """One node's tie with its status on `day`, from a plain row of `_ROW`.

    `seen` holds the statuses worked out so far in one read (of one day and
    one owner's rules), by their inputs: a big PLN's ties are mostly alike
    (an import leaves thousands of weak ties with no contact, tracked from
    the same day), so each distinct status is worked out once."""
    # A longer row (`_WITH_NODE`) starts with the same columns.
    pk, name, strength, raw_roles, cadence_days, tracked_since, never, snoozed = row[:_WIDTH]
    strength = strength or "weak"  # a node without a tie yet
    roles = decode_tuple(raw_roles)
    never = bool(never)
    last_contact = last.get(pk)
    key = (day, strength, raw_roles, cadence_days, tracked_since, last_contact, snoozed, never)
    known = seen.get(key)
    if known is None:
        cadence = effective_cadence(cadence_days, strength, roles, rules)
        status = tie_status(
            today=day,
            cadence=cadence,
            last_contact=last_contact,
            tracked_since=tracked_since,
            snoozed_until=snoozed,
            never=never,
        )
        lapsed = is_lapsed(
            today=day, strength=strength, cadence=cadence, anchor=status.anchor, never=never
        )
        known = seen[key] = (status, lapsed)
    status, lapsed = known
    return TieRow(pk, name, strength, roles, status, never, snoozed, lapsed)


def tie_rows_and_states(
    owner: User, *, on: date | None = None, version: int | None = None
) -> tuple[list[TieRow], list[dict[str, Any]]]:
    """`tie_rows(owner, on=on)` and `network_selectors.node_states(owner)`
    (in name order, not id order) from one read of the owner's nodes: the
    dashboard needs both after every edit, and on 3,000 people each read
    is a fifth of its cost. `version`: the PLN version the caller read."""
    raw, rows = _read_ties(owner, on=on, version=version)
    return rows, [network_selectors.node_state(_state_of(row)) for row in raw]


def status_map(
    owner: User, *, on: date | None = None, node_ids: Iterable[int] | None = None
) -> dict[int, TieRow]:
    return {r.node_id: r for r in tie_rows(owner, on=on, node_ids=node_ids)}


def node_status(node: Node, *, on: date | None = None) -> TieRow | None:
    return status_map(node.owner, on=on, node_ids=[node.pk]).get(node.pk)


# --- planning actions (read through the planning app) -----------------------


def action_url(action: Any) -> str:
    getter = getattr(action, "get_absolute_url", None)
    return str(getter()) if getter else ""


# --- the due list -----------------------------------------------------------


def due_items(
    owner: User,
    *,
    on: date | None = None,
    within_days: int | None = None,
    rows: Sequence[TieRow] | None = None,
) -> list[DueItem]:
    """Ties that are overdue, due or soon, and open actions overdue or due
    within a week, soonest first. `within_days` keeps only items due by then.
    `rows` are the `tie_rows` of that day, when the caller has them."""
    day = on or today()
    items: list[DueItem] = []
    for row in rows if rows is not None else tie_rows(owner, on=day):
        s = row.status
        if not s.needs_attention or s.due_date is None:
            continue
        items.append(
            DueItem(
                type="tie", title=row.name, due_date=s.due_date, status=s.status,
                reason=s.reason, node_id=row.node_id,
                extra={"strength": row.strength, "cadence_days": s.cadence,
                       "last_contact": s.last_contact, "lapsed": row.lapsed},
            )
        )  # fmt: skip
    horizon = day.toordinal() + (within_days if within_days is not None else ACTION_HORIZON_DAYS)
    for action in planning_selectors.open_actions_due(owner, until=date.fromordinal(horizon)):
        if action.due_date is None:  # the query keeps dated actions only
            continue
        days = (action.due_date - day).days
        when = (
            f"{-days} days overdue" if days < -1 else "1 day overdue" if days == -1
            else "due today" if days == 0 else f"due in {days} days"
        )  # fmt: skip
        items.append(
            DueItem(
                type="action", title=action.title, due_date=action.due_date,
                status=action_status(today=day, due_date=action.due_date),
                reason=f"action {when}", action_id=action.pk,
                extra={"url": action_url(action), "status": action.status},
            )
        )  # fmt: skip
    if within_days is not None:
        limit = date.fromordinal(day.toordinal() + within_days)
        items = [i for i in items if i.due_date <= limit]
    return sort_due(items)


def due_item_dict(item: DueItem) -> dict[str, Any]:
    out: dict[str, Any] = {
        "type": item.type,
        "title": item.title,
        "name": item.title,
        "status": item.status,
        "due_date": item.due_date,
        "reason": item.reason,
    }
    if item.type == "tie":
        out["node_id"] = item.node_id
        out["cadence_days"] = item.extra.get("cadence_days")
        out["last_contact"] = item.extra.get("last_contact")
    else:
        out["action_id"] = item.action_id
    return out


# --- reciprocity and lapsed ties --------------------------------------------


def reciprocity_by_node(owner: User) -> tuple[dict[int, Reciprocity], Reciprocity]:
    """Give and take per node and overall (each interaction counted once
    overall, however many nodes it involved)."""
    through = Interaction.nodes.through
    per: dict[int, list[str]] = {}
    for node_id, direction in through.objects.filter(interaction__owner=owner).values_list(
        "node_id", "interaction__direction"
    ):
        per.setdefault(node_id, []).append(direction)
    overall = reciprocity(
        Interaction.objects.filter(owner=owner).values_list("direction", flat=True)
    )
    return {pk: reciprocity(d) for pk, d in per.items()}, overall


@dataclass(slots=True)
class UpkeepOverview:
    overall: Reciprocity
    one_way: list[tuple[TieRow, Reciprocity]]
    lapsed: list[TieRow]
    per_node: list[tuple[TieRow, Reciprocity]]


def overview(owner: User, *, on: date | None = None) -> UpkeepOverview:
    rows = tie_rows(owner, on=on)
    per, overall = reciprocity_by_node(owner)
    with_counts = [(r, per[r.node_id]) for r in rows if r.node_id in per]
    one_way = [(r, rec) for r, rec in with_counts if rec.flag]
    lapsed = sorted(
        (r for r in rows if r.lapsed),
        key=lambda r: r.status.anchor or date.min,
    )
    with_counts.sort(key=lambda pair: (-pair[1].total, pair[0].name.lower()))
    return UpkeepOverview(overall, one_way, lapsed, with_counts)


# --- snapshots --------------------------------------------------------------


def snapshot_queryset(owner: User) -> QuerySet[Snapshot]:
    return Snapshot.objects.filter(owner=owner)


def snapshots_mark(owner: User) -> str:
    """What the owner's set of snapshots is at (their number and newest id),
    for caches of what is compared with them: taking or deleting a snapshot
    does not change the PLN, so its version does not move."""
    found = snapshot_queryset(owner).order_by().aggregate(n=Count("pk"), last=Max("pk"))
    return f"{found['n']}-{found['last'] or 0}"


def get_snapshot_for(owner: User, snapshot_id: int | str) -> Snapshot:
    return mine(snapshot_queryset(owner), snapshot_id, "snapshot")


def pln_state(
    owner: User,
    *,
    on: date | None = None,
    rows: Sequence[TieRow] | None = None,
    states: list[dict[str, Any]] | None = None,
    alter_ties: int | None = None,
) -> dict[str, Any]:
    """The PLN now, in the snapshot shape of tiewise.core.snapshots. A caller
    that read today's `tie_rows`, the `node_states` or the number of alter
    ties already passes them."""
    # Only the ties' number is kept: counted, not read (they are most of
    # a big PLN's rows, and the dashboard asks for this after every edit).
    if rows is None:
        rows = tie_rows(owner, on=on)
    return {
        "version": SNAPSHOT_VERSION,
        "nodes": states if states is not None else network_selectors.node_states(owner),
        "alter_ties": (
            network_selectors.alter_tie_count(owner) if alter_ties is None else alter_ties
        ),
        "lapsed": [r.node_id for r in rows if r.lapsed],
        "done_actions": planning_selectors.done_actions(owner),
    }


def snapshot_dict(s: Snapshot) -> dict[str, Any]:
    data = s.data or {}
    return {
        "id": s.pk,
        "taken_at": s.taken_at,
        "kind": s.kind,
        "label": s.label,
        "node_count": len(data.get("nodes") or []),
        "strong_count": sum(1 for n in data.get("nodes") or [] if n.get("strength") == "strong"),
    }


# --- the calendar feed ------------------------------------------------------

_FEED_SALT = "tiewise.upkeep.feed"


def _feed_mac(user_id: int, secret: str) -> str:
    return salted_hmac(_FEED_SALT, f"{user_id}:{secret}", algorithm="sha256").hexdigest()[:40]


def feed_token(owner: User) -> str:
    """`<user id>-<HMAC of the id and the user's feed secret>`. Rotating the
    secret (revoke) invalidates every earlier URL."""
    return f"{owner.pk}-{_feed_mac(owner.pk, settings_for(owner).feed_secret)}"


def owner_for_feed_token(token: str) -> Any:
    """The user a feed token belongs to; a bad or revoked token is a 404."""
    user_part, _, mac = (token or "").partition("-")
    if not user_part.isdigit() or not mac:
        raise NotFound("No such feed")
    found = (
        UpkeepSettings.objects.select_related("user")
        .filter(user_id=int(user_part), user__is_active=True)
        .first()
    )
    if found is None or not constant_time_compare(mac, _feed_mac(found.user_id, found.feed_secret)):
        raise NotFound("No such feed")
    return found.user


# --- several owners at once (a coach's caseload) ------------------------------


def _latest_per_node(owner_ids: Iterable[int], field: str) -> dict[int, dict[int, Any]]:
    """Owner id → node id → the latest `field` of that owner's interactions
    with the node, for several owners in one query."""
    found: dict[int, dict[int, Any]] = {pk: {} for pk in owner_ids}
    if found:
        through: Any = Interaction.nodes.through
        rows = (
            through.objects.filter(interaction__owner_id__in=list(found))
            .values("interaction__owner_id", "node_id")
            .annotate(latest=Max(f"interaction__{field}"))
            .values_list("interaction__owner_id", "node_id", "latest")
        )
        for owner_id, node_id, latest in rows:
            found[owner_id][node_id] = latest
    return found


def last_contacts_for(owner_ids: Iterable[int]) -> dict[int, dict[int, date]]:
    """`last_contacts` of several owners (owner id → node id → date), in one query."""
    return _latest_per_node(owner_ids, "date")


def tie_rows_for(owner_ids: Iterable[int], *, on: date | None = None) -> dict[int, list[TieRow]]:
    """`tie_rows` of several owners, keyed by owner id, in three queries
    whatever their number, read straight from the database (no cached
    rows): what the cached reads are checked against."""
    ids = list(owner_ids)
    raw: dict[int, list[tuple[Any, ...]]] = {pk: [] for pk in ids}
    nodes = network_selectors.nodes_of(ids).order_by("owner_id", "name")
    for row in plain_rows(nodes.values_list("owner_id", *_ROW)):
        raw[row[0]].append(row[1:])
    return _tie_rows_of(raw, on=on)[0]


def tie_rows_and_people_for(
    owners: Sequence[tuple[User, bool]],
    *,
    on: date | None = None,
    versions: Mapping[int, int] | None = None,
    visible: Mapping[int, frozenset[int]] | None = None,
) -> tuple[dict[int, list[TieRow]], dict[int, PLN]]:
    """`tie_rows_for` these owners (in name order), and their people as
    `network_selectors.pln_snapshots(owners, alter_ties=False)` gives them
    (the private ones only where the pair says so) with each node's last
    contact filled in, from one read of their nodes (`_node_rows`, mostly
    cached): insights and the coach caseload need both after every edit.
    Owners come with `select_related("profile")`; `versions` are their PLN
    versions and `visible` a coach's visible ids (`people_plns`), when the
    caller read them."""
    raw = _node_rows([owner for owner, _ in owners], versions)
    rows, last = _tie_rows_of(raw, on=on)
    nodes = {
        pk: [network_selectors.node_data(_node_of(row), last[pk].get(row[0])) for row in found]
        for pk, found in raw.items()
    }
    return rows, network_selectors.people_plns(owners, nodes, visible)


def _tie_rows_of(
    raw: Mapping[int, Sequence[tuple[Any, ...]]],
    *,
    on: date | None,
    last: Mapping[int, Mapping[int, date]] | None = None,
) -> tuple[dict[int, list[TieRow]], Mapping[int, Mapping[int, date]]]:
    """Owner id → the tie rows on `on` (default today) of plain rows that
    start with `_ROW`, and the owners' last contacts (`last_contacts_for`,
    unless the caller read those of its rows). An owner who never saved
    cadence settings gets the defaults (nothing is written)."""
    ids = list(raw)
    if not ids:
        return {}, {}
    day = on or today()
    rules = {s.user_id: s.rules for s in UpkeepSettings.objects.filter(user_id__in=ids)}
    default = UpkeepSettings().rules
    if last is None:
        last = last_contacts_for(ids)
    rows: dict[int, list[TieRow]] = {}
    for pk, found in raw.items():
        # Statuses are shared per owner only: two owners' rules may differ.
        seen: dict[_StatusKey, tuple[TieStatus, bool]] = {}
        owner_rules, contacts = rules.get(pk, default), last[pk]
        rows[pk] = [
            _tie_row(row, day=day, rules=owner_rules, last=contacts, seen=seen) for row in found
        ]
    return rows, last


#: Bump when a migration rewrites node, tie or reminder rows: migrations
#: move no PLN version, and cached rows must not outlive such a change.
ROWS_FORMAT = 1
#: The shape of a cached `_node_rows` entry: its format and columns, so a
#: new column never reads rows cached without it.
_ROWS_KEY = (
    f"pln-rows:{ROWS_FORMAT}:" + hashlib.sha256(",".join(_WITH_NODE).encode()).hexdigest()[:12]
)
_NAME_AT, _PK_AT = _WITH_NODE.index("name"), _WITH_NODE.index("pk")


def _by_name(row: tuple[Any, ...]) -> tuple[str, int]:
    """Rows by name ignoring case, then id: the same order on SQLite and
    PostgreSQL (whose collation an `ORDER BY` would follow)."""
    return (row[_NAME_AT] or "").casefold(), row[_PK_AT]


#: A patched entry is written back once it is this many versions behind (a
#: write costs more than applying a few changes again).
_REWRITE_AFTER = 8
#: More changed people than this (or than a quarter of the rows) and the
#: owner is read whole: cheaper, and no `IN` list nears a bind limit.
_PATCH_MOST = 500


def _node_rows(
    owners: Sequence[User], versions: Mapping[int, int] | None = None
) -> dict[int, list[tuple[Any, ...]]]:
    """Owner id → the plain rows of `_WITH_NODE` of each of the owner's
    nodes, by name and id.

    Every cold page of a big PLN needs these 3,000 rows (22 columns: 10 ms
    to read), and most edits change one of them, or none (an interaction, a
    goal). So each owner's rows are cached with the PLN version they were
    read at, and a later read takes them and reads again only the nodes the
    writes since then changed (`pln_cache.changed_nodes`), dropping those
    that are gone. When that is not known (a write that did not say, a
    record evicted, too many versions), everything is read again."""
    if not owners:
        return {}
    if versions is None:
        versions = account_selectors.pln_versions(owners)
    keys = {o.pk: f"{_ROWS_KEY}:{owner_tag(o)}" for o in owners}
    cached = cache.get_many(list(keys.values()))
    out: dict[int, list[tuple[Any, ...]]] = {}
    whole: list[int] = []
    again: dict[int, set[int]] = {}
    write: set[int] = set()
    for owner in owners:
        entry, now = cached.get(keys[owner.pk]), versions[owner.pk]
        changed = None
        if entry is not None:
            at, rows = entry
            changed = set() if at == now else changed_nodes(owner, at, now)
        if changed is None or len(changed) > min(_PATCH_MOST, len(rows) // 4 + 10):
            whole.append(owner.pk)
            continue
        out[owner.pk] = rows
        if changed:
            again[owner.pk] = changed
        if now - at >= _REWRITE_AFTER:
            write.add(owner.pk)
    if whole:
        found: dict[int, list[tuple[Any, ...]]] = {pk: [] for pk in whole}
        read = network_selectors.nodes_of(whole).order_by().values_list("owner_id", *_WITH_NODE)
        for row in plain_rows(read):
            found[row[0]].append(row[1:])
        for pk, rows in found.items():
            rows.sort(key=_by_name)
            out[pk] = rows
        write.update(whole)
    if again:
        out.update(_patched(out, again))
    if write:
        entries = {keys[pk]: (versions[pk], out[pk]) for pk in write}
        # Only what is committed is cached: rows read inside a transaction
        # that rolls back would otherwise be served under a version the
        # next real write takes again.
        transaction.on_commit(lambda: cache.set_many(entries, timeout=24 * 3600), robust=True)
    return out


def _patched(
    rows: Mapping[int, list[tuple[Any, ...]]], changed: Mapping[int, set[int]]
) -> dict[int, list[tuple[Any, ...]]]:
    """Owners' cached rows with the `changed` nodes read again (one query
    for every owner, per 500 ids): a node that is gone is dropped, a new
    one added."""
    fresh: dict[int, list[tuple[Any, ...]]] = {owner_id: [] for owner_id in changed}
    ids = sorted({pk for found in changed.values() for pk in found})
    for start in range(0, len(ids), _PATCH_MOST):  # many coachees: bounded IN lists
        read = network_selectors.nodes_of(list(changed)).filter(
            pk__in=ids[start : start + _PATCH_MOST]
        )
        for row in plain_rows(read.order_by().values_list("owner_id", *_WITH_NODE)):
            # Each owner keeps only its own changed nodes.
            if row[1] in changed[row[0]]:
                fresh[row[0]].append(row[1:])
    out = {}
    for owner_id, again in changed.items():
        kept = [row for row in rows[owner_id] if row[0] not in again]
        kept.extend(fresh[owner_id])
        kept.sort(key=_by_name)
        out[owner_id] = kept
    return out


def reciprocity_for(owner_ids: Iterable[int]) -> dict[int, dict[int, Reciprocity]]:
    """The per-node give and take of `reciprocity_by_node` for several
    owners (owner id → node id → Reciprocity), in one query."""
    per: dict[int, dict[int, list[str]]] = {pk: {} for pk in owner_ids}
    if per:
        through: Any = Interaction.nodes.through
        for owner_id, node_id, direction in through.objects.filter(
            interaction__owner_id__in=list(per)
        ).values_list("interaction__owner_id", "node_id", "interaction__direction"):
            per[owner_id].setdefault(node_id, []).append(direction)
    return {
        owner_id: {pk: reciprocity(d) for pk, d in nodes.items()} for owner_id, nodes in per.items()
    }


def interaction_stamps(owner_ids: Iterable[int]) -> dict[int, dict[int, datetime]]:
    """Owner id → node id → when the latest interaction with that node was
    logged (its `created_at`), for several owners in one query."""
    return _latest_per_node(owner_ids, "created_at")


def interactions_with_nodes(owner: User, nodes: Any) -> Any:
    """The owner's interactions (as `interaction_queryset`) with at least
    one of `nodes` (a queryset of the owner's nodes)."""
    through: Any = Interaction.nodes.through
    with_them = through.objects.filter(node__in=nodes).values("interaction_id")
    return interaction_queryset(owner).filter(pk__in=with_them)


def snapshot_before(owner: User, until: datetime | None = None) -> Snapshot | None:
    """The owner's latest snapshot taken before `until` (or the latest of all)."""
    qs = snapshot_queryset(owner)
    if until is not None:
        qs = qs.filter(taken_at__lt=until)
    return qs.order_by("-taken_at", "-id").first()


#: How many names a "since your last session" line shows at most.
NOTABLE = 3


#: Roles that make a name worth reading first, most telling first: a new
#: sponsor matters more than the hundredth co-author.
NOTABLE_ROLES = ("sponsor", "mentor", "coach", "research_advisor", "adviser", "confidant",
             "subject_expert", "friend", "family")  # fmt: skip


def _role_rank(roles: Sequence[str]) -> int:
    return min(
        (NOTABLE_ROLES.index(r) for r in roles if r in NOTABLE_ROLES), default=len(NOTABLE_ROLES)
    )


def _notable_key(
    strong: set[int], rank: Mapping[int, int]
) -> Callable[[dict[str, Any]], tuple[int, bool, str, int]]:
    """Key roles first (sponsor, mentor...), then strong ties, then by name."""
    return lambda i: (
        rank.get(int(i["id"]), len(NOTABLE_ROLES)), i["id"] not in strong,
        str(i["name"]).lower(), i["id"],
    )  # fmt: skip


def _standing(now: Mapping[str, Any]) -> tuple[set[int], dict[int, int]]:
    """Who is a strong tie, and each person's key-role rank, in `now` (a `pln_state`)."""
    strong = {int(n["id"]) for n in now["nodes"] if n.get("strength") == "strong"}
    # Only people with a role are ranked: the rest (most of an import) take
    # the default rank where `_notable_key` reads it.
    rank = {int(n["id"]): _role_rank(n["roles"]) for n in now["nodes"] if n.get("roles")}
    return strong, rank


def _notable(
    items: list[dict[str, Any]], strong: set[int], rank: Mapping[int, int]
) -> list[dict[str, Any]]:
    """The few names worth reading (see `_notable_key`): the first of
    `items` in that order, without sorting all of them (a new import makes
    thousands of new ties)."""
    return heapq.nsmallest(NOTABLE, items, key=_notable_key(strong, rank))


def notable_first(items: list[dict[str, Any]], now: Mapping[str, Any]) -> list[dict[str, Any]]:
    """`items` (people, with "id" and "name") in the order `since_summary`
    names them (`_notable_key`, with strong ties and roles as in `now`, a
    `pln_state`). A list cut to its first few then names who matters."""
    strong, rank = _standing(now)
    return sorted(items, key=_notable_key(strong, rank))


def since_last_session(
    owner: User,
    *,
    since: date,
    basis: str,
    rows: Sequence[TieRow] | None = None,
    states: list[dict[str, Any]] | None = None,
    alter_ties: int | None = None,
) -> dict[str, Any]:
    """What changed in the owner's PLN since `since` (the last coaching
    session, the last snapshot they took, or 30 days ago; `basis` says which),
    as counts with the few notable names: never a wall of names.

    The starting point is the latest snapshot taken on or before `since`;
    with none, everything now on the map is new since then."""
    from tiewise.core.snapshots import diff_snapshots

    base = None
    # From the day the account was made, everyone on the map is new since.
    if since > timezone.localtime(owner.date_joined).date():
        base = snapshot_before(
            owner, timezone.make_aware(datetime.combine(since, datetime.max.time()))
        )
    now = pln_state(owner, rows=rows, states=states, alter_ties=alter_ties)
    diff = diff_snapshots(base.data if base else {"nodes": []}, now, ordered=False)
    logged = interaction_queryset(owner).filter(date__gte=since).count()
    return since_summary(diff, now, since=since, basis=basis, logged=logged)


def since_summary(
    diff: Mapping[str, Any], now: Mapping[str, Any], *, since: date, basis: str, logged: int
) -> dict[str, Any]:
    """The "since your last session" summary of a snapshot diff (`now` is
    the current state, for who is a strong tie): the one the owner's
    dashboard and the coach's agenda both show, each from its own diff."""
    strong, rank = _standing(now)
    rows = [
        ("new", ("new tie", "new ties"), diff["new_nodes"]),
        ("stronger", ("tie grown stronger", "ties grown stronger"), diff["strengthened"]),
        ("weaker", ("tie grown weaker", "ties grown weaker"), diff["weakened"]),
        ("lapsed", ("tie lapsed", "ties lapsed"), diff["lapsed"]),
    ]
    lines = [
        {
            "key": key,
            "label": words[len(items) != 1],
            "count": len(items),
            "names": _notable(items, strong, rank),
        }
        for key, words, items in rows
    ]
    done = len(diff["actions_completed"])
    lines.append(
        {"key": "done", "label": "action done" if done == 1 else "actions done",
         "count": done, "names": []}
    )  # fmt: skip
    lines.append(
        {"key": "logged", "label": "interaction logged" if logged == 1 else "interactions logged",
         "count": logged, "names": []}
    )  # fmt: skip
    return {
        "since": since,
        "basis": basis,
        "lines": lines,
        "has_changes": any(line["count"] for line in lines),
    }
