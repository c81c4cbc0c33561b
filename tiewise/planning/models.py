"""The plan (DESIGN.md section 2, flows 1, 3, 4 and the reflection): goals,
the five people to add, the action plan and the online-identity reflection."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from tiewise.core.strategies import STRATEGY_TITLES
from tiewise.core.text import LONGTEXT_MAX
from tiewise.core.vocab import (
    ACTION_STATUSES,
    AREAS,
    GOAL_STATUSES,
    PITFALLS,
    PLATFORMS,
    PROSPECT_STATUSES,
    REACHES,
    ROLES,
    SECTORS,
    choices,
)
from tiewise.network.fields import ListField
from tiewise.network.models import Node


class Goal(models.Model):
    """A development goal in SMART form, with an optional WOOP."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="goals"
    )
    title = models.CharField(max_length=200)
    specific = models.TextField(blank=True, max_length=LONGTEXT_MAX)
    measurable = models.TextField(blank=True, max_length=LONGTEXT_MAX)
    assignable = models.TextField(blank=True, max_length=LONGTEXT_MAX)
    relevant = models.TextField(blank=True, max_length=LONGTEXT_MAX)
    target_date = models.DateField(null=True, blank=True)
    wish = models.TextField(blank=True, max_length=LONGTEXT_MAX)
    outcome = models.TextField(blank=True, max_length=LONGTEXT_MAX)
    obstacle = models.TextField(blank=True, max_length=LONGTEXT_MAX)
    plan = models.TextField(blank=True, max_length=LONGTEXT_MAX)
    status = models.CharField(max_length=10, choices=choices(GOAL_STATUSES), default="active")
    nodes = models.ManyToManyField(Node, blank=True, related_name="goals")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["owner", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=list(GOAL_STATUSES)), name="goal_status_valid"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return f"/plan/goals/{self.pk}/"


class Prospect(models.Model):
    """One of the "five people to add". Once connected it keeps pointing at
    the node it became, with its history."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="prospects"
    )
    name = models.CharField(max_length=200)
    node = models.ForeignKey(
        Node, on_delete=models.SET_NULL, null=True, blank=True, related_name="prospects"
    )
    goal = models.ForeignKey(
        Goal, on_delete=models.SET_NULL, null=True, blank=True, related_name="prospects"
    )
    why = models.TextField(blank=True, max_length=LONGTEXT_MAX)
    organisation = models.CharField(max_length=200, blank=True)
    areas = ListField(allowed=AREAS)
    roles = ListField(allowed=ROLES)
    sector = models.CharField(max_length=20, choices=choices(SECTORS), blank=True)
    reach = models.CharField(max_length=20, choices=choices(REACHES), blank=True)
    how_to_reach = models.TextField(blank=True, max_length=LONGTEXT_MAX)
    status = models.CharField(
        max_length=12, choices=choices(PROSPECT_STATUSES), default="identified"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["owner", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=list(PROSPECT_STATUSES)), name="prospect_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(sector__in=[*SECTORS, ""]), name="prospect_sector_valid"
            ),
            models.CheckConstraint(
                condition=Q(reach__in=[*REACHES, ""]), name="prospect_reach_valid"
            ),
            models.UniqueConstraint(
                fields=["node"], condition=Q(node__isnull=False), name="prospect_one_per_node"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return f"/plan/prospects/{self.pk}/"


class ProspectEvent(models.Model):
    """One step of a prospect's history: a status reached, when, and a note."""

    prospect = models.ForeignKey(Prospect, on_delete=models.CASCADE, related_name="events")
    status = models.CharField(max_length=12, choices=choices(PROSPECT_STATUSES))
    at = models.DateTimeField(default=timezone.now)
    note = models.TextField(blank=True, max_length=LONGTEXT_MAX)

    class Meta:
        ordering = ["at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=list(PROSPECT_STATUSES)),
                name="prospect_event_status_valid",
            )
        ]

    def __str__(self) -> str:
        return f"{self.prospect_id}: {self.status}"


class Action(models.Model):
    """A step of the action plan, usually drawn from a strategy."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="plan_actions"
    )
    title = models.CharField(max_length=200)
    strategy = models.CharField(max_length=40, choices=choices(STRATEGY_TITLES), blank=True)
    goal = models.ForeignKey(
        Goal, on_delete=models.SET_NULL, null=True, blank=True, related_name="actions"
    )
    nodes = models.ManyToManyField(Node, blank=True, related_name="actions")
    due_date = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=choices(ACTION_STATUSES), default="planned")
    done_at = models.DateTimeField(null=True, blank=True)
    notes = models.TextField(blank=True, max_length=LONGTEXT_MAX)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["owner", "status", "due_date"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=list(ACTION_STATUSES)), name="action_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(strategy__in=[*STRATEGY_TITLES, ""]),
                name="action_strategy_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return f"/plan/actions/{self.pk}/edit/"


class Reflection(models.Model):
    """The owner's reflection on their online professional identity (one each)."""

    owner = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="online_identity"
    )
    platforms = ListField(allowed=PLATFORMS)
    profile_and_bio_check = models.TextField(blank=True, max_length=LONGTEXT_MAX)
    profile_current = models.BooleanField(default=False)
    people_and_hashtags_followed = models.TextField(blank=True, max_length=LONGTEXT_MAX)
    posting_rhythm = models.TextField(blank=True, max_length=LONGTEXT_MAX)
    pitfalls = ListField(allowed=PITFALLS)
    notes = models.TextField(blank=True, max_length=LONGTEXT_MAX)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Online identity of {self.owner_id}"
