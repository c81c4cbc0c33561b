"""Pages of the directory, suggestions, introductions and conference mode.
Thin: a form, one service call, a redirect. A person who is not listed, an
event or request that is not yours: 404, the same as an id nobody has."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from tiewise.core.errors import Conflict
from tiewise.feedback import add_errors_to_form, errors_to_messages, form_errors_to_messages
from tiewise.http import AuthedRequest
from tiewise.network import selectors as network_selectors
from tiewise.throttles import limited

from . import selectors, services
from .forms import ConnectForm, EventForm, ListingForm, MetForm, SearchForm

if TYPE_CHECKING:
    from tiewise.accounts.models import User

PAGE = 30


def _strong_with_email(user: User) -> list[tuple[int, str]]:
    nodes = (
        network_selectors.node_queryset(user)
        .filter(tie__strength="strong", kind="person")
        .exclude(email="")
        .order_by("name")
    )
    return [(n.pk, n.name) for n in nodes]


@login_required
def directory(request: AuthedRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    people = selectors.search_directory(**{k: v or "" for k, v in filters.items()})
    context = {
        "form": form,
        "people": people[:PAGE],
        "more": people[PAGE : PAGE + 1].exists(),
        "own": selectors.listing_for(request.user),
        "waiting": selectors.open_requests_count(request.user),
    }
    if request.headers.get("HX-Request"):
        return render(request, "directory/_results.html", context)
    return render(request, "directory/directory.html", context)


@login_required
def me(request: AuthedRequest) -> HttpResponse:
    current = selectors.listing_own_dict(request.user)
    if request.method == "POST":
        form = ListingForm(request.POST)
        if form.is_valid():
            try:
                services.listing_save(user=request.user, data=form.data_for_service())
            except ValidationError as exc:
                add_errors_to_form(form, exc)
            else:
                messages.success(
                    request,
                    "You are listed in the directory." if form.cleaned_data["listed"]
                    else "Saved. You are not listed: nobody finds you in the directory.",
                )  # fmt: skip
                return redirect("directory_me")
    else:
        form = ListingForm(initial={**current, "topics": ", ".join(current["topics"])})
    return render(request, "directory/me.html", {"form": form, "current": current})


@login_required
def person(request: AuthedRequest, user_id: int) -> HttpResponse:
    listing = selectors.listed_person(user_id)
    form = ConnectForm(strong=_strong_with_email(request.user))
    return render(
        request,
        "directory/person.html",
        {"listing": listing, "name": selectors.listing_name(listing), "form": form,
         "is_me": listing.user_id == request.user.pk},
    )  # fmt: skip


@login_required
@require_POST
@limited("contact")
def connect(request: AuthedRequest, user_id: int) -> HttpResponse:
    listing = selectors.listed_person(user_id)
    form = ConnectForm(request.POST, strong=_strong_with_email(request.user))
    if not form.is_valid():
        form_errors_to_messages(request, form)
        return redirect("directory_person", user_id=listing.user_id)
    try:
        c = services.connection_request(
            requester=request.user, to_user=listing.user_id,
            message=form.cleaned_data["message"], via=form.cleaned_data["via"],
        )  # fmt: skip
    except ValidationError as exc:
        errors_to_messages(request, exc)
        return redirect("directory_person", user_id=listing.user_id)
    except Conflict as exc:
        messages.error(request, str(exc))
        return redirect("directory_person", user_id=listing.user_id)
    if c.status == "asked":
        messages.success(request, f"We asked {c.introducer_name} to introduce you.")
    else:
        messages.success(request, f"Request sent to {selectors.listing_name(listing)}.")
    return redirect("directory_connections")


@login_required
def suggestions(request: AuthedRequest) -> HttpResponse:
    return render(
        request,
        "directory/suggestions.html",
        {"suggestions": selectors.suggestions_for(request.user),
         "own": selectors.listing_for(request.user)},
    )  # fmt: skip


@login_required
@require_POST
def suggestion_add(request: AuthedRequest) -> HttpResponse:
    kind = request.POST.get("kind", "")
    try:
        p = services.suggestion_to_prospect(
            owner=request.user, kind=kind, item_id=request.POST.get("id")
        )
    except ValidationError as exc:
        errors_to_messages(request, exc)
    else:
        messages.success(request, f"{p.name} is now one of your five to add.")
    return redirect("directory_suggestions")


@login_required
def connections(request: AuthedRequest) -> HttpResponse:
    user = request.user
    rows = [(c, selectors.connection_dict(c, user)) for c in selectors.connections_of(user)[:200]]
    return render(
        request,
        "directory/connections.html",
        {"waiting": [d for _, d in rows if d["awaiting_you"]],
         "others": [d for _, d in rows if not d["awaiting_you"]]},
    )  # fmt: skip


@login_required
@require_POST
def connection_answer(request: AuthedRequest, connection_id: int, decision: str) -> HttpResponse:
    if decision not in ("accept", "decline"):
        from django.http import Http404

        raise Http404
    c = services.connection_answer(
        user=request.user, connection_id=connection_id, accept=decision == "accept"
    )
    words = {
        "pending": "Introduction passed on.",
        "accepted": "Connected: you now have each "
        "other in your networks, with a follow-up in two weeks.",
        "declined": "Declined.",
    }
    messages.success(request, words[c.status])
    return redirect("directory_connections")


@login_required
def coach_fits(request: AuthedRequest, rel_id: int) -> HttpResponse:
    view, fits = selectors.coach_fits(request.user, rel_id)
    return render(
        request, "directory/coach_fits.html", {"view": view, "rel": view.rel, "fits": fits}
    )


# --- the card -----------------------------------------------------------------------------


@login_required
def my_card(request: AuthedRequest) -> HttpResponse:
    return render(
        request,
        "directory/card.html",
        {"card": selectors.card_for(request.user), "own": selectors.listing_for(request.user)},
    )


def card_public(request: HttpRequest, key: str) -> HttpResponse:
    listing = selectors.public_card(key)
    user = request.user
    signed_in = user.is_authenticated
    return render(
        request,
        "directory/card_public.html",
        {"card": selectors.card_of_listing(listing), "key": listing.card_key,
         "is_me": signed_in and listing.user_id == user.pk,
         "events": selectors.current_events(user) if signed_in else []},  # type: ignore[arg-type]
    )  # fmt: skip


@login_required
@require_POST
def card_add(request: AuthedRequest, key: str) -> HttpResponse:
    event_id = request.POST.get("event") or None
    event = selectors.get_event_for(request.user, event_id) if event_id else None
    try:
        node = services.card_add(user=request.user, key=key, event=event)
    except ValidationError as exc:
        errors_to_messages(request, exc)
        return redirect("card_public", key=key)
    messages.success(request, f"{node.name} is in your network.")
    return redirect(event.get_absolute_url() if event else node.get_absolute_url())


# --- events -------------------------------------------------------------------------------


@login_required
def events(request: AuthedRequest) -> HttpResponse:
    if request.method == "POST":
        form = EventForm(request.POST)
        if form.is_valid():
            try:
                e = services.event_create(owner=request.user, data=form.cleaned_data)
            except ValidationError as exc:
                add_errors_to_form(form, exc)
            else:
                return redirect(e.get_absolute_url())
    else:
        form = EventForm()
    return render(
        request,
        "directory/events.html",
        {"form": form, "events": selectors.event_queryset(request.user)[:100]},
    )


def _event_context(event: Any, form: MetForm) -> dict[str, Any]:
    met = list(selectors.met_at(event))
    return {"event": event, "met": met, "form": form,
            "owed": [m for m in met if selectors.followup_owed(m)]}  # fmt: skip


@login_required
def event_detail(request: AuthedRequest, event_id: int) -> HttpResponse:
    event = selectors.get_event_for(request.user, event_id)
    return render(request, "directory/event.html", _event_context(event, MetForm()))


@login_required
@require_POST
def event_met(request: AuthedRequest, event_id: int) -> HttpResponse:
    event = selectors.get_event_for(request.user, event_id)
    form = MetForm(request.POST)
    status = 200
    if form.is_valid():
        try:
            m = services.event_met(owner=request.user, event=event, line=form.cleaned_data["line"])
        except ValidationError as exc:
            add_errors_to_form(form, exc)
            status = 422
        else:
            form = MetForm()
            if not request.headers.get("HX-Request"):
                messages.success(request, f"{m.node.name if m.node else m.line} added.")
                return redirect(event.get_absolute_url())
    else:
        status = 422
    template = (
        "directory/_met.html" if request.headers.get("HX-Request") else "directory/event.html"
    )
    # htmx swaps 200s only: errors come back as 200 with the form's errors shown.
    if request.headers.get("HX-Request"):
        status = 200
    return render(request, template, _event_context(event, form), status=status)
