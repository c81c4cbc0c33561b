"""Insights and the caseload read every node's row from a cache patched
with the nodes each write since says it changed (`upkeep.selectors._node_rows`,
`pln_cache.changed_nodes`). Whatever writes come in whatever order, what
they read must be what a fresh read of the database gives, private people
and reminders included; and after an edit of one person only that person
is read again."""

from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tiewise.accounts.models import User
from tiewise.accounts.services import user_create
from tiewise.network import selectors as network_selectors
from tiewise.network import services as network_services
from tiewise.network.models import Node, Tie
from tiewise.planning import services as plan_services
from tiewise.upkeep import selectors, services

DAY = date(2026, 12, 1)
_accounts = itertools.count()

#: A write through the services, as (kind, person index, value).
WRITES = st.tuples(
    st.sampled_from(
        ["strength", "private", "rename", "roles", "create", "delete", "log", "snooze",
         "never", "clear", "bulk", "track", "know", "settings", "goal", "unsaid"]
    ),
    st.integers(0, 9),
    st.integers(0, 3),
)  # fmt: skip


def _fresh(owner: User, shown: bool) -> tuple[dict[int, Any], list[Any]]:
    """The tie rows by node id, and the people, read without any cache."""
    rows = {r.node_id: r for r in selectors.tie_rows_for([owner.pk], on=DAY)[owner.pk]}
    people = network_selectors.pln_snapshot(owner, include_private=shown, alter_ties=False)
    last = selectors.last_contacts(owner)
    return rows, [(n, last.get(n.id)) for n in people.nodes]


def _cached(owner: User, shown: bool, commits: Any) -> tuple[dict[int, Any], list[Any]]:
    """The tie rows by node id and the people, read through the cache; the
    read's own cache write runs once committed, as after a real request."""
    owner = User.objects.select_related("profile").get(pk=owner.pk)
    with commits(execute=True):
        rows, people = selectors.tie_rows_and_people_for([(owner, shown)], on=DAY)
    found = rows[owner.pk]
    names = [(r.name, r.node_id) for r in found]
    assert names == sorted(names), "tie rows come by name, then id"
    nodes = [
        (replace(n, last_interaction=None), n.last_interaction) for n in people[owner.pk].nodes
    ]
    return {r.node_id: r for r in found}, nodes


def _apply(owner: User, write: tuple[str, int, int], made: list[int]) -> None:
    kind, index, value = write
    ids = list(Node.objects.filter(owner=owner).order_by("id").values_list("id", flat=True))
    if kind == "create" or not ids:
        node = network_services.node_create(owner=owner, data={"name": f"New {len(made)}"})
        made.append(node.pk)
        return
    node = Node.objects.select_related("tie").get(pk=ids[index % len(ids)])
    if kind == "strength":
        strength = ["strong", "weak", "absent", "weak"][value]
        network_services.node_update(node=node, data={"strength": strength})
    elif kind == "private":
        network_services.node_update(node=node, data={"private": not node.private})
    elif kind == "rename":
        network_services.node_update(node=node, data={"name": f"{'ZAB'[value % 3]} {node.pk}"})
    elif kind == "roles":
        network_services.node_update(
            node=node, data={"roles": [["mentor"], [], ["peer"]][value % 3]}
        )
    elif kind == "delete":
        network_services.node_delete(node=node)
    elif kind == "log":
        services.interaction_create(
            owner=owner, data={"nodes": [node.pk], "date": DAY - timedelta(days=value * 40),
                               "channel": "video", "kind": "meeting"},
        )  # fmt: skip
    elif kind == "snooze":
        services.tie_reminder_set(node=node, snoozed_until=date.today() + timedelta(days=9))
    elif kind == "never":
        services.tie_reminder_set(node=node, never=bool(value % 2))
    elif kind == "clear":
        services.tie_reminder_clear(node=node)
    elif kind == "bulk":
        network_services.nodes_bulk_update(
            owner=owner, ids=ids[:3], set_fields={"sector": "industry"}
        )
    elif kind == "track":
        network_services.ties_track(owner=owner, ids=[node.pk], track=bool(value % 2))
    elif kind == "know" and len(ids) > 1:
        other = ids[(index + 1) % len(ids)]
        if not network_selectors.alter_ties_among(owner, {node.pk, other}):
            network_services.alter_tie_create(owner=owner, source=node.pk, target=other)
    elif kind == "goal":
        plan_services.goal_create(owner=owner, data={"title": f"Goal {value}", "nodes": [node.pk]})
    elif kind == "unsaid":  # a write that names no nodes: the next read reads everything
        Node.objects.filter(pk=node.pk).update(
            sector=["medicine", "industry", "", "academia"][value]
        )
        network_services.touch_pln(owner)
    elif kind == "settings":
        services.upkeep_settings_update(owner=owner, data={"weak_days": 30 + value * 60})


@pytest.fixture
def base(db: Any) -> User:
    return user_create(email="rows-cache@example.org", password="x-long-password-1")


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(writes=st.lists(WRITES, min_size=1, max_size=12), shown=st.booleans())
def test_the_cached_rows_equal_a_fresh_read_after_any_writes(
    base: User,
    writes: list[tuple[str, int, int]],
    shown: bool,
    django_capture_on_commit_callbacks: Any,
) -> None:
    owner = user_create(email=f"rows-{next(_accounts)}@example.org", password="x-long-password-1")
    made: list[int] = []
    with django_capture_on_commit_callbacks(execute=True):
        for i in range(4):
            network_services.node_create(
                owner=owner, data={"name": f"Person {i}", "private": i == 3, "strength": "strong"}
            )
    _cached(owner, shown, django_capture_on_commit_callbacks)  # the first read fills the cache
    for write in writes:
        # Commit callbacks run as in a real request, so the changes are recorded.
        with django_capture_on_commit_callbacks(execute=True):
            _apply(owner, write, made)
        assert _cached(owner, shown, django_capture_on_commit_callbacks) == _fresh(owner, shown), (
            write
        )


def test_after_an_edit_only_that_person_is_read_again(
    base: User, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        people = [
            network_services.node_create(owner=base, data={"name": f"P {i}"}) for i in range(30)
        ]
    _cached(base, True, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        network_services.node_update(node=people[7], data={"strength": "strong"})
    with CaptureQueriesContext(connection) as queries:
        rows, _ = _cached(base, True, django_capture_on_commit_callbacks)
    node_reads = [q["sql"] for q in queries.captured_queries if 'FROM "network_node"' in q["sql"]]
    assert len(node_reads) == 1 and "IN" in node_reads[0].split("WHERE", 1)[1], node_reads
    assert rows[people[7].pk].strength == "strong"
    # A write that cannot say which people it changed: everyone is read again.
    with django_capture_on_commit_callbacks(execute=True):
        Tie.objects.filter(node=people[1]).update(strength="strong")
        network_services.touch_pln(base)
    with CaptureQueriesContext(connection) as queries:
        rows, _ = _cached(base, True, django_capture_on_commit_callbacks)
    node_reads = [q["sql"] for q in queries.captured_queries if 'FROM "network_node"' in q["sql"]]
    assert len(node_reads) == 1 and '"id" IN' not in node_reads[0], node_reads
    assert rows[people[1].pk].strength == "strong"


def _people(owner: User, n: int, commits: Any) -> list[Node]:
    with commits(execute=True):
        return [
            network_services.node_create(owner=owner, data={"name": f"P {i}"}) for i in range(n)
        ]


def test_a_patch_reads_each_owner_s_own_changes_only(
    base: User, django_capture_on_commit_callbacks: Any
) -> None:
    """Two owners patched in one read (a caseload): each keeps its own people."""
    other = user_create(email="rows-cache-2@example.org", password="x-long-password-1")
    mine, theirs = (
        _people(base, 3, django_capture_on_commit_callbacks),
        _people(other, 3, django_capture_on_commit_callbacks),
    )
    owners = list(User.objects.select_related("profile").filter(pk__in=[base.pk, other.pk]))
    with django_capture_on_commit_callbacks(execute=True):
        selectors.tie_rows_and_people_for([(o, True) for o in owners], on=DAY)
        network_services.node_update(node=mine[0], data={"strength": "strong"})
        network_services.node_update(node=theirs[1], data={"strength": "absent"})
    owners = list(User.objects.select_related("profile").filter(pk__in=[base.pk, other.pk]))
    rows, people = selectors.tie_rows_and_people_for([(o, True) for o in owners], on=DAY)
    assert {r.node_id for r in rows[base.pk]} == {n.pk for n in mine}
    assert {n.id for n in people[other.pk].nodes} == {n.pk for n in theirs}
    assert {r.node_id: r.strength for r in rows[base.pk]}[mine[0].pk] == "strong"
    assert {r.node_id: r.strength for r in rows[other.pk]}[theirs[1].pk] == "absent"


def test_rows_read_in_a_transaction_that_rolls_back_are_never_cached(
    base: User, django_capture_on_commit_callbacks: Any
) -> None:
    people = _people(base, 2, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                network_services.node_update(node=people[0], data={"name": "Phantom"})
                owner = User.objects.select_related("profile").get(pk=base.pk)
                selectors.tie_rows_and_people_for([(owner, True)], on=DAY)  # sees Phantom
                raise RuntimeError("roll back")
        except RuntimeError:
            pass
        # The next real write takes the version the rolled-back one had.
        network_services.node_update(node=people[1], data={"name": "Real Rename"})
    rows, _ = _cached(base, True, django_capture_on_commit_callbacks)
    assert {r.node_id: r.name for r in rows.values()} == {
        people[0].pk: "P 0",
        people[1].pk: "Real Rename",
    }


def test_a_coach_never_sees_someone_made_private_even_if_the_cache_missed_it(
    base: User, django_capture_on_commit_callbacks: Any
) -> None:
    people = _people(base, 3, django_capture_on_commit_callbacks)
    _cached(base, False, django_capture_on_commit_callbacks)
    Node.objects.filter(pk=people[2].pk).update(private=True)  # no version moves
    _, nodes = _cached(base, False, django_capture_on_commit_callbacks)
    assert people[2].pk not in {n.id for n, _ in nodes}


def test_a_coach_s_visible_ids_decide_who_is_in_the_people(
    base: User, django_capture_on_commit_callbacks: Any
) -> None:
    """The caseload passes the ids its views read: those alone are kept,
    whatever the cached rows say about privacy, and no other query asks."""
    people = _people(base, 3, django_capture_on_commit_callbacks)
    _cached(base, False, django_capture_on_commit_callbacks)
    Node.objects.filter(pk=people[2].pk).update(private=True)  # no version moves
    visible = network_selectors.visible_node_ids({base.pk: False})
    owner = User.objects.select_related("profile").get(pk=base.pk)
    with CaptureQueriesContext(connection) as queries:
        _, found = selectors.tie_rows_and_people_for([(owner, False)], on=DAY, visible=visible)
    assert {n.id for n in found[base.pk].nodes} == {people[0].pk, people[1].pk}
    assert not any('"private"' in q["sql"] for q in queries.captured_queries)
