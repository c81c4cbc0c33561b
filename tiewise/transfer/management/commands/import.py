"""`tiewise import --user EMAIL FILE [--format F] [--me NAME | --all-authors] [--commit]`."""

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
            "--me",
            action="append",
            default=[],
            metavar="NAME",
            help='publications: you, as the papers spell you ("Ana Ruiz", "Ruiz AM"); repeatable',
        )
        parser.add_argument(
            "--all-authors",
            action="store_true",
            help="publications: take every paper and every author, not only papers you wrote",
        )
        parser.add_argument(
            "--commit",
            action="store_true",
            help="accept every undecided record with its suggested strength (else weak) and add it",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        from django.core.exceptions import ValidationError

        from tiewise.core.importers import ImportFailed
        from tiewise.transfer import selectors, services

        user = user_by_email(options["user"])
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"no such file: {options['file']}")
        bar, _update = progress_bar(f"Reading {path.name}")
        try:
            services.check_upload_size(filename=path.name, size=path.stat().st_size)
            with bar:
                batch = services.import_stage(
                    owner=user,
                    data=path.read_bytes(),
                    filename=path.name,
                    format=options["format"],
                    me=options["me"],
                    all_authors=options["all_authors"],
                )
        except ImportFailed as exc:
            raise CommandError(str(exc)) from None
        if batch.authors:
            self._not_found(batch, commit=options["commit"])
            return
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
            f"Committed: {outcome['created']} added, {outcome['merged']} merged"
            + (f" ({outcome['updated']} with newer details)" if outcome.get("updated") else "")
            + f", {outcome['unchanged']} unchanged, {outcome['alter_ties']} links."
        )
        self._sections(outcome)

    def _not_found(self, batch: Any, *, commit: bool) -> None:
        """A publication file without the owner among its authors."""
        from tiewise.transfer import services

        frequent = ", ".join(f"{a['name']} ({a['papers']})" for a in batch.authors[:5])
        if commit:
            services.import_discard(batch=batch)
            raise CommandError(
                f"{batch.filename}: you were not found among the authors, so nothing was "
                f"added; name yourself with --me NAME or take everyone with --all-authors "
                f"(most frequent: {frequent})"
            )
        self.stdout.write(
            f"Staged import {batch.pk}: you were not found among the authors of "
            f"{batch.filename}. Most frequent: {frequent}."
        )
        self.stdout.write(
            f"Say which one you are at /import/{batch.pk}/, or run again with --me NAME "
            "or --all-authors."
        )

    def _sections(self, outcome: dict[str, int]) -> None:
        from tiewise.transfer.sections import SECTIONS

        for section in SECTIONS:
            if section.restore is not None and section.name in outcome:
                self.stdout.write(f"  restored {section.label.lower()}: {outcome[section.name]}")
            elif f"{section.name}_not_restored" in outcome:
                self.stdout.write(
                    f"  {section.label.lower()}: for your information only, not recreated"
                )
