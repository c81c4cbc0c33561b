"""The force layout and the clusters stay the same when many requests run
them at once: igraph's process-wide generator is used by one caller at a time."""

from __future__ import annotations

import random
from concurrent.futures import ThreadPoolExecutor

from tiewise.core.analysis.structure import communities
from tiewise.core.layout import force_layout
from tiewise.core.types import PLN, AlterTieData, NodeData, Owner


def _pln(seed: int) -> PLN:
    rng = random.Random(seed)
    nodes = tuple(NodeData(id=i, name=f"N{i}") for i in range(1, 121))
    pairs = {tuple(sorted(rng.sample(range(1, 121), 2))) for _ in range(300)}
    return PLN(
        owner=Owner("Dr Owner"),
        nodes=nodes,
        alter_ties=tuple(AlterTieData(a, b) for a, b in sorted(pairs)),
    )


def test_layouts_and_clusters_run_side_by_side_give_what_each_gives_alone() -> None:
    pln = _pln(1)
    edges = [(t.source - 1, t.target - 1) for t in pln.alter_ties]
    layout_alone = {seed: force_layout(pln, seed=seed) for seed in (1, 2)}
    clusters_alone = {seed: communities(120, edges, seed=seed).tolist() for seed in (5, 6)}

    def job(i: int) -> tuple[str, int, object]:
        if i % 2:
            seed = 1 + i % 4 // 2
            return "layout", seed, force_layout(pln, seed=seed)
        seed = 5 + i % 4 // 2
        return "clusters", seed, communities(120, edges, seed=seed).tolist()

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(job, range(32)))
    for kind, seed, value in results:
        expected = layout_alone[seed] if kind == "layout" else clusters_alone[seed]
        assert value == expected, f"{kind} with seed {seed} changed under concurrency"
