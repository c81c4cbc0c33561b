"""`tiewise check [--deploy]`: Django's system checks, with warnings fatal in
production. The file is not `check.py` so that Django's own command stays
Django's."""

from __future__ import annotations

from typing import Any

from tiewise.commands import Exit, TiewiseCommand


class Command(TiewiseCommand):
    help = "Run Django's system checks and Tiewise's own."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--deploy", action="store_true", help="include the production checks")

    def handle(self, *args: Any, **options: Any) -> None:
        from django.core.management import call_command
        from django.core.management.base import SystemCheckError

        deploy = options["deploy"]
        try:
            call_command("check", deploy=deploy, fail_level="WARNING" if deploy else "ERROR")
        except SystemCheckError as exc:
            self.stderr.write(str(exc))  # the whole report, not one line
            raise Exit(1) from None
