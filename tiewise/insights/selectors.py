"""The insights report for one owner, cached on the PLN's version.

Every write to the PLN bumps its version (network.services.touch_pln),
so a cached report can never outlive the data it describes."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from django.utils import timezone

from tiewise.core.analysis import report
from tiewise.core.types import PLN
from tiewise.network.selectors import pln_snapshot
from tiewise.planning import selectors as planning_selectors
from tiewise.pln_cache import cached_for
from tiewise.upkeep import selectors as upkeep_selectors


def goal_inputs(owner: Any, pln: PLN) -> dict[str, Any]:
    """Active goals with the visible nodes and actions that serve them."""
    return {"goals": planning_selectors.goal_coverage(owner, {n.id for n in pln.nodes})}


def upkeep_inputs(owner: Any, pln: PLN) -> dict[str, Any]:
    """Maintenance health: share of ties due, lapsed strong ties, give and take."""
    visible = {n.id for n in pln.nodes if n.strength != "absent"}
    rows = [r for r in upkeep_selectors.tie_rows(owner) if r.node_id in visible]
    if not rows:
        return {}
    due = sum(1 for r in rows if r.status.status in ("due", "overdue"))
    per, _overall = upkeep_selectors.reciprocity_by_node(owner)
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
    last = upkeep_selectors.last_contacts(owner)
    nodes = tuple(replace(n, last_interaction=last.get(n.id)) for n in pln.nodes)
    return replace(pln, nodes=nodes)


def report_inputs(owner: Any, pln: PLN) -> dict[str, Any]:
    """What the report needs beyond the PLN, read from the apps that own it."""
    return {**goal_inputs(owner, pln), **upkeep_inputs(owner, pln)}


def insights_for(
    owner: Any, *, include_private: bool = True, today: date | None = None, use_cache: bool = True
) -> dict[str, Any]:
    """The full report (every measure, finding and spotlight) for `owner`.

    `include_private=False` is what a coach sees: private nodes are left out
    before anything is counted, so no figure can reveal them."""
    today = today or timezone.localdate()

    def compute() -> dict[str, Any]:
        pln = with_last_contacts(owner, pln_snapshot(owner, include_private=include_private))
        inputs = report_inputs(owner, pln)
        return report(pln, today=today, **inputs)

    if not use_cache:
        return compute()
    return cached_for(owner, "insights", compute, int(include_private), today)
