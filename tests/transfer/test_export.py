"""Exports: the page, the API and the one service they share."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from typing import Any

import networkx as nx

from tiewise.network import services as network

FORMULA = "=cmd|' /C calc'!A0"


def test_the_export_page_offers_every_format(owner_client: Any) -> None:
    html = owner_client.get("/export/").content.decode()
    for fmt in ("json", "csv", "graphml", "gexf", "vcard"):
        assert f'href="/export/{fmt}/"' in html


def test_a_page_download_is_an_attachment(owner_client: Any, jane: Any) -> None:
    response = owner_client.get("/export/vcard/")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="tiewise-pln.vcf"'
    assert b"FN:Jane Doe" in response.content


def test_an_unknown_page_format_is_not_found(owner_client: Any) -> None:
    assert owner_client.get("/export/xls/").status_code == 404


def test_the_api_export_has_the_right_media_type_and_filename(owner_api: Any, jane: Any) -> None:
    expected = {
        "json": ("application/json", "tiewise-pln.json"),
        "graphml": ("application/graphml+xml", "tiewise-pln.graphml"),
        "csv": ("application/zip", "tiewise-pln.zip"),
    }
    for fmt, (media, name) in expected.items():
        response = owner_api.get(f"/api/v1/export?format={fmt}")
        assert response.status_code == 200
        assert response["Content-Type"].startswith(media)
        assert response["Content-Disposition"] == f'attachment; filename="{name}"'


def test_an_unknown_api_format_is_a_422(owner_api: Any) -> None:
    assert owner_api.get("/api/v1/export?format=xls").status_code == 422


def test_the_csv_export_neutralises_formulas(owner: Any, owner_api: Any) -> None:
    network.node_create(owner=owner, data={"name": FORMULA})
    body = owner_api.get("/api/v1/export?format=csv").content
    with zipfile.ZipFile(io.BytesIO(body)) as zf:
        rows = list(csv.DictReader(io.StringIO(zf.read("nodes.csv").decode("utf-8-sig"))))
    assert rows[0]["name"] == "'" + FORMULA


def test_the_graphml_export_opens_in_networkx_with_attributes(
    owner: Any, owner_api: Any, jane: Any, raj: Any
) -> None:
    network.alter_tie_create(owner=owner, source=jane.pk, target=raj.pk, strength="weak")
    body = owner_api.get("/api/v1/export?format=graphml").content
    graph = nx.read_graphml(io.BytesIO(body))
    attrs = {d["name"]: d for _, d in graph.nodes(data=True) if d.get("name")}
    assert attrs["Jane Doe"]["strength"] == "strong"
    assert attrs["Raj Patel"]["reach"] == "international"
    assert graph.number_of_edges() >= 1


def test_nobody_can_export_someone_elses_network(
    other_api: Any, other_client: Any, jane: Any
) -> None:
    for fmt in ("json", "graphml", "vcard"):
        assert b"Jane Doe" not in other_api.get(f"/api/v1/export?format={fmt}").content
    body = json.loads(other_client.get("/export/json/").content)
    assert body["nodes"] == []
