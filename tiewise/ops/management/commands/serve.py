"""`tiewise serve [--port N] [--host H] [--workers N] [--threads N] [--access-log]`."""

from __future__ import annotations

import os
from typing import Any

from tiewise.commands import TiewiseCommand, env_number, number_argument


class Command(TiewiseCommand):
    help = "Apply pending migrations, then serve with gunicorn."

    def add_arguments(self, parser: Any) -> None:
        # Defaults come from the environment in handle(), so that `--help`
        # works even when PORT or WEB_WORKERS holds nonsense.
        parser.add_argument(
            "--port", type=number_argument(high=65535), help="default: $PORT or 8000"
        )
        parser.add_argument("--host", help="default: $HOST or 127.0.0.1")
        parser.add_argument("--workers", type=number_argument(), help="default: $WEB_WORKERS or 2")
        parser.add_argument("--threads", type=number_argument(), help="default: $WEB_THREADS or 4")
        parser.add_argument("--access-log", action="store_true", help="log each request")
        parser.add_argument(
            "--no-worker", action="store_true",
            help="do not start the job worker beside the web workers (default: start one "
            "unless REDIS_URL is set; then run `tiewise worker` yourself)",
        )  # fmt: skip

    def handle(self, *args: Any, **options: Any) -> None:
        from tiewise.ops import serving

        port, workers, threads = options["port"], options["workers"], options["threads"]
        port = env_number("PORT", 8000, high=65535) if port is None else port
        workers = env_number("WEB_WORKERS", 2) if workers is None else workers
        threads = env_number("WEB_THREADS", 4) if threads is None else threads
        host = os.environ.get("HOST", "127.0.0.1") if options["host"] is None else options["host"]
        serving.site_url_default(host=host, port=port)
        serving.prepare()
        worker = None if options["no_worker"] else serving.start_embedded_worker()
        self.stdout.write(f"Tiewise is serving at http://{host}:{port}/")
        if worker is not None:
            self.stdout.write(f"Background jobs run in worker process {worker.pid}")
        self.stdout.flush()
        try:
            serving.run_gunicorn(
                host=host, port=port, workers=workers, threads=threads,
                access_log=options["access_log"],
            )  # fmt: skip
        finally:
            serving.stop_worker(worker)
