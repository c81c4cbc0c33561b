"""The `tiewise` command (`.venv/bin/tiewise`, or `python -m tiewise.cli`).

It runs the Tiewise management commands: every
`tiewise/<app>/management/commands/<name>.py`, found on disk, so a new command
is one new file in the app that owns it (`tiewise.commands` says how to write
one). `tiewise --help` and `tiewise <name> --help` never load the settings;
Django is set up only to run a command. Every failure is one line on stderr,
`tiewise <name>: error: …`, exit code 1 (a traceback only with
`TIEWISE_DEBUG` set); Ctrl-C exits 130.
"""

from __future__ import annotations

import argparse
import os
import pkgutil
import sys
from collections.abc import Sequence
from importlib import import_module
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management import find_commands

import tiewise
from tiewise.commands import CommandError, Exit, error_line
from tiewise.core.errors import NotFound

#: A command module named `tiewise_<name>` is the Tiewise command `<name>`;
#: used where `<name>` is Django's own (`migrate`, `check`).
PREFIX = "tiewise_"


def tiewise_commands() -> dict[str, str]:
    """Every Tiewise command, by name, with the module that holds it."""
    found: dict[str, str] = {}
    for root in tiewise.__path__:
        for app in sorted(m.name for m in pkgutil.iter_modules([root]) if m.ispkg):
            for module in find_commands(str(Path(root) / app / "management")):
                name = module.removeprefix(PREFIX)
                dotted = f"tiewise.{app}.management.commands.{module}"
                if name in found:
                    raise RuntimeError(
                        f"two commands are `tiewise {name}`: {found[name]}, {dotted}"
                    )
                found[name] = dotted
    return dict(sorted(found.items()))


def load_command(dotted: str) -> Any:
    return import_module(dotted).Command()


def build_parser(commands: dict[str, str]) -> argparse.ArgumentParser:
    """The top level: one entry per command with the first line of its help.
    Each command parses its own arguments."""
    parser = argparse.ArgumentParser(
        prog="tiewise",
        description="Tiewise: your personal learning network.",
        epilog="Run `tiewise COMMAND --help` for the options of one command.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name, dotted in commands.items():
        summary = (import_module(dotted).Command.help or "").strip().splitlines()
        sub.add_parser(name, help=summary[0] if summary else None, add_help=False)
    return parser


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tiewise.settings")
    import django

    django.setup()


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    commands = tiewise_commands()
    build_parser(commands).parse_args(argv[:1])  # --help, or a known command
    name = argv[0]
    command = load_command(commands[name])
    command._called_from_command_line = True  # argument errors: usage, exit 2
    options = vars(command.create_parser("tiewise", name).parse_args(argv[1:]))
    args = options.pop("args", ())
    try:
        _setup_django()
        command.execute(*args, **options)
    except Exit as exc:
        return exc.code
    except CommandError as exc:
        print(error_line(name, exc), file=sys.stderr)
        return 1
    except NotFound as exc:  # a service's "no such …": the message says what
        print(error_line(name, exc), file=sys.stderr)
        return 1
    except ValidationError as exc:  # a service's field errors, as one line
        print(error_line(name, "; ".join(exc.messages)), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # noqa: BLE001 - one clear line, not a traceback
        if os.environ.get("TIEWISE_DEBUG"):
            raise
        print(error_line(name, f"{type(exc).__name__}: {exc}"), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
