"""Dragging keeps a node in its ring and cell; "colour by" tells nodes apart."""

from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st

from tiewise.core.layout import clamp_to_region, region_of, worksheet_layout
from tiewise.core.mapdata import CLUSTER_COLORS, COLOR_BY, NEUTRAL, clusters_of, map_payload
from tiewise.core.types import PLN, AlterTieData, NodeData, Owner
from tiewise.core.vocab import AREAS, MODES, STRENGTHS

NODES = st.builds(
    NodeData,
    id=st.integers(1, 10_000),
    name=st.just("A"),
    strength=st.sampled_from(list(STRENGTHS)),
    modes=st.lists(st.sampled_from(list(MODES)), max_size=2, unique=True).map(tuple),
    areas=st.lists(st.sampled_from(list(AREAS)), max_size=2, unique=True).map(tuple),
)
COORD = st.floats(-3000, 3000, allow_nan=False)


def inside(point: tuple[float, float], region: dict[str, float]) -> bool:
    x, y = point
    if region["left"]:
        x = -x
    r = math.hypot(x, y)
    bearing = math.degrees(math.atan2(x, -y))
    eps = 0.01
    turn = (bearing - region["lo"]) % 360
    bearing = region["lo"] + (turn - 360 if turn > 360 - eps else turn)
    return (
        region["inner"] - eps <= r <= region["outer"] + eps
        and region["lo"] - eps <= bearing <= region["hi"] + eps
    )


@given(NODES, COORD, COORD, st.sampled_from([400.0, 1000.0, 2600.0]))
def test_a_dragged_spot_always_lands_in_the_nodes_ring_and_cell(
    node: NodeData, x: float, y: float, size: float
) -> None:
    region = region_of(node, size)
    spot = clamp_to_region((x, y), region)
    assert inside(spot, region)
    again = clamp_to_region(spot, region)
    assert math.dist(again, spot) < 0.01  # clamping twice changes nothing


@given(st.lists(NODES, min_size=1, max_size=40, unique_by=lambda n: n.id))
def test_the_automatic_layout_puts_everyone_inside_their_own_region(nodes: list[NodeData]) -> None:
    pln = PLN(owner=Owner("Me"), nodes=tuple(nodes))
    placed = worksheet_layout(pln)
    for node in nodes:
        assert inside(placed[node.id], region_of(node))
        assert math.dist(clamp_to_region(placed[node.id], region_of(node)), placed[node.id]) < 0.01


def test_a_node_dragged_to_the_other_half_stays_on_its_own() -> None:
    node = NodeData(id=1, name="A", strength="strong", modes=("personal",), areas=("academic",))
    region = region_of(node)
    x, y = clamp_to_region((300.0, -100.0), region)  # far into the technology half
    assert x <= 0 and inside((x, y), region)


def _two_triangles() -> PLN:
    nodes = tuple(NodeData(id=i, name=f"P{i}", strength="weak") for i in range(1, 8))
    pairs = [(1, 2), (2, 3), (1, 3), (4, 5), (5, 6), (4, 6), (3, 4)]
    ties = tuple(AlterTieData(source=a, target=b) for a, b in pairs)
    return PLN(owner=Owner("Me"), nodes=nodes, alter_ties=ties)


def test_clusters_follow_who_knows_whom_and_loners_have_none() -> None:
    clusters = clusters_of(_two_triangles())
    assert 7 not in clusters  # knows no one else
    assert clusters[1] == clusters[2] == clusters[3] != clusters[4] == clusters[5] == clusters[6]


def test_every_node_carries_a_colour_for_each_colour_by_choice_with_a_legend() -> None:
    payload = map_payload(_two_triangles())
    people = [n for n in payload["nodes"] if n["kind"] not in ("ego", "group")]
    for n in people:
        assert set(n["style"]["colors"]) == set(COLOR_BY)
    cluster_colours = {n["node_id"]: n["style"]["colors"]["cluster"] for n in people}
    assert cluster_colours[7] == NEUTRAL
    assert {cluster_colours[1], cluster_colours[4]} == set(CLUSTER_COLORS[:2])
    legend = payload["legend"]["colors"]
    assert set(COLOR_BY) <= set(legend)
    assert [e["label"] for e in legend["cluster"]][:2] == [
        "Cluster 1 · 3 people",
        "Cluster 2 · 3 people",
    ]
    used = {n["style"]["colors"]["strength"] for n in people}
    assert used <= {e["color"] for e in legend["strength"]}


def test_a_sector_with_no_ties_is_marked_empty_on_the_map_and_in_the_drawing() -> None:
    from tiewise.core.svg import render_svg

    nodes = (
        NodeData(id=1, name="Ana", strength="strong", modes=("personal",), areas=("academic",)),
        NodeData(id=2, name="Bo", strength="weak", modes=("technology",), areas=("expertise",)),
        # A prospect does not fill the gap it would fill once added.
        NodeData(
            id=3, name="Cy", strength="absent", modes=("personal",), areas=("informal_community",)
        ),
    )
    pln = PLN(owner=Owner("Me"), nodes=nodes)
    empty = {(c["sector"], c["half"]) for c in map_payload(pln)["guides"]["empty"]}
    assert ("informal_community", "personal") in empty
    assert ("academic", "personal") not in empty and ("expertise", "technology") not in empty
    assert len(empty) == 8 - 2
    svg = render_svg(pln)
    assert svg.count('class="empty-sector"') == 6
    assert svg.count(">No ties yet<") == 6
    force = map_payload(pln, layout="force")
    assert force["guides"]["empty"] == []
    # A co-author whose mode is not set yet is no gap in her area, either half.
    coauthor = NodeData(id=4, name="Di", strength="weak", areas=("professional_identity",))
    with_coauthor = PLN(owner=Owner("Me"), nodes=(*nodes, coauthor))
    empty = {(c["sector"], c["half"]) for c in map_payload(with_coauthor)["guides"]["empty"]}
    assert not {c for c in empty if c[0] == "professional_identity"}
    assert len(empty) == 8 - 4
