"""An API client drives a real `tiewise serve` over HTTP: create, read,
update and delete every resource, as a script from another system would."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from .conftest import LiveServer

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "imports"


class Client:
    def __init__(self, base: str, token: str) -> None:
        self.base = base
        self.token = token

    def call(self, method: str, path: str, body: Any = None, expect: int = 200) -> Any:
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(
            self.base + "/api/v1" + path,
            data=data,
            method=method,
            headers={"Authorization": f"Bearer {self.token}", "Content-Type": "application/json"},
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                status, raw = response.status, response.read()
        except urllib.error.HTTPError as exc:
            status, raw = exc.code, exc.read()
        assert status == expect, f"{method} {path}: {status} {raw[:300]!r}"
        return json.loads(raw) if raw else None

    def upload(self, path: str, file: Path) -> Any:
        boundary = "tiewise-test-boundary"
        body = (
            (
                f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{file.name}"\r\n'
                "Content-Type: application/octet-stream\r\n\r\n"
            ).encode()
            + file.read_bytes()
            + f"\r\n--{boundary}--\r\n".encode()
        )
        request = urllib.request.Request(
            self.base + "/api/v1" + path,
            data=body,
            method="POST",
            headers={
                "Authorization": f"Bearer {self.token}",
                "Content-Type": f"multipart/form-data; boundary={boundary}",
            },
        )
        with urllib.request.urlopen(request, timeout=60) as response:
            assert response.status == 201
            return json.loads(response.read())


def test_every_resource_round_trips_over_http(live: LiveServer) -> None:
    api = Client(live.url, live.token("script@example.org"))
    assert api.call("GET", "/me")["email"] == "script@example.org"

    # Nodes and alter ties.
    a = api.call(
        "POST", "/nodes", {"name": "Ada Mentor", "strength": "strong", "roles": ["mentor"]}, 201
    )
    b = api.call("POST", "/nodes", {"name": "Ben Peer", "areas": ["academic"]}, 201)
    assert api.call("GET", f"/nodes/{a['id']}")["roles"] == ["mentor"]
    assert api.call("PATCH", f"/nodes/{b['id']}", {"strength": "strong"})["strength"] == "strong"
    tie = api.call("POST", "/alter-ties", {"source": a["id"], "target": b["id"]}, 201)
    assert api.call("GET", "/alter-ties")["count"] == 1
    assert (
        api.call("POST", "/nodes/bulk", {"ids": [a["id"], b["id"]], "add": {"tags": ["cohort"]}})[
            "updated"
        ]
        == 2
    )

    # Interactions.
    i = api.call(
        "POST", "/interactions", {"nodes": [a["id"]], "direction": "gave", "note": "coffee"}, 201
    )
    assert api.call("GET", f"/interactions/{i['id']}")["note"] == "coffee"
    assert api.call("PATCH", f"/interactions/{i['id']}", {"quality": 5})["quality"] == 5
    assert api.call("GET", "/interactions")["count"] == 1

    # Goals, prospects, actions, reflection.
    g = api.call("POST", "/goals", {"title": "Find a sponsor", "measurable": "Two intros"}, 201)
    assert api.call("PATCH", f"/goals/{g['id']}", {"status": "achieved"})["status"] == "achieved"
    p = api.call("POST", "/prospects", {"name": "Dr. Cho", "goal": g["id"]}, 201)
    connected = api.call("POST", f"/prospects/{p['id']}/status", {"status": "connected"})
    assert connected["status"] == "connected" and connected["node"]
    act = api.call(
        "POST",
        "/actions",
        {"title": "Email Dr. Cho", "strategy": "mentors_sponsors", "due_date": "2030-01-01"},
        201,
    )
    assert api.call("PATCH", f"/actions/{act['id']}", {"status": "done"})["status"] == "done"
    assert api.call("PUT", "/reflection", {"platforms": ["linkedin"], "posting_rhythm": "monthly"})[
        "platforms"
    ] == ["linkedin"]

    # Reading what the network says.
    assert api.call("GET", "/insights")["size"]["nodes"] >= 2
    assert {n["id"] for n in api.call("GET", "/map")["nodes"]} >= {"ego", f"n{a['id']}"}
    assert "items" in api.call("GET", "/due")

    # Snapshots and their diff.
    snap = api.call("POST", "/snapshots", {"label": "before"}, 201)
    api.call("POST", "/nodes", {"name": "Cy New"}, 201)
    diff = api.call("GET", f"/snapshots/{snap['id']}/diff")
    assert any(n.get("name") == "Cy New" for n in diff["new_nodes"])
    api.call("DELETE", f"/snapshots/{snap['id']}", expect=204)

    # Import, then export.
    staged = api.upload("/imports", SAMPLES / "Connections.csv")
    committed = api.call("POST", f"/imports/{staged['id']}/commit", {"default": "weak"})
    assert committed["status"] == "committed"
    export = urllib.request.urlopen(
        urllib.request.Request(
            live.url + "/api/v1/export?format=json",
            headers={"Authorization": f"Bearer {api.token}"},
        ),
        timeout=60,
    )
    assert json.loads(export.read())["format"] == "tiewise"

    # Deletes, and the 404 that follows.
    api.call("DELETE", f"/alter-ties/{tie['id']}", expect=204)
    api.call("DELETE", f"/interactions/{i['id']}", expect=204)
    api.call("DELETE", f"/actions/{act['id']}", expect=204)
    api.call("DELETE", f"/goals/{g['id']}", expect=204)
    api.call("DELETE", f"/nodes/{a['id']}", expect=204)
    api.call("GET", f"/nodes/{a['id']}", expect=404)


def test_a_coach_works_with_a_coachee_over_http(live: LiveServer) -> None:
    coachee = Client(live.url, live.token("coachee@example.org"))
    coach = Client(live.url, live.token("coach@example.org"))
    coachee.call("POST", "/nodes", {"name": "Private Pat", "private": True}, 201)
    coachee.call("POST", "/nodes", {"name": "Open Olu"}, 201)
    coachee.call(
        "POST",
        "/coaching/invitations",
        {
            "email": "coach@example.org",
            "share": {"private_nodes": False, "notes": False, "plan": True},
        },
        201,
    )
    # The signed link goes by email; in development the console backend
    # prints it to the server's log, where the coach's "inbox" is.
    import re
    import time

    log = Path(live.env["TIEWISE_DATA_DIR"]) / "server.log"
    for _ in range(50):
        found = re.findall(r"/coaching/accept/([^/\s]+)/", log.read_text(errors="replace"))
        if found:
            break
        time.sleep(0.1)
    token = found[-1]
    rel = coach.call("POST", f"/coaching/invitations/{token}/accept", {}, 200)
    rel_id = rel["id"]
    names = {n["label"] for n in coach.call("GET", f"/coaching/coachees/{rel_id}/map")["nodes"]}
    assert "Open Olu" in names and "Private Pat" not in names
    coach.call(
        "POST",
        f"/coaching/coachees/{rel_id}/session-notes",
        {"body": "Good start", "shared": True},
        201,
    )
    coachee.call("DELETE", f"/coaching/relationships/{rel_id}", expect=204)
    coach.call("GET", f"/coaching/coachees/{rel_id}/map", expect=404)
