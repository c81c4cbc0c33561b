"""Learning in a Tiewise JSON export, and its restore. Sections, each
version 1:

- `skills`: `{"id", "name", "kind", "level", "target", "goal", "note", "created_at"}`.
- `questions`: `{"id", "text", "kind", "date", "status", "skill", "applied_at",
  "created_at", "asked": [node ids], "answers": [{"node", "text",
  "references", "date", "source", "source_kind", "agrees", "checked_at",
  "created_at"}]}`.
- `resources`: `{"id", "title", "url", "pmid", "doi", "kind", "direction",
  "date", "note", "created_at", "people": [node ids]}`.
- `clubs` (the clubs the owner runs): `{"id", "name", "description",
  "created_at", "members": [{"id", "email", "node", "name"}], "articles":
  [{"title", "url", "pmid", "doi", "created_at", "posts": [{"member",
  "author_name", "by_owner", "text", "strengths", "limitations",
  "implications", "created_at"}]}]}`.

Restores write the models directly and keep the dates; they log no
interactions (the interactions section brings those back). A member
invited by email is linked again to the account with that address, if any.
The patient-data flags are recomputed from the text. Coaches' comments on
skills belong to a relationship and are not in the file.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.utils import timezone

from tiewise.accounts import selectors as account_selectors
from tiewise.core.references import parse_reference
from tiewise.core.vocab import (
    QUESTION_KINDS,
    QUESTION_STATUSES,
    RESOURCE_DIRECTIONS,
    RESOURCE_KINDS,
    SKILL_KINDS,
    SOURCE_KINDS,
)
from tiewise.transfer.rows import Ids, Row, rows_of

from .models import Answer, Club, ClubArticle, ClubMember, ClubPost, Question, Resource, Skill
from .services import _flags

if TYPE_CHECKING:
    from tiewise.accounts.models import User

SKILLS_VERSION = 1
QUESTIONS_VERSION = 1
RESOURCES_VERSION = 1
CLUBS_VERSION = 1


def _when(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def _refs(row: Row, key: str) -> list[str]:
    value = row.data.get(key)
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise row.invalid(key, "expected a list of references")
    out: list[str] = []
    for v in value:
        try:
            ref = str(parse_reference(v))
        except ValueError as exc:
            raise row.invalid(key, str(exc)) from None
        if ref not in out:
            out.append(ref)
    return out


def _agrees(row: Row) -> bool | None:
    value = row.data.get("agrees")
    if value is None:
        return None
    return row.flag("agrees")


# --- skills ---------------------------------------------------------------------


def export_skills(owner: User) -> list[dict[str, Any]]:
    return [
        {"id": s.pk, "name": s.name, "kind": s.kind, "level": s.level, "target": s.target,
         "goal": s.goal_id, "note": s.note, "created_at": _when(s.created_at)}
        for s in Skill.objects.filter(owner=owner).order_by("id")
    ]  # fmt: skip


def restore_skills(owner: User, rows: list[Any], ids: Ids) -> int:
    """Skills; one the owner already lists (same name) is kept as it is."""
    restored = 0
    for row in rows_of("skills", rows, ids):
        skill = Skill(
            owner=owner,
            name=row.text("name", required=True, max_length=120),
            kind=row.choice("kind", SKILL_KINDS, default="growth"),
            level=row.whole("level", low=1, high=5, default=1),
            target=row.whole("target", low=1, high=5, default=3),
            goal_id=row.ref("goal", "goal"),
            note=row.text("note", multiline=True),
            created_at=row.moment("created_at", default=timezone.now()),
        )
        row.check(skill, exclude=["owner", "goal"])
        taken = Skill.objects.filter(owner=owner, name__iexact=skill.name).first()
        if taken is not None:
            row.remember("skill", taken.pk)
            continue
        skill.phi_flags = _flags(skill.name, skill.note)
        skill.save()
        row.remember("skill", skill.pk)
        restored += 1
    return restored


# --- questions ------------------------------------------------------------------


def export_questions(owner: User) -> list[dict[str, Any]]:
    qs = Question.objects.filter(owner=owner).order_by("id").prefetch_related("asked", "answers")
    return [
        {
            "id": q.pk, "text": q.text, "kind": q.kind, "date": _when(q.date),
            "status": q.status, "skill": q.skill_id, "applied_at": _when(q.applied_at),
            "created_at": _when(q.created_at), "asked": sorted(n.pk for n in q.asked.all()),
            "answers": [
                {"node": a.node_id, "text": a.text, "references": list(a.references),
                 "date": _when(a.date), "source": a.source, "source_kind": a.source_kind,
                 "agrees": a.agrees, "checked_at": _when(a.checked_at),
                 "created_at": _when(a.created_at)}
                for a in sorted(q.answers.all(), key=lambda a: a.pk)
            ],
        }
        for q in qs
    ]  # fmt: skip


def restore_questions(owner: User, rows: list[Any], ids: Ids) -> int:
    restored = 0
    for row in rows_of("questions", rows, ids):
        q = Question(
            owner=owner,
            text=row.text("text", required=True, multiline=True),
            kind=row.choice("kind", QUESTION_KINDS, default="clinical"),
            date=row.day("date", required=True),  # type: ignore[misc]  # required: never None
            status=row.choice("status", QUESTION_STATUSES, default="asked"),
            skill_id=row.ref("skill", "skill"),
            applied_at=row.moment("applied_at"),
            created_at=row.moment("created_at", default=timezone.now()),
        )
        asked = row.refs("asked", "node")
        answers: list[Answer] = []
        for a in row.items("answers"):
            answer = Answer(
                node_id=a.ref("node", "node"),
                text=a.text("text", required=True, multiline=True),
                references=_refs(a, "references"),
                date=a.day("date", required=True),  # type: ignore[misc]  # required: never None
                source=a.text("source", max_length=300),
                source_kind=a.choice("source_kind", SOURCE_KINDS),
                agrees=_agrees(a),
                checked_at=a.moment("checked_at"),
                created_at=a.moment("created_at", default=q.created_at),
            )
            a.check(answer, exclude=["question", "node"])
            answer.phi_flags = _flags(answer.text, answer.source)
            answers.append(answer)
        if (
            q.status == "applied"
            and q.kind == "clinical"
            and (not answers or any(a.checked_at is None for a in answers))
        ):
            raise row.invalid(
                "status", "a clinical question is applied only once every answer is checked"
            )
        row.check(q, exclude=["owner", "skill", "asked"])
        q.phi_flags = _flags(q.text)
        q.save()
        q.asked.set(asked)
        for answer in answers:
            answer.question = q
        Answer.objects.bulk_create(answers)
        row.remember("question", q.pk)
        restored += 1
    return restored


# --- resources --------------------------------------------------------------------


def export_resources(owner: User) -> list[dict[str, Any]]:
    rs = Resource.objects.filter(owner=owner).order_by("id").prefetch_related("people")
    return [
        {"id": r.pk, "title": r.title, "url": r.url, "pmid": r.pmid, "doi": r.doi,
         "kind": r.kind, "direction": r.direction, "date": _when(r.date), "note": r.note,
         "created_at": _when(r.created_at), "people": sorted(n.pk for n in r.people.all())}
        for r in rs
    ]  # fmt: skip


def restore_resources(owner: User, rows: list[Any], ids: Ids) -> int:
    restored = 0
    for row in rows_of("resources", rows, ids):
        r = Resource(
            owner=owner,
            title=row.text("title", required=True, max_length=300),
            url=row.text("url", max_length=500),
            pmid=row.text("pmid", max_length=12),
            doi=row.text("doi", max_length=200),
            kind=row.choice("kind", RESOURCE_KINDS, default="article"),
            direction=row.choice("direction", RESOURCE_DIRECTIONS, default="gave"),
            date=row.day("date", required=True),  # type: ignore[misc]  # required: never None
            note=row.text("note", multiline=True),
            created_at=row.moment("created_at", default=timezone.now()),
        )
        people = row.refs("people", "node")
        row.check(r, exclude=["owner", "people"])
        r.phi_flags = _flags(r.title, r.note)
        r.save()
        r.people.set(people)
        row.remember("resource", r.pk)
        restored += 1
    return restored


# --- journal clubs ------------------------------------------------------------------


def export_clubs(owner: User) -> list[dict[str, Any]]:
    clubs = (
        Club.objects.filter(owner=owner)
        .order_by("id")
        .prefetch_related("members", "articles__posts")
    )
    out = []
    for c in clubs:
        out.append({
            "id": c.pk, "name": c.name, "description": c.description,
            "created_at": _when(c.created_at),
            "members": [{"id": m.pk, "email": m.email, "node": m.node_id, "name": m.name}
                        for m in sorted(c.members.all(), key=lambda m: m.pk)],
            "articles": [
                {"title": a.title, "url": a.url, "pmid": a.pmid, "doi": a.doi,
                 "created_at": _when(a.created_at),
                 "posts": [
                     {"member": p.member_id, "author_name": p.author_name,
                      "by_owner": p.author_id == owner.pk and p.member_id is None,
                      "text": p.text, "strengths": p.strengths, "limitations": p.limitations,
                      "implications": p.implications, "created_at": _when(p.created_at)}
                     for p in sorted(a.posts.all(), key=lambda p: p.pk)
                 ]}
                for a in sorted(c.articles.all(), key=lambda a: a.pk)
            ],
        })  # fmt: skip
    return out


def restore_clubs(owner: User, rows: list[Any], ids: Ids) -> int:
    restored = 0
    for row in rows_of("clubs", rows, ids):
        club = Club(
            owner=owner,
            name=row.text("name", required=True, max_length=200),
            description=row.text("description", multiline=True),
            created_at=row.moment("created_at", default=timezone.now()),
        )
        row.check(club, exclude=["owner"])
        club.save()
        members: dict[int, ClubMember] = {}
        for m in row.items("members"):
            email = m.text("email", max_length=254).lower()
            new_member = ClubMember(
                club=club, email=email, node_id=m.ref("node", "node"),
                name=m.text("name", max_length=200),
                user=account_selectors.user_with_email(email) if email else None,
            )  # fmt: skip
            new_member.save()
            members[m.identifier()] = new_member
        for a in row.items("articles"):
            article = ClubArticle(
                club=club, title=a.text("title", required=True, max_length=300),
                url=a.text("url", max_length=500), pmid=a.text("pmid", max_length=12),
                doi=a.text("doi", max_length=200), added_by=owner,
                created_at=a.moment("created_at", default=club.created_at),
            )  # fmt: skip
            a.check(article, exclude=["club", "added_by"])
            article.save()
            for p in a.items("posts"):
                member_id = p.data.get("member")
                member: ClubMember | None = (
                    members.get(member_id) if isinstance(member_id, int) else None
                )
                if member_id is not None and member is None:
                    raise p.invalid("member", f"{member_id!r} is not a member of this club")
                post = ClubPost(
                    article=article, member=member,
                    author=owner if p.flag("by_owner") else (member.user if member else None),
                    author_name=p.text("author_name", required=True, max_length=200),
                    text=p.text("text", multiline=True),
                    strengths=p.text("strengths", multiline=True),
                    limitations=p.text("limitations", multiline=True),
                    implications=p.text("implications", multiline=True),
                    created_at=p.moment("created_at", default=article.created_at),
                )  # fmt: skip
                post.phi_flags = _flags(post.text, post.strengths, post.limitations,
                                        post.implications)  # fmt: skip
                post.save()
        row.remember("club", club.pk)
        restored += 1
    return restored
