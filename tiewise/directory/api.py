"""/api/v1/directory, /suggestions, /connections, /events and the card.

Only listed users appear in any answer; a person who is not listed is a
404 with the same words as an id nobody has. Requests to connect are
rate-limited (the "contact" bucket)."""

import datetime as dt
from typing import Annotated, Any, Literal

from django.http import HttpResponse
from ninja import Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import Field

from tiewise.core import vocab
from tiewise.http import AuthedRequest
from tiewise.schemas import Area, CareerStage, Error, Input, Sector, one_of, shaped
from tiewise.throttles import api_limits

from . import selectors, services

router = Router(tags=["directory"])

Offer = Annotated[str, one_of(vocab.OFFERS)]
Topic = Annotated[str, Field(max_length=60)]


class ListingIn(Input):
    listed: bool = False
    bio: str = Field("", max_length=1000)
    institution: str = Field("", max_length=200)
    specialty: str = Field("", max_length=120)
    career_stage: CareerStage = ""
    areas: list[Area] = []
    topics: list[Topic] = Field([], max_length=12)
    offers: list[Offer] = []
    seeks: list[Offer] = []
    sector: Sector = Field("", description="Published so others see you are outside medicine.")
    country: str = Field("", max_length=120)
    public_card: bool = Field(False, description="Let your card's QR code link to a public page.")


class ListedPersonOut(Schema):
    """What a listed person published, and nothing else."""

    id: int
    name: str
    bio: str
    institution: str
    specialty: str
    career_stage: str
    sector: str
    country: str
    areas: list[str]
    topics: list[str]
    offers: list[str]
    seeks: list[str]


class ListingOut(ListedPersonOut):
    listed: bool
    public_card: bool
    card_url: str | None


class DirectoryFilters(Schema):
    q: str = Field("", max_length=200)
    offer: Offer | Literal[""] = ""
    topic: str = Field("", max_length=60)
    specialty: str = Field("", max_length=120)
    institution: str = Field("", max_length=200)
    career_stage: CareerStage = ""


class SuggestionOut(Schema):
    kind: Literal["user", "node"]
    id: int
    name: str
    reasons: list[str]
    score: float


class SuggestionsOut(Schema):
    items: list[SuggestionOut]


class SuggestionAddIn(Input):
    kind: Literal["user", "node"]
    id: int


class ProspectRef(Schema):
    id: int
    name: str
    why: str


class ConnectionIn(Input):
    to_user: int
    message: str = Field("", max_length=2000)
    via: int | None = Field(
        None, description="One of your strong ties (a node id) to ask for the introduction."
    )


class ConnectionOut(Schema):
    id: int
    status: str
    role: Literal["requester", "target", "introducer"]
    from_user: int
    from_name: str
    to_user: int
    to_name: str
    via: str | None
    message: str
    awaiting_you: bool
    created_at: dt.datetime


class EventIn(Input):
    name: str = Field(..., min_length=1, max_length=200)
    starts_on: dt.date
    ends_on: dt.date | None = None
    place: str = Field("", max_length=200)
    hashtag: str = Field("", max_length=100)
    backchannel: str = Field("", max_length=500)


class ConferenceOut(Schema):
    id: int
    name: str
    starts_on: dt.date
    ends_on: dt.date
    place: str
    hashtag: str
    backchannel: str


class MetOut(Schema):
    id: int
    line: str
    node: int | None
    name: str | None
    interaction: int | None
    action: int | None
    follow_up_due: dt.date | None
    follow_up_owed: bool


class EventDetailOut(ConferenceOut):
    met: list[MetOut]


class MetIn(Input):
    line: str = Field(..., min_length=1, max_length=2000)


# --- the directory ------------------------------------------------------------------------


@router.get("/directory/me", response=ListingOut)
def my_listing(request: AuthedRequest) -> dict[str, Any]:
    return selectors.listing_own_dict(request.user)


@router.put("/directory/me", response={200: ListingOut, 422: Error})
def put_listing(request: AuthedRequest, payload: ListingIn) -> dict[str, Any]:
    """List yourself (`listed: true`) or unlist at once (`false`)."""
    services.listing_save(user=request.user, data=payload.dict())
    return selectors.listing_own_dict(request.user)


@router.get("/directory", response=list[ListedPersonOut])
@paginate(shaped(selectors.listing_public_dict))
def directory(request: AuthedRequest, filters: Query[DirectoryFilters]) -> Any:
    """Listed people only, filtered by what they published."""
    return selectors.search_directory(**filters.dict())


@router.get("/directory/{user_id}", response={200: ListedPersonOut, 404: Error})
def person(request: AuthedRequest, user_id: int) -> dict[str, Any]:
    return selectors.listing_public_dict(selectors.listed_person(user_id))


# --- suggestions --------------------------------------------------------------------------


@router.get("/suggestions", response=SuggestionsOut, throttle=api_limits("expensive"))
def suggestions(request: AuthedRequest) -> dict[str, Any]:
    """Who to meet, best first, each with the reasons in words."""
    return {"items": [s.to_dict() for s in selectors.suggestions_for(request.user)]}


@router.post("/suggestions/prospects", response={201: ProspectRef, 404: Error, 422: Error})
def suggestion_add(request: AuthedRequest, payload: SuggestionAddIn) -> Status[dict[str, Any]]:
    """Make a suggestion one of your five to add, its reasons as the why."""
    p = services.suggestion_to_prospect(owner=request.user, kind=payload.kind, item_id=payload.id)
    return Status(201, {"id": p.pk, "name": p.name, "why": p.why})


# --- connections --------------------------------------------------------------------------


@router.get("/connections", response=list[ConnectionOut])
def connections(request: AuthedRequest) -> list[dict[str, Any]]:
    """Requests you sent, received, or were asked to introduce."""
    user = request.user
    return [selectors.connection_dict(c, user) for c in selectors.connections_of(user)[:200]]


@router.post(
    "/connections",
    response={201: ConnectionOut, 404: Error, 409: Error, 422: Error},
    throttle=api_limits("contact"),
)
def connection_new(request: AuthedRequest, payload: ConnectionIn) -> Status[dict[str, Any]]:
    c = services.connection_request(
        requester=request.user, to_user=payload.to_user, message=payload.message, via=payload.via
    )
    return Status(201, selectors.connection_dict(c, request.user))


@router.post("/connections/{connection_id}/accept", response={200: ConnectionOut, 404: Error})
def connection_accept(request: AuthedRequest, connection_id: int) -> dict[str, Any]:
    c = services.connection_answer(user=request.user, connection_id=connection_id, accept=True)
    return selectors.connection_dict(c, request.user)


@router.post("/connections/{connection_id}/decline", response={200: ConnectionOut, 404: Error})
def connection_decline(request: AuthedRequest, connection_id: int) -> dict[str, Any]:
    c = services.connection_answer(user=request.user, connection_id=connection_id, accept=False)
    return selectors.connection_dict(c, request.user)


# --- events -------------------------------------------------------------------------------


@router.get("/events", response=list[ConferenceOut])
@paginate(shaped(selectors.event_dict))
def events(request: AuthedRequest) -> Any:
    return selectors.event_queryset(request.user)


@router.post("/events", response={201: ConferenceOut, 422: Error})
def event_new(request: AuthedRequest, payload: EventIn) -> Status[dict[str, Any]]:
    e = services.event_create(owner=request.user, data=payload.dict())
    return Status(201, selectors.event_dict(e))


@router.get("/events/{event_id}", response={200: EventDetailOut, 404: Error})
def event(request: AuthedRequest, event_id: int) -> dict[str, Any]:
    """The event with everyone met there and whether a follow-up is owed."""
    return selectors.event_dict(selectors.get_event_for(request.user, event_id), with_met=True)


@router.post("/events/{event_id}/met", response={201: MetOut, 404: Error, 422: Error})
def event_met(request: AuthedRequest, event_id: int, payload: MetIn) -> Status[dict[str, Any]]:
    """One line per person: the node, interaction and follow-up created."""
    e = selectors.get_event_for(request.user, event_id)
    m = services.event_met(owner=request.user, event=e, line=payload.line)
    return Status(201, selectors.met_dict(m))


# --- the card -----------------------------------------------------------------------------


@router.get("/me/card.svg", response={200: None})
def card_svg(request: AuthedRequest) -> HttpResponse:
    """Your printable card with its QR code (a vCard)."""
    svg = selectors.card_svg(selectors.card_for(request.user))
    return HttpResponse(svg, content_type="image/svg+xml")


@router.get("/me/card.png", response={200: None})
def card_png(request: AuthedRequest) -> HttpResponse:
    """Your card's QR code as a PNG, to show full-screen on a phone."""
    return HttpResponse(
        selectors.card_png(selectors.card_for(request.user)), content_type="image/png"
    )
