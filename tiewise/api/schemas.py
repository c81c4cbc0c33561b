from datetime import date, datetime
from typing import Literal

from ninja import Schema
from pydantic import Field

Kind = Literal["person", "team", "department", "organisation", "community"]
Strength = Literal["strong", "weak", "absent"]
Mode = Literal["personal", "technology"]
Area = Literal["academic", "expertise", "professional_identity", "informal_community"]
Role = Literal[
    "mentor", "coach", "sponsor", "adviser", "research_advisor", "collaborator", "peer",
    "mentee", "subject_expert", "confidant", "friend", "family",
]  # fmt: skip
Sector = Literal[
    "medicine", "health_professions", "academia", "industry", "government", "nonprofit",
    "other", "",
]  # fmt: skip
Reach = Literal["local", "regional", "national", "international", ""]


class Error(Schema):
    detail: str | list[dict] | dict


class MeOut(Schema):
    id: int
    email: str
    display_name: str
    profession: str
    specialty: str
    career_stage: str
    institution: str
    city: str
    country: str
    orcid: str


class NodeFields(Schema):
    kind: Kind = "person"
    strength: Strength = "weak"
    modes: list[Mode] = Field([], examples=[["personal"]])
    areas: list[Area] = Field([], examples=[["expertise", "academic"]])
    roles: list[Role] = Field([], examples=[["mentor"]])
    organisation: str = Field("", max_length=200, examples=["Riverside University Hospital"])
    title: str = Field("", max_length=200)
    profession: str = Field("", max_length=120)
    sector: Sector = ""
    reach: Reach = ""
    city: str = Field("", max_length=120)
    country: str = Field("", max_length=120)
    email: str = Field("", max_length=254)
    phone: str = Field("", max_length=40)
    links: list[str] = []
    tags: list[str] = []
    notes: str = ""
    how_we_met: str = ""
    private: bool = False
    since: date | None = None
    cadence_days: int | None = Field(None, ge=1, le=3650)


class NodeIn(NodeFields):
    name: str = Field(..., min_length=1, max_length=200, examples=["Dr. Jane Doe"])


class NodePatch(Schema):
    """Only the fields you send change."""

    name: str | None = Field(None, min_length=1, max_length=200)
    kind: Kind | None = None
    strength: Strength | None = None
    modes: list[Mode] | None = None
    areas: list[Area] | None = None
    roles: list[Role] | None = None
    organisation: str | None = Field(None, max_length=200)
    title: str | None = Field(None, max_length=200)
    profession: str | None = Field(None, max_length=120)
    sector: Sector | None = None
    reach: Reach | None = None
    city: str | None = Field(None, max_length=120)
    country: str | None = Field(None, max_length=120)
    email: str | None = Field(None, max_length=254)
    phone: str | None = Field(None, max_length=40)
    links: list[str] | None = None
    tags: list[str] | None = None
    notes: str | None = None
    how_we_met: str | None = None
    private: bool | None = None
    since: date | None = None
    cadence_days: int | None = Field(None, ge=1, le=3650)


class NodeOut(NodeFields):
    id: int
    name: str
    created_at: datetime
    updated_at: datetime
    warnings: list[str] = Field(
        [], description="Saved, but worth a look: e.g. notes that look like patient information."
    )


class BulkSet(Schema):
    strength: Strength | None = None
    kind: Kind | None = None
    modes: list[Mode] | None = None
    areas: list[Area] | None = None
    roles: list[Role] | None = None
    tags: list[str] | None = None
    sector: Sector | None = None
    reach: Reach | None = None


class BulkAdd(Schema):
    modes: list[Mode] = []
    areas: list[Area] = []
    roles: list[Role] = []
    tags: list[str] = []


class BulkIn(Schema):
    ids: list[int] = Field(..., min_length=1, max_length=5000)
    set: BulkSet = BulkSet()
    add: BulkAdd = BulkAdd()


class BulkOut(Schema):
    updated: int


class AlterTieIn(Schema):
    source: int
    target: int
    strength: Literal["strong", "weak", ""] = ""


class AlterTieOut(Schema):
    id: int
    source: int
    target: int
    strength: str


class AlterTieBulkIn(Schema):
    items: list[AlterTieIn] = Field(..., max_length=100000)


class CreatedOut(Schema):
    created: int
