"""The plan in a Tiewise JSON export, and its restore: the online-identity
reflection, goals, prospects (with their history) and actions.

Sections, each version 1 (the layout the export has had since version 1 of
the document):

- `reflection`: at most one row, the fields of the reflection page.
- `goals`: `{"id", "title", "specific", "measurable", "assignable",
  "relevant", "target_date", "wish", "outcome", "obstacle", "plan",
  "status", "created_at", "nodes": [node ids]}`.
- `prospects`: `{"id", "name", "node", "goal", "why", "organisation",
  "areas", "roles", "sector", "reach", "how_to_reach", "status",
  "created_at", "events": [{"status", "at", "note"}]}`.
- `actions`: `{"id", "title", "strategy", "goal", "due_date", "status",
  "done_at", "notes", "created_at", "nodes": [node ids]}`.

Rows come in id order, so a restore keeps the plan's order. Restores write
the models directly (the services stamp every record "now"; a restore keeps
the dates of the history), with the same checks as the services: every
text cleaned, every word in its vocabulary, every link to a node or goal of
the same file.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from tiewise.core.strategies import STRATEGY_TITLES
from tiewise.core.vocab import (
    ACTION_STATUSES,
    AREAS,
    GOAL_STATUSES,
    PITFALLS,
    PLATFORMS,
    PROSPECT_STATUSES,
    REACHES,
    ROLES,
    SECTORS,
)
from tiewise.transfer.rows import Ids, rows_of

from .models import Action, Goal, Prospect, ProspectEvent
from .selectors import reflection_dict, reflection_for
from .services import reflection_save

if TYPE_CHECKING:
    from tiewise.accounts.models import User

REFLECTION_VERSION = 1
GOALS_VERSION = 1
PROSPECTS_VERSION = 1
ACTIONS_VERSION = 1


def _when(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


# --- the reflection -----------------------------------------------------------


def export_reflection(owner: User) -> list[dict[str, Any]]:
    r = reflection_for(owner)
    if r is None:
        return []
    return [{k: v for k, v in reflection_dict(r).items() if k != "updated_at"}]


def restore_reflection(owner: User, rows: list[Any], ids: Ids) -> int:
    """Fill in what the owner's reflection leaves empty (lists gain what they
    lack); nothing the owner already wrote is replaced."""
    restored = 0
    for row in rows_of("reflection", rows, ids):
        if row.item > 1:
            raise row.invalid("", "a file holds one reflection")
        platforms = row.choices("platforms", PLATFORMS)
        pitfalls = row.choices("pitfalls", PITFALLS)
        texts = {
            "profile_and_bio_check": row.text("profile_and_bio_check", multiline=True),
            "people_and_hashtags_followed": row.text(
                "people_and_hashtags_followed", multiline=True
            ),
            "posting_rhythm": row.text("posting_rhythm", multiline=True),
            "notes": row.text("notes", multiline=True),
        }
        profile_current = row.flag("profile_current")
        current = reflection_for(owner)
        data: dict[str, Any] = {
            "platforms": list(dict.fromkeys([*(current.platforms if current else []), *platforms])),
            "pitfalls": list(dict.fromkeys([*(current.pitfalls if current else []), *pitfalls])),
            "profile_current": bool(current and current.profile_current) or profile_current,
        }
        for name, value in texts.items():
            data[name] = getattr(current, name, "") or value
        try:
            reflection_save(owner=owner, data=data)
        except ValidationError as exc:
            raise row.invalid_from(exc) from None
        restored += 1
    return restored


# --- goals ----------------------------------------------------------------------


def export_goals(owner: User) -> list[dict[str, Any]]:
    goals = Goal.objects.filter(owner=owner).order_by("id").prefetch_related("nodes")
    return [
        {
            "id": g.pk,
            "title": g.title,
            "specific": g.specific,
            "measurable": g.measurable,
            "assignable": g.assignable,
            "relevant": g.relevant,
            "target_date": _when(g.target_date),
            "wish": g.wish,
            "outcome": g.outcome,
            "obstacle": g.obstacle,
            "plan": g.plan,
            "status": g.status,
            "created_at": _when(g.created_at),
            "nodes": sorted(n.pk for n in g.nodes.all()),
        }
        for g in goals
    ]


def restore_goals(owner: User, rows: list[Any], ids: Ids) -> int:
    restored = 0
    for row in rows_of("goals", rows, ids):
        goal = Goal(
            owner=owner,
            title=row.text("title", required=True, max_length=200),
            specific=row.text("specific", multiline=True),
            measurable=row.text("measurable", multiline=True),
            assignable=row.text("assignable", multiline=True),
            relevant=row.text("relevant", multiline=True),
            target_date=row.day("target_date"),
            wish=row.text("wish", multiline=True),
            outcome=row.text("outcome", multiline=True),
            obstacle=row.text("obstacle", multiline=True),
            plan=row.text("plan", multiline=True),
            status=row.choice("status", GOAL_STATUSES, default="active"),
            created_at=row.moment("created_at", default=timezone.now()),
        )
        nodes = row.refs("nodes", "node")
        row.check(goal, exclude=["owner", "nodes"])
        goal.save()
        goal.nodes.set(nodes)
        row.remember("goal", goal.pk)
        restored += 1
    return restored


# --- prospects ------------------------------------------------------------------


def export_prospects(owner: User) -> list[dict[str, Any]]:
    prospects = Prospect.objects.filter(owner=owner).order_by("id").prefetch_related("events")
    return [
        {
            "id": p.pk,
            "name": p.name,
            "node": p.node_id,
            "goal": p.goal_id,
            "why": p.why,
            "organisation": p.organisation,
            "areas": list(p.areas),
            "roles": list(p.roles),
            "sector": p.sector,
            "reach": p.reach,
            "how_to_reach": p.how_to_reach,
            "status": p.status,
            "created_at": _when(p.created_at),
            "events": [
                {"status": e.status, "at": _when(e.at), "note": e.note} for e in p.events.all()
            ],
        }
        for p in prospects
    ]


def restore_prospects(owner: User, rows: list[Any], ids: Ids) -> int:
    """Prospects with their history. A person has one place on the
    five-to-add list: a row for a node that already has a prospect (the file
    merged into someone the owner had) points at that prospect instead."""
    restored = 0
    for row in rows_of("prospects", rows, ids):
        created_at = row.moment("created_at", default=timezone.now())
        prospect = Prospect(  # type: ignore[misc]  # list fields hold lists
            owner=owner,
            name=row.text("name", required=True, max_length=200),
            node_id=row.ref("node", "node"),
            goal_id=row.ref("goal", "goal"),
            why=row.text("why", multiline=True),
            organisation=row.text("organisation", max_length=200),
            areas=row.choices("areas", AREAS),
            roles=row.choices("roles", ROLES),
            sector=row.choice("sector", SECTORS),
            reach=row.choice("reach", REACHES),
            how_to_reach=row.text("how_to_reach", multiline=True),
            status=row.choice("status", PROSPECT_STATUSES, default="identified"),
            created_at=created_at,
        )
        events = [
            ProspectEvent(
                status=e.choice("status", PROSPECT_STATUSES) or prospect.status,
                at=e.moment("at", default=created_at),
                note=e.text("note", multiline=True),
            )
            for e in row.items("events")
        ]
        if "events" not in row.data:  # a hand-made row: its history starts now
            events = [ProspectEvent(status=prospect.status, at=created_at)]
        row.check(prospect, exclude=["owner", "node", "goal"])
        if prospect.node_id is not None:
            taken = Prospect.objects.filter(owner=owner, node_id=prospect.node_id).first()
            if taken is not None:
                row.remember("prospect", taken.pk)
                continue
        prospect.save()
        for event in events:
            event.prospect = prospect
        ProspectEvent.objects.bulk_create(events)
        row.remember("prospect", prospect.pk)
        restored += 1
    return restored


# --- actions --------------------------------------------------------------------


def export_actions(owner: User) -> list[dict[str, Any]]:
    actions = Action.objects.filter(owner=owner).order_by("id").prefetch_related("nodes")
    return [
        {
            "id": a.pk,
            "title": a.title,
            "strategy": a.strategy,
            "goal": a.goal_id,
            "due_date": _when(a.due_date),
            "status": a.status,
            "done_at": _when(a.done_at),
            "notes": a.notes,
            "created_at": _when(a.created_at),
            "nodes": sorted(n.pk for n in a.nodes.all()),
        }
        for a in actions
    ]


def restore_actions(owner: User, rows: list[Any], ids: Ids) -> int:
    """Actions with their goal and people. As on the pages, only a done
    action has a done date (a done row without one is done when created)."""
    restored = 0
    for row in rows_of("actions", rows, ids):
        created_at = row.moment("created_at", default=timezone.now())
        status = row.choice("status", ACTION_STATUSES, default="planned")
        done_at = row.moment("done_at")
        action = Action(
            owner=owner,
            title=row.text("title", required=True, max_length=200),
            strategy=row.choice("strategy", STRATEGY_TITLES),
            goal_id=row.ref("goal", "goal"),
            due_date=row.day("due_date"),
            status=status,
            done_at=(done_at or created_at) if status == "done" else None,
            notes=row.text("notes", multiline=True),
            created_at=created_at,
        )
        nodes = row.refs("nodes", "node")
        row.check(action, exclude=["owner", "goal", "nodes"])
        action.save()
        action.nodes.set(nodes)
        row.remember("action", action.pk)
        restored += 1
    return restored
