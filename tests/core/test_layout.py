"""The worksheet and force layouts place nodes where a coach expects them."""

from __future__ import annotations

import math
import random
from dataclasses import replace

from tiewise.core.layout import (
    circle_layout,
    force_layout,
    rings,
    sector_bounds,
    worksheet_layout,
)
from tiewise.core.types import PLN, AlterTieData, NodeData, Owner
from tiewise.core.vocab import AREAS

OWNER = Owner("Dr Owner")


def node(node_id: int, **fields: object) -> NodeData:
    fields.setdefault("name", f"Node {node_id}")
    return NodeData(id=node_id, **fields)  # type: ignore[arg-type]


def pln_of(*nodes: NodeData, ties: tuple[AlterTieData, ...] = ()) -> PLN:
    return PLN(owner=OWNER, nodes=nodes, alter_ties=ties)


def distance(point: tuple[float, float]) -> float:
    return math.hypot(*point)


def bearing(point: tuple[float, float]) -> float:
    """Degrees clockwise from the top, folded onto the right half."""
    x, y = point
    return math.degrees(math.atan2(abs(x), -y))


def big_pln(count: int = 2000, seed: int = 3) -> PLN:
    rng = random.Random(seed)
    modes = [("personal",), ("technology",), ("personal", "technology"), ()]
    nodes = tuple(
        node(
            i,
            name=rng.choice(["Ana", "Bo", "Chen", "Dee"]),  # many share a name
            strength=rng.choice(["strong", "weak", "absent"]),
            modes=rng.choice(modes),
            areas=tuple(rng.sample(list(AREAS), rng.randint(0, 2))),
        )
        for i in range(1, count + 1)
    )
    ties = {
        (min(i, j), max(i, j))
        for i in range(1, count + 1)
        for j in (rng.randint(1, count) for _ in range(2))
        if i != j
    }
    return pln_of(*nodes, ties=tuple(AlterTieData(a, b) for a, b in sorted(ties)))


def test_strong_ties_sit_closer_to_the_owner_than_weak_ties_and_prospects():
    pln = pln_of(
        *(node(i, strength="strong", modes=("personal",), areas=("academic",)) for i in (1, 2)),
        *(node(i, strength="weak", modes=("personal",), areas=("academic",)) for i in (3, 4)),
        *(node(i, strength="absent", modes=("personal",), areas=("academic",)) for i in (5, 6)),
    )
    pos = worksheet_layout(pln)
    strong = max(distance(pos[i]) for i in (1, 2))
    weak = [distance(pos[i]) for i in (3, 4)]
    prospects = min(distance(pos[i]) for i in (5, 6))
    assert strong < min(weak)
    assert max(weak) < prospects


def test_each_node_stays_inside_its_strength_ring():
    pln = big_pln(600)
    pos = worksheet_layout(pln)
    band = {r["strength"]: (r["inner"], r["outer"]) for r in rings(1000)}
    for n in pln.nodes:
        inner, outer = band[n.strength]
        assert inner - 1 <= distance(pos[n.id]) <= outer + 1


def test_personal_ties_go_left_technology_ties_right_and_both_on_the_divider():
    pln = pln_of(
        node(1, modes=("personal",)),
        node(2, modes=("technology",)),
        node(3, modes=("personal", "technology")),
        node(4, modes=()),
        node(5, modes=("technology",), strength="absent", areas=("expertise",)),
    )
    pos = worksheet_layout(pln)
    assert pos[1][0] < 0
    assert pos[2][0] > 0
    assert pos[5][0] > 0
    assert abs(pos[3][0]) < 0.03 * 1000
    assert abs(pos[4][0]) < 0.03 * 1000


def test_ties_of_both_modes_spread_over_the_top_wedge_not_down_the_divider():
    pln = pln_of(*(node(i, modes=("personal", "technology")) for i in range(1, 60)))
    pos = worksheet_layout(pln)
    bearings = [math.degrees(math.atan2(x, -y)) for x, y in pos.values()]
    assert all(-15.001 <= b <= 15.001 for b in bearings)
    assert max(bearings) - min(bearings) > 20  # spread across the wedge
    points = list(pos.values())
    assert min(math.dist(a, b) for i, a in enumerate(points) for b in points[i + 1 :]) > 10


def test_many_ties_without_a_mode_spread_over_their_own_wedge_at_the_foot():
    """The co-authors of an import have no mode yet: they must not stack in
    one column on the centre line."""
    pln = pln_of(*(node(i, areas=(("academic",), ())[i % 2]) for i in range(1, 120)))
    pos = worksheet_layout(pln)
    bearings = [math.degrees(math.atan2(x, -y)) % 360 for x, y in pos.values()]
    assert all(149.999 <= b <= 210.001 for b in bearings)
    xs = [x for x, _ in pos.values()]
    assert max(xs) - min(xs) > 0.2 * 1000  # a fan, not a column
    points = list(pos.values())
    assert min(math.dist(a, b) for i, a in enumerate(points) for b in points[i + 1 :]) > 10


def test_nodes_of_one_area_share_a_sector_on_both_halves():
    sectors = {s["key"]: (s["start"], s["end"]) for s in sector_bounds()}
    nodes = [
        node(i * 10 + k, areas=(area,), modes=(mode,), strength=strength)
        for i, area in enumerate(AREAS)
        for k, (mode, strength) in enumerate(
            [("personal", "strong"), ("technology", "weak"), ("personal", "absent")]
        )
    ]
    pos = worksheet_layout(pln_of(*nodes))
    for n in nodes:
        start, end = sectors[n.areas[0]]
        assert start <= bearing(pos[n.id]) <= end, n


def test_a_node_with_several_areas_goes_in_its_first_and_one_with_none_is_unplaced():
    sectors = {s["key"]: (s["start"], s["end"]) for s in sector_bounds()}
    pos = worksheet_layout(
        pln_of(
            node(1, areas=("informal_community", "academic"), modes=("personal",)),
            node(2, areas=(), modes=("technology",)),
        )
    )
    assert sectors["informal_community"][0] <= bearing(pos[1]) <= sectors["informal_community"][1]
    assert sectors["unplaced"][0] <= bearing(pos[2]) <= sectors["unplaced"][1]


def test_the_sectors_run_top_to_bottom_in_vocabulary_order():
    keys = [s["key"] for s in sector_bounds()]
    assert keys == ["both", *AREAS, "unplaced", "mode_unset"]
    assert sector_bounds()[0]["start"] == 0
    assert sector_bounds()[-1]["end"] == 180
    assert [s["key"] for s in sector_bounds() if s["straddle"]] == ["both", "mode_unset"]


def test_the_same_data_and_seed_give_the_same_picture():
    pln = big_pln(300)
    assert worksheet_layout(pln, seed=5) == worksheet_layout(pln, seed=5)
    assert force_layout(pln, seed=5) == force_layout(pln, seed=5)


def test_node_order_in_the_input_does_not_matter():
    pln = big_pln(200)
    shuffled = replace(pln, nodes=tuple(reversed(pln.nodes)))
    assert worksheet_layout(pln) == worksheet_layout(shuffled)
    assert force_layout(pln) == force_layout(shuffled)


def test_adding_someone_elsewhere_leaves_the_rest_of_the_map_in_place():
    pln = pln_of(
        node(1, strength="strong", modes=("personal",), areas=("academic",)),
        node(2, strength="weak", modes=("technology",), areas=("expertise",)),
        node(3, strength="weak", modes=("technology",), areas=("expertise",)),
    )
    before = worksheet_layout(pln)
    newcomer = node(4, strength="absent", modes=("personal",), areas=("academic",))
    after = worksheet_layout(replace(pln, nodes=(*pln.nodes, newcomer)))
    assert all(after[i] == before[i] for i in (1, 2, 3))


def test_two_thousand_nodes_never_share_a_point():
    pln = big_pln(2000)
    for positions in (worksheet_layout(pln), force_layout(pln)):
        assert len(positions) == 2000
        assert len(set(positions.values())) == 2000


def test_crowded_worksheet_nodes_keep_a_little_distance():
    pos = worksheet_layout(big_pln(2000))
    points = sorted(pos.values())
    nearest = min(math.dist(a, b) for i, a in enumerate(points) for b in points[i + 1 : i + 40])
    assert nearest > 0.5


def test_a_star_network_without_alter_ties_falls_back_to_a_circle():
    pln = pln_of(*(node(i, strength="strong") for i in range(1, 9)))
    pos = force_layout(pln)
    assert pos == circle_layout(pln)
    radii = {round(distance(p), 3) for p in pos.values()}
    assert len(radii) == 1
    assert len(set(pos.values())) == 8


def test_the_force_layout_pulls_acquaintances_together_and_leaves_the_centre_free():
    clique_a = [node(i) for i in range(1, 7)]
    clique_b = [node(i) for i in range(11, 17)]
    ties = tuple(
        AlterTieData(a.id, b.id)
        for group in (clique_a, clique_b)
        for a in group
        for b in group
        if a.id < b.id
    ) + (AlterTieData(1, 11),)
    pos = force_layout(pln_of(*clique_a, *clique_b, ties=ties), seed=2)

    def spread(group: list[NodeData]) -> float:
        return max(math.dist(pos[a.id], pos[b.id]) for a in group for b in group)

    between = min(math.dist(pos[a.id], pos[b.id]) for a in clique_a[1:] for b in clique_b[1:])
    assert between > 0.5 * max(spread(clique_a), spread(clique_b))
    assert min(distance(p) for p in pos.values()) >= 0.1 * 1000 - 1
    assert max(distance(p) for p in pos.values()) <= 0.48 * 1000 + 1


def test_an_empty_pln_has_nothing_to_place():
    assert worksheet_layout(pln_of()) == {}
    assert force_layout(pln_of()) == {}
