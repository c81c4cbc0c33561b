from __future__ import annotations

from urllib.parse import urlsplit

from django import template

register = template.Library()


@register.filter
def is_web_link(value: object) -> bool:
    """Only http(s) links are rendered as links; anything else (including
    links stored before script schemes were refused) is shown as text."""
    try:
        return urlsplit(str(value)).scheme.lower() in ("http", "https")
    except ValueError:
        return False
