"""Turning what went wrong into what the visitor sees.

- A service's NotFound is the 404 page (the API maps it itself).
- When the database is unreachable, say so clearly (503) instead of a
  generic 500, and recover by itself: every request tries again."""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.db import OperationalError, close_old_connections, connections
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers

from tiewise.core.errors import NotFound

log = logging.getLogger(__name__)


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exc: Exception) -> HttpResponse | None:
        if isinstance(exc, OverflowError):
            # /nodes/99999999999999999999/: an id no database can hold is not found.
            raise Http404("No such page") from exc
        if isinstance(exc, NotFound):
            raise Http404(str(exc)) from exc
        if not isinstance(exc, OperationalError):
            return None
        log.error("database unavailable: %s", exc)
        # Drop the broken connection so the next request opens a fresh one.
        for conn in connections.all():
            try:
                conn.close()
            except Exception:  # noqa: BLE001 - closing a dead connection may itself fail
                log.debug("closing a dead connection failed", exc_info=True)
        close_old_connections()
        if request.path.startswith("/api/"):
            response: HttpResponse = JsonResponse(
                {"detail": "The database is unavailable. Try again in a moment."}, status=503
            )
        else:
            response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = "30"
        return response


#: Paths that take file uploads; every other request body is small.
UPLOAD_PATHS = ("/import/", "/api/v1/imports")


class RequestSizeLimitMiddleware:
    """Refuse a body that is too big before anything reads it: 413 from the
    Content-Length header alone, so a 100 MB POST to any URL costs nothing
    (no spooling to disk, no parsing). Import uploads may be as big as
    TIEWISE_MAX_UPLOAD_BYTES; any other body DATA_UPLOAD_MAX_MEMORY_SIZE.
    Django reads no body at all without a Content-Length."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from django.conf import settings

        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if request.path.startswith(UPLOAD_PATHS):
            limit = settings.TIEWISE_MAX_UPLOAD_BYTES
            slack = 64 * 1024  # multipart framing around the file itself
        else:
            limit, slack = settings.DATA_UPLOAD_MAX_MEMORY_SIZE, 0
        if length > limit + slack:
            return _too_large(request, limit)
        return self.get_response(request)


def _too_large(request: HttpRequest, limit: int) -> HttpResponse:
    megabytes = f"{limit / (1024 * 1024):.3g} MB"
    message = f"The request is too large: the limit is {megabytes}."
    response: HttpResponse
    if request.path.startswith("/api/"):
        response = JsonResponse({"detail": message}, status=413)
    else:
        response = HttpResponse(
            render_to_string("413.html", {"message": message}, request=request), status=413
        )
    response["Connection"] = "close"  # the unread body must not be taken as a next request
    return response


class NoStoreMiddleware:
    """Nothing Tiewise answers is kept by a browser's disk cache or a proxy:
    pages, API answers and exports all hold someone's network, and a shared
    computer's back button or cache folder must not show it to the next
    person. Static files never reach this (WhiteNoise answers them first,
    with their own long cache); a view that sets its own Cache-Control (the
    calendar feed) keeps it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not response.has_header("Cache-Control"):
            add_never_cache_headers(response)
        return response
