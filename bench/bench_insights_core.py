"""Speed of the insights report on a large real ego network.

Builds a 3,000-alter PLN from SNAP ego-Facebook (nodes 1..3000 and the ~71,000
ties among them) with deterministic synthetic attributes and times `report()`.
Then, on a 200-alter slice, times networkx computing the same structural
measures (Burt's measures for the ego on `nx.ego_graph`, betweenness of the
alters, density) against ours, checks the values agree, and prints the ratio.

Run: .venv/bin/python bench/bench_insights_core.py
Data: McAuley and Leskovec, NIPS 2012 (SNAP), read from ../shared/data.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import networkx as nx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from _data import FACEBOOK, facebook_edges  # noqa: E402

from tiewise.core.analysis import alter_betweenness, ego_structure, report  # noqa: E402
from tiewise.core.types import PLN, AlterTieData, NodeData, Owner  # noqa: E402
from tiewise.core.vocab import AREAS, MODES, REACHES, ROLES, SECTORS  # noqa: E402

EGO = 0  # the owner's id in the networkx baseline graph: not a SNAP id we keep


def synthetic_pln(n: int, edges: list[tuple[int, int]], seed: int = 7) -> PLN:
    rng = random.Random(seed)
    today = date(2025, 1, 1)
    nodes = []
    # Every SNAP node is an alter; 150 prospects come on top, outside the ego network.
    for i in range(1, n + 151):
        strength = "absent" if i > n else rng.choices(["strong", "weak"], [0.25, 0.75])[0]
        nodes.append(
            NodeData(
                id=i,
                name=f"Contact {i}",
                strength=strength,
                modes=tuple(rng.sample(list(MODES), rng.randint(1, 2))),
                areas=tuple(rng.sample(list(AREAS), rng.randint(0, 2))),
                roles=tuple(rng.sample(list(ROLES), rng.randint(0, 2))),
                sector=rng.choices(list(SECTORS), [8, 2, 2, 1, 1, 1, 1])[0],
                reach=rng.choice(list(REACHES)),
                profession=rng.choice(["physician", "nurse", "pharmacist", "engineer"]),
                country=rng.choice(["UK", "Canada", "Kenya", "India", "USA"]),
                cadence_days=rng.choice([None, 30, 90]),
                last_interaction=today - timedelta(days=rng.randint(0, 400)),
            )
        )
    ties = tuple(AlterTieData(a, b) for a, b in edges)
    return PLN(owner=Owner("Dr Bench"), nodes=tuple(nodes), alter_ties=ties)


def median_time(fn: Callable[[], Any], repeat: int = 3) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def networkx_structure(n: int, edges: list[tuple[int, int]]) -> dict[str, Any]:
    """The baseline: networkx on the ego graph (owner tied to every alter)."""
    g = nx.Graph()
    g.add_nodes_from(range(n + 1))
    g.add_edges_from(edges)
    g.add_edges_from((EGO, i) for i in range(1, n + 1))
    eg = nx.ego_graph(g, EGO)
    alters = eg.subgraph(range(1, n + 1))
    return {
        "effective_size": nx.effective_size(eg, [EGO])[EGO],
        "efficiency": nx.effective_size(eg, [EGO])[EGO] / n,
        "constraint": nx.constraint(eg, [EGO])[EGO],
        "density": nx.density(alters),
        "betweenness": nx.betweenness_centrality(alters),
    }


def ours_structure(n: int, edges: list[tuple[int, int]]) -> dict[str, Any]:
    index_edges = [(a - 1, b - 1) for a, b in edges]
    s = ego_structure(n, index_edges)
    values, _ = alter_betweenness(n, index_edges)
    return {
        "effective_size": s.effective_size,
        "efficiency": s.efficiency,
        "constraint": s.constraint,
        "density": s.density,
        "betweenness": {i + 1: float(v) for i, v in enumerate(values)},
    }


def main() -> None:
    if not FACEBOOK.exists():
        sys.exit(f"missing {FACEBOOK}: the benchmark needs ../shared/data")
    edges = facebook_edges(3000)
    pln = synthetic_pln(3000, edges)
    report(pln, today=date(2025, 1, 1))  # warm imports and igraph
    seconds, rep = median_time(lambda: report(pln, today=date(2025, 1, 1)))
    s = rep["structure"]
    print(
        f"PLN: {rep['size']['nodes']} alters (+{rep['size']['prospects']} prospects), "
        f"{s['alter_ties']} alter ties, {len(s['clusters'])} clusters, "
        f"{len(rep['findings'])} findings, betweenness sampled from "
        f"{s['betweenness_sampled_sources']} sources"
    )
    print(f"insights_core_3000: {seconds:.3f} s")

    slice_edges = [(a, b) for a, b in edges if b <= 200]
    base_s, base = median_time(lambda: networkx_structure(200, slice_edges), repeat=1)
    ours_s, ours = median_time(lambda: ours_structure(200, slice_edges), repeat=3)
    for key in ("effective_size", "efficiency", "constraint", "density"):
        assert abs(base[key] - ours[key]) < 1e-9, (key, base[key], ours[key])
    assert all(
        abs(base["betweenness"][i] - ours["betweenness"][i]) < 1e-9 for i in base["betweenness"]
    )
    print(
        f"structural_200: ours {ours_s * 1000:.1f} ms  baseline networkx {base_s * 1000:.1f} ms  "
        f"ratio {base_s / ours_s:.0f}x  ({len(slice_edges)} alter ties, values equal to 1e-9)"
    )


if __name__ == "__main__":
    main()
