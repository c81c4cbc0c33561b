"""The insights report for one owner, cached on the PLN's version.

Every write to the PLN bumps `Profile.pln_version` (network.services.touch_pln),
so a cached report can never outlive the data it describes."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.apps import apps
from django.utils import timezone

from tiewise.core.analysis import report, summary
from tiewise.network.selectors import pln_snapshot
from tiewise.pln_cache import cached_for


def goal_inputs(owner: Any, pln: Any, *, include_private: bool) -> dict[str, Any]:
    """Active goals with the nodes and actions that serve them (two queries)."""
    if not apps.is_installed("tiewise.planning"):
        return {}
    from tiewise.planning.models import Action, Goal

    visible = {n.id for n in pln.nodes}
    goals = {
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


#: Extra inputs (goals, upkeep figures) come from the apps that own them.
#: Each provider is f(owner, pln, include_private=...) -> report() keyword arguments.
INPUT_PROVIDERS: list[Any] = [goal_inputs]


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
        pln = pln_snapshot(owner, include_private=include_private)
        inputs = report_inputs(owner, pln, include_private=include_private)
        return report(pln, today=today, **inputs)

    if not use_cache:
        return compute()
    return cached_for(owner, "insights", compute, int(include_private), today)


def insights_summary(owner: Any, *, include_private: bool = True) -> dict[str, Any]:
    return summary(insights_for(owner, include_private=include_private))


def planning_installed() -> bool:
    return apps.is_installed("tiewise.planning")
