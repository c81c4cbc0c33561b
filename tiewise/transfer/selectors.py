"""Reads of import batches, always scoped to one owner."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Count, QuerySet
from django.http import Http404

from .models import ImportBatch, StagedRecord
from .sections import SECTIONS

if TYPE_CHECKING:
    from tiewise.accounts.models import User

REASONS = {
    "email": "same email",
    "profile_url": "same profile link",
    "name_and_organisation": "same name and organisation",
}


def batch_queryset(owner: User) -> QuerySet[ImportBatch]:
    return ImportBatch.objects.filter(owner=owner)


def get_batch_for(owner: User, batch_id: int | str) -> ImportBatch:
    """The owner's batch with this id; anything else is a 404."""
    try:
        return batch_queryset(owner).get(pk=int(batch_id))
    except (ImportBatch.DoesNotExist, ValueError, TypeError):
        raise Http404("No such import") from None


def decision_counts(batch: ImportBatch) -> dict[str, int]:
    rows = batch.records.values("decision").annotate(n=Count("id"))
    return {r["decision"]: r["n"] for r in rows}


def record_tags(rec: Any) -> dict[str, list[str]]:
    """Areas and roles a staged record will bring: those in the file plus
    those set during triage."""
    return {
        "areas": sorted(set(rec.data.get("areas", [])) | set(rec.areas)),
        "roles": sorted(set(rec.data.get("roles", [])) | set(rec.roles)),
    }


def record_dict(rec: StagedRecord) -> dict[str, Any]:
    d = rec.data
    return {
        "id": rec.pk,
        "position": rec.position,
        "line": rec.line,
        "name": rec.name,
        "organisation": d.get("organisation", ""),
        "title": d.get("title", ""),
        "email": d.get("email", ""),
        "links": d.get("links", []),
        "suggested_strength": rec.suggested_strength,
        "modes": d.get("modes", []),
        "decision": rec.decision,
        **record_tags(rec),
        "merge_into": rec.merge_into_id,
        "duplicate_of": rec.duplicate_of_id,
        "duplicate_of_record": rec.duplicate_of_position,
        "duplicate_reason": rec.duplicate_reason,
        "node": rec.node_id,
    }


def batch_report(batch: ImportBatch, *, preview: int = 20) -> dict[str, Any]:
    """The staged report the API and the CLI show."""
    records = batch.records.all()[:preview]
    return {
        "id": batch.pk,
        "filename": batch.filename,
        "format": batch.format,
        "status": batch.status,
        "created_at": batch.created_at,
        "count": batch.record_count,
        "duplicates": batch.duplicate_count,
        "alter_ties": batch.tie_count,
        "sections": {k: len(v) for k, v in batch.sections.items() if isinstance(v, list)},
        "decisions": decision_counts(batch),
        "warnings": list(batch.warnings),
        "outcome": batch.outcome,
        "records": [record_dict(r) for r in records],
    }


def section_rows(batch: ImportBatch) -> list[dict[str, Any]]:
    """The sections of a Tiewise export besides its people, for the review:
    what the file holds, and whether the commit restores it (`done`: how many
    it restored, once committed) or keeps it for information only."""
    out = []
    for section in SECTIONS:
        rows = batch.sections.get(section.name)
        if not isinstance(rows, list) or not rows:
            continue
        out.append(
            {
                "name": section.name,
                "label": section.label,
                "count": None if section.single else len(rows),
                "restored": section.restore is not None,
                "done": batch.outcome.get(section.name),
                "lines": section.describe(rows) if section.describe else [],
            }
        )
    return out
