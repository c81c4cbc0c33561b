"""Exports open in the tools people use, survive hostile text, and round-trip."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import UTC, date, datetime

import igraph
import networkx as nx
import pytest
import vobject

from tiewise.core.exporters import FORMATS, export_any, filename_for
from tiewise.core.importers import parse_any, to_node_data
from tiewise.core.text import clean_text
from tiewise.core.types import PLN, AlterTieData, NodeData, Owner

WHEN = datetime(2024, 6, 1, 9, 30, tzinfo=UTC)
HOSTILE = "<script>alert('x')</script> \"Bobby\" & \u202eevil\x00 ;,\\\n" + "é" * 10_000

NODES = (
    NodeData(
        id=1,
        name="Priya Natarajan",
        strength="strong",
        modes=("personal", "technology"),
        areas=("academic", "expertise"),
        roles=("mentor", "sponsor"),
        sector="medicine",
        reach="national",
        organisation="Northfield University Hospital",
        title="Program Director",
        profession="Physician",
        city="Northfield",
        country="USA",
        tags=("QI", "residency"),
        private=True,
        since=date(2019, 9, 1),
        cadence_days=30,
        last_interaction=date(2024, 5, 2),
    ),
    NodeData(id=2, name="Open Clinical Data Co", kind="organisation", sector="industry"),
    NodeData(
        id=5,
        name="Grace Oduya",
        modes=("technology",),
        areas=("informal_community",),
        roles=("peer",),
        reach="international",
        organisation='=HYPERLINK("http://x")',
    ),
)
TIES = (AlterTieData(1, 5, "strong"), AlterTieData(2, 5, ""))
PLN_ = PLN(owner=Owner(name="Ana Ruiz", profession="Physician"), nodes=NODES, alter_ties=TIES)
DETAILS = {
    1: {
        "email": "priya@example.org",
        "phone": "+1 555 0100",
        "links": ["https://www.linkedin.com/in/priya"],
        "notes": "Met at APDIM",
    }
}
INTERACTIONS = [
    {
        "date": date(2024, 5, 2),
        "nodes": [1, 5],
        "channel": "video",
        "kind": "advice_sought",
        "direction": "received",
        "quality": 5,
        "note": "-ok",
    }
]
HOSTILE_PLN = PLN(
    owner=Owner(name=HOSTILE),
    nodes=(NodeData(id=9, name=HOSTILE, tags=(HOSTILE,)), NodeData(id=10, name="Plain")),
    alter_ties=(AlterTieData(9, 10, "weak"),),
)


def export(fmt: str, pln: PLN = PLN_) -> bytes:
    data, _media = export_any(
        pln,
        fmt,
        interactions=INTERACTIONS,
        details=DETAILS,
        goals=[{"id": 1, "title": "Publish a QI paper"}],
        exported_at=WHEN,
    )
    return data


def test_the_json_export_reimports_to_the_same_nodes_and_ties():
    result = parse_any(export("json"), filename="tiewise.json")
    nodes = tuple(to_node_data(r, int(r.external_id)) for r in result.records)
    assert nodes == NODES
    ids = [n.id for n in nodes]
    ties = tuple(AlterTieData(ids[t.source], ids[t.target], t.strength) for t in result.alter_ties)
    assert ties == TIES
    priya = result.records[0]
    assert (priya.email, priya.phone, priya.notes) == (
        "priya@example.org",
        "+1 555 0100",
        "Met at APDIM",
    )
    assert priya.links == ("https://www.linkedin.com/in/priya",)


def test_the_json_export_carries_every_section_for_a_restore():
    doc = json.loads(export("json"))
    assert (doc["format"], doc["version"], doc["exported_at"]) == ("tiewise", 2, WHEN.isoformat())
    result = parse_any(export("json"), filename="tiewise.json")
    assert result.extra["owner"] == {
        "name": "Ana Ruiz",
        "profession": "Physician",
        "country": "",
        "city": "",
    }
    assert result.extra["interactions"] == [{**INTERACTIONS[0], "date": "2024-05-02"}]
    assert result.extra["goals"] == [{"id": 1, "title": "Publish a QI paper"}]


def read_zip(data: bytes) -> dict[str, list[dict[str, str]]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {
            name: list(csv.DictReader(io.StringIO(archive.read(name).decode("utf-8-sig"))))
            for name in archive.namelist()
        }


def test_the_csv_zip_holds_nodes_ties_and_interactions():
    files = read_zip(export("csv"))
    assert {"nodes.csv", "alter_ties.csv", "interactions.csv"} <= set(files)
    priya = files["nodes.csv"][0]
    assert (priya["name"], priya["modes"], priya["email"]) == (
        "Priya Natarajan",
        "personal,technology",
        "priya@example.org",
    )
    assert files["alter_ties.csv"][0] == {
        "source_id": "1",
        "source_name": "Priya Natarajan",
        "target_id": "5",
        "target_name": "Grace Oduya",
        "strength": "strong",
    }
    assert files["interactions.csv"][0]["node_names"] == "Priya Natarajan; Grace Oduya"


def test_the_csv_zip_neutralises_spreadsheet_formulas():
    files = read_zip(export("csv"))
    assert files["nodes.csv"][2]["organisation"] == '\'=HYPERLINK("http://x")'
    assert files["interactions.csv"][0]["note"] == "'-ok"


def test_the_csv_zip_is_the_same_bytes_each_time():
    assert export("csv") == export("csv")


def test_graphml_opens_in_networkx_with_attributes_intact():
    graph = nx.read_graphml(io.BytesIO(export("graphml")))
    assert graph.number_of_nodes() == 3 and graph.number_of_edges() == 2
    priya = graph.nodes["n1"]
    assert (priya["name"], priya["strength"], priya["modes"]) == (
        "Priya Natarajan",
        "strong",
        "personal,technology",
    )
    assert priya["roles"] == "mentor,sponsor" and priya["since"] == "2019-09-01"
    assert graph.edges["n1", "n5"]["strength"] == "strong"


def test_graphml_opens_in_igraph_with_attributes_intact(tmp_path):
    path = tmp_path / "pln.graphml"
    path.write_bytes(export("graphml"))
    graph = igraph.Graph.Read_GraphML(str(path))
    assert graph.vcount() == 3 and graph.ecount() == 2
    assert graph.vs["name"] == ["Priya Natarajan", "Open Clinical Data Co", "Grace Oduya"]
    assert graph.vs["areas"][0] == "academic,expertise"
    assert sorted(graph.es["strength"]) == ["", "strong"]


def test_graphml_reimports_through_the_graphml_importer():
    result = parse_any(export("graphml"), filename="pln.graphml")
    nodes = [to_node_data(r, n.id) for r, n in zip(result.records, NODES, strict=True)]
    assert [(n.name, n.strength, n.modes, n.roles, n.sector, n.since) for n in nodes] == [
        (n.name, n.strength, n.modes, n.roles, n.sector, n.since) for n in NODES
    ]
    assert [(t.source, t.target, t.strength) for t in result.alter_ties] == [
        (0, 2, "strong"),
        (1, 2, ""),
    ]


def test_gexf_opens_in_networkx_with_attributes_intact():
    graph = nx.read_gexf(io.BytesIO(export("gexf")))
    assert graph.number_of_nodes() == 3 and graph.number_of_edges() == 2
    priya = graph.nodes["n1"]
    assert (priya["label"], priya["kind"], priya["areas"]) == (
        "Priya Natarajan",
        "person",
        "academic,expertise",
    )
    assert graph.edges["n1", "n5"]["strength"] == "strong"


def test_the_vcard_export_has_one_card_per_person_and_reimports():
    data = export("vcard")
    cards = list(vobject.readComponents(data.decode("utf-8")))
    assert [c.fn.value for c in cards] == ["Priya Natarajan", "Grace Oduya"]
    result = parse_any(data, filename="pln.vcf")
    priya = result.records[0]
    assert (priya.email, priya.organisation, priya.strength, priya.modes, priya.roles) == (
        "priya@example.org",
        "Northfield University Hospital",
        "strong",
        ("personal", "technology"),
        ("mentor", "sponsor"),
    )
    assert priya.tags == ("QI", "residency") and priya.since == date(2019, 9, 1)


def test_vcard_lines_are_folded_to_75_octets():
    data = export("vcard", HOSTILE_PLN)
    assert max(len(line) for line in data.split(b"\r\n")) <= 75


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_hostile_names_make_valid_files(fmt, tmp_path):
    data = export(fmt, HOSTILE_PLN)
    clean = HOSTILE.replace("\x00", "")
    if fmt == "json":
        assert json.loads(data)["nodes"][0]["name"] == HOSTILE
        # every record's text is tidied: no control characters, one space each
        assert parse_any(data, filename="x.json").records[0].name == clean_text(HOSTILE)
    elif fmt == "csv":
        assert read_zip(data)["nodes.csv"][0]["name"] == clean
    elif fmt == "graphml":
        assert nx.read_graphml(io.BytesIO(data)).nodes["n9"]["name"] == clean
        path = tmp_path / "h.graphml"
        path.write_bytes(data)
        assert igraph.Graph.Read_GraphML(str(path)).vs["name"][0] == clean
        assert b"<script>" not in data
    elif fmt == "gexf":
        assert nx.read_gexf(io.BytesIO(data)).nodes["n9"]["label"] == clean
    elif fmt == "vcard":
        [card] = list(vobject.readComponents(data.decode("utf-8")))[:1]
        assert card.fn.value == clean.strip()
        assert parse_any(data, filename="h.vcf").records[0].name == clean_text(HOSTILE)


def test_each_format_has_a_download_name():
    assert [filename_for(f) for f in sorted(FORMATS)] == [
        "tiewise-pln.zip",
        "tiewise-pln.gexf",
        "tiewise-pln.graphml",
        "tiewise-pln.json",
        "tiewise-pln.vcf",
    ]


FULL_DETAILS = {
    1: {
        "email": "priya@example.org",
        "other_emails": ["p.natarajan@example.net", "priya.n@example.com"],
        "phone": "+1 555 0100",
        "other_phones": ["+1 555 0101", "+1 555 0102"],
        "links": ["https://www.linkedin.com/in/priya", "https://example.org/a,b?x=1"],
        "notes": "Met at APDIM.\nAsk about the QI grant, the one with commas, semicolons; and all.",
        "how_we_met": "APDIM 2019, the poster session",
        "specialty": "Internal medicine",
        "expertise": ["Quality improvement", "Coaching"],
        "publications": ["2023 · Coaching residents, a mixed-methods study", "2016 · Weak ties"],
    }
}


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json"])
def test_graph_exports_read_back_every_registry_field(fmt):
    from tiewise.core.nodefields import FIELDS

    data, _media = export_any(PLN_, fmt, details=FULL_DETAILS, exported_at=WHEN)
    result = parse_any(data, filename=f"pln.{fmt}")
    priya = result.records[0]
    node = NODES[0]
    for f in FIELDS:
        got = getattr(priya, f.name)
        if f.name in FULL_DETAILS[1]:
            want = FULL_DETAILS[1][f.name]
            want = tuple(want) if isinstance(want, list) else want
        else:
            want = getattr(node, f.name)
        assert got == want, f.name
    assert priya.extra["last_interaction"] == date(2024, 5, 2)
    assert [(t.source, t.target, t.strength) for t in result.alter_ties] == [
        (0, 2, "strong"),
        (1, 2, ""),
    ]


def test_the_vcard_export_reads_back_other_emails_phones_specialty_and_papers():
    data, _media = export_any(PLN_, "vcard", details=FULL_DETAILS, exported_at=WHEN)
    priya = parse_any(data, filename="pln.vcf").records[0]
    for name in ("other_emails", "other_phones", "publications", "links"):
        assert getattr(priya, name) == tuple(FULL_DETAILS[1][name]), name
    for name in ("email", "phone", "specialty", "how_we_met", "notes"):
        assert getattr(priya, name) == FULL_DETAILS[1][name], name
    assert (priya.private, priya.cadence_days) == (True, 30)
    card = next(vobject.readComponents(data.decode("utf-8")))
    assert [e.value for e in card.contents["email"]][:2] == [
        "priya@example.org",
        "p.natarajan@example.net",
    ]
