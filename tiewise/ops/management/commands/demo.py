"""`tiewise demo [--email E] [--password P] [--reset]`."""

from __future__ import annotations

from typing import Any

from tiewise.commands import TiewiseCommand


class Command(TiewiseCommand):
    help = "Create the demo user with a believable PLN."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--email", default="demo@tiewise.local")
        parser.add_argument("--password", default=None, help="default: 'tiewise-demo'")
        parser.add_argument("--reset", action="store_true", help="delete and rebuild the demo user")
        parser.add_argument(
            "--large",
            action="store_true",
            help="rebuild the demo user with about 1,500 LinkedIn connections, 60 papers with "
            "about 400 co-authors and 300 X follows, imported through the real import path",
        )
        parser.add_argument(
            "--scale", type=float, default=1.0, help="with --large: shrink every file (e.g. 0.05)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        from tiewise.demo import load_demo

        email = options["email"]
        if options["large"]:
            self._large(email, options["password"], options["scale"])
            return
        created, password = load_demo(
            email=email, password=options["password"], reset=options["reset"]
        )
        if created:
            self.stdout.write(f"Demo PLN loaded. Log in as {email} with password {password}")
        else:
            self.stdout.write(f"Demo user {email} already exists (use --reset to rebuild it).")

    def _large(self, email: str, password: str | None, scale: float) -> None:
        import time

        from tiewise.demo_large import load_large_demo

        if not 0 < scale <= 1:
            self.stderr.write("--scale must be more than 0 and at most 1.")
            raise SystemExit(2)
        started = time.perf_counter()
        built = load_large_demo(email=email, password=password, scale=scale)
        took = time.perf_counter() - started
        self.stdout.write(
            f"Large demo PLN built in {took:.0f} s through the import path:\n"
            f"  LinkedIn Connections.csv: {built.linkedin} connections\n"
            f"  PubMed MEDLINE: {built.papers} papers, {built.coauthors} co-authors\n"
            f"  X following.js: {built.follows} follows\n"
            f"  plus the hand-curated core of the normal demo\n"
            f"  = {built.nodes} people and groups, {built.alter_ties} who-knows-whom links, "
            f"{built.duplicates} possible duplicate pairs\n"
            f"Log in as {built.email} with password {built.password}"
        )
