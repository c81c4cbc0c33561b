"""Mapping pages (step 2 of the framework). Views stay thin: a form, one
service call, a redirect or a render."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.html import format_html
from django.views.decorators.http import require_POST

from tiewise.accounts import services as account_services
from tiewise.core.errors import Conflict
from tiewise.core.vocab import ROLES, STRENGTHS, label
from tiewise.feedback import add_errors_to_form, errors_to_messages, form_errors_to_messages
from tiewise.http import AuthedRequest
from tiewise.learning import selectors as learning_selectors
from tiewise.pln_cache import cached_for, pln_key, pln_version
from tiewise.redirects import safe_next
from tiewise.upkeep import selectors as upkeep_selectors
from tiewise.upkeep import services as upkeep_services

from . import guide, selectors, services
from .forms import AlterTieForm, BulkEditForm, FilterForm, GridPeopleForm, NodeForm, QuickAddForm

if TYPE_CHECKING:
    from tiewise.accounts.models import User

PAGE_SIZE = 100


def home(request: HttpRequest) -> HttpResponse:
    """Visitors see what Tiewise is; signed-in users their dashboard."""
    if not request.user.is_authenticated:
        return render(request, "landing.html")
    return dashboard(request)  # type: ignore[arg-type]


@login_required
@require_POST
def guide_dismiss(request: AuthedRequest) -> HttpResponse:
    """Put the worksheet checklist away, or bring it back (`show=1`)."""
    account_services.guide_dismiss(user=request.user, dismissed=not request.POST.get("show"))
    return redirect("home")


@login_required
def dashboard(request: AuthedRequest) -> HttpResponse:
    owner: User = request.user
    # The month's starting point for "what changed": the first visit of a
    # month is the first thing the owner does then (one cheap query after).
    upkeep_services.snapshot_monthly(owner)
    version = pln_version(owner)
    # After an edit the counts, the "since" card and the due card each miss
    # their cache; read the people and their tie statuses once for all three,
    # in one query (at 3,000 ties two reads cost 15 ms, one 10), and not at
    # all when all three hit.
    both = functools.cache(lambda: upkeep_selectors.tie_rows_and_states(owner, version=version))

    def states() -> list[dict[str, Any]]:
        return both()[1]

    def rows() -> list[upkeep_selectors.TieRow]:
        return both()[0]

    # Lazy: when the page body is in the cache, neither is computed.
    counts = SimpleLazyObject(
        lambda: cached_for(
            owner,
            "dashboard",
            lambda: selectors.dashboard_counts(owner, states=states()),
            version=version,
        )
    )
    recent = selectors.node_queryset(owner).order_by("-created_at")[:5]
    since, basis = guide.last_session(owner)
    show_guide = guide.show_guide(owner)
    steps = guide.worksheet_steps(owner, counts) if show_guide else []  # type: ignore[arg-type]
    return render(
        request,
        "network/dashboard.html",
        {
            "counts": counts,
            "recent": recent,
            "quick_form": QuickAddForm(),
            "body_key": pln_key(owner, "dashboard-html", version=version),
            "steps": steps,
            "steps_done": sum(1 for s in steps if s.done),
            "show_guide": show_guide,
            "learning": learning_selectors.dashboard_learning(owner),
            "due_rows": rows,
            "pln_version": version,
            # The PLN's whole state against a snapshot: once per PLN version,
            # day and baseline, not on every visit.
            "changes": cached_for(
                owner,
                "since",
                lambda: upkeep_selectors.since_last_session(
                    owner,
                    since=since,
                    basis=basis,
                    rows=rows(),
                    states=states(),
                    alter_ties=counts["alter_ties"],
                ),
                since.isoformat(),
                basis.replace(" ", "-"),  # a cache key has no spaces
                version=version,
            ),
        },
    )


@login_required
def node_list(request: AuthedRequest) -> HttpResponse:
    filters = FilterForm(request.GET or None)
    active = filters.cleaned_data if filters.is_valid() else {}
    qs = selectors.filter_nodes(selectors.node_queryset(request.user), active)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    ids = [n.pk for n in page.object_list]
    context = {
        "filters": filters,
        "page": page,
        "nodes": page.object_list,
        "total": qs.count(),
        "quick_form": QuickAddForm(),
        "bulk_form": BulkEditForm(node_ids=ids),
        "status_node_ids": ids,  # keep-in-touch statuses for this page only
        "querystring": request.GET.urlencode(),
        "active_filters": {k: v for k, v in active.items() if v},
    }
    return render(request, "network/node_list.html", context)


@login_required
def people_search(request: AuthedRequest) -> HttpResponse:
    """What a person picker shows as the user types: `?q=` (name,
    organisation...), optional `strength=` and `exclude=` (an id), at most
    `limit` (20) people, strong ties first. JSON `{"items", "count"}`."""
    limit = request.GET.get("limit", "")
    exclude = [int(i) for i in request.GET.getlist("exclude") if i.isdigit()]
    strength = request.GET.get("strength", "")
    items, count = selectors.search_people(
        request.user,
        request.GET.get("q", "")[:200],
        strength=strength if strength in STRENGTHS else "",
        exclude=exclude,
        limit=min(int(limit), 50) if limit.isdigit() and int(limit) > 0 else 20,
    )
    return JsonResponse({"items": items, "count": count})


@login_required
@require_POST
def quick_add(request: AuthedRequest) -> HttpResponse:
    form = QuickAddForm(request.POST)
    next_url = safe_next(request, reverse("node_list"))
    if form.is_valid():
        try:
            added = services.quick_add(owner=request.user, line=form.cleaned_data["line"])
        except ValidationError as exc:
            errors_to_messages(request, exc)
        else:
            node, tie = added.node, added.node.tie
            knows = f"; knows {', '.join(added.knows)}" if added.knows else ""
            if added.created:
                details = ", ".join(
                    [label(STRENGTHS, tie.strength).lower(), *(label(ROLES, r).lower()
                     for r in tie.roles), *(["private: never shown to a coach"]
                     if node.private else [])]
                )  # fmt: skip
                # A link to the new person: in a list of hundreds she may be on page 3.
                messages.success(
                    request,
                    format_html(
                        'Added <a href="{}">{}</a> ({}){}.',
                        node.get_absolute_url(), node.name, details, knows,
                    ),
                )  # fmt: skip
            else:
                messages.success(request, f"{node.name} knows {', '.join(added.knows)}.")
    elif request.POST.get("line", "").strip() and form.errors.get("line"):
        messages.error(request, f"Quick add: {form.errors['line'][0]}")
    else:
        messages.error(request, "Type a name first, e.g. “Jane Doe, strong, mentor”.")
    return redirect(next_url)


@login_required
@require_POST
def bulk_edit(request: AuthedRequest) -> HttpResponse:
    ids = [int(i) for i in request.POST.getlist("ids") if i.isdigit()]
    form = BulkEditForm(request.POST, node_ids=ids)
    back = reverse("node_list") + ("?" + request.POST["qs"] if request.POST.get("qs") else "")
    if not ids:
        messages.error(request, "Select at least one node first.")
        return redirect(back)
    if not form.is_valid():
        form_errors_to_messages(request, form)
        return redirect(back)
    set_fields, add = form.changes()
    try:
        count = services.nodes_bulk_update(
            owner=request.user, ids=ids, set_fields=set_fields, add=add, track=form.track()
        )
    except ValidationError as exc:
        errors_to_messages(request, exc)
    else:
        messages.success(request, f"Updated {count} node{'s' if count != 1 else ''}.")
    return redirect(back)


@login_required
def node_new(request: AuthedRequest) -> HttpResponse:
    initial = {k: request.GET[k] for k in ("name", "strength") if k in request.GET}
    form = NodeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            node = services.node_create(owner=request.user, data=form.cleaned_data)
        except ValidationError as exc:
            add_errors_to_form(form, exc)
        else:
            messages.success(request, f"Added {node.name}.")
            return redirect(node.get_absolute_url())
    return render(request, "network/node_form.html", {"form": form, "node": None})


@login_required
def node_detail(request: AuthedRequest, node_id: int) -> HttpResponse:
    node = selectors.get_node_for(request.user, node_id)
    alter_ties = selectors.alter_ties_of(node)
    linked = {other.pk for _, other in alter_ties} | {node.pk}
    names = selectors.node_names(request.user)
    others = sorted(
        ((pk, name) for pk, name in names.items() if pk not in linked),
        key=lambda pair: pair[1].casefold(),
    )
    return render(
        request,
        "network/node_detail.html",
        {
            "node": node,
            "tie": getattr(node, "tie", None),
            "sections": selectors.node_sections(node),
            "alter_ties": alter_ties,
            "alter_form": AlterTieForm(others=others, node_id=node.pk),
            "learning": learning_selectors.node_learning(request.user, node),
        },
    )


@login_required
def node_edit(request: AuthedRequest, node_id: int) -> HttpResponse:
    node = selectors.get_node_for(request.user, node_id)
    initial = {**selectors.node_values(node), "version": services.node_version(node)}
    form = NodeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.node_update(
                node=node,
                data=form.cleaned_data,
                expected_version=form.cleaned_data.get("version") or None,
            )
        except ValidationError as exc:
            add_errors_to_form(form, exc)
        except Conflict as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Saved.")
            return redirect(node.get_absolute_url())
    return render(request, "network/node_form.html", {"form": form, "node": node})


@login_required
def node_delete(request: AuthedRequest, node_id: int) -> HttpResponse:
    node = selectors.get_node_for(request.user, node_id)
    if request.method == "POST":
        name = node.name
        services.node_delete(node=node)
        messages.success(request, f"Deleted {name}.")
        return redirect("node_list")
    return render(request, "network/node_confirm_delete.html", {"node": node})


@login_required
@require_POST
def alter_tie_add(request: AuthedRequest, node_id: int) -> HttpResponse:
    node = selectors.get_node_for(request.user, node_id)
    other_id = request.POST.get("other", "").strip()
    if not other_id:
        messages.error(request, "Choose who this person knows.")
        return redirect(node.get_absolute_url() + "#knows")
    if not other_id.isdigit():
        # Typed by hand (no JavaScript): a name of the owner's people.
        others = [(pk, name) for pk, name in selectors.node_names(request.user).items()]
        form = AlterTieForm(request.POST, others=others)
        if not form.is_valid():
            form_errors_to_messages(request, form)
            return redirect(node.get_absolute_url() + "#knows")
        other_id = str(form.cleaned_data["other"])
    other = selectors.get_node_for(request.user, other_id)
    try:
        services.alter_tie_create(
            owner=request.user,
            source=node.pk,
            target=other.pk,
            strength=request.POST.get("strength", ""),
        )
    except ValidationError as exc:
        errors_to_messages(request, exc)
    else:
        messages.success(request, f"{node.name} knows {other.name}.")
    return redirect(node.get_absolute_url() + "#knows")


@login_required
@require_POST
def alter_tie_remove(request: AuthedRequest, node_id: int, tie_id: int) -> HttpResponse:
    node = selectors.get_node_for(request.user, node_id)
    services.alter_tie_delete(owner=request.user, tie_id=tie_id)
    messages.success(request, "Removed.")
    return redirect(node.get_absolute_url() + "#knows")


@login_required
@require_POST
def node_private(request: AuthedRequest, node_id: int) -> HttpResponse:
    """One click: keep this person from every coach, or share them again."""
    node = selectors.get_node_for(request.user, node_id)
    private = request.POST.get("private") == "1"
    services.node_update(node=node, data={"private": private})
    if private:
        messages.success(request, f"{node.name} is private: no coach sees them.")
    else:
        messages.success(request, f"{node.name} is no longer private.")
    return redirect(safe_next(request, node.get_absolute_url()))


#: The most people a who-knows-whom grid takes (190 pairs).
GRID_MAX = 20


def _grid_people(request: AuthedRequest) -> tuple[list[Any], GridPeopleForm | None]:
    """The people on the grid: those chosen in `?people=`, else the closest 15."""
    owner = request.user
    if not request.GET.get("people", "").strip():
        first = request.GET.get("with", "")
        if first.isdigit():  # from a person's page: them and the closest
            node = selectors.get_node_for(owner, first)
            rest = [n for n in selectors.closest_people(owner) if n.pk != node.pk]
            return [node, *rest][: selectors.GRID_SIZE], None
        return selectors.closest_people(owner), None
    form = GridPeopleForm(request.GET, people=list(selectors.node_names(owner).items()))
    if not form.is_valid():
        return selectors.closest_people(owner), form
    ids = [int(i) for i in form.cleaned_data["people"]][:GRID_MAX]
    order = {pk: i for i, pk in enumerate(ids)}
    return sorted(selectors.owned_nodes(owner, ids), key=lambda n: order[n.pk]), form


@login_required
def knows_grid(request: AuthedRequest) -> HttpResponse:
    """Tick who knows whom among your closest people, in one sitting."""
    if request.method == "POST":
        ids = [int(v) for v in request.POST.getlist("people") if v.isdigit()]
        pairs = []
        for value in request.POST.getlist("pair"):
            a, _, b = value.partition("-")
            if a.isdigit() and b.isdigit():
                pairs.append((int(a), int(b)))
        try:
            added, removed = services.alter_ties_set_among(owner=request.user, ids=ids, pairs=pairs)
        except ValidationError as exc:
            errors_to_messages(request, exc)
        else:
            if added or removed:
                messages.success(
                    request,
                    f"Saved: {added} link{'' if added == 1 else 's'} added, {removed} removed.",
                )
            else:
                messages.info(request, "Nothing changed.")
        back = request.POST.get("query", "")
        safe = back.startswith(("people=", "with=")) and "\n" not in back
        return redirect(reverse("knows_grid") + (f"?{back}" if safe else ""))
    people, form = _grid_people(request)
    ticked = selectors.pairs_among(request.user, [n.pk for n in people])
    rows = [
        {
            "node": node,
            "others": [
                (other, (min(node.pk, other.pk), max(node.pk, other.pk)) in ticked)
                for other in people[i + 1 :]
            ],
        }
        for i, node in enumerate(people[:-1])
    ]
    chosen = form.cleaned_data["people"] if form is not None and form.is_valid() else None
    return render(
        request,
        "network/knows_grid.html",
        {
            "people": people,
            "rows": rows,
            "ticked": len(ticked),
            "pairs": len(people) * (len(people) - 1) // 2,
            "form": form or GridPeopleForm(people=[]),
            "chosen": chosen is not None,
            "query": request.GET.urlencode() if chosen is not None or "with" in request.GET else "",
            "grid_max": GRID_MAX,
        },
    )


DUPLICATES_PAGE = 25


@login_required
def duplicates(request: AuthedRequest) -> HttpResponse:
    """Pairs of people who may be one person, each with a merge button per side."""
    pairs = selectors.duplicate_pairs(request.user)
    shown = request.GET.get("confidence", "")
    if shown in ("exact", "possible"):
        pairs = [p for p in pairs if p.confidence == shown]
    page = Paginator(pairs, DUPLICATES_PAGE).get_page(request.GET.get("page"))
    rows = selectors.duplicate_rows(request.user, list(page.object_list))
    for row in rows:
        row["pairs"] = [(row["a"], row["b"]), (row["b"], row["a"])]
    return render(
        request,
        "network/duplicates.html",
        {
            "page": page,
            "rows": rows,
            "total": len(pairs),
            "shown": shown,
        },
    )


@login_required
@require_POST
def node_merge(request: AuthedRequest, node_id: int) -> HttpResponse:
    """Merge this node into the one posted as `into` (the one kept)."""
    into = request.POST.get("into", "")
    back = safe_next(request, reverse("node_duplicates"))
    if not into.isdigit():
        messages.error(request, "Choose whom to keep.")
        return redirect(back)
    try:
        merged = services.node_merge(owner=request.user, node_id=node_id, into_id=int(into))
    except ValidationError as exc:
        errors_to_messages(request, exc)
    else:
        moved = sum(merged.moved.values())
        links = f", with {moved} link{'s' if moved != 1 else ''} moved" if moved else ""
        messages.success(request, f"Merged into {merged.node.name}{links}.")
    return redirect(back)
