"""A big PLN holds some 70,000 who-knows-whom ties. The reads that want a
few of them (the ties among the people a map or a worksheet names, the
ties of one person, of a merge) must find them through an index on the
owner and the ids, never by walking every tie the owner has: SQLite, with
no statistics, chose the owner's own index for those and took 20 ms a
read at 3,000 people. Checked with SQLite's query plans, on SQLite only
(PostgreSQL plans by statistics, and a tiny test table is always scanned)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tiewise.network import selectors, services
from tiewise.network.models import AlterTie, Node

pytestmark = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="SQLite's query plans (PostgreSQL plans by statistics)"
)


def _people(owner: Any, n: int = 12) -> list[Node]:
    """`n` people, the first dozen strong ties (a worksheet names them), a
    few of whom know each other."""
    nodes = [
        services.node_create(
            owner=owner, data={"name": f"Person {i}", "strength": "strong" if i < 12 else "weak"}
        )
        for i in range(n)
    ]
    for a, b in [(0, 1), (1, 2), (2, 3), (0, 5), (4, 5)]:
        services.alter_tie_create(owner=owner, source=nodes[a].pk, target=nodes[b].pk)
    return nodes


def _tie_plans(run: Any) -> list[str]:
    """SQLite's plan for each query on the ties that `run` makes, as run:
    the SQL with its bound parameters (with the values written in, SQLite
    plans differently: it can see two branches name the same owner)."""
    executed: list[tuple[str, Any]] = []

    def record(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        executed.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        run()
    plans = []
    with connection.cursor() as cursor:
        for sql, params in executed:
            if 'FROM "network_altertie"' in sql and sql.lstrip().upper().startswith("SELECT"):
                rows = cursor.execute("EXPLAIN QUERY PLAN " + sql, params).fetchall()
                plans.append(" | ".join(str(r[-1]) for r in rows))
    assert plans, "no query on the ties was made"
    return plans


def _walks_every_tie(plan: str) -> bool:
    # "SCAN TABLE x" before SQLite 3.36, "SCAN x" since.
    return "network_altertie_owner_id" in plan or bool(
        re.search(r"SCAN (TABLE )?network_altertie\b", plan)
    )


def test_the_ties_among_named_people_are_found_by_their_ids(owner: Any) -> None:
    nodes = _people(owner)
    ids = [n.pk for n in nodes[:6]]
    plans = _tie_plans(lambda: selectors.pairs_among(owner, ids))
    assert not any(_walks_every_tie(p) for p in plans), plans
    assert all("alter_tie_owner_pair" in p for p in plans), plans
    assert selectors.pairs_among(owner, ids) == {
        (nodes[a].pk, nodes[b].pk) for a, b in [(0, 1), (1, 2), (2, 3), (0, 5), (4, 5)]
    }


def test_the_ties_a_worksheet_draws_are_found_by_their_ids(owner: Any) -> None:
    # Enough people that the worksheet groups some and reads only the named ones' ties.
    nodes = _people(owner, n=260)
    plans = _tie_plans(lambda: selectors.focus_pln(owner))
    assert not any(_walks_every_tie(p) for p in plans), plans
    drawn = selectors.focus_pln(owner).alter_ties
    assert {(t.source, t.target) for t in drawn} >= {(nodes[0].pk, nodes[1].pk)}


def test_one_persons_ties_are_found_from_either_end(owner: Any) -> None:
    nodes = _people(owner)
    plans = _tie_plans(lambda: selectors.alter_ties_of(nodes[5]))
    assert not any(_walks_every_tie(p) for p in plans), plans
    others = {other.name for _, other in selectors.alter_ties_of(nodes[5])}
    assert others == {"Person 0", "Person 4"}


def test_the_api_lists_one_persons_ties_from_either_end(owner: Any) -> None:
    nodes = _people(owner)
    qs = selectors.alter_tie_queryset(owner, node=nodes[5].pk)
    plans = _tie_plans(lambda: list(qs))
    assert not any(_walks_every_tie(p) for p in plans), plans
    assert [(t.source_id, t.target_id) for t in qs] == sorted(
        [(nodes[0].pk, nodes[5].pk), (nodes[4].pk, nodes[5].pk)],
        key=lambda pair: AlterTie.objects.get(source_id=pair[0], target_id=pair[1]).pk,
    )


def test_a_merge_moves_ties_found_from_either_end(owner: Any) -> None:
    nodes = _people(owner)
    with CaptureQueriesContext(connection) as queries:
        plans = _tie_plans(lambda: services._move_alter_ties(owner, nodes[5], nodes[3]))
    assert not any(_walks_every_tie(p) for p in plans), plans
    # A merge reads the ties alone, not their people (nor their owner).
    reads = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("SELECT")]
    assert reads and not any(" JOIN " in sql for sql in reads), reads
    pairs = set(AlterTie.objects.filter(owner=owner).values_list("source_id", "target_id"))
    assert (nodes[0].pk, nodes[3].pk) in pairs and (nodes[3].pk, nodes[4].pk) in pairs
