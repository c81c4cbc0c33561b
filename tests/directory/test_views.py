"""The pages: what a user sees and does, owner / other / anonymous."""

from __future__ import annotations

from datetime import date

import time_machine
from django.test import Client

from tests.conftest import sign_in
from tiewise.directory import services
from tiewise.directory.models import Connection, Event

from .conftest import Cast


def test_the_directory_page_searches_and_answers_htmx_with_the_results_only(cast: Cast) -> None:
    c = sign_in(Client(), cast.ana)
    page = c.get("/directory/?offer=sponsorship").content.decode()
    assert "Marcus Lee" in page and "Toronto General" in page and "Sponsorship" in page
    results = page.split('id="results"')[1]
    assert "Senior faculty" in results and "senior_faculty" not in results  # labels, not codes
    partial = c.get("/directory/?topic=simulation", headers={"HX-Request": "true"})
    body = partial.content.decode()
    assert body.startswith('<div id="results"') and "Marcus Lee" in body
    assert "not listed" in page.lower()  # Ana is told she is not listed
    assert Client().get("/directory/").status_code == 302


def test_the_listing_form_lists_and_unlists(cast: Cast) -> None:
    c = sign_in(Client(), cast.ana)
    r = c.post("/directory/me/", {"listed": "on", "bio": "Resident", "topics": "sepsis, POCUS",
                                  "offers": ["teaching"]})  # fmt: skip
    assert r.status_code == 302
    assert "Ana Ruiz" in sign_in(Client(), cast.marcus).get("/directory/?q=sepsis").content.decode()
    c.post("/directory/me/", {"bio": "Resident"})
    assert (
        "Ana Ruiz"
        not in sign_in(Client(), cast.marcus).get("/directory/?q=sepsis").content.decode()
    )


def test_a_bad_listing_shows_the_error_on_its_field_and_keeps_the_input(cast: Cast) -> None:
    c = sign_in(Client(), cast.ana)
    r = c.post("/directory/me/", {"bio": "x" * 1001, "institution": "St Mary's"})
    assert r.status_code == 200
    body = r.content.decode()
    assert "at most 1000 characters" in body.lower() and "St Mary&#x27;s" in body


def test_suggestions_page_adds_one_to_the_five_in_one_click(cast: Cast) -> None:
    c = sign_in(Client(), cast.ana)
    page = c.get("/directory/suggestions/").content.decode()
    assert "Offers sponsorship; you have no sponsor" in page
    r = c.post("/directory/suggestions/add/", {"kind": "user", "id": cast.marcus.pk})
    assert r.status_code == 302
    assert cast.ana.prospects.filter(name="Marcus Lee").exists()


def test_asking_for_an_introduction_and_answering_it_on_the_pages(cast: Cast) -> None:
    ana, okafor, marcus = (sign_in(Client(), u) for u in (cast.ana, cast.okafor, cast.marcus))
    page = ana.get(f"/directory/people/{cast.marcus.pk}/").content.decode()
    assert "Dr. Chidi Okafor" in page  # offered as an introducer
    r = ana.post(f"/directory/people/{cast.marcus.pk}/connect/",
                 {"message": "POCUS?", "via": cast.okafor_node.pk})  # fmt: skip
    assert r.status_code == 302
    c = Connection.objects.get()
    assert "asks you to introduce them to" in okafor.get("/directory/connections/").content.decode()
    assert okafor.post(f"/directory/connections/{c.pk}/accept/").status_code == 302
    assert (
        "introduced by Dr. Chidi Okafor" in marcus.get("/directory/connections/").content.decode()
    )
    assert marcus.post(f"/directory/connections/{c.pk}/accept/").status_code == 302
    assert Connection.objects.get().status == "accepted"
    assert marcus.post(f"/directory/connections/{c.pk}/maybe/").status_code == 404


def test_the_event_page_logs_one_line_per_person_with_htmx(cast: Cast) -> None:
    c = sign_in(Client(), cast.ana)
    r = c.post(
        "/events/", {"name": "SAEM 2026", "starts_on": "2026-05-12", "ends_on": "2026-05-15"}
    )
    event = Event.objects.get()
    assert r["Location"] == f"/events/{event.pk}/"
    with time_machine.travel(date(2026, 5, 13), tick=False):
        r = c.post(f"/events/{event.pk}/met/", {"line": "Jane Doe, Mayo Clinic, ultrasound"},
                   headers={"HX-Request": "true"})  # fmt: skip
        body = r.content.decode()
        assert (
            body.startswith('<div id="met">')
            and "Jane Doe" in body
            and "Follow up by 18 May" in body
        )
        bad = c.post(f"/events/{event.pk}/met/", {"line": ", Mayo"}, headers={"HX-Request": "true"})
        assert "Write who you met" in bad.content.decode()
    page = c.get(f"/events/{event.pk}/").content.decode()
    assert "You still owe 1 follow-up" in page
    assert sign_in(Client(), cast.marcus).get(f"/events/{event.pk}/").status_code == 404


def test_a_public_card_offers_add_to_my_network_to_signed_in_visitors(cast: Cast) -> None:
    listing = services.listing_save(user=cast.marcus, data={"listed": True, "public_card": True})
    anon = Client().get(f"/card/{listing.card_key}/").content.decode()
    assert "Sign in" in anon and "Add to my network" not in anon
    c = sign_in(Client(), cast.ana)
    assert "Add to my network" in c.get(f"/card/{listing.card_key}/").content.decode()
    r = c.post(f"/card/{listing.card_key}/add/")
    assert (
        r.status_code == 302
        and cast.ana.nodes.filter(name="Marcus Lee", tie__strength="weak").exists()
    )


def test_the_card_page_shows_the_card_image(cast: Cast) -> None:
    page = sign_in(Client(), cast.ana).get("/directory/card/").content.decode()
    assert 'src="/api/v1/me/card.svg"' in page and "Turn on your public card page" in page
