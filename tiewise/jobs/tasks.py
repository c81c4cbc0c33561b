"""What the queue runs: one task that runs a job by id, and the periodic
work (no cron entry needed: the worker schedules it)."""

from __future__ import annotations

import logging

from huey import crontab
from huey.contrib.djhuey import HUEY, db_periodic_task, db_task

log = logging.getLogger(__name__)


@db_task()
def run_job_task(job_id: str) -> None:
    from .services import job_run

    job_run(job_id)


def enqueue_job(job_id: str) -> None:
    """Put a job's id on the queue (the payload stays in the database, so
    only a string travels through the broker)."""
    run_job_task(job_id)


@db_periodic_task(crontab(minute="*/2"))
def requeue_stale_jobs() -> None:
    from .services import jobs_requeue_stale

    if n := jobs_requeue_stale():
        log.warning("queued %s stale job(s) again", n)


@db_periodic_task(crontab(hour="3", minute="17"))
def clean_old_jobs() -> None:
    from .services import jobs_clean

    jobs_clean()


@db_periodic_task(crontab(day_of_week="1", hour="7", minute="0"))
def weekly_digest() -> None:
    """Monday mornings: the keep-in-touch digest for everyone who opted in."""
    from tiewise.upkeep.services import digest_send_all

    sent, skipped = digest_send_all()
    log.info("weekly digest: %s sent, %s with nothing due", sent, skipped)


@db_periodic_task(crontab(day="1", hour="2", minute="30"))
def monthly_snapshots() -> None:
    """The first of the month: every PLN's starting point for "what changed"."""
    from tiewise.upkeep.services import snapshots_monthly_for_all

    log.info("monthly snapshots: %s taken", snapshots_monthly_for_all())


@db_periodic_task(crontab(hour="4", minute="5"))
def clean_expired_invitations() -> None:
    from tiewise.coaching.services import invitations_expire

    log.info("expired invitations: %s closed", invitations_expire())


__all__ = ["HUEY", "enqueue_job", "run_job_task"]
