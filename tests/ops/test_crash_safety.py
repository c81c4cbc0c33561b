"""A server killed with SIGKILL mid-write under load loses no committed data
and restarts cleanly."""

from __future__ import annotations

import http.client
import json
import signal
import sqlite3
import threading
import urllib.request
from pathlib import Path

from .conftest import start_server, stop_server


def post_node(url: str, token: str, name: str) -> int | None:
    request = urllib.request.Request(
        url + "/api/v1/nodes",
        data=json.dumps({"name": name, "strength": "weak"}).encode(),
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - loopback
            if response.status == 201:
                return int(json.loads(response.read())["id"])
    except (OSError, http.client.HTTPException):
        return None  # killed mid-response: not acknowledged
    return None


def test_sigkill_under_load_keeps_every_acknowledged_write(tmp_path: Path) -> None:
    data = tmp_path / "data"
    server = start_server(data)
    token = server.token("crash@example.org")
    acknowledged: list[int] = []
    lock = threading.Lock()
    stop = threading.Event()

    def writer(k: int) -> None:
        i = 0
        while not stop.is_set():
            node_id = post_node(server.url, token, f"Writer {k} node {i}")
            i += 1
            if node_id is not None:
                with lock:
                    acknowledged.append(node_id)

    threads = [threading.Thread(target=writer, args=(k,)) for k in range(6)]
    for t in threads:
        t.start()
    while True:
        with lock:
            if len(acknowledged) >= 60:
                break
        threading.Event().wait(0.05)
    stop_server(server, signal.SIGKILL)  # mid-write: the writers are still sending
    stop.set()
    for t in threads:
        t.join(timeout=30)

    db = sqlite3.connect(data / "tiewise.sqlite3")
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    stored = {row[0] for row in db.execute("SELECT id FROM network_node")}
    db.close()
    assert set(acknowledged) <= stored

    restarted = start_server(data)
    try:
        with urllib.request.urlopen(  # noqa: S310 - loopback
            urllib.request.Request(
                restarted.url + "/api/v1/nodes?limit=1",
                headers={"Authorization": f"Bearer {token}"},
            ),
            timeout=10,
        ) as response:
            assert json.loads(response.read())["count"] >= len(set(acknowledged))
        assert post_node(restarted.url, token, "after restart") is not None
    finally:
        stop_server(restarted)
