"""The directory and conference mode in a Tiewise JSON export, and their
restore.

Sections, each version 1:

- `directory_listing`: at most one row, the listing's fields (`listed`,
  `bio`, `institution`, `specialty`, `career_stage`, `sector`, `country`,
  `areas`, `topics`, `offers`, `seeks`, `public_card`). A restore fills the
  listing but never lists anyone: on another Tiewise (or after a restore)
  the owner lists themselves again, on purpose.
- `events`: `{"id", "name", "starts_on", "ends_on", "place", "hashtag",
  "backchannel", "created_at", "met": [{"line", "node", "interaction",
  "action", "created_at"}]}`; `node`, `interaction` and `action` are ids of
  this file (restored before), or null.
- `connections`: for information only, never recreated (a connection
  needs the other person's consent): `{"role", "status", "other_name",
  "via", "message", "created_at"}`, with the message only when the owner
  wrote it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone

from tiewise.core.vocab import AREAS, CAREER_STAGES, OFFERS, SECTORS
from tiewise.transfer.rows import Ids, rows_of

from .models import Connection, Event, Listing, Met
from .services import listing_save

if TYPE_CHECKING:
    from tiewise.accounts.models import User

LISTING_VERSION = 1
EVENTS_VERSION = 1
CONNECTIONS_VERSION = 1


def _when(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def export_listing(owner: User) -> list[dict[str, Any]]:
    li = Listing.objects.filter(user=owner).first()
    if li is None:
        return []
    return [
        {
            "listed": li.listed, "bio": li.bio, "institution": li.institution,
            "specialty": li.specialty, "career_stage": li.career_stage, "sector": li.sector,
            "country": li.country, "areas": list(li.areas), "topics": list(li.topics),
            "offers": list(li.offers), "seeks": list(li.seeks), "public_card": li.public_card,
        }
    ]  # fmt: skip


def restore_listing(owner: User, rows: list[Any], ids: Ids) -> int:
    """Fill the listing's empty fields from the file; never list the owner
    nor turn on their public card."""
    restored = 0
    for row in rows_of("directory_listing", rows, ids):
        if row.item > 1:
            raise row.invalid("", "a file holds one listing")
        current = Listing.objects.filter(user=owner).first()
        topics = row.data.get("topics") or []
        if not isinstance(topics, list) or not all(isinstance(t, str) for t in topics):
            raise row.invalid("topics", "expected a list of words")
        data: dict[str, Any] = {
            "bio": row.text("bio", multiline=True, max_length=1000),
            "institution": row.text("institution", max_length=200),
            "specialty": row.text("specialty", max_length=120),
            "career_stage": row.choice("career_stage", CAREER_STAGES),
            "sector": row.choice("sector", SECTORS),
            "country": row.text("country", max_length=120),
            "areas": row.choices("areas", AREAS),
            "topics": topics,
            "offers": row.choices("offers", OFFERS),
            "seeks": row.choices("seeks", OFFERS),
        }
        if current is not None:
            for name in list(data):
                mine = getattr(current, name)
                if mine:
                    data[name] = mine
            data["listed"] = current.listed
            data["public_card"] = current.public_card
        try:
            listing_save(user=owner, data=data)
        except ValidationError as exc:
            raise row.invalid_from(exc) from None
        restored += 1
    return restored


def export_events(owner: User) -> list[dict[str, Any]]:
    events = Event.objects.filter(owner=owner).order_by("id").prefetch_related("met")
    return [
        {
            "id": e.pk, "name": e.name, "starts_on": _when(e.starts_on),
            "ends_on": _when(e.ends_on), "place": e.place, "hashtag": e.hashtag,
            "backchannel": e.backchannel, "created_at": _when(e.created_at),
            "met": [
                {"line": m.line, "node": m.node_id, "interaction": m.interaction_id,
                 "action": m.action_id, "created_at": _when(m.created_at)}
                for m in sorted(e.met.all(), key=lambda m: m.pk)
            ],
        }
        for e in events
    ]  # fmt: skip


def _ref(row: Any, key: str, kind: str) -> int | None:
    """A link to a record of the file, or None when that record is not in it."""
    value = row.data.get(key)
    if value is None or value not in row.ids.get(kind, {}):
        return None
    found: int | None = row.ref(key, kind)
    return found


def restore_events(owner: User, rows: list[Any], ids: Ids) -> int:
    restored = 0
    for row in rows_of("events", rows, ids):
        starts = row.day("starts_on", required=True)
        ends = row.day("ends_on") or starts
        if starts is None or ends is None:
            raise row.invalid("starts_on", "give the date the event starts")
        event = Event(
            owner=owner,
            name=row.text("name", required=True, max_length=200),
            starts_on=starts, ends_on=ends,
            place=row.text("place", max_length=200),
            hashtag=row.text("hashtag", max_length=100),
            backchannel=row.text("backchannel", max_length=500),
            created_at=row.moment("created_at", default=timezone.now()),
        )  # fmt: skip
        if ends < starts:
            raise row.invalid("ends_on", "the event ends before it starts")
        row.check(event, exclude=["owner"])
        event.save()
        row.remember("event", event.pk)
        for part in row.items("met"):
            Met.objects.create(
                event=event,
                line=part.text("line", required=True, max_length=500),
                node_id=_ref(part, "node", "node"),
                interaction_id=_ref(part, "interaction", "interaction"),
                action_id=_ref(part, "action", "action"),
                created_at=part.moment("created_at", default=timezone.now()),
            )
        restored += 1
    return restored


def export_connections(owner: User) -> list[dict[str, Any]]:
    rows = (
        Connection.objects.filter(Q(requester=owner) | Q(target=owner))
        .select_related("requester__profile", "target__profile")
        .order_by("id")
    )
    out = []
    for c in rows:
        sent = c.requester_id == owner.pk
        other = c.target if sent else c.requester
        out.append(
            {"role": "requester" if sent else "target", "status": c.status,
             "other_name": other.display_name, "via": c.introducer_name if sent else "",
             "message": c.message if sent else "", "created_at": _when(c.created_at)}
        )  # fmt: skip
    return out


def describe_connections(rows: list[Any]) -> list[str]:
    lines = []
    for r in rows:
        if not isinstance(r, dict):
            continue
        who = str(r.get("other_name", ""))[:120]
        lines.append(f"You asked {who} to connect" if r.get("role") == "requester"
                     else f"{who} asked you to connect")  # fmt: skip
    return lines
