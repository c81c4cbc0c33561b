"""Local files stay private: the data dir is 0700, and the database, its WAL
and shared-memory files, the secret key, the job queue and every backup are
0600 whatever the umask. `tiewise check --deploy` flags anything readable."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path


def _run(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "TIEWISE_CACHE")}
    env.pop("SECRET_KEY", None)  # the key file is made in the data dir, as in production
    env.update({"TIEWISE_DATA_DIR": str(data_dir), "SITE_URL": "https://tiewise.example",
                "ALLOWED_HOSTS": "tiewise.example"})  # fmt: skip
    return subprocess.run(
        [sys.executable, "-c", "import os, sys; os.umask(0o022); from tiewise.cli import main; "
         f"sys.exit(main({list(args)!r}))"],
        env=env, capture_output=True, text=True, timeout=180,
    )  # fmt: skip


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_every_file_tiewise_writes_is_private_even_with_a_lax_umask(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert _run(data, "migrate", "--quiet").returncode == 0
    result = _run(data, "createuser", "ana@example.org", "--password", "a long pass phrase 1")
    assert result.returncode == 0, result.stderr
    backup = tmp_path / "backup.sqlite3"
    assert _run(data, "backup", "-o", str(backup)).returncode == 0
    assert _mode(data) == 0o700
    files = [p for p in data.iterdir() if p.is_file()]
    names = {p.name for p in files}
    assert {"tiewise.sqlite3", "secret_key"} <= names
    for path in [*files, backup]:
        assert _mode(path) & 0o077 == 0, f"{path.name} is {oct(_mode(path))}"


def test_check_deploy_flags_a_database_others_can_read(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert _run(data, "migrate", "--quiet").returncode == 0
    (data / "tiewise.sqlite3").chmod(0o644)
    result = _run(data, "check", "--deploy")
    assert result.returncode == 1
    assert "tiewise.sqlite3 can be read by other local users" in result.stderr
