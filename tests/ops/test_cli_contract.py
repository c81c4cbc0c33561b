"""The CLI contract of DESIGN.md section 4: every command exists and has --help."""

from __future__ import annotations

import secrets
import subprocess
import sys

import pytest

COMMANDS = [
    "serve", "migrate", "demo", "createuser", "token", "import", "export", "insights",
    "due", "report", "backup", "restore", "check",
]  # fmt: skip


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tiewise.cli", command, "--help"],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "usage: tiewise " + command in result.stdout


def test_an_unknown_command_fails_with_usage() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tiewise.cli", "frobnicate"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "invalid choice" in result.stderr


def test_check_deploy_passes_in_production_settings(tmp_path: object) -> None:
    import os

    env = {**os.environ, "SITE_URL": "https://tiewise.example", "ALLOWED_HOSTS": "tiewise.example",
           "TIEWISE_DATA_DIR": str(tmp_path), "SECRET_KEY": secrets.token_urlsafe(50)}  # fmt: skip
    env.pop("DEBUG", None)
    # Production settings: the shared cache, not the tests' private one; and
    # the default one-server deployment (SQLite), whatever database the suite
    # runs on (PostgreSQL without Redis is a warning of its own, tested apart).
    env.pop("TIEWISE_CACHE", None)
    env.pop("DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "-m", "tiewise.cli", "check", "--deploy"], env=env,
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    insecure = subprocess.run(
        [sys.executable, "-m", "tiewise.cli", "check", "--deploy"],
        env={**env, "SITE_URL": "http://tiewise.example"}, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert insecure.returncode == 1
    assert "SESSION_COOKIE_SECURE" in insecure.stderr


def test_check_deploy_reports_a_cache_each_worker_keeps_to_itself(tmp_path: object) -> None:
    import os

    env = {**os.environ, "SITE_URL": "https://tiewise.example", "ALLOWED_HOSTS": "tiewise.example",
           "TIEWISE_DATA_DIR": str(tmp_path), "SECRET_KEY": secrets.token_urlsafe(50),
           "TIEWISE_CACHE": "locmem", "WEB_WORKERS": "4"}  # fmt: skip
    env.pop("DEBUG", None)
    result = subprocess.run(
        [sys.executable, "-m", "tiewise.cli", "check", "--deploy"], env=env,
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 1
    assert "tiewise.W003" in result.stderr and "4 web workers" in result.stderr
