"""The JSON export is lossless: export, import into a fresh account, export
again, and the two documents match section by section.

What may differ, and why:

- ids: every record gets a new one; the comparison names records instead
  (a node by its name, a goal by its title, ...), so a link that points at
  the wrong record still shows.
- `exported_at`: the moment of each export.
- `coaching` and `connections`: exported for the owner's information and
  never recreated (a relationship needs the other person's consent), so the
  fresh account's export has none.
- `directory_listing`: restored, but never listed again nor with a public
  card (the owner lists themselves again, on purpose).

Every other timestamp (when a goal was created, a prospect's history, when
an action was done, when a snapshot was taken, when a person joined the
network) is restored as it was and compared too.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
import time_machine
from django.core.exceptions import ValidationError

from tiewise.accounts.models import User
from tiewise.accounts.services import profile_update, user_create
from tiewise.coaching import services as coaching
from tiewise.core.snapshots import diff_snapshots
from tiewise.directory import services as directory
from tiewise.learning import services as learning
from tiewise.network import services as network
from tiewise.planning import services as planning
from tiewise.transfer import services
from tiewise.upkeep import selectors as upkeep_selectors
from tiewise.upkeep import services as upkeep
from tiewise.upkeep.models import Snapshot

BEFORE = "2024-05-01 09:00:00Z"
AFTER = "2024-06-01 10:00:00Z"
EXPORT = "2024-06-02 08:00:00Z"


def _person(owner: Any, **data: Any) -> Any:
    return network.node_create(owner=owner, data=data)


def build_rich_pln(owner: Any) -> dict[str, Any]:
    """Every section filled: a May snapshot, then June's changes, and
    coaching on both sides (Ana is coached by Cam and coaches Mia)."""
    with time_machine.travel(BEFORE, tick=False):
        profile_update(
            user=owner,
            data={"profession": "Physician", "specialty": "Emergency medicine",
                  "career_stage": "resident", "institution": "St Elsewhere", "city": "Porto",
                  "country": "Portugal", "orcid": "0000-0002-1825-0097", "x_handle": "@ana",
                  "bluesky": "ana.bsky.social", "mastodon": "@ana@med.social",
                  "linkedin": "https://www.linkedin.com/in/ana"},
        )  # fmt: skip
        planning.reflection_save(
            owner=owner,
            data={"platforms": ["x", "linkedin"], "pitfalls": ["no_patient_info", "accuracy"],
                  "profile_current": True, "profile_and_bio_check": "Bio is current.",
                  "people_and_hashtags_followed": "#MedEd", "posting_rhythm": "Weekly",
                  "notes": "Post less, read more."},
        )  # fmt: skip
        upkeep.upkeep_settings_update(
            owner=owner,
            data={"strong_key_days": 21, "strong_days": 45, "weak_days": None,
                  "digest_opt_in": True},
        )  # fmt: skip
        lima = _person(
            owner, name="Ana Lima", strength="strong", modes=["personal", "technology"],
            areas=["academic", "expertise"], roles=["mentor", "sponsor"],
            organisation="St Elsewhere", title="Professor", profession="Physician",
            sector="medicine", reach="international", city="Lisbon", country="Portugal",
            email="lima@example.org", phone="+351 1 234", links=["https://example.org/lima"],
            tags=["research"], notes="Met at ICRE.\nLikes coffee.", how_we_met="A dinner",
            private=True, since="2019-05-01", cadence_days=30,
        )  # fmt: skip
        ben = _person(owner, name="Ben Ode", strength="weak", areas=["informal_community"])
        club = _person(owner, name="Journal club", kind="community", strength="absent")
        dana = _person(owner, name="Dana Gone", strength="strong", roles=["peer"])
        eve = _person(owner, name="Eve Grow", strength="weak", areas=["academic"])
        network.alter_tie_create(owner=owner, source=lima.pk, target=ben.pk, strength="strong")
        network.alter_tie_create(owner=owner, source=ben.pk, target=club.pk)
        network.alter_tie_create(owner=owner, source=dana.pk, target=eve.pk, strength="weak")
        network.map_position_save(
            owner=owner, node_id=lima.pk, x=120.5, y=-40.25, layout="worksheet"
        )
        network.map_position_save(owner=owner, node_id=lima.pk, x=3.0, y=4.0, layout="force")
        network.map_position_save(owner=owner, node_id=ben.pk, x=-7.125, y=88.0, layout="force")
        upkeep.tie_reminder_set(node=ben, snoozed_until=date(2024, 6, 20))
        upkeep.tie_reminder_set(node=eve, never=True)
        review = planning.goal_create(
            owner=owner,
            data={"title": "Publish a review", "specific": "On PLNs", "measurable": "Accepted",
                  "assignable": "Me", "relevant": "Career", "target_date": "2024-12-01",
                  "wish": "Be read", "outcome": "Cited", "obstacle": "Time", "plan": "Mornings",
                  "nodes": [lima.pk, ben.pk]},
        )  # fmt: skip
        sponsor = planning.goal_create(
            owner=owner, data={"title": "Find a sponsor", "status": "achieved", "nodes": [dana.pk]}
        )
        who = planning.prospect_create(
            owner=owner,
            data={"name": "Dr Who", "why": "Time", "goal": review.pk, "areas": ["academic"],
                  "roles": ["subject_expert"], "sector": "academia", "reach": "national",
                  "organisation": "Gallifrey U", "how_to_reach": "Ask Ben"},
        )  # fmt: skip
        planning.prospect_set_status(prospect=who, status="reached_out", note="Emailed")
        join = planning.prospect_create(owner=owner, data={"node": club.pk, "goal": sponsor.pk})
        first = planning.action_create(
            owner=owner,
            data={"title": "Email Lima", "goal": review.pk, "nodes": [lima.pk, ben.pk],
                  "due_date": "2024-05-20", "strategy": "research_collaboration",
                  "notes": "About the outline"},
        )  # fmt: skip
        planning.action_set_status(action=first, status="done")
        second = planning.action_create(
            owner=owner, data={"title": "Join the club", "goal": sponsor.pk, "nodes": [club.pk]}
        )
        planning.action_create(owner=owner, data={"title": "Dropped idea", "status": "dropped"})
        upkeep.interaction_create(
            owner=owner,
            data={"date": "2024-04-20", "nodes": [lima.pk, ben.pk], "channel": "video",
                  "kind": "advice_sought", "direction": "received", "quality": 5,
                  "note": "Great chat"},
        )  # fmt: skip
        upkeep.interaction_create(owner=owner, data={"date": "2024-04-02", "nodes": [dana.pk]})
        upkeep.snapshot_take(owner=owner, label="Before the session")

    with time_machine.travel(AFTER, tick=False):
        network.node_update(node=eve, data={"strength": "strong", "areas": ["expertise"]})
        network.node_delete(node=dana)
        _person(owner, name="Fay New", strength="weak", areas=["professional_identity"])
        planning.action_set_status(action=second, status="done")
        planning.prospect_set_status(prospect=join, status="connected", note="Went to one")
        upkeep.interaction_create(
            owner=owner, data={"date": "2024-05-30", "nodes": [eve.pk], "kind": "teaching"}
        )
        upkeep.snapshot_take(owner=owner, kind="auto", label="Start of June 2024")
        build_learning(owner, lima=lima, ben=ben, goal=review)

        cam = user_create(email="cam@example.org", password="correct horse 51", display_name="Cam")
        invite = coaching.invitation_create(
            coachee=owner, email="cam@example.org", message="Coach me?",
            share={"plan": True, "private_nodes": True, "notes": False},
        )  # fmt: skip
        by_cam = coaching.invitation_accept(coach=cam, token=coaching.invitation_token(invite))
        coaching.comment_create(user=owner, rel=by_cam, kind="goal", item_id=review.pk,
                                body="Draft is ready.")  # fmt: skip
        coaching.comment_create(user=cam, rel=by_cam, kind="goal", item_id=review.pk,
                                body="Cam's own words: not Ana's to export.")  # fmt: skip
        coaching.comment_create(user=owner, rel=by_cam, kind="action", item_id=first.pk,
                                body="Sent it.")  # fmt: skip
        coaching.session_note_create(rel=by_cam, body="Cam's note about Ana", shared=True)
        gone = coaching.invitation_create(coachee=owner, email="old@example.org")
        coaching.relationship_revoke(user=owner, relationship_id=gone.pk)

        mia = user_create(email="mia@example.org", password="correct horse 52", display_name="Mia")
        mias_goal = planning.goal_create(owner=mia, data={"title": "Mia's goal"})
        asked = coaching.invitation_create(coachee=mia, email=owner.email)
        for_mia = coaching.invitation_accept(coach=owner, token=coaching.invitation_token(asked))
        coaching.comment_create(user=owner, rel=for_mia, kind="goal", item_id=mias_goal.pk,
                                body="Make it measurable.")  # fmt: skip
        coaching.session_note_create(
            rel=for_mia, body="Talked about sponsors", on=date(2024, 5, 28)
        )
        coaching.session_note_create(rel=for_mia, body="Follow-up", on=date(2024, 5, 31),
                                     shared=True)  # fmt: skip
        coaching.agenda_save(rel=for_mia, text="1. The review\n2. Sponsors")
        coaching.introduction_offer(introducer=owner, rel=for_mia, node_id=lima.pk, why="Research")
        coaching.cohort_save(coach=owner, name="Residents 2024", member_ids=[for_mia.pk])

        directory.listing_save(
            user=owner,
            data={"listed": True, "public_card": True, "bio": "EM resident, ultrasound.",
                  "institution": "St Elsewhere", "career_stage": "resident", "sector": "medicine",
                  "country": "Portugal", "areas": ["expertise"], "topics": ["POCUS", "sepsis"],
                  "offers": ["teaching"], "seeks": ["sponsorship", "mentoring"]},
        )  # fmt: skip
        directory.listing_save(user=mia, data={"listed": True, "offers": ["mentoring"]})
        directory.connection_request(requester=owner, to_user=mia.pk, message="Coffee?")
        congress = directory.event_create(
            owner=owner, data={"name": "EuSEM 2024", "starts_on": date(2024, 5, 28),
                               "ends_on": date(2024, 5, 31), "place": "Copenhagen",
                               "hashtag": "#EuSEM24", "backchannel": "https://chat.example/eusem"},
        )  # fmt: skip
        directory.event_met(owner=owner, event=congress, line="Ola Berg, Karolinska, sepsis")
        directory.event_met(owner=owner, event=congress, line="Kenji Ito, Kyoto University")
    return {"before": Snapshot.objects.get(owner=owner, label="Before the session")}


def build_learning(owner: Any, *, lima: Any, ben: Any, goal: Any) -> None:
    """Skills, a checked and applied question, a resource and a club."""
    network.node_update(node=lima, data={"expertise": ["Ultrasound", "Sepsis"]})
    pocus = learning.skill_create(
        owner=owner, data={"name": "Point-of-care ultrasound", "kind": "growth", "level": 2,
                           "target": 4, "goal": goal.pk, "note": "ED rotation"},
    )  # fmt: skip
    learning.skill_create(owner=owner, data={"name": "Teaching", "kind": "strength", "level": 4,
                                             "target": 5})  # fmt: skip
    q = learning.question_ask(
        owner=owner, data={"text": "Which FAST views first?", "asked": [lima.pk, ben.pk],
                           "date": "2024-05-29", "skill": pocus.pk},
    )  # fmt: skip
    a = learning.answer_add(
        question=q, data={"node": lima.pk, "text": "RUQ, then subxiphoid.",
                          "references": ["pmid 31234567", "doi:10.1056/NEJMoa1"],
                          "date": "2024-05-30"},
    )  # fmt: skip
    learning.answer_add(question=q, data={"node": ben.pk, "text": "Cardiac first."})
    for answer, agrees in ((a, True), (q.answers.exclude(pk=a.pk).get(), False)):
        learning.answer_check(
            question=q, data={"answer": answer.pk, "source": "ACEP 2023", "agrees": agrees,
                              "source_kind": "guideline"},
        )  # fmt: skip
    learning.question_update(question=q, data={"status": "applied"})
    learning.question_ask(owner=owner, data={"text": "How do I negotiate protected time?",
                                             "kind": "non_clinical", "asked": [ben.pk]})  # fmt: skip
    learning.resource_log(
        owner=owner, data={"title": "POCUS in shock", "pmid": "31234567", "direction": "gave",
                           "people": [ben.pk], "note": "Read it", "url": "https://example.org/p"},
    )  # fmt: skip
    club = learning.club_create(owner=owner, data={"name": "ED club", "description": "Monthly"})
    member = learning.club_member_add(club=club, data={"node": ben.pk})
    learning.club_member_add(club=club, data={"email": "nobody@example.org", "name": "Noor"})
    article = learning.club_article_add(
        club=club, actor=owner, data={"title": "POCUS in shock", "doi": "10.1056/NEJMoa1"}
    )
    learning.club_post_add(article=article, actor=owner,
                           data={"strengths": "Big cohort", "member": member.pk})  # fmt: skip
    learning.club_post_add(article=article, actor=owner, data={"implications": "Scan early"})


def restore_into(fresh: Any, body: bytes) -> dict[str, int]:
    """What the import page does: stage the file, then commit it as staged."""
    batch = services.import_stage(owner=fresh, data=body, filename="tiewise-pln.json")
    return services.import_commit(batch=batch)


# --- comparing two exports ----------------------------------------------------------


class Names:
    """Each record of an export by what a person would call it."""

    def __init__(self, doc: dict[str, Any]) -> None:
        self.node = {n["id"]: n["name"] for n in doc["nodes"]}
        self.goal = {g["id"]: g["title"] for g in doc["goals"]}
        self.prospect = {p["id"]: p["name"] for p in doc["prospects"]}
        self.action = {a["id"]: a["title"] for a in doc["actions"]}
        self.skill = {s["id"]: s["name"] for s in doc["skills"]}

    def of(self, kind: str, value: Any) -> Any:
        return None if value is None else getattr(self, kind)[value]


def normal(name: str, rows: list[dict[str, Any]], names: Names) -> list[dict[str, Any]]:
    """A section with its ids dropped and its links named."""
    out = []
    for row in rows:
        row = {k: v for k, v in row.items() if k != "id"}
        if "node" in row:
            row["node"] = names.of("node", row["node"])
        if "nodes" in row:
            row["nodes"] = sorted(names.of("node", n) for n in row["nodes"])
        if "goal" in row:
            row["goal"] = names.of("goal", row["goal"])
        if name == "events":
            row["met"] = [{**m, "node": names.of("node", m["node"]), "interaction": None,
                           "action": names.of("action", m["action"])} for m in row["met"]]  # fmt: skip
        for key in ("asked", "people"):
            if key in row:
                row[key] = sorted(names.of("node", n) for n in row[key])
        if "skill" in row:
            row["skill"] = names.of("skill", row["skill"])
        if name == "questions":
            row["answers"] = [{**a, "node": names.of("node", a["node"])} for a in row["answers"]]
        if name == "clubs":
            members = {m["id"]: m["name"] or m["email"] for m in row["members"]}
            row["members"] = [
                {**without_ids(m), "node": names.of("node", m["node"])} for m in row["members"]
            ]
            row["articles"] = [
                {**art, "posts": [{**p, "member": members.get(p["member"])} for p in art["posts"]]}
                for art in row["articles"]
            ]
        if name == "snapshots":
            data = row["data"]
            # A person deleted since the snapshot was taken is in no export's
            # nodes: their id is the original one the first time, a stand-in after.
            data["nodes"] = [{**n, "id": names.node.get(n["id"], "gone")} for n in data["nodes"]]
            data["lapsed"] = sorted(names.node.get(i, "gone") for i in data["lapsed"])
            data["done_actions"] = [
                {**a, "id": names.action.get(a["id"], "gone")} for a in data["done_actions"]
            ]
        out.append(row)
    return out


def comparable(doc: dict[str, Any]) -> dict[str, Any]:
    names = Names(doc)
    result = {"owner": doc["owner"], "sections": doc["sections"]}
    result["nodes"] = [{k: v for k, v in n.items() if k != "id"} for n in doc["nodes"]]
    result["alter_ties"] = sorted(
        (*sorted((names.node[t["source"]], names.node[t["target"]])), t["strength"])
        for t in doc["alter_ties"]
    )
    for name in doc["sections"]:
        result[name] = normal(name, doc[name], names)
    return result


def without_ids(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: without_ids(v) for k, v in value.items() if k != "id"}
    if isinstance(value, list):
        return [without_ids(v) for v in value]
    return value


# --- the round trip ----------------------------------------------------------------------


def test_export_import_export_gives_the_same_document_section_by_section(owner: Any) -> None:
    build_rich_pln(owner)
    with time_machine.travel(EXPORT, tick=False):
        body = services.export_pln(owner=owner, format="json")[0]
        first = json.loads(body)
        fresh = user_create(email="fresh@example.org", password="correct horse 44")
        outcome = restore_into(fresh, body)
        # A new request would load the account afresh (its profile changed).
        fresh = User.objects.get(pk=fresh.pk)
        second = json.loads(services.export_pln(owner=fresh, format="json")[0])

    assert first["version"] == 2
    for name in first["sections"]:
        assert first[name], f"the rich PLN fills every section: {name} is empty"
    assert outcome["coaching_not_restored"] == 3
    assert outcome["connections_not_restored"] == 1
    assert "coaching" not in outcome

    a, b = comparable(first), comparable(second)
    assert b["coaching"] == [], "coaching is for information only: nothing is recreated"
    assert b["connections"] == [], "a connection needs the other person: never recreated"
    a.pop("coaching"), b.pop("coaching"), a.pop("connections"), b.pop("connections")
    assert (b["directory_listing"][0]["listed"], b["directory_listing"][0]["public_card"]) == (
        False, False), "a restore never lists anyone"  # fmt: skip
    for row in a["directory_listing"]:
        row["listed"] = row["public_card"] = False
    assert all(m["interaction"] for e in second["events"] for m in e["met"])
    assert a.keys() == b.keys()
    for key in a:
        if key == "nodes" and b[key] != a[key]:  # say which field of whom differs
            for x, y in zip(a[key], b[key], strict=False):
                assert x == y, {
                    k: (x.get(k), y.get(k)) for k in x.keys() | y.keys() if x.get(k) != y.get(k)
                }
        assert b[key] == a[key], key


def test_the_restored_snapshot_shows_the_same_changes(owner: Any) -> None:
    before = build_rich_pln(owner)["before"]
    with time_machine.travel(EXPORT, tick=False):
        body = services.export_pln(owner=owner, format="json")[0]
        fresh = user_create(email="fresh@example.org", password="correct horse 44")
        restore_into(fresh, body)
        restored = Snapshot.objects.get(owner=fresh, label="Before the session")
        original = diff_snapshots(before.data, upkeep_selectors.pln_state(owner))
        again = diff_snapshots(restored.data, upkeep_selectors.pln_state(fresh))

    assert without_ids(again) == without_ids(original)
    # Fay joined; Ola and Kenji were met at EuSEM.
    assert [n["name"] for n in original["new_nodes"]] == ["Fay New", "Kenji Ito", "Ola Berg"]
    assert [n["name"] for n in original["removed_nodes"]] == ["Dana Gone"]
    assert {n["name"] for n in original["strengthened"]} == {"Eve Grow", "Journal club"}
    assert [a["title"] for a in original["actions_completed"]] == ["Join the club"]
    # Re-keyed: the restored snapshot names the restored nodes and actions.
    fresh_nodes = set(fresh.nodes.values_list("pk", flat=True))
    kept = [n["id"] for n in restored.data["nodes"] if n["name"] != "Dana Gone"]
    assert set(kept) <= fresh_nodes
    dana = next(n for n in restored.data["nodes"] if n["name"] == "Dana Gone")
    assert dana["id"] < 0, "someone deleted before the export gets a stand-in id"
    done = restored.data["done_actions"]
    assert [d["id"] for d in done] == list(
        fresh.plan_actions.filter(title="Email Lima").values_list("pk", flat=True)
    )


def test_the_coaching_section_holds_only_what_the_owner_wrote_or_chose(owner: Any) -> None:
    build_rich_pln(owner)
    doc = json.loads(services.export_pln(owner=owner, format="json")[0])
    rows = doc["coaching"]
    coached, revoked, coaching_mia = rows
    assert coached["role"] == "coachee" and coached["status"] == "active"
    assert coached["coach_email"] == "cam@example.org" and coached["message"] == "Coach me?"
    assert (coached["share_plan"], coached["share_private_nodes"], coached["share_notes"]) == (
        True, True, False,
    )  # fmt: skip
    assert [c["body"] for c in coached["comments"]] == ["Draft is ready.", "Sent it."]
    goal_ids = {g["id"] for g in doc["goals"]}
    assert coached["comments"][0]["item"] in goal_ids
    assert (revoked["status"], revoked["coach_email"]) == ("revoked", "old@example.org")
    assert coaching_mia["role"] == "coach" and coaching_mia["coachee_name"] == "Mia"
    assert [n["body"] for n in coaching_mia["session_notes"]] == [
        "Talked about sponsors",
        "Follow-up",
    ]
    assert coaching_mia["agenda"].startswith("1. The review")
    assert [c["item_title"] for c in coaching_mia["comments"]] == ["Mia's goal"]
    assert coaching_mia["introductions"][0]["name"] == "Ana Lima"
    assert coaching_mia["cohorts"] == ["Residents 2024"]
    text = json.dumps(rows)
    assert "Cam's own words" not in text and "Cam's note" not in text
    assert "mia@example.org" not in text, "the coachee's address is hers"


# --- restoring into an account that has things already -----------------------------------


def test_a_restore_fills_in_the_profile_and_reflection_without_overwriting(owner: Any) -> None:
    build_rich_pln(owner)
    body = services.export_pln(owner=owner, format="json")[0]
    other = user_create(email="zoe@example.org", password="correct horse 45", display_name="Zoe")
    profile_update(user=other, data={"city": "Oslo"})
    planning.reflection_save(owner=other, data={"platforms": ["mastodon"], "notes": "Mine"})
    restore_into(other, body)
    other.profile.refresh_from_db()
    assert (other.profile.display_name, other.profile.city) == ("Zoe", "Oslo")
    assert other.profile.specialty == "Emergency medicine"
    reflection = other.online_identity
    reflection.refresh_from_db()
    assert reflection.platforms == ["mastodon", "x", "linkedin"] and reflection.notes == "Mine"
    assert reflection.posting_rhythm == "Weekly"


def test_the_calendar_feed_secret_is_never_exported(owner: Any) -> None:
    build_rich_pln(owner)
    secret = upkeep_selectors.settings_for(owner).feed_secret
    body = services.export_pln(owner=owner, format="json")[0]
    assert secret.encode() not in body
    assert json.loads(body)["upkeep_settings"] == [
        {"strong_key_days": 21, "strong_days": 45, "weak_days": None, "digest_opt_in": True}
    ]


def test_someone_left_out_at_triage_drops_out_of_the_links_not_the_import(owner: Any) -> None:
    build_rich_pln(owner)
    body = services.export_pln(owner=owner, format="json")[0]
    fresh = user_create(email="fresh@example.org", password="correct horse 44")
    batch = services.import_stage(owner=fresh, data=body, filename="tiewise-pln.json")
    lima = batch.records.get(name="Ana Lima")
    services.staged_records_decide(batch=batch, ids=[lima.pk], decision="reject")
    services.import_commit(batch=batch)
    assert not fresh.nodes.filter(name="Ana Lima").exists()
    review = fresh.goals.get(title="Publish a review")
    assert list(review.nodes.values_list("name", flat=True)) == ["Ben Ode"]
    positions = json.loads(services.export_pln(owner=fresh, format="json")[0])["map_positions"]
    assert len(positions) == 1, "Lima's two places on the map went with her"
    before = Snapshot.objects.get(owner=fresh, label="Before the session")
    in_snapshot = {n["name"]: n["id"] for n in before.data["nodes"]}
    assert in_snapshot["Ana Lima"] < 0


# --- version 1 ------------------------------------------------------------------------------


def test_a_version_1_export_still_restores(owner: Any) -> None:
    from tests.transfer.conftest import sample

    with time_machine.travel("2024-06-03 08:00:00Z", tick=False):
        outcome = restore_into(owner, sample("tiewise-v1.json"))
        assert (outcome["created"], outcome["alter_ties"]) == (3, 2)
        assert {k: outcome[k] for k in ("goals", "prospects", "actions", "interactions")} == {
            "goals": 1, "prospects": 1, "actions": 1, "interactions": 1,
        }  # fmt: skip
        assert outcome["snapshots"] == 2
        ids = dict(owner.nodes.values_list("name", "pk"))
        goal = owner.goals.get()
        assert set(goal.nodes.values_list("name", flat=True)) == {"Ana Lima"}
        action = owner.plan_actions.get()
        assert action.status == "done" and action.done_at.isoformat() == "2024-05-30T08:00:00+00:00"
        assert owner.prospects.get().goal == goal
        with_cy = Snapshot.objects.get(owner=owner, label="With Cy")
        assert with_cy.taken_at.isoformat() == "2024-05-31T09:00:00+00:00"
        by_name = {n["name"]: n["id"] for n in with_cy.data["nodes"]}
        assert by_name["Ana Lima"] == ids["Ana Lima"] and by_name["Cy Gone"] < 0
        assert with_cy.data["lapsed"] == [by_name["Cy Gone"]]
        assert with_cy.data["done_actions"] == [{"id": action.pk, "title": "Email Ana"}]
        diff = diff_snapshots(with_cy.data, upkeep_selectors.pln_state(owner))
        assert [n["name"] for n in diff["removed_nodes"]] == ["Cy Gone"]
        assert diff["actions_completed"] == [] and diff["new_nodes"] == []


# --- bad rows ---------------------------------------------------------------------------------


def _doc(**sections: list[Any]) -> bytes:
    doc = {
        "format": "tiewise", "version": 2, "sections": {name: 1 for name in sections},
        "nodes": [{"id": 1, "name": "Ana"}, {"id": 2, "name": "Ben"}], "alter_ties": [],
        **sections,
    }  # fmt: skip
    return json.dumps(doc).encode()


def _snapshot(**data: Any) -> dict[str, Any]:
    base = {"version": 1, "nodes": [{"id": 1, "name": "Ana", "strength": "weak"}]}
    return {"id": 5, "taken_at": "2024-05-01T09:00:00+00:00", "data": {**base, **data}}


@pytest.mark.parametrize(
    ("section", "rows", "message"),
    [
        ("snapshots", [_snapshot(nodes=[{"id": "1", "name": "Ana"}])],
         "item 1, data.nodes[1].id: expected a whole-number id"),
        ("snapshots", [_snapshot(nodes=[{"id": 1, "name": "Ana", "strength": "best"}])],
         "item 1, data.nodes[1].strength: 'best' is not one of"),
        ("snapshots", [_snapshot(), _snapshot(nodes=[{"id": 1, "areas": ["space"]}])],
         "item 2, data.nodes[1].areas: 'space' is not one of"),
        ("snapshots", [_snapshot(done_actions=[{"id": None, "title": "x"}])],
         "item 1, data.done_actions[1].id: expected a whole-number id"),
        ("snapshots", [_snapshot(lapsed=["<script>"])],
         "item 1, data.lapsed: expected a list of whole numbers"),
        ("snapshots", [{"id": 5, "data": "not an object"}], "item 1, data: expected an object"),
        ("goals", [{"id": 1, "title": "Fine"}, {"id": 2, "title": "Linked", "nodes": [99]}],
         "item 2, nodes: '99' is not the id of a node in this file"),
        ("goals", [{"id": 1, "title": ""}], "item 1, title: this cannot be empty"),
        ("actions", [{"id": 1, "title": "A", "goal": 7}],
         "item 1, goal: '7' is not the id of a goal in this file"),
        ("prospects", [{"id": 1, "name": "P", "events": [{"status": "won"}]}],
         "item 1, events[1].status: 'won' is not one of"),
        ("interactions", [{"id": 1, "date": "2024-01-01", "quality": 9, "nodes": [1]}],
         "item 1, quality: expected a whole number from 1 to 5"),
        ("map_positions", [{"node": 1, "layout": "worksheet", "x": "left", "y": 0}],
         "item 1, x: expected a number"),
        ("tie_reminders", [{"node": 2, "snoozed_until": "soon"}],
         "item 1, snoozed_until: 'soon' is not a date like 2024-05-31"),
        ("profile", [{"orcid": "not-an-orcid"}], "item 1, orcid: An ORCID iD looks like"),
        ("upkeep_settings", [{"weak_days": 0}], "item 1, weak_days: expected a whole number"),
        ("reflection", [{"platforms": ["myspace"]}], "item 1, platforms: 'myspace' is not one of"),
        ("node_dates", [{"node": 1, "created_at": "yesterday"}], "item 1, created_at:"),
    ],
)  # fmt: skip
def test_a_bad_row_names_section_item_and_field_and_restores_nothing(
    owner: Any, section: str, rows: list[Any], message: str
) -> None:
    batch = services.import_stage(owner=owner, data=_doc(**{section: rows}), filename="x.json")
    with pytest.raises(ValidationError) as caught:
        services.import_commit(batch=batch)
    assert message in caught.value.message_dict[section][0]
    assert not owner.nodes.exists()
    assert not Snapshot.objects.filter(owner=owner).exists()
    batch.refresh_from_db()
    assert batch.status == "staged"


def test_a_section_newer_than_this_tiewise_fails_the_whole_file(owner: Any) -> None:
    from tiewise.core.importers import ImportFailed

    doc = json.loads(_doc(goals=[]))
    doc["sections"]["goals"] = 99
    with pytest.raises(ImportFailed, match="goals section is version 99"):
        services.import_stage(owner=owner, data=json.dumps(doc).encode(), filename="x.json")
    assert not owner.import_batches.exists()


def test_an_unknown_section_is_left_out_with_a_note(owner: Any) -> None:
    doc = json.loads(_doc())
    doc["sections"]["telepathy"] = 1
    doc["telepathy"] = [{"id": 1}]
    batch = services.import_stage(owner=owner, data=json.dumps(doc).encode(), filename="x.json")
    assert "telepathy" not in batch.sections
    assert any("telepathy" in w for w in batch.warnings)


# --- the import review -------------------------------------------------------------------


def _said(html: str, testid: str) -> str:
    """The text of the element with this test id, tags dropped, spaces collapsed."""
    import re

    found = re.search(rf'data-testid="{testid}">(.*?)</(li|p)>\s*$', html, re.S | re.M)
    assert found, testid
    text = " ".join(re.sub(r"<[^>]+>", " ", found.group(1)).split())
    return re.sub(r" ([:.,)])", r"\1", text)


def test_the_review_says_what_is_restored_and_what_is_kept_for_information(
    owner: Any, other_client: Any, other: Any
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    build_rich_pln(owner)
    body = services.export_pln(owner=owner, format="json")[0]
    response = other_client.post("/import/", {"file": SimpleUploadedFile("tiewise-pln.json", body)})
    review = response["Location"]
    html = other_client.get(review).content.decode()
    assert _said(html, "section-goals") == "Goals (2): restored when you add this import."
    assert _said(html, "section-profile") == "Your profile: restored when you add this import."
    coaching = _said(html, "section-coaching")
    assert coaching.startswith("Coaching (3): kept for your information only, not recreated.")
    assert (
        "Coached by cam@example.org (active, shared your plan, private people): 2 comments"
        in coaching
    )
    assert "You coached Mia (active): 2 session notes, 1 comment you wrote." in coaching
    assert "invite your coach again" in _said(html, "coaching-not-restored")

    done = other_client.post(review + "commit/", follow=True).content.decode()
    assert "restored: your profile, online identity reflection" in done
    assert _said(done, "section-goals") == "Goals (2): restored (2)."
    assert other.coach_links.count() == 0, "no relationship was recreated"


def test_the_cli_import_says_what_it_restored(owner: Any, tmp_path: Any, capsys: Any) -> None:
    from tiewise.cli import main
    from tiewise.upkeep.models import Snapshot

    build_rich_pln(owner)
    # Two taken by hand, and one a coaching session took.
    taken = Snapshot.objects.filter(owner=owner).count()
    assert taken == 3
    path = tmp_path / "tiewise-pln.json"
    path.write_bytes(services.export_pln(owner=owner, format="json")[0])
    user_create(email="fresh@example.org", password="correct horse 44")
    assert main(["import", "--user", "fresh@example.org", str(path), "--commit"]) == 0
    out = capsys.readouterr().out
    assert "  restored goals: 2\n" in out and f"  restored snapshots: {taken}\n" in out
    assert "  coaching: for your information only, not recreated\n" in out
