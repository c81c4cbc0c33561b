"""The issue's "done means", through the services: suggestions, an
introduction through a strong tie with both sides' consent, and a
conference with eight people met."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError

from tiewise.core.errors import Conflict, NotFound
from tiewise.directory import selectors, services
from tiewise.network.models import Node
from tiewise.planning.models import Action, Prospect
from tiewise.upkeep.models import Interaction

from .conftest import Cast


def test_the_resident_is_suggested_the_listed_sponsor_with_the_reasons(cast: Cast) -> None:
    found = selectors.suggestions_for(cast.ana)
    top = found[0]
    assert (top.kind, top.id, top.name) == ("user", cast.marcus.pk, "Marcus Lee")
    assert "offers sponsorship; you have no sponsor" in top.reasons
    assert "works on your growth area point-of-care ultrasound" in top.reasons
    assert "Dr. Chidi Okafor, your strong tie, also knows them" in top.reasons
    assert any(r.startswith("international: your network is 100% local") for r in top.reasons)
    # the listed person stands for the prospect node of the same name: once
    assert [s.name for s in found].count("Marcus Lee") == 1


def test_one_click_makes_a_suggestion_one_of_the_five_with_the_reason_as_why(cast: Cast) -> None:
    p = services.suggestion_to_prospect(owner=cast.ana, kind="user", item_id=cast.marcus.pk)
    assert p.name == "Marcus Lee" and p.organisation == "Toronto General"
    assert "you have no sponsor" in p.why and p.roles == ["sponsor", "mentor"]
    with pytest.raises(ValidationError, match="already on your five-to-add list"):
        services.suggestion_to_prospect(owner=cast.ana, kind="user", item_id=cast.marcus.pk)


def test_an_introduction_through_a_strong_tie_needs_both_sides(cast: Cast) -> None:
    mail.outbox.clear()
    c = services.connection_request(
        requester=cast.ana, to_user=cast.marcus.pk, message="Could we talk about POCUS?",
        via=cast.okafor_node.pk,
    )  # fmt: skip
    assert c.status == "asked" and c.introducer_email == "okafor@example.org"
    assert mail.outbox[-1].to == ["okafor@example.org"]
    assert "introduce them to Marcus Lee" in mail.outbox[-1].body
    # Marcus sees nothing until Okafor passes it on
    assert not selectors.connections_of(cast.marcus).exists()
    with pytest.raises(NotFound):
        services.connection_answer(user=cast.marcus, connection_id=c.pk, accept=True)
    with pytest.raises(NotFound):
        services.connection_answer(user=cast.ana, connection_id=c.pk, accept=True)

    c = services.connection_answer(user=cast.okafor, connection_id=c.pk, accept=True)
    assert c.status == "pending" and mail.outbox[-1].to == ["marcus@example.org"]
    assert "introduced by Dr. Chidi Okafor" in mail.outbox[-1].body

    with time_machine.travel(date(2026, 3, 2), tick=False):
        c = services.connection_answer(user=cast.marcus, connection_id=c.pk, accept=True)
    assert c.status == "accepted"
    # Ana's prospect node became a weak tie, with how they met and a follow-up
    node = Node.objects.get(pk=cast.marcus_node.pk)
    assert node.tie.strength == "weak" and node.email == "marcus@example.org"
    assert node.how_we_met == "Introduced by Dr. Chidi Okafor through Tiewise"
    follow = Action.objects.get(owner=cast.ana, nodes=node)
    assert follow.due_date == date(2026, 3, 16) and follow.title == "Follow up with Marcus Lee"
    # and Marcus has Ana
    ana_there = Node.objects.get(owner=cast.marcus)
    assert ana_there.name == "Ana Ruiz" and ana_there.tie.strength == "weak"
    assert Action.objects.get(owner=cast.marcus).due_date == date(2026, 3, 16)


def test_a_declined_request_creates_nothing(cast: Cast) -> None:
    c = services.connection_request(requester=cast.ana, to_user=cast.marcus.pk)
    services.connection_answer(user=cast.marcus, connection_id=c.pk, accept=False)
    assert not Node.objects.filter(owner=cast.marcus).exists()
    assert Node.objects.get(pk=cast.marcus_node.pk).tie.strength == "absent"


def test_asking_twice_is_a_conflict_and_asking_oneself_an_error(cast: Cast) -> None:
    services.connection_request(requester=cast.ana, to_user=cast.marcus.pk)
    with pytest.raises(Conflict, match="already asked"):
        services.connection_request(requester=cast.ana, to_user=cast.marcus.pk)
    with pytest.raises(ValidationError, match="That is you"):
        services.connection_request(requester=cast.marcus, to_user=cast.marcus.pk)


def test_only_a_strong_tie_with_an_email_can_be_asked_to_introduce(cast: Cast) -> None:
    priya = Node.objects.get(owner=cast.ana, name="Priya Shah")
    with pytest.raises(ValidationError, match="Add Priya Shah's email address first"):
        services.connection_request(requester=cast.ana, to_user=cast.marcus.pk, via=priya.pk)
    with pytest.raises(ValidationError, match="not one of your strong ties"):
        services.connection_request(
            requester=cast.ana, to_user=cast.marcus.pk, via=cast.marcus_node.pk
        )


def test_unlisting_removes_someone_at_once_everywhere(cast: Cast) -> None:
    assert selectors.search_directory(q="ultrasound").count() == 1
    services.listing_save(user=cast.marcus, data={"listed": False})
    assert selectors.search_directory(q="ultrasound").count() == 0
    assert all(s.kind != "user" for s in selectors.suggestions_for(cast.ana))
    with pytest.raises(NotFound, match="No such person"):
        services.connection_request(requester=cast.ana, to_user=cast.marcus.pk)


def test_listing_needs_a_display_name_and_names_bad_words(cast: Cast) -> None:
    cast.okafor.profile.display_name = ""
    cast.okafor.profile.save()
    with pytest.raises(ValidationError) as exc:
        services.listing_save(user=cast.okafor, data={"listed": True, "offers": ["bribes"]})
    assert set(exc.value.message_dict) == {"listed", "offers"}


def test_search_filters_by_offer_topic_specialty_institution_and_stage(cast: Cast) -> None:
    def ids(**filters: Any) -> list[int]:
        return [li.user_id for li in selectors.search_directory(**filters)]

    assert ids(offer="sponsorship") == [cast.marcus.pk]
    assert ids(offer="coaching") == []
    assert ids(topic="simulation") == [cast.marcus.pk]
    assert ids(specialty="emergency") == [cast.marcus.pk]
    assert ids(institution="toronto") == [cast.marcus.pk]
    assert ids(career_stage="senior_faculty") == [cast.marcus.pk]
    assert ids(career_stage="resident") == []


def test_after_the_conference_eight_people_met_are_in_her_network(cast: Cast) -> None:
    event = services.event_create(
        owner=cast.ana,
        data={"name": "SAEM 2026", "starts_on": date(2026, 5, 12), "ends_on": date(2026, 5, 15),
              "place": "Atlanta", "hashtag": "#SAEM26"},
    )  # fmt: skip
    lines = [
        "Jane Doe, Mayo Clinic, ultrasound research",
        "Ola Berg, Karolinska, sepsis",
        "Kenji Ito, Kyoto University, simulation; education",
        "Maria Gomez, Hospital Clínic",
        "Sam Carter, FDA, device regulation",
        "Lena Fischer, Charité, global health",
        "Tom Becker",
        "BEGIN:VCARD\nVERSION:3.0\nFN:Aisha Bello\nORG:Lagos University Teaching Hospital\n"
        "NOTE:trauma\\,POCUS\nEND:VCARD",
    ]
    with time_machine.travel(date(2026, 5, 14), tick=False):
        for line in lines:
            services.event_met(owner=cast.ana, event=event, line=line)
    met = list(selectors.met_at(event))
    assert len(met) == 8
    aisha = met[-1].node
    assert (aisha.name, aisha.organisation, aisha.tags) == (
        "Aisha Bello", "Lagos University Teaching Hospital", ["trauma", "POCUS"])  # fmt: skip
    jane = met[0].node
    assert jane.tie.strength == "weak" and jane.how_we_met == "Met at SAEM 2026"
    i = Interaction.objects.get(nodes=jane)
    assert (i.channel, i.date) == ("conference", date(2026, 5, 14))
    assert met[0].action.due_date == date(2026, 5, 18)  # three days after it ends
    assert all(selectors.followup_owed(m) for m in met)
    Action.objects.filter(pk=met[0].action.pk).update(status="done")
    assert sum(selectors.followup_owed(m) for m in selectors.met_at(event)) == 7


def test_people_cannot_be_logged_before_an_event_starts(cast: Cast) -> None:
    event = services.event_create(
        owner=cast.ana, data={"name": "Future Con", "starts_on": date.today() + timedelta(days=9)}
    )
    with pytest.raises(ValidationError, match="has not started yet"):
        services.event_met(owner=cast.ana, event=event, line="Jane Doe")


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"starts_on": "2026-05-12"}, "name"),
        ({"name": "X", "starts_on": "12/05/2026"}, "starts_on"),
        ({"name": "X", "starts_on": "2026-05-12", "ends_on": "2026-05-10"}, "ends_on"),
        ({"name": "X", "starts_on": "2026-05-12", "backchannel": "javascript:alert(1)"},
         "backchannel"),
    ],
)  # fmt: skip
def test_a_bad_event_names_the_field(cast: Cast, data: dict[str, Any], field: str) -> None:
    with pytest.raises(ValidationError) as exc:
        services.event_create(owner=cast.ana, data=data)
    assert field in exc.value.message_dict


def test_a_public_card_link_adds_its_owner_and_a_private_card_is_not_found(cast: Cast) -> None:
    listing = services.listing_save(
        user=cast.marcus, data={**selectors.listing_public_dict(selectors.listed_person(
            cast.marcus.pk)), "listed": True, "public_card": True})  # fmt: skip
    node = services.card_add(user=cast.ana, key=listing.card_key)
    assert (node.name, node.organisation) == ("Marcus Lee", "Toronto General")
    assert node.tags == ["point-of-care ultrasound", "simulation"]
    services.listing_save(user=cast.marcus, data={"listed": True, "public_card": False})
    with pytest.raises(NotFound):
        services.card_add(user=cast.ana, key=listing.card_key)


def test_the_card_carries_a_vcard_and_only_a_public_link_when_allowed(cast: Cast) -> None:
    card = selectors.card_for(cast.marcus)
    assert card.role == "Senior faculty, Emergency medicine" and card.url == ""
    svg = selectors.card_svg(card)
    assert svg.startswith("<svg") and "Marcus Lee" in svg and "Toronto General" in svg
    assert selectors.card_png(card).startswith(b"\x89PNG")


def test_the_card_escapes_what_people_type(cast: Cast) -> None:
    cast.ana.profile.display_name = "<script>alert(1)</script>"
    cast.ana.profile.save()
    svg = selectors.card_svg(selectors.card_for(cast.ana))
    assert "<script>" not in svg and "&lt;script&gt;" in svg


def test_a_coach_sees_which_of_their_ties_fit_the_coachees_gaps(cast: Cast) -> None:
    from tiewise.coaching import services as coaching
    from tiewise.network import services as network

    rel = coaching.invitation_create(coachee=cast.ana, email=cast.okafor.email)
    rel = coaching.invitation_accept(coach=cast.okafor, token=coaching.invitation_token(rel))
    network.node_create(owner=cast.okafor, data={
        "name": "Dr. Helen Park", "strength": "strong", "roles": ["sponsor"],
        "areas": ["expertise"], "sector": "medicine"})  # fmt: skip
    network.node_create(owner=cast.okafor, data={
        "name": "Secret Sponsor", "strength": "strong", "roles": ["sponsor"], "private": True})  # fmt: skip
    view, fits = selectors.coach_fits(cast.okafor, rel.pk)
    assert [f.name for f in fits] == ["Dr. Helen Park"]
    assert fits[0].reasons[0] == "is a sponsor; you have no sponsor"
    with pytest.raises(NotFound):
        selectors.coach_fits(cast.marcus, rel.pk)
    assert Prospect.objects.filter(owner=cast.ana).count() == 0
