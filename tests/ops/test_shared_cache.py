"""The embedded cache (no REDIS_URL) is one store for every process on the
machine: what one web worker counts, another sees, and counts made at the
same moment by several processes all land. The email limits count this
way and allauth's login limits lock with `add`, so a lost count is a guess
at a password that got through."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

#: Each process adds this many to one counter, all of them at once.
COUNTS = 150
PROCESSES = 3

_COUNTER = f"""
import os, sys, time
import django
django.setup()
from django.core.cache import cache
cache.add("counted", 0, timeout=600)
# Start together: each waits for the go file, so the increments overlap.
while not os.path.exists(sys.argv[1]):
    time.sleep(0.005)
for _ in range({COUNTS}):
    cache.incr("counted")
"""


#: Requests one address makes at once from each process, against a limit
#: lower than their sum.
_REQUESTS = f"""
import os, sys, time
import django
django.setup()
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from tiewise.throttles import Bucket
request = RequestFactory().get("/api/v1/nodes", REMOTE_ADDR="203.0.113.9")
request.user = AnonymousUser()
bucket = Bucket("api")
while not os.path.exists(sys.argv[1]):
    time.sleep(0.005)
print(sum(bucket.allow_request(request) for _ in range({COUNTS})))
"""
LIMIT = 200


def _env(data_dir: Path) -> dict[str, str]:
    # The production cache, not the tests' private one.
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "TIEWISE_CACHE")}
    env.update({"TIEWISE_DATA_DIR": str(data_dir), "DJANGO_SETTINGS_MODULE": "tiewise.settings",
                # A server's preparing collects static files: here, not in the checkout.
                "TIEWISE_STATIC_ROOT": str(data_dir / "static")})  # fmt: skip
    return env


def _read(data_dir: Path, key: str) -> str:
    code = f"import django; django.setup(); from django.core.cache import cache; print(cache.get({key!r}))"
    done = subprocess.run(
        [sys.executable, "-c", code], env=_env(data_dir), capture_output=True, text=True,
        timeout=60, check=True,
    )  # fmt: skip
    return done.stdout.strip()


def _at_once(script: str, env: dict[str, str], go: Path) -> list[str]:
    """What each of PROCESSES copies of `script` prints, all started first
    and let go together (the script waits for the file `go`)."""
    workers = [
        subprocess.Popen([sys.executable, "-c", script, str(go)], env=env,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(PROCESSES)
    ]  # fmt: skip
    go.touch()
    printed = []
    for worker in workers:
        out, err = worker.communicate(timeout=120)
        assert worker.returncode == 0, err
        printed.append(out.strip())
    return printed


def test_counts_made_at_once_by_several_processes_all_land(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    _at_once(_COUNTER, _env(data), tmp_path / "go")
    assert _read(data, "counted") == str(COUNTS * PROCESSES)


def test_a_request_limit_lets_through_its_number_however_many_processes_ask(
    tmp_path: Path,
) -> None:
    """450 requests at once from three web workers against a limit of 200:
    exactly 200 go through (a count read and written back lets
    through each worker's own 150)."""
    data = tmp_path / "data"
    data.mkdir()
    # An hour's window: a test this short never straddles two.
    env = {**_env(data), "TIEWISE_RATE_API": f"{LIMIT}/h"}
    env.pop("TIEWISE_NO_RATE_LIMITS", None)
    allowed = _at_once(_REQUESTS, env, tmp_path / "go")
    assert sum(int(n) for n in allowed) == LIMIT


def test_a_value_one_process_caches_is_read_by_another(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    code = (
        # A lax umask, as a shell may leave it: the cache holds pages of PLNs.
        "import os; os.umask(0o022); "
        "import django; django.setup(); from django.core.cache import cache; "
        "cache.set('page', {'name': 'Dr. Ana Díaz', 'ties': list(range(3000))})"
    )
    subprocess.run([sys.executable, "-c", code], env=_env(data), check=True, timeout=60)
    shown = _read(data, "page")
    assert "Dr. Ana Díaz" in shown and "2999" in shown
    written = list((data / "cache").rglob("*"))
    assert any(p.name == "cache.db" for p in written)
    for path in written:
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode & 0o077 == 0, f"{path.relative_to(data)} is {oct(mode)}: others can read it"


def test_an_earlier_releases_cache_files_go_and_nothing_else(tmp_path: Path) -> None:
    from tiewise.cache import DiskCache, drop_old_entries

    store = DiskCache(str(tmp_path), {})
    store.set("kept", "a page")
    for i in range(3):
        (tmp_path / f"{i:032x}.djcache").write_bytes(b"old entry")
    (tmp_path / "notes.txt").write_text("not the cache's")
    assert drop_old_entries(tmp_path) == 3
    assert not list(tmp_path.glob("*.djcache"))
    assert (tmp_path / "notes.txt").exists()
    assert store.get("kept") == "a page"


def test_a_server_drops_them_before_it_answers(tmp_path: Path) -> None:
    """`tiewise serve` prepares through `serving.prepare`, which tidies the
    cache dir its settings name."""
    data = tmp_path / "data"
    (data / "cache").mkdir(parents=True)
    old = data / "cache" / f"{7:032x}.djcache"
    old.write_bytes(b"old entry")
    code = "import django; django.setup(); from tiewise.ops import serving; serving.prepare()"
    done = subprocess.run(
        [sys.executable, "-c", code], env=_env(data), capture_output=True, text=True, timeout=180
    )
    assert done.returncode == 0, done.stderr
    assert not old.exists()


def test_a_page_write_gives_up_on_a_busy_store_but_a_count_waits(tmp_path: Path) -> None:
    """Another process holding the store must not stall a request on a
    cached page (the page is computed again next time), and must not lose
    a count either (a login limit counts every guess)."""
    import sqlite3
    import threading

    from tiewise.cache import DiskCache

    store = DiskCache(str(tmp_path), {"SHARDS": 1, "DATABASE_TIMEOUT": 0.05})
    store.add("guesses", 0)
    other = sqlite3.connect(tmp_path / "000" / "cache.db", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another process's write, in progress
    try:
        # In a thread, so that a write that waits fails here instead of hanging.
        kept: list[bool] = []
        writer = threading.Thread(target=lambda: kept.append(store.set("page", "<html>")))
        writer.start()
        writer.join(5)
        assert not writer.is_alive(), "a page's write waited on the busy store"
        assert kept == [False]
        counted: list[int] = []
        counter = threading.Thread(target=lambda: counted.append(store.incr("guesses")))
        counter.start()
        counter.join(0.3)
        assert counter.is_alive(), "the count went ahead while the store was held"
    finally:
        other.execute("ROLLBACK")
    counter.join(10)
    assert counted == [1] and store.get("guesses") == 1
    assert store.get("page") is None
    assert store.set("page", "<html>") is True and store.get("page") == "<html>"
