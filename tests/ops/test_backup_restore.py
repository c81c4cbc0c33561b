"""`tiewise backup` / `tiewise restore` round-trip the whole database, on
SQLite and on PostgreSQL, through real processes."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any

import pytest


def tiewise(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tiewise.cli", *args],
        env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip


def state(env: dict[str, str]) -> bytes:
    """The demo user's whole PLN as our JSON export, with only the export's
    own timestamp blanked: everything else must match byte for byte."""
    result = subprocess.run(
        [sys.executable, "-m", "tiewise.cli", "export", "--user", "demo@tiewise.local",
         "--format", "json"],
        env=env, capture_output=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    import re

    return re.sub(rb'"exported_at": "[^"]*"', b'"exported_at": ""', result.stdout)


def _version(env: dict[str, str], agg: str) -> int:
    code = ("import django; django.setup(); from django.db.models import Max, Min; "
            "from tiewise.accounts.models import Profile; "
            f"print(Profile.objects.aggregate(v={agg}('pln_version'))['v'])")  # fmt: skip
    result = subprocess.run(
        [sys.executable, "-c", code], env={**env, "DJANGO_SETTINGS_MODULE": "tiewise.settings"},
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return int(result.stdout)


def max_version(env: dict[str, str]) -> int:
    return _version(env, "Max")


def min_version(env: dict[str, str]) -> int:
    return _version(env, "Min")


def round_trip(env: dict[str, str], tmp_path: Path) -> None:
    assert tiewise(env, "migrate", "--quiet").returncode == 0
    assert tiewise(env, "demo").returncode == 0
    before = state(env)
    backup = tmp_path / "tiewise.backup"
    result = tiewise(env, "backup", "-o", str(backup))
    assert result.returncode == 0, result.stderr
    assert backup.stat().st_size > 0
    # Lose the data, then bring it back.
    assert tiewise(env, "demo", "--reset", "--email", "other@tiewise.local").returncode == 0
    wipe = tiewise(env, "createuser", "extra@example.org")
    assert wipe.returncode == 0
    highest = max_version(env)
    result = tiewise(env, "restore", str(backup))
    assert result.returncode == 0, result.stderr
    assert state(env) == before
    # Caches outlive a restore: every PLN's version moved past all used before.
    assert min_version(env) > highest
    assert "no user" in tiewise(env, "token", "list", "extra@example.org").stderr


def base_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["TIEWISE_DATA_DIR"] = str(tmp_path / "data")
    return env


def test_sqlite_backup_and_restore_round_trip(tmp_path: Path) -> None:
    round_trip(base_env(tmp_path), tmp_path)


def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path: Path) -> None:
    env = base_env(tmp_path)
    junk = tmp_path / "junk.bin"
    junk.write_bytes(b"not a database at all")
    tiewise(env, "migrate", "--quiet")
    result = tiewise(env, "restore", str(junk))
    assert result.returncode == 1
    assert "not a Tiewise SQLite backup" in result.stderr


def _postgres_up() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 5432), timeout=2).close()
        return True
    except OSError:
        return False


@pytest.mark.skipif(not _postgres_up(), reason="PostgreSQL is not reachable at 127.0.0.1:5432")
def test_postgres_backup_and_restore_round_trip(tmp_path: Path) -> Any:
    import psycopg

    name = f"tiewise_backup_{uuid.uuid4().hex[:8]}"
    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/test", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        env = base_env(tmp_path)
        env["DATABASE_URL"] = f"postgresql://postgres@127.0.0.1:5432/{name}"
        round_trip(env, tmp_path)
    finally:
        with psycopg.connect("postgresql://postgres@127.0.0.1:5432/test", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
