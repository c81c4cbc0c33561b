"""The private iCalendar feed (RFC 5545): one all-day event per tracked tie
and per open action due within the owner's horizon (14 days unless they
chose otherwise), and one "N people overdue" event today, never one event
per tie of the network."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from django.conf import settings
from icalendar import Calendar, Event

from tiewise.planning import selectors as planning_selectors

from . import selectors

if TYPE_CHECKING:
    from tiewise.accounts.models import User

PRODID = "-//Tiewise//Keep in touch//EN"


def _host() -> str:
    return urlsplit(settings.SITE_URL).hostname or "tiewise.local"


def calendar_for(owner: User) -> bytes:
    """The owner's feed. UIDs are stable per tie and per action, so calendar
    apps update an event instead of duplicating it when its date moves."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", "Tiewise: keep in touch")
    cal.add("x-published-ttl", "PT6H")
    stamp = datetime.now(UTC).replace(microsecond=0)
    host = _host()
    site = settings.SITE_URL
    today = selectors.today()
    horizon = today + timedelta(days=selectors.settings_for(owner).feed_days)
    overdue: list[str] = []
    for row in selectors.tie_rows(owner, on=today):
        s = row.status
        if s.status in ("off", "untracked", "snoozed") or s.due_date is None:
            continue
        if s.status == "overdue":
            overdue.append(row.name)
            continue
        if s.due_date > horizon:
            continue
        day = max(s.due_date, today)  # a date just passed shows today
        event = Event()
        event.add("uid", f"tie-{row.node_id}@{host}")
        event.add("dtstamp", stamp)
        event.add("dtstart", day)
        event.add("dtend", day + timedelta(days=1))
        event.add("summary", f"Get in touch with {row.name}")
        reason = s.reason[:1].upper() + s.reason[1:]
        event.add(
            "description",
            f"{reason}.\nDue {s.due_date:%-d %b %Y}. Log it: {site}/nodes/{row.node_id}/#log",
        )
        event.add("url", f"{site}/nodes/{row.node_id}/")
        event.add("transp", "TRANSPARENT")
        event.add("categories", ["Tiewise", "Keep in touch"])
        cal.add_component(event)
    if overdue:
        event = Event()
        event.add("uid", f"overdue-{owner.pk}@{host}")  # one event, moved day to day
        event.add("dtstamp", stamp)
        event.add("dtstart", today)
        event.add("dtend", today + timedelta(days=1))
        people = "person" if len(overdue) == 1 else "people"
        event.add("summary", f"{len(overdue)} {people} overdue to get in touch with")
        names = ", ".join(sorted(overdue, key=str.casefold)[:10])
        more = f" and {len(overdue) - 10} more" if len(overdue) > 10 else ""
        event.add("description", f"{names}{more}.\nSee them all: {site}/due/")
        event.add("url", f"{site}/due/")
        event.add("transp", "TRANSPARENT")
        event.add("categories", ["Tiewise", "Keep in touch"])
        cal.add_component(event)
    for action in planning_selectors.open_actions_with_dates(owner):
        if action.due_date is None or action.due_date > horizon:
            continue
        event = Event()
        event.add("uid", f"action-{action.pk}@{host}")
        event.add("dtstamp", stamp)
        day = max(action.due_date, today)
        late = " (overdue)" if action.due_date < today else ""
        event.add("dtstart", day)
        event.add("dtend", day + timedelta(days=1))
        event.add("summary", f"Action: {action.title}{late}")
        url = selectors.action_url(action)
        if url:
            event.add("url", f"{site}{url}")
        event.add("transp", "TRANSPARENT")
        event.add("categories", ["Tiewise", "Action plan"])
        cal.add_component(event)
    return bytes(cal.to_ical())
