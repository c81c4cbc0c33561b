"""Serving Tiewise with gunicorn, as `tiewise serve` does."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any


def collectstatic_if_needed() -> bool:
    """Collect (and compress) static files only when a source file changed:
    compressing the map library takes many seconds, a restart should not."""
    import fcntl
    import hashlib

    from django.conf import settings
    from django.contrib.staticfiles.finders import get_finders
    from django.core.management import call_command

    digest = hashlib.sha256()
    # The storage is part of the stamp: files collected without a manifest (a
    # test server) must not pass for a production collection, which needs it.
    digest.update(str(settings.STORAGES["staticfiles"]["BACKEND"]).encode())
    for finder in get_finders():
        for path, storage in finder.list([]):
            stat = os.stat(storage.path(path))
            digest.update(f"{path}:{stat.st_size}:{stat.st_mtime_ns}".encode())

    root = Path(settings.STATIC_ROOT)
    root.mkdir(parents=True, exist_ok=True)
    stamp = root / ".source-digest"
    # Several servers may start at once (parallel tests): one collects, the
    # others wait for it and then find the stamp current.
    with (root / ".lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if stamp.exists() and stamp.read_text() == digest.hexdigest():
            return False
        call_command("collectstatic", interactive=False, verbosity=0)
        stamp.write_text(digest.hexdigest())
    return True


def site_url_default(*, host: str, port: int) -> str:
    """Without SITE_URL, links in emails and calendar events point where
    this server listens (`make run PORT=8101` works as it is): for the web
    workers (settings already loaded) and the job worker (the environment)."""
    from django.conf import settings

    if os.environ.get("SITE_URL"):
        return str(settings.SITE_URL)
    shown = "127.0.0.1" if host in ("", "0.0.0.0", "::") else host  # noqa: S104 - a link, not a bind
    url = f"http://{shown}:{port}"
    os.environ["SITE_URL"] = url
    settings.SITE_URL = url
    return url


def prepare() -> None:
    """What a server needs before it answers: every migration applied, the
    static files collected and an earlier release's cache files gone."""
    from django.core.management import call_command

    from tiewise.cache import tidy

    call_command("migrate", interactive=False, verbosity=0)
    collectstatic_if_needed()
    tidy()


def run_gunicorn(*, host: str, port: int, workers: int, threads: int, access_log: bool) -> None:
    """Serve the WSGI application until gunicorn is told to stop."""
    from gunicorn.app.base import BaseApplication

    from tiewise.wsgi import application

    class Server(BaseApplication):  # type: ignore[misc]
        def load_config(self) -> None:
            self.cfg.set("bind", f"{host}:{port}")
            self.cfg.set("workers", workers)
            self.cfg.set("threads", threads)
            self.cfg.set("worker_class", "gthread")
            self.cfg.set("accesslog", "-" if access_log else None)
            # Secrets in URLs (feed tokens, invitation and reset links) never reach the log.
            self.cfg.set("logger_class", "tiewise.ops.logsafe.RedactingLogger")
            self.cfg.set("timeout", 60)
            self.cfg.set("graceful_timeout", 10)

        def load(self) -> Any:
            return application

    Server().run()


def start_embedded_worker() -> subprocess.Popen[bytes] | None:
    """In the embedded mode (no REDIS_URL) the server runs its own job
    worker, so `make run` needs nothing else. It dies with the server."""
    from django.conf import settings

    if settings.REDIS_URL or settings.JOBS_IMMEDIATE:
        return None
    return subprocess.Popen(
        [sys.executable, "-m", "tiewise.cli", "worker"], preexec_fn=_die_with_parent
    )


def _die_with_parent() -> None:
    """Linux: the worker gets SIGTERM when the server process goes away,
    even if the server itself was killed."""
    try:
        import ctypes

        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass  # not Linux: stop_worker still ends it on a normal exit


def stop_worker(worker: subprocess.Popen[bytes] | None) -> None:
    if worker is None or worker.poll() is not None:
        return
    worker.terminate()
    try:
        worker.wait(timeout=10)
    except subprocess.TimeoutExpired:
        worker.kill()
