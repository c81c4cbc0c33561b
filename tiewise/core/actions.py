"""The action plan: statuses, overdue, and the pre-filled first step a
strategy offers.

>>> from datetime import date
>>> prefill("journal_club", today=date(2025, 1, 1))
('Pick an article and invite 4 people to discuss it online', datetime.date(2025, 1, 22))
"""

from __future__ import annotations

from datetime import date, timedelta

from .strategies import STRATEGIES_BY_KEY

#: Actions still to be done; only these can be overdue.
OPEN_ACTION_STATUSES = ("planned", "doing")


def is_overdue(due_date: date | None, status: str, *, today: date) -> bool:
    """An open action whose due date is before today.

    >>> is_overdue(date(2025, 1, 1), "planned", today=date(2025, 1, 2))
    True
    >>> is_overdue(date(2025, 1, 1), "done", today=date(2025, 1, 2))
    False
    >>> is_overdue(date(2025, 1, 2), "doing", today=date(2025, 1, 2))
    False
    """
    return due_date is not None and status in OPEN_ACTION_STATUSES and due_date < today


def prefill(strategy_key: str, *, today: date) -> tuple[str, date]:
    """The title and due date a new action from this strategy starts with.
    Raises KeyError for an unknown strategy."""
    strategy = STRATEGIES_BY_KEY[strategy_key]
    return strategy.template_action, today + timedelta(days=strategy.default_due_days)
