"""Coaching pages. Every coach page starts with `selectors.coach_view`, which
checks the live relationship on each request (revoking is immediate,
anything not shared is a 404) and says what the coach may see; the page
reads the coachee only through that view."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from tiewise.accounts import selectors as account_selectors
from tiewise.accounts.recent import recent_sign_in_required
from tiewise.core.mapdata import COLOR_BY
from tiewise.feedback import add_errors_to_form, errors_to_messages, form_errors_to_messages
from tiewise.http import AuthedRequest
from tiewise.insights.views import build_context
from tiewise.network import selectors as network_selectors
from tiewise.redirects import safe_next
from tiewise.throttles import limited

from . import selectors, services
from .forms import (
    AgendaForm,
    CoachFilterForm,
    CohortForm,
    CommentForm,
    IntroduceForm,
    IntroductionMadeForm,
    InvitedSignUpForm,
    InviteForm,
    RequestForm,
    SessionNoteForm,
    ShareForm,
)

if TYPE_CHECKING:
    from tiewise.accounts.models import User


def _own_nodes(user: User) -> list[tuple[int, str]]:
    """The signed-in user's own nodes, by name, for a picker."""
    names = network_selectors.node_names(user)
    return sorted(names.items(), key=lambda item: (item[1], item[0]))


# --- the coachee's side: consent ---------------------------------------------------------


@login_required
def home(request: AuthedRequest) -> HttpResponse:
    user: User = request.user
    return render(
        request,
        "coaching/home.html",
        {
            "relationships": selectors.coaches_of(user),
            "invite_form": InviteForm(initial={"share_plan": True}),
            "request_form": RequestForm(),
            "coachee_count": selectors.coachees_of(user).count(),
            "requests_sent": selectors.requests_sent_by(user),
            "introductions": selectors.introductions_for(user),
            "comments": selectors.comments_for_coachee(user),
            "shared_notes": selectors.notes_shared_with(user),
        },
    )


def _shares_private_people(request: HttpRequest) -> bool:
    return bool(request.POST.get("share_private_nodes"))


@login_required
@require_POST
@recent_sign_in_required(when=_shares_private_people)
def invite(request: AuthedRequest) -> HttpResponse:
    form = InviteForm(request.POST)
    if not form.is_valid():
        form_errors_to_messages(request, form)
        return redirect("coaching_home")
    try:
        services.invitation_create(
            coachee=request.user,
            email=form.cleaned_data["email"],
            share=form.share(),
            message=form.cleaned_data["message"],
        )
    except ValidationError as exc:
        errors_to_messages(request, exc)
    else:
        messages.success(request, f"Invitation sent to {form.cleaned_data['email']}.")
    return redirect("coaching_home")


@login_required
@require_POST
def request_to_coach(request: AuthedRequest) -> HttpResponse:
    form = RequestForm(request.POST)
    if not form.is_valid():
        form_errors_to_messages(request, form)
        return redirect("coaching_home")
    try:
        services.coaching_request(
            coach=request.user,
            email=form.cleaned_data["email"],
            message=form.cleaned_data["message"],
        )
    except ValidationError as exc:
        errors_to_messages(request, exc)
    else:
        messages.success(
            request,
            "Request sent. If they have a Tiewise account, they will see it and choose what "
            "to share with you.",
        )
    return redirect("coaching_home")


def accept(request: HttpRequest, token: str) -> HttpResponse:
    """The emailed link. Signed-out coaches sign in (or sign up) and come back."""
    rel = services.invitation_for_token(token)
    if not request.user.is_authenticated:
        return render(
            request,
            "coaching/accept_signin.html",
            {"rel": rel, "next": request.get_full_path(), "token": token},
        )
    if request.method == "POST":
        try:
            accepted = services.invitation_accept(coach=request.user, token=token)
        except PermissionDenied as exc:
            messages.error(request, str(exc))
        except ValidationError as exc:
            errors_to_messages(request, exc)
        else:
            who = accepted.coachee.display_name if accepted.coachee else "them"
            messages.success(request, f"You now coach {who}.")
            return redirect("coaching_caseload")
    user: User = request.user
    return render(
        request,
        "coaching/accept.html",
        {"rel": rel, "email_matches": user.email.lower() == rel.invited_email.lower()},
    )


@limited("email")
def accept_sign_up(request: HttpRequest, token: str) -> HttpResponse:
    """Sign up from the invitation link: the invited address is filled in and
    locked, the invitation is accepted, and the new coach lands on the caseload."""
    from allauth.account.utils import perform_login

    rel = services.invitation_for_token(token)
    if request.user.is_authenticated:
        return redirect("coaching_accept", token=token)
    form = InvitedSignUpForm(request.POST or None, initial={"email": rel.invited_email})
    if request.method == "POST" and form.is_valid():
        try:
            accepted = services.invitation_sign_up(
                token=token, password=form.cleaned_data["password1"]
            )
        except ValidationError as exc:
            add_errors_to_form(form, exc)
        else:
            who = accepted.coachee.display_name if accepted.coachee else "them"
            messages.success(request, f"Welcome to Tiewise. You now coach {who}.")
            assert accepted.coach is not None
            return perform_login(  # type: ignore[no-any-return]
                request,
                accepted.coach,
                email_verification="none",
                redirect_url=reverse("coaching_caseload"),
                signup=True,
                email=rel.invited_email,
            )
    context = {"rel": rel, "form": form, "token": token}
    return render(request, "coaching/accept_signup.html", context)


@login_required
@require_POST
def request_accept(request: AuthedRequest, rel_id: int) -> HttpResponse:
    form = ShareForm(request.POST)
    form.is_valid()
    try:
        rel = services.request_accept(
            coachee=request.user, relationship_id=rel_id, share=form.share()
        )
    except ValidationError as exc:
        errors_to_messages(request, exc)
    else:
        messages.success(request, f"{rel.coach.display_name if rel.coach else ''} now coaches you.")
    return redirect("coaching_home")


@login_required
@require_POST
def request_decline(request: AuthedRequest, rel_id: int) -> HttpResponse:
    services.request_decline(coachee=request.user, relationship_id=rel_id)
    messages.success(request, "Request declined.")
    return redirect("coaching_home")


@login_required
@require_POST
def revoke(request: AuthedRequest, rel_id: int) -> HttpResponse:
    rel = services.relationship_revoke(user=request.user, relationship_id=rel_id)
    messages.success(
        request, "Ended. Nothing more is shared." if rel.coachee_id == request.user.pk else "Ended."
    )
    return redirect("coaching_caseload" if rel.coach_id == request.user.pk else "coaching_home")


@login_required
@require_POST
def share(request: AuthedRequest, rel_id: int) -> HttpResponse:
    form = ShareForm(request.POST)
    form.is_valid()
    services.share_update(coachee=request.user, relationship_id=rel_id, share=form.share())
    messages.success(request, "Sharing updated.")
    return redirect("coaching_home")


@login_required
@require_POST
def my_comment(request: AuthedRequest) -> HttpResponse:
    """The coachee answers a comment from their own goal, prospect or action page."""
    form = CommentForm(request.POST)
    back = safe_next(request, reverse("coaching_home"))
    if not form.is_valid():
        form_errors_to_messages(request, form)
        return redirect(back)
    rel = selectors.member_relationship(request.user, request.POST.get("relationship"))
    if rel.coachee_id != request.user.pk:
        raise Http404("No such relationship")
    try:
        services.comment_create(
            user=request.user,
            rel=rel,
            kind=form.cleaned_data["item_kind"],
            item_id=form.cleaned_data["item_id"],
            body=form.cleaned_data["body"],
        )
    except ValidationError as exc:
        errors_to_messages(request, exc)
    else:
        messages.success(request, "Comment added.")
    return redirect(back)


@login_required
@require_POST
def introduction_decide(request: AuthedRequest, intro_id: int, decision: str) -> HttpResponse:
    if decision not in ("keep", "dismiss"):
        raise Http404("No such decision")
    try:
        intro = services.introduction_decide(
            coachee=request.user, introduction_id=intro_id, keep=decision == "keep"
        )
    except ValidationError as exc:
        errors_to_messages(request, exc)
    else:
        messages.success(
            request,
            f"{intro.name} is on your five-to-add list."
            if decision == "keep"
            else f"Dismissed {intro.name}.",
        )
    return redirect("coaching_home")


@login_required
def introduction_made(request: AuthedRequest) -> HttpResponse:
    """Record that you introduced two people of your network to each other."""
    nodes = _own_nodes(request.user)
    form = IntroductionMadeForm(
        request.POST or None, nodes=nodes, initial={"date": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.introduction_made(
                owner=request.user,
                source=d["source"],
                target=d["target"],
                on=d["date"],
                note=d["note"],
            )
        except ValidationError as exc:
            errors_to_messages(request, exc)
        else:
            messages.success(
                request, "Introduction recorded: they now know each other on your map."
            )
            return redirect("coaching_introduction_made")
    return render(
        request, "coaching/introduction_made.html", {"form": form, "has_nodes": len(nodes) > 1}
    )


# --- the coach's workspace ------------------------------------------------------------------


@login_required
def caseload(request: AuthedRequest) -> HttpResponse:
    user: User = request.user
    return render(
        request,
        "coaching/caseload.html",
        {
            "rows": selectors.caseload(user),
            "cohorts": selectors.cohorts_of(user),
            # A coach holds other people's networks: nudge them to a second factor.
            "two_factor_on": account_selectors.two_factor_on(user),
        },
    )


def _coachee_context(view: selectors.CoachView, section: str) -> dict[str, Any]:
    return {"view": view, "rel": view.rel, "coachee": view.coachee, "section": section}


@login_required
def coachee(request: AuthedRequest, rel_id: int) -> HttpResponse:
    view = selectors.coach_view(request.user, rel_id)
    recent = selectors.coachee_interactions(view)[:15]
    context = _coachee_context(view, "overview")
    context.update(
        row=selectors.caseload_row(view),
        interactions=[selectors.interaction_row(i) for i in recent],
        notes=selectors.notes_for_coach(view.rel)[:3],
        introduce_form=IntroduceForm(nodes=_own_nodes(request.user)),
    )
    return render(request, "coaching/coachee.html", context)


@login_required
def coachee_map(request: AuthedRequest, rel_id: int) -> HttpResponse:
    view = selectors.coach_view(request.user, rel_id)
    context = _coachee_context(view, "map")
    context.update(
        map_url=reverse("api:coachee_map", args=[view.rel.pk]),
        positions_url="",
        readonly=True,
        svg_url=reverse("coaching_map_svg", args=[view.rel.pk]),
        table_url=reverse("coaching_people", args=[view.rel.pk]),
        color_by=COLOR_BY.items(),
    )
    return render(request, "coaching/map.html", context)


@login_required
def coachee_map_svg(request: AuthedRequest, rel_id: int) -> HttpResponse:
    view = selectors.coach_view(request.user, rel_id)
    svg = selectors.coachee_map_svg(view)
    response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    if request.GET.get("download"):
        response["Content-Disposition"] = 'attachment; filename="tiewise-coachee-map.svg"'
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
    return response


#: People per page of a coachee's list, as on the owner's own.
PEOPLE_PAGE = 100


@login_required
def coachee_people(request: AuthedRequest, rel_id: int) -> HttpResponse:
    view = selectors.coach_view(request.user, rel_id)
    filters = CoachFilterForm(request.GET or None)
    active = filters.cleaned_data if filters.is_valid() else {}
    # A page at a time, counted in SQL: a coachee may have thousands.
    qs = selectors.search_people(view, active)
    page = Paginator(qs, PEOPLE_PAGE).get_page(request.GET.get("page"))
    context = _coachee_context(view, "people")
    query = urlencode({"q": active["q"]}) if active.get("q") else ""
    context.update(people=page.object_list, page=page, q=active.get("q", ""),
                   total=page.paginator.count, querystring=query)  # fmt: skip
    return render(request, "coaching/people.html", context)


@login_required
def coachee_insights(request: AuthedRequest, rel_id: int) -> HttpResponse:
    view = selectors.coach_view(request.user, rel_id)
    rep = selectors.coachee_insights(view)
    context = _coachee_context(view, "insights")
    context.update(build_context(rep, selectors.finding_names(view, rep)))
    context.update(no_node_links=True, can_plan=False)
    return render(request, "coaching/insights.html", context)


def _comments_by_item(view: selectors.CoachView) -> dict[str, dict[int, list[Any]]]:
    grouped: dict[str, dict[int, list[Any]]] = {"goal": {}, "prospect": {}, "action": {}}
    for c in selectors.comments_in(view):
        item: Any = c.item
        grouped[c.kind].setdefault(item.pk, []).append(c)
    return grouped


@login_required
def coachee_plan(request: AuthedRequest, rel_id: int) -> HttpResponse:
    view = selectors.coach_view(request.user, rel_id, plan=True)
    comments = _comments_by_item(view)

    def attach(kind: str, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
        for item in items:
            item["comments"] = comments[kind].get(item["id"], [])
        return items

    context = _coachee_context(view, "plan")
    context.update(
        goals=attach("goal", [selectors.goal_row(g) for g in selectors.coachee_goals(view)]),
        prospects=attach(
            "prospect", [selectors.prospect_row(p) for p in selectors.coachee_prospects(view)]
        ),
        actions=attach(
            "action", [selectors.action_row(a) for a in selectors.coachee_actions(view)]
        ),
    )
    return render(request, "coaching/plan.html", context)


@login_required
@require_POST
def coachee_comment(request: AuthedRequest, rel_id: int) -> HttpResponse:
    view = selectors.coach_view(request.user, rel_id, plan=True)
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            services.comment_create(
                user=request.user,
                rel=view.rel,
                kind=form.cleaned_data["item_kind"],
                item_id=form.cleaned_data["item_id"],
                body=form.cleaned_data["body"],
            )
        except ValidationError as exc:
            errors_to_messages(request, exc)
        else:
            messages.success(request, "Comment added.")
    else:
        form_errors_to_messages(request, form)
    anchor = f"#{form.data.get('item_kind', '')}-{form.data.get('item_id', '')}"
    return redirect(reverse("coaching_plan", args=[view.rel.pk]) + anchor)


@login_required
def coachee_notes(request: AuthedRequest, rel_id: int) -> HttpResponse:
    view = selectors.coach_view(request.user, rel_id)
    form = SessionNoteForm(request.POST or None, initial={"date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.session_note_create(
                rel=view.rel, body=d["body"], on=d["date"], shared=d["shared"]
            )
        except ValidationError as exc:
            errors_to_messages(request, exc)
        else:
            messages.success(request, "Note saved.")
            return redirect("coaching_notes", rel_id=view.rel.pk)
    context = _coachee_context(view, "notes")
    context.update(form=form, notes=selectors.notes_for_coach(view.rel))
    return render(request, "coaching/notes.html", context)


@login_required
@require_POST
def coachee_note_delete(request: AuthedRequest, rel_id: int, note_id: int) -> HttpResponse:
    view = selectors.coach_view(request.user, rel_id)
    services.session_note_delete(rel=view.rel, note_id=note_id)
    messages.success(request, "Note deleted.")
    return redirect("coaching_notes", rel_id=view.rel.pk)


@login_required
def coachee_agenda(request: AuthedRequest, rel_id: int) -> HttpResponse:
    view = selectors.coach_view(request.user, rel_id)
    if request.method == "POST":
        form = AgendaForm(request.POST)
        if form.is_valid():
            if request.POST.get("reset"):
                services.agenda_save(rel=view.rel, text="")
                messages.success(request, "Agenda regenerated from the latest data.")
            else:
                services.agenda_save(rel=view.rel, text=form.cleaned_data["text"])
                messages.success(request, "Agenda saved.")
            return redirect("coaching_agenda", rel_id=view.rel.pk)
    data = selectors.agenda_for(view)
    generated = selectors.agenda_text(data, coachee_name=view.coachee.display_name)
    saved = selectors.saved_agenda(view.rel)
    text = saved.text if saved and saved.text else generated
    context = _coachee_context(view, "agenda")
    context.update(
        data=data,
        form=AgendaForm(initial={"text": text}),
        text=text,
        saved=saved,
    )
    return render(request, "coaching/agenda.html", context)


@login_required
@require_POST
def introduce(request: AuthedRequest, rel_id: int) -> HttpResponse:
    view = selectors.coach_view(request.user, rel_id)
    form = IntroduceForm(request.POST, nodes=_own_nodes(request.user))
    if form.is_valid():
        try:
            intro = services.introduction_offer(
                introducer=request.user,
                rel=view.rel,
                node_id=form.cleaned_data["node"],
                why=form.cleaned_data["why"],
            )
        except ValidationError as exc:
            errors_to_messages(request, exc)
        else:
            messages.success(
                request, f"{intro.name} is suggested to {view.coachee.display_name} as a prospect."
            )
    else:
        form_errors_to_messages(request, form)
    return redirect("coaching_coachee", rel_id=view.rel.pk)


# --- cohorts -------------------------------------------------------------------------------------


def _coachee_choices(user: User) -> list[tuple[int, str]]:
    return [(v.rel.pk, v.coachee.display_name) for v in selectors.coach_views(user)]


@login_required
def cohorts(request: AuthedRequest) -> HttpResponse:
    user: User = request.user
    form = CohortForm(request.POST or None, coachees=_coachee_choices(user))
    if request.method == "POST" and form.is_valid():
        try:
            cohort = services.cohort_save(
                coach=user, name=form.cleaned_data["name"], member_ids=form.cleaned_data["members"]
            )
        except ValidationError as exc:
            errors_to_messages(request, exc)
        else:
            messages.success(request, f"Cohort “{cohort.name}” created.")
            return redirect("coaching_cohort", cohort_id=cohort.pk)
    return render(
        request, "coaching/cohorts.html", {"form": form, "cohorts": selectors.cohorts_of(user)}
    )


@login_required
def cohort(request: AuthedRequest, cohort_id: int) -> HttpResponse:
    found = selectors.cohort_for(request.user, cohort_id)
    return render(
        request,
        "coaching/cohort.html",
        {"cohort": found, "agg": selectors.cohort_aggregates(found)},
    )


@login_required
def cohort_edit(request: AuthedRequest, cohort_id: int) -> HttpResponse:
    user: User = request.user
    found = selectors.cohort_for(user, cohort_id)
    initial = {"name": found.name, "members": list(found.members.values_list("pk", flat=True))}
    form = CohortForm(request.POST or None, coachees=_coachee_choices(user), initial=initial)
    if request.method == "POST":
        if request.POST.get("delete"):
            services.cohort_delete(cohort=found)
            messages.success(request, "Cohort deleted.")
            return redirect("coaching_cohorts")
        if form.is_valid():
            try:
                services.cohort_save(
                    coach=user,
                    name=form.cleaned_data["name"],
                    member_ids=form.cleaned_data["members"],
                    cohort=found,
                )
            except ValidationError as exc:
                errors_to_messages(request, exc)
            else:
                messages.success(request, "Cohort saved.")
                return redirect("coaching_cohort", cohort_id=found.pk)
    return render(request, "coaching/cohort_edit.html", {"form": form, "cohort": found})
