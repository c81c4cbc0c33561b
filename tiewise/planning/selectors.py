"""Reads of the plan, always scoped to one owner."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Max, Prefetch, Q, QuerySet
from django.utils import timezone

from tiewise.access import mine
from tiewise.core.actions import OPEN_ACTION_STATUSES, is_overdue
from tiewise.core.goals import active_goals_hint, goal_issues
from tiewise.core.prospects import (
    ACTIVE_PROSPECT_STATUSES,
    Introducer,
    diversity_nudge,
    rank_introducers,
)
from tiewise.core.strategies import STRATEGIES_BY_KEY
from tiewise.core.types import PLN
from tiewise.network import selectors as network_selectors
from tiewise.network.models import Node
from tiewise.network.selectors import pln_snapshot

from .models import Action, Goal, Prospect, ProspectEvent, Reflection

if TYPE_CHECKING:
    from tiewise.accounts.models import User


def goal_queryset(owner: User) -> QuerySet[Goal]:
    return Goal.objects.filter(owner=owner).prefetch_related(
        Prefetch("nodes", queryset=network_selectors.nodes_by_name()), "actions"
    )


def prospect_queryset(owner: User) -> QuerySet[Prospect]:
    return (
        Prospect.objects.filter(owner=owner)
        .select_related("goal", "node", "node__tie")
        .prefetch_related("events")
    )


def action_queryset(owner: User) -> QuerySet[Action]:
    return (
        Action.objects.filter(owner=owner)
        .select_related("goal")
        .prefetch_related(Prefetch("nodes", queryset=network_selectors.nodes_by_name()))
    )


def get_goal_for(owner: User, goal_id: Any) -> Goal:
    """The owner's goal with this id; anything else is a 404."""
    return mine(goal_queryset(owner), goal_id, "goal")


def get_prospect_for(owner: User, prospect_id: Any) -> Prospect:
    return mine(prospect_queryset(owner), prospect_id, "prospect")


def get_action_for(owner: User, action_id: Any) -> Action:
    return mine(action_queryset(owner), action_id, "action")


def filter_goals(qs: QuerySet[Goal], *, status: str | None = None) -> QuerySet[Goal]:
    return qs.filter(status=status) if status else qs


def filter_prospects(
    qs: QuerySet[Prospect], *, status: str | None = None, goal: int | None = None
) -> QuerySet[Prospect]:
    if status:
        qs = qs.filter(status=status)
    if goal is not None:
        qs = qs.filter(goal_id=goal)
    return qs


def filter_actions(
    qs: QuerySet[Action],
    *,
    status: str | None = None,
    goal: int | None = None,
    overdue: bool = False,
    today: date | None = None,
) -> QuerySet[Action]:
    if status:
        qs = qs.filter(status=status)
    if goal is not None:
        qs = qs.filter(goal_id=goal)
    if overdue:
        qs = qs.filter(
            status__in=OPEN_ACTION_STATUSES, due_date__lt=today or timezone.localdate()
        ).order_by("due_date", "id")
    return qs


def overdue_actions(owner: User, *, today: date | None = None) -> QuerySet[Action]:
    """Open actions (planned or doing) past their due date, soonest first."""
    return filter_actions(action_queryset(owner), overdue=True, today=today)


def actions_in_plan_order(owner: User) -> QuerySet[Action]:
    """Open actions first, by due date (undated last), then the finished ones."""
    from django.db.models import Case, F, IntegerField, Value, When

    return action_queryset(owner).order_by(
        Case(
            When(status__in=OPEN_ACTION_STATUSES, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        ),
        F("due_date").asc(nulls_last=True),
        "id",
    )


def goal_fields(goal: Goal) -> dict[str, Any]:
    return {
        "title": goal.title,
        "measurable": goal.measurable,
        "target_date": goal.target_date,
        "status": goal.status,
    }


def issues_of(goal: Goal, *, today: date | None = None) -> list[str]:
    return goal_issues(goal_fields(goal), today=today or timezone.localdate())


def prospect_sector_reach(prospect: Prospect) -> tuple[str, str]:
    node = prospect.node
    return (
        prospect.sector or (node.sector if node else ""),
        prospect.reach or (node.reach if node else ""),
    )


def introducers_for(prospect: Prospect, *, pln: PLN | None = None) -> list[Introducer]:
    """Who in the owner's network could introduce them, strongest tie first."""
    pln = pln or pln_snapshot(prospect.owner)
    organisation = prospect.organisation or (prospect.node.organisation if prospect.node else "")
    return rank_introducers(pln, target_id=prospect.node_id, organisation=organisation)


@dataclass
class ProspectRow:
    prospect: Prospect
    introducers: list[Introducer] = field(default_factory=list)


@dataclass
class GoalRow:
    goal: Goal
    issues: list[str] = field(default_factory=list)


@dataclass
class PlanOverview:
    goals: list[GoalRow]
    prospects: list[ProspectRow]
    actions: list[Action]
    overdue_count: int
    goals_hint: str | None
    diversity_hint: str | None
    reflection: Reflection | None
    today: date


def plan_overview(
    owner: User, *, today: date | None = None, pln: PLN | None = None
) -> PlanOverview:
    """Everything the plan page and the worksheet show, in a fixed number of
    queries whatever the size of the plan."""
    today = today or timezone.localdate()
    goals = [GoalRow(g, issues_of(g, today=today)) for g in goal_queryset(owner)]
    prospect_list = list(prospect_queryset(owner))
    if prospect_list:
        pln = pln or pln_snapshot(owner)
    rows = [ProspectRow(p, introducers_for(p, pln=pln)) for p in prospect_list]
    actions = list(actions_in_plan_order(owner))
    active_pairs = [
        prospect_sector_reach(p) for p in prospect_list if p.status in ACTIVE_PROSPECT_STATUSES
    ]
    return PlanOverview(
        goals=goals,
        prospects=rows,
        actions=actions,
        overdue_count=sum(1 for a in actions if is_overdue(a.due_date, a.status, today=today)),
        goals_hint=active_goals_hint(sum(1 for g in goals if g.goal.status == "active")),
        diversity_hint=diversity_nudge(active_pairs),
        reflection=reflection_for(owner),
        today=today,
    )


def reflection_for(owner: User) -> Reflection | None:
    return Reflection.objects.filter(owner=owner).first()


def prospect_origin(node: Node) -> Prospect | None:
    """The five-to-add entry a node came from, if any (for the node page)."""
    return (
        Prospect.objects.filter(owner_id=node.owner_id, node=node, status="connected")
        .prefetch_related("events")
        .first()
    )


# API shapes ------------------------------------------------------------------


def goal_dict(goal: Goal, *, today: date | None = None) -> dict[str, Any]:
    return {
        "id": goal.pk,
        "title": goal.title,
        "specific": goal.specific,
        "measurable": goal.measurable,
        "assignable": goal.assignable,
        "relevant": goal.relevant,
        "target_date": goal.target_date,
        "wish": goal.wish,
        "outcome": goal.outcome,
        "obstacle": goal.obstacle,
        "plan": goal.plan,
        "status": goal.status,
        "nodes": sorted(n.pk for n in goal.nodes.all()),
        "actions": sorted(a.pk for a in goal.actions.all()),
        "issues": issues_of(goal, today=today),
        "created_at": goal.created_at,
        "updated_at": goal.updated_at,
    }


def event_dict(event: ProspectEvent) -> dict[str, Any]:
    return {"status": event.status, "at": event.at, "note": event.note}


def prospect_dict(prospect: Prospect) -> dict[str, Any]:
    return {
        "id": prospect.pk,
        "name": prospect.name,
        "node": prospect.node_id,
        "goal": prospect.goal_id,
        "why": prospect.why,
        "organisation": prospect.organisation,
        "areas": list(prospect.areas),
        "roles": list(prospect.roles),
        "sector": prospect.sector,
        "reach": prospect.reach,
        "how_to_reach": prospect.how_to_reach,
        "status": prospect.status,
        "history": [event_dict(e) for e in prospect.events.all()],
        "created_at": prospect.created_at,
        "updated_at": prospect.updated_at,
    }


def action_dict(action: Action, *, today: date | None = None) -> dict[str, Any]:
    strategy = STRATEGIES_BY_KEY.get(action.strategy)
    return {
        "id": action.pk,
        "title": action.title,
        "strategy": action.strategy,
        "strategy_title": strategy.title if strategy else "",
        "goal": action.goal_id,
        "nodes": sorted(n.pk for n in action.nodes.all()),
        "due_date": action.due_date,
        "status": action.status,
        "done_at": action.done_at,
        "notes": action.notes,
        "overdue": is_overdue(action.due_date, action.status, today=today or timezone.localdate()),
        "created_at": action.created_at,
        "updated_at": action.updated_at,
    }


def reflection_dict(reflection: Reflection | None) -> dict[str, Any]:
    r = reflection or Reflection()
    return {
        "platforms": list(r.platforms),
        "profile_and_bio_check": r.profile_and_bio_check,
        "profile_current": r.profile_current,
        "people_and_hashtags_followed": r.people_and_hashtags_followed,
        "posting_rhythm": r.posting_rhythm,
        "pitfalls": list(r.pitfalls),
        "notes": r.notes,
        "updated_at": r.updated_at if reflection else None,
    }


# For other apps ----------------------------------------------------------------


def open_actions_due(owner: User, *, until: date) -> list[Action]:
    """Open actions (planned or doing) due on or before `until`, soonest first."""
    qs = Action.objects.filter(owner=owner, status__in=OPEN_ACTION_STATUSES, due_date__lte=until)
    return list(qs.order_by("due_date", "id"))


def open_actions_with_dates(owner: User) -> list[Action]:
    """Every open action that has a due date, soonest first (the calendar feed)."""
    return list(
        Action.objects.filter(
            owner=owner, status__in=OPEN_ACTION_STATUSES, due_date__isnull=False
        ).order_by("due_date", "id")
    )


def done_actions(owner: User) -> list[dict[str, Any]]:
    """Finished actions as `{"id", "title"}` (snapshots record them)."""
    return [
        {"id": pk, "title": title}
        for pk, title in Action.objects.filter(owner=owner, status="done")
        .order_by("id")
        .values_list("pk", "title")
    ]


def goal_coverage(owner: User, visible_node_ids: set[int]) -> list[dict[str, Any]]:
    """Active goals with the visible nodes and the actions that serve them,
    the insights report's goal input (two queries)."""
    return goal_coverage_for({owner.pk: visible_node_ids})[owner.pk]


def active_goal_count(owner: User) -> int:
    return Goal.objects.filter(owner=owner, status="active").count()


def goals_near(owner: User, *, start: date, end: date) -> QuerySet[Goal]:
    """Active goals whose target date falls between `start` and `end`
    (both included), soonest first."""
    return Goal.objects.filter(
        owner=owner, status="active", target_date__gte=start, target_date__lte=end
    ).order_by("target_date", "id")


# For several owners at once (a coach's caseload and cohorts) ------------------


def goal_coverage_for(visible_node_ids: Mapping[int, set[int]]) -> dict[int, list[dict[str, Any]]]:
    """`goal_coverage` of several owners (owner id → the ids of their nodes
    the report sees), keyed by owner id, in two queries."""
    found: dict[int, list[dict[str, Any]]] = {pk: [] for pk in visible_node_ids}
    if not found:
        return found
    goals: dict[int, dict[str, Any]] = {}
    owner_of: dict[int, int] = {}
    for g in Goal.objects.filter(owner_id__in=list(found), status="active"):
        goals[g.pk] = {"id": g.pk, "title": g.title, "node_ids": [], "action_ids": []}
        owner_of[g.pk] = g.owner_id
        found[g.owner_id].append(goals[g.pk])
    links = Goal.nodes.through.objects.filter(goal_id__in=goals)
    for goal_id, node_id in links.values_list("goal_id", "node_id"):
        if node_id in visible_node_ids[owner_of[goal_id]]:
            goals[goal_id]["node_ids"].append(node_id)
    for action_id, goal_id in Action.objects.filter(
        owner_id__in=list(found), goal_id__in=goals, status__in=["planned", "doing", "done"]
    ).values_list("pk", "goal_id"):
        goals[goal_id]["action_ids"].append(action_id)
    return found


@dataclass(frozen=True, slots=True)
class PlanFigures:
    """What a caseload row shows of one owner's plan."""

    active_goals: int = 0
    overdue_actions: int = 0
    goals_updated: datetime | None = None
    actions_updated: datetime | None = None
    #: When prospects last changed, by the node each points at (None: no node).
    prospects_updated: dict[int | None, datetime] = field(default_factory=dict)


def plan_figures(owner_ids: Iterable[int], *, today: date) -> dict[int, PlanFigures]:
    """Owner id → PlanFigures, for several owners in three queries."""
    ids = list(owner_ids)
    if not ids:
        return {}
    goals: dict[int, dict[str, Any]] = {
        row["owner_id"]: dict(row)
        for row in Goal.objects.filter(owner_id__in=ids)
        .order_by()
        .values("owner_id")
        .annotate(last=Max("updated_at"), active=Count("id", filter=Q(status="active")))
    }
    overdue = Q(status__in=OPEN_ACTION_STATUSES, due_date__lt=today)
    actions: dict[int, dict[str, Any]] = {
        row["owner_id"]: dict(row)
        for row in Action.objects.filter(owner_id__in=ids)
        .order_by()
        .values("owner_id")
        .annotate(last=Max("updated_at"), overdue=Count("id", filter=overdue))
    }
    prospects: dict[int, dict[int | None, datetime]] = {pk: {} for pk in ids}
    for owner_id, node_id, last in (
        Prospect.objects.filter(owner_id__in=ids)
        .order_by()
        .values("owner_id", "node_id")
        .annotate(last=Max("updated_at"))
        .values_list("owner_id", "node_id", "last")
    ):
        prospects[owner_id][node_id] = last
    out = {}
    for pk in ids:
        g, a = goals.get(pk, {}), actions.get(pk, {})
        out[pk] = PlanFigures(
            active_goals=g.get("active", 0),
            overdue_actions=a.get("overdue", 0),
            goals_updated=g.get("last"),
            actions_updated=a.get("last"),
            prospects_updated=prospects[pk],
        )
    return out


def goal_status_counts(owner_ids: Iterable[int]) -> dict[str, int]:
    """How many goals of these owners are in each status, together (one query)."""
    rows = (
        Goal.objects.filter(owner_id__in=list(owner_ids))
        .order_by()
        .values_list("status")
        .annotate(n=Count("id"))
    )
    return {status: n for status, n in rows}


def linked_node_ids(owner: User) -> frozenset[int]:
    """Nodes named in any of the owner's goals or actions: the map always
    draws them by name. Two queries, whatever the plan's size."""
    goal_nodes = Goal.nodes.through.objects.filter(goal__owner=owner).values_list(
        "node_id", flat=True
    )
    action_nodes = Action.nodes.through.objects.filter(action__owner=owner).values_list(
        "node_id", flat=True
    )
    return frozenset(goal_nodes) | frozenset(action_nodes)
