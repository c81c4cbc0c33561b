"""`{% coach_comments "goal" goal %}`: the comments coaches left on one of
the signed-in user's goals, prospects or actions, with a reply form."""

from __future__ import annotations

from typing import Any

from django import template

from tiewise.coaching.selectors import coaches_sharing_plan, comments_on

register = template.Library()


@register.inclusion_tag("coaching/_item_comments.html", takes_context=True)
def coach_comments(context: Any, kind: str, item: Any) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or getattr(item, "owner_id", None) != user.pk:
        return {"comments": [], "relationships": []}
    relationships = coaches_sharing_plan(user)
    return {
        "comments": comments_on(user, kind, item),
        "relationships": relationships,
        "kind": kind,
        "item": item,
        "next": request.path,
        "csrf_token": context.get("csrf_token"),
    }
