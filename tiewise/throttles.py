"""Rate limits: one table of buckets, counted on the shared cache, so every
server process and app server counts the same requests. Tests switch them
off (TIEWISE_NO_RATE_LIMITS=1) except where a test turns one on.

A limit answers 429 with `Retry-After` (seconds), as JSON in the API and as
a short page elsewhere."""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from ninja.throttling import BaseThrottle, SimpleRateThrottle

F = TypeVar("F", bound=Callable[..., HttpResponse])


def rate(bucket: str) -> str | None:
    """The limit of a bucket ("60/m"), or None when limits are off."""
    if not settings.TIEWISE_RATE_LIMITS:
        return None
    return str(settings.TIEWISE_RATES[bucket])


class Bucket(SimpleRateThrottle):
    """Requests per signed-in user (per address for anyone else) in one
    bucket of `settings.TIEWISE_RATES`."""

    def __init__(self, bucket: str) -> None:
        self.scope = bucket
        super().__init__("1/s")  # the real rate is read per request (settings may change)

    def allow_request(self, request: HttpRequest) -> bool:
        current = rate(self.scope)  # type: ignore[arg-type]
        if current is None:
            return True
        self.rate = current
        self.num_requests, self.duration = self.parse_rate(current)
        return bool(super().allow_request(request))

    def get_cache_key(self, request: HttpRequest) -> str:
        user = getattr(request, "user", None)
        ident = user.pk if user is not None and user.is_authenticated else self.get_ident(request)
        return self.cache_format % {"scope": self.scope, "ident": ident}


def api_limits(*buckets: str) -> list[BaseThrottle]:
    """For `@router.get(..., throttle=api_limits("expensive"))`."""
    return [Bucket(b) for b in buckets]


def limited(bucket: str) -> Callable[[F], F]:
    """A page view in `bucket`: past the limit it answers 429 with Retry-After."""

    def decorate(view: F) -> F:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            throttle = Bucket(bucket)
            if not throttle.allow_request(request):
                wait = math.ceil(throttle.wait() or 1)
                response = HttpResponse(
                    render_to_string("429.html", {"wait": wait}, request=request), status=429
                )
                response["Retry-After"] = str(wait)
                return response
            return view(request, *args, **kwargs)

        return wrapper  # type: ignore[return-value]

    return decorate


def spend(bucket: str, ident: object) -> bool:
    """Count one action of `ident` (a sender, a user) in `bucket` for work a
    service does rather than a request (emails to someone else): True while
    within the limit. A fixed window on the shared cache: `add` starts it,
    `incr` counts atomically, so every process counts alike."""
    from django.core.cache import cache

    current = rate(bucket)
    if current is None:
        return True
    allowed, seconds = Bucket(bucket).parse_rate(current)
    assert allowed is not None and seconds is not None
    window = int(time.time() // seconds)
    key = f"spend:{bucket}:{ident}:{window}"
    cache.add(key, 0, timeout=seconds + 5)
    try:
        used = cache.incr(key)
    except ValueError:  # evicted between add and incr: count this one alone
        cache.set(key, 1, timeout=seconds + 5)
        used = 1
    return int(used) <= allowed
