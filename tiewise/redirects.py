"""Where to send the user after a form: back to the page they came from,
if it is on this site."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme


def safe_next(request: HttpRequest, default: str) -> str:
    """`next` from the form or query string when it is a local URL, else
    `default`. Django's own check also catches tricks like `/\\evil.example`,
    which browsers read as `//evil.example`."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default
