"""The account's own settings over the API: profile and API tokens."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any

from ninja import Router, Schema, Status
from pydantic import Field

from tiewise.accounts import selectors, services
from tiewise.accounts.models import ApiToken
from tiewise.accounts.recent import signed_in_recently
from tiewise.http import AuthedRequest
from tiewise.schemas import CareerStage, Error, Input, one_of

if TYPE_CHECKING:
    from tiewise.accounts.models import User

router = Router(tags=["me"])


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


class ProfilePatch(Input):
    """Only the fields you send change."""

    display_name: str | None = Field(None, max_length=120)
    profession: str | None = Field(None, max_length=120)
    specialty: str | None = Field(None, max_length=120)
    career_stage: CareerStage | None = None
    institution: str | None = Field(None, max_length=200)
    city: str | None = Field(None, max_length=120)
    country: str | None = Field(None, max_length=120)
    orcid: str | None = Field(None, max_length=19, examples=["0000-0002-1825-0097"])
    name_variants: str | None = Field(
        None, max_length=1000, description="Other spellings of your name on papers, one per line"
    )
    x_handle: str | None = Field(None, max_length=100)
    bluesky: str | None = Field(None, max_length=200)
    mastodon: str | None = Field(None, max_length=200)
    linkedin: str | None = Field(None, max_length=300)


class ProfileOut(Schema):
    display_name: str
    profession: str
    specialty: str
    career_stage: str
    institution: str
    city: str
    country: str
    orcid: str
    name_variants: str
    x_handle: str
    bluesky: str
    mastodon: str
    linkedin: str


@router.get("/me", response=MeOut)
def me(request: AuthedRequest) -> Any:
    """Who the token or session belongs to, with their profile."""
    user: User = request.user
    profile = getattr(user, "profile", None)
    fields = ("profession", "specialty", "career_stage", "institution", "city", "country", "orcid")
    return {
        "id": user.pk,
        "email": user.email,
        "display_name": user.display_name,
        **{f: getattr(profile, f, "") or "" for f in fields},
    }


@router.patch("/me", response=ProfileOut)
def update_profile(request: AuthedRequest, payload: ProfilePatch) -> Any:
    """Edit your profile, with the same validation as the profile page."""
    profile = services.profile_update(
        user=request.user,
        data=payload.dict(exclude_unset=True),
    )
    return {f: getattr(profile, f) for f in ProfileOut.model_fields}


class TokenIn(Input):
    name: str = Field(..., min_length=1, max_length=100, examples=["laptop script"])
    scope: Annotated[str, one_of(dict(ApiToken.SCOPES))] = "write"


class TokenOut(Schema):
    id: int
    name: str
    prefix: str
    scope: str
    created_at: datetime
    last_used_at: datetime | None


class TokenCreated(TokenOut):
    token: str = Field(..., description="The token itself. It is shown only this once.")


def _token(t: ApiToken) -> dict[str, Any]:
    return {f: getattr(t, f) for f in TokenOut.model_fields}


@router.get("/tokens", response=list[TokenOut], tags=["tokens"])
def list_tokens(request: AuthedRequest) -> Any:
    """Your API tokens (never the secret values)."""
    return [_token(t) for t in selectors.tokens_of(request.user)]


@router.post("/tokens", response={201: TokenCreated, 403: Error}, tags=["tokens"])
def create_token(request: AuthedRequest, payload: TokenIn) -> Any:
    """Only a signed-in browser session that signed in within 15 minutes may
    create a token: a token never makes another, so revoking one ends all it
    could reach."""
    if getattr(request, "auth_token", None) is not None:
        return Status(403, {"detail": "A token cannot create tokens: sign in to make one."})
    if not signed_in_recently(request):
        return Status(403, {"detail": "Sign in again to create a token (it has been a while)."})
    token, raw = services.token_create(
        user=request.user,
        name=payload.name,
        scope=payload.scope,
    )
    return Status(201, {**_token(token), "token": raw})


@router.delete("/tokens/{token_id}", response={204: None}, tags=["tokens"])
def revoke_token(request: AuthedRequest, token_id: int) -> Any:
    """Revoke a token: scripts using it stop working at once."""
    services.token_revoke(user=request.user, token_id=token_id)
    return Status(204, None)
