"""The HTTP API, /api/v1/ (DESIGN.md section 4).

This module only assembles the app routers and maps the services' errors to
HTTP; nothing imports it but the URLconf (shared schemas are in
`tiewise.schemas`)."""

from django.core.exceptions import ValidationError
from django.db import OperationalError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError

from tiewise.coaching.api import router as coaching_router
from tiewise.core.errors import Conflict, NotFound
from tiewise.directory.api import router as directory_router
from tiewise.insights.api import router as insights_router
from tiewise.jobs.api import router as jobs_router
from tiewise.learning.api import router as learning_router
from tiewise.middleware import DatabaseUnavailableMiddleware
from tiewise.planning.api import router as planning_router
from tiewise.throttles import api_limits
from tiewise.transfer.api import router as transfer_router
from tiewise.upkeep.api import router as upkeep_router

from .account import router as account_router
from .auth import auth_methods
from .errors import validation_detail
from .map import router as map_router
from .nodes import alter_router
from .nodes import router as nodes_router

api = NinjaAPI(
    title="Tiewise API",
    version="1",
    description=(
        "Your personal learning network over HTTP. Authenticate with "
        "`Authorization: Bearer <token>` (create one in Settings → API tokens or with "
        "`tiewise token create EMAIL`). Lists take `limit` and `offset` and return "
        '`{"items": [...], "count": N}`. Errors are `{"detail": ...}`.'
    ),
    auth=auth_methods(),
    throttle=api_limits("api"),
    urls_namespace="api",
    docs_url="/docs",
    openapi_url="/openapi.json",
)


@api.exception_handler(ValidationError)
def on_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    return api.create_response(request, {"detail": validation_detail(exc)}, status=422)


@api.exception_handler(OperationalError)
def on_database_down(request: HttpRequest, exc: OperationalError) -> HttpResponse:
    # The same clear 503 as the pages; the middleware's reconnect logic runs too.
    DatabaseUnavailableMiddleware(lambda r: HttpResponse()).process_exception(request, exc)
    response = api.create_response(
        request, {"detail": "The database is unavailable. Try again in a moment."}, status=503
    )
    response["Retry-After"] = "30"
    return response


@api.exception_handler(OverflowError)
def on_overflow(request: HttpRequest, exc: OverflowError) -> HttpResponse:
    # An id or number beyond what the database can store: the input is wrong.
    return api.create_response(
        request, {"detail": "A number in the request is out of range."}, status=422
    )


@api.exception_handler(Conflict)
def on_conflict(request: HttpRequest, exc: Conflict) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc)}, status=409)


@api.exception_handler(Http404)
@api.exception_handler(NotFound)
def on_not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
    # The same words whatever was missing: nothing tells "not yours" apart.
    return api.create_response(request, {"detail": "Not found"}, status=404)


@api.exception_handler(AuthenticationError)
def on_unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return api.create_response(
        request, {"detail": "Authentication required: send a Bearer token."}, status=401
    )


api.add_router("", account_router)
api.add_router("", nodes_router)
api.add_router("", alter_router)
api.add_router("", insights_router)
api.add_router("", map_router)
api.add_router("", planning_router)
api.add_router("", upkeep_router)
api.add_router("", transfer_router)
api.add_router("", coaching_router)
api.add_router("", jobs_router)
api.add_router("", directory_router)
api.add_router("", learning_router)
