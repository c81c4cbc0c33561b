"""Demo coaching: a coach account that coaches the demo user, with a shared
session note and a comment on the first goal, so the caseload, the agenda
and the coachee's Coaching page have something to show."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from django.utils import timezone

from tiewise.accounts.selectors import user_by_email
from tiewise.accounts.services import user_create
from tiewise.core.errors import NotFound
from tiewise.planning import selectors as planning_selectors

from . import services
from .models import CoachingRelationship

if TYPE_CHECKING:
    from tiewise.accounts.models import User

COACH_EMAIL = "coach@tiewise.local"
COACH_PASSWORD = "tiewise-demo"  # noqa: S105 - printed on purpose: it is the demo


def demo_extend(user: User) -> None:
    try:
        coach = user_by_email(COACH_EMAIL)
    except NotFound:
        coach = user_create(
            email=COACH_EMAIL,
            password=COACH_PASSWORD,
            display_name="Dr. Ben Okafor",
            profession="Physician",
            specialty="Faculty development",
        )
    if CoachingRelationship.objects.filter(coach=coach, coachee=user, status="active").exists():
        return
    # Made directly rather than through an emailed invitation: no mail in the demo.
    rel = CoachingRelationship.objects.create(
        coachee=user,
        coach=coach,
        invited_email=COACH_EMAIL,
        status="active",
        share_plan=True,
        accepted_at=timezone.now(),
    )
    services.session_note_create(
        rel=rel,
        on=timezone.localdate() - timedelta(days=21),
        shared=True,
        body="We mapped your strong ties and agreed on two things before next time: ask "
        "your program director about sponsorship, and reach one person outside medicine.",
    )
    services.session_note_create(
        rel=rel,
        on=timezone.localdate() - timedelta(days=21),
        body="Seems hesitant to ask for sponsorship; revisit the obstacle in the WOOP.",
    )
    goal = planning_selectors.goal_queryset(user).order_by("id").first()
    if goal is not None:
        services.comment_create(
            user=coach,
            rel=rel,
            kind="goal",
            item_id=goal.pk,
            body="Good goal. Who already knows your work well enough to vouch for it?",
        )
