"""Reads of jobs, always scoped to their owner."""

from __future__ import annotations

from typing import Any

from tiewise.access import mine
from tiewise.accounts.models import User

from .models import STATUSES, Job


def get_job_for(owner: User, job_id: object) -> Job:
    """The owner's job with this id; anything else (a malformed id too) is NotFound."""
    return mine(Job.objects.filter(owner=owner), job_id, "job")


def job_dict(job: Job) -> dict[str, Any]:
    """The status resource: what `GET /api/v1/jobs/{id}` answers."""
    return {
        "id": str(job.pk),
        "kind": job.kind,
        "status": job.status,
        "status_label": STATUSES[job.status],
        "progress": job.progress,
        "message": job.message,
        "result": job.result if job.status == "done" else {},
        "result_url": job.result_url if job.status == "done" else None,
        "error": job.error if job.status == "failed" else None,
        "created_at": job.created_at,
        "finished_at": job.finished_at,
    }
