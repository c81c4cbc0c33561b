from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.cache.utils import make_template_fragment_key
from django.http import HttpResponse
from django.shortcuts import render

from tiewise.core.strategies import STRATEGIES_BY_KEY
from tiewise.core.vocab import FIELD_VOCAB
from tiewise.http import AuthedRequest
from tiewise.network import selectors as network_selectors
from tiewise.pln_cache import pln_key, pln_version
from tiewise.throttles import limited

from .selectors import insights_for

if TYPE_CHECKING:
    from tiewise.accounts.models import User

SEVERITY_LABELS = {"high": "Act on this", "medium": "Worth a look", "low": "Minor", "info": "FYI"}
COMPOSITION_FIELDS = ("strength", "modes", "areas", "roles", "sector", "reach")
#: Names a spotlight list shows; the rest are counted (a big PLN can hold
#: hundreds of confidants or quiet strong ties, and a page of names is
#: neither readable nor quick).
SPOTLIGHT_LIMIT = 12


def _spotlight(spotlight: dict[str, list[Any]]) -> tuple[dict[str, list[Any]], dict[str, int]]:
    """Each spotlight list cut to `SPOTLIGHT_LIMIT`, and how many each leaves out."""
    shown = {k: items[:SPOTLIGHT_LIMIT] for k, items in spotlight.items()}
    more = {k: len(items) - SPOTLIGHT_LIMIT for k, items in spotlight.items()
            if len(items) > SPOTLIGHT_LIMIT}  # fmt: skip
    return shown, more


def _bars(section: dict[str, Any], field: str) -> list[tuple[str, int, float]]:
    labels = FIELD_VOCAB.get(field, {})
    counts = section.get("counts", {})
    total = max(section.get("total") or 0, 1)
    keys = list(labels) if labels else sorted(counts, key=lambda k: -counts[k])
    return [(labels.get(k, k or "—"), counts.get(k, 0), counts.get(k, 0) / total) for k in keys]


def build_context(rep: dict[str, Any], names: dict[int, str]) -> dict[str, Any]:
    """Shape the report for the template (shared with the coach's read-only view).
    `names` maps the node ids the findings mention to display names."""
    findings = [
        {
            **f,
            "nodes": [(i, names[i]) for i in f["node_ids"] if i in names][:12],
            "more_nodes": max(0, len(f["node_ids"]) - 12),
            "severity_label": SEVERITY_LABELS.get(f["severity"], f["severity"]),
            "strategy_obj": STRATEGIES_BY_KEY.get(f["strategy"]),
        }
        for f in rep["findings"]
    ]
    composition = [
        (field, _bars(rep["composition"][field], field))
        for field in COMPOSITION_FIELDS
        if field in rep["composition"]
    ]
    spotlight, spotlight_more = _spotlight(rep["spotlight"])
    diversity = [
        (field, values)
        for field, values in rep["diversity"].items()
        if field in ("sector", "reach", "areas", "roles", "modes", "profession", "country")
    ]
    return {
        "report": rep,
        "findings": findings,
        "composition": composition,
        "diversity": diversity,
        "structure": rep["structure"],
        "spotlight": spotlight,
        "spotlight_more": spotlight_more,
        "coverage_rows": list(
            zip(
                [FIELD_VOCAB["areas"][a] for a in rep["coverage"]["areas"]],
                rep["coverage"]["matrix"],
                strict=True,
            )
        ),
        "coverage_roles": [FIELD_VOCAB["roles"][r] for r in rep["coverage"]["roles"]],
    }


@login_required
@limited("expensive")
def insights_page(request: AuthedRequest) -> HttpResponse:
    owner: User = request.user
    version = pln_version(owner)
    body_key = pln_key(owner, "insights-html", version=version)
    if cache.get(make_template_fragment_key("insights-body", [body_key])) is not None:
        # The rendered findings are cached for this PLN version: skip the work.
        return render(request, "insights/page.html", {"body_key": body_key})
    rep = insights_for(owner, version=version)
    ids = {i for f in rep["findings"] for i in f["node_ids"]}
    context = build_context(rep, network_selectors.node_names(owner, ids))
    context["can_plan"] = True
    context["body_key"] = body_key
    return render(request, "insights/page.html", context)
