"""/api/v1/coaching/: the same rules as the pages.

`{id}` in `/coaching/coachees/{id}/...` and `/coaching/relationships/{id}`
is the **relationship id** (as listed by `GET /coaching/coachees`), never a
user id. An id you have no live relationship with is a 404, and so is a
section the coachee did not share. Coaches can write only comments, session
notes and their agenda; every other path is read-only (405).

Every coach read starts with `selectors.coach_view`, which checks the live
relationship and says what the coach may see; lists page in the database
and shape only the page."""

import datetime as dt
from typing import Annotated, Any, Literal

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.urls import reverse
from ninja import Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import Field, create_model

from tiewise.accounts.recent import signed_in_recently
from tiewise.core.errors import NotFound
from tiewise.core.nodefields import COACH
from tiewise.http import AuthedRequest
from tiewise.schemas import (
    Area,
    Channel,
    Direction,
    Error,
    GoalStatus,
    Input,
    InteractionKind,
    MapOut,
    ProspectStatus,
    Reach,
    Role,
    Sector,
    one_of,
    shaped,
    with_node_fields,
)
from tiewise.throttles import api_limits

from . import selectors, services
from .models import INTRODUCTION_STATUSES, ITEM_KINDS, RELATIONSHIP_STATUSES

router = Router(tags=["coaching"])

Layout = Literal["worksheet", "force"]
ItemKind = Annotated[str, one_of(ITEM_KINDS)]
RelationshipStatus = Annotated[str, one_of(RELATIONSHIP_STATUSES)]
IntroductionStatus = Annotated[str, one_of(INTRODUCTION_STATUSES)]


# --- input ------------------------------------------------------------------------------


class ShareIn(Input):
    private_nodes: bool = False
    notes: bool = False
    plan: bool = True


class ShareUpdate(Input):
    private_nodes: bool | None = None
    notes: bool | None = None
    plan: bool | None = None


class InvitationIn(Input):
    email: str = Field(..., max_length=254)
    share: ShareIn = ShareIn()
    message: str = Field("", max_length=2000)


class RequestIn(Input):
    email: str = Field(..., max_length=254)
    message: str = Field("", max_length=2000)


class AcceptRequestIn(Input):
    share: ShareIn = ShareIn()


class CommentIn(Input):
    item_kind: ItemKind
    item_id: int
    body: str = Field(..., min_length=1, max_length=5000)


class NoteIn(Input):
    body: str = Field(..., min_length=1, max_length=10000)
    date: dt.date | None = None
    shared: bool = False


class AgendaIn(Input):
    text: str = Field("", max_length=20000)


class IntroductionIn(Input):
    node_id: int
    why: str = Field("", max_length=2000)


class IntroductionMadeIn(Input):
    source: int
    target: int
    date: dt.date | None = None
    note: str = Field("", max_length=2000)


class CohortIn(Input):
    name: str = Field(..., min_length=1, max_length=120)
    members: list[int] = []


#: The people filters a coach may use (never tags): one per coach filter.
PeopleFilters: Any = create_model(  # type: ignore[call-overload]
    "CoachPeopleFilters",
    __base__=Schema,
    __doc__="Search names and organisations (`q`), or keep one value of a field.",
    q=(str | None, Field(None, max_length=200, description="Part of a name or organisation.")),
    **{
        param: (str | None, Field(None, max_length=200, description=f"Only this {f.label}."))
        for param, f in selectors.COACH_FILTERS.items()
    },
)


# --- output -----------------------------------------------------------------------------


class Ref(Schema):
    id: int
    name: str


class ShareOut(Schema):
    private_nodes: bool
    notes: bool
    plan: bool


class RelationshipOut(Schema):
    id: int
    status: RelationshipStatus
    coach: Ref | None
    coachee: Ref | None = Field(description="Nobody until a request is accepted.")
    invited_email: str
    share: ShareOut
    created_at: dt.datetime
    accepted_at: dt.datetime | None
    ended_at: dt.datetime | None


class Detail(Schema):
    detail: str


class SummaryOut(Schema):
    """A few figures of the coachee's insights, as the coach may see them."""

    size: int
    weak_tie_share: float | None
    blau_sector: float | None
    density: float | None
    n_findings: int
    n_high: int = Field(description="Findings of high severity (urgent).")


class CoacheeOut(Schema):
    """One caseload row: `id` is the relationship id used in the paths below."""

    id: int
    coachee: Ref
    share: ShareOut
    last_update: dt.datetime | None = Field(
        description="When the coachee last changed something you may see."
    )
    due_ties: int
    overdue_actions: int | None = Field(description="None when the plan is not shared.")
    active_goals: int | None = Field(description="None when the plan is not shared.")
    summary: SummaryOut
    last_session: dt.date | None
    grown_since_last_session: int | None = Field(
        description="People you may see who joined since your last session note."
    )


@with_node_fields(names=COACH)
class PersonOut(Schema):
    """What a coach sees of a person: the map's fields, never contact details or notes."""

    id: int


class FindingOut(Schema):
    code: str
    severity: str
    title: str
    text: str
    strategy: str
    node_ids: list[int]


class ReportSize(Schema):
    nodes: int
    strong: int
    weak: int
    prospects: int


class GoalSupportOut(Schema):
    id: int
    title: str
    n_nodes: int
    n_actions: int
    supported: bool


class MaintenanceOut(Schema):
    due_share: float | None
    lapsed_ids: list[int]
    gave: int | None
    received: int | None
    giving_share: float | None


class InsightsOut(Schema):
    """The insights report as the coach may see it (see `GET /insights`):
    private people left out unless shared, `goals` None without the plan."""

    version: int
    today: dt.date
    seed: int
    size: ReportSize
    composition: dict[str, Any]
    diversity: dict[str, Any]
    ei: dict[str, Any]
    weak_tie_share: float | None
    mode_balance: dict[str, Any]
    structure: dict[str, Any]
    coverage: dict[str, Any]
    goals: list[GoalSupportOut] | None
    maintenance: MaintenanceOut | None
    findings: list[FindingOut]
    spotlight: dict[str, Any]


class CoachInteractionOut(Schema):
    """An interaction with the people the coach may see; `note` (and the
    `warnings` about it) are empty unless notes are shared and the coach
    sees everyone in it."""

    id: int
    date: dt.date
    nodes: list[int]
    node_names: list[str]
    channel: Channel
    kind: InteractionKind
    direction: Direction
    quality: int
    note: str
    created_at: dt.datetime
    warnings: list[str]


class CoachGoalOut(Schema):
    id: int
    title: str
    specific: str
    measurable: str
    assignable: str
    relevant: str
    target_date: dt.date | None
    wish: str
    outcome: str
    obstacle: str
    plan: str
    status: GoalStatus
    nodes: list[Ref] = Field(description="Supporters the coach may see.")
    actions: list[int]
    issues: list[str]
    created_at: dt.datetime
    updated_at: dt.datetime


class EventOut(Schema):
    status: ProspectStatus
    at: dt.datetime
    note: str = Field(description="Empty unless notes are shared.")


class CoachProspectOut(Schema):
    id: int
    name: str
    node: int | None
    goal: int | None
    goal_title: str
    why: str
    organisation: str
    areas: list[Area]
    roles: list[Role]
    sector: Sector
    reach: Reach
    how_to_reach: str
    status: ProspectStatus
    history: list[EventOut]
    created_at: dt.datetime
    updated_at: dt.datetime


class CoachActionOut(Schema):
    id: int
    title: str
    strategy: str
    strategy_title: str
    goal: int | None
    goal_title: str
    nodes: list[Ref] = Field(description="People the coach may see.")
    due_date: dt.date | None
    status: str
    done_at: dt.datetime | None
    notes: str = Field(description="Empty unless notes are shared.")
    overdue: bool
    created_at: dt.datetime
    updated_at: dt.datetime


class CommentOut(Schema):
    id: int
    relationship: int
    author: Ref
    item_kind: ItemKind
    item_id: int
    item_title: str
    body: str
    created_at: dt.datetime


class NoteOut(Schema):
    id: int
    relationship: int
    date: dt.date
    body: str
    shared: bool
    created_at: dt.datetime
    updated_at: dt.datetime


class AgendaAction(Schema):
    id: int
    title: str
    due_date: dt.date | None


class AgendaGoal(Schema):
    id: int
    title: str
    target_date: dt.date | None


class AgendaGap(Schema):
    code: str
    title: str
    severity: str


class AgendaTie(Schema):
    node_id: int
    name: str
    status: str
    due_date: dt.date


class StrengthChange(Ref):
    to: str
    from_: str = Field(alias="from")


class AreaChange(Ref):
    gained: list[str]
    lost: list[str]


class DoneAction(Schema):
    id: int
    title: str


class ChangesOut(Schema):
    """What changed since a snapshot, as the coach may see it."""

    since: dt.datetime
    has_changes: bool
    new_nodes: list[Ref]
    removed_nodes: list[Ref] = Field(description="Always empty for a coach.")
    strengthened: list[StrengthChange]
    weakened: list[StrengthChange]
    lapsed: list[Ref]
    revived: list[Ref]
    areas_gained: list[str]
    areas_lost: list[str]
    area_changes: list[AreaChange]
    actions_completed: list[DoneAction]
    counts: dict[str, list[int]]


class AgendaOut(Schema):
    today: dt.date
    last_session: dt.date | None
    overdue_actions: list[AgendaAction]
    goals_near_target: list[AgendaGoal]
    gaps: list[AgendaGap]
    changes: ChangesOut | None
    due_ties: list[AgendaTie]
    text: str = Field(description="The generated agenda.")
    saved_text: str = Field(description="The coach's edited copy; empty when none.")


class AgendaSavedOut(Schema):
    saved_text: str
    updated_at: dt.datetime


class IntroductionOut(Schema):
    id: int
    relationship: int
    introducer: str
    name: str
    why: str
    status: IntroductionStatus
    prospect: int | None
    created_at: dt.datetime


class IntroductionMadeOut(Schema):
    alter_tie: int
    interaction: int


class CohortOut(Schema):
    id: int
    name: str


class Spread(Schema):
    n: int
    min: float | None
    median: float | None
    max: float | None


class Bucket(Schema):
    label: str
    count: int


class GoalTally(Schema):
    active: int
    achieved: int
    dropped: int
    members_sharing: int


class CohortAggregatesOut(Schema):
    """Aggregates only: no names of coachees or of anyone in their networks."""

    id: int
    name: str
    members: int
    size: Spread
    size_buckets: list[Bucket]
    weak_tie_share: Spread
    blau_sector: Spread
    goals: GoalTally


# --- consent -------------------------------------------------------------------------


@router.post("/coaching/invitations", response={201: RelationshipOut, 403: Error})
def create_invitation(request: AuthedRequest, payload: InvitationIn) -> Any:
    """The coachee invites a coach by email; the signed link in the email
    expires after 14 days. Sharing private people needs a browser session
    that signed in within 15 minutes (never a token)."""
    if payload.share.private_nodes and not signed_in_recently(request):
        return Status(403, {"detail": "Sign in again to share your private people."})
    rel = services.invitation_create(
        coachee=request.user,
        email=payload.email,
        share=payload.share.dict(),
        message=payload.message,
    )
    return Status(201, selectors.relationship_dict(rel))


@router.post("/coaching/invitations/{token}/accept", response={200: RelationshipOut, 403: Error})
def accept_invitation(request: AuthedRequest, token: str) -> Any:
    """The invited coach accepts, signed in with the invited address."""
    try:
        rel = services.invitation_accept(coach=request.user, token=token)
    except PermissionDenied as exc:
        return Status(403, {"detail": str(exc)})
    return selectors.relationship_dict(rel)


@router.post("/coaching/requests", response={202: Detail})
def request_to_coach(request: AuthedRequest, payload: RequestIn) -> Any:
    """A coach asks to coach someone. The answer is the same whether or not
    the address has an account."""
    services.coaching_request(coach=request.user, email=payload.email, message=payload.message)
    return Status(202, {"detail": "If they have an account, they will see your request."})


@router.get("/coaching/relationships", response=list[RelationshipOut])
@paginate(shaped(selectors.relationship_dict))
def list_relationships(request: AuthedRequest) -> Any:
    """Your relationships on both sides: coaches, coachees, invitations and requests."""
    return selectors.relationships_of(request.user)


@router.post("/coaching/relationships/{rel_id}/accept", response=RelationshipOut)
def accept_request(request: AuthedRequest, rel_id: int, payload: AcceptRequestIn) -> Any:
    """The coachee accepts a coach's request and chooses what to share."""
    rel = services.request_accept(
        coachee=request.user, relationship_id=rel_id, share=payload.share.dict()
    )
    return selectors.relationship_dict(rel)


@router.patch("/coaching/relationships/{rel_id}", response=RelationshipOut)
def update_share(request: AuthedRequest, rel_id: int, payload: ShareUpdate) -> Any:
    """The coachee changes what they share (effective at once)."""
    share = {k: v for k, v in payload.dict().items() if v is not None}
    rel = services.share_update(coachee=request.user, relationship_id=rel_id, share=share)
    return selectors.relationship_dict(rel)


@router.delete("/coaching/relationships/{rel_id}", response={204: None})
def revoke_relationship(request: AuthedRequest, rel_id: int) -> Any:
    """End a relationship (either side), or withdraw an invitation or request."""
    services.relationship_revoke(user=request.user, relationship_id=rel_id)
    return Status(204, None)


# --- the coach's read-only views -------------------------------------------------------


@router.get("/coaching/coachees", response=list[CoacheeOut])
@paginate(shaped(selectors.caseload_dict))
def list_coachees(request: AuthedRequest) -> Any:
    """Your caseload: each coachee with what they share and the figures the
    caseload page shows. `id` is the relationship id used in the paths below."""
    return selectors.caseload_pages(request.user)


@router.get("/coaching/coachees/{rel_id}", response=CoacheeOut)
def get_coachee(request: AuthedRequest, rel_id: int) -> Any:
    """One row of your caseload."""
    view = selectors.coach_view(request.user, rel_id)
    return selectors.caseload_dict(selectors.caseload_row(view))


@router.get(
    "/coaching/coachees/{rel_id}/map",
    response={200: MapOut, 404: Error},
    throttle=api_limits("api", "expensive"),
)
def coachee_map(
    request: AuthedRequest,
    rel_id: int,
    layout: Layout = "worksheet",
    seed: int = 0,
    group: Annotated[
        str | None, Field(max_length=80, pattern=r"^g-[a-z_]+-[a-z_]+-[a-z_]+$")
    ] = None,
    compact: bool = False,
) -> Any:
    """The coachee's map, as shared (private people only when shared). On a
    big PLN, groups' `members_url` point here with `?group=`, which answers
    that group's members among the people you may see. `compact`: a
    phone's worksheet, fewer names in larger type."""
    view = selectors.coach_view(request.user, rel_id)
    url = reverse("api:coachee_map", args=[rel_id])
    url += "?compact=1&group=" if compact else "?group="
    body = selectors.coachee_map_json(
        view, layout=layout, seed=seed, group=group, members_url=url, compact=compact
    )
    if not body:
        raise NotFound(f"No group {group!r} on this map.")
    return HttpResponse(body, content_type="application/json")


@router.get("/coaching/coachees/{rel_id}/people", response=list[PersonOut])
@paginate(shaped(selectors.person_row))
def coachee_people(request: AuthedRequest, rel_id: int, filters: Query[PeopleFilters]) -> Any:
    """Search the coachee's people in the fields you may see (names and
    organisations), or filter by them; map fields only, no contact details."""
    view = selectors.coach_view(request.user, rel_id)
    return selectors.search_people(view, filters.dict(exclude_none=True))


@router.get("/coaching/coachees/{rel_id}/insights", response=InsightsOut)
def coachee_insights(request: AuthedRequest, rel_id: int) -> Any:
    """The coachee's insights report, as shared."""
    return selectors.coachee_insights(selectors.coach_view(request.user, rel_id))


@router.get("/coaching/coachees/{rel_id}/interactions", response=list[CoachInteractionOut])
@paginate(shaped(selectors.interaction_row))
def coachee_interactions(request: AuthedRequest, rel_id: int) -> Any:
    """Interactions, newest first; notes are empty unless the coachee shares them."""
    return selectors.coachee_interactions(selectors.coach_view(request.user, rel_id))


@router.get("/coaching/coachees/{rel_id}/goals", response=list[CoachGoalOut])
@paginate(shaped(selectors.goal_row))
def coachee_goals(request: AuthedRequest, rel_id: int) -> Any:
    """The coachee's goals (the plan must be shared)."""
    return selectors.coachee_goals(selectors.coach_view(request.user, rel_id, plan=True))


@router.get("/coaching/coachees/{rel_id}/prospects", response=list[CoachProspectOut])
@paginate(shaped(selectors.prospect_row))
def coachee_prospects(request: AuthedRequest, rel_id: int) -> Any:
    """The coachee's five to add (the plan must be shared)."""
    return selectors.coachee_prospects(selectors.coach_view(request.user, rel_id, plan=True))


@router.get("/coaching/coachees/{rel_id}/actions", response=list[CoachActionOut])
@paginate(shaped(selectors.action_row))
def coachee_actions(request: AuthedRequest, rel_id: int) -> Any:
    """The coachee's action plan, open actions first (the plan must be shared)."""
    return selectors.coachee_actions(selectors.coach_view(request.user, rel_id, plan=True))


# --- working together ---------------------------------------------------------------------


@router.get("/coaching/coachees/{rel_id}/comments", response=list[CommentOut])
@paginate(shaped(selectors.comment_dict))
def list_comments(request: AuthedRequest, rel_id: int) -> Any:
    """Comments on the coachee's plan, for the coach or the coachee of this
    relationship (the plan must be shared)."""
    rel = selectors.member_relationship(request.user, rel_id)
    if not rel.share_plan:
        raise NotFound("The plan is not shared")
    return selectors.comments_in(selectors.relationship_view(rel))


@router.post("/coaching/coachees/{rel_id}/comments", response={201: CommentOut})
def create_comment(request: AuthedRequest, rel_id: int, payload: CommentIn) -> Any:
    """Comment on one of the coachee's goals, prospects or actions."""
    rel = selectors.member_relationship(request.user, rel_id)
    comment = services.comment_create(
        user=request.user,
        rel=rel,
        kind=payload.item_kind,
        item_id=payload.item_id,
        body=payload.body,
    )
    return Status(201, selectors.comment_dict(comment))


@router.get("/coaching/coachees/{rel_id}/session-notes", response=list[NoteOut])
@paginate(shaped(selectors.note_dict))
def list_notes(request: AuthedRequest, rel_id: int) -> Any:
    """The coach's session notes for this coachee, newest first."""
    return selectors.notes_for_coach(selectors.coach_view(request.user, rel_id).rel)


@router.post("/coaching/coachees/{rel_id}/session-notes", response={201: NoteOut})
def create_note(request: AuthedRequest, rel_id: int, payload: NoteIn) -> Any:
    """Write a session note (private to you unless `shared`)."""
    view = selectors.coach_view(request.user, rel_id)
    note = services.session_note_create(
        rel=view.rel, body=payload.body, on=payload.date, shared=payload.shared
    )
    return Status(201, selectors.note_dict(note))


@router.get("/coaching/coachees/{rel_id}/agenda", response=AgendaOut, by_alias=True)
def get_agenda(request: AuthedRequest, rel_id: int) -> Any:
    """The generated agenda for the next session (`text`) and the coach's
    edited copy (`saved_text`, empty when none)."""
    view = selectors.coach_view(request.user, rel_id)
    saved = selectors.saved_agenda(view.rel)
    return selectors.agenda_dict(
        selectors.agenda_for(view),
        saved_text=saved.text if saved else "",
        coachee_name=view.coachee.display_name,
    )


@router.put("/coaching/coachees/{rel_id}/agenda", response=AgendaSavedOut)
def save_agenda(request: AuthedRequest, rel_id: int, payload: AgendaIn) -> Any:
    """Save your edited agenda (empty text goes back to the generated one)."""
    view = selectors.coach_view(request.user, rel_id)
    agenda = services.agenda_save(rel=view.rel, text=payload.text)
    return {"saved_text": agenda.text, "updated_at": agenda.updated_at}


# --- introductions ------------------------------------------------------------------------------


@router.post("/coaching/coachees/{rel_id}/introductions", response={201: IntroductionOut})
def offer_introduction(request: AuthedRequest, rel_id: int, payload: IntroductionIn) -> Any:
    """Recommend one of your own nodes: it becomes a prospect in the coachee's plan."""
    view = selectors.coach_view(request.user, rel_id)
    intro = services.introduction_offer(
        introducer=request.user, rel=view.rel, node_id=payload.node_id, why=payload.why
    )
    return Status(201, selectors.introduction_dict(intro))


@router.get("/coaching/introductions", response=list[IntroductionOut])
@paginate(shaped(selectors.introduction_dict))
def list_introductions(request: AuthedRequest) -> Any:
    """Introductions your coaches offered you."""
    return selectors.introductions_for(request.user)


@router.post("/coaching/introductions/{intro_id}/accept", response=IntroductionOut)
def keep_introduction(request: AuthedRequest, intro_id: int) -> Any:
    """Keep the prospect a coach suggested."""
    intro = services.introduction_decide(coachee=request.user, introduction_id=intro_id, keep=True)
    return selectors.introduction_dict(intro)


@router.post("/coaching/introductions/{intro_id}/dismiss", response=IntroductionOut)
def dismiss_introduction(request: AuthedRequest, intro_id: int) -> Any:
    """Dismiss the prospect a coach suggested (it is deleted)."""
    intro = services.introduction_decide(coachee=request.user, introduction_id=intro_id, keep=False)
    return selectors.introduction_dict(intro)


@router.post("/coaching/introductions-made", response={201: IntroductionMadeOut})
def record_introduction_made(request: AuthedRequest, payload: IntroductionMadeIn) -> Any:
    """You introduced two of your own nodes to each other: an alter tie and
    an "introduction made" interaction."""
    tie, interaction = services.introduction_made(
        owner=request.user,
        source=payload.source,
        target=payload.target,
        on=payload.date,
        note=payload.note,
    )
    return Status(201, {"alter_tie": tie.pk, "interaction": interaction.pk})


# --- cohorts -----------------------------------------------------------------------------------


@router.get("/coaching/cohorts", response=list[CohortOut])
@paginate(shaped(selectors.cohort_dict))
def list_cohorts(request: AuthedRequest) -> Any:
    """Your cohorts."""
    return selectors.cohorts_of(request.user)


@router.post("/coaching/cohorts", response={201: CohortOut})
def create_cohort(request: AuthedRequest, payload: CohortIn) -> Any:
    """A cohort of your live coachees (their relationship ids)."""
    cohort = services.cohort_save(coach=request.user, name=payload.name, member_ids=payload.members)
    return Status(201, selectors.cohort_dict(cohort))


@router.get("/coaching/cohorts/{cohort_id}", response=CohortAggregatesOut)
def get_cohort(request: AuthedRequest, cohort_id: int) -> Any:
    """Aggregates only: no names of coachees or of anyone in their networks."""
    cohort = selectors.cohort_for(request.user, cohort_id)
    return {**selectors.cohort_dict(cohort), **selectors.cohort_aggregates(cohort)}


@router.put("/coaching/cohorts/{cohort_id}", response=CohortOut)
def update_cohort(request: AuthedRequest, cohort_id: int, payload: CohortIn) -> Any:
    """Rename a cohort and set its members (your live coachees' relationship ids)."""
    cohort = services.cohort_save(
        coach=request.user,
        name=payload.name,
        member_ids=payload.members,
        cohort=selectors.cohort_for(request.user, cohort_id),
    )
    return selectors.cohort_dict(cohort)


@router.delete("/coaching/cohorts/{cohort_id}", response={204: None})
def delete_cohort(request: AuthedRequest, cohort_id: int) -> Any:
    """Delete a cohort (the relationships stay)."""
    services.cohort_delete(cohort=selectors.cohort_for(request.user, cohort_id))
    return Status(204, None)
