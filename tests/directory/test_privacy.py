"""Privacy is the product: only listed people appear, only what they
published shows, and nothing tells an unlisted account from no account."""

from __future__ import annotations

from typing import Any

from django.test import Client

from tests.conftest import ApiClient, sign_in
from tiewise.accounts.services import token_create
from tiewise.directory import selectors, services
from tiewise.network import services as network

from .conftest import Cast


def browse(user: Any) -> Client:
    return sign_in(Client(), user)


def test_an_unlisted_user_never_appears_in_search_suggestions_or_counts(cast: Cast) -> None:
    # Nia offers sponsorship in Ana's growth topic: a perfect fit, but not listed.
    assert [li.user_id for li in selectors.search_directory()] == [cast.marcus.pk]
    assert selectors.search_directory(q="Hidden").count() == 0
    assert selectors.search_directory(topic="point-of-care").count() == 1
    assert all(s.name != "Nia Hidden" for s in selectors.suggestions_for(cast.ana))
    ana = ApiClient(token_create(user=cast.ana, name="t")[1])
    assert ana.get("/api/v1/directory?q=hidden").json() == {"items": [], "count": 0}
    assert ana.get("/api/v1/directory").json()["count"] == 1
    assert "Nia" not in ana.get("/api/v1/suggestions").content.decode()
    page = browse(cast.ana).get("/directory/?q=Hidden").content.decode()
    assert "Nia" not in page and "Hidden Hospital" not in page


def test_an_unlisted_persons_page_is_the_same_404_as_nobodys(cast: Cast) -> None:
    c = browse(cast.ana)
    assert c.get(f"/directory/people/{cast.nia.pk}/").status_code == 404
    assert c.get("/directory/people/999999/").status_code == 404
    assert c.get(f"/directory/people/{cast.marcus.pk}/").status_code == 200
    hidden = c.post(f"/directory/people/{cast.nia.pk}/connect/", {"message": "hi"})
    assert hidden.status_code == 404


def test_the_directory_shows_only_published_fields_never_an_email_or_the_pln(cast: Cast) -> None:
    network.node_create(owner=cast.marcus, data={"name": "Confidential Colleague",
                                                 "notes": "private note", "strength": "strong"})  # fmt: skip
    cast.marcus.profile.city = "Secret City"
    cast.marcus.profile.save()
    ana = ApiClient(token_create(user=cast.ana, name="t")[1])
    bodies = [
        ana.get("/api/v1/directory").content.decode(),
        ana.get(f"/api/v1/directory/{cast.marcus.pk}").content.decode(),
        ana.get("/api/v1/suggestions").content.decode(),
        browse(cast.ana).get("/directory/").content.decode(),
        browse(cast.ana).get(f"/directory/people/{cast.marcus.pk}/").content.decode(),
        browse(cast.ana).get("/directory/suggestions/").content.decode(),
    ]
    for body in bodies:
        assert "Marcus Lee" in body
        for secret in ("marcus@example.org", "Confidential Colleague", "private note",
                       "Secret City"):  # fmt: skip
            assert secret not in body


def test_suggestions_never_read_another_users_network(cast: Cast) -> None:
    # Marcus's own network says he knows a "Priya Shah": that must not make
    # Ana's Priya a second-degree path to him.
    network.node_create(owner=cast.marcus, data={"name": "Priya Shah", "strength": "strong"})
    top = next(s for s in selectors.suggestions_for(cast.ana) if s.name == "Marcus Lee")
    assert not any("Priya" in r for r in top.reasons)


def test_an_introducer_is_asked_by_address_and_no_account_is_looked_up(cast: Cast) -> None:
    from django.core import mail

    from tiewise.directory.models import Connection

    stranger = network.node_create(
        owner=cast.ana,
        data={"name": "Dr. No Account", "strength": "strong", "email": "nobody@example.org"},
    )
    ana = ApiClient(token_create(user=cast.ana, name="t")[1])
    answers = []
    for via in (stranger.pk, cast.okafor_node.pk):  # nobody's address, then Okafor's account
        mail.outbox.clear()
        r = ana.post("/api/v1/connections", {"to_user": cast.marcus.pk, "via": via})
        body = r.json()
        answers.append((r.status_code, body["status"], sorted(body), len(mail.outbox)))
        Connection.objects.filter(pk=body["id"]).delete()
    assert answers[0] == answers[1] == (201, "asked", answers[0][2], 1)


def test_an_unconfirmed_address_sees_no_introduction_requests(cast: Cast) -> None:
    from allauth.account.models import EmailAddress

    c = services.connection_request(requester=cast.ana, to_user=cast.marcus.pk,
                                    via=cast.okafor_node.pk)  # fmt: skip
    assert selectors.connections_of(cast.okafor).filter(pk=c.pk).exists()
    EmailAddress.objects.filter(user=cast.okafor).update(verified=False)
    assert not selectors.connections_of(cast.okafor).exists()


def test_a_third_user_cannot_see_or_answer_a_request(cast: Cast) -> None:
    c = services.connection_request(requester=cast.ana, to_user=cast.marcus.pk)
    nia = ApiClient(token_create(user=cast.nia, name="t")[1])
    assert nia.get("/api/v1/connections").json() == []
    assert nia.post(f"/api/v1/connections/{c.pk}/accept").status_code == 404
    assert browse(cast.nia).post(f"/directory/connections/{c.pk}/accept/").status_code == 404


def test_a_private_card_page_is_not_found_for_everyone(cast: Cast) -> None:
    listing = selectors.listing_for(cast.marcus)
    assert listing is not None
    assert Client().get(f"/card/{listing.card_key}/").status_code == 404
    services.listing_save(user=cast.marcus, data={"listed": False, "public_card": True})
    page = Client().get(f"/card/{listing.card_key}/")
    assert page.status_code == 200 and "Marcus Lee" in page.content.decode()
    assert "marcus@example.org" not in page.content.decode()
    assert Client().get("/card/not-a-real-key-at-all/").status_code == 404


def test_contact_requests_are_rate_limited(cast: Cast, settings: Any) -> None:
    from django.core.cache import cache

    settings.TIEWISE_RATE_LIMITS = True
    settings.TIEWISE_RATES = {**settings.TIEWISE_RATES, "contact": "1/h"}
    cache.clear()
    c = browse(cast.ana)
    first = c.post(f"/directory/people/{cast.marcus.pk}/connect/", {"message": "hi"})
    assert first.status_code == 302
    again = c.post(f"/directory/people/{cast.marcus.pk}/connect/", {"message": "hi"})
    assert again.status_code == 429 and int(again["Retry-After"]) > 0
    api = ApiClient(token_create(user=cast.ana, name="t")[1])
    assert api.post("/api/v1/connections", {"to_user": cast.marcus.pk}).status_code == 429
