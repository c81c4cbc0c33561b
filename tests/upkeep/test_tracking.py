"""Imported ties are not overdue: the keep-in-touch clock starts when the
owner chooses, and the calendar feed stays small on a big network."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
import time_machine
from icalendar import Calendar

from tiewise.network import services as network
from tiewise.network.models import Tie
from tiewise.upkeep import selectors, services

pytestmark = pytest.mark.django_db

TODAY = date(2025, 6, 1)


def imported(owner: Any, count: int) -> list[Any]:
    """`count` LinkedIn connections "connected on" years ago, as an import commits them."""
    rows = [
        {"name": f"Contact {i:04d}", "strength": "weak", "tags": ["from-linkedin"],
         "since": date(2016, 1, 1) + timedelta(days=i % 2000)}
        for i in range(count)
    ]  # fmt: skip
    return network.nodes_bulk_create(owner=owner, rows=rows)


@time_machine.travel("2025-06-01 12:00", tick=False)
def test_an_import_of_old_connections_makes_nobody_due(owner: Any) -> None:
    imported(owner, 50)
    assert selectors.due_items(owner) == []
    assert {r.status.status for r in selectors.tie_rows(owner)} == {"untracked"}


@time_machine.travel("2025-06-01 12:00", tick=False)
def test_choosing_to_keep_in_touch_starts_the_clock_today(owner: Any) -> None:
    node = imported(owner, 1)[0]
    services.tie_reminder_set(node=node, tracked=True)
    row = selectors.status_map(owner)[node.pk]
    assert row.status.status == "ok" and row.status.anchor == TODAY
    assert row.status.due_date == TODAY + timedelta(days=180)  # the weak default
    with time_machine.travel("2025-12-01 12:00", tick=False):
        assert [i.node_id for i in selectors.due_items(owner)] == [node.pk]


@time_machine.travel("2025-06-01 12:00", tick=False)
def test_a_cadence_or_an_interaction_tracks_a_tie_and_stopping_untracks_it(owner: Any) -> None:
    a, b = imported(owner, 2)
    network.node_update(node=a, data={"cadence_days": 30})
    assert Tie.objects.get(node=a).tracked_since == TODAY
    services.interaction_create(owner=owner, data={"nodes": [b.pk], "date": "2025-03-01"})
    assert selectors.status_map(owner)[b.pk].status.anchor == date(2025, 3, 1)
    network.nodes_bulk_update(owner=owner, ids=[a.pk], track=False)
    assert selectors.status_map(owner)[a.pk].status.status == "untracked"


@time_machine.travel("2025-06-01 12:00", tick=False)
def test_people_added_by_hand_are_tracked_from_the_day_they_were_added(owner: Any) -> None:
    node = network.node_create(owner=owner, data={"name": "Maria Chen", "since": "2015-01-01"})
    row = selectors.status_map(owner)[node.pk]
    assert row.status.anchor == TODAY and row.status.status == "ok"


@time_machine.travel("2025-06-01 12:00", tick=False)
def test_the_bulk_edit_starts_keeping_in_touch_with_the_chosen(
    owner_client: Any, owner: Any
) -> None:
    nodes = imported(owner, 3)
    response = owner_client.post(
        "/nodes/bulk/", {"ids": [nodes[0].pk, nodes[1].pk], "track": "start"}
    )
    assert response.status_code == 302
    tracked = set(Tie.objects.filter(tracked_since=TODAY).values_list("node_id", flat=True))
    assert tracked == {nodes[0].pk, nodes[1].pk}


@time_machine.travel("2025-06-01 12:00", tick=False)
def test_the_node_page_offers_keep_in_touch_for_an_untracked_tie(
    owner_client: Any, owner: Any
) -> None:
    node = imported(owner, 1)[0]
    html = owner_client.get(f"/nodes/{node.pk}/").content.decode()
    assert "Not tracked" in html and 'value="track"' in html
    owner_client.post(f"/nodes/{node.pk}/reminder/", {"action": "track"})
    assert Tie.objects.get(node=node).tracked_since == TODAY


@time_machine.travel("2025-06-01 12:00", tick=False)
def test_the_feed_of_a_2000_tie_network_holds_the_due_and_one_overdue_event(
    owner: Any, anon_client: Any
) -> None:
    nodes = imported(owner, 2000)
    # She chose 30 of them: 12 overdue, 5 due within 14 days, 13 due later.
    for n in nodes[:12]:
        services.interaction_create(owner=owner, data={"nodes": [n.pk], "date": "2024-01-15"})
    soon = [n.pk for n in nodes[12:17]]
    later = [n.pk for n in nodes[17:30]]
    network.nodes_bulk_update(owner=owner, ids=soon + later, track=True)
    Tie.objects.filter(node_id__in=soon).update(tracked_since=TODAY - timedelta(days=170))
    cal = Calendar.from_ical(
        anon_client.get(f"/calendar/{selectors.feed_token(owner)}.ics").content
    )
    events = list(cal.walk("VEVENT"))
    assert len(events) == 5 + 1
    summaries = sorted(str(e["SUMMARY"]) for e in events)
    assert summaries[0] == "12 people overdue to get in touch with"
    assert {e.decoded("DTSTART") for e in events} <= {TODAY + timedelta(days=d) for d in range(15)}
    assert len(selectors.due_items(owner)) == 12 + 5
