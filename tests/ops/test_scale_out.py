"""Several app servers on one PostgreSQL and one Redis share everything:
two `tiewise serve` processes and one `tiewise worker` against the services
this machine runs (127.0.0.1:5432 and :6379). Skipped, saying why, when
either is missing."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from http.cookiejar import CookieJar
from pathlib import Path
from typing import Any

import pytest

from .conftest import LiveServer, start_server, stop_server

PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
REDIS = "redis://127.0.0.1:6379/0"
PASSWORD = "a long pass phrase 1"


def _reachable(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), 2).close()
        return True
    except OSError:
        return False


pytestmark = pytest.mark.skipif(
    not (_reachable(5432) and _reachable(6379)),
    reason="needs PostgreSQL on 127.0.0.1:5432 and Redis on 127.0.0.1:6379",
)


@dataclass
class Cluster:
    a: LiveServer
    b: LiveServer
    env: dict[str, str]
    data: Path
    worker: subprocess.Popen[bytes] | None = None

    def start_worker(self) -> None:
        log = (self.data / "worker.log").open("ab")
        self.worker = subprocess.Popen(
            [sys.executable, "-m", "tiewise.cli", "worker", "--threads", "1"],
            env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip

    def kill_worker(self) -> None:
        assert self.worker is not None
        os.killpg(self.worker.pid, signal.SIGKILL)
        self.worker.wait(timeout=30)
        self.worker = None


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    import psycopg

    name = f"tw_scale_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    data = tmp_path_factory.mktemp("scale")
    env = {
        "DATABASE_URL": f"postgresql://postgres@127.0.0.1:5432/{name}",
        "REDIS_URL": REDIS,
        "SECRET_KEY": uuid.uuid4().hex * 2,  # every server signs sessions alike
        "TIEWISE_CACHE_PREFIX": name,  # this test's keys only, in a shared Redis
        "TIEWISE_QUEUE_NAME": name,
        "TIEWISE_NO_RATE_LIMITS": "0",  # throttles on: they are under test
        "TIEWISE_JOB_HEARTBEAT_SECONDS": "1",
        "TIEWISE_JOB_STALE_SECONDS": "4",
        # Behind a load balancer every server sees the site's one host name.
        "ALLOWED_HOSTS": "127.0.0.1,localhost,tiewise.test",
    }
    a = start_server(data / "a", env)
    b = start_server(data / "b", env)
    cluster = Cluster(a=a, b=b, env=a.env, data=data)
    cluster.start_worker()
    try:
        yield cluster
    finally:
        if cluster.worker is not None:
            os.killpg(cluster.worker.pid, signal.SIGTERM)
            cluster.worker.wait(timeout=30)
        stop_server(a)
        stop_server(b)
        with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        import redis

        client = redis.Redis.from_url(REDIS)
        for key in client.scan_iter(f"*{name}*"):
            client.delete(key)


def _api(server: LiveServer, token: str, path: str, body: Any = None) -> tuple[int, Any]:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(
        server.url + "/api/v1" + path, data=data,
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )  # fmt: skip
    try:
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 - loopback
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read() or b"null")


def test_a_write_on_one_server_is_read_on_the_other_at_once(cluster: Cluster) -> None:
    token = cluster.a.token("writer@example.org")
    status, node = _api(cluster.a, token, "/nodes", {"name": "Dr Ada Obi", "strength": "strong"})
    assert status == 201
    status, seen = _api(cluster.b, token, f"/nodes/{node['id']}")
    assert status == 200 and seen["name"] == "Dr Ada Obi"
    # A cached read on B (insights) moves with a write on A: the PLN version
    # and the cache live in the shared stores.
    before = _api(cluster.b, token, "/insights")[1]["size"]["nodes"]
    _api(cluster.a, token, "/nodes", {"name": "Dr Ben Ode", "strength": "weak"})
    assert _api(cluster.b, token, "/insights")[1]["size"]["nodes"] == before + 1


def _login(server: LiveServer, email: str, password: str) -> str:
    """Try to sign in; "throttled", "refused" or "ok"."""
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    # The host a load balancer passes on, the same whichever server answers.
    opener.addheaders = [("Host", "tiewise.test")]
    page = opener.open(server.url + "/accounts/login/", timeout=30).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert token is not None
    form = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token.group(1), "login": email, "password": password}
    ).encode()
    request = urllib.request.Request(
        server.url + "/accounts/login/", data=form,
        headers={"Referer": "http://tiewise.test/", "Host": "tiewise.test"},
    )  # fmt: skip
    try:
        with opener.open(request, timeout=30) as response:
            body = response.read().decode()
    except urllib.error.HTTPError as exc:
        return "throttled" if exc.code == 429 else f"http {exc.code}"
    if "Too many failed login attempts" in body:
        return "throttled"
    return "refused" if "not correct" in body else "ok"


def test_login_throttling_counts_across_both_servers(cluster: Cluster) -> None:
    cluster.a.token("throttled@example.org")  # creates the account
    answers = [
        _login(server, "throttled@example.org", "wrong password")
        for server in (cluster.a, cluster.b) * 5
    ]
    # allauth allows 5 failures per account in 5 minutes, wherever they land
    # (each server has 2 workers: 4 processes count into one Redis).
    assert answers[:5] == ["refused"] * 5, answers
    assert answers[5:] == ["throttled"] * 5, answers
    # Even the right password waits now: the account is protected.
    assert _login(cluster.b, "throttled@example.org", PASSWORD) == "throttled"


def _wait_for(condition: Any, seconds: float) -> Any:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.3)
    return condition()


def _big_pln(server: LiveServer, token: str, n: int) -> None:
    nodes = [{"name": f"Dr Person {i:04d}", "strength": "weak"} for i in range(n)]
    for i in range(0, n, 200):
        for body in nodes[i : i + 200]:
            assert _api(server, token, "/nodes", body)[0] == 201


def test_a_job_queued_on_one_server_finishes_on_the_worker_even_if_the_worker_dies(
    cluster: Cluster,
) -> None:
    token = cluster.b.token("pdf@example.org")
    _big_pln(cluster.b, token, 450)  # above the size the PDF renders in the request
    cluster.kill_worker()  # the job waits in Redis with nobody to run it
    status, job = _api(cluster.a, token, "/worksheet", {"size": "a4"})
    assert status == 202
    job_id = job["id"]
    time.sleep(1)
    assert _api(cluster.b, token, f"/jobs/{job_id}")[1]["status"] == "queued"
    cluster.start_worker()
    # Let it start, kill it mid-render, start again: the job still ends once.
    _wait_for(lambda: _api(cluster.a, token, f"/jobs/{job_id}")[1]["status"] != "queued", 60)
    cluster.kill_worker()
    cluster.start_worker()
    final = _wait_for(
        lambda: (s := _api(cluster.b, token, f"/jobs/{job_id}")[1])["status"] == "done" and s,
        180,
    )
    assert final and final["status"] == "done", final
    assert final["result_url"].endswith("/download/")
