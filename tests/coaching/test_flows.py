"""Invitations, requests, comments, session notes, the agenda,
introductions and cohorts, end to end through pages and the API."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any
from urllib.parse import quote

import pytest
import time_machine
from django.core import mail
from django.test import Client

from tests.coaching.conftest import SECRET, make_coach, persona
from tiewise.accounts.services import user_create
from tiewise.coaching import selectors, services
from tiewise.coaching.models import CoachingRelationship, Introduction
from tiewise.network import services as network_services
from tiewise.network.models import AlterTie
from tiewise.planning.models import Prospect
from tiewise.upkeep.models import Interaction

LINK = re.compile(r"http://\S+/coaching/accept/(\S+)/")


def _token_from_mail() -> str:
    found = LINK.search(mail.outbox[-1].body)
    assert found, mail.outbox[-1].body
    return found.group(1)


# --- invitations -----------------------------------------------------------------------


def test_an_invitation_is_emailed_with_a_signed_link_the_coach_accepts(owner: Any) -> None:
    ana = persona(owner)
    response = ana.api.post(
        "/api/v1/coaching/invitations",
        {"email": "Coach@Example.org", "share": {"private_nodes": False, "notes": False, "plan": True}},
    )  # fmt: skip
    assert response.status_code == 201
    assert response.json()["status"] == "invited"
    assert mail.outbox[-1].to == ["coach@example.org"]
    token = _token_from_mail()
    coach = persona(user_create(email="coach@example.org", password="correct horse 11"))
    accepted = coach.api.post(f"/api/v1/coaching/invitations/{token}/accept")
    assert accepted.status_code == 200
    body = accepted.json()
    assert body["status"] == "active"
    assert body["share"] == {"private_nodes": False, "notes": False, "plan": True}
    # The link is used up.
    assert coach.api.post(f"/api/v1/coaching/invitations/{token}/accept").status_code == 404


def test_an_invitation_link_expires_after_two_weeks(owner: Any) -> None:
    services.invitation_create(coachee=owner, email="late@example.org")
    token = _token_from_mail()
    coach = persona(user_create(email="late@example.org", password="correct horse 12"))
    with time_machine.travel(date.today() + timedelta(days=15)):
        assert coach.client.get(f"/coaching/accept/{token}/").status_code == 404
        assert coach.api.post(f"/api/v1/coaching/invitations/{token}/accept").status_code == 404


def test_a_tampered_link_is_refused(owner: Any) -> None:
    services.invitation_create(coachee=owner, email="x@example.org")
    token = _token_from_mail()
    coach = persona(user_create(email="x@example.org", password="correct horse 13"))
    assert coach.client.get(f"/coaching/accept/{token[:-2]}zz/").status_code == 404


def test_only_the_invited_address_can_accept(owner: Any, other: Any) -> None:
    services.invitation_create(coachee=owner, email="right@example.org")
    token = _token_from_mail()
    ben = persona(other)
    assert ben.api.post(f"/api/v1/coaching/invitations/{token}/accept").status_code == 403
    page = ben.client.get(f"/coaching/accept/{token}/")
    assert b"Sign in with that address" in page.content
    assert not CoachingRelationship.objects.filter(status="active").exists()


def test_a_signed_out_coach_is_sent_to_sign_in_or_up_and_back(owner: Any) -> None:
    services.invitation_create(coachee=owner, email="new@example.org")
    token = _token_from_mail()
    page = Client().get(f"/coaching/accept/{token}/")
    assert page.status_code == 200
    target = quote(f"/coaching/accept/{token}/", safe="/")
    # Sign-up is the invitation's own (the address filled in and locked).
    assert f"/coaching/accept/{token}/sign-up/".encode() in page.content
    assert f"/accounts/login/?next={target}".encode() in page.content


def test_accepting_through_the_page_lands_on_the_caseload(owner: Any) -> None:
    services.invitation_create(coachee=owner, email="page@example.org")
    token = _token_from_mail()
    coach = persona(user_create(email="page@example.org", password="correct horse 14"))
    response = coach.client.post(f"/coaching/accept/{token}/")
    assert CoachingRelationship.objects.get(coach=coach.user).status == "active"
    assert response["Location"] == "/coaching/caseload/"


def test_a_withdrawn_invitation_cannot_be_accepted(owner: Any) -> None:
    rel = services.invitation_create(coachee=owner, email="w@example.org")
    token = _token_from_mail()
    services.relationship_revoke(user=owner, relationship_id=rel.pk)
    coach = persona(user_create(email="w@example.org", password="correct horse 15"))
    assert coach.api.post(f"/api/v1/coaching/invitations/{token}/accept").status_code == 404


def test_you_cannot_invite_yourself(owner: Any) -> None:
    response = persona(owner).api.post("/api/v1/coaching/invitations", {"email": owner.email})
    assert response.status_code == 422


def test_a_coach_asks_and_the_coachee_accepts_choosing_what_to_share(
    owner: Any, other: Any
) -> None:
    ben, ana = persona(other), persona(owner)
    asked = ben.api.post("/api/v1/coaching/requests", {"email": owner.email})
    assert asked.status_code == 202
    unknown = ben.api.post("/api/v1/coaching/requests", {"email": "nobody@example.org"})
    assert unknown.json() == asked.json()  # addresses cannot be probed
    # Until Ana answers, the request names an address and nobody else.
    rel = CoachingRelationship.objects.get(coach=other, invited_email=owner.email)
    assert rel.status == "requested" and rel.coachee is None
    listed = {r["invited_email"]: r for r in ben.api.get("/api/v1/coaching/relationships").json()[
        "items"]}  # fmt: skip
    known, nobody = listed[owner.email], listed["nobody@example.org"]
    assert known["coachee"] is None and nobody["coachee"] is None
    assert {k: v for k, v in known.items() if k not in ("id", "invited_email", "created_at")} == {
        k: v for k, v in nobody.items() if k not in ("id", "invited_email", "created_at")
    }
    assert ben.api.get(f"/api/v1/coaching/coachees/{rel.pk}/map").status_code == 404
    assert ben.api.post(f"/api/v1/coaching/relationships/{rel.pk}/accept", {}).status_code == 404
    page = ana.client.get("/coaching/")
    assert b"asks to coach you" in page.content
    ana.client.post(f"/coaching/relationships/{rel.pk}/accept/", {"share_plan": "on"})
    rel.refresh_from_db()
    assert (rel.status, rel.share_plan, rel.share_notes, rel.share_private_nodes) == (
        "active", True, False, False,
    )  # fmt: skip
    assert ben.api.get(f"/api/v1/coaching/coachees/{rel.pk}/map").status_code == 200


def test_a_coachee_can_decline_a_request(owner: Any, other: Any) -> None:
    rel = services.coaching_request(coach=other, email=owner.email)
    assert rel is not None
    persona(owner).client.post(f"/coaching/relationships/{rel.pk}/decline/")
    rel.refresh_from_db()
    assert rel.status == "declined"


def test_a_user_can_have_several_coaches_and_a_coach_many_coachees(owner: Any, other: Any) -> None:
    make_coach(owner, "c1@example.org", {})
    c2, _ = make_coach(owner, "c2@example.org", {})
    rel = services.invitation_create(coachee=other, email="c2@example.org")
    services.invitation_accept(coach=c2, token=services.invitation_token(rel))
    assert selectors.coaches_of(owner).filter(status="active").count() == 2
    assert selectors.coachees_of(c2).count() == 2


# --- working together --------------------------------------------------------------------


def test_the_coachee_sees_the_coachs_comment_on_her_goal_page_and_replies(
    world: dict[str, Any],
) -> None:
    full, ana, goal = world["full"], world["coachee"], world["goal"]
    full.client.post(
        f"/coaching/coachees/{full.rel.pk}/comments/",
        {"item_kind": "goal", "item_id": goal.pk, "body": "Who could sponsor you?"},
    )
    page = ana.client.get(f"/plan/goals/{goal.pk}/")
    assert b"Who could sponsor you?" in page.content
    reply = ana.client.post(
        "/coaching/comments/",
        {"relationship": full.rel.pk, "item_kind": "goal", "item_id": goal.pk,
         "body": "My chair", "next": f"/plan/goals/{goal.pk}/"},
    )  # fmt: skip
    assert reply["Location"].startswith(f"/plan/goals/{goal.pk}/")
    coach_view = full.client.get(f"/coaching/coachees/{full.rel.pk}/plan/")
    assert b"My chair" in coach_view.content
    assert b"Who could sponsor you?" in ana.client.get("/coaching/").content


def test_comments_on_prospects_and_actions_show_on_their_pages(world: dict[str, Any]) -> None:
    full, ana = world["full"], world["coachee"]
    for kind, item, url in (
        ("prospect", world["prospect"], f"/plan/prospects/{world['prospect'].pk}/"),
        ("action", world["action"], f"/plan/actions/{world['action'].pk}/edit/"),
    ):
        full.api.post(
            f"/api/v1/coaching/coachees/{full.rel.pk}/comments",
            {"item_kind": kind, "item_id": item.pk, "body": f"About this {kind}"},
        )
        assert f"About this {kind}".encode() in ana.client.get(url).content


def test_a_coach_cannot_comment_on_someone_elses_goal(world: dict[str, Any], other: Any) -> None:
    from tiewise.planning import services as planning_services

    foreign = planning_services.goal_create(owner=other, data={"title": "Ben's goal"})
    full = world["full"]
    response = full.api.post(
        f"/api/v1/coaching/coachees/{full.rel.pk}/comments",
        {"item_kind": "goal", "item_id": foreign.pk, "body": "Sneaky"},
    )
    assert response.status_code == 404


def test_session_notes_are_private_to_the_coach_unless_shared(world: dict[str, Any]) -> None:
    full, ana = world["full"], world["coachee"]
    url = f"/api/v1/coaching/coachees/{full.rel.pk}/session-notes"
    full.api.post(url, {"body": "Only for me", "date": "2030-01-02"})
    full.api.post(url, {"body": "Homework: two intros", "date": "2030-01-03", "shared": True})
    notes = full.api.get(url).json()
    assert [n["body"] for n in notes["items"]] == ["Homework: two intros", "Only for me"]
    page = ana.client.get("/coaching/").content
    assert b"Homework: two intros" in page
    assert b"Only for me" not in page
    assert world["partial"].api.get(url).status_code == 404


def test_the_agenda_gathers_overdue_actions_goals_near_their_date_gaps_and_changes(
    world: dict[str, Any], owner: Any
) -> None:
    full = world["full"]
    from tiewise.upkeep import services as upkeep_services

    upkeep_services.snapshot_take(owner=owner)
    full.api.post(
        f"/api/v1/coaching/coachees/{full.rel.pk}/session-notes",
        {"body": "First session", "date": "2030-01-05"},
    )
    with time_machine.travel(date(2030, 1, 7)):
        network_services.node_create(owner=owner, data={"name": "New Friend", "strength": "weak"})
        agenda = full.api.get(f"/api/v1/coaching/coachees/{full.rel.pk}/agenda").json()
    assert [a["title"] for a in agenda["overdue_actions"]] == ["Email the dean"]
    assert [g["title"] for g in agenda["goals_near_target"]] == ["Find a sponsor"]
    assert agenda["gaps"]
    assert [n["name"] for n in agenda["changes"]["new_nodes"]] == ["New Friend"]
    assert "Email the dean" in agenda["text"]
    assert "New: New Friend" in agenda["text"]


def test_the_agenda_for_a_partial_share_has_no_plan_and_no_private_changes(
    world: dict[str, Any], owner: Any
) -> None:
    from tiewise.upkeep import services as upkeep_services

    upkeep_services.snapshot_take(owner=owner)
    network_services.node_create(
        owner=owner, data={"name": "Another Secret", "strength": "weak", "private": True}
    )
    partial = world["partial"]
    agenda = partial.api.get(f"/api/v1/coaching/coachees/{partial.rel.pk}/agenda").json()
    assert agenda["overdue_actions"] == [] and agenda["goals_near_target"] == []
    assert "Email the dean" not in agenda["text"]
    assert "Another Secret" not in agenda["text"] and SECRET not in agenda["text"]


def test_the_agenda_can_be_edited_printed_and_regenerated(world: dict[str, Any]) -> None:
    full = world["full"]
    url = f"/coaching/coachees/{full.rel.pk}/agenda/"
    page = full.client.get(url)
    assert b"data-print" in page.content and b"coaching.js" in page.content
    full.client.post(url, {"text": "1. Sponsor\n2. Journal club"})
    assert b"2. Journal club" in full.client.get(url).content
    api = full.api.get(f"/api/v1/coaching/coachees/{full.rel.pk}/agenda").json()
    assert api["saved_text"] == "1. Sponsor\n2. Journal club"
    full.client.post(url, {"text": "", "reset": "1"})
    assert b"2. Journal club" not in full.client.get(url).content


def test_the_caseload_shows_growth_since_the_last_session(
    world: dict[str, Any], owner: Any
) -> None:
    full = world["full"]
    services.session_note_create(rel=full.rel, body="Met", on=date(2030, 1, 5))
    with time_machine.travel(date(2030, 1, 8)):
        network_services.node_create(owner=owner, data={"name": "Fresh Face"})
        network_services.node_create(owner=owner, data={"name": "Hidden", "private": True})
        full_row = full.api.get("/api/v1/coaching/coachees").json()["items"][0]
        part_row = world["partial"].api.get("/api/v1/coaching/coachees").json()["items"][0]
    assert full_row["grown_since_last_session"] == 2
    assert part_row["grown_since_last_session"] is None  # no session with this coach
    assert full_row["overdue_actions"] == 1 and full_row["active_goals"] == 1
    assert part_row["overdue_actions"] is None and part_row["active_goals"] is None


# --- introductions --------------------------------------------------------------------------


@pytest.fixture
def mentor_node(world: dict[str, Any]) -> Any:
    return network_services.node_create(
        owner=world["full"].user,
        data={"name": "Prof Mentor", "organisation": "Big Hospital", "sector": "medicine",
              "notes": "coach's private note"},
    )  # fmt: skip


def test_a_coach_recommends_a_node_that_becomes_the_coachees_prospect(
    world: dict[str, Any], mentor_node: Any
) -> None:
    full, ana = world["full"], world["coachee"]
    made = full.api.post(
        f"/api/v1/coaching/coachees/{full.rel.pk}/introductions",
        {"node_id": mentor_node.pk, "why": "Runs the sponsorship program"},
    )
    assert made.status_code == 201
    prospect = Prospect.objects.get(owner=ana.user, name="Prof Mentor")
    assert prospect.organisation == "Big Hospital"
    assert "full" in prospect.how_to_reach and "introduce" in prospect.how_to_reach
    assert "coach's private note" not in prospect.why
    intro = Introduction.objects.get()
    assert intro.prospect == prospect
    assert b"Prof Mentor" in ana.client.get("/coaching/").content
    kept = ana.api.post(f"/api/v1/coaching/introductions/{intro.pk}/accept")
    assert kept.json()["status"] == "accepted"
    assert Prospect.objects.filter(pk=prospect.pk).exists()
    assert ana.api.post(f"/api/v1/coaching/introductions/{intro.pk}/dismiss").status_code == 422


def test_dismissing_an_introduction_deletes_the_prospect(
    world: dict[str, Any], mentor_node: Any
) -> None:
    full, ana = world["full"], world["coachee"]
    full.client.post(f"/coaching/coachees/{full.rel.pk}/introduce/", {"node": mentor_node.pk})
    intro = Introduction.objects.get()
    ana.client.post(f"/coaching/introductions/{intro.pk}/dismiss/")
    intro.refresh_from_db()
    assert intro.status == "dismissed"
    assert not Prospect.objects.filter(name="Prof Mentor").exists()


def test_only_the_coachee_decides_and_only_own_nodes_can_be_recommended(
    world: dict[str, Any], mentor_node: Any, jane: Any
) -> None:
    full, partial = world["full"], world["partial"]
    bad = full.api.post(
        f"/api/v1/coaching/coachees/{full.rel.pk}/introductions", {"node_id": jane.pk}
    )
    assert bad.status_code == 404  # Jane is the coachee's node, not the coach's
    not_mine = partial.api.post(
        f"/api/v1/coaching/coachees/{full.rel.pk}/introductions", {"node_id": mentor_node.pk}
    )
    assert not_mine.status_code == 404
    full.api.post(
        f"/api/v1/coaching/coachees/{full.rel.pk}/introductions", {"node_id": mentor_node.pk}
    )
    intro = Introduction.objects.get()
    assert full.api.post(f"/api/v1/coaching/introductions/{intro.pk}/accept").status_code == 404
    assert (
        world["outsider"].client.post(f"/coaching/introductions/{intro.pk}/keep/").status_code
        == 404
    )


def test_recording_an_introduction_made_adds_an_alter_tie_and_an_interaction(
    world: dict[str, Any], jane: Any, raj: Any
) -> None:
    ana = world["coachee"]
    response = ana.client.post(
        "/coaching/introduction-made/",
        {"source": jane.pk, "target": raj.pk, "date": "2030-01-04", "note": ""},
    )
    assert response.status_code == 302
    assert AlterTie.objects.filter(owner=ana.user).count() == 1
    interaction = Interaction.objects.get(owner=ana.user, kind="introduction_made")
    assert {n.pk for n in interaction.nodes.all()} == {jane.pk, raj.pk}
    assert interaction.direction == "gave"
    other = world["outsider"].api.post(
        "/api/v1/coaching/introductions-made", {"source": jane.pk, "target": raj.pk}
    )
    assert other.status_code == 404


# --- cohorts ------------------------------------------------------------------------------------


def test_a_cohort_shows_aggregates_and_no_names(world: dict[str, Any], other: Any) -> None:
    full = world["full"]
    rel2 = services.invitation_create(coachee=other, email=full.user.email, share={"plan": False})
    rel2 = services.invitation_accept(coach=full.user, token=services.invitation_token(rel2))
    made = full.client.post(
        "/coaching/cohorts/", {"name": "Emerging leaders", "members": [full.rel.pk, rel2.pk]}
    )
    cohort_id = int(made["Location"].rstrip("/").split("/")[-1])
    page = full.client.get(f"/coaching/cohorts/{cohort_id}/").content.decode()
    for name in ("Ana Ruiz", "Ben", "Jane Doe", "Raj Patel", SECRET, "Find a sponsor"):
        assert name not in page, name
    agg = full.api.get(f"/api/v1/coaching/cohorts/{cohort_id}").json()
    assert agg["members"] == 2
    assert agg["size"]["max"] == 3  # Ana shares private nodes with this coach
    assert agg["goals"] == {"active": 1, "achieved": 0, "dropped": 0, "members_sharing": 1}
    assert "Ana" not in str(agg) and "Jane" not in str(agg)
    services.relationship_revoke(user=other, relationship_id=rel2.pk)
    assert full.api.get(f"/api/v1/coaching/cohorts/{cohort_id}").json()["members"] == 1


def test_a_request_answers_alike_whoever_holds_the_address_even_with_a_newline_in_a_name(
    owner: Any, other: Any
) -> None:
    from django.core import mail

    from tiewise.accounts.services import profile_update

    profile_update(user=other, data={"display_name": "Ben\nBcc: victim@example.org"})
    ben = persona(other)
    known = ben.api.post("/api/v1/coaching/requests", {"email": owner.email})
    unknown = ben.api.post("/api/v1/coaching/requests", {"email": "nobody@example.org"})
    assert known.status_code == unknown.status_code == 202
    assert known.json() == unknown.json()
    assert len(mail.outbox) == 2
    for message in mail.outbox:  # one line, one recipient: no header to inject
        assert "\n" not in message.subject and "\r" not in message.subject
        assert message.recipients() == message.to and len(message.to) == 1
    assert sorted(m.to[0] for m in mail.outbox) == sorted([owner.email, "nobody@example.org"])


def test_only_a_confirmed_address_may_invite_or_ask_and_only_so_often(
    owner: Any, other: Any, settings: Any
) -> None:
    from allauth.account.models import EmailAddress

    EmailAddress.objects.filter(user=other).update(verified=False)
    ben = persona(other)
    refused = ben.api.post("/api/v1/coaching/invitations", {"email": "coach@example.org"})
    assert refused.status_code == 422 and "Confirm your own email" in str(refused.json())
    asked = ben.api.post("/api/v1/coaching/requests", {"email": owner.email})
    assert asked.status_code == 422
    EmailAddress.objects.filter(user=other).update(verified=True)
    settings.TIEWISE_RATE_LIMITS = True
    settings.TIEWISE_RATES = {**settings.TIEWISE_RATES, "email": "2/h"}
    codes = [
        ben.api.post("/api/v1/coaching/invitations", {"email": f"c{i}@example.org"}).status_code
        for i in range(3)
    ]
    assert codes == [201, 201, 422]


def test_the_agenda_follows_each_change_at_once_though_it_is_cached(
    world: dict[str, Any], owner: Any
) -> None:
    """The agenda's people part is cached; an edit, a new snapshot, a new
    session note and a change of sharing each show on the next visit."""
    from tiewise.coaching import services as coaching_services
    from tiewise.upkeep import services as upkeep_services

    full = world["full"]
    url = f"/api/v1/coaching/coachees/{full.rel.pk}/agenda"
    assert full.api.get(url).json()["changes"] is None  # no snapshot to compare with yet
    upkeep_services.snapshot_take(owner=owner)  # not a PLN change: its version stays
    assert full.api.get(url).json()["changes"] is not None
    network_services.node_create(owner=owner, data={"name": "Met At A Congress"})
    new = [n["name"] for n in full.api.get(url).json()["changes"]["new_nodes"]]
    assert new == ["Met At A Congress"]
    # A session today: the summary counts from it at once, though nothing
    # in the PLN changed (the page says from when).
    page = f"/coaching/coachees/{full.rel.pk}/agenda/"
    assert "Changes from 6 December 2029" in full.client.get(page).content.decode()
    full.api.post(
        f"/api/v1/coaching/coachees/{full.rel.pk}/session-notes",
        {"body": "Talked it through", "date": "2030-01-05"},
    )
    assert "Changes from 5 January 2030" in full.client.get(page).content.decode()
    network_services.node_create(owner=owner, data={"name": "Quiet Secret", "private": True})
    assert "Quiet Secret" in full.api.get(url).json()["text"]  # private people are shared here
    coaching_services.share_update(
        coachee=owner, relationship_id=full.rel.pk, share={"private_nodes": False, "plan": True}
    )
    assert "Quiet Secret" not in full.api.get(url).json()["text"]


def test_an_agenda_after_a_big_import_names_eight_and_counts_the_rest(
    world: dict[str, Any], owner: Any
) -> None:
    from tiewise.upkeep import services as upkeep_services

    full = world["full"]
    upkeep_services.snapshot_take(owner=owner)
    for i in range(29):
        network_services.node_create(owner=owner, data={"name": f"Co-author {i:02}"})
    network_services.node_create(
        owner=owner, data={"name": "Zora New Sponsor", "strength": "strong", "roles": ["sponsor"]}
    )
    text = full.api.get(f"/api/v1/coaching/coachees/{full.rel.pk}/agenda").json()["text"]
    (line,) = [ln for ln in text.splitlines() if ln.startswith("- New: ")]
    # The sponsor comes first, though last by name; then the first by name.
    assert line.startswith("- New: Zora New Sponsor, Co-author 00, Co-author 01")
    assert line.count("Co-author") == 7 and line.endswith("and 22 more")
