"""What every app's API module shares: the input base that refuses unknown
fields, vocabulary types built from `tiewise.core.vocab`, node schemas
built from the field registry, the error shape and database pagination.

It lives outside the `tiewise.api` package on purpose: app modules
(`tiewise.planning.api`, ...) import this, `tiewise.api` imports them, and
no module ever imports back up the chain."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Annotated, Any, Literal, TypeVar

from ninja import Schema
from ninja.pagination import LimitOffsetPagination
from pydantic import ConfigDict, Field, GetCoreSchemaHandler, StringConstraints, create_model
from pydantic_core import core_schema

from tiewise.core import vocab
from tiewise.core.nodefields import BULK, BY_NAME, FIELDS, FILTERS, NodeField

S = TypeVar("S", bound=type[Schema])


@dataclass(frozen=True, slots=True)
class OneOf:
    """Annotated metadata: the value must be a key of `words` (or blank).
    Validates like a `Literal` and shows as an enum in the OpenAPI document,
    but is built from the vocabulary instead of repeating it.

    `Annotated[str, one_of(vocab.STRENGTHS)]` is the type `Strength` below."""

    keys: tuple[str, ...]

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.literal_schema(list(self.keys))


def one_of(words: Mapping[str, str], *, blank: bool = False) -> OneOf:
    """The keys of a vocabulary (and "" when `blank`) as allowed values."""
    return OneOf((*words, *([""] if blank else [])))


Kind = Annotated[str, one_of(vocab.KINDS)]
Strength = Annotated[str, one_of(vocab.STRENGTHS)]
Mode = Annotated[str, one_of(vocab.MODES)]
Area = Annotated[str, one_of(vocab.AREAS)]
Role = Annotated[str, one_of(vocab.ROLES)]
Sector = Annotated[str, one_of(vocab.SECTORS, blank=True)]
Reach = Annotated[str, one_of(vocab.REACHES, blank=True)]
Channel = Annotated[str, one_of(vocab.CHANNELS)]
InteractionKind = Annotated[str, one_of(vocab.INTERACTION_KINDS)]
Direction = Annotated[str, one_of(vocab.DIRECTIONS)]
CareerStage = Annotated[str, one_of(vocab.CAREER_STAGES, blank=True)]
GoalStatus = Annotated[str, one_of(vocab.GOAL_STATUSES)]
ProspectStatus = Annotated[str, one_of(vocab.PROSPECT_STATUSES)]
ActionStatus = Annotated[str, one_of(vocab.ACTION_STATUSES)]
Platform = Annotated[str, one_of(vocab.PLATFORMS)]
Pitfall = Annotated[str, one_of(vocab.PITFALLS)]
AlterStrength = Annotated[str, one_of(vocab.ALTER_TIE_STRENGTHS, blank=True)]
Layout = Annotated[str, one_of(vocab.LAYOUTS)]
SkillKind = Annotated[str, one_of(vocab.SKILL_KINDS)]
QuestionKind = Annotated[str, one_of(vocab.QUESTION_KINDS)]
QuestionStatus = Annotated[str, one_of(vocab.QUESTION_STATUSES)]
SourceKind = Annotated[str, one_of(vocab.SOURCE_KINDS, blank=True)]
ResourceKind = Annotated[str, one_of(vocab.RESOURCE_KINDS)]
ResourceDirection = Annotated[str, one_of(vocab.RESOURCE_DIRECTIONS)]


class Input(Schema):
    """Base of every request body: a field the API does not know is a 422
    naming it, never silently ignored (a typo must not look like success)."""

    model_config = ConfigDict(extra="forbid")


class Error(Schema):
    detail: str | list[dict[str, Any]] | dict[str, Any]


# --- node schemas from the registry ---------------------------------------------


def field_type(f: NodeField) -> Any:
    """The pydantic type of one registry field."""
    text = Annotated[str, StringConstraints(max_length=f.max_length)] if f.max_length else str
    if f.type == "choice":
        return Annotated[str, one_of(f.vocab, blank=f.blank)]
    if f.type == "multichoice":
        return list[Annotated[str, one_of(f.vocab)]]
    if f.is_list:
        return list[text]  # type: ignore[valid-type]
    if f.type == "bool":
        return bool
    if f.type == "date":
        return dt.date | None
    if f.type == "int":
        return Annotated[int, Field(ge=f.minimum, le=f.maximum)] | None
    return text


def _field_info(f: NodeField, *, optional: bool) -> tuple[Any, Any]:
    kind = field_type(f)
    if optional:
        return kind | None, Field(None, description=f.help or None)
    if f.name == "name":
        return Annotated[str, StringConstraints(min_length=1, max_length=f.max_length)], Field(
            ..., examples=["Dr. Jane Doe"]
        )
    return kind, Field(f.initial, description=f.help or None)


def with_node_fields(
    *, names: tuple[str, ...] | None = None, optional: bool = False, exclude: tuple[str, ...] = ()
) -> Callable[[S], S]:
    """Class decorator: the schema gains one field per registry field (all,
    or `names`), with the registry's types, lengths and defaults. With
    `optional`, every field defaults to None ("only what you send changes")."""

    def decorate(cls: S) -> S:
        chosen = [BY_NAME[n] for n in names] if names is not None else list(FIELDS)
        fields = {
            f.name: _field_info(f, optional=optional) for f in chosen if f.name not in exclude
        }
        built = create_model(  # type: ignore[call-overload]
            cls.__name__, __base__=cls, __doc__=cls.__doc__, __module__=cls.__module__, **fields
        )
        return built  # type: ignore[no-any-return]

    return decorate


@with_node_fields()
class NodeIn(Input):
    """A new node with the owner's tie to it."""


@with_node_fields(optional=True)
class NodePatch(Input):
    """Only the fields you send change."""


@with_node_fields()
class NodeOut(Schema):
    """A node with the owner's tie to it."""

    id: int
    created_at: dt.datetime
    updated_at: dt.datetime
    warnings: list[str] = Field(
        [], description="Saved, but worth a look: e.g. notes that look like patient information."
    )


@with_node_fields(names=BULK, optional=True)
class BulkSet(Input):
    """Fields to set on every node."""


@with_node_fields(names=tuple(n for n in BULK if BY_NAME[n].is_list))
class BulkAdd(Input):
    """Values to add to list fields of every node."""


def with_filters(cls: S) -> S:
    """Class decorator: one optional query parameter per filterable field of
    the registry, named as the people page names it (`area`, `role`, ...)."""
    fields: dict[str, Any] = {
        param: (str | None, Field(None, max_length=200, description=f"Only this {f.label}."))
        for param, f in FILTERS.items()
    }
    built: Any = create_model(
        cls.__name__, __base__=cls, __doc__=cls.__doc__, __module__=cls.__module__, **fields
    )
    return built  # type: ignore[no-any-return]


@with_filters
class NodeFilters(Schema):
    """The people filters: `q` searches names, organisations, titles, tags and emails."""

    q: str | None = Field(None, max_length=200)


class LabelBox(Schema):
    """The label's box: its centre relative to the node, and its size, in map units."""

    dx: float
    dy: float
    w: float
    h: float


class MapPlacement(Schema):
    """What the map adds to a drawn node: a group's members and where the
    label goes. The owner's map and a coach's map both carry it."""

    count: int | None = Field(None, description="A group's number of members.")
    members_url: str | None = Field(None, description="A group's members: this map with `?group=`.")
    member_ids: list[int] | None = Field(None, description="A group's members' node ids.")
    text: str = Field("", description="What is drawn: the name, cut to fit, or a group's count.")
    label_box: LabelBox | None = Field(
        None, description="Where the label goes, clear of the others."
    )
    leader: bool = Field(False, description="The label stands off; draw a line to it.")
    label_shown: bool = Field(True, description="False when no free spot was found for the label.")
    font_size: float | None = None


class NodeStyle(Schema):
    shape: str
    color: str
    role_color: str
    sector_color: str
    colors: dict[str, str] = Field(
        default_factory=dict, description='The fill for each "Colour by" choice.'
    )
    opacity: float
    size: float


class MapNode(MapPlacement):
    """A drawn node: the owner (`id` "ego"), one of their nodes (`n<id>`),
    or a group of the people not drawn by name (`kind` "group"). The one
    node shape of every map the API draws."""

    id: str
    node_id: int | None
    label: str = Field(description="The name; a group's two lines are joined by a newline.")
    kind: str = Field(description="A node kind, `ego`, or `group`.")
    x: float
    y: float
    pinned: bool
    classes: str
    style: NodeStyle
    strength: str | None = None
    modes: list[str] = []
    areas: list[str] = []
    roles: list[str] = []
    sector: str = ""
    reach: str = ""
    organisation: str = ""
    half: str | None = None
    band: str | None = None
    status: str | None = Field(None, description="Keep-in-touch status: ok, soon, due, overdue.")
    status_label: str | None = None
    status_reason: str | None = None
    region: dict[str, Any] | None = Field(
        None,
        description="Worksheet layout: where a drag may move the node, its ring band "
        "(`inner`, `outer`) and its cell's bearings (`lo`, `hi`, mirrored when `left`).",
    )


class MapEdge(Schema):
    id: str
    source: str
    target: str
    kind: Literal["tie", "alter", "group"] = Field(
        description="`tie` (owner to node), `alter` (two nodes who know each other) or "
        "`group` (owner to a group of people not drawn by name)."
    )
    strength: str
    line_style: str


class MapOut(Schema):
    """A laid-out map: the owner's (`GET /map`) and a coach's view of a
    coachee's (`GET /coaching/coachees/{id}/map`, which leaves out what the
    coach may not see: keep-in-touch statuses, private people unless shared)."""

    nodes: list[MapNode]
    edges: list[MapEdge]
    layout: Layout
    seed: int
    size: float
    font_size: float = Field(description="Label size in map units.")
    compact: bool = Field(False, description="Drawn for a phone (`?compact=1`).")
    total: int = Field(description="Nodes in the PLN; drawn ones plus every group's count.")
    grouped: int = Field(description="Nodes counted in groups rather than drawn by name.")
    group: str | None = Field(
        None, description="With `?group=`: the group whose members these are."
    )
    count: int | None = None
    guides: dict[str, Any] = Field(description="Rings, halves and sectors to draw behind the map.")
    legend: dict[str, Any]
    vocab: dict[str, dict[str, str]] = Field(description="Key to label, per field.")


# --- pagination ---------------------------------------------------------------------

#: The largest page a list answers: a script pages through the rest.
MAX_PAGE = 1000
#: Far beyond any PLN, yet small enough for every database's integers.
MAX_OFFSET = 2**31 - 1


class PageIn(LimitOffsetPagination.Input):
    """`?limit=&offset=` with bounds, so `?limit=1e20` or a 30-digit offset
    is a 422 naming the parameter, not a database error."""

    limit: int = Field(100, ge=1, le=MAX_PAGE)
    offset: int = Field(0, ge=0, le=MAX_OFFSET)


def shaped(to_dict: Callable[[Any], dict[str, Any]]) -> type[LimitOffsetPagination]:
    """`@paginate(shaped(node_dict))`: the view returns a queryset; the page
    is sliced in the database and only its rows become dicts."""

    class Shaped(LimitOffsetPagination):
        Input = PageIn

        def paginate_queryset(
            self, queryset: Any, pagination: Any, request: Any, **params: Any
        ) -> Any:
            page = super().paginate_queryset(queryset, pagination, request, **params)
            page[self.items_attribute] = [to_dict(item) for item in page[self.items_attribute]]
            return page

    return Shaped
