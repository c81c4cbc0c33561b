"""The coaching API's declared output schemas carry everything the
selectors shape: a field missing from a schema would be dropped silently,
so each response is compared key for key with the selector's own dict."""

from __future__ import annotations

import json
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder

from tiewise.coaching import selectors
from tiewise.upkeep import services as upkeep_services


def _paths(value: Any, prefix: str = "") -> set[str]:
    """Every key path in a JSON value (list items merged)."""
    if isinstance(value, dict):
        found = {prefix}
        for k, v in value.items():
            found |= _paths(v, f"{prefix}.{k}")
        return found
    if isinstance(value, list):
        return set().union({prefix}, *(_paths(v, f"{prefix}[]") for v in value))
    return {prefix}


def _plain(value: Any) -> Any:
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def test_every_coach_response_carries_every_field_its_selector_shapes(
    world: dict[str, Any], owner: Any
) -> None:
    upkeep_services.snapshot_take(owner=owner)
    full = world["full"]
    view = selectors.coach_view(full.user, full.rel.pk)
    base = f"/api/v1/coaching/coachees/{full.rel.pk}"

    def first(items: Any) -> Any:
        return next(iter(items))

    expected = {
        "": selectors.caseload_dict(selectors.caseload_row(view)),
        "/map": selectors.coachee_map(view),
        "/map?layout=force": selectors.coachee_map(view, layout="force"),
        "/insights": selectors.coachee_insights(view),
        "/agenda": selectors.agenda_dict(
            selectors.agenda_for(view), saved_text="", coachee_name=""
        ),
        "/interactions": selectors.interaction_row(first(selectors.coachee_interactions(view))),
        "/goals": selectors.goal_row(first(selectors.coachee_goals(view))),
        "/prospects": selectors.prospect_row(first(selectors.coachee_prospects(view))),
        "/actions": selectors.action_row(first(selectors.coachee_actions(view))),
        "/people": selectors.person_row(first(selectors.search_people(view, {}))),
    }
    for path, shaped in expected.items():
        body = full.api.get(base + path).json()
        got = body["items"][0] if "items" in body else body
        assert _paths(got) == _paths(_plain(shaped)), path
    # The map and the report come out exactly as shaped, numbers included.
    assert full.api.get(f"{base}/map").json() == _plain(selectors.coachee_map(view))
    compact = selectors.coachee_map(view, compact=True)
    assert full.api.get(f"{base}/map?compact=1").json() == _plain(compact)
    assert full.api.get(f"{base}/insights").json() == _plain(selectors.coachee_insights(view))
