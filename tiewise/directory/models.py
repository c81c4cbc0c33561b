"""Meeting new people (issue 21): the opt-in directory listing, requests to
connect (direct or through an introducer), events and the people met there.

A listing is off by default and publishes only its own fields: nothing of
the owner's PLN ever shows in the directory."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from tiewise.core.vocab import AREAS, CAREER_STAGES, CONNECTION_STATUSES, OFFERS, SECTORS, choices
from tiewise.network.fields import ListField


def new_card_key() -> str:
    return secrets.token_urlsafe(16)


class Listing(models.Model):
    """What one user chose to publish in the directory (one each)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="listing"
    )
    listed = models.BooleanField(default=False, help_text="Show me in the directory.")
    bio = models.TextField(blank=True, max_length=1000)
    institution = models.CharField(max_length=200, blank=True)
    specialty = models.CharField(max_length=120, blank=True)
    career_stage = models.CharField(max_length=20, blank=True, choices=choices(CAREER_STAGES))
    sector = models.CharField(max_length=20, blank=True, choices=choices(SECTORS))
    country = models.CharField(max_length=120, blank=True)
    areas = ListField(allowed=AREAS)
    topics = ListField()
    offers = ListField(allowed=OFFERS)
    seeks = ListField(allowed=OFFERS)
    #: A public card page at /card/<card_key>/ (off by default).
    public_card = models.BooleanField(
        default=False, help_text="Let my card's QR code link to a public card page."
    )
    card_key = models.CharField(max_length=32, unique=True, default=new_card_key)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [models.Index(fields=["listed"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(career_stage__in=[*CAREER_STAGES, ""]),
                name="listing_career_stage_valid",
            ),
            models.CheckConstraint(
                condition=Q(sector__in=[*SECTORS, ""]), name="listing_sector_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"Listing of {self.user_id}"


class Connection(models.Model):
    """A request to connect: `requester` asks `target` (a listed user),
    directly or through an introducer. An introducer is asked by the email
    address the requester has for them, and no account is looked up until
    they answer, so asking reveals nothing about who has an account."""

    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="connections_sent"
    )
    target = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="connections_received"
    )
    introducer_email = models.EmailField(blank=True)
    introducer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="introductions_made",
    )
    introducer_name = models.CharField(max_length=200, blank=True)
    message = models.TextField(blank=True, max_length=2000)
    status = models.CharField(
        max_length=10, choices=choices(CONNECTION_STATUSES), default="pending"
    )
    created_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=list(CONNECTION_STATUSES)),
                name="connection_status_valid",
            ),
            models.CheckConstraint(
                condition=~Q(requester=models.F("target")), name="connection_not_to_self"
            ),
            models.UniqueConstraint(
                fields=["requester", "target"],
                condition=Q(status__in=["asked", "pending"]),
                name="connection_one_open_request",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.requester_id} → {self.target_id}: {self.status}"


class Event(models.Model):
    """A conference or meeting the owner goes to."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="events"
    )
    name = models.CharField(max_length=200)
    starts_on = models.DateField()
    ends_on = models.DateField()
    place = models.CharField(max_length=200, blank=True)
    hashtag = models.CharField(max_length=100, blank=True)
    backchannel = models.URLField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="event_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return f"/events/{self.pk}/"


class Met(models.Model):
    """One person met at an event: the node, the conference interaction and
    the follow-up action it created (each may later be deleted)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="met")
    line = models.CharField(max_length=500)
    node = models.ForeignKey(
        "network.Node", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    interaction = models.ForeignKey(
        "upkeep.Interaction", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    action = models.ForeignKey(
        "planning.Action", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.line
