"""The worksheet PDF as a background job: rendering a big PLN takes seconds,
which no web worker should spend waiting. The finished PDF is cached per PLN
version, so asking again before anything changes is instant."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.urls import reverse

from tiewise.jobs.models import Job
from tiewise.jobs.services import Outcome, Report
from tiewise.pln_cache import pln_key

from . import worksheet

if TYPE_CHECKING:
    from tiewise.accounts.models import User


def pdf_cache_key(owner: User, size: str) -> str:
    return pln_key(owner, "worksheet-pdf", worksheet.page_size(size))


def render_worksheet(job: Job, report: Report) -> Outcome:
    """Render the owner's worksheet; the download link is the job's own."""
    from django.core.cache import cache

    size = worksheet.page_size(str(job.params.get("size") or "a4"))
    report(0.1, "Drawing the map and the plan")
    pdf = worksheet.worksheet_pdf(job.owner, size)
    cache.set(pdf_cache_key(job.owner, size), pdf, timeout=24 * 3600)
    return Outcome(
        result={"bytes": len(pdf), "media_type": "application/pdf",
                "filename": f"tiewise-worksheet-{size}.pdf"},
        result_url=reverse("job_download", args=[job.pk]),
        output=pdf,
    )  # fmt: skip
