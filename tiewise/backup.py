"""Whole-database backup and restore.

SQLite uses the online backup API (a consistent copy while the server runs);
PostgreSQL uses pg_dump / pg_restore in the custom format."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.db import connection

Progress = Callable[[int, int], None]


class BackupError(Exception):
    pass


def _db() -> dict[str, Any]:
    return dict(connection.settings_dict)


def _private(target: Path) -> None:
    """A backup holds every user's PLN and their sessions: owner-only (0600)
    whatever the umask, created so from the first byte."""
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.close(fd)
    os.chmod(target, 0o600)


def backup(target: Path, *, progress: Progress | None = None) -> None:
    db = _db()
    _private(target)
    if db["ENGINE"].endswith("sqlite3"):
        connection.close()
        src = sqlite3.connect(str(db["NAME"]))
        dst = sqlite3.connect(str(target))
        try:
            src.backup(
                dst, pages=256, progress=(lambda s, r, t: progress(t - r, t)) if progress else None
            )
        finally:
            dst.close()
            src.close()
        return
    if db["ENGINE"].endswith("postgresql"):
        _run_pg("pg_dump", db, ["-Fc", "--no-owner", "-f", str(target)])
        os.chmod(target, 0o600)
        return
    raise BackupError(f"backups are not supported for {db['ENGINE']}")


def restore(source: Path) -> None:
    """Replace the whole database with the backup in `source`, bring it up
    to this release's tables, then move every PLN's version past anything a
    cache may hold from before."""
    _restore(source)
    from django.core.management import call_command

    from tiewise.accounts.services import versions_past_restore

    # An older backup lacks newer columns (the versions among them): bring
    # it up to this release first, as `serve` would on its next start.
    call_command("migrate", interactive=False, verbosity=0)
    versions_past_restore()


def _restore(source: Path) -> None:
    if not source.exists():
        raise BackupError(f"{source}: no such file")
    db = _db()
    if db["ENGINE"].endswith("sqlite3"):
        with source.open("rb") as fh:
            if fh.read(16) != b"SQLite format 3\x00":
                raise BackupError(f"{source}: not a Tiewise SQLite backup")
        connection.close()
        src = sqlite3.connect(str(source))
        dst = sqlite3.connect(str(db["NAME"]))
        try:
            src.backup(dst)
        finally:
            dst.close()
            src.close()
        return
    if db["ENGINE"].endswith("postgresql"):
        connection.close()
        _run_pg(
            "pg_restore",
            db,
            ["--clean", "--if-exists", "--no-owner", "-d", db["NAME"], str(source)],
        )
        return
    raise BackupError(f"restore is not supported for {db['ENGINE']}")


def _run_pg(tool: str, db: dict[str, Any], args: list[str]) -> None:
    exe = shutil.which(tool)
    if exe is None:
        raise BackupError(f"{tool} is not installed")
    cmd = [exe, "-h", str(db.get("HOST") or "127.0.0.1"), "-p", str(db.get("PORT") or 5432)]
    if db.get("USER"):
        cmd += ["-U", str(db["USER"])]
    if tool == "pg_dump":
        cmd += [*args, str(db["NAME"])]
    else:
        cmd += args
    env = {"PGPASSWORD": str(db.get("PASSWORD") or "")}
    import os

    result = subprocess.run(cmd, env={**os.environ, **env}, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{tool} failed: {result.stderr.strip().splitlines()[-1:]}")
