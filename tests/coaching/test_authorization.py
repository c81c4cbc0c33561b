"""The authorization matrix: every coaching page and API endpoint, for the
coachee, a coach with a full share, a coach with a partial share, a coach
after revocation, an unrelated user and an anonymous visitor."""

from __future__ import annotations

from typing import Any

import pytest

# Pages a coach reads about one coachee. "plan" pages need the plan shared.
COACH_PAGES = [
    ("/coaching/coachees/{rel}/", False),
    ("/coaching/coachees/{rel}/map/", False),
    ("/coaching/coachees/{rel}/map.svg", False),
    ("/coaching/coachees/{rel}/people/", False),
    ("/coaching/coachees/{rel}/insights/", False),
    ("/coaching/coachees/{rel}/plan/", True),
    ("/coaching/coachees/{rel}/notes/", False),
    ("/coaching/coachees/{rel}/agenda/", False),
]
COACH_API = [
    ("/api/v1/coaching/coachees/{rel}", False),
    ("/api/v1/coaching/coachees/{rel}/map", False),
    ("/api/v1/coaching/coachees/{rel}/people", False),
    ("/api/v1/coaching/coachees/{rel}/insights", False),
    ("/api/v1/coaching/coachees/{rel}/interactions", False),
    ("/api/v1/coaching/coachees/{rel}/goals", True),
    ("/api/v1/coaching/coachees/{rel}/prospects", True),
    ("/api/v1/coaching/coachees/{rel}/actions", True),
    ("/api/v1/coaching/coachees/{rel}/comments", True),
    ("/api/v1/coaching/coachees/{rel}/session-notes", False),
    ("/api/v1/coaching/coachees/{rel}/agenda", False),
]
# Who may read, by persona: (needs_plan=False, needs_plan=True).
PAGE_EXPECT = {
    "full": (200, 200),
    "partial": (200, 404),
    "revoked": (404, 404),
    "outsider": (404, 404),
    "coachee": (404, 404),
}


def _rel(world: dict[str, Any], who: str) -> int:
    """Each persona tries the relationship id it would most plausibly use:
    its own, or (for those without one) the full coach's."""
    persona = world[who]
    return (persona.rel or world["full"].rel).pk


@pytest.mark.parametrize("path,needs_plan", COACH_PAGES)
@pytest.mark.parametrize("who", list(PAGE_EXPECT))
def test_coach_pages_answer_only_live_coaches_and_only_what_is_shared(
    world: dict[str, Any], who: str, path: str, needs_plan: bool
) -> None:
    url = path.format(rel=_rel(world, who))
    response = world[who].client.get(url)
    assert response.status_code == PAGE_EXPECT[who][needs_plan], url


@pytest.mark.parametrize("path,needs_plan", COACH_PAGES)
def test_coach_pages_send_anonymous_visitors_to_sign_in(
    world: dict[str, Any], path: str, needs_plan: bool
) -> None:
    response = world["anon"].client.get(path.format(rel=world["full"].rel.pk))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("path,needs_plan", COACH_API)
@pytest.mark.parametrize("who", list(PAGE_EXPECT))
def test_coach_api_answers_only_live_coaches_and_only_what_is_shared(
    world: dict[str, Any], who: str, path: str, needs_plan: bool
) -> None:
    expected = PAGE_EXPECT[who][needs_plan]
    if who == "coachee" and path.endswith("/comments"):
        expected = 200  # she is a member of that relationship: she reads its comments
    url = path.format(rel=_rel(world, who))
    response = world[who].api.get(url)
    assert response.status_code == expected, url
    if expected == 404:
        assert response.json() == {"detail": "Not found"}


@pytest.mark.parametrize("path,needs_plan", COACH_API)
def test_coach_api_asks_anonymous_callers_to_authenticate(
    world: dict[str, Any], path: str, needs_plan: bool
) -> None:
    assert world["anon"].api.get(path.format(rel=world["full"].rel.pk)).status_code == 401


def test_the_caseload_lists_only_live_coachees(world: dict[str, Any]) -> None:
    for who, count in (
        ("full", 1),
        ("partial", 1),
        ("revoked", 0),
        ("outsider", 0),
        ("coachee", 0),
    ):
        body = world[who].api.get("/api/v1/coaching/coachees").json()
        assert body["count"] == count, who
        page = world[who].client.get("/coaching/caseload/")
        assert page.status_code == 200
        assert (b"Ana Ruiz" in page.content) == bool(count), who
    assert world["anon"].client.get("/coaching/caseload/").status_code == 302
    assert world["anon"].api.get("/api/v1/coaching/coachees").status_code == 401


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
@pytest.mark.parametrize("section", ["goals", "prospects", "actions", "map", "insights"])
def test_a_coach_cannot_write_to_the_coachees_data(
    world: dict[str, Any], method: str, section: str
) -> None:
    coach = world["full"]
    url = f"/api/v1/coaching/coachees/{coach.rel.pk}/{section}"
    response = getattr(coach.api.client, method)(
        url, data="{}", content_type="application/json", headers=coach.api.headers
    )
    assert response.status_code == 405


def test_a_coach_cannot_reach_the_coachees_items_through_the_owner_api(
    world: dict[str, Any],
) -> None:
    coach = world["full"]
    goal = world["goal"]
    assert coach.api.get(f"/api/v1/goals/{goal.pk}").status_code == 404
    assert coach.api.patch(f"/api/v1/goals/{goal.pk}", {"title": "Hijacked"}).status_code == 404
    assert coach.client.get(f"/plan/goals/{goal.pk}/").status_code == 404
    goal.refresh_from_db()
    assert goal.title == "Find a sponsor"


@pytest.mark.parametrize("who,expected", [
    ("full", 201), ("partial", 404), ("revoked", 404), ("outsider", 404), ("coachee", 201),
])  # fmt: skip
def test_comments_can_be_written_by_both_sides_of_a_live_relationship_sharing_the_plan(
    world: dict[str, Any], who: str, expected: int
) -> None:
    rel = _rel(world, who)
    body = {"item_kind": "goal", "item_id": world["goal"].pk, "body": "Nice goal"}
    response = world[who].api.post(f"/api/v1/coaching/coachees/{rel}/comments", body)
    assert response.status_code == expected


@pytest.mark.parametrize("who,expected", [
    ("full", 201), ("partial", 201), ("revoked", 404), ("outsider", 404), ("coachee", 404),
])  # fmt: skip
def test_only_a_live_coach_writes_session_notes(
    world: dict[str, Any], who: str, expected: int
) -> None:
    rel = _rel(world, who)
    response = world[who].api.post(
        f"/api/v1/coaching/coachees/{rel}/session-notes", {"body": "We met", "shared": True}
    )
    assert response.status_code == expected


@pytest.mark.parametrize("who,expected", [
    ("full", 302), ("partial", 404), ("revoked", 404), ("outsider", 404), ("coachee", 404),
])  # fmt: skip
def test_the_comment_form_is_for_live_coaches_sharing_the_plan(
    world: dict[str, Any], who: str, expected: int
) -> None:
    rel = _rel(world, who)
    response = world[who].client.post(
        f"/coaching/coachees/{rel}/comments/",
        {"item_kind": "goal", "item_id": world["goal"].pk, "body": "Hello"},
    )
    assert response.status_code == expected


@pytest.mark.parametrize("who,expected", [
    ("full", 302), ("partial", 302), ("revoked", 404), ("outsider", 404), ("coachee", 404),
])  # fmt: skip
def test_posting_pages_check_the_live_relationship(
    world: dict[str, Any], who: str, expected: int
) -> None:
    rel = _rel(world, who)
    for url, data in (
        (f"/coaching/coachees/{rel}/notes/", {"date": "2030-01-05", "body": "Notes"}),
        (f"/coaching/coachees/{rel}/agenda/", {"text": "My agenda"}),
    ):
        assert world[who].client.post(url, data).status_code == expected, url


def test_the_coaching_page_works_for_everyone_signed_in(world: dict[str, Any]) -> None:
    for who in ("coachee", "full", "partial", "revoked", "outsider"):
        assert world[who].client.get("/coaching/").status_code == 200
    assert world["anon"].client.get("/coaching/").status_code == 302


def test_only_the_coachee_changes_what_is_shared(world: dict[str, Any]) -> None:
    rel = world["partial"].rel
    url = f"/api/v1/coaching/relationships/{rel.pk}"
    assert world["partial"].api.patch(url, {"plan": True}).status_code == 404
    assert world["outsider"].api.patch(url, {"plan": True}).status_code == 404
    assert world["coachee"].api.patch(url, {"plan": True}).json()["share"]["plan"] is True


def test_either_side_revokes_but_nobody_else(world: dict[str, Any]) -> None:
    rel = world["full"].rel
    url = f"/api/v1/coaching/relationships/{rel.pk}"
    assert world["outsider"].api.delete(url).status_code == 404
    assert world["partial"].api.delete(url).status_code == 404
    assert world["anon"].api.delete(url).status_code == 401
    assert world["full"].api.delete(url).status_code == 204
    assert world["full"].api.get(f"/api/v1/coaching/coachees/{rel.pk}/map").status_code == 404


def test_cohorts_belong_to_their_coach(world: dict[str, Any]) -> None:
    coach = world["full"]
    made = coach.api.post(
        "/api/v1/coaching/cohorts", {"name": "Leaders", "members": [coach.rel.pk]}
    )
    assert made.status_code == 201
    cid = made.json()["id"]
    assert coach.client.get(f"/coaching/cohorts/{cid}/").status_code == 200
    assert coach.api.get(f"/api/v1/coaching/cohorts/{cid}").status_code == 200
    for who in ("partial", "outsider", "coachee"):
        assert world[who].client.get(f"/coaching/cohorts/{cid}/").status_code == 404
        assert world[who].client.get(f"/coaching/cohorts/{cid}/edit/").status_code == 404
        assert world[who].api.get(f"/api/v1/coaching/cohorts/{cid}").status_code == 404
    assert world["anon"].client.get(f"/coaching/cohorts/{cid}/").status_code == 302
    # A coach cannot put someone else's coachee into a cohort.
    other_rel = world["partial"].rel.pk
    bad = coach.api.post("/api/v1/coaching/cohorts", {"name": "X", "members": [other_rel]})
    assert bad.status_code == 404


@pytest.mark.parametrize("path", [
    "/api/v1/coaching/invitations", "/api/v1/coaching/invitations/abc/accept",
    "/api/v1/coaching/requests", "/api/v1/coaching/cohorts",
    "/api/v1/coaching/introductions-made", "/api/v1/coaching/introductions/1/accept",
])  # fmt: skip
def test_every_coaching_write_asks_anonymous_callers_to_authenticate(
    world: dict[str, Any], path: str
) -> None:
    assert world["anon"].api.post(path, {"email": "x@example.org"}).status_code == 401


@pytest.mark.parametrize("path", [
    "/coaching/invite/", "/coaching/request/", "/coaching/comments/",
    "/coaching/introduction-made/", "/coaching/cohorts/",
])  # fmt: skip
def test_every_coaching_form_sends_anonymous_visitors_to_sign_in(
    world: dict[str, Any], path: str
) -> None:
    response = world["anon"].client.post(path, {"email": "x@example.org"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
