"""Skills, questions, resources and clubs, through the services."""

from __future__ import annotations

from typing import Any

import pytest
import time_machine
from django.core.exceptions import ValidationError

from tiewise.accounts.services import user_create
from tiewise.core.errors import NotFound
from tiewise.learning import selectors, services
from tiewise.upkeep.models import Interaction


def names(people: list[Any]) -> list[str]:
    return [p.name for p in people]


def test_a_growth_area_lists_who_can_teach_it_strong_ties_first(owner: Any, pln: Any) -> None:
    skill = services.skill_create(
        owner=owner, data={"name": "Point-of-care ultrasound", "kind": "growth", "level": 2,
                           "target": 4},
    )  # fmt: skip
    d = selectors.skill_dict_for(skill)
    assert [p["name"] for p in d["people"]] == ["Dr Ruiz", "Dr Lee"]
    assert d["people"][0]["strength"] == "strong"
    assert selectors.uncovered_growth(owner) == []


def test_a_growth_area_nobody_covers_is_flagged(owner: Any, pln: Any) -> None:
    services.skill_create(owner=owner, data={"name": "Leadership", "kind": "growth"})
    assert names(selectors.uncovered_growth(owner)) == ["Leadership"]


def test_a_strength_shows_the_mentees_who_could_benefit(owner: Any, pln: Any) -> None:
    skill = services.skill_create(owner=owner, data={"name": "Teaching", "kind": "strength"})
    assert [p["name"] for p in selectors.skill_dict_for(skill)["people"]] == ["Kim Park"]


def test_a_skill_level_outside_1_to_5_names_the_field(owner: Any) -> None:
    with pytest.raises(ValidationError) as exc:
        services.skill_create(owner=owner, data={"name": "Stats", "level": 7})
    assert "level" in exc.value.message_dict


def test_a_skill_cannot_be_listed_twice(owner: Any) -> None:
    services.skill_create(owner=owner, data={"name": "Statistics"})
    with pytest.raises(ValidationError) as exc:
        services.skill_create(owner=owner, data={"name": "statistics"})
    assert "already" in exc.value.message_dict["name"][0]


@time_machine.travel("2025-03-10 09:00:00Z", tick=False)
def test_a_clinical_question_is_applied_only_after_every_answer_is_checked(
    owner: Any, pln: Any
) -> None:
    q = services.question_ask(
        owner=owner, data={"text": "Which FAST views first?", "asked": [pln["ruiz"].pk]}
    )
    assert q.status == "asked"
    a = services.answer_add(question=q, data={"node": pln["ruiz"].pk, "text": "RUQ first",
                                              "references": ["pmid 31234567"]})  # fmt: skip
    q.refresh_from_db()
    assert q.status == "answered" and a.references == ["PMID:31234567"]
    with pytest.raises(ValidationError) as exc:
        services.question_update(question=q, data={"status": "applied"})
    message = exc.value.message_dict["status"][0]
    assert f"answer {a.pk} (Dr Ruiz)" in message and "guideline" in message
    services.answer_check(question=q, data={"answer": a.pk, "source": "ACEP 2023", "agrees": True})
    q.refresh_from_db()
    assert q.status == "checked"
    services.question_update(question=q, data={"status": "applied"})
    q.refresh_from_db()
    assert q.status == "applied" and q.applied_at is not None


@time_machine.travel("2025-03-10 09:00:00Z", tick=False)
def test_asking_and_answering_log_advice_sought_and_given(owner: Any, pln: Any) -> None:
    q = services.question_ask(owner=owner, data={"text": "Probe?", "asked": [pln["lee"].pk]})
    services.answer_add(question=q, data={"node": pln["lee"].pk, "text": "Curvilinear"})
    kinds = list(Interaction.objects.filter(owner=owner, nodes=pln["lee"]).values_list(
        "kind", "direction"))  # fmt: skip
    assert sorted(kinds) == [("advice_given", "received"), ("advice_sought", "received")]


def test_a_reference_that_is_not_a_pmid_doi_or_link_is_refused(owner: Any, pln: Any) -> None:
    q = services.question_ask(owner=owner, data={"text": "Probe?"})
    with pytest.raises(ValidationError) as exc:
        services.answer_add(question=q, data={"node": pln["lee"].pk, "text": "x",
                                              "references": ["the big book"]})  # fmt: skip
    assert "PMID" in exc.value.message_dict["references"][0]
    assert not q.answers.exists()


def test_patient_details_in_a_question_are_flagged(owner: Any) -> None:
    q = services.question_ask(owner=owner, data={"text": "MRN: 00451234 has a murmur, why?"})
    assert q.phi_flags


def test_a_reference_resolves_to_the_title_of_a_paper_you_logged(owner: Any, pln: Any) -> None:
    services.resource_log(
        owner=owner,
        data={
            "title": "POCUS in shock",
            "pmid": "31234567",
            "direction": "received",
            "people": [pln["lee"].pk],
        },
    )
    q = services.question_ask(owner=owner, data={"text": "Probe?"})
    services.answer_add(question=q, data={"node": pln["lee"].pk, "text": "x",
                                          "references": ["PMID:31234567"]})  # fmt: skip
    refs = selectors.question_dict(selectors.get_question_for(owner, q.pk))["answers"][0]
    assert refs["references"] == [{"ref": "PMID:31234567", "title": "POCUS in shock"}]


def test_sharing_a_resource_logs_resource_shared_in_its_direction(owner: Any, pln: Any) -> None:
    services.resource_log(
        owner=owner,
        data={
            "title": "Guideline",
            "kind": "guideline",
            "direction": "gave",
            "people": [pln["kim"].pk],
        },
    )
    i = Interaction.objects.get(owner=owner, nodes=pln["kim"])
    assert (i.kind, i.direction) == ("resource_shared", "gave")
    rows = selectors.exchanges_by_person(owner)
    assert rows[0]["name"] == "Kim Park" and [r.title for r in rows[0]["gave"]] == ["Guideline"]


def test_who_knows_finds_expertise_and_past_answers(owner: Any, pln: Any) -> None:
    q = services.question_ask(owner=owner, data={"text": "Best way to learn grant budgets?",
                                                 "kind": "non_clinical"})  # fmt: skip
    services.answer_add(question=q, data={"node": pln["kim"].pk, "text": "Ask the office"})
    found = {r["name"]: r["why"] for r in selectors.who_knows(owner, "grant")}
    assert "Expert in Grant writing" in found["Tom Becker"]
    assert found["Kim Park"][0].startswith("Answered")


def test_a_club_member_user_sees_the_club_and_their_post_is_an_interaction(
    owner: Any, pln: Any
) -> None:
    sam = user_create(email="sam@example.org", password="correct horse 77", display_name="Sam")
    club = services.club_create(owner=owner, data={"name": "ED club"})
    member = services.club_member_add(club=club, data={"email": "SAM@example.org"})
    member.node = pln["lee"]
    member.save()
    article = services.club_article_add(club=club, actor=sam, data={"title": "RCT of POCUS"})
    services.club_post_add(article=article, actor=sam, data={"limitations": "Single centre"})
    assert selectors.get_club_for(sam, club.pk) == club
    i = Interaction.objects.get(owner=owner, nodes=pln["lee"])
    assert i.channel == "journal_club"


def test_someone_not_in_a_club_cannot_read_or_post(owner: Any, other: Any) -> None:
    club = services.club_create(owner=owner, data={"name": "ED club"})
    article = services.club_article_add(club=club, actor=owner, data={"title": "RCT"})
    with pytest.raises(NotFound):
        selectors.get_club_for(other, club.pk)
    with pytest.raises(NotFound):
        services.club_post_add(article=article, actor=other, data={"text": "hi"})


def test_an_invitation_to_an_address_without_an_account_is_claimed_later(owner: Any) -> None:
    club = services.club_create(owner=owner, data={"name": "ED club"})
    services.club_member_add(club=club, data={"email": "new@example.org"})
    newcomer = user_create(email="new@example.org", password="correct horse 78")
    assert services.club_memberships_claim(user=newcomer) == 1
    assert selectors.get_club_for(newcomer, club.pk) == club
