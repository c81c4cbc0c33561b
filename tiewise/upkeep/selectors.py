"""Reads for keeping ties alive, always scoped to one owner. Statuses for the
whole PLN come from a fixed number of queries, whatever its size."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Max
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

from tiewise.access import mine
from tiewise.core.cadence import (
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
from tiewise.network.models import Node
from tiewise.planning import selectors as planning_selectors

from .models import Interaction, Snapshot, UpkeepSettings

#: The due list shows open actions due within this many days (and overdue ones).
ACTION_HORIZON_DAYS = 7


def today() -> date:
    return timezone.localdate()


def settings_for(owner: Any) -> UpkeepSettings:
    found, _ = UpkeepSettings.objects.get_or_create(user=owner)
    return found


# --- interactions -----------------------------------------------------------


def interaction_queryset(owner: Any) -> Any:
    return Interaction.objects.filter(owner=owner).prefetch_related("nodes")


def get_interaction_for(owner: Any, interaction_id: int | str) -> Interaction:
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


def last_contacts(owner: Any) -> dict[int, date]:
    """The date of the latest interaction with each node (one query)."""
    through: Any = Interaction.nodes.through
    rows = (
        through.objects.filter(interaction__owner=owner)
        .values("node_id")
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
    roles: list[str]
    status: TieStatus
    never: bool
    snoozed_until: date | None
    lapsed: bool


def tie_rows(owner: Any, *, on: date | None = None) -> list[TieRow]:
    """Every node's tie with its status on `on` (default today): 3 queries."""
    day = on or today()
    rules = settings_for(owner).rules
    last = last_contacts(owner)
    rows: list[TieRow] = []
    nodes = network_selectors.node_queryset(owner).select_related("reminder").order_by("name")
    for n in nodes:
        tie = getattr(n, "tie", None)
        strength = tie.strength if tie else "weak"
        roles = list(tie.roles) if tie else []
        reminder = getattr(n, "reminder", None)
        never = bool(reminder and reminder.never)
        snoozed = reminder.snoozed_until if reminder else None
        cadence = effective_cadence(tie.cadence_days if tie else None, strength, roles, rules)
        status = tie_status(
            today=day,
            cadence=cadence,
            last_contact=last.get(n.pk),
            since=tie.since if tie else None,
            created=timezone.localdate(n.created_at),
            snoozed_until=snoozed,
            never=never,
        )
        lapsed = is_lapsed(
            today=day, strength=strength, cadence=cadence, anchor=status.anchor, never=never
        )
        rows.append(TieRow(n.pk, n.name, strength, roles, status, never, snoozed, lapsed))
    return rows


def status_map(owner: Any, *, on: date | None = None) -> dict[int, TieRow]:
    return {r.node_id: r for r in tie_rows(owner, on=on)}


def node_status(node: Node, *, on: date | None = None) -> TieRow | None:
    return status_map(node.owner, on=on).get(node.pk)


# --- planning actions (read through the planning app) -----------------------


def action_url(action: Any) -> str:
    getter = getattr(action, "get_absolute_url", None)
    return str(getter()) if getter else ""


# --- the due list -----------------------------------------------------------


def due_items(
    owner: Any, *, on: date | None = None, within_days: int | None = None
) -> list[DueItem]:
    """Ties that are overdue, due or soon, and open actions overdue or due
    within a week, soonest first. `within_days` keeps only items due by then."""
    day = on or today()
    items: list[DueItem] = []
    for row in tie_rows(owner, on=day):
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


def reciprocity_by_node(owner: Any) -> tuple[dict[int, Reciprocity], Reciprocity]:
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


def overview(owner: Any, *, on: date | None = None) -> UpkeepOverview:
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


def snapshot_queryset(owner: Any) -> Any:
    return Snapshot.objects.filter(owner=owner)


def get_snapshot_for(owner: Any, snapshot_id: int | str) -> Snapshot:
    return mine(snapshot_queryset(owner), snapshot_id, "snapshot")


def pln_state(owner: Any, *, on: date | None = None) -> dict[str, Any]:
    """The PLN now, in the snapshot shape of tiewise.core.snapshots."""
    pln = network_selectors.pln_snapshot(owner)
    nodes = [
        {"id": n.id, "name": n.name, "strength": n.strength, "areas": list(n.areas),
         "modes": list(n.modes)}
        for n in pln.nodes
    ]  # fmt: skip
    return {
        "version": SNAPSHOT_VERSION,
        "nodes": nodes,
        "alter_ties": len(pln.alter_ties),
        "lapsed": [r.node_id for r in tie_rows(owner, on=on) if r.lapsed],
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


def feed_token(owner: Any) -> str:
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
