"""`tiewise export --user EMAIL --format F [-o FILE]`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from tiewise.commands import CommandError, TiewiseCommand, progress_bar, user_by_email
from tiewise.core.exporters import FORMATS

#: Formats that are text, so they may go to stdout.
TEXT_FORMATS = {"json", "graphml", "gexf", "vcard"}


class Command(TiewiseCommand):
    help = "Export a PLN (stdout for text formats unless -o)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--user", required=True, metavar="EMAIL")
        parser.add_argument("--format", required=True, choices=list(FORMATS))
        parser.add_argument("-o", "--output", metavar="FILE")

    def handle(self, *args: Any, **options: Any) -> None:
        from tiewise.transfer import services

        user = user_by_email(options["user"])
        format, output = options["format"], options["output"]
        bar, _update = progress_bar(f"Exporting {format}")
        with bar:
            body, _media_type, _filename = services.export_pln(owner=user, format=format)
        if output and output != "-":
            Path(output).write_bytes(body)
            self.stderr.write(f"Wrote {len(body)} bytes to {output}")
            return
        if format not in TEXT_FORMATS:
            raise CommandError(f"{format} is a zip archive; give a file with -o")
        sys.stdout.flush()
        sys.stdout.buffer.write(body)
        sys.stdout.flush()
