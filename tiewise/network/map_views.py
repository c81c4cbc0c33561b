"""The network map (Cytoscape page, table view, server-drawn SVG)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.urls import reverse

from tiewise.core.mapdata import COLOR_BY
from tiewise.core.svg import render_svg
from tiewise.http import AuthedRequest
from tiewise.pln_cache import cached_for
from tiewise.responses import svg_response
from tiewise.throttles import limited

from . import selectors

if TYPE_CHECKING:
    from tiewise.accounts.models import User


@login_required
def map_page(request: AuthedRequest) -> HttpResponse:
    return render(
        request,
        "network/map.html",
        {
            "map_url": reverse("api:get_map"),
            "positions_url": reverse("api:save_map_position"),
            "csrf_token": get_token(request),
            "svg_url": reverse("map_svg"),
            "search_url": reverse("api:search_map"),
            "table_url": reverse("map_table"),
            "color_by": COLOR_BY.items(),
        },
    )


SORTS = {
    "name": lambda n: n.name.lower(),
    "strength": lambda n: ({"strong": 0, "weak": 1, "absent": 2}[n.tie.strength], n.name.lower()),
    "sector": lambda n: (n.sector or "~", n.name.lower()),
    "reach": lambda n: (n.reach or "~", n.name.lower()),
    "kind": lambda n: (n.kind, n.name.lower()),
}


@login_required
def map_table(request: AuthedRequest) -> HttpResponse:
    """The accessible alternative to the map: the same nodes and who each one
    knows, as a sortable table."""
    owner: User = request.user
    sort = request.GET.get("sort", "strength")
    nodes = list(selectors.node_queryset(owner))
    nodes.sort(key=SORTS.get(sort, SORTS["strength"]))
    if request.GET.get("dir") == "desc":
        nodes.reverse()
    knows = selectors.knows_map(owner)
    rows = [(n, sorted(knows.get(n.pk, []), key=str.lower)) for n in nodes]
    return render(
        request,
        "network/map_table.html",
        {"rows": rows, "sort": sort, "desc": request.GET.get("dir") == "desc"},
    )


@login_required
@limited("expensive")
def map_svg(request: AuthedRequest) -> HttpResponse:
    owner: User = request.user
    # Once per PLN version (a rename of the owner bumps it too): drawing a
    # 3,000-tie PLN took 130-230 ms on every request.
    svg = cached_for(
        owner,
        "map-svg",
        lambda: render_svg(selectors.focus_pln(owner), title=f"PLN of {owner.display_name}"),
    )
    return svg_response(svg, download_as="tiewise-map.svg" if request.GET.get("download") else None)
