from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer, SessionAuth

from tiewise.accounts.models import ApiToken, hash_token

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
LAST_USED_EVERY = timedelta(minutes=1)


class TokenAuth(HttpBearer):
    """`Authorization: Bearer tw_...`. A read-only token may only read."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        try:
            api_token = ApiToken.objects.select_related("user").get(key_hash=hash_token(token))
        except ApiToken.DoesNotExist:
            return None
        if not api_token.user.is_active:
            return None
        if api_token.scope == "read" and request.method not in SAFE_METHODS:
            from ninja.errors import HttpError

            raise HttpError(403, "This token is read-only.")
        now = timezone.now()
        # "Last used" to the minute is enough; writing on every request would
        # make each read a write (and queue it behind SQLite's one writer).
        if api_token.last_used_at is None or now - api_token.last_used_at > LAST_USED_EVERY:
            ApiToken.objects.filter(pk=api_token.pk).update(last_used_at=now)
        request.user = api_token.user
        request.auth_token = api_token  # type: ignore[attr-defined]  # a token, not a session
        return api_token.user


class BrowserSession(SessionAuth):
    """The signed-in browser session (with CSRF on writes), for the map page
    and other front-end code."""


def auth_methods() -> list[Any]:
    return [TokenAuth(), BrowserSession()]
