"""`tiewise worker`: run background jobs and the periodic work."""

from __future__ import annotations

import threading
from typing import Any

from tiewise.commands import TiewiseCommand, env_number


class Command(TiewiseCommand):
    help = "Run background jobs (imports, PDFs, emails) and the periodic work."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--threads", type=int, default=None,
            help="jobs run at once (default: $WORKER_THREADS or 2)",
        )  # fmt: skip

    def handle(self, *args: Any, **options: Any) -> None:
        from huey.consumer import Consumer
        from huey.contrib.djhuey import HUEY

        import tiewise.jobs.tasks  # noqa: F401 - registers the tasks with the queue
        from tiewise.jobs.services import STALE_AFTER, jobs_requeue_stale

        threads = options["threads"] or env_number("WORKER_THREADS", 2, low=1, high=64)
        # Anything a previous worker left half done goes back in the queue:
        # now, and once more when a job it was running has surely gone quiet.
        jobs_requeue_stale()
        later = threading.Timer(STALE_AFTER.total_seconds() + 1, jobs_requeue_stale)
        later.daemon = True
        later.start()
        self.stdout.write(f"Tiewise worker running {threads} job thread(s)")
        self.stdout.flush()
        consumer = Consumer(
            HUEY, workers=threads, worker_type="thread", periodic=True,
            # An idle worker looks for new jobs at least once a second.
            initial_delay=0.1, backoff=1.15, max_delay=1.0,
        )  # fmt: skip
        consumer.run()
