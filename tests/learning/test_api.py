"""/api/v1 skills, questions, resources and clubs."""

from __future__ import annotations

from typing import Any

from tiewise.coaching import services as coaching
from tiewise.learning import services
from tiewise.upkeep.models import Interaction


def test_skills_round_trip_with_the_people_who_can_help(owner_api: Any, pln: Any) -> None:
    r = owner_api.post("/api/v1/skills", {"name": "Point-of-care ultrasound", "kind": "growth",
                                          "level": 2, "target": 4})  # fmt: skip
    assert r.status_code == 201, r.json()
    skill = r.json()
    assert set(skill) >= {"id", "name", "kind", "level", "target", "goal", "people"}
    assert skill["people"][0] == {"id": pln["ruiz"].pk, "name": "Dr Ruiz", "strength": "strong"}
    r = owner_api.patch(f"/api/v1/skills/{skill['id']}", {"level": 3})
    assert r.json()["level"] == 3
    assert owner_api.get("/api/v1/skills").json()["count"] == 1
    assert owner_api.delete(f"/api/v1/skills/{skill['id']}").status_code == 204


def test_a_skill_kind_outside_the_vocabulary_is_a_422(owner_api: Any) -> None:
    r = owner_api.post("/api/v1/skills", {"name": "Stats", "kind": "weakness"})
    assert r.status_code == 422 and "kind" in str(r.json()["detail"])


def test_node_expertise_is_a_list_in_the_nodes_api(owner_api: Any) -> None:
    r = owner_api.post("/api/v1/nodes", {"name": "Dr Lee", "expertise": ["Ultrasound", "Sepsis"]})
    assert r.status_code == 201, r.json()
    assert owner_api.get(f"/api/v1/nodes/{r.json()['id']}").json()["expertise"] == [
        "Ultrasound", "Sepsis"
    ]  # fmt: skip


def test_the_question_flow_over_the_api(owner: Any, owner_api: Any, pln: Any) -> None:
    ruiz = pln["ruiz"].pk
    r = owner_api.post("/api/v1/questions", {"text": "Which FAST views first?",
                                             "kind": "clinical", "asked": [ruiz]})  # fmt: skip
    assert r.status_code == 201, r.json()
    qid = r.json()["id"]
    r = owner_api.post(f"/api/v1/questions/{qid}/answers",
                       {"node": ruiz, "text": "RUQ first",
                        "references": ["PMID:31234567", "doi:10.1056/NEJMoa1",
                                       "https://www.acep.org/pocus"]})  # fmt: skip
    assert r.status_code == 201, r.json()
    answer = r.json()["answers"][0]
    assert [x["ref"] for x in answer["references"]] == [
        "PMID:31234567", "DOI:10.1056/nejmoa1", "https://www.acep.org/pocus"
    ]  # fmt: skip
    r = owner_api.patch(f"/api/v1/questions/{qid}", {"status": "applied"})
    assert r.status_code == 422
    assert f"answer {answer['id']}" in str(r.json()["detail"])
    r = owner_api.post(
        f"/api/v1/questions/{qid}/check",
        {"answer": answer["id"], "source": "ACEP 2023", "agrees": True},
    )
    assert r.status_code == 200 and r.json()["status"] == "checked"
    r = owner_api.patch(f"/api/v1/questions/{qid}", {"status": "applied"})
    assert r.status_code == 200 and r.json()["status"] == "applied"
    kinds = set(Interaction.objects.filter(owner=owner, nodes=ruiz).values_list("kind", flat=True))
    assert kinds == {"advice_sought", "advice_given"}


def test_another_users_question_is_a_404(owner: Any, other_api: Any) -> None:
    q = services.question_ask(owner=owner, data={"text": "Probe?"})
    assert other_api.get(f"/api/v1/questions/{q.pk}").status_code == 404
    r = other_api.post(
        f"/api/v1/questions/{q.pk}/check", {"answer": 1, "source": "x", "agrees": True}
    )
    assert r.status_code == 404


def test_resources_list_what_was_given_and_received(owner_api: Any, pln: Any) -> None:
    r = owner_api.post("/api/v1/resources", {"title": "POCUS in shock", "pmid": "31234567",
                                             "kind": "article", "direction": "received",
                                             "people": [pln["lee"].pk]})  # fmt: skip
    assert r.status_code == 201, r.json()
    got = owner_api.get("/api/v1/resources?direction=received").json()
    assert got["count"] == 1 and got["items"][0]["people"][0]["name"] == "Dr Lee"
    assert owner_api.get("/api/v1/resources?direction=gave").json()["count"] == 0


def test_a_club_member_reads_and_posts_and_an_outsider_gets_404(
    owner_api: Any, other: Any, other_api: Any
) -> None:
    club = owner_api.post("/api/v1/clubs", {"name": "ED club"}).json()
    cid = club["id"]
    art = owner_api.post(f"/api/v1/clubs/{cid}/articles", {"title": "RCT", "pmid": "123"}).json()
    path = f"/api/v1/clubs/{cid}/articles/{art['id']}/posts"
    assert other_api.get(path).status_code == 404
    assert other_api.get(f"/api/v1/clubs/{cid}/articles").status_code == 404
    r = owner_api.post(f"/api/v1/clubs/{cid}/members", {"email": other.email})
    assert r.status_code == 201 and r.json()["user"] is True
    r = other_api.post(path, {"strengths": "Randomised", "implications": "Scan early"})
    assert r.status_code == 201 and r.json()["author"] == "Ben"
    assert other_api.get(path).json()["count"] == 1
    # A member sees the club, not the owner's people or members' emails.
    seen = other_api.get("/api/v1/clubs").json()[0]
    assert seen["mine"] is False and seen["members"][0].get("email") is None
    assert (
        other_api.post(f"/api/v1/clubs/{cid}/members", {"email": "x@example.org"}).status_code
        == 404
    )


def test_a_coach_sees_shared_skills_read_only(owner: Any, client: Any, pln: Any) -> None:
    from tests.conftest import sign_in
    from tiewise.accounts.services import user_create

    services.skill_create(owner=owner, data={"name": "Leadership", "kind": "growth"})
    cam = user_create(email="cam@example.org", password="correct horse 51", display_name="Cam")
    rel = coaching.invitation_create(coachee=owner, email=cam.email, share={"plan": True})
    rel = coaching.invitation_accept(coach=cam, token=coaching.invitation_token(rel))
    sign_in(client, cam)
    page = client.get(f"/coaching/coachees/{rel.pk}/learning/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Leadership" in text and "No one in the network for Leadership" in text
    # The coach has no way to the coachee's own learning pages.
    assert client.get("/learning/skills/1/").status_code == 404
