"""Keeping ties alive (DESIGN.md flow 5 and snapshots of flow 6)."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from tiewise.core.cadence import BUILTIN_DEFAULTS, CadenceRules
from tiewise.core.vocab import CHANNELS, DIRECTIONS, INTERACTION_KINDS, choices
from tiewise.network.models import Node


def new_feed_secret() -> str:
    return secrets.token_urlsafe(24)


class Interaction(models.Model):
    """A dated contact with one or more of the owner's nodes."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="interactions"
    )
    date = models.DateField()
    nodes = models.ManyToManyField(Node, related_name="interactions")
    channel = models.CharField(max_length=20, choices=choices(CHANNELS), default="in_person")
    kind = models.CharField(max_length=20, choices=choices(INTERACTION_KINDS), default="meeting")
    direction = models.CharField(max_length=10, choices=choices(DIRECTIONS), default="mutual")
    quality = models.PositiveSmallIntegerField(default=3)
    note = models.TextField(blank=True)
    #: Patient-information warnings of the note, found once when it is saved.
    phi_flags = models.JSONField(default=list, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["owner", "date"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(quality__gte=1) & Q(quality__lte=5), name="interaction_quality_1_5"
            ),
            models.CheckConstraint(
                condition=Q(channel__in=list(CHANNELS)), name="interaction_channel_valid"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=list(INTERACTION_KINDS)), name="interaction_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(direction__in=list(DIRECTIONS)), name="interaction_direction_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date}: {self.get_kind_display()}"


class UpkeepSettings(models.Model):
    """Per-user upkeep settings: default cadences, the weekly digest and the
    calendar feed secret (rotating it revokes the feed URL)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="upkeep_settings"
    )
    strong_key_days = models.PositiveIntegerField(
        null=True, blank=True, default=BUILTIN_DEFAULTS["strong_key"]
    )
    strong_days = models.PositiveIntegerField(
        null=True, blank=True, default=BUILTIN_DEFAULTS["strong"]
    )
    weak_days = models.PositiveIntegerField(null=True, blank=True, default=BUILTIN_DEFAULTS["weak"])
    digest_opt_in = models.BooleanField(default=False)
    #: The calendar feed shows what is due within this many days.
    feed_days = models.PositiveSmallIntegerField(default=14)
    feed_secret = models.CharField(max_length=64, default=new_feed_secret)
    last_digest_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "upkeep settings"
        constraints = [
            models.CheckConstraint(
                condition=(Q(strong_key_days__isnull=True) | Q(strong_key_days__gte=1))
                & (Q(strong_days__isnull=True) | Q(strong_days__gte=1))
                & (Q(weak_days__isnull=True) | Q(weak_days__gte=1)),
                name="upkeep_settings_cadence_positive",
            ),
            models.CheckConstraint(
                condition=Q(feed_days__gte=1) & Q(feed_days__lte=365),
                name="upkeep_settings_feed_days_1_365",
            ),
        ]

    def __str__(self) -> str:
        return f"Upkeep settings of {self.user_id}"

    @property
    def rules(self) -> CadenceRules:
        return CadenceRules(
            strong_key=self.strong_key_days, strong=self.strong_days, weak=self.weak_days
        )


class TieReminder(models.Model):
    """Snooze or silence reminders for one tie (kept apart from network.Tie)."""

    node = models.OneToOneField(Node, on_delete=models.CASCADE, related_name="reminder")
    snoozed_until = models.DateField(null=True, blank=True)
    never = models.BooleanField(default=False)

    def __str__(self) -> str:
        return f"Reminder for {self.node_id}"


class Snapshot(models.Model):
    """A dated copy of the PLN (see tiewise.core.snapshots for the shape)."""

    KINDS = {
        "auto": "Automatic (first change of the month)",
        "manual": "Taken by you",
        "session": "At the start of a coaching session",
    }

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="snapshots"
    )
    taken_at = models.DateTimeField(default=timezone.now)
    kind = models.CharField(max_length=10, choices=list(KINDS.items()), default="manual")
    label = models.CharField(max_length=120, blank=True)
    data = models.JSONField(default=dict)

    class Meta:
        ordering = ["-taken_at", "-id"]
        indexes = [models.Index(fields=["owner", "taken_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["auto", "manual", "session"]), name="snapshot_kind_valid"
            )
        ]

    def __str__(self) -> str:
        return self.label or f"Snapshot of {self.taken_at:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return f"/snapshots/{self.pk}/"

    @property
    def title(self) -> str:
        return self.label or f"{self.taken_at:%-d %b %Y}"
