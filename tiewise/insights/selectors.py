"""The insights report for one owner, cached on the PLN's version.

Every write to the PLN bumps `Profile.pln_version` (network.services.touch_pln),
so a cached report can never outlive the data it describes."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from django.apps import apps
from django.utils import timezone

from tiewise.core.analysis import report
from tiewise.core.types import PLN
from tiewise.network.selectors import pln_snapshot
from tiewise.pln_cache import cached_for


def goal_inputs(owner: Any, pln: Any, *, include_private: bool) -> dict[str, Any]:
    """Active goals with the nodes and actions that serve them (two queries)."""
    if not apps.is_installed("tiewise.planning"):
        return {}
    from tiewise.planning.models import Action, Goal

    visible = {n.id for n in pln.nodes}
    goals: dict[int, dict[str, Any]] = {
        g.pk: {"id": g.pk, "title": g.title, "node_ids": [], "action_ids": []}
        for g in Goal.objects.filter(owner=owner, status="active")
    }
    for goal_id, node_id in Goal.nodes.through.objects.filter(goal_id__in=goals).values_list(
        "goal_id", "node_id"
    ):
        if node_id in visible:
            goals[goal_id]["node_ids"].append(node_id)
    for action_id, goal_id in Action.objects.filter(
        owner=owner, goal_id__in=goals, status__in=["planned", "doing", "done"]
    ).values_list("pk", "goal_id"):
        goals[goal_id]["action_ids"].append(action_id)
    return {"goals": list(goals.values())}


def upkeep_inputs(owner: Any, pln: Any, *, include_private: bool) -> dict[str, Any]:
    """Maintenance health: share of ties due, lapsed strong ties, give and take."""
    if not apps.is_installed("tiewise.upkeep"):
        return {}
    from tiewise.upkeep.selectors import reciprocity_by_node, tie_rows

    visible = {n.id for n in pln.nodes if n.strength != "absent"}
    rows = [r for r in tie_rows(owner) if r.node_id in visible]
    if not rows:
        return {}
    due = sum(1 for r in rows if r.status.status in ("due", "overdue"))
    per, _overall = reciprocity_by_node(owner)
    shown = [rec for node_id, rec in per.items() if node_id in visible]
    return {
        "due_share": due / len(rows),
        "lapsed_ids": [r.node_id for r in rows if r.lapsed],
        "gave": sum(rec.gave for rec in shown),
        "received": sum(rec.received for rec in shown),
    }


def with_last_contacts(owner: Any, pln: PLN) -> PLN:
    """The PLN with each node's latest interaction date filled in (one query),
    so "strong ties going quiet" reads real contact, not just `since`."""
    if not apps.is_installed("tiewise.upkeep"):
        return pln
    from tiewise.upkeep.selectors import last_contacts

    last = last_contacts(owner)
    nodes = tuple(replace(n, last_interaction=last.get(n.id)) for n in pln.nodes)
    return replace(pln, nodes=nodes)


#: Extra inputs (goals, upkeep figures) come from the apps that own them.
#: Each provider is f(owner, pln, include_private=...) -> report() keyword arguments.
INPUT_PROVIDERS: list[Any] = [goal_inputs, upkeep_inputs]


def report_inputs(owner: Any, pln: Any, *, include_private: bool) -> dict[str, Any]:
    inputs: dict[str, Any] = {}
    for provider in INPUT_PROVIDERS:
        inputs.update(provider(owner, pln, include_private=include_private))
    return inputs


def insights_for(
    owner: Any, *, include_private: bool = True, today: date | None = None, use_cache: bool = True
) -> dict[str, Any]:
    """The full report (every measure, finding and spotlight) for `owner`.

    `include_private=False` is what a coach sees: private nodes are left out
    before anything is counted, so no figure can reveal them."""
    today = today or timezone.localdate()

    def compute() -> dict[str, Any]:
        pln = with_last_contacts(owner, pln_snapshot(owner, include_private=include_private))
        inputs = report_inputs(owner, pln, include_private=include_private)
        return report(pln, today=today, **inputs)

    if not use_cache:
        return compute()
    return cached_for(owner, "insights", compute, int(include_private), today)


def planning_installed() -> bool:
    return apps.is_installed("tiewise.planning")
