"""Slow work, done outside the request: one row per job, owned by a user.

The row is the ledger: what to do (`kind`, `params`, an uploaded file in
`payload`), how far it got and what came of it. The queue (Huey) only
carries the job's id, so a job survives a worker that dies: the reaper puts
every job whose worker stopped beating back in the queue, and handlers are
written so that running twice changes nothing twice.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

STATUSES = {"queued": "Waiting", "running": "Working", "done": "Ready", "failed": "Failed"}


class Job(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=40)
    status = models.CharField(max_length=10, default="queued", choices=list(STATUSES.items()))
    #: 0.0 to 1.0; None while nobody knows how long it takes.
    progress = models.FloatField(null=True, blank=True)
    message = models.CharField(max_length=300, blank=True)
    params = models.JSONField(default=dict, blank=True)
    #: Input too big for `params` (an uploaded file), dropped once done.
    payload = models.BinaryField(null=True, blank=True, editable=False)
    result = models.JSONField(default=dict, blank=True)
    #: Output to download (a PDF), kept until the job is cleaned up.
    output = models.BinaryField(null=True, blank=True, editable=False)
    result_url = models.CharField(max_length=300, blank=True)
    error = models.CharField(max_length=1000, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["owner", "-created_at"]),
            models.Index(fields=["status", "heartbeat_at"]),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=list(STATUSES)), name="job_status_valid")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.pk} ({self.status})"

    def get_absolute_url(self) -> str:
        return f"/jobs/{self.pk}/"
