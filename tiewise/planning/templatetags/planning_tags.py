"""Labels for vocabulary keys in plan templates."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import template

from tiewise.core.actions import is_overdue
from tiewise.core.strategies import STRATEGIES_BY_KEY
from tiewise.network.templatetags.words import label, labels

register = template.Library()

# The plan pages load only this library: the shared word filters are here too.
register.filter("labels", labels)
register.filter("label", label)


@register.filter
def action_overdue(action: Any, today: date) -> bool:
    """`{% if a|action_overdue:today %}`: the overdue rule, from core."""
    return is_overdue(action.due_date, action.status, today=today)


@register.filter
def strategy_title(key: str) -> str:
    strategy = STRATEGIES_BY_KEY.get(key or "")
    return strategy.title if strategy else ""


@register.inclusion_tag("planning/_node_origin.html")
def five_to_add_origin(node: Any) -> dict[str, Any]:
    """On a node's page: `{% load planning_tags %}{% five_to_add_origin node %}`
    says the node came from the five-to-add list, linking to its history."""
    from tiewise.planning.selectors import prospect_origin

    return {"prospect": prospect_origin(node)}
