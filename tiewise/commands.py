"""What every `tiewise` command shares: the base class, the user lookup, the
progress bar and the one-line error convention.

Each Tiewise command is a Django management command in the app that owns it,
and `tiewise` (`tiewise.cli:main`) finds it by itself. To add one, write a
single file, `tiewise/<app>/management/commands/<name>.py`::

    from typing import Any

    from tiewise.commands import TiewiseCommand, user_by_email


    class Command(TiewiseCommand):
        help = "One line for `tiewise --help`."

        def add_arguments(self, parser: Any) -> None:
            parser.add_argument("--user", required=True, metavar="EMAIL")

        def handle(self, *args: Any, **options: Any) -> None:
            from tiewise.<app> import services  # models only inside handle()

            user = user_by_email(options["user"])
            self.stdout.write(services.<entity>_<action>(user=user))

and it is `tiewise <name>` (and `call_command("<name>")`); the first command
of an app also needs the empty `management/__init__.py` and
`management/commands/__init__.py`, and the app must be in INSTALLED_APPS
(tests/ops/test_cli_discovery.py checks both lists agree). The rules:

- Keep the module importable before Django is set up: import models,
  services and selectors inside `handle()`. `tiewise --help` and
  `tiewise <name> --help` read every command without loading the settings,
  so they work even when the environment is broken.
- Read defaults from the environment in `handle()` with `env_number()`,
  never while building the parser: a bad value is then a one-line error
  when the command runs, and `--help` still works.
- Stay thin: parse the arguments, call the service or selector that the
  page and the API call, print the outcome with `self.stdout.write()`.
- A problem the user can fix is `raise CommandError("message")`: it prints
  `tiewise <name>: error: message`, one line on stderr, and exits 1.
- Name the file `tiewise_<name>.py` when `<name>` is one of Django's own
  commands (`migrate`, `check`): the Tiewise command is still `<name>`, and
  Django's stays untouched for Django and the test runner.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Callable
from typing import Any

from django.core.management.base import BaseCommand, CommandError

__all__ = [
    "CommandError",
    "Exit",
    "TiewiseCommand",
    "env_number",
    "error_line",
    "number_argument",
    "progress_bar",
    "user_by_email",
    "whole_number",
]


class TiewiseCommand(BaseCommand):
    """A management command with Tiewise's conventions: it is `tiewise <name>`
    in usage lines and help, it takes only its own options (not Django's
    `--settings`, `-v`, `--traceback` …), prints plain text, and runs no system
    checks first (`tiewise check` does that)."""

    requires_system_checks: list[str] = []
    # call_command() may still pass Django's usual knobs.
    stealth_options = ("verbosity", "no_color", "force_color", "skip_checks", "traceback")

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> Any:
        parser = super().create_parser("tiewise", subcommand, **kwargs)
        parser.set_defaults(verbosity=1, no_color=True, force_color=False, traceback=False)
        return parser

    def add_base_argument(self, parser: Any, *args: Any, **kwargs: Any) -> None:
        """Leave out Django's base options: they do nothing for Tiewise."""


class Exit(Exception):
    """Leave with `code` once the command has said why on stderr itself (as
    `tiewise check` prints its report); no `error:` line is added."""

    def __init__(self, code: int = 1) -> None:
        super().__init__(code)
        self.code = code


def error_line(command: str, message: object) -> str:
    """The one line every failure prints on stderr.

    >>> error_line("report", "no user with email ghost@example.org")
    'tiewise report: error: no user with email ghost@example.org'
    >>> error_line("serve", "two\\nlines")
    'tiewise serve: error: two lines'
    """
    text = " ".join(str(message).split())
    return f"tiewise {command}: error: {text}"


def user_by_email(email: str) -> Any:
    """The account with this email (any case), or a one-line error."""
    from tiewise.accounts.selectors import user_by_email as lookup
    from tiewise.core.errors import NotFound

    try:
        return lookup(email)
    except NotFound as exc:
        raise CommandError(str(exc)) from None


def progress_bar(label: str) -> tuple[Any, Callable[[int, int], None]]:
    """A rich progress bar on a terminal; silent when output is piped, so
    scripts and logs stay clean. Returns (context manager, update(done, total))."""
    if not sys.stderr.isatty():
        return contextlib.nullcontext(), lambda done, total: None
    from rich.progress import Progress

    progress = Progress(transient=True)
    task = progress.add_task(label, total=None)

    def update(done: int, total: int) -> None:
        progress.update(task, completed=done, total=total)

    return progress, update


def whole_number(text: str, *, low: int = 1, high: int | None = None) -> int:
    """`text` as a whole number from `low` to `high`, or a ValueError that says
    what was expected.

    >>> whole_number("8000", high=65535)
    8000
    >>> whole_number("abc", high=65535)
    Traceback (most recent call last):
    ...
    ValueError: must be a whole number from 1 to 65535, not 'abc'
    >>> whole_number("-1")
    Traceback (most recent call last):
    ...
    ValueError: must be a whole number of at least 1, not '-1'
    """
    expected = f"from {low} to {high}" if high is not None else f"of at least {low}"
    try:
        number = int(text)
    except ValueError:
        number = None
    if number is None or number < low or (high is not None and number > high):
        raise ValueError(f"must be a whole number {expected}, not {text!r}")
    return number


def number_argument(*, low: int = 1, high: int | None = None) -> Callable[[str], int]:
    """An argparse `type=` for a whole number in a range, with the same wording
    as `env_number`."""

    def parse(text: str) -> int:
        try:
            return whole_number(text, low=low, high=high)
        except ValueError as exc:
            raise argparse.ArgumentTypeError(str(exc)) from None

    return parse


def env_number(name: str, default: int, *, low: int = 1, high: int | None = None) -> int:
    """A whole number from the environment variable `name` (unset or empty:
    `default`). Read it in `handle()`, never while building the parser, so
    `--help` works whatever the environment holds."""
    value = os.environ.get(name, "")
    if value == "":
        return default
    try:
        return whole_number(value, low=low, high=high)
    except ValueError as exc:
        raise CommandError(f"{name} {exc}") from None
