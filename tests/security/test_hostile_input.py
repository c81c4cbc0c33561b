"""Hostile input, everywhere it can show up.

A corpus of hostile strings goes through every input that takes text (the
pages' forms, the API, quick add, the one-line log, imports, coaching), as
Ana and as her coach Cam. Then every place it can show up is read back:
every page, the map JSON, the SVG, the worksheet PDF and each export
format, and the calendar feed. Nothing may fail with a 500; HTML stays
escaped; a `javascript:` link never becomes a link; spreadsheet formulas are
neutralised; NUL bytes never reach the database (PostgreSQL rejects them).

Runs on SQLite and, with DATABASE_URL, on PostgreSQL."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import icalendar
import networkx as nx
import pypdf
import pytest
import vobject
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from tiewise.network.models import Node
from tiewise.transfer import services as transfer
from tiewise.transfer.models import ImportBatch

from .conftest import World
from .test_authorization_matrix import PAGES

CORPUS: dict[str, str] = {
    "script": "<script>alert(1)</script>",
    "attribute": '"><img src=x onerror=alert(1)>',
    "js_link": "javascript:alert(1)",
    "formula_cmd": "=cmd|' /C calc'!A0",
    "formula_plus": "+1+1",
    "formula_at": "@SUM(1)",
    "rtl": "\u202egnp.exe",
    "nul": "a\x00b",
    "emoji": "Dr Zoë 🩺👩🏽‍⚕️",
    "quotes": "'\";--",
}
LONG = "Dr " + "x" * 9997  # 10,000 characters
JS_LINKS = [
    "javascript:alert(1)",
    " JaVaScRiPt:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
]
#: Markup that must never reach a page unescaped.
RAW_MARKUP = re.compile(r"<script>alert|<img src=x|\"><img", re.IGNORECASE)
JS_URL = re.compile(
    r"""(?:href|src|action|formaction)\s*=\s*["']?\s*(?:javascript|vbscript|data):""", re.I
)


def stored(text: str) -> str:
    """What a hostile string becomes once stored: NUL removed, trimmed."""
    return text.replace("\x00", "").strip()


@dataclass
class Pushed:
    """What pushing the corpus did: problems found on the way in, and ids."""

    problems: list[str] = field(default_factory=list)
    node_ids: dict[str, int] = field(default_factory=dict)
    goal_ids: list[int] = field(default_factory=list)
    prospect_ids: list[int] = field(default_factory=list)
    batch_ids: list[int] = field(default_factory=list)
    long_answers: dict[str, Any] = field(default_factory=dict)
    nul_refusals: list[str] = field(default_factory=list)


def _send(pushed: Pushed, label: str, fn: Callable[[], Any], ok: tuple[int, ...]) -> Any:
    """One request in its own savepoint (a database error must not poison
    the rest); a 500, an exception or an unexpected status is a problem."""
    try:
        with transaction.atomic():
            response = fn()
    except Exception as exc:  # noqa: BLE001 - every failure is reported, not raised
        pushed.problems.append(f"{label}: raised {type(exc).__name__}: {str(exc)[:200]}")
        return None
    if response.status_code not in ok:
        pushed.problems.append(f"{label}: status {response.status_code}, expected {ok}")
    return response


def _linkedin_csv(names: list[str]) -> bytes:
    out = io.StringIO()
    out.write('Notes:\n"Some email addresses may be missing."\n\n')
    writer = csv.writer(out)
    writer.writerow(["First Name", "Last Name", "URL", "Email Address", "Company", "Position",
                     "Connected On"])  # fmt: skip
    for i, name in enumerate(names):
        writer.writerow([name, f"Import{i}", "", "", name, name, "01 Mar 2023"])
    return out.getvalue().encode()


def _vcards(names: list[str]) -> bytes:
    cards = []
    for i, name in enumerate(names):
        card = vobject.vCard()
        card.add("fn").value = name.replace("\x00", "") or f"card {i}"
        card.add("n").value = vobject.vcard.Name(family=f"Card{i}", given=name.replace("\x00", ""))
        card.add("org").value = [name.replace("\x00", "")]
        card.add("note").value = name.replace("\x00", "")
        card.add("url").value = JS_LINKS[i % len(JS_LINKS)]
        cards.append(card.serialize())
    return "".join(cards).encode()


@pytest.fixture(scope="module")
def pushed(world: World) -> Iterator[Pushed]:
    p = Pushed()
    ana = world.personas["ana"]
    cam = world.personas["cam"]
    web, api = ana.client, ana.api
    rel = world.ids["cam_rel"]
    day = "2025-03-01"
    node, goal = world.ids["node"], world.ids["goal"]

    for key, s in CORPUS.items():
        # nodes: the API (NUL stripped) and the form (NUL refused by Django)
        r = _send(p, f"API node {key}", lambda s=s: api.post("/api/v1/nodes", {
            "name": s, "organisation": s, "title": s, "profession": s, "city": s, "country": s,
            "notes": s, "how_we_met": s, "tags": [s], "strength": "strong", "cadence_days": 1,
            "roles": ["mentor"], "areas": ["expertise"], "modes": ["personal"],
        }), (201,))  # fmt: skip
        if r is not None and r.status_code == 201:
            p.node_ids[key] = r.json()["id"]
        _send(p, f"form node {key}", lambda s=s: web.post("/nodes/new/", {
            "name": s + " (form)", "kind": "person", "strength": "weak", "organisation": s,
            "title": s, "notes": s, "how_we_met": s, "tags": s, "confirm_phi": "on",
        }), (200, 302))  # fmt: skip
        _send(
            p,
            f"quick add {key}",
            lambda s=s: web.post("/nodes/quick-add/", {"line": f"{s}, weak, mentor"}),
            (302,),
        )
        # planning
        r = _send(p, f"API goal {key}", lambda s=s: api.post("/api/v1/goals", {
            "title": s, "specific": s, "measurable": s, "assignable": s, "relevant": s,
            "wish": s, "outcome": s, "obstacle": s, "plan": s,
        }), (201,))  # fmt: skip
        if r is not None and r.status_code == 201:
            p.goal_ids.append(r.json()["id"])
        _send(p, f"form goal {key}", lambda s=s: web.post("/plan/goals/new/", {
            "title": s + " (form)", "specific": s, "wish": s, "plan": s, "status": "active",
        }), (200, 302))  # fmt: skip
        r = _send(p, f"API prospect {key}", lambda s=s: api.post("/api/v1/prospects", {
            "name": s, "why": s, "organisation": s, "how_to_reach": s,
        }), (201,))  # fmt: skip
        if r is not None and r.status_code == 201:
            p.prospect_ids.append(r.json()["id"])
        _send(p, f"form prospect {key}", lambda s=s: web.post("/plan/prospects/new/", {
            "name": s + " (form)", "why": s, "how_to_reach": s,
        }), (200, 302))  # fmt: skip
        _send(p, f"API action {key}", lambda s=s: api.post("/api/v1/actions", {
            "title": s, "notes": s, "due_date": "2025-01-01",
        }), (201,))  # fmt: skip
        _send(p, f"form action {key}", lambda s=s: web.post("/plan/actions/new/", {
            "title": s + " (form)", "notes": s, "status": "planned", "due_date": "2025-01-02",
        }), (200, 302))  # fmt: skip
        _send(p, f"form reflection {key}", lambda s=s: web.post("/plan/reflection/", {
            "notes": s, "posting_rhythm": s, "profile_and_bio_check": s,
            "people_and_hashtags_followed": s,
        }), (200, 302))  # fmt: skip
        _send(p, f"API reflection {key}", lambda s=s: api.client.put(
            "/api/v1/reflection", {"notes": s, "posting_rhythm": s}, content_type="application/json",
            headers=api.headers), (200,))  # fmt: skip
        _send(p, f"form profile {key}", lambda s=s: web.post("/profile/", {
            "display_name": s, "profession": s, "specialty": s, "institution": s, "city": s,
            "country": s,
        }), (200, 302))  # fmt: skip
        # upkeep
        _send(p, f"form log {key}", lambda s=s: web.post(f"/nodes/{node}/log/", {
            "date": day, "channel": "email", "kind": "meeting", "direction": "mutual",
            "quality": "3", "note": s, "nodes": [node],
        }), (302,))  # fmt: skip
        _send(p, f"API interaction {key}", lambda s=s: api.post("/api/v1/interactions", {
            "nodes": [node], "note": s, "date": day,
        }), (201,))  # fmt: skip
        _send(
            p,
            f"one-line log {key}",
            lambda s=s: web.post("/log/line/", {"line": f"coffee with {s} today"}),
            (302,),
        )
        _send(
            p,
            f"API one-line log {key}",
            lambda s=s: api.post("/api/v1/interactions/line", {"line": s}),
            (201, 422),
        )
        _send(p, f"snapshot {key}", lambda s=s: web.post("/snapshots/", {"label": s}), (200, 302))
        _send(
            p,
            f"token {key}",
            lambda s=s: web.post("/settings/tokens/", {"name": s, "scope": "read"}),
            (200,),
        )
        # coaching: Cam's comments, session notes and agenda; Ana's reply
        _send(p, f"coach comment {key}", lambda s=s: cam.client.post(
            f"/coaching/coachees/{rel}/comments/", {"item_kind": "goal", "item_id": goal, "body": s}
        ), (302,))  # fmt: skip
        _send(p, f"coachee reply {key}", lambda s=s: web.post("/coaching/comments/", {
            "relationship": rel, "item_kind": "goal", "item_id": goal, "body": s, "next": "/coaching/",
        }), (302,))  # fmt: skip
        _send(p, f"session note {key}", lambda s=s: cam.client.post(
            f"/coaching/coachees/{rel}/notes/", {"date": day, "body": s, "shared": "on"}
        ), (200, 302))  # fmt: skip
        _send(p, f"API session note {key}", lambda s=s: cam.api.post(
            f"/api/v1/coaching/coachees/{rel}/session-notes", {"body": s, "shared": True}
        ), (201,))  # fmt: skip
        _send(p, f"API comment {key}", lambda s=s: cam.api.post(
            f"/api/v1/coaching/coachees/{rel}/comments", {"item_kind": "goal", "item_id": goal, "body": s}
        ), (201,))  # fmt: skip
        _send(p, f"invitation {key}", lambda s=s, k=key: web.post("/coaching/invite/", {
            "email": f"{k.replace('_', '')}@example.org", "message": s, "share_plan": "on",
        }), (302,))  # fmt: skip

    # The profile ends with markup in it: it shows in the header of every page.
    _send(p, "form profile markup", lambda: web.post("/profile/", {
        "display_name": CORPUS["attribute"][:120], "institution": CORPUS["script"],
    }), (302,))  # fmt: skip
    _send(p, "coach agenda", lambda: cam.client.post(
        f"/coaching/coachees/{rel}/agenda/", {"text": "\n".join(CORPUS.values()).replace("\x00", "")}
    ), (302,))  # fmt: skip
    _send(p, "coach cohort", lambda: cam.client.post(
        "/coaching/cohorts/", {"name": CORPUS["script"], "members": [rel]}), (302,))  # fmt: skip

    # who knows whom among the hostile nodes, for edges on the map
    ids = list(p.node_ids.values())
    for a, b_ in zip(ids, ids[1:], strict=False):
        _send(p, f"alter tie {a}-{b_}", lambda a=a, b_=b_: api.post(
            "/api/v1/alter-ties", {"source": a, "target": b_}), (201,))  # fmt: skip

    # javascript: and other script links are refused, by the form and the API
    for link in JS_LINKS:
        r = _send(p, f"API js link {link!r}", lambda link=link: api.post(
            "/api/v1/nodes", {"name": "Link Lee", "links": [link]}), (201, 422))  # fmt: skip
        if r is not None and r.status_code == 201:
            p.problems.append(f"API stored the script link {link!r}")
        r = _send(p, f"form js link {link!r}", lambda link=link: web.post("/nodes/new/", {
            "name": "Link Lee", "kind": "person", "strength": "weak", "links": link}), (200,))  # fmt: skip
        r = _send(p, f"API js link patch {link!r}", lambda link=link: api.patch(
            f"/api/v1/nodes/{world.ids['node']}", {"links": [link]}), (422,))  # fmt: skip

    # 10,000 characters: a clean error naming the field, or stored and shown safely
    p.long_answers["api node"] = _send(
        p, "API long name", lambda: api.post("/api/v1/nodes", {"name": LONG}), (422,)
    )
    p.long_answers["form node"] = _send(p, "form long name", lambda: web.post("/nodes/new/", {
        "name": LONG, "kind": "person", "strength": "weak"}), (200,))  # fmt: skip
    p.long_answers["quick add"] = _send(p, "quick add long", lambda: web.post(
        "/nodes/quick-add/", {"line": LONG}, follow=True), (200,))  # fmt: skip
    p.long_answers["api goal"] = _send(
        p, "API long goal", lambda: api.post("/api/v1/goals", {"title": LONG}), (422,)
    )
    p.long_answers["form goal"] = _send(p, "form long goal", lambda: web.post(
        "/plan/goals/new/", {"title": LONG, "status": "active"}), (200,))  # fmt: skip
    p.long_answers["api prospect"] = _send(p, "API long prospect", lambda: api.post(
        "/api/v1/prospects", {"name": LONG}), (422,))  # fmt: skip
    p.long_answers["api action"] = _send(
        p, "API long action", lambda: api.post("/api/v1/actions", {"title": LONG}), (422,)
    )
    p.long_answers["form profile"] = _send(p, "form long profile", lambda: web.post(
        "/profile/", {"display_name": LONG}), (200,))  # fmt: skip
    p.long_answers["one-line log"] = _send(p, "API long line", lambda: api.post(
        "/api/v1/interactions/line", {"line": LONG}), (422,))  # fmt: skip
    # long free text is fine where the field has no limit
    r = _send(
        p,
        "API long notes",
        lambda: api.post("/api/v1/nodes", {"name": "Long Notes", "notes": LONG}),
        (201,),
    )
    if r is not None and r.status_code == 201:
        p.node_ids["long_notes"] = r.json()["id"]
    _send(p, "coach long note", lambda: cam.client.post(
        f"/coaching/coachees/{rel}/notes/", {"date": day, "body": LONG}), (200, 302))  # fmt: skip

    # imports: a LinkedIn CSV and vCards full of hostile names, through the service
    names = [v for k, v in CORPUS.items() if k != "nul"] + [LONG]
    for filename, data in (
        ("Connections.csv", _linkedin_csv(names)),
        ("hostile.vcf", _vcards(names)),
    ):
        # A NUL byte makes the file look binary: a clean refusal naming the line.
        nul = data.replace(b"Import0", b"Imp\x00rt0").replace(b"Card0", b"Ca\x00rd0")
        try:
            with transaction.atomic():
                transfer.import_stage(owner=world.ana, data=nul, filename=filename)
            p.problems.append(f"import {filename} with a NUL byte was staged")
        except transfer.ImportFailed as exc:
            p.nul_refusals.append(str(exc))
        except Exception as exc:  # noqa: BLE001
            p.problems.append(f"import {filename} with a NUL: raised {type(exc).__name__}: {exc}")
    for filename, data in (
        ("Connections.csv", _linkedin_csv(names)),
        ("hostile.vcf", _vcards(names)),
    ):
        try:
            with transaction.atomic():
                batch = transfer.import_stage(owner=world.ana, data=data, filename=filename)
                p.batch_ids.append(batch.pk)
        except Exception as exc:  # noqa: BLE001 - hostile names are no reason to refuse a file
            p.problems.append(f"import {filename}: raised {type(exc).__name__}: {exc}")
        # and the same file through the upload page
        _send(p, f"upload {filename}", lambda f=filename, d=data: web.post(
            "/import/", {"file": SimpleUploadedFile(f, d)}), (302, 422))  # fmt: skip
    for batch_id in p.batch_ids:
        _send(p, f"review {batch_id}", lambda b=batch_id: web.get(f"/import/{b}/"), (200,))
        try:
            with transaction.atomic():
                batch = ImportBatch.objects.get(pk=batch_id)
                transfer.import_commit(batch=batch, default="weak")
        except Exception as exc:  # noqa: BLE001
            p.problems.append(f"commit {batch_id}: raised {type(exc).__name__}: {exc}")
    yield p


# --- the way in ------------------------------------------------------------------------


def test_every_input_takes_the_corpus_without_a_server_error(pushed: Pushed, db: Any) -> None:
    assert not pushed.problems, "\n" + "\n".join(pushed.problems)


def test_a_ten_thousand_character_name_is_a_clean_error_naming_the_field(
    pushed: Pushed, db: Any
) -> None:
    answers = pushed.long_answers
    for key in ("api node", "api goal", "api prospect", "api action", "one-line log"):
        detail = json.dumps(answers[key].json()["detail"])
        assert re.search(r"name|title|line", detail), (key, detail[:300])
        assert re.search(r"200|500|at most|characters", detail), (key, detail[:300])
    for key, field_name in (
        ("form node", "name"),
        ("form goal", "title"),
        ("form profile", "display_name"),
    ):
        form = answers[key].context["form"]
        assert field_name in form.errors, (key, form.errors)
        assert "at most" in str(form.errors[field_name]), (key, form.errors)
    assert (
        "at most" in answers["quick add"].content.decode()
        or "long" in answers["quick add"].content.decode()
    )


def test_hostile_imports_are_staged_and_committed(pushed: Pushed, world: World, db: Any) -> None:
    assert len(pushed.batch_ids) == 2
    batches = list(ImportBatch.objects.filter(pk__in=pushed.batch_ids))
    for batch in batches:
        assert batch.status == "committed", batch.status
        assert batch.record_count == len(CORPUS), (batch.filename, batch.record_count)
        assert all(len(r.name) <= 200 for r in batch.records.all())
        assert any("cut to 200" in w for w in batch.warnings), "long names are cut, with a warning"
    # "@SUM(1)" starting a CSV line does not make a LinkedIn export look like BibTeX
    assert {b.format for b in batches} == {"linkedin", "vcard"}
    assert Node.objects.filter(owner=world.ana, name__startswith="Dr xxx").exists()
    assert len(pushed.nul_refusals) == 2
    assert all("line" in r for r in pushed.nul_refusals), pushed.nul_refusals


def test_nul_bytes_never_reach_the_database(pushed: Pushed, world: World, db: Any) -> None:
    for node in Node.objects.filter(owner=world.ana):
        for name in ("name", "organisation", "title", "notes", "how_we_met", "city"):
            assert "\x00" not in getattr(node, name), (node.pk, name)
        assert all("\x00" not in t for t in node.tags)
    assert stored(CORPUS["nul"]) == "ab"
    assert Node.objects.filter(owner=world.ana, name="ab").exists()


def test_no_script_link_is_stored_from_any_input(pushed: Pushed, world: World, db: Any) -> None:
    bad = [
        (n.pk, link)
        for n in Node.objects.filter(owner=world.ana)
        for link in n.links
        if re.match(r"^\s*(javascript|vbscript|data):", re.sub(r"[\x00-\x20]", "", link), re.I)
    ]
    assert not bad, bad


# --- the way out: pages -------------------------------------------------------------------


def _page_urls(world: World, pushed: Pushed) -> list[tuple[str, str]]:
    """Every page Ana can GET (from the matrix), each hostile node, goal and
    prospect page, and every page Cam sees about her."""
    urls: list[tuple[str, str]] = []
    for page in PAGES.values():
        for who in ("ana", "cam"):
            if page.get.get(who) == 200:
                urls.append((who, page.url(world, who)))
    for node_id in pushed.node_ids.values():
        urls += [("ana", f"/nodes/{node_id}/"), ("ana", f"/nodes/{node_id}/edit/")]
    urls += [("ana", f"/plan/goals/{g}/") for g in pushed.goal_ids]
    urls += [("ana", f"/plan/prospects/{p}/") for p in pushed.prospect_ids]
    urls += [("ana", f"/import/{b}/") for b in pushed.batch_ids]
    urls += [
        ("ana", "/nodes/?q=%3Cscript%3E"),
        ("ana", "/nodes/?tag=%3Cscript%3Ealert(1)%3C/script%3E"),
    ]
    urls += [("cam", f"/coaching/coachees/{world.ids['cam_rel']}/people/?q=%3Cscript%3E")]
    return list(dict.fromkeys(urls))


def test_every_page_shows_the_corpus_escaped(pushed: Pushed, world: World, db: Any) -> None:
    failures = []
    seen_script_text = False
    for who, url in _page_urls(world, pushed):
        try:
            response = world.personas[who].client.get(url)
        except Exception as exc:  # noqa: BLE001
            failures.append(f"{url} as {who}: raised {type(exc).__name__}: {exc}")
            continue
        if response.status_code != 200:
            failures.append(f"{url} as {who}: {response.status_code}")
            continue
        if not response["Content-Type"].startswith("text/html"):
            continue
        html = response.content.decode()
        if m := RAW_MARKUP.search(html):
            failures.append(f"{url} as {who}: raw markup {html[m.start() - 60 : m.end() + 20]!r}")
        if m := JS_URL.search(html):
            failures.append(f"{url} as {who}: script URL {html[m.start() - 60 : m.end() + 20]!r}")
        if "\x00" in html:
            failures.append(f"{url} as {who}: a NUL byte")
        seen_script_text = seen_script_text or "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert not failures, "\n" + "\n".join(failures)
    assert seen_script_text, "the hostile names should be shown (escaped), not dropped"


def test_the_node_page_never_links_a_script_url(pushed: Pushed, world: World, db: Any) -> None:
    # Whatever got stored by any path (import of vCard URLs included), the
    # page must not turn it into a link.
    for node in Node.objects.filter(owner=world.ana).exclude(links=[]):
        html = world.personas["ana"].client.get(f"/nodes/{node.pk}/").content.decode()
        assert not JS_URL.search(html), (node.pk, node.links)


# --- the way out: data formats -------------------------------------------------------------


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def test_the_map_json_carries_plain_strings(pushed: Pushed, world: World, db: Any) -> None:
    for who, url in (
        ("ana", "/api/v1/map"),
        ("cam", f"/api/v1/coaching/coachees/{world.ids['cam_rel']}/map"),
    ):
        data = world.personas[who].api.get(url).json()
        texts = list(_strings(data))
        assert "\x00" not in "".join(texts)
        assert not any("&lt;" in t or "&#" in t for t in texts), "plain text, not pre-escaped HTML"
        labels = json.dumps(data)
        for key in ("script", "attribute", "formula_cmd", "emoji", "quotes"):
            assert json.dumps(stored(CORPUS[key]))[1:-1] in labels, (who, key)
        # a bidi override would flip the labels drawn after it: the map drops it
        assert "gnp.exe" in labels and "\u202e" not in "".join(texts)


def _svg_ok(body: bytes) -> ET.Element:
    root = ET.fromstring(body)
    for el in root.iter():
        assert not el.tag.lower().endswith("script"), "no script element"
        assert not el.tag.lower().endswith("foreignobject")
        for name, value in el.attrib.items():
            assert not name.lower().startswith("on"), (name, value)
            assert not re.match(r"\s*javascript:", value, re.I), (name, value)
    return root


def test_the_svg_maps_parse_and_carry_no_script(pushed: Pushed, world: World, db: Any) -> None:
    for who, url in (
        ("ana", "/map.svg"),
        ("cam", f"/coaching/coachees/{world.ids['cam_rel']}/map.svg"),
    ):
        response = world.personas[who].client.get(url)
        assert response.status_code == 200
        assert b"<script" not in response.content.lower()
        root = _svg_ok(response.content)
        text = " ".join(t for el in root.iter() for t in (el.text or "",))
        assert "<script>alert(1)</script>" in text or "&lt;script" in response.content.decode()


def test_the_worksheet_pdf_opens_and_its_text_extracts(
    pushed: Pushed, world: World, db: Any
) -> None:
    response = world.personas["ana"].client.get("/worksheet.pdf")
    assert response.status_code == 200
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    # pypdf reads the font WeasyPrint writes when a glyph is missing (the
    # emoji) as UTF-16 (NULs between letters); poppler reads it cleanly.
    text = "\n".join(page.extract_text() or "" for page in reader.pages).replace("\x00", "")
    assert "@SUM(1)" in text
    assert "alert(1)" in text, "hostile titles print as text"


def _export(world: World, fmt: str) -> bytes:
    response = world.personas["ana"].client.get(f"/export/{fmt}/")
    assert response.status_code == 200, fmt
    api = world.personas["ana"].api.get(f"/api/v1/export?format={fmt}")
    assert api.status_code == 200, fmt
    return bytes(response.content)


def test_the_csv_export_neutralises_formulas_and_drops_nul(
    pushed: Pushed, world: World, db: Any
) -> None:
    archive = zipfile.ZipFile(io.BytesIO(_export(world, "csv")))
    cells: list[str] = []
    for name in archive.namelist():
        text = archive.read(name).decode("utf-8-sig")
        assert "\x00" not in text, name
        for row in csv.reader(io.StringIO(text)):
            cells += row
    assert cells
    dangerous = [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert not dangerous, dangerous[:10]
    assert "'" + CORPUS["formula_cmd"] in cells
    assert "'+1+1" in cells and "'@SUM(1)" in cells


def test_the_vcard_export_parses_back(pushed: Pushed, world: World, db: Any) -> None:
    body = _export(world, "vcard").decode()
    names = {card.fn.value for card in vobject.readComponents(body)}
    for key in ("script", "attribute", "formula_cmd", "rtl", "emoji", "quotes", "nul"):
        assert stored(CORPUS[key]) in names, key


def test_graphml_and_gexf_exports_parse_with_networkx(
    pushed: Pushed, world: World, db: Any
) -> None:
    for fmt, read in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        graph = read(io.BytesIO(_export(world, fmt)))
        labels = " ".join(str(v) for _, data in graph.nodes(data=True) for v in data.values())
        labels += " ".join(str(n) for n in graph.nodes)
        for key in ("script", "attribute", "formula_cmd", "emoji", "quotes"):
            assert stored(CORPUS[key]) in labels, (fmt, key)


def test_the_json_export_parses(pushed: Pushed, world: World, db: Any) -> None:
    doc = json.loads(_export(world, "json"))
    assert "\x00" not in json.dumps(doc, ensure_ascii=False)


def test_the_calendar_feed_parses_as_icalendar(pushed: Pushed, world: World, db: Any) -> None:
    from tiewise.upkeep import selectors as upkeep_selectors

    token = upkeep_selectors.feed_token(world.ana)
    response = world.personas["anon"].client.get(f"/calendar/{token}.ics")
    assert response.status_code == 200
    cal = icalendar.Calendar.from_ical(response.content)
    summaries = " ".join(str(e.get("summary")) for e in cal.walk("VEVENT"))
    assert summaries, "the hostile ties are due: the feed lists them"
    assert stored(CORPUS["script"]) in summaries or stored(CORPUS["formula_cmd"]) in summaries
    assert "\x00" not in response.content.decode()
