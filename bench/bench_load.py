"""Bounded load test against a real server on loopback.

gunicorn (tiewise serve) on PostgreSQL when 127.0.0.1:5432 answers (a
throwaway database), else SQLite. 50 simulated users, each signed in with a
browser session, browse the dashboard, the map (page + JSON), the insights
and log interactions for 60 s. Like people, each pauses between clicks
(THINK_MIN..THINK_MAX seconds, seeded): 50 such users keep the server far
busier than 50 clinicians would. Reports requests/s, p50/p95/p99 and errors.

Baseline, measured in the same run at the same concurrency: a trivial Django
view (/healthz) against the dashboard, for throughput.
Targets (issue 10): 0 errors, p95 < 300 ms, dashboard >= 40% of trivial.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
USERS = int(os.environ.get("LOAD_USERS", "50"))
DURATION = float(os.environ.get("LOAD_SECONDS", "60"))
PROCS = 4
THINK_MIN = float(os.environ.get("LOAD_THINK_MIN", "0.2"))
THINK_MAX = float(os.environ.get("LOAD_THINK_MAX", "1.0"))
ACCOUNTS = 10


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def postgres_up() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 5432), timeout=2).close()
        return True
    except OSError:
        return False


def cli(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "tiewise.cli", *args], env=env, capture_output=True, text=True
    )
    if result.returncode != 0:
        raise SystemExit(f"tiewise {' '.join(args)} failed: {result.stderr}")
    return result.stdout


def login(base: str, email: str) -> requests.Session:
    s = requests.Session()
    page = s.get(base + "/accounts/login/", timeout=30)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    assert token, "no CSRF token on the login page"
    r = s.post(
        base + "/accounts/login/",
        data={"login": email, "password": "tiewise-demo", "csrfmiddlewaretoken": token.group(1)},
        headers={"Referer": base + "/accounts/login/"},
        timeout=30,
        allow_redirects=False,
    )
    assert r.status_code == 302, f"login failed for {email}: {r.status_code}"
    return s


def user_loop(  # type: ignore[type-arg]
    base: str, email: str, node_ids: list[int], until: float, seed: int, out: list
) -> None:
    rng = random.Random(seed)
    s = login(base, email)
    csrf = s.cookies.get("csrftoken", "")
    while time.monotonic() < until:
        kind = rng.choices(["dashboard", "map", "insights", "log"], weights=[4, 3, 2, 1])[0]
        start = time.perf_counter()
        try:
            if kind == "dashboard":
                r = s.get(base + "/", timeout=30)
            elif kind == "map":
                r = s.get(base + "/api/v1/map", timeout=30)
            elif kind == "insights":
                r = s.get(base + "/insights/", timeout=30)
            else:
                r = s.post(
                    base + "/api/v1/interactions",
                    json={"nodes": [rng.choice(node_ids)], "channel": "video", "kind": "meeting",
                          "direction": "mutual", "quality": 4, "note": "load test"},
                    headers={"X-CSRFToken": csrf, "Referer": base + "/"},
                    timeout=30,
                )  # fmt: skip
            ok = r.status_code in (200, 201)
        except requests.RequestException:
            ok = False
        out.append((kind, time.perf_counter() - start, ok))
        time.sleep(rng.uniform(THINK_MIN, THINK_MAX))


def worker(args: tuple) -> list:  # type: ignore[type-arg]
    base, accounts, n_threads, until, offset = args
    results: list = []  # type: ignore[type-arg]
    threads = []
    for i in range(n_threads):
        email, node_ids = accounts[(offset + i) % len(accounts)]
        t = threading.Thread(
            target=user_loop, args=(base, email, node_ids, until, offset * 100 + i, results)
        )
        t.start()
        threads.append(t)
    for t in threads:
        t.join()
    return results


def hammer(base: str, path: str, seconds: float, concurrency: int) -> float:
    """Requests per second on one anonymous-or-session GET, for the baseline."""
    until = time.monotonic() + seconds
    count = [0]
    lock = threading.Lock()
    session_pool = [requests.Session() for _ in range(concurrency)]

    def loop(s: requests.Session) -> None:
        while time.monotonic() < until:
            r = s.get(base + path, timeout=30, allow_redirects=False)
            if r.status_code == 200:
                with lock:
                    count[0] += 1

    threads = [threading.Thread(target=loop, args=(s,)) for s in session_pool]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return count[0] / seconds


def main() -> None:
    data = Path(tempfile.mkdtemp(prefix="tiewise-load-"))
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DEBUG")}
    env.update({"TIEWISE_DATA_DIR": str(data), "TIEWISE_NO_RATE_LIMITS": "1"})
    dbname = None
    if postgres_up():
        import psycopg

        dbname = f"tiewise_load_{uuid.uuid4().hex[:8]}"
        with psycopg.connect("postgresql://postgres@127.0.0.1:5432/test", autocommit=True) as c:
            c.execute(f'CREATE DATABASE "{dbname}"')
        env["DATABASE_URL"] = f"postgresql://postgres@127.0.0.1:5432/{dbname}"
        env["DB_CONN_MAX_AGE"] = "60"
    backend = "postgresql" if dbname else "sqlite"
    try:
        cli(env, "migrate", "--quiet")
        accounts = []
        for i in range(ACCOUNTS):
            email = f"load{i}@tiewise.local"
            cli(env, "demo", "--email", email)
            token = cli(env, "token", "create", email).strip().splitlines()[-1]
            accounts.append((email, token))
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = subprocess.Popen(
            [sys.executable, "-m", "tiewise.cli", "serve", "--port", str(port), "--workers", "4",
             "--threads", "8"],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
        )  # fmt: skip
        try:
            for _ in range(600):
                try:
                    requests.get(base + "/healthz", timeout=1)
                    break
                except requests.RequestException:
                    time.sleep(0.2)
            with_nodes = []
            for email, token in accounts:
                nodes = requests.get(
                    base + "/api/v1/nodes?limit=100&strength=strong",
                    headers={"Authorization": f"Bearer {token}"}, timeout=30,
                ).json()["items"]  # fmt: skip
                with_nodes.append((email, [n["id"] for n in nodes]))
            # Baselines at the same concurrency, 10 s each.
            dash_session = login(base, accounts[0][0])
            trivial_rps = hammer(base, "/healthz", 10, USERS)
            dash_rps = hammer_session(base, dash_session, "/", 10, USERS)
            until = time.monotonic() + DURATION
            per = [USERS // PROCS + (1 if i < USERS % PROCS else 0) for i in range(PROCS)]
            with mp.Pool(PROCS) as pool:
                parts = pool.map(
                    worker, [(base, with_nodes, per[i], until, sum(per[:i])) for i in range(PROCS)]
                )
            results = [r for part in parts for r in part]
        finally:
            os.killpg(server.pid, 15)
            server.wait(timeout=30)
    finally:
        if dbname:
            import psycopg

            with psycopg.connect("postgresql://postgres@127.0.0.1:5432/test", autocommit=True) as c:
                c.execute(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')
    latencies = sorted(t for _, t, _ in results)
    errors = sum(1 for *_, ok in results if not ok)

    def pct(p: float) -> float:
        return latencies[min(len(latencies) - 1, int(p * len(latencies)))] * 1000

    print(f"load ({backend}, {USERS} users, think {THINK_MIN}-{THINK_MAX} s, {DURATION:.0f} s): "
          f"{len(results)} requests, "
          f"{len(results) / DURATION:.1f} req/s, errors {errors}")  # fmt: skip
    print(f"load_latency: p50 {pct(0.50):.0f} ms  p95 {pct(0.95):.0f} ms  p99 {pct(0.99):.0f} ms"
          "  (target p95 < 300 ms)")  # fmt: skip
    for kind in ("dashboard", "map", "insights", "log"):
        ts = sorted(t for k, t, _ in results if k == kind)
        if ts:
            print(f"  {kind}: n={len(ts)} p50 {statistics.median(ts) * 1000:.0f} ms"
                  f"  p95 {ts[int(0.95 * (len(ts) - 1))] * 1000:.0f} ms")  # fmt: skip
    print(f"dashboard_throughput: {dash_rps:.1f} req/s"
          f"  baseline trivial_view: {trivial_rps:.1f} req/s"
          f"  ratio {dash_rps / trivial_rps:.2f}  (target >= 0.40)")  # fmt: skip


def hammer_session(
    base: str, session: requests.Session, path: str, seconds: float, n: int
) -> float:
    """Like hammer(), with n copies of a signed-in session."""
    until = time.monotonic() + seconds
    count = [0]
    lock = threading.Lock()

    def loop() -> None:
        s = requests.Session()
        s.cookies.update(session.cookies)
        while time.monotonic() < until:
            r = s.get(base + path, timeout=30, allow_redirects=False)
            if r.status_code == 200:
                with lock:
                    count[0] += 1

    threads = [threading.Thread(target=loop) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return count[0] / seconds


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
