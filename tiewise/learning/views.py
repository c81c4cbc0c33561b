"""Learning pages: skills and growth areas, questions to the network,
resources given and received, journal clubs, and the coach's read-only
view. Views stay thin: an access helper, one service call, a redirect."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from tiewise.coaching import selectors as coaching_selectors
from tiewise.core.errors import Conflict
from tiewise.core.phi import phi_message
from tiewise.core.vocab import (
    QUESTION_KINDS,
    RESOURCE_DIRECTIONS,
    RESOURCE_KINDS,
    SKILL_KINDS,
    SKILL_LEVELS,
    SKILL_SUGGESTIONS,
    SOURCE_KINDS,
)
from tiewise.http import AuthedRequest
from tiewise.network import selectors as network_selectors
from tiewise.planning import selectors as planning_selectors

from . import selectors, services

#: What the error messages call each field.
FIELD_LABELS = {
    "name": "Skill", "kind": "Kind", "level": "Current level", "target": "Target level",
    "text": "Text", "asked": "People asked", "node": "Who", "references": "References",
    "source": "Source", "agrees": "Agrees", "status": "Status", "title": "Title",
    "url": "Link", "pmid": "PMID", "doi": "DOI", "people": "People", "direction": "Direction",
    "email": "Email", "date": "Date", "member": "Member", "note": "Note", "body": "Comment",
}  # fmt: skip


def _fail(request: HttpRequest, exc: ValidationError | Conflict) -> None:
    if isinstance(exc, Conflict):
        messages.error(request, str(exc))
        return
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            for error in errors:
                messages.error(request, f"{FIELD_LABELS.get(field, field)}: {error}")
    else:
        for error in exc.messages:
            messages.error(request, error)


def _warn(request: HttpRequest, flags: list[str]) -> None:
    if flags:
        messages.warning(request, phi_message(flags))


def _ids(request: HttpRequest, name: str) -> list[str]:
    return [v for v in request.POST.getlist(name) if v]


def _people(user: Any) -> list[tuple[int, str]]:
    names = network_selectors.node_names(user)
    return sorted(names.items(), key=lambda pair: (pair[1].casefold(), pair[0]))


def _choices() -> dict[str, Any]:
    return {
        "skill_kinds": SKILL_KINDS, "levels": SKILL_LEVELS, "suggestions": SKILL_SUGGESTIONS,
        "question_kinds": QUESTION_KINDS, "source_kinds": SOURCE_KINDS,
        "resource_kinds": RESOURCE_KINDS, "resource_directions": RESOURCE_DIRECTIONS,
    }  # fmt: skip


# --- overview and skills --------------------------------------------------------


@login_required
def learning(request: AuthedRequest) -> HttpResponse:
    ctx = {
        "o": selectors.overview(request.user),
        "goals": planning_selectors.goal_queryset(request.user).filter(status="active"),
        **_choices(),
    }
    return render(request, "learning/learning.html", ctx)


def _skill_data(request: HttpRequest) -> dict[str, Any]:
    return {
        "name": request.POST.get("name", ""), "kind": request.POST.get("kind", "growth"),
        "level": request.POST.get("level"), "target": request.POST.get("target"),
        "goal": request.POST.get("goal") or None, "note": request.POST.get("note", ""),
    }  # fmt: skip


@login_required
@require_POST
def skill_new(request: AuthedRequest) -> HttpResponse:
    try:
        skill = services.skill_create(owner=request.user, data=_skill_data(request))
    except ValidationError as exc:
        _fail(request, exc)
    else:
        _warn(request, skill.phi_flags)
        messages.success(request, f"Added {skill.name}.")
    return redirect("/learning/#skills")


@login_required
def skill_edit(request: AuthedRequest, skill_id: int) -> HttpResponse:
    skill = selectors.get_skill_for(request.user, skill_id)
    if request.method == "POST":
        try:
            services.skill_update(skill=skill, data=_skill_data(request))
        except ValidationError as exc:
            _fail(request, exc)
        else:
            _warn(request, skill.phi_flags)
            return redirect("/learning/#skills")
    ctx = {
        "skill": skill,
        "people": selectors.helpers_for(skill, selectors._people(request.user)),
        "comments": selectors.skill_comments(skill),
        "goals": planning_selectors.goal_queryset(request.user),
        **_choices(),
    }
    return render(request, "learning/skill.html", ctx)


@login_required
@require_POST
def skill_delete(request: AuthedRequest, skill_id: int) -> HttpResponse:
    skill = selectors.get_skill_for(request.user, skill_id)
    services.skill_delete(skill=skill)
    messages.success(request, f"Removed {skill.name}.")
    return redirect("/learning/#skills")


@login_required
def who_knows(request: AuthedRequest) -> HttpResponse:
    q = request.GET.get("q", "")[:120]
    rows = selectors.who_knows(request.user, q) if q.strip() else []
    template = (
        "learning/_who_knows.html"
        if request.headers.get("HX-Request")
        else ("learning/who_knows.html")
    )
    return render(request, template, {"q": q, "rows": rows})


# --- questions ----------------------------------------------------------------


@login_required
def questions(request: AuthedRequest) -> HttpResponse:
    if request.method == "POST":
        data = {
            "text": request.POST.get("text", ""), "kind": request.POST.get("kind", "clinical"),
            "asked": _ids(request, "asked"), "date": request.POST.get("date") or None,
            "skill": request.POST.get("skill") or None,
        }  # fmt: skip
        try:
            q = services.question_ask(owner=request.user, data=data)
        except ValidationError as exc:
            _fail(request, exc)
        else:
            _warn(request, q.phi_flags)
            return redirect(q.get_absolute_url())
    ctx = {
        "questions": selectors.question_queryset(request.user),
        "people": _people(request.user),
        "skills": selectors.skill_queryset(request.user),
        "preset_skill": request.GET.get("skill", ""),
        "preset_people": request.GET.getlist("node"),
        **_choices(),
    }
    return render(request, "learning/questions.html", ctx)


@login_required
def question_detail(request: AuthedRequest, question_id: int) -> HttpResponse:
    q = selectors.get_question_for(request.user, question_id)
    ctx = {
        "q": q,
        "d": selectors.question_dict(q),
        "people": _people(request.user),
        **_choices(),
    }
    return render(request, "learning/question.html", ctx)


@login_required
@require_POST
def answer_new(request: AuthedRequest, question_id: int) -> HttpResponse:
    q = selectors.get_question_for(request.user, question_id)
    data = {
        "node": request.POST.get("node") or None, "text": request.POST.get("text", ""),
        "references": request.POST.get("references", ""),
        "date": request.POST.get("date") or None,
    }  # fmt: skip
    try:
        answer = services.answer_add(question=q, data=data)
    except ValidationError as exc:
        _fail(request, exc)
    else:
        _warn(request, answer.phi_flags)
    return redirect(q.get_absolute_url())


@login_required
@require_POST
def answer_check(request: AuthedRequest, question_id: int) -> HttpResponse:
    q = selectors.get_question_for(request.user, question_id)
    agrees = {"yes": True, "no": False}.get(request.POST.get("agrees", ""))
    data = {
        "answer": request.POST.get("answer"), "source": request.POST.get("source", ""),
        "source_kind": request.POST.get("source_kind", ""), "agrees": agrees,
    }  # fmt: skip
    try:
        services.answer_check(question=q, data=data)
    except ValidationError as exc:
        _fail(request, exc)
    return redirect(q.get_absolute_url())


@login_required
@require_POST
def question_status(request: AuthedRequest, question_id: int) -> HttpResponse:
    q = selectors.get_question_for(request.user, question_id)
    try:
        services.question_update(question=q, data={"status": request.POST.get("status", "")})
    except ValidationError as exc:
        _fail(request, exc)
    else:
        if q.status == "applied":
            messages.success(request, "Marked as applied in practice.")
    return redirect(q.get_absolute_url())


@login_required
@require_POST
def question_delete(request: AuthedRequest, question_id: int) -> HttpResponse:
    services.question_delete(question=selectors.get_question_for(request.user, question_id))
    messages.success(request, "Question deleted.")
    return redirect("learning_questions")


# --- resources ----------------------------------------------------------------


@login_required
def resources(request: AuthedRequest) -> HttpResponse:
    if request.method == "POST":
        data: dict[str, Any] = {
            name: request.POST.get(name, "")
            for name in ("title", "url", "pmid", "doi", "kind", "direction", "note")
        }
        data["people"] = _ids(request, "people")
        data["date"] = request.POST.get("date") or None
        try:
            r = services.resource_log(owner=request.user, data=data)
        except ValidationError as exc:
            _fail(request, exc)
        else:
            _warn(request, r.phi_flags)
            messages.success(request, f"Logged “{r.title}”.")
            return redirect("learning_resources")
    ctx = {
        "resources": selectors.resource_queryset(request.user)[:100],
        "by_person": selectors.exchanges_by_person(request.user),
        "people": _people(request.user),
        **_choices(),
    }
    return render(request, "learning/resources.html", ctx)


@login_required
@require_POST
def resource_delete(request: AuthedRequest, resource_id: int) -> HttpResponse:
    services.resource_delete(resource=selectors.get_resource_for(request.user, resource_id))
    messages.success(request, "Resource removed (its interactions stay in your log).")
    return redirect("learning_resources")


# --- journal clubs ------------------------------------------------------------


@login_required
def clubs(request: AuthedRequest) -> HttpResponse:
    if request.method == "POST":
        data = {"name": request.POST.get("name", ""),
                "description": request.POST.get("description", "")}  # fmt: skip
        try:
            club = services.club_create(owner=request.user, data=data)
        except ValidationError as exc:
            _fail(request, exc)
        else:
            return redirect(club.get_absolute_url())
    services.club_memberships_claim(user=request.user)
    return render(request, "learning/clubs.html", {"clubs": selectors.club_queryset(request.user)})


@login_required
def club_detail(request: AuthedRequest, club_id: int) -> HttpResponse:
    services.club_memberships_claim(user=request.user)
    club = selectors.get_club_for(request.user, club_id)
    is_owner = club.owner_id == request.user.pk
    ctx = {
        "club": club,
        "is_owner": is_owner,
        "members": selectors.club_members(club),
        "articles": club.articles.all(),
        "people": _people(request.user) if is_owner else [],
    }
    return render(request, "learning/club.html", ctx)


@login_required
@require_POST
def club_member_new(request: AuthedRequest, club_id: int) -> HttpResponse:
    club = selectors.get_own_club(request.user, club_id)
    data = {"email": request.POST.get("email", ""), "node": request.POST.get("node") or None,
            "name": request.POST.get("name", "")}  # fmt: skip
    try:
        member = services.club_member_add(club=club, data=data)
    except (ValidationError, Conflict) as exc:
        _fail(request, exc)
    else:
        messages.success(request, f"{member} joined {club.name}.")
    return redirect(club.get_absolute_url())


@login_required
@require_POST
def club_article_new(request: AuthedRequest, club_id: int) -> HttpResponse:
    club = selectors.get_club_for(request.user, club_id)
    data = {name: request.POST.get(name, "") for name in ("title", "url", "pmid", "doi")}
    try:
        article = services.club_article_add(club=club, actor=request.user, data=data)
    except ValidationError as exc:
        _fail(request, exc)
        return redirect(club.get_absolute_url())
    return redirect(article.get_absolute_url())


@login_required
def club_article(request: AuthedRequest, club_id: int, article_id: int) -> HttpResponse:
    club = selectors.get_club_for(request.user, club_id)
    article = selectors.get_article_for(club, article_id)
    is_owner = club.owner_id == request.user.pk
    if request.method == "POST":
        data: dict[str, Any] = {
            name: request.POST.get(name, "")
            for name in ("text", "strengths", "limitations", "implications")
        }
        if is_owner:
            data["member"] = request.POST.get("member") or None
        try:
            post = services.club_post_add(article=article, actor=request.user, data=data)
        except ValidationError as exc:
            _fail(request, exc)
        else:
            _warn(request, post.phi_flags)
            return redirect(f"{article.get_absolute_url()}#post-{post.pk}")
    ctx = {
        "club": club,
        "article": article,
        "posts": article.posts.all(),
        "is_owner": is_owner,
        "members": [m for m in selectors.club_members(club) if m.user_id is None]
        if is_owner
        else [],
    }
    return render(request, "learning/article.html", ctx)


# --- the coach's view -------------------------------------------------------------


@login_required
def coach_learning(request: AuthedRequest, rel_id: int) -> HttpResponse:
    """What the coachee shared of their learning, read-only: skills and
    questions with the plan, people only those the coach may see."""
    view = coaching_selectors.coach_view(request.user, rel_id, plan=True)
    visible = view.visible_ids
    o = selectors.overview_for_coach(view.coachee, visible)
    return render(
        request,
        "learning/coach.html",
        {"view": view, "rel": view.rel, "coachee": view.coachee, "o": o},
    )


@login_required
@require_POST
def coach_skill_comment(request: AuthedRequest, rel_id: int, skill_id: int) -> HttpResponse:
    view = coaching_selectors.coach_view(request.user, rel_id, plan=True)
    skill = selectors.get_skill_for(view.coachee, skill_id)
    try:
        services.skill_comment(skill=skill, rel=view.rel, author=request.user,
                               body=request.POST.get("body", ""))  # fmt: skip
    except ValidationError as exc:
        _fail(request, exc)
    return redirect(f"/coaching/coachees/{view.rel.pk}/learning/#skill-{skill.pk}")
