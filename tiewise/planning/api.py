"""/api/v1 goals, prospects, actions, strategies and the reflection."""

from datetime import date, datetime
from typing import Annotated, Any

from django.http import HttpResponse
from django.urls import reverse
from ninja import Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import Field

from tiewise.core.strategies import STRATEGIES, STRATEGY_TITLES
from tiewise.core.text import LONGTEXT_MAX
from tiewise.core.vocab import ALTER_TIE_STRENGTHS
from tiewise.http import AuthedRequest
from tiewise.jobs.api import JobOut
from tiewise.jobs.selectors import job_dict
from tiewise.jobs.services import job_submit
from tiewise.schemas import (
    ActionStatus,
    Area,
    GoalStatus,
    Input,
    Pitfall,
    Platform,
    ProspectStatus,
    Reach,
    Role,
    Sector,
    one_of,
    shaped,
)
from tiewise.throttles import api_limits

from . import selectors, services
from .worksheet import PAGE_SIZES

router = Router(tags=["plan"])

#: A strategy key, or "" for an action that follows none.
StrategyKey = Annotated[str, one_of(STRATEGY_TITLES, blank=True)]


# Goals ----------------------------------------------------------------------


class GoalIn(Input):
    title: str = Field(..., min_length=1, max_length=200)
    specific: str = Field("", max_length=LONGTEXT_MAX)
    measurable: str = Field("", max_length=LONGTEXT_MAX)
    assignable: str = Field("", max_length=LONGTEXT_MAX)
    relevant: str = Field("", max_length=LONGTEXT_MAX)
    target_date: date | None = None
    wish: str = Field("", max_length=LONGTEXT_MAX)
    outcome: str = Field("", max_length=LONGTEXT_MAX)
    obstacle: str = Field("", max_length=LONGTEXT_MAX)
    plan: str = Field("", max_length=LONGTEXT_MAX)
    status: GoalStatus = "active"
    nodes: list[int] = []


class GoalPatch(Input):
    """Only the fields you send change."""

    title: str | None = Field(None, min_length=1, max_length=200)
    specific: str | None = Field(None, max_length=LONGTEXT_MAX)
    measurable: str | None = Field(None, max_length=LONGTEXT_MAX)
    assignable: str | None = Field(None, max_length=LONGTEXT_MAX)
    relevant: str | None = Field(None, max_length=LONGTEXT_MAX)
    target_date: date | None = None
    wish: str | None = Field(None, max_length=LONGTEXT_MAX)
    outcome: str | None = Field(None, max_length=LONGTEXT_MAX)
    obstacle: str | None = Field(None, max_length=LONGTEXT_MAX)
    plan: str | None = Field(None, max_length=LONGTEXT_MAX)
    status: GoalStatus | None = None
    nodes: list[int] | None = None


class GoalOut(Schema):
    id: int
    title: str
    specific: str
    measurable: str
    assignable: str
    relevant: str
    target_date: date | None
    wish: str
    outcome: str
    obstacle: str
    plan: str
    status: GoalStatus
    nodes: list[int]
    actions: list[int]
    issues: list[str] = Field(description="Nudges: a missing measure or a missing/past date.")
    created_at: datetime
    updated_at: datetime


class GoalFilters(Schema):
    status: GoalStatus | None = None


@router.get("/goals", response=list[GoalOut])
@paginate(shaped(selectors.goal_dict))
def list_goals(request: AuthedRequest, filters: Query[GoalFilters]) -> Any:
    """Your goals, oldest first, each with the nudges of the goal check."""
    return selectors.filter_goals(selectors.goal_queryset(request.user), status=filters.status)


@router.post("/goals", response={201: GoalOut})
def create_goal(request: AuthedRequest, payload: GoalIn) -> Any:
    goal = services.goal_create(owner=request.user, data=payload.dict())
    return Status(201, selectors.goal_dict(selectors.get_goal_for(request.user, goal.pk)))


@router.get("/goals/{goal_id}", response=GoalOut)
def get_goal(request: AuthedRequest, goal_id: int) -> Any:
    return selectors.goal_dict(selectors.get_goal_for(request.user, goal_id))


@router.patch("/goals/{goal_id}", response=GoalOut)
def patch_goal(request: AuthedRequest, goal_id: int, payload: GoalPatch) -> Any:
    goal = selectors.get_goal_for(request.user, goal_id)
    services.goal_update(goal=goal, data=payload.dict(exclude_unset=True))
    return selectors.goal_dict(selectors.get_goal_for(request.user, goal_id))


@router.delete("/goals/{goal_id}", response={204: None})
def delete_goal(request: AuthedRequest, goal_id: int) -> Any:
    services.goal_delete(goal=selectors.get_goal_for(request.user, goal_id))
    return Status(204, None)


# Prospects ------------------------------------------------------------------


class ProspectIn(Input):
    name: str = Field("", max_length=200, description="Optional when `node` is given.")
    node: int | None = Field(None, description="An existing node of yours with no tie yet.")
    goal: int | None = None
    why: str = Field("", max_length=LONGTEXT_MAX)
    organisation: str = Field("", max_length=200)
    areas: list[Area] = []
    roles: list[Role] = []
    sector: Sector = ""
    reach: Reach = ""
    how_to_reach: str = Field("", max_length=LONGTEXT_MAX)


class ProspectPatch(Input):
    name: str | None = Field(None, min_length=1, max_length=200)
    node: int | None = None
    goal: int | None = None
    why: str | None = Field(None, max_length=LONGTEXT_MAX)
    organisation: str | None = Field(None, max_length=200)
    areas: list[Area] | None = None
    roles: list[Role] | None = None
    sector: Sector | None = None
    reach: Reach | None = None
    how_to_reach: str | None = Field(None, max_length=LONGTEXT_MAX)


class EventOut(Schema):
    status: ProspectStatus
    at: datetime
    note: str


class ProspectOut(Schema):
    id: int
    name: str
    node: int | None
    goal: int | None
    why: str
    organisation: str
    areas: list[str]
    roles: list[str]
    sector: str
    reach: str
    how_to_reach: str
    status: ProspectStatus
    history: list[EventOut]
    created_at: datetime
    updated_at: datetime


class ProspectStatusIn(Input):
    status: ProspectStatus
    note: str = Field("", max_length=2000)


class IntroducerOut(Schema):
    node_id: int
    name: str
    strength: Annotated[str, one_of(ALTER_TIE_STRENGTHS)]
    knows_them: bool
    same_organisation: bool


class ProspectFilters(Schema):
    status: ProspectStatus | None = None
    goal: int | None = None


@router.get("/prospects", response=list[ProspectOut])
@paginate(shaped(selectors.prospect_dict))
def list_prospects(request: AuthedRequest, filters: Query[ProspectFilters]) -> Any:
    """Your five (or so) people to add, each with its status history."""
    return selectors.filter_prospects(
        selectors.prospect_queryset(request.user), status=filters.status, goal=filters.goal
    )


@router.post("/prospects", response={201: ProspectOut})
def create_prospect(request: AuthedRequest, payload: ProspectIn) -> Any:
    prospect = services.prospect_create(owner=request.user, data=payload.dict())
    return Status(201, selectors.prospect_dict(prospect))


class ProspectsQuickIn(Input):
    lines: str = Field(
        ...,
        max_length=LONGTEXT_MAX,
        examples=["Dr. Lee, sponsor, national\nSam Ortiz, Mayo Clinic"],
    )
    goal: int | None = None


@router.post("/prospects/quick", response={201: list[ProspectOut]})
def quick_add_prospects(request: AuthedRequest, payload: ProspectsQuickIn) -> Any:
    """Name several prospects at once, one per line in quick-add form; all or none."""
    created = services.prospects_quick_add(
        owner=request.user, text=payload.lines, goal=payload.goal
    )
    return Status(201, [selectors.prospect_dict(p) for p in created])


@router.get("/prospects/{prospect_id}", response=ProspectOut)
def get_prospect(request: AuthedRequest, prospect_id: int) -> Any:
    return selectors.prospect_dict(selectors.get_prospect_for(request.user, prospect_id))


@router.patch("/prospects/{prospect_id}", response=ProspectOut)
def patch_prospect(request: AuthedRequest, prospect_id: int, payload: ProspectPatch) -> Any:
    prospect = selectors.get_prospect_for(request.user, prospect_id)
    services.prospect_update(prospect=prospect, data=payload.dict(exclude_unset=True))
    return selectors.prospect_dict(selectors.get_prospect_for(request.user, prospect_id))


@router.delete("/prospects/{prospect_id}", response={204: None})
def delete_prospect(request: AuthedRequest, prospect_id: int) -> Any:
    services.prospect_delete(prospect=selectors.get_prospect_for(request.user, prospect_id))
    return Status(204, None)


@router.post("/prospects/{prospect_id}/status", response=ProspectOut)
def set_prospect_status(request: AuthedRequest, prospect_id: int, payload: ProspectStatusIn) -> Any:
    """Move the prospect along its pipeline and add a history row. On
    `connected` the prospect becomes a node with a weak tie (`node` says which)."""
    prospect = selectors.get_prospect_for(request.user, prospect_id)
    services.prospect_set_status(prospect=prospect, status=payload.status, note=payload.note)
    return selectors.prospect_dict(selectors.get_prospect_for(request.user, prospect_id))


@router.get("/prospects/{prospect_id}/introducers", response=list[IntroducerOut])
def prospect_introducers(request: AuthedRequest, prospect_id: int) -> Any:
    """Your nodes who know the prospect or work in the same organisation,
    strong ties first, then by name."""
    prospect = selectors.get_prospect_for(request.user, prospect_id)
    return [
        {
            "node_id": i.node_id,
            "name": i.name,
            "strength": i.strength,
            "knows_them": i.knows_them,
            "same_organisation": i.same_organisation,
        }
        for i in selectors.introducers_for(prospect)
    ]


# Actions --------------------------------------------------------------------


class ActionIn(Input):
    title: str = Field(..., min_length=1, max_length=200)
    strategy: StrategyKey = ""
    goal: int | None = None
    nodes: list[int] = []
    due_date: date | None = None
    status: ActionStatus = "planned"
    notes: str = Field("", max_length=LONGTEXT_MAX)


class ActionPatch(Input):
    title: str | None = Field(None, min_length=1, max_length=200)
    strategy: StrategyKey | None = None
    goal: int | None = None
    nodes: list[int] | None = None
    due_date: date | None = None
    status: ActionStatus | None = None
    notes: str | None = Field(None, max_length=LONGTEXT_MAX)


class ActionOut(Schema):
    id: int
    title: str
    strategy: str
    strategy_title: str
    goal: int | None
    nodes: list[int]
    due_date: date | None
    status: ActionStatus
    done_at: datetime | None
    notes: str
    overdue: bool
    created_at: datetime
    updated_at: datetime


class ActionFilters(Schema):
    status: ActionStatus | None = None
    goal: int | None = None
    overdue: bool = Field(False, description="Only open actions past their due date.")


@router.get("/actions", response=list[ActionOut])
@paginate(shaped(selectors.action_dict))
def list_actions(request: AuthedRequest, filters: Query[ActionFilters]) -> Any:
    """Your action plan: open actions by due date, then finished ones.
    `overdue=true` lists overdue actions, soonest due first."""
    return selectors.filter_actions(
        selectors.actions_in_plan_order(request.user),
        status=filters.status,
        goal=filters.goal,
        overdue=filters.overdue,
    )


@router.post("/actions", response={201: ActionOut})
def create_action(request: AuthedRequest, payload: ActionIn) -> Any:
    action = services.action_create(owner=request.user, data=payload.dict())
    return Status(201, selectors.action_dict(selectors.get_action_for(request.user, action.pk)))


class StrategiesIn(Input):
    strategies: list[str] = Field(..., min_length=1, examples=[["journal_club", "weak_ties"]])
    goal: int | None = None


@router.post("/actions/from-strategies", response={201: list[ActionOut]})
def actions_from_strategies(request: AuthedRequest, payload: StrategiesIn) -> Any:
    """Pick strategies from the menu: each becomes a pre-filled first action."""
    created = services.actions_from_strategies(
        owner=request.user, keys=payload.strategies, goal=payload.goal
    )
    return Status(
        201, [selectors.action_dict(selectors.get_action_for(request.user, a.pk)) for a in created]
    )


@router.get("/actions/{action_id}", response=ActionOut)
def get_action(request: AuthedRequest, action_id: int) -> Any:
    return selectors.action_dict(selectors.get_action_for(request.user, action_id))


@router.patch("/actions/{action_id}", response=ActionOut)
def patch_action(request: AuthedRequest, action_id: int, payload: ActionPatch) -> Any:
    action = selectors.get_action_for(request.user, action_id)
    services.action_update(action=action, data=payload.dict(exclude_unset=True))
    return selectors.action_dict(selectors.get_action_for(request.user, action_id))


@router.delete("/actions/{action_id}", response={204: None})
def delete_action(request: AuthedRequest, action_id: int) -> Any:
    services.action_delete(action=selectors.get_action_for(request.user, action_id))
    return Status(204, None)


# Strategies and reflection --------------------------------------------------


class StrategyOut(Schema):
    key: str
    title: str
    description: str
    template_action: str
    default_due_days: int


@router.get("/strategies", response=list[StrategyOut])
def list_strategies(request: AuthedRequest) -> Any:
    """The strategy catalogue: each with a ready-made first action and due days."""
    return [
        {
            "key": s.key,
            "title": s.title,
            "description": s.description,
            "template_action": s.template_action,
            "default_due_days": s.default_due_days,
        }
        for s in STRATEGIES
    ]


class ReflectionIn(Input):
    platforms: list[Platform] = []
    profile_and_bio_check: str = Field("", max_length=LONGTEXT_MAX)
    profile_current: bool = False
    people_and_hashtags_followed: str = Field("", max_length=LONGTEXT_MAX)
    posting_rhythm: str = Field("", max_length=LONGTEXT_MAX)
    pitfalls: list[Pitfall] = []
    notes: str = Field("", max_length=LONGTEXT_MAX)


class ReflectionOut(ReflectionIn):
    updated_at: datetime | None


@router.get("/reflection", response=ReflectionOut)
def get_reflection(request: AuthedRequest) -> Any:
    """Your online professional identity reflection (empty until saved)."""
    return selectors.reflection_dict(selectors.reflection_for(request.user))


@router.put("/reflection", response=ReflectionOut)
def put_reflection(request: AuthedRequest, payload: ReflectionIn) -> Any:
    return selectors.reflection_dict(
        services.reflection_save(owner=request.user, data=payload.dict())
    )


# Worksheet ------------------------------------------------------------------


class WorksheetIn(Input):
    size: Annotated[str, one_of(PAGE_SIZES)] = "a4"


@router.post("/worksheet", response={202: JobOut}, throttle=api_limits("api", "expensive"))
def request_worksheet(request: AuthedRequest, payload: WorksheetIn, response: HttpResponse) -> Any:
    """Make the worksheet PDF in the background: answers `202` with
    `Location` of the job; when it is `done`, `result_url` downloads the PDF."""
    job = job_submit(owner=request.user, kind="worksheet_pdf", params={"size": payload.size})
    response["Location"] = reverse("api:get_job", args=[job.pk])
    return Status(202, job_dict(job))
