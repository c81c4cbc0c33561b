"""Labels for vocabulary keys in plan templates."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import template

from tiewise.core.strategies import STRATEGIES_BY_KEY
from tiewise.core.vocab import (
    ACTION_STATUSES,
    AREAS,
    PITFALLS,
    PLATFORMS,
    PROSPECT_STATUSES,
    REACHES,
    ROLES,
    SECTORS,
    STRENGTHS,
)

register = template.Library()

VOCABS: dict[str, dict[str, str]] = {
    "areas": AREAS,
    "roles": ROLES,
    "sector": SECTORS,
    "reach": REACHES,
    "strength": STRENGTHS,
    "prospect_status": PROSPECT_STATUSES,
    "action_status": ACTION_STATUSES,
    "platforms": PLATFORMS,
    "pitfalls": PITFALLS,
}


@register.filter
def labels(values: Iterable[str] | str, vocab: str) -> str:
    """`{{ prospect.roles|labels:"roles" }}` → "Mentor, Sponsor"."""
    names = VOCABS[vocab]
    items = [values] if isinstance(values, str) else list(values or [])
    return ", ".join(names.get(v, v) for v in items if v)


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
