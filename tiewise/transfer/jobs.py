"""A big import as a background job: the file waits in the job row, the
worker reads it (outside any transaction) and stages it; the owner is taken
to the review when it is ready."""

from __future__ import annotations

from django.urls import reverse

from tiewise.core.importers import ImportFailed
from tiewise.jobs.models import Job
from tiewise.jobs.services import Outcome, Report

from . import services


def stage_import(job: Job, report: Report) -> Outcome:
    """Stage the uploaded file of `job` for triage. A file that cannot be
    read fails the job with the importer's own message (file, line, field)."""
    data = bytes(job.payload or b"")
    params = job.params
    report(0.05, f"Reading {params.get('filename', 'the file')}")
    try:
        batch = services.import_stage(
            owner=job.owner,
            data=data,
            filename=str(params.get("filename") or "upload"),
            format=params.get("format") or None,
            job_id=job.pk,
        )
    except ImportFailed as exc:
        raise ValueError(str(exc)) from None
    return Outcome(
        result={"import_id": batch.pk, "records": batch.record_count},
        result_url=reverse("import_review", args=[batch.pk]),
    )
