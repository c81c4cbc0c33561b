"""Template tags that put keep-in-touch data on pages owned by other apps
(node page, People list, dashboard) through a one-line include."""

from __future__ import annotations

from typing import Any

from django import template

from tiewise.accounts.models import User
from tiewise.core.cadence import reciprocity
from tiewise.pln_cache import cached_for
from tiewise.upkeep import selectors
from tiewise.upkeep.forms import InteractionForm, ReminderForm
from tiewise.upkeep.models import Interaction

register = template.Library()


def _status_cache(context: Any, node: Any) -> dict[int, Any]:
    """The tie statuses a page shows, computed once per request (3 queries):
    of the nodes the view listed in `status_node_ids` (one page of a list of
    thousands), else of the one node asked for."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if request is None or not isinstance(user, User) or not user.is_authenticated:
        return {}
    cached: dict[int, Any] | None = getattr(request, "_upkeep_statuses", None)
    if cached is None or node.pk not in cached:
        ids = [*(context.get("status_node_ids") or []), node.pk]
        fresh = selectors.status_map(user, node_ids=ids)
        cached = {**(cached or {}), node.pk: None, **fresh}  # None: not a tie
        request._upkeep_statuses = cached
    return cached


@register.simple_tag(takes_context=True)
def tie_status_for(context: Any, node: Any) -> Any:
    """The TieRow of a node (status, reason, due date), or None."""
    pk = getattr(node, "pk", None)
    return _status_cache(context, node).get(pk) if pk is not None else None


@register.inclusion_tag("upkeep/_node_panel.html", takes_context=True)
def upkeep_node_panel(context: Any, node: Any) -> dict[str, Any]:
    row = _status_cache(context, node).get(node.pk)
    # Give and take with this one node (one query, not the whole network's).
    directions = list(
        Interaction.nodes.through.objects.filter(node=node).values_list(
            "interaction__direction", flat=True
        )
    )
    rec = reciprocity(directions) if directions else None
    return {
        "request": context.get("request"),
        "csrf_token": context.get("csrf_token"),
        "node": node,
        "row": row,
        "recent": selectors.interactions_with(node, limit=5),
        "rec": rec,
        "form": InteractionForm(single_node=node.pk, auto_id="log_%s"),
        "reminder_form": ReminderForm(auto_id="rem_%s"),
    }


@register.inclusion_tag("upkeep/_due_card_body.html", takes_context=True)
def upkeep_due_card(context: Any) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    # The dashboard hands over the day's tie rows it may have read already,
    # and the PLN version it read.
    shared = context.get("due_rows")
    items = (
        cached_for(
            user,
            "due-card",
            lambda: selectors.due_items(user, within_days=7, rows=shared() if shared else None),
            version=context.get("pln_version"),
        )
        if user
        else []
    )
    return {
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "items": items[:6],
        "more": max(0, len(items) - 6),
    }
