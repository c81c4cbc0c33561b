"""The server-side SVG map draws the worksheet picture safely."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from tiewise.core.svg import render_svg
from tiewise.core.types import PLN, AlterTieData, NodeData, Owner

SVG = "{http://www.w3.org/2000/svg}"

PLN_ = PLN(
    owner=Owner("Dr Owner"),
    nodes=(
        NodeData(id=1, name="Ana", strength="strong", modes=("personal",), roles=("mentor",)),
        NodeData(id=2, name="Bo", strength="weak", modes=("technology",), kind="team"),
        NodeData(id=3, name="Cy", strength="absent", areas=("academic",)),
        NodeData(id=4, name="Di", strength="weak", kind="community"),
    ),
    alter_ties=(AlterTieData(1, 2),),
)


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 - our own output, parsed to check it


def tie_lines(root: ET.Element) -> dict[str, ET.Element]:
    return {
        line.get("data-node-id", ""): line
        for line in root.iter(f"{SVG}line")
        if "tie" in (line.get("class") or "").split()
    }


def test_it_is_a_well_formed_svg_document():
    root = parse(render_svg(PLN_, width=640, height=700))
    assert root.tag == f"{SVG}svg"
    assert root.get("width") == "640"


def test_strong_ties_are_solid_lines_and_weak_ties_are_dotted():
    lines = tie_lines(parse(render_svg(PLN_)))
    assert lines["1"].get("stroke-dasharray") is None
    assert lines["2"].get("stroke-dasharray")
    assert lines["4"].get("stroke-dasharray")


def test_prospects_are_faint_and_have_no_line():
    root = parse(render_svg(PLN_))
    assert "3" not in tie_lines(root)
    prospect = next(g for g in root.iter(f"{SVG}g") if g.get("data-node-id") == "3")
    assert float(prospect.get("opacity", "1")) < 0.5


def test_alter_ties_are_drawn():
    root = parse(render_svg(PLN_))
    assert any(line.get("class") == "alter-tie" for line in root.iter(f"{SVG}line"))


def test_the_halves_and_areas_are_labelled():
    # A long sector name takes two lines (tspans) of one text element.
    texts = [" ".join(t.itertext()) for t in parse(render_svg(PLN_)).iter(f"{SVG}text")]
    assert "Personal" in texts
    assert "Technology" in texts
    for area in ("Academic", "Expertise", "Professional identity", "Informal community"):
        assert area in texts


def test_people_are_circles_and_other_kinds_have_other_shapes():
    root = parse(render_svg(PLN_))
    shapes = {
        g.get("data-node-id"): [child.tag.removeprefix(SVG) for child in g]
        for g in root.iter(f"{SVG}g")
        if g.get("data-node-id")
    }
    assert "circle" in shapes["1"]
    assert "circle" not in shapes["2"]
    assert "polygon" in shapes["2"]


def test_names_are_labels_and_the_owner_is_in_the_middle():
    svg = render_svg(PLN_, title="My PLN")
    root = parse(svg)
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert {"Ana", "Bo", "Dr Owner"} <= set(texts)
    assert root.find(f"{SVG}title").text == "My PLN"  # type: ignore[union-attr]


def test_the_legend_is_included():
    texts = [t.text for t in parse(render_svg(PLN_)).iter(f"{SVG}text")]
    assert "Legend" in texts
    assert "Strong" in texts
    assert "Weak" in texts
    assert "Mentor" in texts


@pytest.mark.parametrize(
    "name",
    [
        "<script>alert(1)</script>",
        '" onload="x',
        "Dr \u202eevil\u202c name",
        "Nul\x00l and \x1b escape",
        "x" * 10_000,
        "]]> & <![CDATA[",
    ],
)
def test_hostile_names_are_escaped_and_the_svg_still_parses(name: str):
    pln = PLN(
        owner=Owner(name),
        nodes=(NodeData(id=1, name=name, strength="strong", modes=("personal",)),),
    )
    svg = render_svg(pln, title=name)
    root = parse(svg)
    assert "<script" not in svg
    assert "\x00" not in svg
    assert "\u202e" not in svg
    assert not list(root.iter(f"{SVG}script"))
    for element in root.iter():
        assert not any(attr.startswith("on") for attr in element.attrib)


def test_long_names_are_cut_in_the_label_but_kept_whole_in_the_tooltip():
    name = "Professor " + "Verylongname " * 10
    root = parse(render_svg(PLN(owner=Owner("Me"), nodes=(NodeData(id=1, name=name),))))
    group = next(g for g in root.iter(f"{SVG}g") if g.get("data-node-id") == "1")
    label = group.find(f"{SVG}text").text  # type: ignore[union-attr]
    assert label is not None
    assert len(label) <= 40
    assert label.endswith("…")
    assert group.find(f"{SVG}title").text == name  # type: ignore[union-attr]


def test_a_large_pln_still_renders_and_parses():
    nodes = tuple(
        NodeData(id=i, name=f"N{i}", strength=("strong", "weak", "absent")[i % 3])
        for i in range(1, 1001)
    )
    root = parse(render_svg(PLN(owner=Owner("Me"), nodes=nodes)))
    drawn = [g for g in root.iter(f"{SVG}g") if g.get("class", "").startswith("node ")]
    groups = [g for g in root.iter(f"{SVG}g") if g.get("class") == "group"]
    assert groups, "a thousand ties are summarised in groups"
    assert len(drawn) + sum(int(g.get("data-count", "0")) for g in groups) == 1000
    # Every person drawn is named, and so is every group.
    named = [g for g in drawn + groups if g.find(f"{SVG}text") is not None]
    assert len(named) == len(drawn) + len(groups)
    assert len(drawn) + len(groups) <= 150


def test_an_empty_pln_draws_just_the_owner_and_the_guides():
    root = parse(render_svg(PLN(owner=Owner("Me"))))
    assert [t.text for t in root.iter(f"{SVG}text")].count("Me") == 1
