"""/api/v1 interactions, due list and snapshots."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, Literal

from ninja import Router, Schema, Status
from ninja.pagination import paginate
from pydantic import Field

from tiewise.core.snapshots import diff_snapshots
from tiewise.http import AuthedRequest
from tiewise.network.selectors import get_node_for
from tiewise.schemas import Channel, Direction, Error, Input, InteractionKind, shaped

from . import selectors, services

if TYPE_CHECKING:
    from tiewise.accounts.models import User

router = Router(tags=["keep in touch"])


class InteractionIn(Input):
    date: dt.date | None = None
    nodes: list[int] = Field(..., min_length=1, max_length=500)
    channel: Channel = "in_person"
    kind: InteractionKind = "meeting"
    direction: Direction = "mutual"
    quality: int = Field(3, ge=1, le=5)
    note: str = Field("", max_length=services.NOTE_MAX)


class InteractionPatch(Input):
    """Only the fields you send change."""

    date: dt.date | None = None
    nodes: list[int] | None = Field(None, min_length=1, max_length=500)
    channel: Channel | None = None
    kind: InteractionKind | None = None
    direction: Direction | None = None
    quality: int | None = Field(None, ge=1, le=5)
    note: str | None = Field(None, max_length=services.NOTE_MAX)


class InteractionOut(Schema):
    id: int
    date: dt.date
    nodes: list[int]
    node_names: list[str]
    channel: str
    kind: str
    direction: str
    quality: int
    note: str
    created_at: dt.datetime
    warnings: list[str] = []


class LogLineIn(Input):
    line: str = Field(..., min_length=1, max_length=500)


class DueItemOut(Schema):
    type: Literal["tie", "action"]
    title: str
    name: str
    status: str
    due_date: dt.date
    reason: str
    node_id: int | None = None
    action_id: int | None = None
    cadence_days: int | None = None
    last_contact: dt.date | None = None


class DueOut(Schema):
    items: list[DueItemOut]


class SnapshotIn(Input):
    label: str = Field("", max_length=120)


class SnapshotOut(Schema):
    id: int
    taken_at: dt.datetime
    kind: str
    label: str
    node_count: int
    strong_count: int


class NamedRef(Schema):
    id: int
    name: str


class StrengthChange(NamedRef):
    from_: str = Field(..., alias="from")
    to: str


class AreaChange(NamedRef):
    gained: list[str]
    lost: list[str]


class ActionRef(Schema):
    id: int
    title: str


class SnapshotDiffOut(Schema):
    snapshot: SnapshotOut
    compared_with: Literal["now"]
    has_changes: bool
    new_nodes: list[NamedRef]
    removed_nodes: list[NamedRef]
    strengthened: list[StrengthChange]
    weakened: list[StrengthChange]
    lapsed: list[NamedRef]
    revived: list[NamedRef]
    areas_gained: list[str]
    areas_lost: list[str]
    area_changes: list[AreaChange]
    actions_completed: list[ActionRef]
    counts: dict[str, list[int]]


@router.get("/interactions", response=list[InteractionOut])
@paginate(shaped(selectors.interaction_dict))
def list_interactions(request: AuthedRequest, node: int | None = None) -> Any:
    """Your interactions, newest first; `?node=` keeps those with one node."""
    qs = selectors.interaction_queryset(request.user)
    if node is not None:
        qs = qs.filter(nodes__id=node)
    return qs


@router.post("/interactions", response={201: InteractionOut})
def create_interaction(request: AuthedRequest, payload: InteractionIn) -> Any:
    """Log an interaction. Node ids that are not yours are a 404."""
    data = payload.dict(exclude_none=True)
    interaction = services.interaction_create(owner=request.user, data=data)
    return Status(201, selectors.interaction_dict(interaction))


@router.post("/interactions/line", response={201: InteractionOut})
def log_line(request: AuthedRequest, payload: LogLineIn) -> Any:
    """Log from one line: `{"line": "coffee with Jane today, gave advice"}`."""
    interaction = services.interaction_log_line(owner=request.user, line=payload.line)
    return Status(201, selectors.interaction_dict(interaction))


@router.get("/interactions/{interaction_id}", response=InteractionOut)
def get_interaction(request: AuthedRequest, interaction_id: int) -> Any:
    return selectors.interaction_dict(selectors.get_interaction_for(request.user, interaction_id))


@router.patch("/interactions/{interaction_id}", response=InteractionOut)
def patch_interaction(
    request: AuthedRequest, interaction_id: int, payload: InteractionPatch
) -> Any:
    interaction = selectors.get_interaction_for(request.user, interaction_id)
    data = {k: v for k, v in payload.dict(exclude_unset=True).items() if v is not None}
    interaction = services.interaction_update(interaction=interaction, data=data)
    return selectors.interaction_dict(selectors.get_interaction_for(request.user, interaction.pk))


@router.delete("/interactions/{interaction_id}", response={204: None})
def delete_interaction(request: AuthedRequest, interaction_id: int) -> Any:
    services.interaction_delete(
        interaction=selectors.get_interaction_for(request.user, interaction_id)
    )
    return Status(204, None)


@router.get("/due", response=DueOut)
def due(request: AuthedRequest) -> Any:
    """Ties (overdue, due, soon) and open actions (overdue or due within a
    week), soonest first. Each item says why it is there."""
    return {"items": [selectors.due_item_dict(i) for i in selectors.due_items(request.user)]}


@router.get("/snapshots", response=list[SnapshotOut])
@paginate(shaped(selectors.snapshot_dict))
def list_snapshots(request: AuthedRequest) -> Any:
    return selectors.snapshot_queryset(request.user)


@router.post("/snapshots", response={201: SnapshotOut})
def take_snapshot(request: AuthedRequest, payload: SnapshotIn) -> Any:
    snap = services.snapshot_take(owner=request.user, kind="manual", label=payload.label)
    return Status(201, selectors.snapshot_dict(snap))


@router.get("/snapshots/{snapshot_id}/diff", response=SnapshotDiffOut, by_alias=True)
def snapshot_diff(request: AuthedRequest, snapshot_id: int) -> Any:
    """What changed between the snapshot and your network now."""
    snap = selectors.get_snapshot_for(request.user, snapshot_id)
    diff = diff_snapshots(snap.data or {}, selectors.pln_state(request.user))
    return {"snapshot": selectors.snapshot_dict(snap), "compared_with": "now", **diff}


# --- reminders, settings and the calendar feed ---------------------------------


class ReminderIn(Input):
    snoozed_until: dt.date | None = Field(None, description="Snooze until this date.")
    never: bool | None = Field(None, description="True: never remind. False: remind again.")
    tracked: bool | None = Field(
        None,
        description="True: keep in touch from today (an imported tie is not tracked until "
        "then). False: stop keeping track.",
    )


class ReminderOut(Schema):
    node_id: int
    snoozed_until: dt.date | None
    never: bool
    tracked_since: dt.date | None


@router.post("/nodes/{node_id}/reminder", response=ReminderOut)
def set_reminder(request: AuthedRequest, node_id: int, payload: ReminderIn) -> Any:
    """Snooze a tie, or switch its reminders off or back on."""
    node = get_node_for(request.user, node_id)
    r = services.tie_reminder_set(node=node, **payload.dict(exclude_unset=True))
    node.tie.refresh_from_db(fields=["tracked_since"])
    return {
        "node_id": node.pk,
        "snoozed_until": r.snoozed_until,
        "never": r.never,
        "tracked_since": node.tie.tracked_since,
    }


@router.delete("/nodes/{node_id}/reminder", response={204: None})
def clear_reminder(request: AuthedRequest, node_id: int) -> Any:
    """Back to the normal cadence: no snooze, reminders on."""
    services.tie_reminder_clear(node=get_node_for(request.user, node_id))
    return Status(204, None)


class UpkeepSettingsIO(Schema):
    strong_key_days: int | None = Field(None, ge=1, le=3650)
    strong_days: int | None = Field(None, ge=1, le=3650)
    weak_days: int | None = Field(None, ge=1, le=3650)
    digest_opt_in: bool = False
    feed_days: int = Field(14, ge=1, le=365, description="The calendar feed's horizon (days).")


class UpkeepSettingsIn(Input, UpkeepSettingsIO):
    """The same fields; unknown ones are refused."""


class FeedOut(Schema):
    url: str | None = Field(
        description="The private calendar URL; shown to a signed-in session only, never "
        "to a token (a revoked token must not leave a working feed behind)."
    )


def _settings_out(s: Any) -> dict[str, Any]:
    return {f: getattr(s, f) for f in UpkeepSettingsIO.model_fields}


@router.get("/upkeep/settings", response=UpkeepSettingsIO)
def get_upkeep_settings(request: AuthedRequest) -> Any:
    """Default cadences (days) for strong mentors/sponsors/coaches, other
    strong ties and weak ties, and the weekly digest opt-in."""
    return _settings_out(selectors.settings_for(request.user))


@router.put("/upkeep/settings", response=UpkeepSettingsIO)
def put_upkeep_settings(request: AuthedRequest, payload: UpkeepSettingsIn) -> Any:
    return _settings_out(services.upkeep_settings_update(owner=request.user, data=payload.dict()))


def _feed_url(owner: User) -> str:
    from django.conf import settings
    from django.urls import reverse

    return settings.SITE_URL + reverse("upkeep_feed", args=[selectors.feed_token(owner)])


@router.get("/upkeep/feed", response={200: FeedOut, 403: Error})
def get_feed(request: AuthedRequest) -> Any:
    """Your private iCalendar feed URL of due ties and action dates (for a
    signed-in session; a token gets 403)."""
    if getattr(request, "auth_token", None) is not None:
        return Status(403, {"detail": "Sign in to see your calendar URL: tokens cannot."})
    return {"url": _feed_url(request.user)}


@router.post("/upkeep/feed/revoke", response=FeedOut)
def revoke_feed(request: AuthedRequest) -> Any:
    """Make the old feed URL stop working now (a script may do it after a
    leak); the new URL is returned to a signed-in session only."""
    services.feed_revoke(owner=request.user)
    token = getattr(request, "auth_token", None)
    return {"url": None if token is not None else _feed_url(request.user)}


@router.delete("/snapshots/{snapshot_id}", response={204: None})
def delete_snapshot(request: AuthedRequest, snapshot_id: int) -> Any:
    services.snapshot_delete(snapshot=selectors.get_snapshot_for(request.user, snapshot_id))
    return Status(204, None)
