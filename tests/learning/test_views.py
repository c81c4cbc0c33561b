"""The learning pages, as the owner and as someone else."""

from __future__ import annotations

from typing import Any

from tiewise.learning import services
from tiewise.learning.models import Question


def test_the_learning_page_shows_who_can_help_and_flags_a_gap(
    owner: Any, owner_client: Any, pln: Any
) -> None:
    services.skill_create(owner=owner, data={"name": "Point-of-care ultrasound"})
    services.skill_create(owner=owner, data={"name": "Leadership"})
    html = owner_client.get("/learning/").content.decode()
    assert "Dr Ruiz" in html and "Dr Lee" in html
    assert "No one in your network for Leadership" in html


def test_adding_a_skill_from_the_page(owner: Any, owner_client: Any) -> None:
    r = owner_client.post("/learning/skills/new/", {"name": "Teaching", "kind": "strength",
                                                    "level": "4", "target": "5"})  # fmt: skip
    assert r.status_code == 302
    assert owner.skills.get().kind == "strength"


def test_a_bad_level_comes_back_as_a_message_naming_the_field(
    owner: Any, owner_client: Any
) -> None:
    r = owner_client.post("/learning/skills/new/", {"name": "Stats", "level": "9"}, follow=True)
    assert "Current level: A level is a number from 1 to 5." in r.content.decode()
    assert not owner.skills.exists()


def test_applying_an_unchecked_clinical_answer_is_explained(
    owner: Any, owner_client: Any, pln: Any
) -> None:
    q = services.question_ask(owner=owner, data={"text": "FAST views?"})
    services.answer_add(question=q, data={"node": pln["ruiz"].pk, "text": "RUQ"})
    page = owner_client.get(f"/learning/questions/{q.pk}/").content.decode()
    assert "check it against a named source" in page
    r = owner_client.post(f"/learning/questions/{q.pk}/status/", {"status": "applied"},
                          follow=True)  # fmt: skip
    assert "before you apply it in practice" in r.content.decode()
    assert Question.objects.get(pk=q.pk).status == "answered"


def test_who_knows_answers_htmx_with_a_fragment(owner_client: Any, pln: Any) -> None:
    r = owner_client.get("/learning/who-knows/?q=ultrasound", headers={"HX-Request": "true"})
    html = r.content.decode()
    assert "Dr Ruiz" in html and "<html" not in html


def test_typed_text_is_escaped(owner: Any, owner_client: Any) -> None:
    q = services.question_ask(owner=owner, data={"text": "<script>alert(1)</script>?"})
    html = owner_client.get(f"/learning/questions/{q.pk}/").content.decode()
    assert "<script>alert(1)" not in html and "&lt;script&gt;" in html


def test_another_users_pages_are_404(owner: Any, other_client: Any) -> None:
    q = services.question_ask(owner=owner, data={"text": "Probe?"})
    club = services.club_create(owner=owner, data={"name": "ED club"})
    skill = services.skill_create(owner=owner, data={"name": "Stats"})
    assert other_client.get(f"/learning/questions/{q.pk}/").status_code == 404
    assert other_client.get(f"/learning/clubs/{club.pk}/").status_code == 404
    assert other_client.get(f"/learning/skills/{skill.pk}/").status_code == 404
