"""The import triage inbox: a file is staged as a batch of records; nothing
enters the PLN until the owner commits the batch."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from tiewise.core.vocab import AREAS, MODES, REACHES, ROLES, SECTORS
from tiewise.network.fields import ListField
from tiewise.network.models import Node

#: A staged batch stays open (some of it perhaps added already) until every
#: record is decided and added, or the owner dismisses the rest.
BATCH_STATUSES = {"staged": "Waiting for review", "committed": "Added", "discarded": "Discarded"}
DECISIONS = {
    "pending": "Not decided",
    "strong": "Accept as strong tie",
    "weak": "Accept as weak tie",
    "prospect": "Accept as prospect",
    "merge": "Merge into an existing person",
    "reject": "Leave out",
}
#: Decisions that put a record into the PLN as a new node, and the tie strength.
ACCEPT_STRENGTH = {"strong": "strong", "weak": "weak", "prospect": "absent"}


class ImportBatch(models.Model):
    """One uploaded file, staged for triage."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="import_batches"
    )
    filename = models.CharField(max_length=255)
    format = models.CharField(max_length=20)
    created_at = models.DateTimeField(default=timezone.now)
    committed_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=list(BATCH_STATUSES.items()), default="staged")
    warnings = models.JSONField(default=list, blank=True)
    #: Sections a format carries beyond nodes and ties (the JSON export's goals...).
    sections = models.JSONField(default=dict, blank=True)
    record_count = models.PositiveIntegerField(default=0)
    duplicate_count = models.PositiveIntegerField(default=0)
    tie_count = models.PositiveIntegerField(default=0)
    #: What the commit did: {"created": n, "merged": n, "unchanged": n, ...}.
    outcome = models.JSONField(default=dict, blank=True)
    #: The background job that staged it (big files), so a job run twice
    #: after a worker died stages the file once.
    job_id = models.UUIDField(null=True, blank=True, unique=True)
    #: A publication file whose owner was not found among its authors: the
    #: most frequent authors (`{"name", "papers"}`) to ask "which of these
    #: authors are you?", and the file, held only until the owner answers
    #: or dismisses the import, so it can be read again with the answer.
    authors = models.JSONField(default=list, blank=True)
    held_file = models.BinaryField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["owner", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=list(BATCH_STATUSES)), name="import_batch_status_valid"
            )
        ]

    def __str__(self) -> str:
        return f"{self.filename} ({self.format})"

    def get_absolute_url(self) -> str:
        return f"/import/{self.pk}/"


class StagedRecord(models.Model):
    """One would-be node of a batch, with the owner's decision about it."""

    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="records")
    position = models.PositiveIntegerField()
    line = models.PositiveIntegerField(null=True, blank=True)
    name = models.CharField(max_length=200)
    data = models.JSONField(default=dict)
    suggested_strength = models.CharField(max_length=10, blank=True)
    decision = models.CharField(max_length=10, choices=list(DECISIONS.items()), default="pending")
    merge_into = models.ForeignKey(
        Node, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    duplicate_of = models.ForeignKey(
        Node, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    #: An earlier record of the same file that looks like the same person.
    duplicate_of_position = models.PositiveIntegerField(null=True, blank=True)
    duplicate_reason = models.CharField(max_length=30, blank=True)
    areas = ListField(allowed=AREAS)
    roles = ListField(allowed=ROLES)
    node = models.ForeignKey(
        Node, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    #: Added to the PLN (or left out) by an earlier commit; the rest stay to review.
    committed = models.BooleanField(default=False)
    #: The import format the record came from ("linkedin", "medline", ...).
    source = models.CharField(max_length=20, blank=True)
    #: Folded (accents and case aside) text the inbox searches and filters.
    search_text = models.TextField(blank=True)
    organisation_key = models.CharField(max_length=200, blank=True)
    title_key = models.CharField(max_length=200, blank=True)
    has_email = models.BooleanField(default=False)
    #: Suggestions (tiewise.core.enrich), which the owner may change in bulk.
    suggested_sector = models.CharField(
        max_length=20, blank=True, choices=[("", "—"), *SECTORS.items()]
    )
    suggested_reach = models.CharField(
        max_length=20, blank=True, choices=[("", "—"), *REACHES.items()]
    )
    suggested_areas = ListField(allowed=AREAS)
    suggested_modes = ListField(allowed=MODES)
    #: Relevance for the inbox's order (highest first), and why.
    score = models.PositiveSmallIntegerField(default=0)
    score_reasons = models.JSONField(default=list, blank=True)
    #: Found again (an exact match): where the file differs from that person,
    #: `{"field", "old", "new"}`, which the commit takes as the newer facts.
    changes = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["position"]
        indexes = [models.Index(fields=["batch", "-score", "position"], name="staged_record_rank")]
        constraints = [
            models.UniqueConstraint(fields=["batch", "position"], name="staged_record_position"),
            models.CheckConstraint(
                condition=Q(decision__in=list(DECISIONS)), name="staged_record_decision_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.batch_id}#{self.position}: {self.name}"


class StagedTie(models.Model):
    """Two records of a batch who know each other (by position)."""

    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="ties")
    source = models.PositiveIntegerField()
    target = models.PositiveIntegerField()
    strength = models.CharField(max_length=10, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(strength__in=["", "strong", "weak"]), name="staged_tie_strength_valid"
            )
        ]

    def __str__(self) -> str:
        return f"{self.source}–{self.target}"
