"""`tiewise worker`: run background jobs and the periodic work."""

from __future__ import annotations

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
        from tiewise.jobs.services import jobs_requeue_stale

        threads = options["threads"] or env_number("WORKER_THREADS", 2, low=1, high=64)
        # Anything a previous worker left half done goes back in the queue.
        jobs_requeue_stale()
        self.stdout.write(f"Tiewise worker running {threads} job thread(s)")
        self.stdout.flush()
        consumer = Consumer(HUEY, workers=threads, worker_type="thread", periodic=True)
        consumer.run()
