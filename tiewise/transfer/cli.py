"""`tiewise import` and `tiewise export`. Django is set up by the time a
command runs, so models are imported inside the functions."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tiewise.core.exporters import FORMATS as EXPORT_FORMATS
from tiewise.core.importers import FORMATS as IMPORT_FORMATS

#: Formats that are text, so they may go to stdout.
TEXT_FORMATS = {"json", "graphml", "gexf", "vcard"}


def cmd_import(args: argparse.Namespace) -> int:
    from django.core.exceptions import ValidationError

    from tiewise.cli import CliError, _user, progress_bar
    from tiewise.core.importers import ImportFailed

    from . import selectors, services

    user = _user(args.user)
    path = Path(args.file)
    if not path.is_file():
        raise CliError(f"no such file: {args.file}")
    bar, _update = progress_bar(f"Reading {path.name}")
    try:
        services.check_upload_size(filename=path.name, size=path.stat().st_size)
        with bar:
            batch = services.import_stage(
                owner=user, data=path.read_bytes(), filename=path.name, format=args.format
            )
    except ImportFailed as exc:
        raise CliError(str(exc)) from None
    report = selectors.batch_report(batch, preview=0)
    print(
        f"Staged import {batch.pk}: {report['count']} records from {batch.filename} "
        f"({batch.format}), {report['duplicates']} already known or repeated, "
        f"{report['alter_ties']} links between them."
    )
    for warning in report["warnings"][:20]:
        print(f"  note: {warning}")
    if not args.commit:
        print(f"Review it at /import/{batch.pk}/ or run again with --commit.")
        return 0
    bar, _update = progress_bar("Adding to your network")
    try:
        with bar:
            outcome = services.import_commit(batch=batch, default="suggested")
    except ValidationError as exc:
        raise CliError("nothing was added: " + " ".join(exc.messages)) from None
    print(
        f"Committed: {outcome['created']} added, {outcome['merged']} merged, "
        f"{outcome['unchanged']} unchanged, {outcome['alter_ties']} links."
    )
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from tiewise.cli import CliError, _user, progress_bar

    from . import services

    user = _user(args.user)
    bar, _update = progress_bar(f"Exporting {args.format}")
    with bar:
        body, _media_type, _filename = services.export_pln(owner=user, format=args.format)
    if args.output and args.output != "-":
        Path(args.output).write_bytes(body)
        print(f"Wrote {len(body)} bytes to {args.output}", file=sys.stderr)
        return 0
    if args.format not in TEXT_FORMATS:
        raise CliError(f"{args.format} is a zip archive; give a file with -o")
    sys.stdout.buffer.write(body)
    sys.stdout.flush()
    return 0


def register(add: Callable[..., Any]) -> None:
    p = add("import", cmd_import, "Stage a file in the import inbox (--commit: add it too).")
    p.add_argument("--user", required=True, metavar="EMAIL")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--format", choices=list(IMPORT_FORMATS), help="default: detect it")
    p.add_argument(
        "--commit",
        action="store_true",
        help="accept every undecided record with its suggested strength (else weak) and add it",
    )
    p = add("export", cmd_export, "Export a PLN (stdout for text formats unless -o).")
    p.add_argument("--user", required=True, metavar="EMAIL")
    p.add_argument("--format", required=True, choices=list(EXPORT_FORMATS))
    p.add_argument("-o", "--output", metavar="FILE")
