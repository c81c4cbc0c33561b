"""`tiewise report`: the worksheet PDF from the command line. Imports Django
lazily: the parser is built before Django is set up."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any


def cmd_report(args: argparse.Namespace) -> int:
    from tiewise.cli import CliError, _user

    from .worksheet import worksheet_pdf

    user = _user(args.user)
    pdf = worksheet_pdf(user, args.size)
    try:
        Path(args.output).write_bytes(pdf)
    except OSError as exc:
        raise CliError(f"cannot write {args.output}: {exc.strerror}") from None
    print(f"Wrote the worksheet of {user.email} to {args.output} ({len(pdf):,} bytes)")
    return 0


def register(add: Callable[..., Any]) -> None:
    p = add("report", cmd_report, "Write the PLN worksheet (goals, map, plan) as a PDF.")
    p.add_argument("--user", required=True, metavar="EMAIL")
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="e.g. worksheet.pdf")
    p.add_argument("--size", choices=["a4", "letter"], default="a4", help="paper size")
