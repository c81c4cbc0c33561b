"""Tiewise's own system checks, run by `tiewise check [--deploy]`."""

from __future__ import annotations

import os
from typing import Any

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register


@register(Tags.staticfiles)
def vendor_assets_built(app_configs: Any, **kwargs: Any) -> list[Any]:
    """The map and htmx come from npm; without `make setup` the pages break."""
    vendor = settings.BASE_DIR / "tiewise" / "static" / "vendor"
    missing = [f for f in ("htmx.min.js", "cytoscape.min.js") if not (vendor / f).exists()]
    if missing:
        return [
            Error(
                f"Front-end assets missing: {', '.join(missing)}",
                hint="Run `make setup` (npm ci and the build step in frontend/).",
                id="tiewise.E001",
            )
        ]
    return []


@register(Tags.security, deploy=True)
def data_dir_is_private(app_configs: Any, **kwargs: Any) -> list[Any]:
    """The data dir holds the database and the secret key."""
    mode = os.stat(settings.DATA_DIR).st_mode
    if mode & 0o002:
        return [
            Warning(
                f"{settings.DATA_DIR} is world-writable",
                hint="chmod o-w the data directory.",
                id="tiewise.W001",
            )
        ]
    return []


@register(Tags.security, deploy=True)
def uploads_are_limited(app_configs: Any, **kwargs: Any) -> list[Any]:
    if settings.TIEWISE_MAX_UPLOAD_BYTES > 100 * 1024 * 1024:
        return [
            Warning(
                "TIEWISE_MAX_UPLOAD_BYTES is above 100 MB",
                hint="Imports are contact lists; a smaller limit protects the server.",
                id="tiewise.W002",
            )
        ]
    return []
