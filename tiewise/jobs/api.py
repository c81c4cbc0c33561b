"""/api/v1/jobs: the status of slow work that answered 202."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Router, Schema
from pydantic import Field

from tiewise.http import AuthedRequest

from . import selectors

router = Router(tags=["jobs"])


class JobOut(Schema):
    id: str
    kind: str
    status: str = Field(description="queued, running, done or failed.")
    status_label: str
    progress: float | None = Field(description="0 to 1; null while unknown.")
    message: str
    result: dict[str, Any] = Field(description="What the job produced, once done.")
    result_url: str | None = Field(description="Where to see or download the result.")
    error: str | None = Field(description="Why it failed; nothing was changed.")
    created_at: dt.datetime
    finished_at: dt.datetime | None


@router.get("/jobs/{job_id}", response=JobOut)
def get_job(request: AuthedRequest, job_id: str) -> Any:
    """Where a job stands. Slow requests answer `202` with `Location` here;
    poll until `status` is `done` (then follow `result_url`) or `failed`."""
    return selectors.job_dict(selectors.get_job_for(request.user, job_id))
