"""Due computation over time, reciprocity on real rows, the calendar feed,
the weekly digest, the CLI and the demo."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
import time_machine
from django.core import mail
from icalendar import Calendar

from tiewise.cli import main
from tiewise.network import services as network_services
from tiewise.upkeep import selectors, services

pytestmark = pytest.mark.django_db


def test_due_moves_with_the_clock_and_resets_after_logging(owner: Any, jane: Any) -> None:
    # Jane: strong mentor, 45-day default cadence.
    with time_machine.travel("2025-01-01 10:00", tick=False):
        services.interaction_create(owner=owner, data={"nodes": [jane.pk]})
    expected = {
        "2025-01-20": "ok",
        "2025-02-06": "soon",  # due 15 Feb, within 9 days
        "2025-02-15": "due",
        "2025-02-22": "due",
        "2025-02-23": "overdue",
    }
    for day, status in expected.items():
        with time_machine.travel(f"{day} 10:00", tick=False):
            row = selectors.node_status(jane)
            assert row is not None and row.status.status == status, day
    with time_machine.travel("2025-02-23 10:00", tick=False):
        services.interaction_quick_log(owner=owner, node=jane)
        row = selectors.node_status(jane)
        assert row is not None
        assert (row.status.status, row.status.due_date) == ("ok", date(2025, 4, 9))


def test_the_tie_cadence_overrides_the_owner_default(owner: Any, jane: Any) -> None:
    network_services.node_update(node=jane, data={"cadence_days": 10})
    services.upkeep_settings_update(owner=owner, data={"strong_key_days": 200})
    with time_machine.travel("2025-01-01 10:00", tick=False):
        services.interaction_create(owner=owner, data={"nodes": [jane.pk]})
    with time_machine.travel("2025-01-12 10:00", tick=False):
        row = selectors.node_status(jane)
        assert row is not None and row.status.cadence == 10 and row.status.status == "due"


def test_prospects_are_never_due(owner: Any) -> None:
    network_services.node_create(owner=owner, data={"name": "Prospect P", "strength": "absent"})
    with time_machine.travel("2030-01-01 10:00", tick=False):
        assert selectors.due_items(owner) == []


def test_reciprocity_flags_a_tie_that_only_takes(owner: Any, jane: Any, raj: Any) -> None:
    for _ in range(3):
        services.interaction_create(owner=owner, data={"nodes": [jane.pk], "direction": "received"})
    services.interaction_create(owner=owner, data={"nodes": [raj.pk], "direction": "gave"})
    services.interaction_create(owner=owner, data={"nodes": [raj.pk], "direction": "mutual"})
    per, overall = selectors.reciprocity_by_node(owner)
    assert per[jane.pk].flag == "takes_only"
    assert per[raj.pk].flag == "" and (per[raj.pk].gave, per[raj.pk].received) == (2, 1)
    assert (overall.gave, overall.received, overall.total) == (2, 4, 5)
    flagged = [row.node_id for row, _ in selectors.overview(owner).one_way]
    assert flagged == [jane.pk]


def test_a_strong_tie_lapses_after_twice_its_cadence(owner: Any, jane: Any, raj: Any) -> None:
    with time_machine.travel("2025-01-01 10:00", tick=False):
        services.interaction_create(owner=owner, data={"nodes": [jane.pk, raj.pk]})
    with time_machine.travel("2025-03-17 10:00", tick=False):  # 75 days: not yet (2 x 45 = 90)
        assert selectors.overview(owner).lapsed == []
    with time_machine.travel("2025-04-02 10:00", tick=False):  # 91 days
        assert [r.node_id for r in selectors.overview(owner).lapsed] == [jane.pk]  # raj is weak


# --- the calendar feed ------------------------------------------------------


@time_machine.travel("2025-06-01 12:00", tick=False)
def test_the_feed_parses_and_holds_the_due_ties(
    anon_client: Any, owner: Any, jane: Any, raj: Any
) -> None:
    services.interaction_create(owner=owner, data={"nodes": [jane.pk], "date": "2025-02-26"})
    services.interaction_create(owner=owner, data={"nodes": [raj.pk], "date": "2025-05-30"})
    url = f"/calendar/{selectors.feed_token(owner)}.ics"
    response = anon_client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    cal = Calendar.from_ical(response.content)
    assert cal["PRODID"] and str(cal["VERSION"]) == "2.0"
    events = {str(e["UID"]): e for e in cal.walk("VEVENT")}
    # Jane is overdue: counted in the one "overdue" event of today, not an event of her own.
    assert set(events) == {f"overdue-{owner.pk}@127.0.0.1"}
    overdue = events[f"overdue-{owner.pk}@127.0.0.1"]
    assert str(overdue["SUMMARY"]) == "1 person overdue to get in touch with"
    assert "Jane Doe" in str(overdue["DESCRIPTION"])
    assert overdue.decoded("DTSTART") == date(2025, 6, 1) and "DTSTAMP" in overdue
    # Raj is due in November, past the 14 days the feed looks ahead ...
    services.upkeep_settings_update(owner=owner, data={"feed_days": 200})
    events = {
        str(e["UID"]): e for e in Calendar.from_ical(anon_client.get(url).content).walk("VEVENT")
    }
    raj_event = events[f"tie-{raj.pk}@127.0.0.1"]  # ... but within 200
    assert raj_event.decoded("DTSTART") == date(2025, 11, 26)  # 180 days after the last contact
    # Stable UIDs: the same feed twice has the same events.
    again = Calendar.from_ical(anon_client.get(url).content)
    assert {str(e["UID"]) for e in again.walk("VEVENT")} == set(events)


def test_a_bad_or_revoked_feed_token_is_a_404(anon_client: Any, owner: Any, other: Any) -> None:
    token = selectors.feed_token(owner)
    assert anon_client.get(f"/calendar/{token}.ics").status_code == 200
    user_id, _, mac = token.partition("-")
    assert anon_client.get(f"/calendar/{other.pk}-{mac}.ics").status_code == 404
    assert anon_client.get(f"/calendar/{user_id}-{'0' * len(mac)}.ics").status_code == 404
    assert anon_client.get("/calendar/nonsense.ics").status_code == 404
    services.feed_revoke(owner=owner)
    assert anon_client.get(f"/calendar/{token}.ics").status_code == 404
    assert anon_client.get(f"/calendar/{selectors.feed_token(owner)}.ics").status_code == 200


# --- the weekly digest ------------------------------------------------------


@time_machine.travel("2025-06-01 12:00", tick=False)
def test_the_digest_goes_to_opted_in_users_with_something_due(
    owner: Any, other: Any, jane: Any, settings: Any
) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    services.interaction_create(owner=owner, data={"nodes": [jane.pk], "date": "2025-02-26"})
    services.upkeep_settings_update(owner=owner, data={"digest_opt_in": True})
    services.upkeep_settings_update(owner=other, data={"digest_opt_in": True})  # nothing due
    sent, skipped = services.digest_send_all()
    assert (sent, skipped) == (1, 1)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ana@example.org"]
    assert "1 tie or action" in message.subject
    assert "Jane Doe (overdue): last contact 95 days ago; you aim for every 45 days" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert f"/nodes/{jane.pk}/#log" in str(html) and "Jane Doe" in str(html)


def test_no_digest_without_opting_in(owner: Any, jane: Any, settings: Any) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with time_machine.travel("2030-01-01 12:00", tick=False):
        assert services.digest_send_all() == (0, 0)
    assert mail.outbox == []


# --- CLI and demo -----------------------------------------------------------


@time_machine.travel("2025-06-01 12:00", tick=False)
def test_the_due_command_prints_text_and_json(
    owner: Any, jane: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    services.interaction_create(owner=owner, data={"nodes": [jane.pk], "date": "2025-02-26"})
    assert main(["due", "--user", "ana@example.org"]) == 0
    assert "overdue  Jane Doe" in capsys.readouterr().out
    assert main(["due", "--user", "ana@example.org", "--json"]) == 0
    items = json.loads(capsys.readouterr().out)["items"]
    assert items[0]["node_id"] == jane.pk and items[0]["due_date"] == "2025-04-12"
    assert main(["due", "--user", "nobody@example.org"]) == 1


def test_the_remind_command_reports_what_it_sent(
    owner: Any, settings: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert main(["remind"]) == 0
    assert "Sent 0 digests" in capsys.readouterr().out


def test_the_demo_has_lapsed_ties_a_taker_and_two_snapshots(db: Any) -> None:
    from tiewise.demo import load_demo
    from tiewise.upkeep.models import Snapshot

    load_demo(email="demo@example.org")
    from tiewise.accounts.models import User

    user = User.objects.get(email="demo@example.org")
    o = selectors.overview(user)
    assert {r.name for r in o.lapsed} == {"Dr. Lena Park", "Dr. Hannah Schmidt"}
    assert [(r.name, rec.flag) for r, rec in o.one_way] == [("Dr. Ravi Patel", "takes_only")]
    snaps = list(Snapshot.objects.filter(owner=user).order_by("taken_at"))
    assert len(snaps) == 2
    from tiewise.core.snapshots import diff_snapshots

    diff = diff_snapshots(snaps[0].data, selectors.pln_state(user))
    assert diff["new_nodes"] and diff["strengthened"] and diff["lapsed"]
    channels = set(user.interactions.values_list("channel", flat=True))
    assert len(channels) >= 6
    statuses = {i.status for i in selectors.due_items(user)}
    assert {"overdue", "due", "soon"} <= statuses
