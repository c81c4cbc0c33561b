"""One world for the security tests, built once per module.

Ana (the owner) has one of everything; Ben is another user with his own
data; Cam coaches Ana with everything shared, Dee with a partial share (no
private nodes, no notes, no plan), and Eve's relationship was revoked. Fay
asked to coach Ana and waits for her answer; Gil was invited and has not
accepted yet.

The world lives in one outer transaction rolled back when the module ends;
each request a test makes runs in its own savepoint (`isolated`), so no test
can see another's writes."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import Client

from tests.conftest import ApiClient, sign_in
from tiewise.accounts.models import ApiToken, Profile, User
from tiewise.accounts.services import token_create, user_create
from tiewise.coaching import services as coaching
from tiewise.coaching.models import (
    Agenda,
    CoachingRelationship,
    Cohort,
    Comment,
    Introduction,
    SessionNote,
)
from tiewise.directory import services as directory
from tiewise.directory.models import Connection, Event, Listing, Met
from tiewise.learning import services as learning
from tiewise.learning.models import (
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
from tiewise.network import services as network
from tiewise.network.models import AlterTie, MapPosition, Node, Tie
from tiewise.planning import services as planning
from tiewise.planning.models import Action, Goal, Prospect, ProspectEvent, Reflection
from tiewise.transfer import services as transfer
from tiewise.transfer.models import ImportBatch, StagedRecord
from tiewise.upkeep import selectors as upkeep_selectors
from tiewise.upkeep import services as upkeep
from tiewise.upkeep.models import Interaction, Snapshot, TieReminder, UpkeepSettings

IMPORTS = Path(__file__).resolve().parent.parent / "data" / "imports"
PASSWORD = "correct horse 77"
#: Every signed-in persona of the world.
PEOPLE = ("ana", "ben", "cam", "dee", "eve")


@dataclass
class Persona:
    name: str
    user: Any
    client: Client
    api: ApiClient
    rel: Any = None  # the persona's own coaching relationship with Ana, if any


@dataclass
class World:
    ana: Any
    ben: Any
    personas: dict[str, Persona]
    ids: dict[str, Any] = field(default_factory=dict)
    read_only_api: ApiClient | None = None
    feed_token: str = ""
    invite_token: str = ""

    def rel_for(self, who: str) -> int:
        """The coaching relationship a persona would use in a coach URL: its
        own, or (for those with none) Cam's, the one most worth stealing."""
        persona = self.personas.get(who)
        rel = persona.rel if persona is not None else None
        return int((rel or self.personas["cam"].rel).pk)


def _persona(name: str, user: Any, rel: Any = None) -> Persona:
    client = Client()
    if user is not None:
        sign_in(client, user)
    api = ApiClient(token_create(user=user, name="matrix")[1] if user is not None else None)
    return Persona(name, user, client, api, rel)


def _coach(coachee: Any, email: str, share: dict[str, bool]) -> tuple[Any, Any]:
    coach = user_create(email=email, password=PASSWORD, display_name=email.split("@")[0].title())
    rel = coaching.invitation_create(coachee=coachee, email=email, share=share)
    return coach, coaching.invitation_accept(coach=coach, token=coaching.invitation_token(rel))


def build_world() -> World:
    ana = user_create(email="ana@example.org", password=PASSWORD, display_name="Ana Ruiz")
    ben = user_create(email="ben@example.org", password=PASSWORD, display_name="Ben Okafor")
    node = network.node_create(
        owner=ana,
        data={"name": "Jane Doe", "strength": "strong", "roles": ["mentor"], "areas": ["expertise"],
              "modes": ["personal"], "sector": "medicine", "reach": "local", "notes": "likes tea",
              "cadence_days": 30},
    )  # fmt: skip
    node2 = network.node_create(
        owner=ana,
        data={"name": "Raj Patel", "strength": "weak", "areas": ["academic"],
              "modes": ["technology"], "sector": "academia", "reach": "international"},
    )  # fmt: skip
    secret = network.node_create(
        owner=ana, data={"name": "Secret Sam", "strength": "strong", "private": True}
    )
    absent = network.node_create(owner=ana, data={"name": "Nora Absent", "strength": "absent"})
    alter = network.alter_tie_create(owner=ana, source=node.pk, target=node2.pk)
    upkeep.tie_reminder_set(node=node2, never=True)
    interaction = upkeep.interaction_create(
        owner=ana,
        data={"date": date(2025, 1, 10), "nodes": [node.pk], "kind": "advice_sought",
              "note": "talked about the grant"},
    )  # fmt: skip
    goal = planning.goal_create(
        owner=ana, data={"title": "Find a sponsor", "nodes": [node.pk, secret.pk]}
    )
    prospect = planning.prospect_create(
        owner=ana, data={"name": "Dr Prospect", "goal": goal.pk, "why": "grant writing"}
    )
    action = planning.action_create(
        owner=ana,
        data={"title": "Email the dean", "goal": goal.pk, "nodes": [node.pk],
              "due_date": date(2025, 2, 1), "notes": "private action notes"},
    )  # fmt: skip
    planning.reflection_save(owner=ana, data={"notes": "post less, read more"})
    snapshot = upkeep.snapshot_take(owner=ana, kind="manual", label="before coaching")
    batch = transfer.import_stage(
        owner=ana,
        data=(IMPORTS / "Connections.csv").read_bytes(),
        filename="Connections.csv",
    )
    record = batch.records.order_by("position").first()
    assert record is not None
    from tiewise.jobs.models import Job

    job = Job.objects.create(
        owner=ana, kind="worksheet_pdf", status="done", result_url="/worksheet",
        result={"media_type": "application/pdf", "filename": "w.pdf"}, output=b"%PDF-1.7",
    )  # fmt: skip
    ana_token, _ = token_create(user=ana, name="laptop")
    ro_token, ro_raw = token_create(user=ana, name="read only", scope="read")
    feed_token = upkeep_selectors.feed_token(ana)

    skill = learning.skill_create(owner=ana, data={"name": "Point-of-care ultrasound"})
    question = learning.question_ask(
        owner=ana, data={"text": "FAST views first?", "asked": [node.pk], "date": "2025-01-11"}
    )
    answer = learning.answer_add(
        question=question, data={"node": node.pk, "text": "RUQ first", "date": "2025-01-12"}
    )
    resource = learning.resource_log(
        owner=ana, data={"title": "POCUS in shock", "direction": "gave", "people": [node.pk],
                         "date": "2025-01-13"},
    )  # fmt: skip
    club = learning.club_create(owner=ana, data={"name": "ED club"})
    learning.club_member_add(club=club, data={"node": node2.pk})
    article = learning.club_article_add(club=club, actor=ana, data={"title": "POCUS in shock"})
    learning.club_post_add(article=article, actor=ana, data={"text": "Strong design"})

    ben_node = network.node_create(owner=ben, data={"name": "Ben's Friend", "strength": "weak"})

    cam, cam_rel = _coach(
        ana, "cam@example.org", {"private_nodes": True, "notes": True, "plan": True}
    )
    dee, dee_rel = _coach(
        ana, "dee@example.org", {"private_nodes": False, "notes": False, "plan": False}
    )
    eve, eve_rel = _coach(
        ana, "eve@example.org", {"private_nodes": True, "notes": True, "plan": True}
    )
    coaching.relationship_revoke(user=ana, relationship_id=eve_rel.pk)  # fmt: skip
    cam_node = network.node_create(owner=cam, data={"name": "Cam's Dean", "strength": "strong"})
    note = coaching.session_note_create(rel=cam_rel, body="first session went well")
    intro = coaching.introduction_offer(introducer=cam, rel=cam_rel, node_id=cam_node.pk, why="ask")
    comment = coaching.comment_create(
        user=cam, rel=cam_rel, kind="goal", item_id=goal.pk, body="good"
    )
    cohort = coaching.cohort_save(coach=cam, name="Residents 2025", member_ids=[cam_rel.pk])
    fay = user_create(email="fay@example.org", password=PASSWORD, display_name="Fay")
    fay_rel = coaching.coaching_request(coach=fay, email=ana.email)
    invited = coaching.invitation_create(coachee=ana, email="gil@example.org")

    # The directory: Ana and Ben are listed (Ana with a public card), Lia is
    # listed and nobody's persona; Ben asked Ana to connect; Ana went to a
    # conference and met someone there.
    ana_listing = directory.listing_save(
        user=ana, data={"listed": True, "public_card": True, "topics": ["sepsis"]}
    )
    directory.listing_save(user=ben, data={"listed": True, "offers": ["mentoring"]})
    lia = user_create(email="lia@example.org", password=PASSWORD, display_name="Lia Sponsor")
    directory.listing_save(user=lia, data={"listed": True, "offers": ["sponsorship"]})
    conn = directory.connection_request(requester=ben, to_user=ana.pk, message="hello")
    event = directory.event_create(
        owner=ana, data={"name": "SAEM 2025", "starts_on": date(2025, 5, 12),
                         "ends_on": date(2025, 5, 15)},
    )  # fmt: skip
    directory.event_met(owner=ana, event=event, line="Ola Berg, Karolinska, sepsis")

    personas = {
        "anon": _persona("anon", None),
        "ana": _persona("ana", ana),
        "ben": _persona("ben", ben),
        "cam": _persona("cam", cam, cam_rel),
        "dee": _persona("dee", dee, dee_rel),
        "eve": _persona("eve", eve, eve_rel),
    }
    world = World(ana=ana, ben=ben, personas=personas)
    world.read_only_api = ApiClient(ro_raw)
    world.feed_token = feed_token
    world.invite_token = coaching.invitation_token(invited)
    world.ids = {
        "node": node.pk, "node2": node2.pk, "secret": secret.pk, "absent": absent.pk,
        "alter": alter.pk, "interaction": interaction.pk, "goal": goal.pk,
        "prospect": prospect.pk, "action": action.pk, "snapshot": snapshot.pk,
        "batch": batch.pk, "record": record.pk, "token": ana_token.pk, "ro_token": ro_token.pk,
        "ben_node": ben_node.pk, "cam_node": cam_node.pk, "note": note.pk, "intro": intro.pk,
        "comment": comment.pk, "cohort": cohort.pk, "cam_rel": cam_rel.pk,
        "dee_rel": dee_rel.pk, "eve_rel": eve_rel.pk, "fay_rel": fay_rel.pk if fay_rel else 0,
        "invited_rel": invited.pk, "job": str(job.pk),
        "lia": lia.pk, "ben_user": ben.pk, "conn": conn.pk, "event": event.pk,
        "card_key": ana_listing.card_key, "skill": skill.pk,
        "question": question.pk, "answer": answer.pk, "resource": resource.pk, "club": club.pk,
        "article": article.pk,
    }  # fmt: skip
    return world


@pytest.fixture(scope="module")
def world(django_db_setup: Any, django_db_blocker: Any) -> Iterator[World]:
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield build_world()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            cache.clear()


def isolated(fn: Callable[[], Any]) -> Any:
    """Run one request (or any write) and undo whatever it did."""
    with transaction.atomic():
        try:
            return fn()
        finally:
            transaction.set_rollback(True)
            cache.clear()


# What belongs to a user, as (model, lookup to the user, fields to ignore),
# including the coaching work done about them (comments, notes, agendas).
OWNED: list[tuple[Any, str, tuple[str, ...]]] = [
    (Profile, "user", ()),
    (ApiToken, "user", ("last_used_at",)),
    (Node, "owner", ()),
    (Tie, "node__owner", ()),
    (AlterTie, "owner", ()),
    (MapPosition, "node__owner", ()),
    (Goal, "owner", ()),
    (Prospect, "owner", ()),
    (ProspectEvent, "prospect__owner", ()),
    (Action, "owner", ()),
    (Reflection, "owner", ()),
    (Interaction, "owner", ()),
    (UpkeepSettings, "user", ()),
    (TieReminder, "node__owner", ()),
    (Snapshot, "owner", ()),
    (ImportBatch, "owner", ()),
    (StagedRecord, "batch__owner", ()),
    (CoachingRelationship, "coachee", ()),
    (Cohort, "coach", ()),
    (SessionNote, "relationship__coachee", ()),
    (Comment, "relationship__coachee", ()),
    (Agenda, "relationship__coachee", ()),
    (Introduction, "relationship__coachee", ()),
    (Listing, "user", ("updated_at",)),
    (Connection, "requester", ()),
    (Connection, "target", ()),
    (Event, "owner", ()),
    (Met, "event__owner", ()),
    (Skill, "owner", ()),
    (SkillComment, "skill__owner", ()),
    (Question, "owner", ()),
    (Answer, "question__owner", ()),
    (Resource, "owner", ()),
    (Club, "owner", ()),
    (ClubMember, "club__owner", ()),
    (ClubArticle, "club__owner", ()),
    (ClubPost, "article__club__owner", ()),
]


def fingerprint(user: Any) -> str:
    """A digest of everything `user` owns: equal before and after a request
    means the request changed nothing of theirs."""
    rows: list[Any] = [User.objects.filter(pk=user.pk).values("email", "is_active", "password")[0]]
    for model, lookup, skip in OWNED:
        values = [
            {k: v for k, v in row.items() if k not in skip}
            for row in model.objects.filter(**{lookup: user}).order_by("pk").values()
        ]
        rows.append([model.__name__, values])
    # Requests wait on the address, not the account, until they are accepted.
    requests = CoachingRelationship.objects.filter(invited_email__iexact=user.email, coachee=None)
    rows.append(["requests", list(requests.order_by("pk").values())])
    return hashlib.sha256(json.dumps(rows, default=str, sort_keys=True).encode()).hexdigest()
