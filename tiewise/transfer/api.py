"""/api/v1 imports (stage, triage, commit) and export."""

from datetime import datetime
from typing import Annotated, Any

from django.http import HttpResponse
from django.urls import reverse
from ninja import File, Form, Query, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate
from pydantic import Field

from tiewise.core.importers import LABELS as IMPORT_LABELS
from tiewise.core.importers import ImportFailed
from tiewise.core.vocab import SECTORS, STRENGTHS
from tiewise.http import AuthedRequest
from tiewise.jobs.api import JobOut
from tiewise.jobs.models import Job
from tiewise.jobs.selectors import job_dict
from tiewise.network.selectors import get_node_for
from tiewise.schemas import Area, Error, Input, Reach, Role, Sector, one_of, shaped
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


class FrequentAuthor(Schema):
    name: str
    papers: int


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
    authors: list[FrequentAuthor] = Field(
        description="A publication file in which you were not found: its most frequent "
        "authors, to say which one you are (POST /imports/{id}/owner)."
    )
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
    """Add the decided records of the import to your PLN. `default` decides
    every record still pending first (`suggested` takes each record's
    suggested strength); `areas` and `roles` are added to those records.
    Without `default`, undecided records stay to review (`outcome.pending`)
    and the import stays open. Records already decided keep their decision;
    duplicates merge into the people you have; accepted records bring their
    suggested sector, reach, areas and modes."""
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


Yes = Annotated[str, one_of({"yes": "", "no": ""}, blank=True)]


class RecordFilterIn(Input):
    """The triage inbox's filters; every one left out (or empty) means any."""

    q: str = Field("", max_length=200, description="Words in the name, organisation, title "
                   "or email (accents and case aside).")  # fmt: skip
    organisation: str = Field("", max_length=200, description="Part of the organisation.")
    title: str = Field("", max_length=200, description="Part of the title, e.g. resident.")
    source: str = Field("", max_length=20, description="Import format, e.g. linkedin, medline.")
    suggested: Annotated[str, one_of({**STRENGTHS, "none": ""}, blank=True)] = Field(
        "", description="Suggested strength (strong, weak, absent) or none."
    )
    sector: Annotated[str, one_of({**SECTORS, "none": ""}, blank=True)] = Field(
        "", description="Suggested sector, or none."
    )
    decision: Annotated[str, one_of({**DECISIONS, "added": ""}, blank=True)] = Field(
        "", description="A decision for records still to review, or `added` for those "
        "an earlier commit took care of (left out otherwise).",
    )  # fmt: skip
    duplicate: Annotated[
        str, one_of({**selectors.DUPLICATE_CHOICES, "true": "", "false": ""}, blank=True)
    ] = Field("", description="yes (any match), exact, possible, changed or no.")
    has_email: Yes = ""


class RecordQuery(RecordFilterIn):
    sort: Annotated[str, one_of(selectors.SORTS, blank=True)] = ""


class MatchOut(Schema):
    node_id: int
    confidence: str = Field(description="exact or possible")


class ChangeOut(Schema):
    field: str = Field(description="organisation, title, profession, specialty, city or country")
    old: str
    new: str


class RecordItemOut(Schema):
    id: int
    position: int
    name: str
    organisation: str
    title: str
    email: str
    source: str
    suggested: str = Field(description="Suggested strength: strong, weak, absent or empty.")
    suggested_sector: str
    suggested_reach: str
    suggested_areas: list[str]
    suggested_modes: list[str]
    score: int = Field(description="Relevance, 0-100: the inbox's default order.")
    decision: str
    committed: bool = Field(description="Already added (or left out) by a commit.")
    areas: list[str]
    roles: list[str]
    match: MatchOut | None = Field(description="The person in your network it looks like.")
    changes: list[ChangeOut] = Field(
        description="Found again: what the file says differently (the commit takes it)."
    )
    node: int | None


@router.get("/imports/{batch_id}/records", response=list[RecordItemOut])
@paginate(shaped(selectors.record_item))
def list_import_records(request: AuthedRequest, batch_id: int, filters: Query[RecordQuery]) -> Any:
    """The records of an import still to review, most relevant first (or
    `sort=name|file`), searched and filtered in the database."""
    batch = selectors.get_batch_for(request.user, batch_id)
    data = filters.dict()
    sort = data.pop("sort") or "relevance"
    return selectors.records_matching(batch, selectors.RecordFilter(**data), sort=sort)


class DecideIn(Input):
    ids: list[int] | None = Field(
        None, description="Staged record ids; leave out to apply to every undecided record."
    )
    match: RecordFilterIn | None = Field(
        None, description="Instead of ids: every record still to review that passes these "
        "filters (a rule, such as everyone at Mayo Clinic).",
    )  # fmt: skip
    decision: Annotated[
        str,
        one_of({**DECISIONS, services.SUGGESTED: "each at its suggested strength"}, blank=True),
    ] = ""
    areas: list[Area] = []
    roles: list[Role] = []
    sector: Sector | None = Field(None, description="Replace the suggested sector ('' clears).")
    reach: Reach | None = Field(None, description="Replace the suggested reach ('' clears).")
    merge_into: int | None = Field(None, description="With decision 'merge': your node id.")


class DecideOut(Schema):
    changed: int


@router.post("/imports/{batch_id}/decide", response=DecideOut)
def decide_import_records(request: AuthedRequest, batch_id: int, payload: DecideIn) -> Any:
    """Triage: accept records as strong, weak or prospect, leave them out,
    merge one into an existing node, add areas and roles or change the
    suggested sector and reach, before commit: for the records with `ids`,
    for every record that passes `match`, or for every undecided record."""
    batch = selectors.get_batch_for(request.user, batch_id)
    merge_into = (
        get_node_for(request.user, payload.merge_into) if payload.merge_into is not None else None
    )
    match = selectors.RecordFilter(**payload.match.dict()) if payload.match is not None else None
    changed = services.staged_records_decide(
        batch=batch,
        ids=payload.ids,
        match=match,
        sector=payload.sector,
        reach=payload.reach,
        decision=payload.decision,
        areas=payload.areas,
        roles=payload.roles,
        merge_into=merge_into,
    )
    return {"changed": changed}


class OwnerIn(Input):
    name: str = Field(
        "", max_length=200, description="You, as the papers spell you (one of `authors`)."
    )
    all_authors: bool = Field(False, description="Take every paper and every author instead.")
    remember: bool = Field(
        True, description="Add the name to the spellings on your profile for the next file."
    )


@router.post("/imports/{batch_id}/owner", response={201: ImportOut, 422: Error})
def choose_import_owner(request: AuthedRequest, batch_id: int, payload: OwnerIn) -> Any:
    """Say which of the authors you are, for a publication file in which you
    were not found (the import's `authors`). The file is read again in a new
    import that replaces this one; a name on none of its papers is a 422."""
    batch = selectors.get_batch_for(request.user, batch_id)
    try:
        fresh = services.import_choose_owner(
            batch=batch,
            name=payload.name,
            all_authors=payload.all_authors,
            remember=payload.remember,
        )
    except ImportFailed as exc:
        return Status(422, {"detail": str(exc)})
    return Status(201, selectors.batch_report(fresh))


@router.post("/imports/{batch_id}/discard", response={204: None})
def discard_import(request: AuthedRequest, batch_id: int) -> Any:
    """Dismiss an open import: whatever is still to review is left out
    (an import of which nothing was added is discarded)."""
    services.import_discard(batch=selectors.get_batch_for(request.user, batch_id))
    return Status(204, None)
