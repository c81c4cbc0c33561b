"""Keep-in-touch pages. Thin: an access helper, a form, one service call."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from tiewise.core.cadence import BUILTIN_DEFAULTS, GRACE_DAYS, SOON_MAX_DAYS
from tiewise.core.phi import phi_message
from tiewise.core.snapshots import diff_snapshots
from tiewise.core.vocab import AREAS
from tiewise.feedback import add_errors_to_form, errors_to_messages, form_errors_to_messages
from tiewise.http import AuthedRequest
from tiewise.network import selectors as network_selectors
from tiewise.network.selectors import get_node_for
from tiewise.redirects import safe_next

from . import feeds, selectors, services
from .forms import CadenceForm, InteractionForm, LogLineForm, ReminderForm, SnapshotForm

if TYPE_CHECKING:
    from tiewise.accounts.models import User


def _node_choices(owner: User) -> list[tuple[int, str]]:
    names = network_selectors.node_names(owner)
    return sorted(names.items(), key=lambda pair: (pair[1].casefold(), pair[0]))


def _logged(request: HttpRequest, interaction: Any) -> None:
    names = ", ".join(n.name for n in interaction.nodes.all())
    messages.success(
        request,
        f"Logged {interaction.get_kind_display().lower()} with {names} "
        f"({interaction.get_channel_display().lower()}, {interaction.date:%-d %b %Y}).",
    )
    found = list(interaction.phi_flags)
    if found:
        # The browser asked before saving; this covers scripts and no-JS use.
        messages.warning(request, phi_message(found) + " You can edit the note.")


@login_required
def log(request: AuthedRequest) -> HttpResponse:
    """The global log form: several nodes at once, or one typed line."""
    choices = _node_choices(request.user)
    initial: dict[str, Any] = {}
    preset = request.GET.get("node", "")
    if preset.isdigit():
        node = get_node_for(request.user, preset)
        initial["nodes"] = [node.pk]
    form = InteractionForm(request.POST or None, node_choices=choices, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            interaction = services.interaction_create(owner=request.user, data=form.cleaned_data)
        except ValidationError as exc:
            add_errors_to_form(form, exc)
        else:
            _logged(request, interaction)
            return redirect(safe_next(request, reverse("upkeep_due")))
    return render(
        request,
        "upkeep/log.html",
        {"form": form, "line_form": LogLineForm(), "has_nodes": bool(choices),
         "next": safe_next(request, "")},
    )  # fmt: skip


@login_required
@require_POST
def log_line(request: AuthedRequest) -> HttpResponse:
    form = LogLineForm(request.POST)
    back = safe_next(request, reverse("upkeep_log"))
    if not form.is_valid():
        messages.error(request, "Type what happened, e.g. “coffee with Jane today”.")
        return redirect(back)
    try:
        interaction = services.interaction_log_line(
            owner=request.user, line=form.cleaned_data["line"]
        )
    except ValidationError as exc:
        errors_to_messages(request, exc)
    else:
        _logged(request, interaction)
    return redirect(back)


@login_required
@require_POST
def node_log(request: AuthedRequest, node_id: int) -> HttpResponse:
    """The compact form on the node page."""
    node = get_node_for(request.user, node_id)
    form = InteractionForm(request.POST, single_node=node.pk)
    back = node.get_absolute_url() + "#log"
    if not form.is_valid():
        form_errors_to_messages(request, form)
        return redirect(back)
    try:
        interaction = services.interaction_create(
            owner=request.user, data={**form.cleaned_data, "nodes": [node.pk]}
        )
    except ValidationError as exc:
        errors_to_messages(request, exc)
    else:
        _logged(request, interaction)
    return redirect(back)


@login_required
@require_POST
def quick_log(request: AuthedRequest, node_id: int) -> HttpResponse:
    node = get_node_for(request.user, node_id)
    interaction = services.interaction_quick_log(owner=request.user, node=node)
    _logged(request, interaction)
    return redirect(safe_next(request, reverse("upkeep_due")))


@login_required
@require_POST
def reminder(request: AuthedRequest, node_id: int) -> HttpResponse:
    node = get_node_for(request.user, node_id)
    action = request.POST.get("action", "")
    back = safe_next(request, node.get_absolute_url() + "#log")
    try:
        if action == "snooze":
            form = ReminderForm(request.POST)
            until = form.cleaned_data.get("snoozed_until") if form.is_valid() else None
            if until is None:
                raise ValidationError({"snoozed_until": ["Choose a date to snooze until."]})
            services.tie_reminder_set(node=node, snoozed_until=until)
            messages.success(request, f"No reminders for {node.name} until {until:%-d %b %Y}.")
        elif action == "never":
            services.tie_reminder_set(node=node, never=True)
            messages.success(request, f"You will not be reminded about {node.name}.")
        elif action == "resume":
            services.tie_reminder_clear(node=node)
            messages.success(request, f"Reminders for {node.name} are back on.")
        elif action == "track":
            services.tie_reminder_set(node=node, tracked=True)
            messages.success(request, f"Keeping in touch with {node.name}: the clock starts today.")
        elif action == "untrack":
            services.tie_reminder_set(node=node, tracked=False)
            messages.success(request, f"No longer keeping track of {node.name}.")
        else:
            messages.error(request, "Choose keep in touch, snooze, never remind or resume.")
    except ValidationError as exc:
        errors_to_messages(request, exc)
    return redirect(back)


@login_required
def interaction_edit(request: AuthedRequest, interaction_id: int) -> HttpResponse:
    interaction = selectors.get_interaction_for(request.user, interaction_id)
    initial = selectors.interaction_dict(interaction)
    form = InteractionForm(
        request.POST or None, node_choices=_node_choices(request.user), initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.interaction_update(interaction=interaction, data=form.cleaned_data)
        except ValidationError as exc:
            add_errors_to_form(form, exc)
        else:
            messages.success(request, "Interaction saved.")
            return redirect(safe_next(request, reverse("upkeep_overview")))
    return render(
        request,
        "upkeep/interaction_form.html",
        {"form": form, "interaction": interaction, "next": safe_next(request, "")},
    )


@login_required
@require_POST
def interaction_delete(request: AuthedRequest, interaction_id: int) -> HttpResponse:
    interaction = selectors.get_interaction_for(request.user, interaction_id)
    services.interaction_delete(interaction=interaction)
    messages.success(request, "Interaction deleted.")
    return redirect(safe_next(request, reverse("upkeep_overview")))


@login_required
def due(request: AuthedRequest) -> HttpResponse:
    """Who to reach out to this week, and overdue actions."""
    items = selectors.due_items(request.user)
    return render(
        request,
        "upkeep/due.html",
        {
            "items": items,
            "line_form": LogLineForm(),
            "grace": GRACE_DAYS,
            "soon_max": SOON_MAX_DAYS,
            "counts": {
                s: sum(1 for i in items if i.status == s) for s in ("overdue", "due", "soon")
            },
        },
    )


@login_required
def overview(request: AuthedRequest) -> HttpResponse:
    """Reciprocity, one-way ties, lapsed ties and recent interactions."""
    data = selectors.overview(request.user)
    recent = list(selectors.interaction_queryset(request.user)[:30])
    return render(request, "upkeep/overview.html", {"o": data, "recent": recent})


@login_required
def cadence_settings(request: AuthedRequest) -> HttpResponse:
    prefs = selectors.settings_for(request.user)
    initial = {
        f: getattr(prefs, f)
        for f in ("strong_key_days", "strong_days", "weak_days", "feed_days", "digest_opt_in")
    }
    form = CadenceForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.upkeep_settings_update(owner=request.user, data=form.cleaned_data)
        except ValidationError as exc:
            errors_to_messages(request, exc)
        else:
            messages.success(request, "Keep-in-touch settings saved.")
            return redirect("upkeep_cadence")
    feed_url = settings.SITE_URL + reverse("upkeep_feed", args=[selectors.feed_token(request.user)])
    return render(
        request,
        "upkeep/cadence.html",
        {"form": form, "feed_url": feed_url, "builtins": BUILTIN_DEFAULTS, "grace": GRACE_DAYS},
    )


@login_required
@require_POST
def feed_revoke(request: AuthedRequest) -> HttpResponse:
    services.feed_revoke(owner=request.user)
    messages.success(request, "The old calendar link no longer works. Subscribe to the new one.")
    return redirect(reverse("upkeep_cadence") + "#calendar")


def feed(request: HttpRequest, token: str) -> HttpResponse:
    """The private iCalendar feed: the token is the credential (no login)."""
    owner = selectors.owner_for_feed_token(token)
    body = feeds.calendar_for(owner)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="tiewise.ics"'
    response["Cache-Control"] = "private, max-age=900"
    return response


@login_required
def snapshots(request: AuthedRequest) -> HttpResponse:
    form = SnapshotForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        snap = services.snapshot_take(
            owner=request.user, kind="manual", label=form.cleaned_data["label"]
        )
        messages.success(request, f"Snapshot “{snap.title}” taken.")
        return redirect("upkeep_snapshots")
    items = [
        selectors.snapshot_dict(s) | {"obj": s} for s in selectors.snapshot_queryset(request.user)
    ]
    return render(request, "upkeep/snapshots.html", {"form": form, "snapshots": items})


@login_required
def snapshot_diff(request: AuthedRequest, snapshot_id: int) -> HttpResponse:
    """What changed since a snapshot (up to now)."""
    snap = selectors.get_snapshot_for(request.user, snapshot_id)
    diff = diff_snapshots(snap.data or {}, selectors.pln_state(request.user))
    return render(
        request, "upkeep/snapshot_diff.html", {"snap": snap, "diff": diff, "areas": AREAS}
    )


@login_required
@require_POST
def snapshot_delete(request: AuthedRequest, snapshot_id: int) -> HttpResponse:
    snap = selectors.get_snapshot_for(request.user, snapshot_id)
    services.snapshot_delete(snapshot=snap)
    messages.success(request, "Snapshot deleted.")
    return redirect("upkeep_snapshots")
