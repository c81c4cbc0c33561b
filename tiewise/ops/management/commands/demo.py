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

    def handle(self, *args: Any, **options: Any) -> None:
        from tiewise.demo import load_demo

        email = options["email"]
        created, password = load_demo(
            email=email, password=options["password"], reset=options["reset"]
        )
        if created:
            self.stdout.write(f"Demo PLN loaded. Log in as {email} with password {password}")
        else:
            self.stdout.write(f"Demo user {email} already exists (use --reset to rebuild it).")
