"""Staging, triage and commit: the service layer the page, API and CLI share."""

from __future__ import annotations

from typing import Any

import pytest
import time_machine
from django.core.exceptions import ValidationError

from tiewise.core.importers import ImportFailed
from tiewise.network import services as network
from tiewise.network.models import AlterTie, Node
from tiewise.transfer import services
from tiewise.transfer.models import ImportBatch, StagedRecord

from .conftest import linkedin_csv, sample


def stage(owner: Any, name: str, data: bytes | None = None, **kw: Any) -> ImportBatch:
    return services.import_stage(
        owner=owner, data=sample(name) if data is None else data, filename=name, **kw
    )


@time_machine.travel("2024-06-01 09:00:00Z", tick=False)
def test_linkedin_accepted_in_bulk_as_weak_academic_ties_become_nodes(owner: Any) -> None:
    batch = stage(owner, "Connections.csv")
    assert batch.format == "linkedin" and batch.record_count == 4
    assert not Node.objects.filter(owner=owner).exists()

    services.staged_records_decide(batch=batch, ids=None, decision="weak", areas=["academic"])
    outcome = services.import_commit(batch=batch)

    assert outcome["created"] == 4
    priya = Node.objects.get(owner=owner, name="Priya Natarajan")
    assert priya.organisation == "Northfield University Hospital"
    assert priya.title == "Program Director Internal Medicine"
    assert priya.links == ["https://www.linkedin.com/in/priya-natarajan-md"]
    assert priya.tie.strength == "weak"
    assert priya.tie.areas == ["academic"]
    assert priya.tie.modes == ["technology"]
    assert str(priya.tie.since) == "2023-03-15"
    assert "LinkedIn" in priya.how_we_met and "2024-06-01" in priya.how_we_met
    assert "from-linkedin" in priya.tags
    tomas = Node.objects.get(owner=owner, name="Tomás Ibáñez")
    assert tomas.email == "tomas.ibanez@example.org"
    batch.refresh_from_db()
    assert batch.status == "committed"


def test_twenty_five_people_are_accepted_with_one_bulk_decision(owner: Any) -> None:
    batch = stage(owner, "Connections.csv", data=linkedin_csv(25))
    changed = services.staged_records_decide(
        batch=batch, ids=None, decision="weak", areas=["expertise"]
    )
    services.import_commit(batch=batch)
    assert changed == 25
    assert Node.objects.filter(owner=owner, tie__strength="weak").count() == 25
    assert Node.objects.filter(owner=owner, tie__areas__contains=",expertise,").count() == 25


def test_a_failed_import_stages_nothing(owner: Any) -> None:
    with pytest.raises(ImportFailed):
        stage(owner, "Connections.csv", data=b"Jane,Doe,x,,Acme,CMO,15 Mar 2023\n")
    assert not ImportBatch.objects.exists() and not StagedRecord.objects.exists()


@time_machine.travel("2024-06-01", tick=False)
def test_pubmed_co_authors_become_academic_collaborators_without_the_owner(
    orcid_owner: Any,
) -> None:
    batch = stage(orcid_owner, "pubmed.nbib")
    names = set(batch.records.values_list("name", flat=True))
    assert "Ana Ruiz" not in names and "Priya Natarajan" in names
    services.import_commit(batch=batch, default="suggested")
    nodes = {n.name: n for n in Node.objects.filter(owner=orcid_owner).select_related("tie")}
    assert set(nodes) == names
    for node in nodes.values():
        assert "academic" in node.tie.areas and "collaborator" in node.tie.roles
    # Two papers in the last three years: a strong suggestion.
    assert nodes["Priya Natarajan"].tie.strength == "strong"
    assert AlterTie.objects.filter(owner=orcid_owner).count() == 1


def test_re_importing_the_same_file_adds_nothing_twice(owner: Any) -> None:
    first = stage(owner, "Connections.csv")
    services.import_commit(batch=first, default="weak", areas=["expertise"])
    before = {n.pk: n.updated_at for n in Node.objects.filter(owner=owner)}

    again = stage(owner, "Connections.csv")
    assert set(again.records.values_list("decision", flat=True)) == {"merge"}
    outcome = services.import_commit(batch=again, default="weak")

    assert outcome["created"] == 0 and outcome["merged"] == 0 and outcome["unchanged"] == 4
    after = {n.pk: n.updated_at for n in Node.objects.filter(owner=owner)}
    assert after == before


def test_a_merge_fills_empty_fields_and_adds_links_without_overwriting(owner: Any) -> None:
    mine = network.node_create(
        owner=owner,
        data={"name": "Dr. Priya Natarajan", "strength": "strong", "title": "My mentor",
              "links": ["https://linkedin.com/in/priya-natarajan-md/"], "roles": ["mentor"]},
    )  # fmt: skip
    batch = stage(owner, "Connections.csv")
    rec = batch.records.get(name="Priya Natarajan")
    assert rec.decision == "merge" and rec.merge_into_id == mine.pk
    assert rec.duplicate_reason == "profile_url"

    services.import_commit(batch=batch)
    mine.refresh_from_db()
    assert mine.organisation == "Northfield University Hospital"
    assert mine.title == "My mentor"
    assert mine.tie.strength == "strong" and mine.tie.roles == ["mentor"]
    assert len(mine.links) == 1
    assert Node.objects.filter(owner=owner).count() == 1  # the undecided three stay out


def test_duplicates_inside_one_file_merge_into_the_first(owner: Any) -> None:
    data = (
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jane Doe\r\nEMAIL:jane@x.org\r\nEND:VCARD\r\n"
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Dr. Jane Doe\r\nEMAIL:JANE@x.org\r\nTEL:+1 555 0100\r\nEND:VCARD\r\n"
    )
    batch = stage(owner, "c.vcf", data=data)
    second = batch.records.get(position=1)
    assert second.decision == "merge" and second.duplicate_of_position == 0
    services.import_commit(batch=batch, default="weak")
    jane = Node.objects.get(owner=owner)
    assert jane.name == "Jane Doe" and jane.phone == "+1 555 0100"


def test_merging_into_another_users_node_is_refused(owner: Any, other: Any) -> None:
    theirs = network.node_create(owner=other, data={"name": "Theirs"})
    batch = stage(owner, "Connections.csv")
    with pytest.raises(ValidationError):
        services.staged_records_decide(batch=batch, ids=None, decision="merge", merge_into=theirs)


def test_a_committed_batch_cannot_be_committed_again(owner: Any) -> None:
    batch = stage(owner, "Connections.csv")
    services.import_commit(batch=batch, default="weak")
    with pytest.raises(ValidationError):
        services.import_commit(batch=batch, default="weak")
    assert Node.objects.filter(owner=owner).count() == 4


def test_rejected_and_prospect_records(owner: Any) -> None:
    batch = stage(owner, "Connections.csv")
    recs = list(batch.records.all())
    services.staged_records_decide(batch=batch, ids=[recs[0].pk], decision="reject")
    services.staged_records_decide(batch=batch, ids=[recs[1].pk], decision="prospect")
    outcome = services.import_commit(batch=batch)
    assert outcome["created"] == 1 and outcome["rejected"] == 1 and outcome["skipped"] == 2
    assert Node.objects.get(owner=owner).tie.strength == "absent"
