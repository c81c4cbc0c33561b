"""`tiewise backup -o FILE`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tiewise.commands import CommandError, TiewiseCommand, progress_bar


class Command(TiewiseCommand):
    help = "Copy the whole database to a file (consistent while serving)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("-o", "--output", required=True, metavar="FILE")

    def handle(self, *args: Any, **options: Any) -> None:
        from tiewise.backup import BackupError, backup

        bar, update = progress_bar("Backing up")
        try:
            with bar:
                backup(Path(options["output"]), progress=update)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"Backup written to {options['output']}")
