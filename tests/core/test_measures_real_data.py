"""Measures on ego networks cut from real data, checked against networkx and
against values third parties published (reference_values/).

The data live in ../shared/data (not all of it may be copied here); each test
skips with the reason when its file is missing.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

import networkx as nx
import pytest

from tiewise.core.analysis.measures import blau, ei_index, iqv
from tiewise.core.analysis.structure import alter_betweenness, ego_structure

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"
REF = DATA / "reference_values"
#: Reference values are printed with six decimals: agree to half a unit of the last one.
PRINTED = 5.0001e-7


def need(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"needs {path} (real network data from ../shared/data)")
    return path


def rows(path: Path) -> list[dict[str, str]]:
    with need(path).open(newline="") as fh:
        return list(csv.DictReader(fh))


def cut_ego(g: nx.Graph, ego: object) -> tuple[list[object], list[tuple[int, int]]]:
    """The ego's alters (sorted) and their ties as index pairs."""
    alters = sorted(g[ego], key=str)
    index = {a: i for i, a in enumerate(alters)}
    edges = [(index[u], index[v]) for u, v in g.subgraph(alters).edges()]
    return alters, edges


def check_against_networkx(g: nx.Graph, ego: object) -> None:
    """Ours on the ego network equals networkx on the ego graph, to 1e-9."""
    alters, edges = cut_ego(g, ego)
    n = len(alters)
    eg = nx.ego_graph(g, ego)
    ours = ego_structure(n, edges)
    eff = nx.effective_size(eg, [ego])[ego]
    assert ours.effective_size == pytest.approx(eff, abs=1e-9)
    assert ours.efficiency == pytest.approx(eff / n, abs=1e-9)
    assert ours.constraint == pytest.approx(nx.constraint(eg, [ego])[ego], abs=1e-9)
    if n > 1:
        assert ours.density == pytest.approx(nx.density(eg.subgraph(alters)), abs=1e-9)
    values, _ = alter_betweenness(n, edges)
    expected = nx.betweenness_centrality(eg.subgraph(alters))
    for i, a in enumerate(alters):
        assert values[i] == pytest.approx(expected[a], abs=1e-9)


# -- Lazega law firm ----------------------------------------------------------------


def lazega(relation: str) -> tuple[nx.Graph, dict[int, str]]:
    base = DATA / "lazega-law-firm"
    office = {int(r["id"]): r["office"] for r in rows(base / "lazega_nodes.csv")}
    g = nx.Graph()
    g.add_nodes_from(office)
    g.add_edges_from(
        (int(r["source"]), int(r["target"]))
        for r in rows(base / "lazega_edges.csv")
        if r["relation"] == relation and r["source"] != r["target"]
    )
    return g, office


LAZEGA = {"advice": "advice", "cowork": "cowork", "friendship": "friendship"}


@pytest.mark.parametrize("relation", sorted(LAZEGA))
def test_lazega_ego_networks_match_the_published_structural_values(relation):
    g, _ = lazega(LAZEGA[relation])
    for ref in rows(REF / f"lazega_{relation}_sym_office.csv"):
        ego = int(ref["node"])
        alters, edges = cut_ego(g, ego)
        assert len(alters) == int(ref["degree"])
        if not alters:
            continue
        # The published constraint was computed on the whole firm, so alters'
        # degrees are their degrees in the firm, not in the ego network.
        full = ego_structure(len(alters), edges, alter_degrees=[g.degree(a) for a in alters])
        assert full.constraint == pytest.approx(float(ref["constraint_nx"]), abs=PRINTED)
        assert full.constraint == pytest.approx(float(ref["constraint_igraph"]), abs=PRINTED)
        assert full.effective_size == pytest.approx(float(ref["effective_size_nx"]), abs=PRINTED)
        assert full.efficiency == pytest.approx(float(ref["efficiency_nx"]), abs=PRINTED)
        if ref["alter_density"]:
            assert full.density == pytest.approx(float(ref["alter_density"]), abs=PRINTED)


@pytest.mark.parametrize("relation", sorted(LAZEGA))
def test_lazega_office_diversity_matches_the_published_ei_blau_and_iqv(relation):
    g, office = lazega(LAZEGA[relation])
    k = len(set(office.values()))
    for ref in rows(REF / f"lazega_{relation}_sym_office.csv"):
        ego = int(ref["node"])
        offices = [office[a] for a in g[ego]]
        if not ref["ei"]:
            continue
        assert ei_index(office[ego], offices) == pytest.approx(float(ref["ei"]), abs=PRINTED)
        assert blau(offices) == pytest.approx(float(ref["blau"]), abs=PRINTED)
        assert iqv(offices, k) == pytest.approx(float(ref["iqv_agresti"]), abs=PRINTED)


@pytest.mark.parametrize("relation", sorted(LAZEGA))
def test_lazega_ego_networks_equal_networkx_on_the_ego_graph(relation):
    g, _ = lazega(LAZEGA[relation])
    for ego in g:
        if g.degree(ego):
            check_against_networkx(g, ego)


# -- Padgett -------------------------------------------------------------------------


def test_padgett_marriage_ego_networks_match_the_published_values():
    base = DATA / "padgett-florentine"
    name = {r["vid"]: r["name"] for r in rows(base / "flo_marriage_nodes.csv")}
    g = nx.Graph()
    g.add_nodes_from(name.values())
    g.add_edges_from(
        (name[r["from"]], name[r["to"]]) for r in rows(base / "flo_marriage_edges.csv")
    )
    for ref in rows(REF / "padgett_marriage.csv"):
        ego = ref["node"]
        alters, edges = cut_ego(g, ego)
        full = ego_structure(len(alters), edges, alter_degrees=[g.degree(a) for a in alters])
        if not ref["constraint_nx"]:
            # Pucci married nobody: no measures, and no NaN either.
            assert full.constraint is None and full.effective_size is None
            continue
        assert full.constraint == pytest.approx(float(ref["constraint_nx"]), abs=PRINTED)
        assert full.effective_size == pytest.approx(float(ref["effective_size_nx"]), abs=PRINTED)
        assert full.efficiency == pytest.approx(float(ref["efficiency_nx"]), abs=PRINTED)
        if ref["alter_density"]:
            assert full.density == pytest.approx(float(ref["alter_density"]), abs=PRINTED)
        check_against_networkx(g, ego)


# -- ideanet ego-network survey -----------------------------------------------------------


def ideanet() -> dict[int, tuple[list[int], list[tuple[int, int]], dict[int, str]]]:
    base = DATA / "ideanet-ngq-egonets"
    alters: dict[int, dict[int, str]] = defaultdict(dict)
    for r in rows(base / "ngq_alters.csv"):
        alters[int(r["ego_id"])][int(r["alter_id"])] = r["race"]
    ties: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for r in rows(base / "ngq_aa.csv"):
        ties[int(r["ego_id"])].append((int(float(r["alter1"])), int(float(r["alter2"]))))
    out = {}
    for ego, races in alters.items():
        ids = sorted(races)
        index = {a: i for i, a in enumerate(ids)}
        out[ego] = (ids, [(index[a], index[b]) for a, b in ties[ego]], races)
    return out


IDEANET_MEASURES = {
    "alter-alter density": "density",
    "effective_size": "effective_size",
    "efficiency": "efficiency",
    "constraint": "constraint",
}


def test_ideanet_ego_networks_match_the_values_published_in_its_vignette():
    nets = ideanet()
    published = [
        r for r in rows(REF / "published_reference_values.csv") if "ideanet" in r["source"]
    ]
    assert published
    for ref in published:
        ids, edges, races = nets[int(ref["node"])]
        s = ego_structure(len(ids), edges)
        if ref["measure"] in IDEANET_MEASURES:
            ours = getattr(s, IDEANET_MEASURES[ref["measure"]])
        else:
            assert ref["measure"].startswith("race H-index")
            ours = blau(races[a] for a in ids)
        assert ours == pytest.approx(float(ref["published"]), abs=PRINTED), ref


def test_every_ideanet_ego_network_equals_networkx():
    for ids, edges, _ in ideanet().values():
        g = nx.Graph()
        g.add_nodes_from(ids)
        g.add_edges_from((ids[i], ids[j]) for i, j in edges)
        g.add_edges_from(("ego", a) for a in ids)
        check_against_networkx(g, "ego")


# -- Krackhardt high-tech managers and AUCS ---------------------------------------------


@pytest.mark.parametrize("relation", ["advice", "friends", "reports"])
def test_krackhardt_ego_networks_equal_networkx(relation):
    base = DATA / "krackhardt-hightech"
    g = nx.Graph()
    g.add_nodes_from(int(r["vid"]) for r in rows(base / f"ht_{relation}_nodes.csv"))
    g.add_edges_from(
        (int(r["from"]), int(r["to"]))
        for r in rows(base / f"ht_{relation}_edges.csv")
        if r["from"] != r["to"]
    )
    for ego in g:
        if g.degree(ego):
            check_against_networkx(g, ego)


def aucs_layer(layer: str) -> nx.Graph:
    path = need(DATA / "aucs-cs-aarhus" / "aucs.mpx")
    g = nx.Graph()
    section = ""
    for line in path.read_text().splitlines():
        if line.startswith("#"):
            section = line.strip()
            continue
        if section == "#EDGES" and line.strip():
            a, b, lay = line.strip().split(",")[:3]
            if lay == layer and a != b:
                g.add_edge(a, b)
    return g


@pytest.mark.parametrize("layer", ["facebook", "work", "lunch"])
def test_aucs_ego_networks_equal_networkx(layer):
    g = aucs_layer(layer)
    assert g.number_of_edges() > 0
    for ego in g:
        check_against_networkx(g, ego)
