"""Plan pages: goals, five to add, the action plan, the reflection and the
worksheet. Views stay thin: an access helper, a form, one service call."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from tiewise.core.actions import prefill
from tiewise.core.goals import goal_issues
from tiewise.core.strategies import STRATEGIES, STRATEGIES_BY_KEY
from tiewise.core.vocab import ACTION_STATUSES, PROSPECT_STATUSES
from tiewise.feedback import add_errors_to_form
from tiewise.http import AuthedRequest
from tiewise.jobs.services import job_submit
from tiewise.network import selectors as network_selectors
from tiewise.redirects import safe_next
from tiewise.throttles import limited

from . import selectors, services
from .forms import ActionForm, GoalForm, ProspectForm, ProspectStatusForm, ReflectionForm
from .jobs import pdf_cache_key
from .worksheet import page_size, worksheet_context, worksheet_pdf

if TYPE_CHECKING:
    from tiewise.accounts.models import User


def _node_options(owner: User, *, absent_only: bool = False) -> list[tuple[int, str]]:
    ids = network_selectors.ids_with_strength(owner, "absent") if absent_only else None
    names = network_selectors.node_names(owner, ids)
    return sorted(names.items(), key=lambda pair: (pair[1].casefold(), pair[0]))


def _goal_options(owner: User) -> list[tuple[Any, str]]:
    goals = selectors.goal_queryset(owner).values_list("pk", "title")
    return [("", "—"), *goals]


def _warn_goal_issues(request: HttpRequest, data: dict[str, Any]) -> None:
    for issue in goal_issues(data, today=timezone.localdate()):
        messages.warning(request, issue)


# Overview ---------------------------------------------------------------------


@login_required
def plan(request: AuthedRequest) -> HttpResponse:
    overview = selectors.plan_overview(request.user)
    return render(request, "planning/plan.html", {"plan": overview, "strategies": STRATEGIES})


# Goals ------------------------------------------------------------------------


def _goal_form(request: AuthedRequest, initial: dict[str, Any] | None = None) -> GoalForm:
    form = GoalForm(request.POST or None, initial=initial)
    form.set_node_choices("nodes", _node_options(request.user))
    return form


@login_required
def goal_new(request: AuthedRequest) -> HttpResponse:
    form = _goal_form(request)
    if request.method == "POST" and form.is_valid():
        try:
            goal = services.goal_create(owner=request.user, data=form.cleaned_data)
        except ValidationError as exc:
            add_errors_to_form(form, exc)
        else:
            messages.success(request, f"Goal added: {goal.title}.")
            _warn_goal_issues(request, form.cleaned_data)
            if "another" in request.POST:
                url = reverse("goal_new")
                nxt = request.GET.get("next", "")
                return redirect(f"{url}?next={quote(nxt)}" if nxt else url)
            if request.GET.get("next"):
                return _back(request, goal.get_absolute_url())
            return redirect(goal.get_absolute_url())
    return render(request, "planning/goal_form.html", {"form": form, "goal": None})


@login_required
def goal_detail(request: AuthedRequest, goal_id: int) -> HttpResponse:
    goal = selectors.get_goal_for(request.user, goal_id)
    return render(
        request,
        "planning/goal_detail.html",
        {
            "goal": goal,
            "issues": selectors.issues_of(goal),
            "prospects": goal.prospects.all(),
            "actions": goal.actions.all(),
        },
    )


@login_required
def goal_edit(request: AuthedRequest, goal_id: int) -> HttpResponse:
    goal = selectors.get_goal_for(request.user, goal_id)
    initial = {f: getattr(goal, f) for f in services.GOAL_FIELDS}
    initial["nodes"] = [n.pk for n in goal.nodes.all()]
    form = _goal_form(request, initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.goal_update(goal=goal, data=form.cleaned_data)
        except ValidationError as exc:
            add_errors_to_form(form, exc)
        else:
            messages.success(request, "Goal saved.")
            _warn_goal_issues(request, form.cleaned_data)
            return redirect(goal.get_absolute_url())
    return render(request, "planning/goal_form.html", {"form": form, "goal": goal})


@login_required
def goal_delete(request: AuthedRequest, goal_id: int) -> HttpResponse:
    goal = selectors.get_goal_for(request.user, goal_id)
    if request.method == "POST":
        services.goal_delete(goal=goal)
        messages.success(request, f"Deleted the goal “{goal.title}”.")
        return redirect("plan")
    return render(request, "planning/confirm_delete.html", {"thing": goal, "kind": "goal"})


# Prospects --------------------------------------------------------------------


def _prospect_form(
    request: AuthedRequest, initial: dict[str, Any] | None = None, current: Any = None
) -> ProspectForm:
    form = ProspectForm(request.POST or None, initial=initial)
    taken = set(
        selectors.prospect_queryset(request.user)
        .exclude(node=None)
        .values_list("node_id", flat=True)
    )
    options = [
        (pk, name)
        for pk, name in _node_options(request.user, absent_only=True)
        if pk not in taken or pk == current
    ]
    if current and current not in {pk for pk, _ in options}:
        options.extend(network_selectors.node_names(request.user, [current]).items())
    form.set_node_choices("node", [("", "—"), *options])
    form.set_node_choices("goal", _goal_options(request.user))
    return form


@login_required
def prospect_list(request: AuthedRequest) -> HttpResponse:
    overview = selectors.plan_overview(request.user)
    return render(request, "planning/prospect_list.html", {"plan": overview})


@login_required
def prospect_new(request: AuthedRequest) -> HttpResponse:
    initial = {}
    if request.GET.get("node", "").isdigit():
        initial["node"] = int(request.GET["node"])
    if request.GET.get("goal", "").isdigit():
        initial["goal"] = int(request.GET["goal"])
    form = _prospect_form(request, initial)
    if request.method == "POST" and form.is_valid():
        try:
            prospect = services.prospect_create(owner=request.user, data=form.cleaned_data)
        except ValidationError as exc:
            add_errors_to_form(form, exc)
        else:
            messages.success(request, f"{prospect.name} is on your five-to-add list.")
            return redirect(prospect.get_absolute_url())
    return render(request, "planning/prospect_form.html", {"form": form, "prospect": None})


@login_required
def prospect_detail(request: AuthedRequest, prospect_id: int) -> HttpResponse:
    prospect = selectors.get_prospect_for(request.user, prospect_id)
    return render(
        request,
        "planning/prospect_detail.html",
        {
            "prospect": prospect,
            "introducers": selectors.introducers_for(prospect),
            "statuses": [(k, v) for k, v in PROSPECT_STATUSES.items() if k != prospect.status],
            "status_form": ProspectStatusForm(),
        },
    )


@login_required
def prospect_edit(request: AuthedRequest, prospect_id: int) -> HttpResponse:
    prospect = selectors.get_prospect_for(request.user, prospect_id)
    initial = {f: getattr(prospect, f) for f in services.PROSPECT_FIELDS}
    initial.update(node=prospect.node_id, goal=prospect.goal_id)
    form = _prospect_form(request, initial, current=prospect.node_id)
    if request.method == "POST" and form.is_valid():
        try:
            services.prospect_update(prospect=prospect, data=form.cleaned_data)
        except ValidationError as exc:
            add_errors_to_form(form, exc)
        else:
            messages.success(request, "Saved.")
            return redirect(prospect.get_absolute_url())
    return render(request, "planning/prospect_form.html", {"form": form, "prospect": prospect})


@login_required
@require_POST
def prospect_status(request: AuthedRequest, prospect_id: int) -> HttpResponse:
    prospect = selectors.get_prospect_for(request.user, prospect_id)
    form = ProspectStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose a status.")
        return redirect(prospect.get_absolute_url())
    status = form.cleaned_data["status"]
    prospect = services.prospect_set_status(
        prospect=prospect, status=status, note=form.cleaned_data["note"]
    )
    if status == "connected":
        messages.success(request, f"{prospect.name} is now a weak tie in your network. Well done.")
    else:
        messages.success(request, f"{prospect.name}: {PROSPECT_STATUSES[status].lower()}.")
    return redirect(prospect.get_absolute_url())


@login_required
def prospect_delete(request: AuthedRequest, prospect_id: int) -> HttpResponse:
    prospect = selectors.get_prospect_for(request.user, prospect_id)
    if request.method == "POST":
        services.prospect_delete(prospect=prospect)
        messages.success(request, f"Removed {prospect.name} from your five-to-add list.")
        return redirect("prospect_list")
    return render(request, "planning/confirm_delete.html", {"thing": prospect, "kind": "prospect"})


# Actions ----------------------------------------------------------------------


def _action_form(request: AuthedRequest, initial: dict[str, Any] | None = None) -> ActionForm:
    form = ActionForm(request.POST or None, initial=initial)
    form.set_node_choices("nodes", _node_options(request.user))
    form.set_node_choices("goal", _goal_options(request.user))
    return form


def _action_context(form: ActionForm, action: Any) -> dict[str, Any]:
    today = timezone.localdate()
    # Each option carries the due date its strategy suggests, so the page
    # script copies the server's rule instead of repeating it.
    strategies = [
        {
            "key": s.key,
            "title": s.title,
            "description": s.description,
            "template_action": s.template_action,
            "due_date": prefill(s.key, today=today)[1],
        }
        for s in STRATEGIES
    ]
    return {"form": form, "action": action, "strategies": strategies}


@login_required
def action_list(request: AuthedRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    qs = selectors.actions_in_plan_order(request.user)
    if status in ACTION_STATUSES:
        qs = qs.filter(status=status)
    else:
        status = ""
    return render(
        request,
        "planning/action_list.html",
        {
            "actions": qs,
            "status": status,
            "statuses": ACTION_STATUSES,
            "today": timezone.localdate(),
            "overdue_count": selectors.overdue_actions(request.user).count(),
        },
    )


@login_required
def action_overdue(request: AuthedRequest) -> HttpResponse:
    return render(
        request,
        "planning/action_overdue.html",
        {"actions": selectors.overdue_actions(request.user), "today": timezone.localdate()},
    )


@login_required
def action_new(request: AuthedRequest) -> HttpResponse:
    initial: dict[str, Any] = {}
    key = request.GET.get("strategy", "")
    if key in STRATEGIES_BY_KEY:
        title, due = prefill(key, today=timezone.localdate())
        initial.update(strategy=key, title=title, due_date=due)
    if request.GET.get("goal", "").isdigit():
        initial["goal"] = int(request.GET["goal"])
    # ?node=1&node=2: an insight's "Add action" passes every node it names.
    node_ids = [int(n) for n in request.GET.getlist("node") if n.isdigit()]
    if node_ids:
        initial["nodes"] = node_ids
    form = _action_form(request, initial)
    if request.method == "POST" and form.is_valid():
        try:
            action = services.action_create(owner=request.user, data=form.cleaned_data)
        except ValidationError as exc:
            add_errors_to_form(form, exc)
        else:
            messages.success(request, f"Action added: {action.title}.")
            return redirect("action_list")
    return render(request, "planning/action_form.html", _action_context(form, None))


@login_required
def action_edit(request: AuthedRequest, action_id: int) -> HttpResponse:
    action = selectors.get_action_for(request.user, action_id)
    initial = {f: getattr(action, f) for f in services.ACTION_FIELDS}
    initial.update(goal=action.goal_id, nodes=[n.pk for n in action.nodes.all()])
    form = _action_form(request, initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.action_update(action=action, data=form.cleaned_data)
        except ValidationError as exc:
            add_errors_to_form(form, exc)
        else:
            messages.success(request, "Action saved.")
            return redirect("action_list")
    return render(request, "planning/action_form.html", _action_context(form, action))


@login_required
@require_POST
def action_status(request: AuthedRequest, action_id: int) -> HttpResponse:
    action = selectors.get_action_for(request.user, action_id)
    status = request.POST.get("status", "")
    try:
        services.action_set_status(action=action, status=status)
    except ValidationError:
        messages.error(request, "Choose a status.")
    else:
        messages.success(request, f"“{action.title}”: {ACTION_STATUSES[status].lower()}.")
    return redirect(safe_next(request, reverse("action_list")))


@login_required
def action_delete(request: AuthedRequest, action_id: int) -> HttpResponse:
    action = selectors.get_action_for(request.user, action_id)
    if request.method == "POST":
        services.action_delete(action=action)
        messages.success(request, f"Deleted the action “{action.title}”.")
        return redirect("action_list")
    return render(request, "planning/confirm_delete.html", {"thing": action, "kind": "action"})


# Reflection -------------------------------------------------------------------


@login_required
def reflection(request: AuthedRequest) -> HttpResponse:
    current = selectors.reflection_dict(selectors.reflection_for(request.user))
    form = ReflectionForm(request.POST or None, initial=current)
    if request.method == "POST" and form.is_valid():
        try:
            services.reflection_save(owner=request.user, data=form.cleaned_data)
        except ValidationError as exc:
            add_errors_to_form(form, exc)
        else:
            messages.success(request, "Reflection saved.")
            return redirect("plan")
    return render(request, "planning/reflection.html", {"form": form})


# Worksheet --------------------------------------------------------------------


@login_required
def worksheet(request: AuthedRequest) -> HttpResponse:
    context = worksheet_context(request.user)
    context["layout"] = "base.html"
    return render(request, "planning/worksheet.html", context)


#: Up to this many nodes the PDF renders while the owner waits (about a
#: second); a bigger PLN's worksheet is made by the worker.
PDF_IN_REQUEST_NODES = 400


@login_required
@limited("expensive")
def worksheet_download(request: AuthedRequest) -> HttpResponse:
    try:
        size = page_size(request.GET.get("size"))
    except ValueError:
        raise Http404("Unknown paper size") from None
    key = pdf_cache_key(request.user, size)
    pdf = cache.get(key)
    if pdf is None:
        if network_selectors.node_count(request.user) > PDF_IN_REQUEST_NODES:
            job = job_submit(owner=request.user, kind="worksheet_pdf", params={"size": size})
            return redirect(job.get_absolute_url())
        pdf = worksheet_pdf(request.user, size)
        cache.set(key, pdf, timeout=24 * 3600)
    response = HttpResponse(pdf, content_type="application/pdf")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'inline; filename="tiewise-worksheet-{stamp}.pdf"'
    return response


# Fast paths -------------------------------------------------------------------


def _first_error(exc: ValidationError) -> str:
    return "; ".join(exc.messages)


def _back(request: HttpRequest, default: str) -> HttpResponse:
    """Return to the page the form was on (a local path only), so a busy
    user stays where she was working."""
    # `default` may be a URL name or a path: redirect() takes either.
    return redirect(safe_next(request, "") or default)


@login_required
@require_POST
def prospects_quick(request: AuthedRequest) -> HttpResponse:
    goal = request.POST.get("goal", "")
    try:
        created = services.prospects_quick_add(
            owner=request.user,
            text=request.POST.get("lines", ""),
            goal=int(goal) if goal.isdigit() else None,
        )
    except ValidationError as exc:
        messages.error(request, _first_error(exc))
    else:
        names = ", ".join(p.name for p in created)
        messages.success(request, f"Added to your five to add: {names}.")
    return _back(request, "prospect_list")


@login_required
@require_POST
def actions_from_strategies(request: AuthedRequest) -> HttpResponse:
    goal = request.POST.get("goal", "")
    try:
        created = services.actions_from_strategies(
            owner=request.user,
            keys=request.POST.getlist("strategies"),
            goal=int(goal) if goal.isdigit() else None,
        )
    except ValidationError as exc:
        messages.error(request, _first_error(exc))
    else:
        messages.success(
            request,
            f"{len(created)} action{'s' if len(created) != 1 else ''} added to your plan, "
            "with due dates you can change.",
        )
    return _back(request, "action_list")
