from __future__ import annotations

import json
from functools import cache

from django.http import HttpRequest

from tiewise.core.phi import patterns_for_browser


@cache
def _phi_json() -> str:
    return json.dumps(patterns_for_browser())


def phi(request: HttpRequest) -> dict[str, str]:
    """Patient-information patterns for app.js (a data attribute, not inline script)."""
    return {"phi_patterns_json": _phi_json()}
