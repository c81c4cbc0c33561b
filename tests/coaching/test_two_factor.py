"""A coach holds other people's networks: the caseload asks them to turn on
two-factor sign-in until they have."""

from __future__ import annotations

from typing import Any

from allauth.mfa.models import Authenticator


def test_a_coach_with_coachees_is_nudged_to_turn_on_two_factor(world: dict[str, Any]) -> None:
    coach = world["full"]
    page = coach.client.get("/coaching/caseload/").content.decode()
    assert 'data-testid="two-factor-nudge"' in page
    Authenticator.objects.create(user=coach.user, type=Authenticator.Type.WEBAUTHN, data={})
    page = coach.client.get("/coaching/caseload/").content.decode()
    assert 'data-testid="two-factor-nudge"' not in page


def test_a_coach_without_coachees_is_not_nagged(other_client: Any) -> None:
    page = other_client.get("/coaching/caseload/").content.decode()
    assert 'data-testid="two-factor-nudge"' not in page
