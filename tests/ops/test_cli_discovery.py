"""`tiewise` finds its commands on disk: every management command in a
Tiewise app, listed with its one-line help, readable without the settings."""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command, get_commands

import tiewise
from tiewise.cli import main, tiewise_commands

from .test_cli_contract import COMMANDS

TIEWISE = Path(sys.executable).parent / "tiewise"


def broken_env(tmp_path: Path) -> dict[str, str]:
    """An environment the settings would refuse, with a data dir that loading
    them would create."""
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env.update({"PORT": "abc", "WEB_WORKERS": "x", "WEB_THREADS": "-1", "DEBUG": "maybe",
                "TIEWISE_DATA_DIR": str(tmp_path / "never")})  # fmt: skip
    return env


def test_every_contract_command_is_found() -> None:
    assert set(COMMANDS) | {"remind"} <= set(tiewise_commands())


def test_the_commands_are_the_ones_django_sees_in_tiewise_apps() -> None:
    from_django = {
        name.removeprefix("tiewise_"): f"{app}.management.commands.{name}"
        for name, app in get_commands().items()
        if app.startswith("tiewise.")
    }
    assert from_django == tiewise_commands()


def test_djangos_own_migrate_and_check_stay_djangos() -> None:
    assert get_commands()["migrate"] == "django.core"
    assert get_commands()["check"] == "django.core"


def test_the_console_script_lists_the_tiewise_commands_with_their_help(tmp_path: Path) -> None:
    result = subprocess.run(
        [str(TIEWISE), "--help"], env=broken_env(tmp_path), capture_output=True, text=True,
        timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    lines = [" ".join(line.split()) for line in result.stdout.splitlines()]
    text = " ".join(lines)
    for name, dotted in tiewise_commands().items():
        summary = importlib.import_module(dotted).Command.help.splitlines()[0]
        assert f"{name} {summary}" in text
    assert "runserver" not in text and "makemigrations" not in text
    assert not (tmp_path / "never").exists()  # the settings were never loaded


@pytest.mark.parametrize("command", sorted(tiewise_commands()))
def test_help_needs_no_settings(command: str, tmp_path: Path) -> None:
    result = subprocess.run(
        [str(TIEWISE), command, "--help"], env=broken_env(tmp_path), capture_output=True,
        text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("usage: tiewise " + command)
    assert "--settings" not in result.stdout and "--traceback" not in result.stdout
    assert not (tmp_path / "never").exists()


@pytest.fixture
def extra_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    """An app that exists only for this test, with one command file."""
    commands = tmp_path / "example_app" / "management" / "commands"
    commands.mkdir(parents=True)
    for package in (tmp_path / "example_app", commands.parent, commands):
        (package / "__init__.py").write_text("")
    (commands / "hello.py").write_text(
        "from tiewise.commands import TiewiseCommand\n\n\n"
        "class Command(TiewiseCommand):\n"
        '    help = "Say hello.\\n\\nA longer description."\n\n'
        "    def add_arguments(self, parser):\n"
        '        parser.add_argument("--name", default="world")\n\n'
        "    def handle(self, *args, **options):\n"
        "        self.stdout.write(f\"hello {options['name']}\")\n"
    )
    monkeypatch.setattr(tiewise, "__path__", [*tiewise.__path__, str(tmp_path)])
    importlib.invalidate_caches()
    yield
    for name in [m for m in sys.modules if m.startswith("tiewise.example_app")]:
        del sys.modules[name]


def test_a_new_command_is_one_file_in_its_app(extra_app: Any, capsys: Any) -> None:
    assert "hello" in tiewise_commands()
    with pytest.raises(SystemExit) as stopped:
        main(["--help"])
    assert stopped.value.code == 0
    out = capsys.readouterr().out
    assert "Say hello." in out and "A longer description" not in out
    assert main(["hello", "--name", "Ana"]) == 0
    assert capsys.readouterr().out == "hello Ana\n"


@pytest.mark.django_db
def test_a_tiewise_command_is_also_a_django_management_command(owner: Any) -> None:
    out = StringIO()
    call_command("due", user=owner.email, stdout=out)
    assert out.getvalue() == "Nobody is due and no action is overdue.\n"
