"""`tiewise migrate [--quiet]`: Django's `migrate` without questions. The file
is not `migrate.py` so that Django's own command stays Django's."""

from __future__ import annotations

from typing import Any

from tiewise.commands import TiewiseCommand


class Command(TiewiseCommand):
    help = "Create or update the database tables."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--quiet", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        from django.core.management import call_command

        call_command("migrate", interactive=False, verbosity=0 if options["quiet"] else 1)
