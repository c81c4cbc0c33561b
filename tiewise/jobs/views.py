"""The job page: progress while it runs, the result once it is ready."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render

from tiewise.http import AuthedRequest

from . import selectors


@login_required
def job_status(request: AuthedRequest, job_id: str) -> HttpResponse:
    job = selectors.get_job_for(request.user, job_id)
    if job.status == "done" and job.result_url and not request.headers.get("HX-Request"):
        return redirect(job.result_url)
    template = "jobs/_status.html" if request.headers.get("HX-Request") else "jobs/status.html"
    response = render(request, template, {"job": job, "info": selectors.job_dict(job)})
    if job.status == "done" and job.result_url and request.headers.get("HX-Request"):
        response["HX-Redirect"] = job.result_url
    return response


@login_required
def job_download(request: AuthedRequest, job_id: str) -> HttpResponse:
    """The file a finished job made (a worksheet PDF)."""
    job = selectors.get_job_for(request.user, job_id)
    if job.status != "done" or job.output is None:
        return redirect(job.get_absolute_url())
    media_type = str(job.result.get("media_type") or "application/octet-stream")
    filename = str(job.result.get("filename") or "download")
    response = HttpResponse(bytes(job.output), content_type=media_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
