"""Checks that help someone write a goal they can act on (SMART, optional WOOP).

Pure functions on plain values: the goal form, the goal list, the API and
the worksheet all show the same nudges.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

#: A handful of goals is what one person can pursue at a time; more is a hint,
#: never a rule.
ACTIVE_GOAL_LIMIT = 5

NO_MEASURE = "Add a measure: what will you count or see when this goal is met?"
NO_DATE = "Add a target date: a goal without one tends to drift."
PAST_DATE = "The target date has passed: set a new date, or mark the goal achieved or dropped."


def goal_issues(goal: Mapping[str, Any], *, today: date | None = None) -> list[str]:
    """What is missing from an active goal, in the order a person should fix it.

    Only active goals are checked: an achieved or dropped goal needs no nudge.

    >>> goal_issues({"title": "Publish", "measurable": "", "target_date": None})
    ['Add a measure: what will you count or see when this goal is met?', \
'Add a target date: a goal without one tends to drift.']
    >>> goal_issues({"measurable": "1 paper", "target_date": date(2020, 1, 1)},
    ...             today=date(2021, 1, 1))[0].startswith("The target date has passed")
    True
    >>> goal_issues({"measurable": "", "status": "achieved"})
    []
    """
    if (goal.get("status") or "active") != "active":
        return []
    today = today or date.today()
    issues: list[str] = []
    if not str(goal.get("measurable") or "").strip():
        issues.append(NO_MEASURE)
    target = goal.get("target_date")
    if not target:
        issues.append(NO_DATE)
    elif target < today:
        issues.append(PAST_DATE)
    return issues


def active_goals_hint(active_count: int) -> str | None:
    """A gentle hint when more goals are active than one person can pursue.

    >>> active_goals_hint(5) is None
    True
    >>> active_goals_hint(7)
    'You have 7 active goals. About five at a time is plenty: consider parking some.'
    """
    if active_count <= ACTIVE_GOAL_LIMIT:
        return None
    return (
        f"You have {active_count} active goals. About five at a time is plenty: "
        "consider parking some."
    )
