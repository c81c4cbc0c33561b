"""Keeping ties alive: cadences, due dates, reciprocity and lapsed ties.

Pure functions over plain values (no Django), so every rule is tested alone.

The due rule, in one place (the pages quote it):

* A tie's **cadence** is its own `cadence_days` when set, otherwise the
  owner's default for its strength and roles (`default_cadence`). Prospects
  (strength ``absent``) have no cadence and are never due.
* Only ties the owner **tracks** are ever due: a tie is tracked from the day
  the owner chose to keep in touch (added the person by hand, set a cadence,
  or pressed "keep in touch"), or once an interaction is logged. An imported
  tie is not tracked until then: a "connected on" date years ago never makes
  anyone overdue.
* Its **anchor** is the date of the last logged interaction, else the day
  tracking started.
* **Due date** = anchor + cadence.
* Status on a given day:

  - ``ok``: more than the "soon" window before the due date;
  - ``soon``: the due date is at most ``soon_window(cadence)`` days away
    (20% of the cadence, at least 1 and at most 14 days);
  - ``due``: the due date is today or passed less than ``GRACE_DAYS`` (7) ago;
  - ``overdue``: the due date passed more than ``GRACE_DAYS`` ago;
  - ``snoozed``: the owner snoozed the tie until a later date;
  - ``off``: the owner asked never to be reminded, or there is no cadence;
  - ``untracked``: the owner has not chosen to keep in touch yet.

Logging an interaction moves the anchor to its date, so the tie is ``ok``
again until the next due date.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from .vocab import TIE_STATUSES

#: Days after the due date during which a tie is "due" rather than "overdue".
GRACE_DAYS = 7
#: The "soon" window is this share of the cadence ...
SOON_SHARE = 0.2
#: ... capped at this many days.
SOON_MAX_DAYS = 14
#: A strong tie with no contact for this many cadences has lapsed.
LAPSE_FACTOR = 2
#: Reciprocity flags need at least this many interactions.
RECIPROCITY_MIN = 3

#: Roles whose strong ties deserve the closest cadence.
KEY_ROLES = frozenset({"mentor", "sponsor", "coach"})

#: Built-in defaults (days). Owners can change them on the cadence page.
BUILTIN_DEFAULTS: dict[str, int | None] = {
    "strong_key": 45,  # strong mentor, sponsor or coach
    "strong": 90,  # any other strong tie
    "weak": 180,
}

STATUS_LABELS = TIE_STATUSES
#: The order the due list sorts by when due dates tie.
STATUS_RANK = {"overdue": 0, "due": 1, "soon": 2, "ok": 3, "snoozed": 4, "off": 5, "untracked": 6}


@dataclass(frozen=True, slots=True)
class CadenceRules:
    """An owner's default cadences in days; None means "no reminders"."""

    strong_key: int | None = BUILTIN_DEFAULTS["strong_key"]
    strong: int | None = BUILTIN_DEFAULTS["strong"]
    weak: int | None = BUILTIN_DEFAULTS["weak"]


def default_cadence(strength: str, roles: Iterable[str], rules: CadenceRules) -> int | None:
    """The owner's default cadence for a tie of this strength and these roles.

    >>> default_cadence("strong", ["mentor"], CadenceRules())
    45
    >>> default_cadence("strong", ["peer"], CadenceRules())
    90
    >>> default_cadence("weak", [], CadenceRules())
    180
    >>> default_cadence("absent", ["sponsor"], CadenceRules()) is None
    True
    """
    if strength == "strong":
        return rules.strong_key if KEY_ROLES & set(roles) else rules.strong
    if strength == "weak":
        return rules.weak
    return None


def effective_cadence(
    cadence_days: int | None, strength: str, roles: Iterable[str], rules: CadenceRules
) -> int | None:
    """The tie's own cadence when set, else the default. Prospects have none.

    >>> effective_cadence(30, "weak", [], CadenceRules())
    30
    >>> effective_cadence(None, "weak", [], CadenceRules())
    180
    >>> effective_cadence(30, "absent", [], CadenceRules()) is None
    True
    """
    if strength == "absent":
        return None
    return cadence_days or default_cadence(strength, roles, rules)


def soon_window(cadence: int) -> int:
    """How many days before the due date a tie counts as "soon".

    >>> soon_window(30), soon_window(90), soon_window(365), soon_window(3)
    (6, 14, 14, 1)
    """
    return max(1, min(SOON_MAX_DAYS, round(cadence * SOON_SHARE)))


@dataclass(frozen=True, slots=True)
class TieStatus:
    """Where one tie stands on a given day, with a sentence saying why."""

    status: str
    cadence: int | None
    anchor: date | None
    due_date: date | None
    last_contact: date | None
    reason: str

    @property
    def label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def needs_attention(self) -> bool:
        return self.status in ("overdue", "due", "soon")


def _ago(days: int) -> str:
    if days == 0:
        return "today"
    if days == 1:
        return "yesterday"
    return f"{days} days ago"


def _within(days: int) -> str:
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    return f"in {days} days"


def tie_status(
    *,
    today: date,
    cadence: int | None,
    last_contact: date | None,
    tracked_since: date | None = None,
    snoozed_until: date | None = None,
    never: bool = False,
) -> TieStatus:
    """Apply the due rule (see the module docstring).

    >>> s = tie_status(today=date(2025, 5, 5), cadence=60, last_contact=date(2025, 1, 31))
    >>> s.status, s.due_date, s.reason
    ('overdue', datetime.date(2025, 4, 1), 'last contact 94 days ago; you aim for every 60 days')
    >>> tie_status(today=date(2025, 5, 5), cadence=60, last_contact=date(2025, 5, 1)).status
    'ok'
    >>> tie_status(today=date(2025, 5, 5), cadence=60, last_contact=None).status
    'untracked'
    """
    anchor = last_contact or tracked_since
    if anchor is None and not never:
        return TieStatus(
            "untracked", cadence, None, None, None, "you have not chosen to keep in touch yet"
        )
    if never:
        return TieStatus("off", cadence, anchor, None, last_contact, "you asked not to be reminded")
    if not cadence:
        return TieStatus("off", None, anchor, None, last_contact, "no cadence for this tie")
    if anchor is None or anchor > today:
        anchor = today
    due = anchor + timedelta(days=cadence)
    if last_contact:
        reason = f"last contact {_ago((today - last_contact).days)}"
    else:
        reason = f"no contact logged since you chose to keep in touch {_ago((today - anchor).days)}"
    reason += f"; you aim for every {cadence} days"
    if snoozed_until and snoozed_until > today:
        return TieStatus(
            "snoozed", cadence, anchor, due, last_contact,
            f"snoozed until {snoozed_until.isoformat()}; {reason}",
        )  # fmt: skip
    days_left = (due - today).days
    if days_left > soon_window(cadence):
        status = "ok"
    elif days_left > 0:
        status = "soon"
        reason += f"; due {_within(days_left)}"
    elif -days_left <= GRACE_DAYS:
        status = "due"
    else:
        status = "overdue"
    return TieStatus(status, cadence, anchor, due, last_contact, reason)


def is_lapsed(
    *, today: date, strength: str, cadence: int | None, anchor: date | None, never: bool = False
) -> bool:
    """A strong tie with no contact in twice its cadence has lapsed.

    >>> is_lapsed(today=date(2025, 6, 1), strength="strong", cadence=30, anchor=date(2025, 4, 1))
    True
    >>> is_lapsed(today=date(2025, 6, 1), strength="weak", cadence=30, anchor=date(2025, 1, 1))
    False
    """
    if strength != "strong" or not cadence or anchor is None or never:
        return False
    return (today - anchor).days > LAPSE_FACTOR * cadence


@dataclass(frozen=True, slots=True)
class Reciprocity:
    """Give and take with one tie (or overall). Mutual counts as both."""

    gave: int = 0
    received: int = 0
    mutual: int = 0
    total: int = 0
    flag: str = ""  # "", "takes_only" or "gives_only"

    @property
    def flag_label(self) -> str:
        return {
            "takes_only": "You only receive",
            "gives_only": "You only give",
        }.get(self.flag, "")


def reciprocity(directions: Iterable[str]) -> Reciprocity:
    """Count gave/received; flag a one-way tie (at least three interactions,
    every one the same way; a mutual one breaks the flag).

    >>> reciprocity(["received", "received", "received"]).flag
    'takes_only'
    >>> r = reciprocity(["gave", "mutual", "received"])
    >>> (r.gave, r.received, r.flag)
    (2, 2, '')
    """
    dirs = list(directions)
    gave = sum(1 for d in dirs if d == "gave")
    received = sum(1 for d in dirs if d == "received")
    mutual = sum(1 for d in dirs if d == "mutual")
    flag = ""
    if len(dirs) >= RECIPROCITY_MIN and not mutual:
        if gave == 0:
            flag = "takes_only"
        elif received == 0:
            flag = "gives_only"
    return Reciprocity(gave + mutual, received + mutual, mutual, len(dirs), flag)


@dataclass(slots=True)
class DueItem:
    """One line of the due list: a tie or an action."""

    type: str  # "tie" or "action"
    title: str
    due_date: date
    status: str
    reason: str
    node_id: int | None = None
    action_id: int | None = None
    extra: dict[str, object] = field(default_factory=dict)


def sort_due(items: Iterable[DueItem]) -> list[DueItem]:
    """Soonest first; on the same day, worse status first, then by title."""
    return sorted(items, key=lambda i: (i.due_date, STATUS_RANK.get(i.status, 9), i.title.lower()))


def action_status(*, today: date, due_date: date) -> str:
    """An open action: overdue once its due date has passed, due on the day,
    soon within a week.

    >>> action_status(today=date(2025, 1, 10), due_date=date(2025, 1, 9))
    'overdue'
    """
    days = (due_date - today).days
    if days < 0:
        return "overdue"
    if days == 0:
        return "due"
    if days <= 7:
        return "soon"
    return "ok"
