"""Re-importing the same file, or a newer export of the same source, adds
nobody twice; a newer export updates what changed and says so."""

from __future__ import annotations

from typing import Any

import pytest

from tiewise.accounts.models import User
from tiewise.network.models import Node
from tiewise.network.services import node_create
from tiewise.transfer import services
from tiewise.transfer.models import ImportBatch

from .conftest import DATA, sample

FILES = sorted(p.name for p in DATA.iterdir() if p.suffix != ".json")


def _import(owner: User, name: str, data: bytes | None = None) -> tuple[ImportBatch, dict]:
    batch = services.import_stage(owner=owner, data=sample(name) if data is None else data,
                                  filename=name)  # fmt: skip
    if batch.authors:  # a publication list without Ana: take every author
        batch = services.import_choose_owner(batch=batch, all_authors=True)
    return batch, services.import_commit(batch=batch, default="weak")


@pytest.mark.parametrize("name", FILES)
def test_the_second_import_of_a_file_adds_nobody(owner: User, name: str) -> None:
    first, done = _import(owner, name)
    count = Node.objects.filter(owner=owner).count()
    assert count == done["created"] > 0
    again, redone = _import(owner, name)
    assert Node.objects.filter(owner=owner).count() == count, name
    assert redone["created"] == 0
    assert again.records.filter(decision="merge").count() == again.record_count


LINKEDIN = (
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    "Ana,Okafor,https://www.linkedin.com/in/ana-okafor,,{company},{position},01 Mar 2023\n"
    "Ben,Lindqvist,https://www.linkedin.com/in/ben-lindqvist,,Karolinska,Nurse,02 Mar 2023\n"
)


def _linkedin(company: str, position: str) -> bytes:
    return LINKEDIN.format(company=company, position=position).encode()


def test_a_newer_export_updates_the_employer_and_says_so(owner: User, owner_client: Any) -> None:
    _import(owner, "Connections.csv", _linkedin("Mayo Clinic", "Fellow"))
    newer = services.import_stage(
        owner=owner, data=_linkedin("Cleveland Clinic", "Consultant"), filename="Connections.csv"
    )
    ana = newer.records.get(name="Ana Okafor")
    assert ana.decision == "merge"
    assert {(c["field"], c["old"], c["new"]) for c in ana.changes} == {
        ("organisation", "Mayo Clinic", "Cleveland Clinic"),
        ("title", "Fellow", "Consultant"),
    }
    assert newer.records.get(name="Ben Lindqvist").changes == []
    page = owner_client.get(f"/import/{newer.pk}/").content.decode()
    assert "1 of them has changed since your last import" in page
    assert "<del>Mayo Clinic</del> → <ins>Cleveland Clinic</ins>" in page
    only = owner_client.get(f"/import/{newer.pk}/?duplicate=changed").content.decode()
    assert '<strong data-testid="match-count">1</strong>' in only and "<del>Fellow</del>" in only
    done = services.import_commit(batch=newer)
    assert done["created"] == 0 and done["updated"] == 1 and done["unchanged"] == 1
    node = Node.objects.get(owner=owner, name="Ana Okafor")
    assert (node.organisation, node.title) == ("Cleveland Clinic", "Consultant")
    assert Node.objects.filter(owner=owner).count() == 2


def test_the_api_lists_the_changes(owner: User, owner_api: Any) -> None:
    _import(owner, "Connections.csv", _linkedin("Mayo Clinic", "Fellow"))
    newer = services.import_stage(
        owner=owner, data=_linkedin("Mayo Clinic", "Consultant"), filename="Connections.csv"
    )
    got = owner_api.get(f"/api/v1/imports/{newer.pk}/records?duplicate=changed").json()
    assert [(r["name"], r["changes"]) for r in got["items"]] == [
        ("Ana Okafor", [{"field": "title", "old": "Fellow", "new": "Consultant"}])
    ]


def test_a_case_or_accent_difference_is_not_a_change(owner: User) -> None:
    _import(owner, "Connections.csv", _linkedin("Hôpital Européen", "Fellow"))
    newer = services.import_stage(
        owner=owner, data=_linkedin("hopital europeen", "fellow"), filename="Connections.csv"
    )
    assert newer.records.exclude(changes=[]).count() == 0


def test_a_contact_with_only_a_name_is_found_again_only_by_its_own_source(owner: User) -> None:
    card = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Celine Lefebvre\r\nTEL:+33 1 00\r\nEND:VCARD\r\n"
    _import(owner, "phone.vcf", card)
    again = services.import_stage(owner=owner, data=card, filename="phone.vcf")
    assert again.records.get().duplicate_reason == "same_source"
    # The same bare name from another source is not enough to call them one person.
    google = b"First Name,Last Name,E-mail 1 - Value\nCeline,Lefebvre,\n"
    other = services.import_stage(owner=owner, data=google, filename="contacts.csv")
    assert other.records.get().duplicate_reason == ""


def test_a_node_typed_by_hand_is_not_found_by_a_bare_name(owner: User) -> None:
    node_create(owner=owner, data={"name": "Celine Lefebvre"})
    card = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Celine Lefebvre\r\nEND:VCARD\r\n"
    batch = services.import_stage(owner=owner, data=card, filename="phone.vcf")
    assert batch.records.get().duplicate_reason == ""


def test_namesakes_with_different_profiles_stay_two_on_reimport(owner: User) -> None:
    two = (
        b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        b"Wei,Zhang,https://www.linkedin.com/in/wei-zhang-1,,Mayo Clinic,Fellow,01 Mar 2023\n"
        b"Wei,Zhang,https://www.linkedin.com/in/wei-zhang-2,,Mayo Clinic,Nurse,01 Mar 2023\n"
    )
    _import(owner, "Connections.csv", two)
    _import(owner, "Connections.csv", two)
    assert Node.objects.filter(owner=owner, name="Wei Zhang").count() == 2
    assert set(Node.objects.filter(owner=owner).values_list("title", flat=True)) == {
        "Fellow", "Nurse",
    }  # fmt: skip


def test_an_edit_of_the_owner_wins_over_a_newer_export(owner: User) -> None:
    _import(owner, "Connections.csv", _linkedin("Mayo Clinic", "Fellow"))
    ana = Node.objects.get(owner=owner, name="Ana Okafor")
    ana.title = "My mentor"  # typed by the owner after the first import
    ana.save()
    newer = services.import_stage(
        owner=owner, data=_linkedin("Cleveland Clinic", "Consultant"), filename="Connections.csv"
    )
    changes = newer.records.get(name="Ana Okafor").changes
    assert [c["field"] for c in changes] == ["organisation"]
    services.import_commit(batch=newer)
    ana.refresh_from_db()
    assert (ana.organisation, ana.title) == ("Cleveland Clinic", "My mentor")
    # And the export after that updates the employer again: it is still the imported one.
    newest = services.import_stage(
        owner=owner, data=_linkedin("Charité", "Consultant"), filename="Connections.csv"
    )
    assert [c["new"] for c in newest.records.get(name="Ana Okafor").changes] == ["Charité"]


def test_the_cli_says_how_many_took_newer_details(owner: User, tmp_path: Any, capsys: Any) -> None:
    from tiewise.cli import main

    old, new = tmp_path / "old" / "Connections.csv", tmp_path / "new" / "Connections.csv"
    for path, company in ((old, "Mayo Clinic"), (new, "Cleveland Clinic")):
        path.parent.mkdir()
        path.write_bytes(_linkedin(company, "Fellow"))
    assert main(["import", "--user", owner.email, str(old), "--commit"]) == 0
    assert main(["import", "--user", owner.email, str(new), "--commit"]) == 0
    out = capsys.readouterr().out.splitlines()[-1]
    assert out == "Committed: 0 added, 1 merged (1 with newer details), 1 unchanged, 0 links."
