"""Insights on a 3,000-node PLN with ~71,000 real alter ties, through the
database: cold (right after an edit) and warm (unchanged, cached).

Baseline: reading the same PLN from the database (pln_snapshot) in the same
run, so the ratio says how much the analysis adds to a bare read.
Targets (issue 6): cold <= 1 s, warm <= 100 ms.
"""

from __future__ import annotations

import statistics
import time

import _django

_django.setup()

from tiewise.insights.selectors import insights_for  # noqa: E402
from tiewise.network.models import Node  # noqa: E402
from tiewise.network.selectors import pln_snapshot  # noqa: E402
from tiewise.network.services import node_update  # noqa: E402


def timed(fn, repeat: int = 3) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    user = _django.big_pln_user("bench-insights@example.org")
    node = Node.objects.filter(owner=user).first()
    assert node is not None
    read = timed(lambda: pln_snapshot(user))
    flip = iter(["strong", "weak"] * 10)

    def cold() -> None:
        node_update(node=node, data={"strength": next(flip)})  # an edit invalidates the cache
        insights_for(user)

    edit = timed(lambda: node_update(node=node, data={"strength": next(flip)}))
    cold_t = timed(cold) - edit
    insights_for(user)
    warm_t = timed(lambda: insights_for(user), repeat=5)
    pln = pln_snapshot(user)
    print(f"pln: {len(pln.nodes)} nodes, {len(pln.alter_ties)} alter ties")
    print(
        f"insights_cold_3000: {cold_t:.3f} s  baseline db_read: {read:.3f} s"
        f"  ratio {cold_t / read:.1f}x  (target <= 1 s)"
    )
    print(
        f"insights_warm_3000: {warm_t * 1000:.1f} ms  baseline db_read: {read * 1000:.1f} ms"
        f"  ratio {warm_t / read:.3f}x  (target <= 100 ms)"
    )


if __name__ == "__main__":
    main()
