"""Writes for learning through the network. Pages, the API and the CLI
call these; they validate, save, and log the interactions that asking,
answering, sharing and discussing mean, so reciprocity and what is due
move by themselves."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from tiewise.accounts import selectors as account_selectors
from tiewise.core.errors import Conflict, NotFound
from tiewise.core.phi import phi_warnings
from tiewise.core.references import parse_reference
from tiewise.core.text import LONGTEXT_MAX, clean_text
from tiewise.core.vocab import (
    QUESTION_KINDS,
    QUESTION_STATUSES,
    RESOURCE_DIRECTIONS,
    RESOURCE_KINDS,
    SKILL_KINDS,
    SOURCE_KINDS,
)
from tiewise.network.selectors import get_node_for, owned_nodes
from tiewise.network.services import touch_pln
from tiewise.planning.selectors import get_goal_for
from tiewise.upkeep import services as upkeep_services

from .models import Answer, Club, ClubArticle, ClubMember, ClubPost, Question, Resource, Skill

if TYPE_CHECKING:
    from tiewise.accounts.models import User

#: Most references one answer may cite.
REFERENCES_MAX = 20


def _today() -> date:
    return timezone.localdate()


class _Errors:
    """Collects field errors; `raise_any()` raises them all at once."""

    def __init__(self) -> None:
        self.errors: dict[str, list[str]] = {}

    def add(self, field: str, message: str) -> None:
        self.errors.setdefault(field, []).append(message)

    def text(
        self,
        data: dict[str, Any],
        name: str,
        *,
        max_length: int = LONGTEXT_MAX,
        required: bool = False,
        multiline: bool = True,
    ) -> str:
        value = clean_text(data.get(name) or "", multiline=multiline)
        if required and not value:
            self.add(name, "This cannot be empty.")
        if len(value) > max_length:
            self.add(name, f"At most {max_length:,} characters (this has {len(value):,}).")
        return value

    def choice(self, data: dict[str, Any], name: str, vocab: dict[str, str]) -> str:
        value = data.get(name)
        if value not in vocab:
            self.add(name, f"Use one of: {', '.join(vocab)}.")
            return ""
        return str(value)

    def level(self, data: dict[str, Any], name: str) -> int:
        try:
            value = int(data[name])
        except (TypeError, ValueError, KeyError):
            value = 0
        if not 1 <= value <= 5:
            self.add(name, "A level is a number from 1 to 5.")
        return value

    def day(self, data: dict[str, Any], name: str) -> date:
        value = data.get(name)
        if value in (None, ""):
            return _today()
        if isinstance(value, str):
            try:
                value = date.fromisoformat(value)
            except ValueError:
                self.add(name, "Use a date like 2025-03-01.")
                return _today()
        if not isinstance(value, date):
            self.add(name, "Use a date like 2025-03-01.")
            return _today()
        if value > _today():
            self.add(name, "That date is in the future: log what already happened.")
        return value

    def raise_any(self) -> None:
        if self.errors:
            raise ValidationError(self.errors)


def _flags(*texts: str) -> list[str]:
    """The patient-data guard over every text field of a record."""
    return phi_warnings("\n".join(t for t in texts if t))


def _log(owner: User, nodes: list[int], *, when: date, kind: str, direction: str,
         channel: str, note: str) -> None:  # fmt: skip
    if nodes:
        upkeep_services.interaction_create(
            owner=owner,
            data={"nodes": nodes, "date": when, "kind": kind, "direction": direction,
                  "channel": channel, "quality": 3, "note": note[:500]},
        )  # fmt: skip


# --- skills -------------------------------------------------------------------


def _skill_values(owner: User, data: dict[str, Any], current: Skill | None) -> dict[str, Any]:
    e = _Errors()
    merged = {
        "name": current.name if current else "",
        "kind": current.kind if current else "growth",
        "level": current.level if current else 1,
        "target": current.target if current else 3,
        "note": current.note if current else "",
        **{k: v for k, v in data.items() if v is not None or k == "goal"},
    }
    clean: dict[str, Any] = {
        "name": e.text(merged, "name", max_length=120, required=True, multiline=False),
        "kind": e.choice(merged, "kind", SKILL_KINDS),
        "level": e.level(merged, "level"),
        "target": e.level(merged, "target"),
        "note": e.text(merged, "note"),
    }
    if "goal" in data:
        goal = data["goal"]
        clean["goal"] = get_goal_for(owner, goal) if goal not in (None, "") else None
    e.raise_any()
    return clean


@transaction.atomic
def skill_create(*, owner: User, data: dict[str, Any]) -> Skill:
    clean = _skill_values(owner, data, None)
    if Skill.objects.filter(owner=owner, name__iexact=clean["name"]).exists():
        raise ValidationError({"name": [f"You already list {clean['name']!r}."]})
    skill = Skill(owner=owner, **clean)
    skill.phi_flags = _flags(skill.name, skill.note)
    skill.save()
    touch_pln(owner, nodes=())  # insights name the growth areas nobody covers
    return skill


@transaction.atomic
def skill_update(*, skill: Skill, data: dict[str, Any]) -> Skill:
    clean = _skill_values(skill.owner, data, skill)
    clash = Skill.objects.filter(owner=skill.owner, name__iexact=clean["name"]).exclude(pk=skill.pk)
    if clash.exists():
        raise ValidationError({"name": [f"You already list {clean['name']!r}."]})
    for name, value in clean.items():
        setattr(skill, name, value)
    skill.phi_flags = _flags(skill.name, skill.note)
    skill.save()
    touch_pln(skill.owner, nodes=())
    return skill


def skill_delete(*, skill: Skill) -> None:
    owner = skill.owner
    skill.delete()
    touch_pln(owner, nodes=())


# --- questions ----------------------------------------------------------------


def _status_from_answers(question: Question) -> str:
    # A fresh read: the question may come with its answers prefetched before this write.
    answers = list(Answer.objects.filter(question=question))
    if not answers:
        return "asked"
    if all(a.checked for a in answers):
        return "checked"
    return "answered"


def _refresh_status(question: Question) -> None:
    status = _status_from_answers(question)
    if question.status == "applied" and status == "checked":
        return  # still applied: every answer is checked
    question.status = status
    question.applied_at = None
    question.save(update_fields=["status", "applied_at"])


@transaction.atomic
def question_ask(*, owner: User, data: dict[str, Any]) -> Question:
    """Ask people of the network a question; each one asked gets an
    "advice sought" interaction on the question's date."""
    e = _Errors()
    text = e.text(data, "text", required=True)
    kind = e.choice({"kind": data.get("kind", "clinical")}, "kind", QUESTION_KINDS)
    when = e.day(data, "date")
    e.raise_any()
    asked = owned_nodes(owner, data.get("asked") or [])
    skill = None
    if data.get("skill") not in (None, ""):
        from .selectors import get_skill_for

        skill = get_skill_for(owner, data["skill"])
    question = Question.objects.create(
        owner=owner, text=text, kind=kind, date=when, skill=skill, phi_flags=_flags(text)
    )
    question.asked.set(asked)
    _log(owner, [n.pk for n in asked], when=when, kind="advice_sought", direction="received",
         channel="messaging", note=f"Asked: {text}")  # fmt: skip
    return question


def _unchecked(question: Question) -> list[Answer]:
    answers = Answer.objects.filter(question=question).select_related("node")
    return [a for a in answers if not a.checked]


def _answer_name(a: Answer) -> str:
    return f"answer {a.pk} ({a.node.name if a.node else 'someone no longer in your network'})"


@transaction.atomic
def question_update(*, question: Question, data: dict[str, Any]) -> Question:
    """Change the text, kind or people asked, or mark the question applied.
    A clinical question is applied only once every answer was checked
    against a named source; otherwise the error names the unchecked ones."""
    e = _Errors()
    if data.get("text") is not None:
        question.text = e.text(data, "text", required=True)
    if data.get("kind") is not None:
        question.kind = e.choice(data, "kind", QUESTION_KINDS)
    status = data.get("status")
    if status is not None and status not in QUESTION_STATUSES:
        e.add("status", f"Use one of: {', '.join(QUESTION_STATUSES)}.")
    e.raise_any()
    if data.get("asked") is not None:
        question.asked.set(owned_nodes(question.owner, data["asked"]))
    question.phi_flags = _flags(question.text)
    question.save()
    if status == "applied":
        if not Answer.objects.filter(question=question).exists():
            raise ValidationError(
                {"status": ["Nobody has answered yet: there is nothing to apply."]}
            )
        unchecked = _unchecked(question)
        if question.kind == "clinical" and unchecked:
            names = ", ".join(_answer_name(a) for a in unchecked)
            raise ValidationError(
                {"status": [
                    f"Check {names} against a guideline, textbook or peer-reviewed article "
                    "before you apply it in practice."
                ]}
            )  # fmt: skip
        question.status = "applied"
        question.applied_at = timezone.now()
        question.save(update_fields=["status", "applied_at"])
    elif status is not None:
        _refresh_status(question)
    return question


def question_delete(*, question: Question) -> None:
    question.delete()


def clean_references(values: Any, field: str = "references") -> list[str]:
    if values in (None, ""):
        return []
    if isinstance(values, str):
        values = [v for v in values.replace(",", "\n").splitlines() if v.strip()]
    if not isinstance(values, list | tuple):
        raise ValidationError({field: ["Give a list of references."]})
    if len(values) > REFERENCES_MAX:
        raise ValidationError({field: [f"At most {REFERENCES_MAX} references."]})
    out: list[str] = []
    for v in values:
        try:
            ref = str(parse_reference(str(v)))
        except ValueError as exc:
            raise ValidationError({field: [str(exc)]}) from None
        if ref not in out:
            out.append(ref)
    return out


@transaction.atomic
def answer_add(*, question: Question, data: dict[str, Any]) -> Answer:
    """Record what someone answered; it logs "advice given" by them to you."""
    e = _Errors()
    text = e.text(data, "text", required=True)
    when = e.day(data, "date")
    if when < question.date:
        e.add("date", "An answer cannot come before the question was asked.")
    e.raise_any()
    if data.get("node") in (None, ""):
        raise ValidationError({"node": ["Say who answered."]})
    node = get_node_for(question.owner, data["node"])
    references = clean_references(data.get("references"))
    answer = Answer.objects.create(
        question=question, node=node, text=text, references=references, date=when,
        phi_flags=_flags(text),
    )  # fmt: skip
    _log(question.owner, [node.pk], when=when, kind="advice_given", direction="received",
         channel="messaging", note=f"Answered: {question.text}")  # fmt: skip
    _refresh_status(question)
    return answer


@transaction.atomic
def answer_check(*, question: Question, data: dict[str, Any]) -> Answer:
    """Check one answer against a named source; whether it agrees is kept.
    An answer the source contradicts is checked too: the check is what
    you did before using it, and the page says it disagreed."""
    e = _Errors()
    source = e.text(data, "source", max_length=300, required=True, multiline=False)
    source_kind = data.get("source_kind") or ""
    if source_kind and source_kind not in SOURCE_KINDS:
        e.add("source_kind", f"Use one of: {', '.join(SOURCE_KINDS)}.")
    agrees = data.get("agrees")
    if not isinstance(agrees, bool):
        e.add("agrees", "Say whether the source agrees (true or false).")
    e.raise_any()
    try:
        answer = question.answers.get(pk=int(data.get("answer") or 0))
    except (Answer.DoesNotExist, TypeError, ValueError):
        raise NotFound("No such answer") from None
    answer.source = source
    answer.source_kind = source_kind
    answer.agrees = agrees
    answer.checked_at = timezone.now()
    answer.phi_flags = _flags(answer.text, source)
    answer.save()
    _refresh_status(question)
    return answer


# --- resources ----------------------------------------------------------------


def _paper_ids(e: _Errors, data: dict[str, Any]) -> tuple[str, str, str]:
    url = e.text(data, "url", max_length=500, multiline=False)
    if url and not url.lower().startswith(("http://", "https://")):
        e.add("url", "Use a web link starting with https://.")
    pmid = doi = ""
    if data.get("pmid"):
        try:
            ref = parse_reference(str(data["pmid"]))
            if ref.kind != "pmid":
                raise ValueError
            pmid = ref.value
        except ValueError:
            e.add("pmid", "A PMID is a number such as 31234567.")
    if data.get("doi"):
        try:
            ref = parse_reference(str(data["doi"]))
            if ref.kind != "doi":
                raise ValueError
            doi = ref.value
        except ValueError:
            e.add("doi", "A DOI looks like 10.1056/NEJMoa2034577.")
    return url, pmid, doi


@transaction.atomic
def resource_log(*, owner: User, data: dict[str, Any]) -> Resource:
    """Log a resource given to or received from people; each share is a
    "resource shared" interaction in the same direction."""
    e = _Errors()
    title = e.text(data, "title", max_length=300, required=True, multiline=False)
    kind = e.choice({"kind": data.get("kind") or "article"}, "kind", RESOURCE_KINDS)
    direction = e.choice(data, "direction", RESOURCE_DIRECTIONS)
    note = e.text(data, "note")
    when = e.day(data, "date")
    url, pmid, doi = _paper_ids(e, data)
    e.raise_any()
    people = owned_nodes(owner, data.get("people") or [])
    if not people:
        raise ValidationError({"people": ["Say who you shared it with or got it from."]})
    resource = Resource.objects.create(
        owner=owner, title=title, kind=kind, direction=direction, note=note, date=when,
        url=url, pmid=pmid, doi=doi, phi_flags=_flags(title, note),
    )  # fmt: skip
    resource.people.set(people)
    _log(owner, [n.pk for n in people], when=when, kind="resource_shared", direction=direction,
         channel="email", note=title)  # fmt: skip
    return resource


def resource_delete(*, resource: Resource) -> None:
    resource.delete()


# --- journal clubs ------------------------------------------------------------


@transaction.atomic
def club_create(*, owner: User, data: dict[str, Any]) -> Club:
    e = _Errors()
    name = e.text(data, "name", max_length=200, required=True, multiline=False)
    description = e.text(data, "description")
    e.raise_any()
    return Club.objects.create(owner=owner, name=name, description=description)


def club_delete(*, club: Club) -> None:
    club.delete()


@transaction.atomic
def club_member_add(*, club: Club, data: dict[str, Any]) -> ClubMember:
    """Add a member: a Tiewise user by email (they see this club and
    nothing else of yours), and/or a person of your PLN (`node`)."""
    e = _Errors()
    email = e.text(data, "email", max_length=254, multiline=False).lower()
    name = e.text(data, "name", max_length=200, multiline=False)
    if email and ("@" not in email or " " in email):
        e.add("email", "Enter an email address such as jo@example.org.")
    node_id = data.get("node")
    if not email and node_id in (None, ""):
        e.add("email", "Give an email address (a Tiewise user) or choose a person of your network.")
    e.raise_any()
    node = get_node_for(club.owner, node_id) if node_id not in (None, "") else None
    if email and email == club.owner.email.lower():
        raise ValidationError({"email": ["You run this club: you are already in it."]})
    if node is not None and club.members.filter(node=node).exists():
        raise Conflict(f"{node.name} is already a member.")
    if email and club.members.filter(email=email).exists():
        raise Conflict(f"{email} is already a member.")
    user = account_selectors.active_user_by_email(email) if email else None
    return ClubMember.objects.create(
        club=club, email=email, user=user, node=node,
        name=name or (node.name if node else "") or (user.display_name if user else ""),
    )  # fmt: skip


def club_member_remove(*, member: ClubMember) -> None:
    member.delete()


@transaction.atomic
def club_article_add(*, club: Club, actor: User, data: dict[str, Any]) -> ClubArticle:
    e = _Errors()
    title = e.text(data, "title", max_length=300, required=True, multiline=False)
    url, pmid, doi = _paper_ids(e, data)
    e.raise_any()
    return ClubArticle.objects.create(
        club=club, title=title, url=url, pmid=pmid, doi=doi, added_by=actor
    )


@transaction.atomic
def club_post_add(*, article: ClubArticle, actor: User, data: dict[str, Any]) -> ClubPost:
    """A post in an article's discussion. A user member writes their own;
    the owner writes theirs, or records a PLN member's points (`member`).
    A member's post counts as a journal-club interaction with them in the
    owner's PLN when the member is one of the owner's people."""
    club = article.club
    e = _Errors()
    parts = {
        name: e.text(data, name) for name in ("text", "strengths", "limitations", "implications")
    }
    if not any(parts.values()):
        e.add("text", "Write something: a point, a strength, a limitation or an implication.")
    e.raise_any()
    member: ClubMember | None = None
    if actor.pk == club.owner_id:
        if data.get("member") not in (None, ""):
            try:
                member = club.members.select_related("node").get(pk=int(data["member"]))
            except (ClubMember.DoesNotExist, TypeError, ValueError):
                raise NotFound("No such member") from None
        author_name = member.name if member else (actor.display_name or actor.email)
    else:
        if data.get("member") not in (None, ""):
            raise ValidationError({"member": ["Only the club's owner records others' points."]})
        member = club.members.filter(user=actor).select_related("node").first()
        if member is None:
            raise NotFound("No such club")
        author_name = actor.display_name or member.name or actor.email
    post = ClubPost.objects.create(
        article=article, member=member, author=actor, author_name=author_name[:200],
        phi_flags=_flags(*parts.values()), **parts,
    )  # fmt: skip
    if member is not None and member.node_id is not None:
        _log(club.owner, [member.node_id], when=_today(), kind="collaboration",
             direction="mutual", channel="journal_club",
             note=f"{club.name}: {article.title}")  # fmt: skip
    return post


def club_memberships_claim(*, user: User) -> int:
    """Link club invitations sent to this user's address before they had
    an account (called when a club page is read)."""
    return ClubMember.objects.filter(user=None, email__iexact=user.email).update(user=user)


def skill_comment(*, skill: Skill, rel: Any, author: User, body: str) -> Any:
    """A coach's comment on a skill of a coachee who shares the plan."""
    from .models import SkillComment

    if not rel.is_active or not rel.share_plan or skill.owner_id != rel.coachee_id:
        raise NotFound("No such skill")
    if author.pk not in (rel.coach_id, rel.coachee_id):
        raise NotFound("No such skill")
    text = clean_text(body or "", multiline=True)
    if not text:
        raise ValidationError({"body": ["Write a comment first."]})
    if len(text) > LONGTEXT_MAX:
        raise ValidationError({"body": [f"At most {LONGTEXT_MAX:,} characters."]})
    return SkillComment.objects.create(skill=skill, relationship=rel, author=author, body=text)
