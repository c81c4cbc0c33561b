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
    bucket of `settings.TIEWISE_RATES`, counted in fixed windows (see
    `count`). django-ninja's own count reads a list of times and writes it
    back, so requests that arrive together at several workers each count
    as the only one; an `incr` counts every one. One instance serves every
    request of an API operation, in any thread: it keeps no state."""

    def __init__(self, bucket: str) -> None:
        self.scope = bucket
        super().__init__("1/s")  # the real rate is read per request (settings may change)

    def _limit(self) -> tuple[int, int] | None:
        current = rate(self.scope)  # type: ignore[arg-type]
        if current is None:
            return None
        allowed, seconds = self.parse_rate(current)
        assert allowed is not None and seconds is not None
        return allowed, seconds

    def allow_request(self, request: HttpRequest) -> bool:
        limit = self._limit()
        if limit is None:
            return True
        allowed, seconds = limit
        return count(self.get_cache_key(request), seconds) <= allowed

    def wait(self) -> float | None:
        """Seconds until the window ends (when a refused request may retry)."""
        limit = self._limit()
        if limit is None:
            return None
        seconds = limit[1]
        return seconds - time.time() % seconds

    def get_cache_key(self, request: HttpRequest) -> str:
        user = getattr(request, "user", None)
        ident = user.pk if user is not None and user.is_authenticated else self.get_ident(request)
        return self.cache_format % {"scope": self.scope, "ident": ident}


def count(key: str, seconds: int) -> int:
    """Count one more under `key` in the current window of `seconds` on
    the shared cache, and say how many that makes. `add` starts a window
    and `incr` counts, each atomically in Redis and in the embedded store,
    so every process counts alike. A fixed window lets through at most
    twice the rate across a window's end, which a limit against abuse may."""
    from django.core.cache import cache

    windowed = f"{key}:{int(time.time() // seconds)}"
    cache.add(windowed, 0, timeout=seconds + 5)
    try:
        return int(cache.incr(windowed))
    except ValueError:  # evicted between add and incr: count this one alone
        cache.set(windowed, 1, timeout=seconds + 5)
        return 1


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
    within the limit, counted as requests are (`count`)."""
    current = rate(bucket)
    if current is None:
        return True
    allowed, seconds = Bucket(bucket).parse_rate(current)
    assert allowed is not None and seconds is not None
    return count(f"spend:{bucket}:{ident}", seconds) <= allowed
