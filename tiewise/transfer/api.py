"""/api/v1 imports (stage, triage, commit) and export."""

from datetime import datetime
from typing import Annotated, Any

from django.http import HttpResponse
from django.urls import reverse
from ninja import File, Form, Router, Schema, Status
from ninja.files import UploadedFile
from pydantic import Field

from tiewise.core.importers import LABELS as IMPORT_LABELS
from tiewise.core.importers import ImportFailed
from tiewise.http import AuthedRequest
from tiewise.jobs.api import JobOut
from tiewise.jobs.models import Job
from tiewise.jobs.selectors import job_dict
from tiewise.network.selectors import get_node_for
from tiewise.schemas import Area, Error, Input, Role, one_of
from tiewise.throttles import api_limits

from . import selectors, services
from .models import ACCEPT_STRENGTH, DECISIONS
from .views import attachment

router = Router(tags=["imports and export"])


class StagedRecordOut(Schema):
    id: int
    position: int
    line: int | None
    name: str
    organisation: str
    title: str
    email: str
    links: list[str]
    suggested_strength: str
    modes: list[str]
    decision: str
    areas: list[str]
    roles: list[str]
    merge_into: int | None
    duplicate_of: int | None
    duplicate_of_record: int | None
    duplicate_reason: str
    node: int | None


class ImportOut(Schema):
    id: int
    filename: str
    format: str
    status: str
    created_at: datetime
    count: int
    duplicates: int
    alter_ties: int
    sections: dict[str, int]
    decisions: dict[str, int]
    warnings: list[str]
    outcome: dict[str, int]
    records: list[StagedRecordOut]


class CommitIn(Input):
    default: Annotated[str, one_of({**ACCEPT_STRENGTH, "suggested": ""})] | None = None
    areas: list[Area] = []
    roles: list[Role] = []


class Detail(Schema):
    detail: str


@router.post(
    "/imports",
    response={201: ImportOut, 202: JobOut, 413: Detail, 422: Detail},
    throttle=api_limits("api", "transfer"),
)
def create_import(
    request: AuthedRequest,
    file: File[UploadedFile],
    response: HttpResponse,
    format: Form[str | None] = None,
) -> Any:
    """Stage a file for triage. `format` is one of the import formats
    (detected from the content when left out). Nothing enters the PLN until
    you commit. A file that cannot be read is a 422 naming file, line and field.

    A file over 1 MB is read in the background: the answer is `202` with
    `Location` of the job; once it is `done`, its `result` holds `import_id`."""
    name = file.name or "upload"
    try:
        services.check_upload_size(filename=name, size=file.size or 0)
        if format and format not in IMPORT_LABELS:
            raise ImportFailed(
                name, f"unknown format {format[:40]!r}; choose one of {', '.join(IMPORT_LABELS)}"
            )
        staged = services.import_submit(
            owner=request.user, data=file.read(), filename=name, format=format or None
        )
    except services.UploadTooLarge as exc:
        return Status(413, {"detail": str(exc)})
    except ImportFailed as exc:
        return Status(422, {"detail": str(exc)})
    if isinstance(staged, Job):
        response["Location"] = reverse("api:get_job", args=[staged.pk])
        return Status(202, job_dict(staged))
    return Status(201, selectors.batch_report(staged))


@router.get("/imports/{batch_id}", response=ImportOut)
def get_import(request: AuthedRequest, batch_id: int) -> Any:
    """A staged (or committed) import with a preview of its first records."""
    return selectors.batch_report(selectors.get_batch_for(request.user, batch_id))


@router.post("/imports/{batch_id}/commit", response=ImportOut)
def commit_import(request: AuthedRequest, batch_id: int, payload: CommitIn | None = None) -> Any:
    """Add the import to your PLN. `default` decides every record still
    pending (`suggested` takes each record's suggested strength); `areas` and
    `roles` are added to those records. Records already decided keep their
    decision; duplicates merge into the people you have."""
    batch = selectors.get_batch_for(request.user, batch_id)
    payload = payload or CommitIn()
    services.import_commit(
        batch=batch, default=payload.default, areas=payload.areas, roles=payload.roles
    )
    batch.refresh_from_db()
    return selectors.batch_report(batch)


@router.get("/export", response={200: None, 422: Error}, throttle=api_limits("api", "transfer"))
def export(request: AuthedRequest, format: str = "json") -> HttpResponse:
    """Your whole PLN as a file: json, csv (zip), graphml, gexf or vcard."""
    body, media_type, filename = services.export_pln(owner=request.user, format=format)
    return attachment(body, media_type, filename)


class DecideIn(Input):
    ids: list[int] | None = Field(
        None, description="Staged record ids; leave out to apply to every undecided record."
    )
    decision: Annotated[str, one_of(DECISIONS, blank=True)] = ""
    areas: list[Area] = []
    roles: list[Role] = []
    merge_into: int | None = Field(None, description="With decision 'merge': your node id.")


class DecideOut(Schema):
    changed: int


@router.post("/imports/{batch_id}/decide", response=DecideOut)
def decide_import_records(request: AuthedRequest, batch_id: int, payload: DecideIn) -> Any:
    """Triage: accept records as strong, weak or prospect, leave them out,
    merge one into an existing node, or add areas and roles, before commit."""
    batch = selectors.get_batch_for(request.user, batch_id)
    merge_into = (
        get_node_for(request.user, payload.merge_into) if payload.merge_into is not None else None
    )
    changed = services.staged_records_decide(
        batch=batch,
        ids=payload.ids,
        decision=payload.decision,
        areas=payload.areas,
        roles=payload.roles,
        merge_into=merge_into,
    )
    return {"changed": changed}


@router.post("/imports/{batch_id}/discard", response={204: None})
def discard_import(request: AuthedRequest, batch_id: int) -> Any:
    """Drop a staged import: nothing from it enters your network."""
    services.import_discard(batch=selectors.get_batch_for(request.user, batch_id))
    return Status(204, None)
