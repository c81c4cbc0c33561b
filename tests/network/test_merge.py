"""Merging two nodes of a PLN: every link of the one merged moves to the one
kept, in one transaction, and nothing of another user's is reachable."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from tiewise.core.errors import NotFound
from tiewise.network import services
from tiewise.network.models import AlterTie, Node
from tiewise.planning import services as planning
from tiewise.planning.models import Prospect
from tiewise.transfer.models import ImportBatch, StagedRecord
from tiewise.upkeep import services as upkeep
from tiewise.upkeep.models import Interaction, TieReminder

pytestmark = pytest.mark.django_db


def person(owner: Any, name: str, **data: Any) -> Node:
    return services.node_create(owner=owner, data={"name": name, **data})


@pytest.fixture
def pair(owner: Any) -> tuple[Node, Node]:
    """The same person twice: a PubMed co-author and a LinkedIn contact."""
    coauthor = person(
        owner, "Okafor C", organisation="University of Lagos", strength="weak",
        areas=["academic"], tags=["from-medline"], notes="Co-author on the sepsis bundle paper.",
        publications=["2023 · Sepsis bundles in Lagos"], email="c.okafor@unilag.edu.ng",
    )  # fmt: skip
    contact = person(
        owner, "Dr. Chidi Okafor", organisation="University of Lagos", strength="strong",
        areas=["professional_identity"], roles=["mentor"], tags=["from-linkedin"],
        notes="Met at SAEM 2022.", title="Professor of emergency medicine",
        links=["https://www.linkedin.com/in/chidi-okafor"],
    )  # fmt: skip
    return coauthor, contact


def test_merging_folds_fields_lists_and_notes_into_the_node_kept(
    owner: Any, pair: tuple[Node, Node]
) -> None:
    coauthor, contact = pair
    merged = services.node_merge(owner=owner, node_id=coauthor.pk, into_id=contact.pk)

    kept = Node.objects.select_related("tie").get(pk=contact.pk)
    assert merged.node.pk == contact.pk and merged.merged_id == coauthor.pk
    assert not Node.objects.filter(pk=coauthor.pk).exists()
    assert kept.name == "Dr. Chidi Okafor"  # the name of the one kept
    assert kept.title == "Professor of emergency medicine"
    assert kept.email == "c.okafor@unilag.edu.ng"  # filled in from the other
    assert kept.tags == ["from-linkedin", "from-medline"]
    assert kept.tie.areas == ["professional_identity", "academic"]
    assert kept.tie.roles == ["mentor"]
    assert kept.tie.strength == "strong"
    assert kept.publications == ["2023 · Sepsis bundles in Lagos"]
    assert kept.notes == "Met at SAEM 2022.\n\nCo-author on the sepsis bundle paper."


def test_the_closer_strength_and_the_second_email_are_kept(owner: Any) -> None:
    a = person(owner, "Ana Ruiz", strength="strong", email="ana@mayo.edu")
    b = person(owner, "Ana M. Ruiz", strength="weak", email="ana.ruiz@gmail.com")
    services.node_merge(owner=owner, node_id=a.pk, into_id=b.pk)
    kept = Node.objects.select_related("tie").get(pk=b.pk)
    assert kept.tie.strength == "strong"
    assert kept.email == "ana.ruiz@gmail.com"
    assert kept.other_emails == ["ana@mayo.edu"]


def test_every_kind_of_link_moves_to_the_node_kept(owner: Any, pair: tuple[Node, Node]) -> None:
    coauthor, contact = pair
    maria, tom, lena = (person(owner, n) for n in ("Maria Chen", "Tom Becker", "Lena Park"))
    # who knows whom: Maria knows both (one pair after the merge, strong kept),
    # Tom knows only the co-author, and the two knew each other (a self loop after).
    services.alter_ties_bulk_create(
        owner=owner,
        pairs=[(coauthor.pk, maria.pk, "strong"), (contact.pk, maria.pk, "weak"),
               (coauthor.pk, tom.pk, ""), (coauthor.pk, contact.pk, ""),
               (lena.pk, maria.pk, "")],
    )  # fmt: skip
    both = upkeep.interaction_create(
        owner=owner, data={"date": date(2025, 3, 1), "nodes": [coauthor.pk, contact.pk]}
    )
    alone = upkeep.interaction_create(
        owner=owner, data={"date": date(2025, 4, 1), "nodes": [coauthor.pk, lena.pk]}
    )
    upkeep.tie_reminder_set(node=coauthor, never=True)
    goal = planning.goal_create(owner=owner, data={"title": "Publish", "nodes": [coauthor.pk]})
    shared_goal = planning.goal_create(
        owner=owner, data={"title": "Teach", "nodes": [coauthor.pk, contact.pk]}
    )
    action = planning.action_create(
        owner=owner, data={"title": "Email about the grant", "nodes": [coauthor.pk, tom.pk]}
    )
    # A prospect once, connected since: it keeps pointing at the node it became.
    prospect = Prospect.objects.create(
        owner=owner, name="Okafor C", node=coauthor, status="connected"
    )
    batch = ImportBatch.objects.create(owner=owner, filename="pubmed.txt", format="medline")
    record = StagedRecord.objects.create(
        batch=batch, position=0, name="Okafor C", node=coauthor, duplicate_of=coauthor
    )

    merged = services.node_merge(owner=owner, node_id=coauthor.pk, into_id=contact.pk)

    assert merged.moved["alter_ties"] == 1  # Tom; Maria merged, the self loop dropped
    knows = set(AlterTie.objects.filter(owner=owner).values_list("source_id", "target_id"))
    assert knows == {
        tuple(sorted((contact.pk, maria.pk))), tuple(sorted((contact.pk, tom.pk))),
        tuple(sorted((lena.pk, maria.pk))),
    }  # fmt: skip
    assert AlterTie.objects.get(source_id=min(contact.pk, maria.pk), target_id=max(contact.pk, maria.pk)).strength == "strong"  # fmt: skip  # noqa: E501
    assert merged.moved["interactions"] == 2
    assert sorted(n.pk for n in both.nodes.all()) == [contact.pk]
    assert sorted(n.pk for n in alone.nodes.all()) == sorted([contact.pk, lena.pk])
    assert Interaction.objects.filter(owner=owner, nodes=contact).count() == 2
    assert TieReminder.objects.get(node=contact).never is True
    assert list(goal.nodes.values_list("pk", flat=True)) == [contact.pk]
    assert list(shared_goal.nodes.values_list("pk", flat=True)) == [contact.pk]
    assert sorted(action.nodes.values_list("pk", flat=True)) == sorted([contact.pk, tom.pk])
    assert (merged.moved["goals"], merged.moved["actions"], merged.moved["prospects"]) == (2, 1, 1)
    prospect.refresh_from_db()
    assert prospect.node_id == contact.pk
    record.refresh_from_db()
    assert (record.node_id, record.duplicate_of_id) == (contact.pk, contact.pk)


def test_a_prospect_of_each_keeps_the_one_of_the_node_kept(owner: Any) -> None:
    a = person(owner, "Amara Osei", strength="absent")
    b = person(owner, "Dr. Amara Osei", strength="absent")
    pa = planning.prospect_create(owner=owner, data={"node": a.pk, "name": ""})
    pb = planning.prospect_create(owner=owner, data={"node": b.pk, "name": ""})
    services.node_merge(owner=owner, node_id=a.pk, into_id=b.pk)
    assert Prospect.objects.get(pk=pb.pk).node_id == b.pk
    assert Prospect.objects.get(pk=pa.pk).node_id is None  # kept, with its history


def test_merging_a_node_into_itself_is_refused_with_a_clear_message(owner: Any) -> None:
    a = person(owner, "Ana Ruiz")
    with pytest.raises(ValidationError) as caught:
        services.node_merge(owner=owner, node_id=a.pk, into_id=a.pk)
    assert caught.value.message_dict == {"into": ["A person cannot be merged into themselves."]}


def test_another_users_node_is_not_found_and_nothing_changes(owner: Any, other: Any) -> None:
    mine = person(owner, "Ana Ruiz", notes="mine")
    theirs = person(other, "Ana Ruiz", notes="theirs")
    for node_id, into_id in ((mine.pk, theirs.pk), (theirs.pk, mine.pk)):
        with pytest.raises(NotFound):
            services.node_merge(owner=owner, node_id=node_id, into_id=into_id)
    assert Node.objects.filter(pk__in=[mine.pk, theirs.pk]).count() == 2
    assert Node.objects.get(pk=mine.pk).notes == "mine"


def test_a_failure_half_way_leaves_both_nodes_as_they_were(
    owner: Any, pair: tuple[Node, Node], monkeypatch: pytest.MonkeyPatch
) -> None:
    coauthor, contact = pair
    goal = planning.goal_create(owner=owner, data={"title": "Publish", "nodes": [coauthor.pk]})

    def broken(**kwargs: Any) -> dict[str, int]:
        raise RuntimeError("disk full")

    monkeypatch.setattr("tiewise.upkeep.services.upkeep_links_move", broken)
    with pytest.raises(RuntimeError):
        services.node_merge(owner=owner, node_id=coauthor.pk, into_id=contact.pk)
    assert Node.objects.filter(pk=coauthor.pk).exists()
    assert list(goal.nodes.values_list("pk", flat=True)) == [coauthor.pk]
    assert Node.objects.get(pk=contact.pk).notes == "Met at SAEM 2022."
