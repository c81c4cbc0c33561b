from __future__ import annotations

from typing import Any

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html

register = template.Library()


@register.filter
def percent(value: Any) -> str:
    """0.92 → '92%'; missing values read as a dash, never 'None'."""
    if value is None:
        return "—"
    return f"{round(float(value) * 100)}%"


@register.simple_tag(takes_context=True)
def node_link(context: Any, item: dict[str, Any]) -> str:
    """A link to a node page, or the plain name where links make no sense
    (a coach's read-only view sets `no_node_links`)."""
    name = item.get("name", "")
    if context.get("no_node_links"):
        return format_html("{}", name)
    try:
        url = reverse("node_detail", args=[item["node_id"]])
    except (KeyError, NoReverseMatch):
        return format_html("{}", name)
    return format_html('<a href="{}">{}</a>', url, name)
