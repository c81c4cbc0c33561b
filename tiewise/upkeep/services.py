"""Writes for keeping ties alive. Pages, the API and the CLI call these."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from tiewise.core.errors import NotFound
from tiewise.core.onelog import LogLineError, parse_log_line
from tiewise.core.phi import phi_warnings
from tiewise.core.text import clean_text
from tiewise.core.vocab import CHANNELS, DIRECTIONS, INTERACTION_KINDS
from tiewise.network import selectors as network_selectors
from tiewise.network.models import Node
from tiewise.network.selectors import owned_nodes
from tiewise.network.services import touch_pln

from . import selectors
from .models import Interaction, Snapshot, TieReminder, UpkeepSettings, new_feed_secret

if TYPE_CHECKING:
    from tiewise.accounts.models import User

INTERACTION_FIELDS = ("date", "channel", "kind", "direction", "quality", "note")
#: Longest interaction note: the same cap on the page and in the API.
NOTE_MAX = 5000


def _validate(data: dict[str, Any], *, partial: bool = False) -> dict[str, Any]:
    errors: dict[str, list[str]] = {}
    clean: dict[str, Any] = {}
    for name, vocab in (
        ("channel", CHANNELS),
        ("kind", INTERACTION_KINDS),
        ("direction", DIRECTIONS),
    ):
        if name in data:
            if data[name] not in vocab:
                errors[name] = [f"Use one of: {', '.join(vocab)}."]
            else:
                clean[name] = data[name]
    if "quality" in data:
        try:
            q = int(data["quality"])
        except (TypeError, ValueError):
            q = 0
        if not 1 <= q <= 5:
            errors["quality"] = ["Quality is a number from 1 to 5."]
        clean["quality"] = q
    if "date" in data:
        when = data["date"]
        if isinstance(when, str):
            try:
                when = date.fromisoformat(when)
            except ValueError:
                errors["date"] = ["Use a date like 2025-03-01."]
        if isinstance(when, date) and when > selectors.today():
            errors["date"] = ["That date is in the future: log what already happened."]
        clean["date"] = when
    elif not partial:
        clean["date"] = selectors.today()
    if "note" in data:
        note = clean_text(data["note"], multiline=True)
        if len(note) > NOTE_MAX:
            errors["note"] = [f"At most {NOTE_MAX:,} characters (this has {len(note):,})."]
        clean["note"] = note
    if not partial and "nodes" in data and not data["nodes"]:
        errors["nodes"] = ["Choose at least one person or group."]
    if partial and "nodes" in data and not data["nodes"]:
        errors["nodes"] = ["An interaction needs at least one person or group."]
    if errors:
        raise ValidationError(errors)
    return clean


@transaction.atomic
def interaction_create(*, owner: User, data: dict[str, Any]) -> Interaction:
    """Log an interaction. `data["nodes"]` are node ids; any id that is not
    the owner's is a 404 and nothing is saved."""
    node_ids = list(data.get("nodes") or [])
    clean = _validate({**data, "nodes": node_ids})
    nodes = owned_nodes(owner, node_ids)
    interaction = Interaction.objects.create(
        owner=owner, phi_flags=phi_warnings(clean.get("note", "")), **clean
    )
    interaction.nodes.set(nodes)
    touch_pln(owner, nodes=())  # no node's own row changes: last contacts are read apart
    return interaction


@transaction.atomic
def interaction_update(*, interaction: Interaction, data: dict[str, Any]) -> Interaction:
    clean = _validate(data, partial=True)
    for name, value in clean.items():
        setattr(interaction, name, value)
    interaction.phi_flags = phi_warnings(interaction.note)
    interaction.save()
    if "nodes" in data:
        interaction.nodes.set(owned_nodes(interaction.owner, data["nodes"]))
    touch_pln(interaction.owner, nodes=())
    return interaction


@transaction.atomic
def interaction_delete(*, interaction: Interaction) -> None:
    owner = interaction.owner
    interaction.delete()
    touch_pln(owner, nodes=())


def interaction_log_line(*, owner: User, line: str) -> Interaction:
    """Log "coffee with Jane today, gave advice". A line that cannot be
    resolved raises ValidationError({"line": [...]}) naming candidates."""
    people = list(network_selectors.node_names(owner).items())
    try:
        parsed = parse_log_line(line, people, today=selectors.today())
    except LogLineError as exc:
        raise ValidationError({"line": [str(exc)]}) from exc
    return interaction_create(
        owner=owner,
        data={
            "date": parsed.date, "nodes": parsed.node_ids, "channel": parsed.channel,
            "kind": parsed.kind, "direction": parsed.direction, "quality": parsed.quality,
            "note": parsed.note,
        },
    )  # fmt: skip


def interaction_quick_log(*, owner: User, node: Node) -> Interaction:
    """The one-click "we were in touch today": a mutual meeting."""
    return interaction_create(
        owner=owner,
        data={"nodes": [node.pk], "kind": "meeting", "direction": "mutual", "quality": 3},
    )


# --- reminders and settings -------------------------------------------------


@transaction.atomic
def tie_reminder_set(
    *,
    node: Node,
    snoozed_until: date | None = None,
    never: bool | None = None,
    tracked: bool | None = None,
) -> TieReminder:
    """Snooze a tie until a date, or switch its reminders off or on. `tracked`
    True starts keeping in touch (the clock runs from today); False stops it."""
    if tracked is not None:
        from tiewise.network.services import ties_track

        ties_track(owner=node.owner, ids=[node.pk], track=tracked)
    if snoozed_until is not None and snoozed_until <= selectors.today():
        raise ValidationError({"snoozed_until": ["Snooze until a date after today."]})
    reminder, _ = TieReminder.objects.get_or_create(node=node)
    if snoozed_until is not None:
        reminder.snoozed_until = snoozed_until
    if never is not None:
        reminder.never = never
        if never:
            reminder.snoozed_until = None
    reminder.save()
    # Cached due lists key on the PLN version: a snooze must show at once.
    touch_pln(node.owner, nodes=[node.pk])
    return reminder


@transaction.atomic
def tie_reminder_clear(*, node: Node) -> None:
    TieReminder.objects.filter(node=node).delete()
    touch_pln(node.owner, nodes=[node.pk])


def upkeep_settings_update(*, owner: User, data: dict[str, Any]) -> UpkeepSettings:
    current = selectors.settings_for(owner)
    for name in ("strong_key_days", "strong_days", "weak_days"):
        if name in data:
            value = data[name]
            if value is not None and (int(value) < 1 or int(value) > 3650):
                raise ValidationError(
                    {name: ["Use a number of days from 1 to 3650, or leave empty."]}
                )
            setattr(current, name, value)
    if "digest_opt_in" in data:
        current.digest_opt_in = bool(data["digest_opt_in"])
    if data.get("feed_days") is not None:
        if not 1 <= int(data["feed_days"]) <= 365:
            raise ValidationError({"feed_days": ["Use a number of days from 1 to 365."]})
        current.feed_days = int(data["feed_days"])
    current.save()
    touch_pln(owner, nodes=())  # new defaults change what is due; rules are read apart
    return current


def feed_revoke(*, owner: User) -> str:
    """Rotate the feed secret: the old calendar URL stops working. Returns the new token."""
    current = selectors.settings_for(owner)
    current.feed_secret = new_feed_secret()
    current.save(update_fields=["feed_secret"])
    return selectors.feed_token(owner)


# --- the weekly digest ------------------------------------------------------


def digest_for(owner: User, *, on: date | None = None) -> EmailMultiAlternatives | None:
    """The weekly digest email for one user, or None when nothing is due."""
    day = on or selectors.today()
    items = selectors.due_items(owner, on=day)
    if not items:
        return None
    context = {
        "user": owner,
        "ties": [i for i in items if i.type == "tie"],
        "actions": [i for i in items if i.type == "action"],
        "site_url": settings.SITE_URL,
        "today": day,
    }
    count = len(items)
    what = "tie or action" if count == 1 else "ties and actions"
    message = EmailMultiAlternatives(
        subject=f"Tiewise: {count} {what} to look after this week",
        body=render_to_string("upkeep/email/digest.txt", context),
        to=[owner.email],
    )
    message.attach_alternative(render_to_string("upkeep/email/digest.html", context), "text/html")
    return message


def digest_send_all(*, on: date | None = None) -> tuple[int, int]:
    """Send the digest to every active user who opted in and has something
    due. Returns (sent, skipped)."""
    sent = skipped = 0
    for prefs in UpkeepSettings.objects.filter(
        digest_opt_in=True, user__is_active=True
    ).select_related("user"):
        message = digest_for(prefs.user, on=on)
        if message is None:
            skipped += 1
            continue
        message.send()
        UpkeepSettings.objects.filter(pk=prefs.pk).update(last_digest_at=timezone.now())
        sent += 1
    return sent, skipped


# --- snapshots --------------------------------------------------------------


def snapshot_take(*, owner: User, kind: str = "manual", label: str = "") -> Snapshot:
    """Copy the PLN as it is now."""
    if kind not in Snapshot.KINDS:
        raise ValidationError({"kind": [f"Use one of: {', '.join(Snapshot.KINDS)}."]})
    return Snapshot.objects.create(
        owner=owner,
        kind=kind,
        label=(label or "").strip()[:120],
        data=selectors.pln_state(owner),
    )


def snapshot_monthly(owner: User) -> Snapshot | None:
    """The month's automatic snapshot, unless one (automatic or manual) was
    already taken this calendar month.

    Called explicitly: when the owner opens the dashboard (usually the first
    thing they do in a month, so it records where the month starts) and by
    the periodic job for everyone else. Network writes never call it."""
    now = timezone.localtime()
    start = now.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    if Snapshot.objects.filter(owner=owner, taken_at__gte=start).exists():
        return None
    return snapshot_take(owner=owner, kind="auto", label=f"Start of {now:%B %Y}")


def snapshot_for_session(*, owner: User, label: str) -> Snapshot | None:
    """The PLN as a coaching session starts (once a day), so "since the last
    session" compares with what it was then, not with an older snapshot."""
    start = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    if Snapshot.objects.filter(owner=owner, kind="session", taken_at__gte=start).exists():
        return None
    return snapshot_take(owner=owner, kind="session", label=label)


def snapshot_delete(*, snapshot: Snapshot) -> None:
    snapshot.delete()


def snapshots_monthly_for_all() -> int:
    """The month's automatic snapshot for every active user who has none yet
    (the periodic job runs this on the first of the month)."""
    from tiewise.accounts.selectors import active_users

    return sum(1 for user in active_users() if snapshot_monthly(user) is not None)


# --- merging two nodes (called by network.services.node_merge) --------------------


@transaction.atomic
def upkeep_links_move(*, owner: User, from_node: Node, to_node: Node) -> dict[str, int]:
    """Move the interactions and the reminder setting of `from_node` to
    `to_node` (two of the owner's nodes being merged). An interaction with
    both counts once; `to_node`'s own snooze or silence wins."""
    if from_node.owner_id != owner.pk or to_node.owner_id != owner.pk:
        raise NotFound("No such node")
    through: Any = Interaction.nodes.through
    linked = through.objects.filter(node_id=from_node.pk)
    rows = list(linked.values_list("interaction_id", flat=True))
    both = through.objects.filter(node_id=to_node.pk, interaction_id__in=rows)
    through.objects.filter(
        node_id=from_node.pk, interaction_id__in=both.values_list("interaction_id", flat=True)
    ).delete()
    through.objects.filter(node_id=from_node.pk).update(node_id=to_node.pk)
    reminders = 0
    if not TieReminder.objects.filter(node=to_node).exists():
        reminders = TieReminder.objects.filter(node=from_node).update(node=to_node)
    return {"interactions": len(rows), "reminders": reminders}
