"""Tiewise's own system checks, run by `tiewise check [--deploy]`."""

from __future__ import annotations

import os
from pathlib import Path
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
    """The data dir holds the database, its WAL, the secret key, the job
    queue and often backups: nobody but Tiewise's own account may read them."""
    root = Path(settings.DATA_DIR)
    found: list[Any] = []
    if root.stat().st_mode & 0o077:
        found.append(
            Warning(
                f"{root} can be opened by other local users",
                hint=f"chmod 700 {root}",
                id="tiewise.W001",
            )
        )
    for path in sorted(root.iterdir()):
        if path.is_file() and path.stat().st_mode & 0o077:
            found.append(
                Warning(
                    f"{path} can be read by other local users",
                    hint=f"chmod 600 {path} (a copied database or backup holds every PLN "
                    "and the sessions that sign people in)",
                    id="tiewise.W004",
                )
            )
    return found


@register(Tags.caches, deploy=True)
def cache_is_shared(app_configs: Any, **kwargs: Any) -> list[Any]:
    """Throttles, sessions and cached pages must agree across processes."""
    backend = str(settings.CACHES["default"]["BACKEND"])
    workers = int(os.environ.get("WEB_WORKERS") or 2)
    if backend.endswith("LocMemCache") and workers > 1:
        return [
            Warning(
                f"Each of the {workers} web workers keeps its own cache: login throttles "
                "count per worker and cached pages disagree",
                hint="Leave TIEWISE_CACHE unset (a cache in the data dir), or set REDIS_URL.",
                id="tiewise.W003",
            )
        ]
    engine = settings.DATABASES["default"]["ENGINE"]
    if engine.endswith("postgresql") and not settings.REDIS_URL:
        return [
            Warning(
                "PostgreSQL without REDIS_URL: the cache and the job queue live on this "
                "machine only",
                hint="Fine for one app server. For several behind a load balancer, set "
                "REDIS_URL on every one and run `tiewise worker`.",
                id="tiewise.W005",
            )
        ]
    return []


@register(Tags.caches)
def redis_is_reachable(app_configs: Any, **kwargs: Any) -> list[Any]:
    if not settings.REDIS_URL:
        return []
    try:
        import redis

        redis.Redis.from_url(settings.REDIS_URL, socket_timeout=2).ping()
    except Exception as exc:  # noqa: BLE001 - any failure is the same finding
        return [
            Error(
                f"REDIS_URL is set but Redis does not answer: {exc}",
                hint="Start Redis, or unset REDIS_URL to run on this machine alone.",
                id="tiewise.E002",
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
