"""The coach's agenda shows the dashboard's "since your last session"
summary, as the coach may see it; a session snapshots the coachee's PLN."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from tiewise.coaching import selectors, services
from tiewise.network import services as network_services
from tiewise.upkeep.models import Snapshot

from .conftest import SECRET, make_coach, persona


def test_the_agenda_shows_the_same_summary_without_private_people(
    owner: Any, plan: dict[str, Any]
) -> None:
    coach_user, rel = make_coach(owner, "cam@example.org", {"plan": True})
    services.session_note_create(rel=rel, body="First session.")  # snapshots the PLN
    network_services.node_create(owner=owner, data={"name": "Nia New", "strength": "strong"})
    network_services.node_create(
        owner=owner, data={"name": "Pia Private", "strength": "strong", "private": True}
    )
    view = selectors.coach_view(coach_user, rel.pk)
    since = selectors.since_for_coach(view, today=timezone.localdate() + timedelta(days=1))
    new = next(line for line in since["lines"] if line["key"] == "new")
    assert new["count"] == 1 and [n["name"] for n in new["names"]] == ["Nia New"]
    cam = persona(coach_user, rel)
    page = cam.client.get(f"/coaching/coachees/{rel.pk}/agenda/").content.decode()
    assert 'data-testid="since-last-session"' in page and "Nia New" in page
    assert "Pia Private" not in page and SECRET not in page
    assert "/nodes/" not in page.split('data-testid="since-last-session"')[1].split("</section>")[0]


def test_a_session_note_of_today_and_an_agenda_snapshot_the_coachee_once(
    owner: Any, plan: dict[str, Any]
) -> None:
    _coach, rel = make_coach(owner, "cam@example.org", {"plan": True})
    services.session_note_create(rel=rel, body="Talked about sponsors.")
    services.agenda_save(rel=rel, text="1. Sponsors")
    taken = Snapshot.objects.filter(owner=owner, kind="session")
    assert taken.count() == 1
    assert taken.get().label.startswith("Coaching session with cam")
    services.session_note_create(rel=rel, body="Old", on=timezone.localdate() - timedelta(days=9))
    assert taken.count() == 1
