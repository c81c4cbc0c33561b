"""Our own JSON export, imported into a fresh account, gives the same PLN."""

from __future__ import annotations

import json
from typing import Any

import time_machine

from tiewise.accounts.services import user_create
from tiewise.learning import services as learning
from tiewise.network import services as network
from tiewise.network.models import Node
from tiewise.planning import services as planning
from tiewise.transfer import services
from tiewise.upkeep import services as upkeep


def build_rich_pln(owner: Any) -> None:
    ana = network.node_create(
        owner=owner,
        data={"name": "Ana Lima", "kind": "person", "strength": "strong", "modes": ["personal"],
              "areas": ["academic", "expertise"], "roles": ["mentor", "sponsor"],
              "organisation": "St Elsewhere", "title": "Professor", "profession": "Physician",
              "sector": "medicine", "reach": "international", "city": "Lisbon",
              "country": "Portugal", "email": "ana@example.org", "phone": "+351 1 234",
              "links": ["https://example.org/ana"], "tags": ["research", "teaching"],
              "notes": "Met at ICRE.\nLikes coffee.", "how_we_met": "A conference dinner",
              "private": True, "since": "2019-05-01", "cadence_days": 30},
    )  # fmt: skip
    ben = network.node_create(owner=owner, data={"name": "Ben Ode", "strength": "weak"})
    club = network.node_create(
        owner=owner, data={"name": "Journal club", "kind": "community", "strength": "absent"}
    )
    network.alter_tie_create(owner=owner, source=ana.pk, target=ben.pk, strength="strong")
    network.alter_tie_create(owner=owner, source=ben.pk, target=club.pk)
    goal = planning.goal_create(
        owner=owner,
        data={"title": "Publish a review", "specific": "On PLNs", "target_date": "2024-12-01",
              "nodes": [ana.pk]},
    )  # fmt: skip
    planning.prospect_create(
        owner=owner, data={"name": "Dr Who", "why": "Time", "goal": goal.pk, "areas": ["academic"]}
    )
    planning.action_create(
        owner=owner,
        data={"title": "Email Ana", "goal": goal.pk, "nodes": [ana.pk, ben.pk],
              "due_date": "2024-07-01", "strategy": "research_collaboration"},
    )  # fmt: skip
    upkeep.interaction_create(
        owner=owner,
        data={"date": "2024-05-20", "nodes": [ana.pk], "channel": "video",
              "kind": "advice_sought", "direction": "received", "quality": 5, "note": "Great"},
    )  # fmt: skip
    upkeep.snapshot_take(owner=owner, label="Before the session")
    build_learning(owner, ana=ana.pk, ben=ben.pk, goal=goal.pk)


def build_learning(owner: Any, *, ana: int, ben: int, goal: int) -> None:
    network.node_update(node=Node.objects.get(pk=ana), data={"expertise": ["ultrasound"]})
    pocus = learning.skill_create(
        owner=owner, data={"name": "Point-of-care ultrasound", "kind": "growth", "level": 2,
                           "target": 4, "goal": goal, "note": "For the ED rotation"},
    )  # fmt: skip
    learning.skill_create(owner=owner, data={"name": "Teaching", "kind": "strength", "level": 4})
    q = learning.question_ask(
        owner=owner, data={"text": "Which FAST views first in hypotension?", "kind": "clinical",
                           "asked": [ana, ben], "date": "2024-05-21", "skill": pocus.pk},
    )  # fmt: skip
    a = learning.answer_add(
        question=q, data={"node": ana, "text": "RUQ first, then subxiphoid.",
                          "references": ["PMID:31234567", "https://www.acep.org/pocus"],
                          "date": "2024-05-22"},
    )  # fmt: skip
    learning.answer_check(
        question=q, data={"answer": a.pk, "source": "ACEP 2023", "source_kind": "guideline",
                          "agrees": True},
    )  # fmt: skip
    learning.question_update(question=q, data={"status": "applied"})
    learning.resource_log(
        owner=owner, data={"title": "POCUS in shock", "pmid": "31234567", "kind": "article",
                           "direction": "received", "people": [ana], "date": "2024-05-23",
                           "note": "Read before the shift"},
    )  # fmt: skip
    club = learning.club_create(owner=owner, data={"name": "ED ultrasound club"})
    member = learning.club_member_add(club=club, data={"node": ben})
    learning.club_member_add(club=club, data={"email": "someone@example.org", "name": "Sam"})
    article = learning.club_article_add(
        club=club, actor=owner, data={"title": "POCUS in shock", "doi": "10.1056/NEJMoa1"}
    )
    learning.club_post_add(
        article=article, actor=owner, data={"strengths": "Large cohort", "member": member.pk}
    )
    learning.club_post_add(article=article, actor=owner, data={"implications": "Scan early"})


def normal(doc: dict[str, Any]) -> dict[str, Any]:
    """The export with ids replaced by names and timestamps dropped."""
    names = {n["id"]: n["name"] for n in doc["nodes"]}
    refs = {
        "node": names,
        "goal": {g["id"]: g["title"] for g in doc["goals"]},
        "prospect": {p["id"]: p["name"] for p in doc["prospects"]},
        "skill": {s["id"]: s["name"] for s in doc.get("skills", [])},
    }
    for c in doc.get("clubs", []):  # a post names its member by the club's member id
        members = {m["id"]: m["name"] or m["email"] for m in c["members"]}
        for a in c["articles"]:
            for p in a["posts"]:
                p["member"] = members.get(p["member"]) if p["member"] is not None else None

    def clean(row: dict[str, Any]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in row.items():
            if key == "id" or key.endswith("_at") or key == "taken_at":
                continue
            if key == "node":
                out[key] = refs["node"].get(value) if value is not None else None
            elif key in ("nodes", "asked", "people"):
                out[key] = sorted(refs["node"][v] for v in value)
            elif key in ("goal", "prospect", "skill"):
                out[key] = refs[key].get(value) if value is not None else None
            elif key == "data":  # a snapshot's: its node ids are re-keyed on restore
                nodes = [{**n, "id": n["name"]} for n in value["nodes"]]
                out[key] = {**value, "nodes": nodes}
            elif isinstance(value, list) and value and isinstance(value[0], dict):
                out[key] = [clean(v) for v in value]
            else:
                out[key] = value
        return out

    result: dict[str, Any] = {}
    for key in (
        "nodes",
        "goals",
        "prospects",
        "actions",
        "interactions",
        "snapshots",
        "skills",
        "questions",
        "resources",
        "clubs",
    ):
        result[key] = sorted(
            (clean(r) for r in doc[key]), key=lambda r: json.dumps(r, sort_keys=True)
        )
    result["alter_ties"] = sorted(
        tuple(sorted((names[t["source"]], names[t["target"]]))) + (t["strength"],)
        for t in doc["alter_ties"]
    )
    return result


@time_machine.travel("2024-06-01 10:00:00Z", tick=False)
def test_export_then_import_into_a_fresh_account_gives_the_same_pln(owner: Any) -> None:
    build_rich_pln(owner)
    body, media_type, filename = services.export_pln(owner=owner, format="json")
    first = json.loads(body)
    assert media_type == "application/json" and filename.endswith(".json")
    assert first["goals"] and first["prospects"] and first["actions"]
    assert first["interactions"] and first["snapshots"]
    assert first["skills"] and first["questions"][0]["answers"] and first["resources"]
    assert first["clubs"][0]["articles"][0]["posts"]

    fresh = user_create(email="fresh@example.org", password="correct horse 44")
    batch = services.import_stage(owner=fresh, data=body, filename=filename)
    assert set(batch.records.values_list("decision", flat=True)) <= {"strong", "weak", "prospect"}
    outcome = services.import_commit(batch=batch)
    assert outcome["created"] == 3

    second = json.loads(services.export_pln(owner=fresh, format="json")[0])
    assert normal(second) == normal(first)
    ana = next(n for n in second["nodes"] if n["name"] == "Ana Lima")
    assert ana["private"] is True and ana["cadence_days"] == 30
    assert ana["how_we_met"] == "A conference dinner" and ana["phone"] == "+351 1 234"
    assert ana["expertise"] == ["ultrasound"]
    question = second["questions"][0]
    assert question["status"] == "applied" and question["answers"][0]["agrees"] is True
    assert question["answers"][0]["references"] == ["PMID:31234567", "https://www.acep.org/pocus"]


def test_restoring_a_section_with_a_bad_value_adds_nothing(owner: Any) -> None:
    doc = {
        "format": "tiewise", "version": 1,
        "nodes": [{"id": 1, "name": "Ana"}], "alter_ties": [],
        "interactions": [{"id": 1, "date": "2024-01-01", "channel": "pigeon", "nodes": [1]}],
    }  # fmt: skip
    batch = services.import_stage(owner=owner, data=json.dumps(doc).encode(), filename="x.json")
    try:
        services.import_commit(batch=batch)
    except Exception as exc:  # noqa: BLE001
        assert "interactions" in str(exc) and "channel" in str(exc)
    else:
        raise AssertionError("expected a validation error")
    assert not owner.nodes.exists()
    batch.refresh_from_db()
    assert batch.status == "staged"
