"""`tiewise serve` reads PORT, WEB_WORKERS and WEB_THREADS only when it runs,
and a malformed one is a one-line error before anything else happens."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tiewise.cli import main

TIEWISE = Path(sys.executable).parent / "tiewise"


@pytest.mark.parametrize(
    "name,value,message",
    [
        ("PORT", "abc", "PORT must be a whole number from 1 to 65535, not 'abc'"),
        ("PORT", "70000", "PORT must be a whole number from 1 to 65535, not '70000'"),
        ("WEB_WORKERS", "x", "WEB_WORKERS must be a whole number of at least 1, not 'x'"),
        ("WEB_THREADS", "-1", "WEB_THREADS must be a whole number of at least 1, not '-1'"),
    ],
)
def test_a_malformed_setting_is_one_line(
    name: str, value: str, message: str, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    monkeypatch.setenv(name, value)
    prepared: list[bool] = []
    monkeypatch.setattr("tiewise.ops.serving.prepare", lambda: prepared.append(True))
    assert main(["serve"]) == 1
    assert capsys.readouterr().err == f"tiewise serve: error: {message}\n"
    assert prepared == []  # nothing migrated, nothing served


def test_the_flags_win_over_the_environment(monkeypatch: pytest.MonkeyPatch, capsys: Any) -> None:
    for name in ("PORT", "WEB_WORKERS", "WEB_THREADS"):
        monkeypatch.setenv(name, "nonsense")
    monkeypatch.setenv("HOST", "127.0.0.2")
    served: dict[str, Any] = {}
    monkeypatch.setattr("tiewise.ops.serving.prepare", lambda: None)
    monkeypatch.setattr("tiewise.ops.serving.run_gunicorn", lambda **kw: served.update(kw))
    assert main(["serve", "--port", "8123", "--workers", "3", "--threads", "2"]) == 0
    assert served == {"host": "127.0.0.2", "port": 8123, "workers": 3, "threads": 2,
                      "access_log": False}  # fmt: skip
    assert capsys.readouterr().out == "Tiewise is serving at http://127.0.0.2:8123/\n"


def test_the_defaults_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("HOST", "WEB_THREADS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("PORT", "9000")
    monkeypatch.setenv("WEB_WORKERS", "")  # empty: the default
    served: dict[str, Any] = {}
    monkeypatch.setattr("tiewise.ops.serving.prepare", lambda: None)
    monkeypatch.setattr("tiewise.ops.serving.run_gunicorn", lambda **kw: served.update(kw))
    assert main(["serve", "--access-log"]) == 0
    assert served == {"host": "127.0.0.1", "port": 9000, "workers": 2, "threads": 4,
                      "access_log": True}  # fmt: skip


def test_a_port_flag_out_of_range_is_a_usage_error(capsys: Any) -> None:
    with pytest.raises(SystemExit):
        main(["serve", "--port", "70000"])
    assert "argument --port: must be a whole number from 1 to 65535, not '70000'" in (
        capsys.readouterr().err
    )


def test_the_console_script_refuses_a_malformed_port(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update({"PORT": "abc", "TIEWISE_DATA_DIR": str(tmp_path)})
    result = subprocess.run(
        [str(TIEWISE), "serve"], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 1
    assert (
        result.stderr
        == "tiewise serve: error: PORT must be a whole number from 1 to 65535, not 'abc'\n"
    )
    assert not (tmp_path / "tiewise.sqlite3").exists()  # it stopped before migrating


def test_static_files_collected_without_a_manifest_are_collected_again_with_one(
    tmp_path: Path, settings: Any
) -> None:
    # `make test` starts servers that collect without a manifest; `make run`
    # afterwards must not take that collection for its own (a 500 on every page).
    from tiewise.ops.serving import collectstatic_if_needed

    settings.STATIC_ROOT = tmp_path / "static"
    plain = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    manifest = {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"}
    settings.STORAGES = {**settings.STORAGES, "staticfiles": plain}
    assert collectstatic_if_needed() is True
    assert collectstatic_if_needed() is False
    settings.STORAGES = {**settings.STORAGES, "staticfiles": manifest}
    assert collectstatic_if_needed() is True
    assert (tmp_path / "static" / "staticfiles.json").exists()


def test_without_site_url_links_point_where_the_server_listens(
    settings: Any, monkeypatch: Any
) -> None:
    from tiewise.ops.serving import site_url_default

    # Set, then removed: the teardown puts SITE_URL back as it was (unset),
    # so the value the function writes never leaks into later tests.
    monkeypatch.setenv("SITE_URL", "placeholder")
    monkeypatch.delenv("SITE_URL")
    assert site_url_default(host="0.0.0.0", port=8101) == "http://127.0.0.1:8101"  # noqa: S104
    assert settings.SITE_URL == "http://127.0.0.1:8101"
    assert os.environ["SITE_URL"] == "http://127.0.0.1:8101"  # the job worker inherits it
    monkeypatch.setenv("SITE_URL", "https://tiewise.example.org")
    settings.SITE_URL = "https://tiewise.example.org"
    assert site_url_default(host="127.0.0.1", port=9000) == "https://tiewise.example.org"
