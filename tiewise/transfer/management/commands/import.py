"""`tiewise import --user EMAIL FILE [--format F] [--commit]`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tiewise.commands import CommandError, TiewiseCommand, progress_bar, user_by_email
from tiewise.core.importers import FORMATS


class Command(TiewiseCommand):
    help = "Stage a file in the import inbox (--commit: add it too)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--user", required=True, metavar="EMAIL")
        parser.add_argument("file", metavar="FILE")
        parser.add_argument("--format", choices=list(FORMATS), help="default: detect it")
        parser.add_argument(
            "--commit",
            action="store_true",
            help="accept every undecided record with its suggested strength (else weak) and add it",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        from django.core.exceptions import ValidationError

        from tiewise.core.importers import ImportFailed
        from tiewise.transfer import selectors, services
        from tiewise.transfer.sections import SECTIONS

        user = user_by_email(options["user"])
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"no such file: {options['file']}")
        bar, _update = progress_bar(f"Reading {path.name}")
        try:
            services.check_upload_size(filename=path.name, size=path.stat().st_size)
            with bar:
                batch = services.import_stage(
                    owner=user, data=path.read_bytes(), filename=path.name, format=options["format"]
                )
        except ImportFailed as exc:
            raise CommandError(str(exc)) from None
        report = selectors.batch_report(batch, preview=0)
        self.stdout.write(
            f"Staged import {batch.pk}: {report['count']} records from {batch.filename} "
            f"({batch.format}), {report['duplicates']} already known or repeated, "
            f"{report['alter_ties']} links between them."
        )
        for warning in report["warnings"][:20]:
            self.stdout.write(f"  note: {warning}")
        if not options["commit"]:
            self.stdout.write(f"Review it at /import/{batch.pk}/ or run again with --commit.")
            return
        bar, _update = progress_bar("Adding to your network")
        try:
            with bar:
                outcome = services.import_commit(batch=batch, default="suggested")
        except ValidationError as exc:
            raise CommandError("nothing was added: " + " ".join(exc.messages)) from None
        self.stdout.write(
            f"Committed: {outcome['created']} added, {outcome['merged']} merged, "
            f"{outcome['unchanged']} unchanged, {outcome['alter_ties']} links."
        )
        for section in SECTIONS:
            if section.restore is not None and section.name in outcome:
                self.stdout.write(f"  restored {section.label.lower()}: {outcome[section.name]}")
            elif f"{section.name}_not_restored" in outcome:
                self.stdout.write(
                    f"  {section.label.lower()}: for your information only, not recreated"
                )
