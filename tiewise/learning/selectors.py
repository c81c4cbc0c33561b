"""Reads for learning through the network. Every read is scoped to its
owner (or, for a journal club, to its members); an id that is not yours is
NotFound."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.db.models import Prefetch, Q, QuerySet

from tiewise.access import mine
from tiewise.core.references import topic_key, topics_match
from tiewise.network import selectors as network_selectors
from tiewise.network.models import Node

from .models import (
    Answer,
    Club,
    ClubArticle,
    ClubMember,
    ClubPost,
    Question,
    Resource,
    Skill,
    SkillComment,
)

if TYPE_CHECKING:
    from tiewise.accounts.models import User

_STRENGTH_ORDER = {"strong": 0, "weak": 1, "absent": 2}
#: Roles of people a strength of yours can help.
BENEFIT_ROLES = ("mentee", "peer")


# --- skills -------------------------------------------------------------------


def skill_queryset(owner: User) -> QuerySet[Skill]:
    return Skill.objects.filter(owner=owner).select_related("goal")


def get_skill_for(owner: User, skill_id: object) -> Skill:
    return mine(skill_queryset(owner), skill_id, "skill")


def _people(owner: User, visible: frozenset[int] | None = None) -> list[Node]:
    qs = network_selectors.node_queryset(owner)
    if visible is not None:
        qs = qs.filter(pk__in=visible)
    return list(qs)


def _ref(n: Node) -> dict[str, Any]:
    return {"id": n.pk, "name": n.name, "strength": n.tie.strength}


def _order(nodes: list[Node]) -> list[Node]:
    return sorted(nodes, key=lambda n: (_STRENGTH_ORDER.get(n.tie.strength, 3), n.name.casefold()))


def helpers_for(skill: Skill, people: list[Node]) -> list[Node]:
    """Who can help with a growth area (expertise matches, strong ties
    first) or could benefit from a strength (mentees and peers whose
    expertise does not already cover it)."""
    if skill.kind == "growth":
        found = [n for n in people if any(topics_match(skill.name, t) for t in n.expertise)]
    else:
        found = [
            n for n in people
            if set(n.tie.roles) & set(BENEFIT_ROLES)
            and not any(topics_match(skill.name, t) for t in n.expertise)
        ]  # fmt: skip
    return _order(found)


def skills_with_people(
    owner: User, *, visible: frozenset[int] | None = None
) -> list[tuple[Skill, list[Node]]]:
    """Each skill with the people for it (two queries; one when there is no
    skill, so thousands of people are not read for nothing)."""
    skills = list(skill_queryset(owner))
    if not skills:
        return []
    people = _people(owner, visible)
    return [(s, helpers_for(s, people)) for s in skills]


def skill_dict(skill: Skill, people: list[Node]) -> dict[str, Any]:
    return {
        "id": skill.pk,
        "name": skill.name,
        "kind": skill.kind,
        "level": skill.level,
        "target": skill.target,
        "goal": skill.goal_id,
        "note": skill.note,
        "people": [_ref(n) for n in people],
        "warnings": list(skill.phi_flags),
    }


def skill_dict_for(skill: Skill) -> dict[str, Any]:
    return skill_dict(skill, helpers_for(skill, _people(skill.owner)))


def uncovered_growth(owner: User, *, visible: frozenset[int] | None = None) -> list[Skill]:
    """Growth areas nobody in the network can help with."""
    return [s for s, ppl in skills_with_people(owner, visible=visible) if s.kind == "growth"
            and not ppl]  # fmt: skip


def uncovered_for(visible: Mapping[int, frozenset[int] | None]) -> dict[int, list[str]]:
    """Owner id → the names of their growth areas nobody among the given
    people (node ids, per owner; None: all of them) is an expert in:
    `uncovered_growth` for many owners in two queries (the caseload's
    insights), reading only the nodes that list an expertise."""
    owners = list(visible)
    growth = list(
        Skill.objects.filter(owner_id__in=owners, kind="growth").order_by("owner_id", "pk")
    )
    topics: dict[int, list[str]] = defaultdict(list)
    # Only owners with growth areas have anything to cover: finding the
    # experts scans every one of an owner's people (3,000 rows for a big PLN).
    with_growth = sorted({skill.owner_id for skill in growth})
    rows = network_selectors.nodes_of(with_growth).exclude(expertise="")
    for owner_id, pk, expertise in rows.values_list("owner_id", "pk", "expertise"):
        shown = visible[owner_id]
        if shown is None or pk in shown:
            topics[owner_id].extend(expertise)
    out: dict[int, list[str]] = {pk: [] for pk in owners}
    for skill in growth:
        if not any(topics_match(skill.name, t) for t in topics[skill.owner_id]):
            out[skill.owner_id].append(skill.name)
    return out


def dashboard_learning(owner: User) -> dict[str, Any] | None:
    """The dashboard's learning card: growth areas nobody covers and
    questions whose answers wait for a check; None when there is nothing
    to say (no skills and no questions yet)."""
    growth = Skill.objects.filter(owner=owner, kind="growth").count()
    waiting = _waiting_check(owner).count()
    if not growth and not waiting:
        return None
    return {"growth": growth, "uncovered": uncovered_for({owner.pk: None})[owner.pk],
            "waiting": waiting}  # fmt: skip


def expertise_suggestions(owner: User) -> list[str]:
    """Topics to suggest for a node's expertise: the owner's skills first,
    then topics already used on their nodes."""
    seen: dict[str, str] = {}
    for name in skill_queryset(owner).values_list("name", flat=True):
        seen.setdefault(topic_key(name), name)
    for tags in (
        network_selectors.node_queryset(owner)
        .exclude(expertise="")
        .values_list("expertise", flat=True)
    ):
        for t in tags:
            seen.setdefault(topic_key(t), t)
    return list(seen.values())


def skill_comments(skill: Skill) -> list[SkillComment]:
    return list(skill.comments.select_related("author", "author__profile"))


# --- who knows about X --------------------------------------------------------


def who_knows(owner: User, query: str, *, limit: int = 30) -> list[dict[str, Any]]:
    """People whose expertise matches `query`, or who answered a question
    about it; strong ties first, each with why they came up."""
    key = topic_key(query)
    if not key:
        return []
    reasons: dict[int, list[str]] = defaultdict(list)
    nodes: dict[int, Node] = {}
    for n in network_selectors.node_queryset(owner).exclude(expertise=""):
        for t in n.expertise:
            if topics_match(query, t) or key in topic_key(t):
                nodes[n.pk] = n
                reasons[n.pk].append(f"Expert in {t}")
    answers = (
        Answer.objects.filter(question__owner=owner, node__isnull=False)
        .filter(Q(text__icontains=query.strip()) | Q(question__text__icontains=query.strip()))
        .select_related("node", "node__tie", "question")
        .order_by("-date")[:200]
    )
    for a in answers:
        assert a.node is not None
        nodes[a.node.pk] = a.node
        why = f"Answered “{a.question.text[:80]}” ({a.date:%-d %b %Y})"
        if why not in reasons[a.node.pk]:
            reasons[a.node.pk].append(why)
    return [{**_ref(n), "why": reasons[n.pk][:3]} for n in _order(list(nodes.values()))][:limit]


# --- questions ----------------------------------------------------------------


def question_queryset(owner: User) -> QuerySet[Question]:
    return (
        Question.objects.filter(owner=owner)
        .select_related("skill")
        .prefetch_related("asked", Prefetch("answers", Answer.objects.select_related("node")))
    )


def get_question_for(owner: User, question_id: object) -> Question:
    return mine(question_queryset(owner), question_id, "question")


def paper_titles(owner: User) -> dict[str, str]:
    """Titles of the papers the owner has in Tiewise (resources and club
    articles they logged), by normal-form reference."""
    titles: dict[str, str] = {}
    rows = [
        *Resource.objects.filter(owner=owner).values_list("pmid", "doi", "url", "title"),
        *ClubArticle.objects.filter(club__owner=owner).values_list("pmid", "doi", "url", "title"),
    ]
    for pmid, doi, url, title in rows:
        if pmid:
            titles[f"PMID:{pmid}"] = title
        if doi:
            titles[f"DOI:{doi}"] = title
        if url:
            titles[url] = title
    return titles


def answer_dict(a: Answer, titles: dict[str, str]) -> dict[str, Any]:
    return {
        "id": a.pk,
        "node": a.node_id,
        "node_name": a.node.name if a.node else "",
        "text": a.text,
        "date": a.date,
        "references": [{"ref": r, "title": titles.get(r, "")} for r in a.references],
        "checked": a.checked,
        "source": a.source,
        "source_kind": a.source_kind,
        "agrees": a.agrees,
        "checked_at": a.checked_at,
        "warnings": list(a.phi_flags),
    }


def question_dict(q: Question, titles: dict[str, str] | None = None) -> dict[str, Any]:
    titles = paper_titles(q.owner) if titles is None else titles
    answers = list(q.answers.all())
    return {
        "id": q.pk,
        "text": q.text,
        "kind": q.kind,
        "date": q.date,
        "status": q.status,
        "skill": q.skill_id,
        "asked": [{"id": n.pk, "name": n.name} for n in q.asked.all()],
        "answers": [answer_dict(a, titles) for a in answers],
        "unchecked": [a.pk for a in answers if not a.checked],
        "applied_at": q.applied_at,
        "warnings": list(q.phi_flags),
    }


def _waiting_check(owner: User) -> QuerySet[Question]:
    return question_queryset(owner).filter(kind="clinical", status="answered")


def questions_waiting_check(owner: User) -> list[Question]:
    """Clinical questions with an answer nobody checked yet."""
    return list(_waiting_check(owner))


# --- resources ----------------------------------------------------------------


def resource_queryset(owner: User) -> QuerySet[Resource]:
    return Resource.objects.filter(owner=owner).prefetch_related("people")


def get_resource_for(owner: User, resource_id: object) -> Resource:
    return mine(resource_queryset(owner), resource_id, "resource")


def resource_dict(r: Resource) -> dict[str, Any]:
    return {
        "id": r.pk,
        "title": r.title,
        "url": r.url,
        "pmid": r.pmid,
        "doi": r.doi,
        "kind": r.kind,
        "direction": r.direction,
        "date": r.date,
        "people": [{"id": n.pk, "name": n.name} for n in r.people.all()],
        "note": r.note,
        "warnings": list(r.phi_flags),
    }


def exchanges_by_person(owner: User) -> list[dict[str, Any]]:
    """Per person: what you gave them and what you got from them."""
    rows: dict[int, dict[str, Any]] = {}
    for r in resource_queryset(owner):
        for n in r.people.all():
            row = rows.setdefault(n.pk, {"id": n.pk, "name": n.name, "gave": [], "received": []})
            row[r.direction].append(r)
    return sorted(rows.values(), key=lambda row: row["name"].casefold())


# --- journal clubs ------------------------------------------------------------


def club_queryset(user: User) -> QuerySet[Club]:
    """Clubs the user runs or is a member of."""
    member_of = ClubMember.objects.filter(user=user).values("club_id")
    return Club.objects.filter(Q(owner=user) | Q(pk__in=member_of)).select_related("owner")


def get_club_for(user: User, club_id: object) -> Club:
    """A club of yours or one you are a member of; any other is NotFound."""
    return mine(club_queryset(user), club_id, "club")


def get_own_club(user: User, club_id: object) -> Club:
    return mine(Club.objects.filter(owner=user), club_id, "club")


def get_article_for(club: Club, article_id: object) -> ClubArticle:
    return mine(club.articles.all(), article_id, "article")


def club_members(club: Club) -> list[ClubMember]:
    return list(club.members.select_related("user", "node"))


def member_dict(m: ClubMember, *, for_owner: bool) -> dict[str, Any]:
    """A member as the owner sees them (email, linked node) or as another
    member does (a name only: the owner's PLN stays the owner's)."""
    d: dict[str, Any] = {"id": m.pk, "name": m.name or m.email, "user": m.user_id is not None}
    if for_owner:
        d.update({"email": m.email, "node": m.node_id})
    return d


def club_dict(club: Club, user: User) -> dict[str, Any]:
    owner_view = club.owner_id == user.pk
    return {
        "id": club.pk,
        "name": club.name,
        "description": club.description,
        "owner": club.owner.display_name,
        "mine": owner_view,
        "members": [member_dict(m, for_owner=owner_view) for m in club_members(club)],
        "articles": club.articles.count(),
        "created_at": club.created_at,
    }


def article_queryset(club: Club) -> QuerySet[ClubArticle]:
    return club.articles.all()


def article_dict(a: ClubArticle) -> dict[str, Any]:
    return {
        "id": a.pk,
        "club": a.club_id,
        "title": a.title,
        "url": a.url,
        "pmid": a.pmid,
        "doi": a.doi,
        "posts": a.posts.count(),
        "created_at": a.created_at,
    }


def post_queryset(article: ClubArticle) -> QuerySet[ClubPost]:
    return article.posts.all()


def post_dict(p: ClubPost) -> dict[str, Any]:
    return {
        "id": p.pk,
        "author": p.author_name,
        "member": p.member_id,
        "text": p.text,
        "strengths": p.strengths,
        "limitations": p.limitations,
        "implications": p.implications,
        "created_at": p.created_at,
        "warnings": list(p.phi_flags),
    }


# --- a person of the network ----------------------------------------------------


def node_learning(owner: User, node: Node) -> dict[str, Any]:
    """What one person did for your learning: answers, resources, clubs."""
    return {
        "answers": list(
            Answer.objects.filter(question__owner=owner, node=node).select_related("question")
        ),
        "resources": list(Resource.objects.filter(owner=owner, people=node)),
        "clubs": list(Club.objects.filter(owner=owner, members__node=node).distinct()),
    }


def overview(owner: User) -> dict[str, Any]:
    """The learning page and the dashboard: counts and what needs doing."""
    skills = skills_with_people(owner)
    return {
        "skills": skills,
        "growth": [(s, p) for s, p in skills if s.kind == "growth"],
        "strengths": [(s, p) for s, p in skills if s.kind == "strength"],
        "uncovered": [s for s, p in skills if s.kind == "growth" and not p],
        "waiting_check": questions_waiting_check(owner),
        "questions": list(question_queryset(owner)[:10]),
        "resources": list(resource_queryset(owner)[:10]),
        "clubs": list(club_queryset(owner)),
    }


def overview_for_coach(coachee: User, visible: frozenset[int]) -> dict[str, Any]:
    """The coachee's learning as a coach with the plan shared sees it:
    people only those the coach may see; a resource with none of them is
    left out whole."""
    skills = skills_with_people(coachee, visible=visible)
    comments: dict[int, list[SkillComment]] = defaultdict(list)
    for c in SkillComment.objects.filter(skill__owner=coachee).select_related(
        "author", "author__profile"
    ):
        comments[c.skill_id].append(c)
    questions: list[dict[str, Any]] = []
    for q in question_queryset(coachee):
        answers = [
            {"answer": a, "who": a.node.name if a.node and a.node.pk in visible else "Someone"}
            for a in q.answers.all()
        ]
        asked = [n.name for n in q.asked.all() if n.pk in visible]
        questions.append({"q": q, "answers": answers, "asked": asked})
    resources: list[dict[str, Any]] = []
    for r in resource_queryset(coachee):
        people = [n.name for n in r.people.all() if n.pk in visible]
        if people:
            resources.append({"r": r, "people": people})
    return {
        "skills": [(s, p, comments.get(s.pk, [])) for s, p in skills],
        "uncovered": [s for s, p in skills if s.kind == "growth" and not p],
        "waiting_check": [
            d for d in questions if d["q"].kind == "clinical" and d["q"].status == "answered"
        ],  # fmt: skip
        "questions": questions[:20],
        "resources": resources[:20],
        "clubs": list(Club.objects.filter(owner=coachee).prefetch_related("articles")),
    }
