"""Sensitive actions ask for the password again once a sign-in is older than
15 minutes (ACCOUNT_REAUTHENTICATION_TIMEOUT): creating an API token,
inviting a coach with private people shared, changing email or password.

A fresh sign-in counts (allauth's own check counts only re-entries), so
someone who just signed in is not asked twice. API tokens never count: a
token may not do what needs a password."""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar
from urllib.parse import urlencode

from allauth.account.internal.flows.login import get_authentication_records
from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

F = TypeVar("F", bound=Callable[..., HttpResponse])


def signed_in_recently(request: HttpRequest) -> bool:
    """The request comes from a browser session whose last sign-in (or
    password re-entry) is within the timeout."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or getattr(request, "auth_token", None):
        return False
    records = get_authentication_records(request, user)
    if not records:
        return False
    last = max(float(r.get("at") or 0) for r in records)
    return time.time() - last < settings.ACCOUNT_REAUTHENTICATION_TIMEOUT


def reauthenticate_url(request: HttpRequest, next_url: str | None = None) -> str:
    target = next_url or request.get_full_path()
    return f"{reverse('account_reauthenticate')}?{urlencode({'next': target})}"


def recent_sign_in_required(
    when: Callable[[HttpRequest], bool] | None = None,
) -> Callable[[F], F]:
    """A page view whose POST needs a recent sign-in (`when`, if given, says
    whether this POST is a sensitive one). Otherwise: the password page, then
    back here."""

    def decorate(view: F) -> F:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            sensitive = request.method == "POST" and (when is None or when(request))
            if sensitive and not signed_in_recently(request):
                # After the password, back to this page to send the form again.
                return HttpResponseRedirect(reauthenticate_url(request, request.path))
            return view(request, *args, **kwargs)

        return wrapper  # type: ignore[return-value]

    return decorate
