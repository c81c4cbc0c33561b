from __future__ import annotations

from typing import TYPE_CHECKING, Any

from allauth.account.adapter import DefaultAccountAdapter

from .services import ensure_profile

if TYPE_CHECKING:
    from tiewise.accounts.models import User


class AccountAdapter(DefaultAccountAdapter):  # type: ignore[misc]
    """Every new account gets its profile straight away, so later code never
    has to wonder whether one exists."""

    def save_user(self, request: Any, user: User, form: Any, commit: bool = True) -> Any:
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            ensure_profile(user)
        return user
