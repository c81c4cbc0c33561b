"""/api/v1/coaching/: the same rules as the pages.

`{id}` in `/coaching/coachees/{id}/...` and `/coaching/relationships/{id}`
is the **relationship id** (as listed by `GET /coaching/coachees`), never a
user id. An id you have no live relationship with is a 404, and so is a
section the coachee did not share. Coaches can write only comments, session
notes and their agenda; every other path is read-only (405)."""

import datetime as dt
from typing import Any, Literal

from django.core.exceptions import PermissionDenied
from ninja import Router, Schema, Status
from ninja.pagination import LimitOffsetPagination, paginate
from pydantic import Field

from tiewise.core.errors import NotFound
from tiewise.http import AuthedRequest

from . import selectors, services

router = Router(tags=["coaching"])

Layout = Literal["worksheet", "force"]
ItemKind = Literal["goal", "prospect", "action"]


class ShareIn(Schema):
    private_nodes: bool = False
    notes: bool = False
    plan: bool = True


class ShareUpdate(Schema):
    private_nodes: bool | None = None
    notes: bool | None = None
    plan: bool | None = None


class InvitationIn(Schema):
    email: str = Field(..., max_length=254)
    share: ShareIn = ShareIn()
    message: str = Field("", max_length=2000)


class RequestIn(Schema):
    email: str = Field(..., max_length=254)
    message: str = Field("", max_length=2000)


class AcceptRequestIn(Schema):
    share: ShareIn = ShareIn()


class CommentIn(Schema):
    item_kind: ItemKind
    item_id: int
    body: str = Field(..., min_length=1, max_length=5000)


class NoteIn(Schema):
    body: str = Field(..., min_length=1, max_length=10000)
    date: dt.date | None = None
    shared: bool = False


class AgendaIn(Schema):
    text: str = Field("", max_length=20000)


class IntroductionIn(Schema):
    node_id: int
    why: str = Field("", max_length=2000)


class IntroductionMadeIn(Schema):
    source: int
    target: int
    date: dt.date | None = None
    note: str = Field("", max_length=2000)


class CohortIn(Schema):
    name: str = Field(..., min_length=1, max_length=120)
    members: list[int] = []


# --- consent -------------------------------------------------------------------------


@router.post("/coaching/invitations", response={201: dict[str, Any]})
def create_invitation(request: AuthedRequest, payload: InvitationIn) -> Any:
    """The coachee invites a coach by email; the signed link in the email
    expires after 14 days."""
    rel = services.invitation_create(
        coachee=request.user,
        email=payload.email,
        share=payload.share.dict(),
        message=payload.message,
    )
    return Status(201, selectors.relationship_dict(rel))


@router.post(
    "/coaching/invitations/{token}/accept", response={200: dict[str, Any], 403: dict[str, Any]}
)
def accept_invitation(request: AuthedRequest, token: str) -> Any:
    """The invited coach accepts, signed in with the invited address."""
    try:
        rel = services.invitation_accept(coach=request.user, token=token)
    except PermissionDenied as exc:
        return Status(403, {"detail": str(exc)})
    return selectors.relationship_dict(rel)


@router.post("/coaching/requests", response={202: dict[str, Any]})
def request_to_coach(request: AuthedRequest, payload: RequestIn) -> Any:
    """A coach asks to coach someone. The answer is the same whether or not
    the address has an account."""
    services.coaching_request(coach=request.user, email=payload.email, message=payload.message)
    return Status(202, {"detail": "If they have an account, they will see your request."})


@router.get("/coaching/relationships", response=list[dict[str, Any]])
@paginate(LimitOffsetPagination)
def list_relationships(request: AuthedRequest) -> Any:
    """Your relationships on both sides: coaches, coachees, invitations and requests."""
    from django.db.models import Q

    from .models import CoachingRelationship

    user: Any = request.user
    qs = CoachingRelationship.objects.filter(Q(coach=user) | Q(coachee=user)).select_related(
        "coach", "coachee"
    )
    return [selectors.relationship_dict(r) for r in qs]


@router.post("/coaching/relationships/{rel_id}/accept", response=dict[str, Any])
def accept_request(request: AuthedRequest, rel_id: int, payload: AcceptRequestIn) -> Any:
    """The coachee accepts a coach's request and chooses what to share."""
    rel = services.request_accept(
        coachee=request.user, relationship_id=rel_id, share=payload.share.dict()
    )
    return selectors.relationship_dict(rel)


@router.patch("/coaching/relationships/{rel_id}", response=dict[str, Any])
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


@router.get("/coaching/coachees", response=list[dict[str, Any]])
@paginate(LimitOffsetPagination)
def list_coachees(request: AuthedRequest) -> Any:
    """Your caseload: each coachee with what they share and the figures the
    caseload page shows. `id` is the relationship id used in the paths below."""
    return [selectors.caseload_dict(row) for row in selectors.caseload(request.user)]


@router.get("/coaching/coachees/{rel_id}", response=dict[str, Any])
def get_coachee(request: AuthedRequest, rel_id: int) -> Any:
    rel = selectors.coach_relationship(request.user, rel_id)
    return selectors.caseload_dict(selectors.caseload_row(rel))


@router.get("/coaching/coachees/{rel_id}/map", response=dict[str, Any])
def coachee_map(
    request: AuthedRequest, rel_id: int, layout: Layout = "worksheet", seed: int = 0
) -> Any:
    """The coachee's map, as shared (private people only when shared)."""
    rel = selectors.coach_relationship(request.user, rel_id)
    return selectors.coachee_map(rel, layout=layout, seed=seed)


@router.get("/coaching/coachees/{rel_id}/people", response=list[dict[str, Any]])
@paginate(LimitOffsetPagination)
def coachee_people(request: AuthedRequest, rel_id: int, q: str = "") -> Any:
    """Search the coachee's people (map fields only; no contact details or notes)."""
    rel = selectors.coach_relationship(request.user, rel_id)
    return [selectors.person_row(n) for n in selectors.search_people(rel, {"q": q})]


@router.get("/coaching/coachees/{rel_id}/insights", response=dict[str, Any])
def coachee_insights(request: AuthedRequest, rel_id: int) -> Any:
    rel = selectors.coach_relationship(request.user, rel_id)
    return selectors.coachee_insights(rel)


@router.get("/coaching/coachees/{rel_id}/interactions", response=list[dict[str, Any]])
@paginate(LimitOffsetPagination)
def coachee_interactions(request: AuthedRequest, rel_id: int) -> Any:
    """Recent interactions; notes are empty unless the coachee shares them."""
    rel = selectors.coach_relationship(request.user, rel_id)
    return selectors.coachee_interactions(rel, limit=200)


@router.get("/coaching/coachees/{rel_id}/goals", response=list[dict[str, Any]])
@paginate(LimitOffsetPagination)
def coachee_goals(request: AuthedRequest, rel_id: int) -> Any:
    return selectors.coachee_goals(selectors.plan_relationship(request.user, rel_id))


@router.get("/coaching/coachees/{rel_id}/prospects", response=list[dict[str, Any]])
@paginate(LimitOffsetPagination)
def coachee_prospects(request: AuthedRequest, rel_id: int) -> Any:
    return selectors.coachee_prospects(selectors.plan_relationship(request.user, rel_id))


@router.get("/coaching/coachees/{rel_id}/actions", response=list[dict[str, Any]])
@paginate(LimitOffsetPagination)
def coachee_actions(request: AuthedRequest, rel_id: int) -> Any:
    return selectors.coachee_actions(selectors.plan_relationship(request.user, rel_id))


# --- working together ---------------------------------------------------------------------


@router.get("/coaching/coachees/{rel_id}/comments", response=list[dict[str, Any]])
@paginate(LimitOffsetPagination)
def list_comments(request: AuthedRequest, rel_id: int) -> Any:
    """Comments on the coachee's plan, for the coach or the coachee of this
    relationship (the plan must be shared)."""
    rel = selectors.member_relationship(request.user, rel_id)
    if not rel.share_plan:
        raise NotFound("The plan is not shared")
    return [selectors.comment_dict(c) for c in selectors.comments_in(rel)]


@router.post("/coaching/coachees/{rel_id}/comments", response={201: dict[str, Any]})
def create_comment(request: AuthedRequest, rel_id: int, payload: CommentIn) -> Any:
    rel = selectors.member_relationship(request.user, rel_id)
    comment = services.comment_create(
        user=request.user,
        rel=rel,
        kind=payload.item_kind,
        item_id=payload.item_id,
        body=payload.body,
    )
    return Status(201, selectors.comment_dict(comment))


@router.get("/coaching/coachees/{rel_id}/session-notes", response=list[dict[str, Any]])
@paginate(LimitOffsetPagination)
def list_notes(request: AuthedRequest, rel_id: int) -> Any:
    """The coach's session notes for this coachee, newest first."""
    rel = selectors.coach_relationship(request.user, rel_id)
    return [selectors.note_dict(n) for n in selectors.notes_for_coach(rel)]


@router.post("/coaching/coachees/{rel_id}/session-notes", response={201: dict[str, Any]})
def create_note(request: AuthedRequest, rel_id: int, payload: NoteIn) -> Any:
    rel = selectors.coach_relationship(request.user, rel_id)
    note = services.session_note_create(
        rel=rel, body=payload.body, on=payload.date, shared=payload.shared
    )
    return Status(201, selectors.note_dict(note))


@router.get("/coaching/coachees/{rel_id}/agenda", response=dict[str, Any])
def get_agenda(request: AuthedRequest, rel_id: int) -> Any:
    """The generated agenda for the next session (`text`) and the coach's
    edited copy (`saved_text`, empty when none)."""
    from .models import Agenda

    rel = selectors.coach_relationship(request.user, rel_id)
    saved = Agenda.objects.filter(relationship=rel).first()
    return selectors.agenda_dict(
        selectors.agenda_for(rel),
        saved_text=saved.text if saved else "",
        coachee_name=rel.coachee.display_name,
    )


@router.put("/coaching/coachees/{rel_id}/agenda", response=dict[str, Any])
def save_agenda(request: AuthedRequest, rel_id: int, payload: AgendaIn) -> Any:
    rel = selectors.coach_relationship(request.user, rel_id)
    agenda = services.agenda_save(rel=rel, text=payload.text)
    return {"saved_text": agenda.text, "updated_at": agenda.updated_at}


# --- introductions ------------------------------------------------------------------------------


@router.post("/coaching/coachees/{rel_id}/introductions", response={201: dict[str, Any]})
def offer_introduction(request: AuthedRequest, rel_id: int, payload: IntroductionIn) -> Any:
    """Recommend one of your own nodes: it becomes a prospect in the coachee's plan."""
    rel = selectors.coach_relationship(request.user, rel_id)
    intro = services.introduction_offer(
        introducer=request.user, rel=rel, node_id=payload.node_id, why=payload.why
    )
    return Status(201, selectors.introduction_dict(intro))


@router.get("/coaching/introductions", response=list[dict[str, Any]])
@paginate(LimitOffsetPagination)
def list_introductions(request: AuthedRequest) -> Any:
    """Introductions your coaches offered you."""
    return [selectors.introduction_dict(i) for i in selectors.introductions_for(request.user)]


@router.post("/coaching/introductions/{intro_id}/accept", response=dict[str, Any])
def keep_introduction(request: AuthedRequest, intro_id: int) -> Any:
    intro = services.introduction_decide(coachee=request.user, introduction_id=intro_id, keep=True)
    return selectors.introduction_dict(intro)


@router.post("/coaching/introductions/{intro_id}/dismiss", response=dict[str, Any])
def dismiss_introduction(request: AuthedRequest, intro_id: int) -> Any:
    intro = services.introduction_decide(coachee=request.user, introduction_id=intro_id, keep=False)
    return selectors.introduction_dict(intro)


@router.post("/coaching/introductions-made", response={201: dict[str, Any]})
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


@router.get("/coaching/cohorts", response=list[dict[str, Any]])
@paginate(LimitOffsetPagination)
def list_cohorts(request: AuthedRequest) -> Any:
    user: Any = request.user
    return [{"id": c.pk, "name": c.name} for c in user.cohorts.all()]


@router.post("/coaching/cohorts", response={201: dict[str, Any]})
def create_cohort(request: AuthedRequest, payload: CohortIn) -> Any:
    cohort = services.cohort_save(coach=request.user, name=payload.name, member_ids=payload.members)
    return Status(201, {"id": cohort.pk, "name": cohort.name})


@router.get("/coaching/cohorts/{cohort_id}", response=dict[str, Any])
def get_cohort(request: AuthedRequest, cohort_id: int) -> Any:
    """Aggregates only: no names of coachees or of anyone in their networks."""
    cohort = selectors.cohort_for(request.user, cohort_id)
    return {"id": cohort.pk, "name": cohort.name, **selectors.cohort_aggregates(cohort)}


@router.put("/coaching/cohorts/{cohort_id}", response=dict[str, Any])
def update_cohort(request: AuthedRequest, cohort_id: int, payload: CohortIn) -> Any:
    """Rename a cohort and set its members (your live coachees' relationship ids)."""
    cohort = services.cohort_save(
        coach=request.user,
        name=payload.name,
        member_ids=payload.members,
        cohort=selectors.cohort_for(request.user, cohort_id),
    )
    return {"id": cohort.pk, "name": cohort.name}


@router.delete("/coaching/cohorts/{cohort_id}", response={204: None})
def delete_cohort(request: AuthedRequest, cohort_id: int) -> Any:
    services.cohort_delete(cohort=selectors.cohort_for(request.user, cohort_id))
    return Status(204, None)
