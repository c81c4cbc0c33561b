from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer, SessionAuth

from tiewise.accounts import selectors as account_selectors
from tiewise.accounts import services as account_services
from tiewise.accounts.models import hash_token

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
LAST_USED_EVERY = timedelta(minutes=1)


class TokenAuth(HttpBearer):
    """`Authorization: Bearer tw_...`. A read-only token may only read."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        api_token = account_selectors.token_by_hash(hash_token(token))
        if api_token is None or not api_token.user.is_active:
            return None
        if api_token.scope == "read" and request.method not in SAFE_METHODS:
            from ninja.errors import HttpError

            raise HttpError(403, "This token is read-only.")
        now = timezone.now()
        # "Last used" to the minute is enough; writing on every request would
        # make each read a write (and queue it behind SQLite's one writer).
        if api_token.last_used_at is None or now - api_token.last_used_at > LAST_USED_EVERY:
            account_services.token_used(api_token, now)
        request.user = api_token.user
        request.auth_token = api_token  # type: ignore[attr-defined]  # a token, not a session
        return api_token.user


class BrowserSession(SessionAuth):
    """The signed-in browser session (with CSRF on writes), for the map page
    and other front-end code."""


def auth_methods() -> list[Any]:
    return [TokenAuth(), BrowserSession()]
