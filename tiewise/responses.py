"""Responses that more than one page sends the same way."""

from __future__ import annotations

from django.http import HttpResponse


def svg_response(svg: str, *, download_as: str | None = None) -> HttpResponse:
    """An SVG drawing of user data. Opened on its own it must never run
    anything, even if escaping failed somewhere: the CSP allows no script."""
    response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    if download_as:
        response["Content-Disposition"] = f'attachment; filename="{download_as}"'
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
    return response
