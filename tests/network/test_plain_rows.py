"""The reads that skip Django's per-value converters (`tiewise.rows`) give
exactly what the models hold, with the same types, on SQLite and PostgreSQL
alike: a bool stays a bool, a date a date, a list a tuple of its values."""

from __future__ import annotations

from dataclasses import fields as dataclass_fields
from dataclasses import replace
from datetime import date
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from tiewise.accounts.services import user_create
from tiewise.core.nodefields import BY_NAME
from tiewise.core.types import NodeData
from tiewise.network import selectors, services
from tiewise.network.fields import decode, decode_tuple, encode
from tiewise.network.models import Node
from tiewise.rows import plain_rows
from tiewise.upkeep import selectors as upkeep_selectors
from tiewise.upkeep.models import TieReminder

from .test_field_registry import SAMPLE


def _expected(node: Node) -> dict[str, Any]:
    """What a snapshot should hold for `node`, read through the models."""
    tie = getattr(node, "tie", None)
    out: dict[str, Any] = {"id": node.pk}
    for f in dataclass_fields(NodeData):
        if f.name in ("id", "last_interaction"):
            continue
        source = tie if BY_NAME[f.name].table == "tie" else node
        value = getattr(source, f.name) if source is not None else None
        if BY_NAME[f.name].is_list:
            value = tuple(value or ())
        out[f.name] = value
    out["strength"] = out["strength"] or "weak"
    return out


def test_a_snapshot_holds_every_value_the_models_hold_with_their_types(owner: Any) -> None:
    full = services.node_create(owner=owner, data={**SAMPLE, "private": True})
    plain = services.node_create(owner=owner, data={"name": "Plain Person"})
    bare = Node.objects.create(owner=owner, name="No Tie Yet")  # as a raw import row leaves it
    snapshot = {n.id: n for n in selectors.pln_snapshot(owner, alter_ties=False).nodes}
    for node in Node.objects.filter(pk__in=[full.pk, plain.pk, bare.pk]).select_related("tie"):
        got = snapshot[node.pk]
        for name, value in _expected(node).items():
            assert getattr(got, name) == value, f"{node.name}: {name}"
            assert type(getattr(got, name)) is type(value), f"{node.name}: type of {name}"
    assert snapshot[full.pk].private is True
    assert isinstance(snapshot[full.pk].since, date)
    assert snapshot[full.pk].roles and all(snapshot[full.pk].roles)
    assert snapshot[bare.pk].strength == "weak" and snapshot[bare.pk].roles == ()


def test_batched_snapshots_equal_one_owner_snapshots(owner: Any) -> None:
    other = user_create(email="rows-other@example.org", password="x-long-password-1")
    services.node_create(owner=owner, data={**SAMPLE, "private": True})
    services.node_create(owner=owner, data={"name": "Seen By A Coach"})
    services.node_create(owner=other, data={"name": "Someone Else", "roles": ["mentor"]})
    batched = selectors.pln_snapshots([(owner, False), (other, True)], alter_ties=False)
    assert (
        batched[owner.pk].nodes
        == selectors.pln_snapshot(owner, include_private=False, alter_ties=False).nodes
    )
    assert [n.name for n in batched[owner.pk].nodes] == ["Seen By A Coach"]
    assert batched[other.pk].nodes == selectors.pln_snapshot(other, alter_ties=False).nodes


def test_tie_rows_read_roles_and_reminders_as_the_models_hold_them(owner: Any) -> None:
    node = services.node_create(owner=owner, data={"name": "A", "roles": ["mentor", "peer"]})
    quiet = services.node_create(owner=owner, data={"name": "B"})
    TieReminder.objects.create(node=quiet, never=True, snoozed_until=date(2031, 1, 2))
    rows = {r.node_id: r for r in upkeep_selectors.tie_rows(owner)}
    assert rows[node.pk].roles == ("mentor", "peer")
    assert rows[node.pk].never is False and rows[node.pk].snoozed_until is None
    assert rows[quiet.pk].never is True
    assert rows[quiet.pk].snoozed_until == date(2031, 1, 2)
    assert rows[quiet.pk].status.status == "off"
    many = upkeep_selectors.tie_rows_for([owner.pk])[owner.pk]
    assert [(r.node_id, r.roles, r.never) for r in many] == [
        (r.node_id, r.roles, r.never) for r in upkeep_selectors.tie_rows(owner)
    ]


def test_the_dashboards_one_read_gives_the_same_rows_and_states_as_two(owner: Any) -> None:
    """The dashboard reads tie rows and node states in one query; each must
    equal what its own reader gives, reminders, roles and areas included."""
    full = services.node_create(owner=owner, data={**SAMPLE, "private": True})
    quiet = services.node_create(
        owner=owner, data={"name": "Quiet One", "strength": "strong", "roles": ["mentor"]}
    )
    TieReminder.objects.create(node=quiet, never=True, snoozed_until=date(2031, 1, 2))
    services.node_create(owner=owner, data={"name": "Absent", "strength": "absent"})
    Node.objects.create(owner=owner, name="No Tie Yet")
    day = date(2030, 6, 1)
    rows, states = upkeep_selectors.tie_rows_and_states(owner, on=day)
    assert rows == upkeep_selectors.tie_rows(owner, on=day)
    assert sorted(states, key=lambda s: s["id"]) == selectors.node_states(owner)
    by_id = {s["id"]: s for s in states}
    assert by_id[full.pk]["areas"] == list(SAMPLE["areas"])
    assert by_id[quiet.pk]["roles"] == ["mentor"] and by_id[quiet.pk]["strength"] == "strong"
    assert {r.node_id: r.never for r in rows}[quiet.pk] is True


def test_the_joint_read_gives_the_same_people_and_rows_as_their_own_readers(owner: Any) -> None:
    """Insights and the caseload read tie rows and people in one query: the
    rows must equal `tie_rows_for`, and the people `pln_snapshots` with each
    last contact filled in, private people left out where the pair says so."""
    from tiewise.upkeep import services as upkeep_services

    other = user_create(email="rows-joint@example.org", password="x-long-password-1")
    hidden = services.node_create(owner=owner, data={**SAMPLE, "private": True})
    met = services.node_create(
        owner=owner, data={"name": "Met Once", "strength": "strong", "roles": ["mentor", "peer"]}
    )
    services.node_create(owner=owner, data={"name": "Absent", "strength": "absent"})
    Node.objects.create(owner=owner, name="No Tie Yet")
    services.node_create(owner=other, data={"name": "Someone Else", "tags": ["x"]})
    TieReminder.objects.create(node=met, snoozed_until=date(2031, 1, 2))
    upkeep_services.interaction_create(
        owner=owner, data={"nodes": [met.pk, hidden.pk], "date": date(2026, 11, 1),
                           "channel": "video", "kind": "meeting"},
    )  # fmt: skip
    day = date(2026, 12, 1)
    for shown in (False, True):
        pairs = [(owner, shown), (other, True)]
        rows, people = upkeep_selectors.tie_rows_and_people_for(pairs, on=day)
        assert rows == upkeep_selectors.tie_rows_for([owner.pk, other.pk], on=day)
        alone = selectors.pln_snapshots(pairs, alter_ties=False)
        last = upkeep_selectors.last_contacts_for([owner.pk, other.pk])
        for pk in (owner.pk, other.pk):
            assert [n.id for n in people[pk].nodes] == [n.id for n in alone[pk].nodes]
            for got, plain in zip(people[pk].nodes, alone[pk].nodes, strict=True):
                assert got == replace(plain, last_interaction=last[pk].get(plain.id))
            assert people[pk].owner == alone[pk].owner and people[pk].version == alone[pk].version
        ids = {n.id for n in people[owner.pk].nodes}
        assert (hidden.pk in ids) is shown
        assert {n.id: n.last_interaction for n in people[owner.pk].nodes}[met.pk] == date(
            2026, 11, 1
        )
    assert upkeep_selectors.tie_rows_and_people_for([]) == ({}, {})


def test_an_empty_selection_reads_no_rows(owner: Any) -> None:
    assert plain_rows(Node.objects.filter(pk__in=[]).values_list("id", "name")) == []


items = st.lists(st.text(alphabet=st.characters(blacklist_characters=","), max_size=6), max_size=5)


@given(items)
def test_decoding_reads_what_encode_wrote(values: list[str]) -> None:
    kept = list(dict.fromkeys(v.strip() for v in values if v.strip()))
    assert decode(encode(values)) == kept
    assert decode_tuple(encode(values)) == tuple(kept)


@given(st.text(alphabet=",ab ", max_size=12))
def test_decoding_any_stored_text_drops_only_empty_items(raw: str) -> None:
    assert decode_tuple(raw) == tuple(v for v in raw.split(",") if v)
    assert decode(raw) == list(decode_tuple(raw))
