"""Request types for views that only run for a signed-in user."""

from __future__ import annotations

from django.http import HttpRequest

from tiewise.accounts.models import User


class AuthedRequest(HttpRequest):
    """A request that `login_required` or the API's authentication let
    through: its user is a real account, never AnonymousUser."""

    user: User
