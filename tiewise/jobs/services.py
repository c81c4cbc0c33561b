"""Submitting and running jobs. Pages, the API and the CLI submit; the
worker (`tiewise worker`, or the one `tiewise serve` starts) runs.

Every kind of job is listed in :data:`HANDLERS` with the function that does
it, so a reader finds the code behind a job in one place. A handler is
`handler(job, report) -> Outcome`: it reads `job.params` (and `job.payload`),
calls `report(progress, message)` now and then, and returns what came of it.
It must be safe to run twice: a job whose worker died is run again.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from importlib import import_module
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from tiewise.accounts.models import User
from tiewise.core.errors import NotFound

from .models import Job

log = logging.getLogger(__name__)

#: kind -> "module:function" of its handler (imported when a job runs).
HANDLERS: dict[str, str] = {
    "import_stage": "tiewise.transfer.jobs:stage_import",
    "worksheet_pdf": "tiewise.planning.jobs:render_worksheet",
    "send_email": "tiewise.jobs.mail:send_email",
}

#: A running job's worker reports it alive this often ...
HEARTBEAT_SECONDS = float(os.environ.get("TIEWISE_JOB_HEARTBEAT_SECONDS", "10"))
#: ... and a running job nobody reported for this long is run again.
STALE_AFTER = timedelta(seconds=float(os.environ.get("TIEWISE_JOB_STALE_SECONDS", "90")))
#: ... at most this many times in all.
MAX_ATTEMPTS = 3
#: Finished jobs (and their downloads) are kept this long.
KEEP_FOR = timedelta(days=7)


@dataclass(slots=True)
class Outcome:
    """What a handler returns: a summary for the status resource, where to
    see the result, and optionally a file to download."""

    result: dict[str, Any] = field(default_factory=dict)
    result_url: str = ""
    output: bytes | None = None


Report = Callable[[float | None, str], None]
Handler = Callable[[Job, Report], Outcome]


def handler_for(kind: str) -> Handler:
    module, _, name = HANDLERS[kind].partition(":")
    fn: Handler = getattr(import_module(module), name)
    return fn


def job_submit(
    *,
    owner: User,
    kind: str,
    params: dict[str, Any] | None = None,
    payload: bytes | None = None,
    message: str = "",
) -> Job:
    """Record a job and queue it once the caller's transaction commits (a
    worker must never look for a row that is not there yet)."""
    if kind not in HANDLERS:
        raise ValidationError({"kind": [f"Unknown job {kind!r}."]})
    job = Job.objects.create(
        owner=owner, kind=kind, params=params or {}, payload=payload, message=message
    )
    from .tasks import enqueue_job

    if settings.JOBS_IMMEDIATE:
        enqueue_job(str(job.pk))  # tests: run now, in this transaction
    else:
        transaction.on_commit(lambda: enqueue_job(str(job.pk)))
    job.refresh_from_db()
    return job


def _report(job_id: str) -> Report:
    def report(progress: float | None, message: str = "") -> None:
        fields: dict[str, Any] = {"heartbeat_at": timezone.now(), "message": message[:300]}
        if progress is not None:
            fields["progress"] = max(0.0, min(1.0, float(progress)))
        Job.objects.filter(pk=job_id, status="running").update(**fields)

    return report


def job_run(job_id: str) -> Job | None:
    """Run one job (called by the queue). A job that is already finished, or
    that another worker is running right now, is left alone."""
    now = timezone.now()
    # One UPDATE claims the job: of two workers given the same id, one wins.
    claimable = Q(status="queued") | Q(status="running", heartbeat_at__lt=now - STALE_AFTER)
    claimed = Job.objects.filter(claimable, pk=job_id).update(
        status="running", started_at=now, heartbeat_at=now, attempts=F("attempts") + 1
    )
    if not claimed:
        return None
    job = Job.objects.get(pk=job_id)
    beating = _Heartbeat(job_id)
    beating.start()
    try:
        outcome = handler_for(job.kind)(job, _report(job_id))
    except Exception as exc:  # noqa: BLE001 - a failed job says why, the worker goes on
        if not isinstance(exc, ValidationError | NotFound | ValueError):
            log.exception("job %s (%s) failed", job_id, job.kind)
        Job.objects.filter(pk=job_id).update(
            status="failed", error=_reason(exc), finished_at=timezone.now(), payload=None
        )
        return Job.objects.get(pk=job_id)
    finally:
        beating.stop()
    Job.objects.filter(pk=job_id).update(
        status="done",
        progress=1.0,
        result=outcome.result,
        result_url=outcome.result_url,
        output=outcome.output,
        payload=None,
        finished_at=timezone.now(),
        message="",
    )
    return Job.objects.get(pk=job_id)


class _Heartbeat(threading.Thread):
    """Says "still running" for one job while its handler works, so a job
    whose worker died is recognised by silence, not by a guess at its length."""

    def __init__(self, job_id: str) -> None:
        super().__init__(daemon=True, name=f"heartbeat-{job_id}")
        self.job_id = job_id
        self._done = threading.Event()

    def start(self) -> None:
        if not settings.JOBS_IMMEDIATE:  # run in the test's own thread: nothing to say
            super().start()

    def run(self) -> None:
        from django.db import connection

        try:
            while not self._done.wait(HEARTBEAT_SECONDS):
                Job.objects.filter(pk=self.job_id, status="running").update(
                    heartbeat_at=timezone.now()
                )
        finally:
            connection.close()

    def stop(self) -> None:
        self._done.set()
        if self.is_alive():
            self.join(timeout=5)


def _reason(exc: Exception) -> str:
    """What went wrong, in words the owner can act on."""
    if isinstance(exc, ValidationError):
        return "; ".join(exc.messages)[:1000]
    text = str(exc) or type(exc).__name__
    if isinstance(exc, NotFound | ValueError) or type(exc).__module__.startswith("tiewise"):
        return text[:1000]
    return f"Something went wrong on our side ({type(exc).__name__}). Nothing was changed."


def jobs_requeue_stale(*, now: Any = None) -> int:
    """Queue again every job that waits or runs without a live worker: after
    a crash, a deploy or a lost queue entry. A job tried too often fails."""
    now = now or timezone.now()
    from .tasks import enqueue_job

    stale = Job.objects.filter(status="running", heartbeat_at__lt=now - STALE_AFTER) | (
        Job.objects.filter(status="queued", created_at__lt=now - STALE_AFTER)
    )
    count = 0
    for job in stale:
        if job.attempts >= MAX_ATTEMPTS:
            Job.objects.filter(pk=job.pk).update(
                status="failed",
                error="The job stopped several times without finishing. Nothing was changed.",
                finished_at=now,
                payload=None,
            )
            continue
        enqueue_job(str(job.pk))
        count += 1
    return count


def jobs_clean(*, now: Any = None) -> int:
    """Forget finished jobs (and their downloads) after KEEP_FOR."""
    now = now or timezone.now()
    deleted, _ = Job.objects.filter(
        status__in=["done", "failed"], finished_at__lt=now - KEEP_FOR
    ).delete()
    return deleted
