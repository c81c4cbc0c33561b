"""A real `tiewise serve` process on a free loopback port, with its own
throwaway data dir (SQLite) — or DATABASE_URL's PostgreSQL when set."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class LiveServer:
    url: str
    log: Path
    env: dict[str, str]
    process: subprocess.Popen[bytes]
    port: int

    def cli(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "tiewise.cli", *args],
            env=self.env, capture_output=True, text=True, timeout=300,
        )  # fmt: skip

    def token(self, email: str) -> str:
        if self.cli("token", "list", email).returncode != 0:
            assert (
                self.cli("createuser", email, "--password", "a long pass phrase 1").returncode == 0
            )
        result = self.cli("token", "create", email, "--name", "tests")
        assert result.returncode == 0, result.stderr
        return result.stdout.strip().splitlines()[-1]


def wait_until_up(url: str, process: subprocess.Popen[bytes], timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"tiewise serve exited with {process.returncode}")
        try:
            urllib.request.urlopen(url + "/accounts/login/", timeout=2)  # noqa: S310 - loopback
            return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("tiewise serve did not come up")


def start_server(data_dir: Path, extra_env: dict[str, str] | None = None) -> LiveServer:
    port = free_port()
    # SQLite in its own data dir unless the caller passes a DATABASE_URL: the
    # shared PostgreSQL `test` database belongs to the in-process tests.
    # A real server: its own shared cache and job worker, not the in-process
    # test settings (locmem cache, jobs run at once).
    local_only = ("DATABASE_URL", "DEBUG", "TIEWISE_CACHE", "TIEWISE_JOBS_IMMEDIATE")
    env = {k: v for k, v in os.environ.items() if k not in local_only}
    env.update({"TIEWISE_DATA_DIR": str(data_dir), **(extra_env or {})})
    log = (data_dir / "server.log").open("wb") if data_dir.exists() else None
    if log is None:
        data_dir.mkdir(parents=True)
        log = (data_dir / "server.log").open("wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "tiewise.cli", "serve", "--port", str(port), "--workers", "2",
         "--access-log"],
        env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    wait_until_up(url, process)
    return LiveServer(url=url, log=data_dir / "server.log", env=env, process=process, port=port)


def stop_server(server: LiveServer, sig: int = signal.SIGTERM) -> None:
    try:
        os.killpg(server.process.pid, sig)
    except ProcessLookupError:
        return
    server.process.wait(timeout=30)


@pytest.fixture(scope="session")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    server = start_server(tmp_path_factory.mktemp("live") / "data")
    yield server
    stop_server(server)
