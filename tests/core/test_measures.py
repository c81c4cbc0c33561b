"""Composition, diversity and structure measures, checked against their
definitions and against networkx on small hand-built and random graphs."""

from __future__ import annotations

import itertools
import math

import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tiewise.core.analysis.measures import (
    blau,
    categories,
    composition,
    coverage_matrix,
    describe,
    diversity,
    ei_index,
    ei_summary,
    field_values,
    iqv,
    mode_balance,
    weak_tie_share,
)
from tiewise.core.analysis.structure import (
    alter_betweenness,
    alter_graph,
    communities,
    ego_structure,
    network_structure,
    only_bridges,
)
from tiewise.core.types import AlterTieData, NodeData
from tiewise.core.vocab import ROLES, SECTORS

from ..realdata import FACEBOOK, facebook_ties

EGO = "ego"


def ego_graph(n: int, edges: list[tuple[int, int]]) -> nx.Graph:
    """The networkx ego graph: alters 0..n-1, the ego tied to each."""
    g = nx.Graph()
    g.add_nodes_from(range(n))
    g.add_edges_from(edges)
    g.add_edges_from((EGO, i) for i in range(n))
    return g


def networkx_ego_measures(n: int, edges: list[tuple[int, int]]) -> dict[str, float]:
    g = ego_graph(n, edges)
    eff = nx.effective_size(g, [EGO])[EGO]
    return {
        "effective_size": eff,
        "efficiency": eff / n,
        "constraint": nx.constraint(g, [EGO])[EGO],
        "density_with_ego": nx.density(g),
    }


random_graphs = st.integers(min_value=1, max_value=14).flatmap(
    lambda n: st.tuples(
        st.just(n),
        st.lists(
            st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)).filter(lambda e: e[0] != e[1]),
            max_size=40,
        ),
    )
)


# -- diversity -----------------------------------------------------------------


def test_blau_is_zero_when_everyone_shares_one_category():
    assert blau(["medicine"] * 4) == 0.0


def test_blau_of_an_even_split_over_k_categories_is_one_minus_one_over_k():
    assert blau(["a", "b", "c", "d"]) == pytest.approx(1 - 1 / 4)


def test_iqv_is_one_when_ties_spread_evenly_over_every_possible_category():
    values = list(SECTORS)
    assert iqv(values, len(SECTORS)) == pytest.approx(1.0)


def test_iqv_rescales_blau_by_its_maximum():
    # Two of three alike: Blau = 1 - (4/9 + 1/9) = 4/9, and the maximum for k=3 is 2/3.
    assert iqv(["a", "a", "b"], 3) == pytest.approx((4 / 9) / (2 / 3))


def test_blau_and_iqv_are_none_for_no_values_rather_than_nan():
    assert blau([]) is None
    assert iqv([], 7) is None
    assert iqv(["a"], 1) is None


def test_ei_index_is_minus_one_when_all_alters_share_the_egos_group():
    assert ei_index("medicine", ["medicine", "medicine"]) == -1.0


def test_ei_index_is_plus_one_when_all_alters_are_outside():
    assert ei_index("local", ["national", "international"]) == 1.0


def test_ei_index_leaves_out_alters_with_an_unknown_value():
    assert ei_index("medicine", ["medicine", "industry", "", None]) == 0.0
    assert ei_index("medicine", ["", None]) is None


def test_ei_summary_counts_inside_outside_and_unknown_sectors():
    nodes = [
        NodeData(1, "A", sector="medicine"),
        NodeData(2, "B", sector="medicine"),
        NodeData(3, "C", sector="industry"),
        NodeData(4, "D"),
    ]
    s = ei_summary(nodes, "sector", "medicine")
    assert (s["inside"], s["outside"], s["unknown"]) == (2, 1, 1)
    assert s["ei"] == pytest.approx((1 - 2) / 3)
    assert s["inside_share"] == pytest.approx(2 / 3)


# -- composition -----------------------------------------------------------------


def test_composition_counts_each_value_of_a_multi_valued_field():
    nodes = [
        NodeData(1, "A", roles=("mentor", "sponsor")),
        NodeData(2, "B", roles=("mentor",)),
        NodeData(3, "C"),
    ]
    c = composition(nodes, "roles")
    assert c["counts"]["mentor"] == 2
    assert c["counts"]["sponsor"] == 1
    assert c["total"] == 3
    assert c["unknown"] == 1
    assert c["shares"]["mentor"] == pytest.approx(2 / 3)
    assert c["node_shares"]["mentor"] == pytest.approx(2 / 3)
    assert sum(c["shares"].values()) == pytest.approx(1.0)


def test_composition_lists_every_vocabulary_value_so_a_gap_shows_as_zero():
    c = composition([NodeData(1, "A", roles=("peer",))], "roles")
    assert list(c["counts"])[: len(ROLES)] == list(ROLES)
    assert c["counts"]["sponsor"] == 0


def test_free_text_fields_group_spellings_case_insensitively():
    nodes = [NodeData(1, "A", country="UK"), NodeData(2, "B", country="uk "), NodeData(3, "C")]
    c = composition(nodes, "country")
    assert c["counts"] == {"UK": 2}
    assert c["unknown"] == 1


def test_iqv_of_a_vocabulary_field_uses_the_vocabulary_size_as_k():
    nodes = [NodeData(1, "A", sector="medicine"), NodeData(2, "B", sector="industry")]
    d = diversity(nodes, "sector")
    assert d["k"] == len(SECTORS)
    assert d["iqv"] == pytest.approx(0.5 / (1 - 1 / len(SECTORS)))


def test_iqv_of_a_free_text_field_uses_the_observed_categories_as_k():
    nodes = [NodeData(1, "A", profession="nurse"), NodeData(2, "B", profession="surgeon")]
    d = diversity(nodes, "profession")
    assert d["k"] == 2
    assert d["iqv"] == pytest.approx(1.0)


def test_a_value_outside_the_vocabulary_still_keeps_iqv_at_most_one():
    assert categories("sector", ["medicine", "astrology"]) == len(SECTORS) + 1


def test_weak_tie_share_ignores_prospects_and_is_none_without_ties():
    nodes = [
        NodeData(1, "A", strength="weak"),
        NodeData(2, "B", strength="strong"),
        NodeData(3, "C", strength="strong"),
        NodeData(4, "D", strength="absent"),
    ]
    assert weak_tie_share(nodes) == pytest.approx(1 / 3)
    assert weak_tie_share([NodeData(4, "D", strength="absent")]) is None


def test_mode_balance_separates_personal_technology_and_both():
    nodes = [
        NodeData(1, "A", modes=("personal",)),
        NodeData(2, "B", modes=("technology", "personal")),
        NodeData(3, "C", modes=("technology",)),
        NodeData(4, "D", modes=("technology",)),
        NodeData(5, "E"),
    ]
    m = mode_balance(nodes)
    assert m["counts"] == {"personal": 1, "technology": 2, "both": 1, "unknown": 1}
    assert m["shares"]["technology"] == pytest.approx(0.5)


def test_coverage_matrix_places_each_node_in_each_of_its_areas_and_roles():
    nodes = [
        NodeData(1, "A", areas=("academic", "expertise"), roles=("mentor",)),
        NodeData(2, "B", areas=("academic",), roles=("peer", "friend")),
    ]
    cov = coverage_matrix(nodes)
    row = cov["areas"].index("academic")
    assert cov["matrix"][row][cov["roles"].index("mentor")] == 1
    assert cov["matrix"][row][cov["roles"].index("peer")] == 1
    assert cov["per_area"]["academic"] == 2
    assert cov["empty_areas"] == ["professional_identity", "informal_community"]


# -- Burt's measures ---------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(random_graphs)
def test_ego_measures_equal_networkx_on_random_ego_networks(graph):
    n, edges = graph
    ours = ego_structure(n, edges)
    theirs = networkx_ego_measures(n, edges)
    assert ours.effective_size == pytest.approx(theirs["effective_size"], abs=1e-9)
    assert ours.efficiency == pytest.approx(theirs["efficiency"], abs=1e-9)
    assert ours.constraint == pytest.approx(theirs["constraint"], abs=1e-9)
    assert ours.density_with_ego == pytest.approx(theirs["density_with_ego"], abs=1e-9)
    if n > 1:
        alters = ego_graph(n, edges).subgraph(range(n))
        assert ours.density == pytest.approx(nx.density(alters), abs=1e-9)


def test_a_star_has_full_effective_size_and_the_lowest_constraint():
    s = ego_structure(4, [])
    assert s.effective_size == 4
    assert s.efficiency == 1
    assert s.constraint == pytest.approx(4 * (1 / 4) ** 2)
    assert s.density == 0


def test_a_single_alter_constrains_the_ego_completely():
    s = ego_structure(1, [])
    assert (s.effective_size, s.efficiency, s.constraint) == (1, 1, 1)
    assert s.density is None


def test_an_empty_ego_network_has_no_measures_instead_of_nan():
    s = ego_structure(0, [])
    assert s.size == 0
    assert s.effective_size is None
    assert s.constraint is None
    assert s.density is None


def test_repeated_and_reversed_alter_ties_count_once():
    assert ego_structure(3, [(0, 1), (1, 0), (0, 1), (2, 2)]) == ego_structure(3, [(0, 1)])


# -- betweenness, clusters, bridges ---------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(random_graphs)
def test_alter_betweenness_equals_networkx_normalised_betweenness(graph):
    n, edges = graph
    values, sampled = alter_betweenness(n, edges)
    g = nx.Graph()
    g.add_nodes_from(range(n))
    g.add_edges_from(edges)
    expected = nx.betweenness_centrality(g)
    assert sampled is None
    for i in range(n):
        assert values[i] == pytest.approx(expected[i], abs=1e-9)


def test_large_networks_get_betweenness_from_a_sample_that_finds_the_same_top_broker():
    g = nx.karate_club_graph()
    edges = list(g.edges())
    exact, _ = alter_betweenness(34, edges)
    # A work budget just under n * (n + m) forces sampling, here of 33 of the 34 alters.
    sampled, k = alter_betweenness(34, edges, max_work=34 * (34 + len(edges)) - 1)
    assert k == 33
    assert np.argmax(sampled) == np.argmax(exact)
    assert np.allclose(sampled, exact, atol=0.05)


def test_the_sampled_betweenness_of_a_real_network_stays_close_to_the_exact_one():
    """The error of the approximation, measured on ego-Facebook's first 1,500
    people (18,256 ties) with a tenth of the exact work (150 sources), the
    share the production budget leaves at 3,000 alters."""
    if not FACEBOOK.exists():
        pytest.skip(f"{FACEBOOK} is missing: the real network lives in ../shared/data")
    n = 1500
    edges = {(a - 1, b - 1) for a, b in facebook_ties(n)}
    exact, none = alter_betweenness(n, sorted(edges), max_work=10**12)
    estimate, k = alter_betweenness(n, sorted(edges), max_work=n * (n + len(edges)) // 10)
    assert none is None and k == 150
    top = lambda v: set(np.argsort(-v)[:10].tolist())  # noqa: E731
    assert len(top(exact) & top(estimate)) >= 8, "the same brokers come out on top"
    assert np.corrcoef(exact, estimate)[0, 1] > 0.99
    # Measured: at most 0.033 off, where the top broker has 0.668.
    assert np.abs(exact - estimate).max() < 0.05


def test_sampled_betweenness_is_repeatable_for_a_seed():
    g = nx.karate_club_graph()
    edges = list(g.edges())
    a, _ = alter_betweenness(34, edges, max_work=500, seed=3)
    b, _ = alter_betweenness(34, edges, max_work=500, seed=3)
    assert np.array_equal(a, b)


def two_triangles_and_a_link() -> list[tuple[int, int]]:
    return [(0, 1), (1, 2), (0, 2), (3, 4), (4, 5), (3, 5), (2, 3)]


def test_communities_are_repeatable_and_split_two_linked_triangles():
    edges = two_triangles_and_a_link()
    first = communities(6, edges, seed=1)
    assert np.array_equal(first, communities(6, edges, seed=1))
    assert len(set(first[:3])) == 1
    assert len(set(first[3:])) == 1
    assert first[0] != first[3]


def test_communities_of_a_large_graph_do_not_change_between_runs():
    g = nx.connected_caveman_graph(8, 6)
    edges = list(g.edges())
    assert np.array_equal(communities(48, edges, seed=5), communities(48, edges, seed=5))


def test_the_alter_holding_a_cluster_to_the_rest_is_its_only_bridge():
    # Three cliques of four; clique C (8..11) hangs on alter 8, who knows 0 and 4.
    cliques = [range(0, 4), range(4, 8), range(8, 12)]
    edges = [e for c in cliques for e in itertools.combinations(c, 2)]
    edges += [(0, 4), (1, 5), (2, 6), (0, 8), (4, 8)]
    m = communities(12, edges, seed=1)
    bridges = only_bridges(12, edges, m)
    assert (8, int(m[9])) in bridges
    # Clusters A and B are tied by several people: no single bridge to either.
    assert all(x == 8 for x, _ in bridges)


def test_well_connected_clusters_have_no_only_bridge():
    cliques = [range(0, 4), range(4, 8)]
    edges = [e for c in cliques for e in itertools.combinations(c, 2)]
    edges += [(0, 4), (1, 5), (2, 6)]
    assert only_bridges(8, edges, communities(8, edges, seed=1)) == []


def test_alter_graph_drops_ties_to_nodes_outside_the_ego_network():
    alters = [NodeData(10, "A"), NodeData(20, "B"), NodeData(30, "C")]
    ties = [AlterTieData(10, 20), AlterTieData(20, 99), AlterTieData(30, 30)]
    ids, edges = alter_graph(alters, ties)
    assert ids.tolist() == [10, 20, 30]
    assert edges.tolist() == [[0, 1]]


def test_network_structure_finds_isolates_components_and_brokers():
    alters = [NodeData(i, f"N{i}") for i in range(1, 7)]
    ties = [AlterTieData(1, 2), AlterTieData(2, 3), AlterTieData(4, 5)]
    s = network_structure(alters, ties)
    assert s["isolates"] == [6]
    assert s["components"] == 3
    assert s["largest_component"] == 3
    assert [b["node_id"] for b in s["brokers"]] == [2]
    assert not any(math.isnan(v) for v in s["betweenness"].values())


def test_network_structure_of_no_alters_has_no_nan():
    s = network_structure([], [])
    assert s["size"] == 0
    assert s["components"] == 0
    assert s["brokers"] == []
    assert s["clusters"] == []


def _values_as_defined(raw: object) -> tuple[str, ...]:
    """A field's values as the report defines them: a tuple's non-empty
    items, or a stripped string when it is not empty."""
    if isinstance(raw, tuple):
        return tuple(v for v in raw if v)
    value = str(raw).strip()
    return (value,) if value else ()


_texts = st.text(alphabet=" \tab,", max_size=5)


@given(st.lists(st.tuples(_texts, st.lists(_texts, max_size=3)), max_size=8))
def test_field_values_read_fast_as_the_definition_reads_them(rows: list) -> None:
    """The report reads each field of every node in one pass with fast paths
    for clean values; messy ones (padded, empty, empty items) count the same."""
    nodes = [NodeData(i, "n", sector=s, roles=tuple(r)) for i, (s, r) in enumerate(rows)]
    assert field_values(nodes, "roles") == [v for n in nodes for v in _values_as_defined(n.roles)]
    assert field_values(nodes, "sector") == [v for n in nodes for v in _values_as_defined(n.sector)]
    comp = composition(nodes, "sector")
    assert comp["unknown"] == sum(1 for n in nodes if not n.sector.strip())


def _described_as_defined(nodes: list[NodeData], field: str) -> tuple[dict, dict]:
    """Composition and diversity straight from the definition: every node's
    values, counted in the order they are met."""
    per_node = [_values_as_defined(getattr(n, field)) for n in nodes]
    if field in ("profession", "country"):  # one spelling per case-folded value: the first met
        first: dict[str, str] = {}
        per_node = [tuple(first.setdefault(v.casefold(), v) for v in vs) for vs in per_node]
    values = [v for vs in per_node for v in vs]
    counts: dict[str, int] = {}
    for v in values:
        counts[v] = counts.get(v, 0) + 1
    vocab = {"sector": SECTORS, "roles": ROLES}.get(field)
    if vocab is not None:
        order = list(vocab) + sorted(set(counts) - set(vocab))
    else:
        order = sorted(counts, key=lambda v: (-counts[v], v.casefold()))
    total, n = len(values), len(nodes)
    comp = {
        "counts": {k: counts.get(k, 0) for k in order},
        "shares": {k: counts.get(k, 0) / total for k in order} if total else {},
        "node_shares": {k: counts.get(k, 0) / n for k in order} if n else {},
        "total": total,
        "unknown": sum(1 for vs in per_node if not vs),
    }
    k = len(set(vocab) | set(counts)) if vocab is not None else len(counts)
    return comp, {"blau": blau(values), "iqv": iqv(values, k), "k": k, "observed": len(counts)}


_spelt = st.sampled_from(["", " ", "UK", "uk", " Uk", "medicine", "industry", "Nurse", "nurse "])


@given(st.lists(st.tuples(_spelt, _spelt, st.lists(_spelt, max_size=3)), max_size=30))
def test_describe_counts_distinct_values_as_the_definition_counts_every_node(rows: list) -> None:
    """`describe` counts each distinct raw value once and weighs it by how
    often it occurs; figures, their order and the first spelling shown are
    exactly what counting node by node gives (floats included: their sums
    run in the same order)."""
    nodes = [
        NodeData(i, "n", sector=s, country=c, roles=tuple(r)) for i, (s, c, r) in enumerate(rows)
    ]
    for field in ("sector", "country", "roles"):
        assert describe(nodes, field) == _described_as_defined(nodes, field)


def test_describe_reads_an_unhashable_value_node_by_node() -> None:
    """A caller's list where a tuple belongs cannot be counted as a key; it is
    read node by node, as the definition reads it, rather than failing."""
    nodes = [NodeData(1, "a", roles=["mentor", ""]), NodeData(2, "b", roles=("mentor",))]  # type: ignore[arg-type]
    assert describe(nodes, "roles") == _described_as_defined(nodes, "roles")
    assert describe(nodes, "roles")[0]["counts"]["mentor"] == 1


_modes = st.lists(st.sampled_from(["personal", "technology", "", "other"]), max_size=3)
_areas = st.lists(st.sampled_from(["academic", "clinical", "leadership", "x", ""]), max_size=3)
_roles = st.lists(st.sampled_from(["mentor", "peer", "sponsor", "nope", ""]), max_size=3)


@given(st.lists(st.tuples(_spelt, _modes, _areas, _roles), max_size=30))
def test_tallied_measures_equal_reading_every_node(rows: list) -> None:
    """E-I, mode balance and the coverage matrix count each distinct value
    once and weigh it by how often it occurs: the figures are exactly what
    reading node by node gives, as the definitions below read them. A
    caller's lists where tuples belong count the same."""
    nodes = [
        NodeData(i, "n", sector=s, modes=tuple(m), areas=tuple(a), roles=tuple(r))
        for i, (s, m, a, r) in enumerate(rows)
    ]
    values = [str(n.sector).strip() for n in nodes]
    known = [v for v in values if v]
    inside = sum(1 for v in known if v == "medicine")
    assert ei_summary(nodes, "sector", "medicine") == {
        "inside": inside, "outside": len(known) - inside, "unknown": len(values) - len(known),
        "inside_share": inside / len(known) if known else None,
        "ei": ei_index("medicine", known),
    }  # fmt: skip
    counts = {"personal": 0, "technology": 0, "both": 0, "unknown": 0}
    for n in nodes:
        p, t = "personal" in n.modes, "technology" in n.modes
        counts["both" if p and t else "personal" if p else "technology" if t else "unknown"] += 1
    assert mode_balance(nodes)["counts"] == counts
    cov = coverage_matrix(nodes)
    for i, area in enumerate(cov["areas"]):
        placed = [n for n in nodes if area in n.areas]
        assert cov["per_area"][area] == len(placed)
        for j, role in enumerate(cov["roles"]):
            assert cov["matrix"][i][j] == sum(1 for n in placed if role in n.roles)
    as_lists = [
        NodeData(n.id, n.name, sector=n.sector, modes=list(n.modes), areas=list(n.areas),  # type: ignore[arg-type]
                 roles=list(n.roles))  # type: ignore[arg-type]
        for n in nodes
    ]  # fmt: skip
    assert mode_balance(as_lists) == mode_balance(nodes)
    assert coverage_matrix(as_lists) == coverage_matrix(nodes)
