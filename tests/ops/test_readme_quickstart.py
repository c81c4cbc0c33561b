"""The README's API quick start works, verbatim, against a live server."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

from .conftest import start_server, stop_server

README = Path(__file__).resolve().parents[2] / "README.md"


def quickstart_commands() -> list[str]:
    text = README.read_text()
    block = text.split("<!-- quickstart:start")[1].split("<!-- quickstart:end -->")[0]
    script = block.split("```sh")[1].split("```")[0]
    script = script.replace("\\\n", " ")
    return [line.strip() for line in script.splitlines() if line.strip().startswith("curl")]


def test_the_readme_has_a_quick_start() -> None:
    assert len(quickstart_commands()) >= 4


def test_every_curl_example_in_the_readme_succeeds(tmp_path: Path) -> None:
    # A fresh server, as a new reader has: the README's node id 1 is theirs.
    live = start_server(tmp_path / "data")
    try:
        run_examples(live.url, live.token("readme@example.org"))
    finally:
        stop_server(live)


def run_examples(url: str, token: str) -> None:
    env = {"TIEWISE_URL": url, "TOKEN": token, "PATH": "/usr/bin:/bin"}
    for command in quickstart_commands():
        result = subprocess.run(
            ["bash", "-c", command], env=env, capture_output=True, text=True, timeout=60
        )
        assert result.returncode == 0, f"{command}\n{result.stderr}"
        json.loads(result.stdout)  # every example answers JSON
        if "nodes/bulk" in command:
            assert re.search(r'"updated": 1', result.stdout)
