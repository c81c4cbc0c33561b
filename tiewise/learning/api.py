"""/api/v1 skills, questions, resources and journal clubs (issue 20)."""

from datetime import date as Date
from datetime import datetime
from typing import Any

from ninja import Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import Field

from tiewise.core.text import LONGTEXT_MAX
from tiewise.http import AuthedRequest
from tiewise.schemas import (
    Input,
    QuestionKind,
    QuestionStatus,
    ResourceDirection,
    ResourceKind,
    SkillKind,
    SourceKind,
    shaped,
)

from . import selectors, services

router = Router(tags=["learning"])


class PersonRef(Schema):
    id: int
    name: str
    strength: str


class NodeRef(Schema):
    id: int
    name: str


# Skills -----------------------------------------------------------------------


class SkillIn(Input):
    name: str = Field(..., min_length=1, max_length=120)
    kind: SkillKind = "growth"
    level: int = Field(1, ge=1, le=5)
    target: int = Field(3, ge=1, le=5)
    goal: int | None = None
    note: str = Field("", max_length=LONGTEXT_MAX)


class SkillPatch(Input):
    name: str | None = Field(None, min_length=1, max_length=120)
    kind: SkillKind | None = None
    level: int | None = Field(None, ge=1, le=5)
    target: int | None = Field(None, ge=1, le=5)
    goal: int | None = None
    note: str | None = Field(None, max_length=LONGTEXT_MAX)


class SkillOut(Schema):
    id: int
    name: str
    kind: SkillKind
    level: int
    target: int
    goal: int | None
    note: str
    people: list[PersonRef] = Field(
        description="Who can help (a growth area: expertise matches, strong ties first) "
        "or who could benefit (a strength: mentees and peers)."
    )
    warnings: list[str]


@router.get("/skills", response=list[SkillOut])
@paginate(shaped(selectors.skill_dict_for))
def list_skills(request: AuthedRequest) -> Any:
    """Your strengths and growth areas, each with the people for it."""
    return selectors.skill_queryset(request.user)


@router.post("/skills", response={201: SkillOut})
def create_skill(request: AuthedRequest, payload: SkillIn) -> Any:
    skill = services.skill_create(owner=request.user, data=payload.dict())
    return Status(201, selectors.skill_dict_for(skill))


@router.get("/skills/{skill_id}", response=SkillOut)
def get_skill(request: AuthedRequest, skill_id: int) -> Any:
    return selectors.skill_dict_for(selectors.get_skill_for(request.user, skill_id))


@router.patch("/skills/{skill_id}", response=SkillOut)
def patch_skill(request: AuthedRequest, skill_id: int, payload: SkillPatch) -> Any:
    skill = selectors.get_skill_for(request.user, skill_id)
    services.skill_update(skill=skill, data=payload.dict(exclude_unset=True))
    return selectors.skill_dict_for(selectors.get_skill_for(request.user, skill_id))


@router.delete("/skills/{skill_id}", response={204: None})
def delete_skill(request: AuthedRequest, skill_id: int) -> Any:
    services.skill_delete(skill=selectors.get_skill_for(request.user, skill_id))
    return Status(204, None)


class WhoKnowsOut(Schema):
    id: int
    name: str
    strength: str
    why: list[str]


class WhoKnowsQuery(Schema):
    q: str = Field(..., min_length=1, max_length=120)


@router.get("/who-knows", response=list[WhoKnowsOut])
def who_knows(request: AuthedRequest, query: Query[WhoKnowsQuery]) -> Any:
    """People whose expertise or past answers match `q`, strong ties first (at most 30)."""
    return selectors.who_knows(request.user, query.q)


# Questions --------------------------------------------------------------------


class QuestionIn(Input):
    text: str = Field(..., min_length=1, max_length=LONGTEXT_MAX)
    kind: QuestionKind = "clinical"
    asked: list[int] = Field([], description="Ids of the people you asked.")
    date: Date | None = Field(None, description="When you asked (today by default).")
    skill: int | None = None


class QuestionPatch(Input):
    text: str | None = Field(None, min_length=1, max_length=LONGTEXT_MAX)
    kind: QuestionKind | None = None
    asked: list[int] | None = None
    status: QuestionStatus | None = Field(
        None,
        description='"applied" once every answer is checked (a clinical question); '
        "any other value re-reads the status from the answers.",
    )


class ReferenceOut(Schema):
    ref: str
    title: str = Field(description="The paper's title when you have it in Tiewise, else empty.")


class AnswerOut(Schema):
    id: int
    node: int | None
    node_name: str
    text: str
    date: Date
    references: list[ReferenceOut]
    checked: bool
    source: str
    source_kind: str
    agrees: bool | None
    checked_at: datetime | None
    warnings: list[str]


class QuestionOut(Schema):
    id: int
    text: str
    kind: QuestionKind
    date: Date
    status: QuestionStatus
    skill: int | None
    asked: list[NodeRef]
    answers: list[AnswerOut]
    unchecked: list[int] = Field(description="Ids of the answers not checked yet.")
    applied_at: datetime | None
    warnings: list[str] = Field(description="What looks like patient information.")


class AnswerIn(Input):
    node: int
    text: str = Field(..., min_length=1, max_length=LONGTEXT_MAX)
    references: list[str] = Field([], description='"PMID:…", "doi:…" or "https://…".')
    date: Date | None = None


class CheckIn(Input):
    answer: int
    source: str = Field(..., min_length=1, max_length=300)
    agrees: bool
    source_kind: SourceKind = ""


class QuestionFilters(Schema):
    status: QuestionStatus | None = None
    kind: QuestionKind | None = None


@router.get("/questions", response=list[QuestionOut])
@paginate(shaped(selectors.question_dict))
def list_questions(request: AuthedRequest, filters: Query[QuestionFilters]) -> Any:
    """Questions you asked your network, newest first."""
    qs = selectors.question_queryset(request.user)
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    return qs


@router.post("/questions", response={201: QuestionOut})
def ask_question(request: AuthedRequest, payload: QuestionIn) -> Any:
    """Ask; each person asked gets an "advice sought" interaction."""
    q = services.question_ask(owner=request.user, data=payload.dict())
    return Status(201, selectors.question_dict(selectors.get_question_for(request.user, q.pk)))


@router.get("/questions/{question_id}", response=QuestionOut)
def get_question(request: AuthedRequest, question_id: int) -> Any:
    return selectors.question_dict(selectors.get_question_for(request.user, question_id))


@router.patch("/questions/{question_id}", response=QuestionOut)
def patch_question(request: AuthedRequest, question_id: int, payload: QuestionPatch) -> Any:
    """`{"status": "applied"}` is a 422 naming the unchecked answers while any is unchecked."""
    q = selectors.get_question_for(request.user, question_id)
    services.question_update(question=q, data=payload.dict(exclude_unset=True))
    return selectors.question_dict(selectors.get_question_for(request.user, question_id))


@router.delete("/questions/{question_id}", response={204: None})
def delete_question(request: AuthedRequest, question_id: int) -> Any:
    services.question_delete(question=selectors.get_question_for(request.user, question_id))
    return Status(204, None)


@router.post("/questions/{question_id}/answers", response={201: QuestionOut})
def add_answer(request: AuthedRequest, question_id: int, payload: AnswerIn) -> Any:
    """Record an answer; it logs "advice given" by that person."""
    q = selectors.get_question_for(request.user, question_id)
    services.answer_add(question=q, data=payload.dict())
    return Status(201, selectors.question_dict(selectors.get_question_for(request.user, q.pk)))


@router.post("/questions/{question_id}/check", response=QuestionOut)
def check_answer(request: AuthedRequest, question_id: int, payload: CheckIn) -> Any:
    """Check one answer against a named source (guideline, textbook, article)."""
    q = selectors.get_question_for(request.user, question_id)
    services.answer_check(question=q, data=payload.dict())
    return selectors.question_dict(selectors.get_question_for(request.user, question_id))


# Resources --------------------------------------------------------------------


class ResourceIn(Input):
    title: str = Field(..., min_length=1, max_length=300)
    url: str | None = Field(None, max_length=500)
    pmid: str | None = Field(None, max_length=20)
    doi: str | None = Field(None, max_length=200)
    kind: ResourceKind = "article"
    direction: ResourceDirection
    people: list[int] = Field(..., min_length=1)
    note: str | None = Field(None, max_length=LONGTEXT_MAX)
    date: Date | None = None


class ResourceOut(Schema):
    id: int
    title: str
    url: str
    pmid: str
    doi: str
    kind: ResourceKind
    direction: ResourceDirection
    date: Date
    people: list[NodeRef]
    note: str
    warnings: list[str]


class ResourceFilters(Schema):
    direction: ResourceDirection | None = None
    node: int | None = None


@router.get("/resources", response=list[ResourceOut])
@paginate(shaped(selectors.resource_dict))
def list_resources(request: AuthedRequest, filters: Query[ResourceFilters]) -> Any:
    """What you gave and got, newest first (filter by `direction` or `node`)."""
    qs = selectors.resource_queryset(request.user)
    if filters.direction:
        qs = qs.filter(direction=filters.direction)
    if filters.node is not None:
        qs = qs.filter(people=filters.node)
    return qs


@router.post("/resources", response={201: ResourceOut})
def log_resource(request: AuthedRequest, payload: ResourceIn) -> Any:
    """Each person gets a "resource shared" interaction in that direction."""
    r = services.resource_log(owner=request.user, data=payload.dict())
    return Status(201, selectors.resource_dict(selectors.get_resource_for(request.user, r.pk)))


# Journal clubs ----------------------------------------------------------------


class ClubIn(Input):
    name: str = Field(..., min_length=1, max_length=200)
    description: str = Field("", max_length=LONGTEXT_MAX)


class MemberOut(Schema):
    id: int
    name: str
    user: bool = Field(description="A Tiewise user (writes their own posts).")
    email: str | None = Field(None, description="Only the club's owner sees it.")
    node: int | None = Field(None, description="The owner's person for them (owner only).")


class ClubOut(Schema):
    id: int
    name: str
    description: str
    owner: str
    mine: bool
    members: list[MemberOut]
    articles: int
    created_at: datetime


class MemberIn(Input):
    email: str = Field("", max_length=254, description="A Tiewise user to invite.")
    node: int | None = Field(None, description="A person of your network.")
    name: str = Field("", max_length=200)


class ArticleIn(Input):
    title: str = Field(..., min_length=1, max_length=300)
    url: str | None = Field(None, max_length=500)
    pmid: str | None = Field(None, max_length=20)
    doi: str | None = Field(None, max_length=200)


class ArticleOut(Schema):
    id: int
    club: int
    title: str
    url: str
    pmid: str
    doi: str
    posts: int
    created_at: datetime


class PostIn(Input):
    text: str = Field("", max_length=LONGTEXT_MAX)
    strengths: str = Field("", max_length=LONGTEXT_MAX)
    limitations: str = Field("", max_length=LONGTEXT_MAX)
    implications: str = Field("", max_length=LONGTEXT_MAX, description="For practice.")
    member: int | None = Field(None, description="Owner only: the member whose points these are.")


class PostOut(Schema):
    id: int
    author: str
    member: int | None
    text: str
    strengths: str
    limitations: str
    implications: str
    created_at: datetime
    warnings: list[str]


@router.get("/clubs", response=list[ClubOut])
def list_clubs(request: AuthedRequest) -> Any:
    """Clubs you run and clubs you were invited to."""
    services.club_memberships_claim(user=request.user)
    return [selectors.club_dict(c, request.user) for c in selectors.club_queryset(request.user)]


@router.post("/clubs", response={201: ClubOut})
def create_club(request: AuthedRequest, payload: ClubIn) -> Any:
    club = services.club_create(owner=request.user, data=payload.dict())
    return Status(201, selectors.club_dict(club, request.user))


@router.post("/clubs/{club_id}/members", response={201: MemberOut})
def add_member(request: AuthedRequest, club_id: int, payload: MemberIn) -> Any:
    """The owner adds a member; anyone else gets 404."""
    club = selectors.get_own_club(request.user, club_id)
    member = services.club_member_add(club=club, data=payload.dict())
    return Status(201, selectors.member_dict(member, for_owner=True))


@router.get("/clubs/{club_id}/articles", response=list[ArticleOut])
@paginate(shaped(selectors.article_dict))
def list_articles(request: AuthedRequest, club_id: int) -> Any:
    """The club's archive, newest first: every article stays readable."""
    services.club_memberships_claim(user=request.user)
    return selectors.article_queryset(selectors.get_club_for(request.user, club_id))


@router.post("/clubs/{club_id}/articles", response={201: ArticleOut})
def add_article(request: AuthedRequest, club_id: int, payload: ArticleIn) -> Any:
    club = selectors.get_club_for(request.user, club_id)
    article = services.club_article_add(club=club, actor=request.user, data=payload.dict())
    return Status(201, selectors.article_dict(article))


@router.get("/clubs/{club_id}/articles/{article_id}/posts", response=list[PostOut])
@paginate(shaped(selectors.post_dict))
def list_posts(request: AuthedRequest, club_id: int, article_id: int) -> Any:
    club = selectors.get_club_for(request.user, club_id)
    return selectors.post_queryset(selectors.get_article_for(club, article_id))


@router.post("/clubs/{club_id}/articles/{article_id}/posts", response={201: PostOut})
def add_post(request: AuthedRequest, club_id: int, article_id: int, payload: PostIn) -> Any:
    """A member's post counts as an interaction with them in the owner's network."""
    club = selectors.get_club_for(request.user, club_id)
    article = selectors.get_article_for(club, article_id)
    post = services.club_post_add(article=article, actor=request.user, data=payload.dict())
    return Status(201, selectors.post_dict(post))
