"""Keeping ties alive, in a Tiewise JSON export, and its restore.

Sections, each version 1:

- `upkeep_settings`: one row, the default cadences and the weekly-digest
  opt-in: `{"strong_key_days", "strong_days", "weak_days",
  "digest_opt_in"}`. The calendar-feed secret is a credential (the feed URL
  is made from it), so it is never exported: a restored account gets a feed
  URL of its own. When the digest was last sent is not exported either.
- `tie_reminders`: snoozes and "never remind me" per node:
  `{"node", "snoozed_until", "never"}`.
- `interactions`: `{"id", "date", "channel", "kind", "direction",
  "quality", "note", "created_at", "nodes": [node ids]}`.
- `snapshots`: `{"id", "taken_at", "kind", "label", "data"}`, `data` in
  the shape of `tiewise.core.snapshots`. Node and action ids inside `data`
  are re-keyed on restore, so "what changed since" still matches the
  restored nodes.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from tiewise.core.snapshots import SNAPSHOT_VERSION
from tiewise.core.vocab import AREAS, CHANNELS, DIRECTIONS, INTERACTION_KINDS, MODES, STRENGTHS
from tiewise.transfer.rows import LEFT_OUT, Ids, Row, rows_of

from .models import Interaction, Snapshot, TieReminder, UpkeepSettings
from .services import NOTE_MAX, upkeep_settings_update

if TYPE_CHECKING:
    from tiewise.accounts.models import User

UPKEEP_SETTINGS_VERSION = 1
TIE_REMINDERS_VERSION = 1
INTERACTIONS_VERSION = 1
SNAPSHOTS_VERSION = 1

#: Restored records are written in batches of this many rows.
BATCH = 500


def _when(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


# --- settings ---------------------------------------------------------------------


def export_upkeep_settings(owner: User) -> list[dict[str, Any]]:
    # An account that never opened its settings has the defaults: say so
    # without creating the row.
    s = UpkeepSettings.objects.filter(user=owner).first() or UpkeepSettings(user=owner)
    return [
        {
            "strong_key_days": s.strong_key_days,
            "strong_days": s.strong_days,
            "weak_days": s.weak_days,
            "digest_opt_in": s.digest_opt_in,
        }
    ]


def restore_upkeep_settings(owner: User, rows: list[Any], ids: Ids) -> int:
    """The file's cadences and digest choice replace the account's (they are
    settings, not records: there is nothing to merge)."""
    restored = 0
    for row in rows_of("upkeep_settings", rows, ids):
        if row.item > 1:
            raise row.invalid("", "a file holds one set of upkeep settings")
        data: dict[str, Any] = {}
        for name in ("strong_key_days", "strong_days", "weak_days"):
            if name in row.data:  # null is a choice too: "no default cadence"
                data[name] = row.whole(name, low=1, high=3650)
        if "digest_opt_in" in row.data:
            data["digest_opt_in"] = row.flag("digest_opt_in")
        try:
            upkeep_settings_update(owner=owner, data=data)
        except ValidationError as exc:
            raise row.invalid_from(exc) from None
        restored += 1
    return restored


# --- snoozes ------------------------------------------------------------------------


def export_tie_reminders(owner: User) -> list[dict[str, Any]]:
    reminders = TieReminder.objects.filter(node__owner=owner).order_by("node_id")
    return [
        {"node": r.node_id, "snoozed_until": _when(r.snoozed_until), "never": r.never}
        for r in reminders
    ]


def restore_tie_reminders(owner: User, rows: list[Any], ids: Ids) -> int:
    """Snoozes and silenced reminders, as they were: a snooze that has since
    run out is kept too (it no longer hides anything). A node the file merged
    into someone the owner had keeps the owner's own reminder."""
    wanted: dict[int, TieReminder] = {}
    for row in rows_of("tie_reminders", rows, ids):
        if row.left_out("node", "node"):
            continue
        node = row.ref("node", "node")
        if node is None:
            raise row.invalid("node", "this cannot be empty")
        never = row.flag("never")
        wanted[node] = TieReminder(
            node_id=node, never=never, snoozed_until=None if never else row.day("snoozed_until")
        )
    taken = set(TieReminder.objects.filter(node__owner=owner).values_list("node_id", flat=True))
    new = [r for node, r in wanted.items() if node not in taken]
    TieReminder.objects.bulk_create(new, batch_size=BATCH)
    return len(new)


# --- interactions -----------------------------------------------------------------


def export_interactions(owner: User) -> list[dict[str, Any]]:
    interactions = Interaction.objects.filter(owner=owner).order_by("id")
    links: dict[int, list[int]] = {}
    through = Interaction.nodes.through.objects.filter(interaction__owner=owner)
    for interaction_id, node_id in through.values_list("interaction_id", "node_id"):
        links.setdefault(interaction_id, []).append(node_id)
    return [
        {
            "id": i.pk,
            "date": _when(i.date),
            "channel": i.channel,
            "kind": i.kind,
            "direction": i.direction,
            "quality": i.quality,
            "note": i.note,
            "created_at": _when(i.created_at),
            "nodes": sorted(links.get(i.pk, [])),
        }
        for i in interactions
    ]


def restore_interactions(owner: User, rows: list[Any], ids: Ids) -> int:
    """Interactions with their people. An interaction whose people were all
    deleted before the export has none, and is restored that way. A date
    more than a day ahead of this server is refused: the export's server may
    be in another time zone, but nobody logs next week's coffee."""
    latest = timezone.localdate() + timedelta(days=1)
    read: list[tuple[Row, Interaction, list[int]]] = []
    for row in rows_of("interactions", rows, ids):
        when = row.day("date", required=True)
        assert when is not None
        if when > latest:
            raise row.invalid("date", f"{when.isoformat()} is in the future")
        interaction = Interaction(
            owner=owner,
            date=when,
            channel=row.choice("channel", CHANNELS, default="in_person"),
            kind=row.choice("kind", INTERACTION_KINDS, default="meeting"),
            direction=row.choice("direction", DIRECTIONS, default="mutual"),
            quality=row.whole("quality", low=1, high=5, default=3),
            note=row.text("note", multiline=True, max_length=NOTE_MAX),
            created_at=row.moment("created_at", default=timezone.now()),
        )
        nodes = row.refs("nodes", "node")
        row.check(interaction, exclude=["owner", "nodes"])
        read.append((row, interaction, nodes))
    Interaction.objects.bulk_create([i for _, i, _ in read], batch_size=BATCH)
    Link = Interaction.nodes.through  # noqa: N806 - a model class
    Link.objects.bulk_create(
        [Link(interaction_id=i.pk, node_id=n) for _, i, nodes in read for n in nodes],
        batch_size=BATCH,
    )
    for row, interaction, _ in read:
        row.remember("interaction", interaction.pk)
    return len(read)


# --- snapshots ----------------------------------------------------------------------


def _snapshot_data(data: Any) -> dict[str, Any]:
    """A stored snapshot in the shape of tiewise.core.snapshots, key by key."""
    data = data if isinstance(data, dict) else {}
    nodes = [n for n in data.get("nodes") or [] if isinstance(n, dict)]
    done = [a for a in data.get("done_actions") or [] if isinstance(a, dict)]
    return {
        "version": data.get("version", SNAPSHOT_VERSION),
        "nodes": [
            {
                "id": n.get("id"),
                "name": n.get("name", ""),
                "strength": n.get("strength", "weak"),
                "areas": list(n.get("areas") or []),
                "modes": list(n.get("modes") or []),
            }
            for n in nodes
        ],
        "alter_ties": data.get("alter_ties", 0),
        "lapsed": list(data.get("lapsed") or []),
        "done_actions": [{"id": a.get("id"), "title": a.get("title", "")} for a in done],
    }


def export_snapshots(owner: User) -> list[dict[str, Any]]:
    return [
        {
            "id": s.pk,
            "taken_at": _when(s.taken_at),
            "kind": s.kind,
            "label": s.label,
            "data": _snapshot_data(s.data),
        }
        for s in Snapshot.objects.filter(owner=owner).order_by("id")
    ]


class _Rekey:
    """New ids for the node and action ids inside snapshots. An id the file
    restored maps to its record; an id the file does not hold (someone
    deleted after the snapshot was taken, or left out at triage) gets a
    negative stand-in, the same one in every snapshot, which no record ever
    has. So nothing stored can point at a record that is not the owner's."""

    def __init__(self, ids: Ids) -> None:
        self.ids = ids
        self.gone: dict[str, dict[int, int]] = {}

    def __call__(self, kind: str, old: int) -> int:
        new = self.ids.get(kind, {}).get(old, LEFT_OUT)
        if new != LEFT_OUT:
            return new
        gone = self.gone.setdefault(kind, {})
        return gone.setdefault(old, -(len(gone) + 1))


def _restored_data(data: Row, rekey: _Rekey) -> dict[str, Any]:
    """A snapshot's `data`, checked value by value and re-keyed: ids are
    whole numbers, strengths, areas and modes are words of the vocabulary."""
    version = data.whole("version", low=1, high=SNAPSHOT_VERSION, default=SNAPSHOT_VERSION)
    nodes = []
    seen: set[int] = set()
    for n in data.items("nodes"):
        old = n.identifier("id")
        if old in seen:
            raise n.invalid("id", f"node {old} appears twice")
        seen.add(old)
        nodes.append(
            {
                "id": rekey("node", old),
                "name": n.text("name", max_length=200),
                "strength": n.choice("strength", STRENGTHS, default="weak"),
                "areas": n.choices("areas", AREAS),
                "modes": n.choices("modes", MODES),
            }
        )
    lapsed = [rekey("node", old) for old in data.ints("lapsed")]
    done = [
        {"id": rekey("action", a.identifier("id")), "title": a.text("title", max_length=200)}
        for a in data.items("done_actions")
    ]
    return {
        "version": version,
        "nodes": nodes,
        "alter_ties": data.whole("alter_ties", low=0, default=0),
        "lapsed": lapsed,
        "done_actions": done,
    }


def restore_snapshots(owner: User, rows: list[Any], ids: Ids) -> int:
    """Snapshots with their dates, so the history of the PLN survives the
    move. Runs after the nodes and actions, whose new ids it needs."""
    rekey = _Rekey(ids)
    read: list[tuple[Row, Snapshot]] = []
    for row in rows_of("snapshots", rows, ids):
        snapshot = Snapshot(
            owner=owner,
            taken_at=row.moment("taken_at", default=timezone.now()),
            kind=row.choice("kind", Snapshot.KINDS, default="manual"),
            label=row.text("label", max_length=120),
            data=_restored_data(row.part("data"), rekey),
        )
        row.check(snapshot, exclude=["owner"])
        read.append((row, snapshot))
    Snapshot.objects.bulk_create([s for _, s in read], batch_size=BATCH)
    for row, snapshot in read:
        row.remember("snapshot", snapshot.pk)
    return len(read)
