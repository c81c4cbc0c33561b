"""The API of the directory, suggestions, connections, events and card,
with the shapes the issue names."""

from __future__ import annotations

from datetime import date
from typing import Any

import time_machine

from tests.conftest import ApiClient
from tiewise.accounts.services import token_create

from .conftest import Cast

LISTING = {"listed": True, "bio": "Resident in EM.", "institution": "St Mary's",
           "specialty": "Emergency medicine", "career_stage": "resident",
           "areas": ["expertise"], "topics": ["sepsis"], "offers": ["teaching"],
           "seeks": ["sponsorship"]}  # fmt: skip


def api(user: Any) -> ApiClient:
    return ApiClient(token_create(user=user, name="t")[1])


def put(client: ApiClient, path: str, body: dict[str, Any]) -> Any:
    return client.client.put(path, body, content_type="application/json", headers=client.headers)


def test_put_directory_me_lists_and_unlists(cast: Cast) -> None:
    ana = api(cast.ana)
    r = put(ana, "/api/v1/directory/me", LISTING)
    assert r.status_code == 200, r.json()
    body = r.json()
    assert (
        body["listed"] is True and body["name"] == "Ana Ruiz" and body["seeks"] == ["sponsorship"]
    )
    others = api(cast.marcus)
    assert [p["name"] for p in others.get("/api/v1/directory?q=sepsis").json()["items"]] == [
        "Ana Ruiz"
    ]
    put(ana, "/api/v1/directory/me", {**LISTING, "listed": False})
    assert others.get("/api/v1/directory?q=sepsis").json() == {"items": [], "count": 0}


def test_a_bad_listing_names_the_field(cast: Cast) -> None:
    r = put(api(cast.ana), "/api/v1/directory/me", {**LISTING, "offers": ["bribes"]})
    assert r.status_code == 422 and "offers" in str(r.json()["detail"])
    r = put(api(cast.ana), "/api/v1/directory/me", {**LISTING, "email": "x@example.org"})
    assert r.status_code == 422 and "email" in str(r.json()["detail"])


def test_the_directory_filters_by_offer_and_topic(cast: Cast) -> None:
    ana = api(cast.ana)
    items = ana.get("/api/v1/directory?offer=sponsorship&topic=ultrasound").json()["items"]
    assert [p["id"] for p in items] == [cast.marcus.pk]
    assert set(items[0]) == {"id", "name", "bio", "institution", "specialty", "career_stage",
                             "sector", "country", "areas", "topics", "offers", "seeks"}  # fmt: skip
    assert ana.get("/api/v1/directory?offer=coaching").json()["count"] == 0
    assert ana.get("/api/v1/directory?offer=bribes").status_code == 422


def test_suggestions_have_the_shape_of_the_issue(cast: Cast) -> None:
    body = api(cast.ana).get("/api/v1/suggestions").json()
    top = body["items"][0]
    assert set(top) == {"kind", "id", "name", "reasons", "score"}
    assert (top["kind"], top["id"]) == ("user", cast.marcus.pk)
    r = api(cast.ana).post("/api/v1/suggestions/prospects", {"kind": "user", "id": cast.marcus.pk})
    assert r.status_code == 201 and "no sponsor" in r.json()["why"]


def test_connections_ask_accept_and_list(cast: Cast) -> None:
    ana, marcus = api(cast.ana), api(cast.marcus)
    r = ana.post("/api/v1/connections", {"to_user": cast.marcus.pk, "message": "Hello!"})
    assert r.status_code == 201, r.json()
    c = r.json()
    assert (c["status"], c["role"], c["awaiting_you"]) == ("pending", "requester", False)
    mine = marcus.get("/api/v1/connections").json()
    assert [(x["id"], x["awaiting_you"]) for x in mine] == [(c["id"], True)]
    assert ana.post(f"/api/v1/connections/{c['id']}/accept").status_code == 404
    r = marcus.post(f"/api/v1/connections/{c['id']}/accept")
    assert r.status_code == 200 and r.json()["status"] == "accepted"
    assert ana.post("/api/v1/connections", {"to_user": cast.marcus.pk}).status_code == 201


def test_a_request_to_an_unlisted_or_unknown_user_is_the_same_404(cast: Cast) -> None:
    ana = api(cast.ana)
    hidden = ana.post("/api/v1/connections", {"to_user": cast.nia.pk})
    nobody = ana.post("/api/v1/connections", {"to_user": 999999})
    assert hidden.status_code == nobody.status_code == 404
    assert hidden.json() == nobody.json() == {"detail": "Not found"}
    assert ana.get(f"/api/v1/directory/{cast.nia.pk}").json() == {"detail": "Not found"}


def test_events_and_people_met(cast: Cast) -> None:
    ana = api(cast.ana)
    r = ana.post("/api/v1/events", {"name": "SAEM 2026", "starts_on": "2026-05-12",
                                    "ends_on": "2026-05-15", "place": "Atlanta"})  # fmt: skip
    assert r.status_code == 201
    event_id = r.json()["id"]
    with time_machine.travel(date(2026, 5, 13), tick=False):
        r = ana.post(f"/api/v1/events/{event_id}/met",
                     {"line": "Jane Doe, Mayo Clinic, ultrasound research"})  # fmt: skip
    assert r.status_code == 201, r.json()
    met = r.json()
    assert met["name"] == "Jane Doe" and met["node"] and met["interaction"] and met["action"]
    assert met["follow_up_due"] == "2026-05-18" and met["follow_up_owed"] is True
    node = ana.get(f"/api/v1/nodes/{met['node']}").json()
    assert node["organisation"] == "Mayo Clinic" and node["how_we_met"] == "Met at SAEM 2026"
    assert ana.get("/api/v1/events").json()["count"] == 1
    assert len(ana.get(f"/api/v1/events/{event_id}").json()["met"]) == 1
    bad = ana.post(f"/api/v1/events/{event_id}/met", {"line": ", nobody"})
    assert bad.status_code == 422 and "line" in str(bad.json()["detail"])
    assert api(cast.marcus).get(f"/api/v1/events/{event_id}").status_code == 404
    assert api(cast.marcus).post(f"/api/v1/events/{event_id}/met", {"line": "X"}).status_code == 404


def test_the_card_comes_as_svg_and_png(cast: Cast) -> None:
    ana = api(cast.ana)
    svg = ana.get("/api/v1/me/card.svg")
    assert svg.status_code == 200 and svg["Content-Type"] == "image/svg+xml"
    assert b"Ana Ruiz" in svg.content
    png = ana.get("/api/v1/me/card.png")
    assert png["Content-Type"] == "image/png" and png.content.startswith(b"\x89PNG")
