"""The map JSON tells the browser what to draw and how."""

from __future__ import annotations

import json

import pytest

from tiewise.core.layout import worksheet_layout
from tiewise.core.mapdata import SHAPES, map_payload, map_size
from tiewise.core.types import PLN, AlterTieData, NodeData, Owner

PLN_ = PLN(
    owner=Owner("Dr Owner"),
    nodes=(
        NodeData(id=1, name="Ana", strength="strong", modes=("personal",), roles=("mentor",)),
        NodeData(id=2, name="Bo", strength="weak", modes=("technology",), kind="organisation"),
        NodeData(id=3, name="Cy", strength="absent", areas=("expertise",)),
    ),
    alter_ties=(AlterTieData(1, 2), AlterTieData(2, 3, "weak"), AlterTieData(1, 99)),
)


def by_id(items: list[dict]) -> dict[str, dict]:
    return {item["id"]: item for item in items}


def test_the_owner_is_one_ego_node_at_the_centre():
    nodes = by_id(map_payload(PLN_)["nodes"])
    assert nodes["ego"]["label"] == "Dr Owner"
    assert (nodes["ego"]["x"], nodes["ego"]["y"]) == (0.0, 0.0)
    assert set(nodes) == {"ego", "n1", "n2", "n3"}


def test_strong_ties_are_solid_weak_ties_dotted_and_prospects_have_no_line():
    edges = by_id(map_payload(PLN_)["edges"])
    assert edges["e1"]["line_style"] == "solid"
    assert edges["e2"]["line_style"] == "dotted"
    assert "e3" not in edges
    assert not any(e["target"] == "n3" and e["source"] == "ego" for e in edges.values())


def test_prospects_are_drawn_faint():
    nodes = by_id(map_payload(PLN_)["nodes"])
    assert nodes["n3"]["style"]["opacity"] < 0.5
    assert "prospect" in nodes["n3"]["classes"].split()
    assert nodes["n1"]["style"]["opacity"] == 1.0


def test_alter_ties_become_edges_between_nodes_and_ties_to_strangers_are_dropped():
    edges = by_id(map_payload(PLN_)["edges"])
    assert edges["a1-2"]["source"] == "n1"
    assert edges["a1-2"]["target"] == "n2"
    assert edges["a1-2"]["kind"] == "alter"
    assert edges["a2-3"]["line_style"] == "dotted"
    assert "a1-99" not in edges


def test_each_node_carries_its_tie_and_style_hints():
    nodes = by_id(map_payload(PLN_)["nodes"])
    ana, bo = nodes["n1"], nodes["n2"]
    assert ana["node_id"] == 1
    assert ana["strength"] == "strong"
    assert ana["modes"] == ["personal"]
    assert ana["roles"] == ["mentor"]
    assert ana["style"]["shape"] == "ellipse"
    assert bo["style"]["shape"] == SHAPES["organisation"] == "round-rectangle"
    assert ana["style"]["color"] != bo["style"]["color"]


def test_nodes_sit_where_the_worksheet_layout_puts_them():
    payload = map_payload(PLN_, seed=4)
    expected = worksheet_layout(PLN_, seed=4, size=map_size(3))
    for n in payload["nodes"][1:]:
        assert (n["x"], n["y"]) == expected[n["node_id"]]
        assert n["pinned"] is False


def test_saved_positions_win_over_the_automatic_layout():
    spot = by_id(map_payload(PLN_)["nodes"])["n2"]
    inside = (round(spot["x"] * 1.02, 1), round(spot["y"] * 1.02, 1))
    nodes = by_id(map_payload(PLN_, positions={2: inside, 42: (1.0, 1.0)})["nodes"])
    assert (nodes["n2"]["x"], nodes["n2"]["y"]) == inside
    assert nodes["n2"]["pinned"] is True
    assert nodes["n1"]["pinned"] is False
    assert "n42" not in nodes


def test_the_worksheet_layout_comes_with_guides_and_the_force_layout_without():
    worksheet = map_payload(PLN_)
    assert [h["label"] for h in worksheet["guides"]["halves"]] == ["Personal", "Technology"]
    assert [r["strength"] for r in worksheet["guides"]["rings"]] == ["strong", "weak", "absent"]
    assert "Academic" in [s["label"] for s in worksheet["guides"]["sectors"]]
    force = map_payload(PLN_, layout="force", seed=1)
    assert force["layout"] == "force"
    assert force["seed"] == 1
    assert force["guides"]["show"] is False
    assert force["guides"]["rings"] == []


def test_an_unknown_layout_is_refused():
    with pytest.raises(ValueError, match="unknown layout"):
        map_payload(PLN_, layout="spiral")


def test_names_stay_plain_text_but_lose_control_characters():
    hostile = PLN(
        owner=Owner("<b>Me</b>"),
        nodes=(NodeData(id=1, name='<script>alert(1)</script>\x00 "x" \u202eevil'),),
    )
    payload = map_payload(hostile)
    label = by_id(payload["nodes"])["n1"]["label"]
    assert label == '<script>alert(1)</script> "x" evil'
    assert by_id(payload["nodes"])["ego"]["label"] == "<b>Me</b>"
    json.dumps(payload)  # serialisable as it is


def test_the_legend_explains_lines_shapes_and_colours():
    legend = map_payload(PLN_)["legend"]
    assert [(line["strength"], line["line_style"]) for line in legend["lines"]] == [
        ("strong", "solid"),
        ("weak", "dotted"),
        ("absent", "none"),
    ]
    assert {s["kind"] for s in legend["shapes"]} == set(SHAPES)
    assert any(c["key"] == "mentor" for c in legend["colors"]["role"])
