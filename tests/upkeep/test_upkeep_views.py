"""Keep-in-touch pages for the owner, another user and an anonymous visitor."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
import time_machine

from tiewise.network import services as network_services
from tiewise.upkeep import services
from tiewise.upkeep.models import Interaction, Snapshot, TieReminder

pytestmark = pytest.mark.django_db


def due_link(node: Any) -> str:
    return f'href="/nodes/{node.pk}/#log" class="due-name"'


PAGES = ["/due/", "/log/", "/upkeep/", "/upkeep/cadence/", "/snapshots/"]


@pytest.mark.parametrize("url", PAGES)
def test_anonymous_visitors_are_sent_to_log_in(anon_client: Any, url: str) -> None:
    response = anon_client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("url", PAGES)
def test_pages_render_for_the_owner_with_and_without_data(
    owner_client: Any, jane: Any, raj: Any, url: str
) -> None:
    services.interaction_create(owner=jane.owner, data={"nodes": [jane.pk, raj.pk]})
    assert owner_client.get(url).status_code == 200


def test_the_node_page_has_the_log_form_and_recent_interactions(
    owner_client: Any, jane: Any
) -> None:
    services.interaction_create(
        owner=jane.owner, data={"nodes": [jane.pk], "note": "Talked about the fellowship"}
    )
    html = owner_client.get(f"/nodes/{jane.pk}/").content.decode()
    assert 'id="log"' in html
    assert f'action="/nodes/{jane.pk}/log/"' in html
    assert "Recent interactions" in html and "Talked about the fellowship" in html


def test_logging_from_the_node_page_saves_and_returns_to_the_form(
    owner_client: Any, jane: Any
) -> None:
    response = owner_client.post(
        f"/nodes/{jane.pk}/log/",
        {"nodes": [jane.pk], "date": "2025-01-02", "channel": "video", "kind": "advice_sought",
         "direction": "received", "quality": "4", "note": "Grant advice"},
    )  # fmt: skip
    assert response.status_code == 302
    assert response["Location"] == f"/nodes/{jane.pk}/#log"
    i = Interaction.objects.get()
    assert (i.date, i.channel, i.kind, i.direction, i.quality) == (
        date(2025, 1, 2), "video", "advice_sought", "received", 4,
    )  # fmt: skip
    assert list(i.nodes.all()) == [jane]


def test_the_global_log_form_takes_several_nodes(owner_client: Any, jane: Any, raj: Any) -> None:
    response = owner_client.post(
        "/log/",
        {"nodes": [jane.pk, raj.pk], "date": "2025-01-02", "channel": "conference",
         "kind": "meeting", "direction": "mutual", "quality": "3"},
    )  # fmt: skip
    assert response.status_code == 302
    assert set(Interaction.objects.get().nodes.all()) == {jane, raj}


def test_the_global_log_form_only_offers_my_nodes(other_client: Any, other: Any, jane: Any) -> None:
    response = other_client.post(
        "/log/",
        {"nodes": [jane.pk], "date": "2025-01-02", "channel": "email", "kind": "meeting",
         "direction": "mutual", "quality": "3"},
    )  # fmt: skip
    assert response.status_code == 200  # the form refuses the choice
    assert not Interaction.objects.exists()


def test_one_line_logging(owner_client: Any, jane: Any) -> None:
    response = owner_client.post(
        "/log/line/", {"line": "coffee with Jane today, gave advice", "next": "/due/"}, follow=True
    )
    assert "Logged advice given with Jane Doe" in response.content.decode()
    i = Interaction.objects.get()
    assert (i.channel, i.kind, i.direction) == ("in_person", "advice_given", "gave")


def test_one_line_logging_explains_an_unknown_name(owner_client: Any, jane: Any) -> None:
    response = owner_client.post("/log/line/", {"line": "coffee with Jnae"}, follow=True)
    assert "Nobody called “Jnae”" in response.content.decode()
    assert "Jane Doe" in response.content.decode()
    assert not Interaction.objects.exists()


def test_another_users_node_is_a_404_for_every_write(other_client: Any, jane: Any) -> None:
    for suffix in ("log/", "quick-log/", "reminder/"):
        assert (
            other_client.post(f"/nodes/{jane.pk}/{suffix}", {"action": "never"}).status_code == 404
        )
    assert other_client.get(f"/log/?node={jane.pk}").status_code == 404
    assert not Interaction.objects.exists()
    assert not TieReminder.objects.exists()


def test_another_users_interaction_and_snapshot_are_404(
    other_client: Any, owner: Any, jane: Any
) -> None:
    i = services.interaction_create(owner=owner, data={"nodes": [jane.pk]})
    snap = services.snapshot_take(owner=owner)
    assert other_client.get(f"/interactions/{i.pk}/edit/").status_code == 404
    assert other_client.post(f"/interactions/{i.pk}/delete/").status_code == 404
    assert other_client.get(f"/snapshots/{snap.pk}/").status_code == 404
    assert other_client.post(f"/snapshots/{snap.pk}/delete/").status_code == 404
    assert (
        Interaction.objects.filter(pk=i.pk).exists()
        and Snapshot.objects.filter(pk=snap.pk).exists()
    )


def test_editing_and_deleting_an_interaction(owner_client: Any, owner: Any, jane: Any) -> None:
    i = services.interaction_create(owner=owner, data={"nodes": [jane.pk]})
    response = owner_client.post(
        f"/interactions/{i.pk}/edit/",
        {"nodes": [jane.pk], "date": "2025-01-03", "channel": "phone", "kind": "social",
         "direction": "mutual", "quality": "5", "note": "Edited"},
    )  # fmt: skip
    assert response.status_code == 302
    i.refresh_from_db()
    assert (i.channel, i.quality, i.note) == ("phone", 5, "Edited")
    assert owner_client.post(f"/interactions/{i.pk}/delete/").status_code == 302
    assert not Interaction.objects.exists()


@time_machine.travel("2025-06-01 12:00", tick=False)
def test_the_due_page_gives_the_reason_and_one_click_logging(
    owner_client: Any, owner: Any, jane: Any
) -> None:
    services.interaction_create(owner=owner, data={"nodes": [jane.pk], "date": "2025-02-26"})
    html = owner_client.get("/due/").content.decode()
    assert "Jane Doe" in html
    assert "Last contact 95 days ago; you aim for every 45 days" in html
    response = owner_client.post(f"/nodes/{jane.pk}/quick-log/", {"next": "/due/"})
    assert response["Location"] == "/due/"
    latest = Interaction.objects.order_by("-date").first()
    assert latest is not None
    assert (latest.date, latest.kind, latest.direction) == (date(2025, 6, 1), "meeting", "mutual")
    assert due_link(jane) not in owner_client.get("/due/").content.decode()


@time_machine.travel("2025-06-01 12:00", tick=False)
def test_the_people_list_and_dashboard_show_the_traffic_light(
    owner_client: Any, owner: Any, jane: Any
) -> None:
    services.interaction_create(owner=owner, data={"nodes": [jane.pk], "date": "2025-02-26"})
    assert "tl-overdue" in owner_client.get("/nodes/").content.decode()
    dashboard = owner_client.get("/").content.decode()
    assert "Due this week" in dashboard and "Jane Doe" in dashboard


@time_machine.travel("2025-06-01 12:00", tick=False)
def test_snooze_never_and_resume(owner_client: Any, owner: Any, jane: Any) -> None:
    services.interaction_create(owner=owner, data={"nodes": [jane.pk], "date": "2025-01-01"})
    owner_client.post(
        f"/nodes/{jane.pk}/reminder/", {"action": "snooze", "snoozed_until": "2025-06-10"}
    )
    assert TieReminder.objects.get(node=jane).snoozed_until == date(2025, 6, 10)
    assert due_link(jane) not in owner_client.get("/due/").content.decode()
    owner_client.post(f"/nodes/{jane.pk}/reminder/", {"action": "resume"})
    assert due_link(jane) in owner_client.get("/due/").content.decode()
    owner_client.post(f"/nodes/{jane.pk}/reminder/", {"action": "never"})
    assert TieReminder.objects.get(node=jane).never is True
    assert due_link(jane) not in owner_client.get("/due/").content.decode()


def test_snoozing_into_the_past_is_refused(owner_client: Any, jane: Any) -> None:
    yesterday = (date.today() - timedelta(days=1)).isoformat()
    response = owner_client.post(
        f"/nodes/{jane.pk}/reminder/", {"action": "snooze", "snoozed_until": yesterday}, follow=True
    )
    assert "after today" in response.content.decode()
    assert not TieReminder.objects.exists()


def test_the_cadence_page_saves_defaults_and_the_digest_choice(
    owner_client: Any, owner: Any
) -> None:
    response = owner_client.post(
        "/upkeep/cadence/",
        {"strong_key_days": "30", "strong_days": "60", "weak_days": "", "digest_opt_in": "on"},
    )
    assert response.status_code == 302
    prefs = owner.upkeep_settings
    prefs.refresh_from_db()
    assert (prefs.strong_key_days, prefs.strong_days, prefs.weak_days, prefs.digest_opt_in) == (
        30, 60, None, True,
    )  # fmt: skip


def test_the_cadence_page_shows_the_feed_url_and_revoke_changes_it(
    owner_client: Any,
) -> None:
    first = owner_client.get("/upkeep/cadence/").context["feed_url"]
    assert "/calendar/" in first and first.endswith(".ics")
    owner_client.post("/upkeep/feed/revoke/")
    second = owner_client.get("/upkeep/cadence/").context["feed_url"]
    assert second != first


def test_taking_a_snapshot_and_reading_what_changed(
    owner_client: Any, owner: Any, jane: Any
) -> None:
    owner_client.post("/snapshots/", {"label": "Before coaching"})
    snap = Snapshot.objects.get(owner=owner, kind="manual")
    network_services.node_create(owner=owner, data={"name": "New Person"})
    network_services.node_update(node=jane, data={"strength": "weak"})
    html = owner_client.get(f"/snapshots/{snap.pk}/").content.decode()
    assert "What changed since Before coaching" in html
    assert "New Person" in html and "Grew weaker (1)" in html


def test_the_first_dashboard_visit_of_each_month_takes_an_automatic_snapshot(
    owner: Any, owner_client: Any
) -> None:
    with time_machine.travel("2025-03-03 09:00", tick=False):
        network_services.node_create(owner=owner, data={"name": "A"})
        assert owner_client.get("/").status_code == 200
        network_services.node_create(owner=owner, data={"name": "B"})
        assert owner_client.get("/").status_code == 200  # already taken this month
    with time_machine.travel("2025-04-10 09:00", tick=False):
        network_services.node_create(owner=owner, data={"name": "C"})
        assert owner_client.get("/").status_code == 200
    autos = list(Snapshot.objects.filter(owner=owner, kind="auto").order_by("taken_at"))
    assert [s.taken_at.month for s in autos] == [3, 4]
    # Each records the network as it stood at that visit.
    assert [len(s.data["nodes"]) for s in autos] == [1, 3]


def test_network_writes_never_take_a_snapshot_by_themselves(owner: Any) -> None:
    network_services.node_create(owner=owner, data={"name": "A"})
    assert not Snapshot.objects.filter(owner=owner).exists()
