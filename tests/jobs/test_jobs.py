"""Jobs: slow work leaves the request, says how it is going, survives a dead
worker, and shows only its owner what it did."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from tiewise.jobs import services
from tiewise.jobs.mail import email_later
from tiewise.jobs.models import Job

from ..conftest import ApiClient

pytestmark = pytest.mark.django_db


def _ok(job: Job, report: Any) -> services.Outcome:
    report(0.5, "half way")
    return services.Outcome(result={"n": job.params["n"] * 2}, result_url="/done/")


def _boom(job: Job, report: Any) -> services.Outcome:
    raise ValueError("line 7, field 'Email': not an address")


def _crash(job: Job, report: Any) -> services.Outcome:
    raise RuntimeError("database cursor went away")


@pytest.fixture
def handlers(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    module = sys.modules[__name__]
    for kind, fn in (("ok", "_ok"), ("boom", "_boom"), ("crash", "_crash")):
        monkeypatch.setitem(services.HANDLERS, kind, f"{module.__name__}:{fn}")


def test_a_job_runs_and_its_status_says_done_with_where_to_look(
    handlers: None, owner: Any, owner_api: ApiClient
) -> None:
    job = services.job_submit(owner=owner, kind="ok", params={"n": 21})
    answer = owner_api.get(f"/api/v1/jobs/{job.pk}").json()
    assert answer["status"] == "done" and answer["progress"] == 1.0
    assert answer["result"] == {"n": 42} and answer["result_url"] == "/done/"
    assert answer["error"] is None


def test_a_failed_job_says_why_in_the_owners_words(handlers: None, owner: Any) -> None:
    job = services.job_submit(owner=owner, kind="boom", payload=b"x" * 100)
    job.refresh_from_db()
    assert job.status == "failed"
    assert job.error == "line 7, field 'Email': not an address"
    assert job.payload is None  # the upload is not kept after a failure


def test_an_unexpected_crash_is_reported_without_internals(handlers: None, owner: Any) -> None:
    job = services.job_submit(owner=owner, kind="crash")
    job.refresh_from_db()
    assert job.status == "failed"
    assert "cursor" not in job.error and "Nothing was changed" in job.error


def test_only_the_owner_sees_a_job(
    handlers: None, owner: Any, other_api: ApiClient, owner_api: ApiClient
) -> None:
    job = services.job_submit(owner=owner, kind="ok", params={"n": 1})
    assert other_api.get(f"/api/v1/jobs/{job.pk}").status_code == 404
    assert owner_api.get("/api/v1/jobs/not-a-uuid").status_code == 404
    assert owner_api.get("/api/v1/jobs/00000000-0000-0000-0000-000000000000").status_code == 404


def test_a_job_already_running_elsewhere_or_finished_is_not_run_twice(
    handlers: None, owner: Any
) -> None:
    job = Job.objects.create(owner=owner, kind="ok", params={"n": 1}, status="running",
                             heartbeat_at=timezone.now())  # fmt: skip
    assert services.job_run(str(job.pk)) is None  # a live worker has it
    Job.objects.filter(pk=job.pk).update(status="done")
    assert services.job_run(str(job.pk)) is None


def test_a_job_whose_worker_died_is_run_again_and_finishes_once(handlers: None, owner: Any) -> None:
    old = timezone.now() - services.STALE_AFTER - timedelta(seconds=1)
    job = Job.objects.create(owner=owner, kind="ok", params={"n": 2}, status="running",
                             heartbeat_at=old, attempts=1)  # fmt: skip
    assert services.jobs_requeue_stale() == 1
    job.refresh_from_db()
    assert job.status == "done" and job.result == {"n": 4} and job.attempts == 2


def test_a_job_that_keeps_dying_fails_with_a_clear_reason(handlers: None, owner: Any) -> None:
    old = timezone.now() - services.STALE_AFTER - timedelta(seconds=1)
    job = Job.objects.create(owner=owner, kind="ok", status="running", heartbeat_at=old,
                             attempts=services.MAX_ATTEMPTS)  # fmt: skip
    assert services.jobs_requeue_stale() == 0
    job.refresh_from_db()
    assert job.status == "failed" and "several times" in job.error


def test_finished_jobs_are_cleaned_after_a_week(handlers: None, owner: Any) -> None:
    job = services.job_submit(owner=owner, kind="ok", params={"n": 1})
    assert services.jobs_clean() == 0
    later = timezone.now() + services.KEEP_FOR + timedelta(hours=1)
    assert services.jobs_clean(now=later) == 1
    assert not Job.objects.filter(pk=job.pk).exists()


def test_an_email_job_sends_the_email(owner: Any) -> None:
    job = email_later(sender=owner, to=["ben@example.org"], subject="Hi", body="Hello")
    assert job.status == "done"
    assert [m.subject for m in mail.outbox] == ["Hi"]


def test_the_job_page_shows_progress_and_sends_the_owner_to_the_result(
    handlers: None, owner: Any, owner_client: Any, other_client: Any
) -> None:
    waiting = Job.objects.create(owner=owner, kind="ok", status="running", progress=0.4,
                                 message="Reading Connections.csv", heartbeat_at=timezone.now())  # fmt: skip
    page = owner_client.get(f"/jobs/{waiting.pk}/").content.decode()
    assert "Reading Connections.csv" in page and 'hx-trigger="every 1s"' in page
    done = services.job_submit(owner=owner, kind="ok", params={"n": 1})
    response = owner_client.get(f"/jobs/{done.pk}/")
    assert response.status_code == 302 and response["Location"] == "/done/"
    assert other_client.get(f"/jobs/{done.pk}/").status_code == 404


def _big_linkedin(rows: int) -> bytes:
    lines = ["First Name,Last Name,URL,Email Address,Company,Position,Connected On"]
    lines += [
        f"Person{i},Surname{i},https://www.linkedin.com/in/p{i},,Clinic {i % 90},Resident,"
        f"01 Mar 2023"
        for i in range(rows)
    ]
    return ("\n".join(lines) + "\n").encode()


def test_a_big_upload_is_staged_by_the_worker_and_the_page_follows_it(
    owner: Any, owner_client: Any
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tiewise.transfer.models import ImportBatch

    data = _big_linkedin(14000)
    assert len(data) > 1024 * 1024
    response = owner_client.post("/import/", {"file": SimpleUploadedFile("Connections.csv", data)})
    job = Job.objects.get(owner=owner, kind="import_stage")
    assert response["Location"] == f"/jobs/{job.pk}/"
    batch = ImportBatch.objects.get(owner=owner)
    assert job.status == "done" and job.result["import_id"] == batch.pk
    assert batch.record_count == 14000 and job.payload is None
    assert owner_client.get(response["Location"])["Location"] == f"/import/{batch.pk}/"
    # The same job run again (a worker died after staging) stages nothing more.
    Job.objects.filter(pk=job.pk).update(status="queued")
    services.job_run(str(job.pk))
    assert ImportBatch.objects.filter(owner=owner).count() == 1


def test_a_big_upload_through_the_api_answers_202_with_the_job(
    owner: Any, owner_api: ApiClient
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("Connections.csv", _big_linkedin(14000))
    response = owner_api.client.post("/api/v1/imports", {"file": upload}, headers=owner_api.headers)
    assert response.status_code == 202
    status = owner_api.get(response["Location"].removeprefix("http://testserver")).json()
    assert status["status"] == "done" and status["result"]["records"] == 14000


def test_a_big_upload_that_cannot_be_read_fails_its_job_naming_file_and_line(
    owner: Any, owner_client: Any
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = b"First Name,Last Name\n" + b"\xff\xfe\x00garbage\x00" * 200_000
    response = owner_client.post("/import/", {"file": SimpleUploadedFile("Connections.csv", data)})
    job = Job.objects.get(owner=owner, kind="import_stage")
    assert response["Location"] == f"/jobs/{job.pk}/"
    assert job.status == "failed" and "Connections.csv" in job.error
    page = owner_client.get(response["Location"]).content.decode()
    assert "Connections.csv" in page
