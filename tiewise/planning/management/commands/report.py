"""`tiewise report --user EMAIL -o worksheet.pdf`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tiewise.commands import CommandError, TiewiseCommand, user_by_email


class Command(TiewiseCommand):
    help = "Write the PLN worksheet (goals, map, plan) as a PDF."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--user", required=True, metavar="EMAIL")
        parser.add_argument(
            "-o", "--output", required=True, metavar="FILE", help="e.g. worksheet.pdf"
        )
        parser.add_argument("--size", choices=["a4", "letter"], default="a4", help="paper size")

    def handle(self, *args: Any, **options: Any) -> None:
        from tiewise.planning.worksheet import worksheet_pdf

        user = user_by_email(options["user"])
        output = options["output"]
        pdf = worksheet_pdf(user, options["size"])
        try:
            Path(output).write_bytes(pdf)
        except OSError as exc:
            raise CommandError(f"cannot write {output}: {exc.strerror}") from None
        self.stdout.write(f"Wrote the worksheet of {user.email} to {output} ({len(pdf):,} bytes)")
