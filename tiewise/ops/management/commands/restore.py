"""`tiewise restore FILE`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tiewise.commands import CommandError, TiewiseCommand


class Command(TiewiseCommand):
    help = "Replace the whole database with a backup file."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file", metavar="FILE")

    def handle(self, *args: Any, **options: Any) -> None:
        from tiewise.backup import BackupError, restore

        try:
            restore(Path(options["file"]))
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"Restored the database from {options['file']}")
