"""The map reads at 40 ties and at 3,000: names never collide, the people
who matter are drawn, everyone else is counted exactly once in a group, and
nodes without a mode get a band of their own.

The 40-tie PLN is the demo's own data (tiewise.demo, no database); the big
ones are shaped like an import (mostly co-authors with nothing set) with the
real ties of SNAP ego-Facebook among them when ../shared/data is present."""

from __future__ import annotations

import itertools
import math
import random

import networkx as nx
import pytest

from tiewise.core.labels import Box, text_width
from tiewise.core.layout import rings
from tiewise.core.mapdata import focus_rank, map_payload
from tiewise.core.svg import render_svg
from tiewise.core.types import PLN, AlterTieData, NodeData, Owner
from tiewise.core.vocab import AREAS
from tiewise.demo import ALTER_TIES, NODES

from ..realdata import FACEBOOK, facebook_ties


def demo_pln() -> PLN:
    nodes = tuple(
        NodeData(id=i, name=row[0], kind=row[1], strength=row[2], modes=tuple(row[3]),
                 areas=tuple(row[4]), roles=tuple(row[5]), sector=row[6], reach=row[7])
        for i, row in enumerate(NODES, start=1)
    )  # fmt: skip
    ids = {n.name: n.id for n in nodes}
    ties = tuple(
        AlterTieData(min(ids[a], ids[b]), max(ids[a], ids[b]), s)
        for a, b, s in ALTER_TIES
        if a in ids and b in ids
    )
    return PLN(owner=Owner("Dr. Sam Rivera"), nodes=nodes, alter_ties=ties)


def imported_pln(n: int, seed: int = 5) -> PLN:
    rng = random.Random(seed)
    nodes = []
    for i in range(1, n + 1):
        r = rng.random()
        if r < 0.04:
            extra = dict(
                strength="strong",
                modes=(rng.choice(["personal", "technology"]),),
                areas=(rng.choice(list(AREAS)),),
                roles=(rng.choice(["mentor", "sponsor", "peer"]),),
            )
        elif r < 0.07:
            extra = dict(strength="absent", areas=(rng.choice(list(AREAS)),))
        elif r < 0.3:
            extra = dict(
                modes=(rng.choice(["personal", "technology"]),), areas=(rng.choice(list(AREAS)),)
            )
        else:
            extra = dict(areas=rng.choice([(), ("academic",)]))  # a co-author: mode not set
        nodes.append(NodeData(id=i, name=f"Dr Coauthor {i}", **extra))  # type: ignore[arg-type]
    edges: set[tuple[int, int]] = set()
    if FACEBOOK.exists():
        edges = set(facebook_ties(n))
    else:
        edges = {tuple(sorted(rng.sample(range(1, n + 1), 2))) for _ in range(3 * n)}  # type: ignore[misc]
    return PLN(owner=Owner("Dr Me"), nodes=tuple(nodes),
               alter_ties=tuple(AlterTieData(a, b) for a, b in sorted(edges)))  # fmt: skip


def label_boxes(payload: dict) -> list[tuple[str, Box]]:
    out = []
    for n in payload["nodes"]:
        b = n["label_box"]
        if n["label_shown"] and n["kind"] != "group":
            cx, cy = n["x"] + b["dx"], n["y"] + b["dy"]
            out.append(
                (n["id"], Box(cx - b["w"] / 2, cy - b["h"] / 2, cx + b["w"] / 2, cy + b["h"] / 2))
            )
    return out


def assert_no_collisions(payload: dict) -> None:
    boxes = label_boxes(payload)
    clashes = [(a, b) for (a, ba), (b, bb) in itertools.combinations(boxes, 2) if ba.overlaps(bb)]
    assert clashes == []
    # No label sits on a node, and no two nodes sit on each other.
    for key, box in boxes:
        for n in payload["nodes"]:
            assert not box.hits_circle(n["x"], n["y"], n["style"]["size"] / 2 - 0.5), (key, n["id"])
    # Nor on the rings' names, written on the divider.
    for ring in payload["guides"]["rings"]:
        w = text_width(ring["label"], ring["label_font"])
        name = Box(
            -w / 2,
            ring["label_y"] - ring["label_font"] / 2,
            w / 2,
            ring["label_y"] + ring["label_font"] / 2,
        )
        assert [key for key, box in boxes if box.overlaps(name)] == [], ring["label"]
    for half in payload["guides"]["halves"]:
        w = text_width(half["label"], half["label_font"])
        x0 = -half["label_dx"] - w if half["side"] == "left" else half["label_dx"]
        h = half["label_font"] / 2
        name = Box(x0, half["label_y"] - h, x0 + w, half["label_y"] + h)
        assert [key for key, box in boxes if box.overlaps(name)] == [], half["label"]
    for cell in payload["guides"]["empty"]:
        w, h = text_width(cell["label"], cell["font"]), cell["font"] / 2
        name = Box(cell["x"] - w / 2, cell["y"] - h, cell["x"] + w / 2, cell["y"] + h)
        assert [key for key, box in boxes if box.overlaps(name)] == [], cell
    # Nor on the sectors' names outside the wheel (both halves).
    for sector in payload["guides"]["sectors"]:
        if "label_r" not in sector or sector.get("straddle"):
            continue
        lines, f = sector["label_lines"], sector["label_font"]
        a = math.radians(sector["mid"])
        ax, ay = sector["label_r"] * math.sin(a), -sector["label_r"] * math.cos(a)
        for i, line in enumerate(lines):
            w, y = text_width(line, f), ay + (i - (len(lines) - 1) / 2) * 1.2 * f
            for x0 in (ax, -ax - w):
                name = Box(x0, y - f / 2, x0 + w, y + f / 2)
                assert [key for key, box in boxes if box.overlaps(name)] == [], sector["label"]
    for a, b in itertools.combinations(payload["nodes"], 2):
        gap = math.dist((a["x"], a["y"]), (b["x"], b["y"]))
        assert gap >= (a["style"]["size"] + b["style"]["size"]) / 2 - 0.5, (a["id"], b["id"])


def test_on_the_demo_no_label_overlaps_another_or_a_node_and_the_owners_name_shows():
    payload = map_payload(demo_pln())
    assert_no_collisions(payload)
    ego = next(n for n in payload["nodes"] if n["id"] == "ego")
    assert ego["label_shown"]
    unnamed = [n["label"] for n in payload["nodes"] if not n["label_shown"]]
    assert unnamed == [], "everyone drawn on the demo is named"


def test_on_the_demo_everyone_is_drawn_and_labels_are_readable_at_the_fitted_zoom():
    payload = map_payload(demo_pln())
    assert len(payload["nodes"]) == len(NODES) + 1
    # Fitted to a 600 px circle, a label is at least 12 px and a dot 14 px.
    zoom = 600 / payload["size"]
    assert payload["font_size"] * zoom >= 12
    assert min(n["style"]["size"] for n in payload["nodes"]) * zoom >= 14


@pytest.mark.parametrize("n", [1000, 3000])
def test_a_big_pln_draws_the_people_who_matter_and_counts_everyone_else_once(n: int):
    pln = imported_pln(n)
    payload = map_payload(pln)
    people = [x for x in payload["nodes"] if x["kind"] not in ("ego", "group")]
    groups = [x for x in payload["nodes"] if x["kind"] == "group"]
    # Every tie is drawn itself or counted in exactly one group.
    counted = [i for g in groups for i in g["member_ids"]] + [x["node_id"] for x in people]
    assert sorted(counted) == sorted(node.id for node in pln.nodes)
    assert sum(g["count"] for g in groups) + len(people) == n == payload["total"]
    assert len(payload["nodes"]) + len(payload["edges"]) <= 300
    mentors = [x for x in people if "mentor" in x["roles"]]
    assert mentors and all(x["strength"] == "strong" for x in mentors)
    assert_no_collisions(payload)
    # The people drawn are the ones who matter: each is named, none left a bare dot.
    assert [x["label"] for x in people if not x["label_shown"]] == []


@pytest.mark.parametrize("n", [40, 1000, 3000])
def test_a_phones_worksheet_names_fewer_people_larger_and_still_counts_everyone_once(n: int):
    """At 390 px the wheel is about 300 px wide: the compact payload's names
    are at least 9 px there (the desktop's would be 7), never collide, and
    everyone drawn is named; the rest are counted once in groups."""
    pln = demo_pln() if n == 40 else imported_pln(n)
    desktop, phone = map_payload(pln), map_payload(pln, compact=True)
    assert phone["compact"] and not desktop["compact"]
    zoom = 300 / phone["size"]
    assert phone["font_size"] * zoom >= 9 > desktop["font_size"] * zoom
    assert_no_collisions(phone)
    people = [x for x in phone["nodes"] if x["kind"] not in ("ego", "group")]
    groups = [x for x in phone["nodes"] if x["kind"] == "group"]
    assert [x["label"] for x in people if not x["label_shown"]] == []
    counted = [i for g in groups for i in g["member_ids"]] + [x["node_id"] for x in people]
    assert sorted(counted) == sorted(node.id for node in pln.nodes)
    desktop_people = [x for x in desktop["nodes"] if x["kind"] not in ("ego", "group")]
    assert len(people) < len(desktop_people)
    # The fewer are the ones who matter most, picked first from the same
    # order: each one the phone names for mattering the desktop names too
    # (a group of one is drawn as its person, so those may differ).
    by_id = {node.id: node for node in pln.nodes}
    mattering = {x["node_id"] for x in people if focus_rank(by_id[x["node_id"]]) is not None}
    assert mattering <= {x["node_id"] for x in desktop_people}
    assert any("mentor" in x["roles"] for x in people)


def test_nodes_without_a_mode_fan_out_in_their_own_band_below_the_owner():
    payload = map_payload(imported_pln(3000))
    unset = [x for x in payload["nodes"] if x.get("half") == "unset"]
    assert unset
    for x in unset:
        bearing = math.degrees(math.atan2(x["x"], -x["y"])) % 360
        assert 149 <= bearing <= 211, x["id"]
    assert len({round(x["x"]) for x in unset}) == len(unset)  # not one column


def test_a_group_lists_its_members_round_its_bubble():
    pln = imported_pln(1000)
    payload = map_payload(pln)
    biggest = max((x for x in payload["nodes"] if x["kind"] == "group"), key=lambda g: g["count"])
    members = map_payload(pln, group=biggest["id"])
    assert members["group"] == biggest["id"]
    assert sorted(x["node_id"] for x in members["nodes"]) == sorted(biggest["member_ids"])
    with pytest.raises(KeyError):
        map_payload(pln, group="g-weak-personal-nowhere")


def test_weak_ties_stay_dotted_and_nodes_stay_in_their_rings_in_the_drawing():
    payload = map_payload(imported_pln(2000))
    bands = {r["strength"]: (r["inner"], r["outer"]) for r in rings(payload["size"])}
    for x in payload["nodes"]:
        if x["kind"] == "ego":
            continue
        inner, outer = bands[x["strength"]]
        assert inner - 1 <= math.hypot(x["x"], x["y"]) <= outer + 1, x["id"]
    styles = {e["strength"]: e["line_style"] for e in payload["edges"] if e["kind"] != "alter"}
    assert styles == {"strong": "solid", "weak": "dotted"}


def test_the_alter_ties_drawn_are_real_ties_among_the_people_drawn():
    """Checked against networkx: the edges drawn are the induced subgraph
    (capped), never a tie to someone who is inside a group."""
    pln = imported_pln(2000)
    graph = nx.Graph((t.source, t.target) for t in pln.alter_ties)
    payload = map_payload(pln)
    drawn = {x["node_id"] for x in payload["nodes"] if x["kind"] not in ("ego", "group")}
    induced = graph.subgraph(drawn)
    shown = {
        (int(e["source"][1:]), int(e["target"][1:]))
        for e in payload["edges"]
        if e["kind"] == "alter"
    }
    assert shown <= {tuple(sorted(e)) for e in induced.edges}
    assert len(shown) == min(60, induced.number_of_edges())


def test_the_printed_map_names_people_and_counts_groups_at_three_thousand():
    svg = render_svg(imported_pln(3000))
    assert "Dr Coauthor" in svg
    assert 'class="group"' in svg and "data-count=" in svg
    assert svg.count("<text") < 400  # bounded, whatever the size


def test_the_same_pln_and_seed_give_the_same_map_every_time():
    """Crowded nodes are nudged apart in a fixed order (it once followed
    memory addresses, so one PLN's map changed between requests)."""
    pln = imported_pln(1000)
    first = map_payload(pln, clusters={})
    clutter = [dict(x=i) for i in range(5000)]  # moves where new objects land
    again = map_payload(imported_pln(1000), clusters={})
    assert again == first
    assert clutter
