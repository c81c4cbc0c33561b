"""Coaching (DESIGN.md flow 7): who coaches whom, with what shared, and the
work they do together. Every coach view checks the live relationship."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

RELATIONSHIP_STATUSES: dict[str, str] = {
    "invited": "Invitation sent",  # the coachee invited a coach by email
    "requested": "Request sent",  # a coach asked; the coachee must accept
    "active": "Active",
    "declined": "Declined",
    "revoked": "Ended",
}
ITEM_KINDS: dict[str, str] = {"goal": "Goal", "prospect": "Prospect", "action": "Action"}
INTRODUCTION_STATUSES: dict[str, str] = {
    "pending": "Waiting for you",
    "accepted": "Kept",
    "dismissed": "Dismissed",
}


class CoachingRelationship(models.Model):
    """One coach and one coachee, and what the coachee shares with them.

    Invitations and requests are relationships that are not active yet. An
    invitation knows its coachee and waits for a coach (by email); a request
    knows its coach and waits, by email too, for whoever holds that address:
    no account is looked up until they accept, so a request reveals nothing
    about whether the address belongs to anyone."""

    coachee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="coach_links",
    )
    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="coachee_links",
    )
    invited_email = models.EmailField(blank=True)
    status = models.CharField(
        max_length=10, choices=list(RELATIONSHIP_STATUSES.items()), default="invited"
    )
    share_private_nodes = models.BooleanField(
        default=False, help_text="Include the people you marked private."
    )
    share_notes = models.BooleanField(
        default=False, help_text="Show the notes you wrote on interactions."
    )
    share_plan = models.BooleanField(
        default=True, help_text="Show your goals, five to add and action plan."
    )
    message = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    accepted_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=list(RELATIONSHIP_STATUSES)),
                name="coaching_relationship_status_valid",
            ),
            models.CheckConstraint(
                condition=~Q(coach=models.F("coachee")), name="coaching_not_own_coach"
            ),
            models.CheckConstraint(
                condition=Q(coach__isnull=False) | Q(status__in=["invited", "revoked", "declined"]),
                name="coaching_active_has_coach",
            ),
            models.CheckConstraint(
                condition=Q(coachee__isnull=False)
                | Q(status__in=["requested", "revoked", "declined"]),
                name="coaching_active_has_coachee",
            ),
            models.UniqueConstraint(
                fields=["coach", "coachee"],
                condition=Q(status__in=["active", "requested"]),
                name="coaching_one_live_pair",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.coach_id or self.invited_email} coaches {self.coachee_id}"

    @property
    def is_active(self) -> bool:
        return self.status == "active"


class Comment(models.Model):
    """A comment on one goal, prospect or action, seen by the coachee and
    the coach of the relationship it was written in."""

    relationship = models.ForeignKey(
        CoachingRelationship, on_delete=models.CASCADE, related_name="comments"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    goal = models.ForeignKey(
        "planning.Goal", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    prospect = models.ForeignKey(
        "planning.Prospect", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    action = models.ForeignKey(
        "planning.Action", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    body = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(goal__isnull=False, prospect__isnull=True, action__isnull=True)
                    | Q(goal__isnull=True, prospect__isnull=False, action__isnull=True)
                    | Q(goal__isnull=True, prospect__isnull=True, action__isnull=False)
                ),
                name="coaching_comment_one_item",
            )
        ]

    def __str__(self) -> str:
        return f"Comment {self.pk} by {self.author_id}"

    @property
    def kind(self) -> str:
        return "goal" if self.goal_id else "prospect" if self.prospect_id else "action"

    @property
    def item(self) -> object:
        return self.goal or self.prospect or self.action


class SessionNote(models.Model):
    """A coach's note about one session: private to the coach unless shared."""

    relationship = models.ForeignKey(
        CoachingRelationship, on_delete=models.CASCADE, related_name="session_notes"
    )
    date = models.DateField(default=timezone.localdate)
    body = models.TextField()
    shared = models.BooleanField(default=False, help_text="Let the coachee read this note.")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return f"Session of {self.date}"


class Agenda(models.Model):
    """The coach's edited agenda for the next session (one per relationship)."""

    relationship = models.OneToOneField(
        CoachingRelationship, on_delete=models.CASCADE, related_name="agenda"
    )
    text = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Agenda for {self.relationship_id}"


class Introduction(models.Model):
    """A coach recommends one of their own nodes to a coachee: it becomes a
    prospect in the coachee's plan, which they keep or dismiss."""

    relationship = models.ForeignKey(
        CoachingRelationship, on_delete=models.CASCADE, related_name="introductions"
    )
    source_node = models.ForeignKey(
        "network.Node", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    prospect = models.ForeignKey(
        "planning.Prospect", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    name = models.CharField(max_length=200)
    why = models.TextField(blank=True)
    status = models.CharField(
        max_length=10, choices=list(INTRODUCTION_STATUSES.items()), default="pending"
    )
    created_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=list(INTRODUCTION_STATUSES)),
                name="coaching_introduction_status_valid",
            )
        ]

    def __str__(self) -> str:
        return f"Introduction to {self.name}"


class Cohort(models.Model):
    """A coach's group of coachees (a program cohort), seen only in aggregate."""

    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="cohorts"
    )
    name = models.CharField(max_length=120)
    members = models.ManyToManyField(CoachingRelationship, blank=True, related_name="cohorts")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["coach", "name"], name="coaching_cohort_unique_name")
        ]

    def __str__(self) -> str:
        return self.name
