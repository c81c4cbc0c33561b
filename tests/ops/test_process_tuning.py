"""Every Tiewise process tunes CPython's collector from TIEWISE_GC_THRESHOLD
(a big PLN's page makes enough objects to trigger a full pass otherwise)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

PROBE = (
    "import django, gc; django.setup(); "
    "print(gc.get_threshold()[0], 'frozen' if gc.get_freeze_count() else 'none')"
)


def threshold_in_a_fresh_process(value: str | None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tiewise.settings"}
    env.pop("TIEWISE_GC_THRESHOLD", None)
    if value is not None:
        env["TIEWISE_GC_THRESHOLD"] = value
    return subprocess.run(
        [sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, timeout=60
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [(None, "20000 frozen"), ("50000", "50000 frozen"), ("0", "700 none")],
)
def test_the_collector_threshold_follows_the_environment(value: str | None, expected: str) -> None:
    done = threshold_in_a_fresh_process(value)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == expected


def test_a_malformed_threshold_is_a_clear_error() -> None:
    done = threshold_in_a_fresh_process("lots")
    assert done.returncode != 0
    assert "TIEWISE_GC_THRESHOLD must be an integer, not 'lots'" in done.stderr
