"""The import page and the triage inbox, with owner, outsider and anonymous."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import override_settings

from tiewise.network.models import Node
from tiewise.transfer import services
from tiewise.transfer.models import ImportBatch

from .conftest import linkedin_csv, sample, upload

BAD_FILES = [
    ("wrong format", "Connections.csv", None, {"format": "vcard"}, "line 1"),
    ("truncated file", "Connections.csv",
     sample("Connections.csv") + b'Ada,Lovelace,u,,"Analytical Engines', {}, "line 10"),
    ("binary garbage", "photo.csv", bytes(range(256)) * 4, {}, "binary"),
    ("missing header", "Connections.csv",
     b"Jane,Doe,https://www.linkedin.com/in/jd,,Acme,CMO,15 Mar 2023\n", {}, "field &#x27;First Name&#x27;"),
    ("duplicated header", "Connections.csv",
     b"First Name,Last Name,URL,Email Address,Company,Company,Connected On\nA,B,u,,c,d,\n", {},
     "appears twice"),
    ("vCard with no FN", "contacts.vcf",
     b"BEGIN:VCARD\r\nVERSION:3.0\r\nN:Doe;Jane;;;\r\nEND:VCARD\r\n", {}, "FN"),
    ("BibTeX with unbalanced braces", "refs.bib",
     b"@article{a,\n  author = {Doe, Jane},\n  title = {Networks {and} learning,\n  year = 2020\n}\n",
     {}, "line 3, field &#x27;title&#x27;"),
]  # fmt: skip


def post_file(client: Any, name: str, data: bytes | None = None, **extra: Any) -> Any:
    return client.post("/import/", {"file": upload(name, data), **extra})


def test_the_import_page_shows_the_upload_form(owner_client: Any) -> None:
    response = owner_client.get("/import/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'type="file"' in html and "data-drop-zone" in html and "transfer.js" in html
    assert 'href="/export/"' in html


def test_anonymous_visitors_are_sent_to_log_in(anon_client: Any) -> None:
    for url in ("/import/", "/import/1/", "/export/", "/export/json/"):
        response = anon_client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_uploading_a_file_stages_it_and_opens_the_review(owner: Any, owner_client: Any) -> None:
    response = post_file(owner_client, "Connections.csv")
    batch = ImportBatch.objects.get(owner=owner)
    assert response.status_code == 302 and response["Location"] == f"/import/{batch.pk}/"
    page = owner_client.get(response["Location"]).content.decode()
    assert "Priya Natarajan" in page and "Accept as weak ties" in page
    assert not Node.objects.filter(owner=owner).exists()


def test_an_upload_from_the_script_gets_json(owner: Any, owner_client: Any) -> None:
    response = owner_client.post(
        "/import/", {"file": upload("Connections.csv")}, headers={"Accept": "application/json"}
    )
    batch = ImportBatch.objects.get(owner=owner)
    assert response.json() == {"redirect": f"/import/{batch.pk}/", "id": batch.pk}


@pytest.mark.parametrize(
    ("case", "name", "data", "extra", "says"), BAD_FILES, ids=[b[0] for b in BAD_FILES]
)
def test_a_bad_file_gets_a_clear_error_and_leaves_nothing(
    owner: Any,
    owner_client: Any,
    case: str,
    name: str,
    data: bytes | None,
    extra: dict[str, str],
    says: str,
) -> None:
    response = post_file(owner_client, name, data, **extra)
    assert response.status_code == 422
    html = response.content.decode()
    assert f"{name}, line" in html or f"{name}:" in html
    assert says in html
    assert not ImportBatch.objects.exists() and not Node.objects.exists()


def test_a_bad_file_from_the_script_gets_the_error_as_json(owner_client: Any) -> None:
    response = owner_client.post(
        "/import/", {"file": upload("refs.bib", b"@article{a,\n title = {x,\n}\n")},
        headers={"Accept": "application/json"},
    )  # fmt: skip
    assert response.status_code == 422 and "refs.bib, line 1" in response.json()["detail"]


def test_a_50_mb_upload_is_refused_as_too_large_before_it_is_read(owner_client: Any) -> None:
    response = post_file(owner_client, "big.csv", b"x" * 50_000_000)
    assert response.status_code == 413
    assert "the limit is 20 MB" in response.content.decode()
    assert not ImportBatch.objects.exists()


@override_settings(TIEWISE_MAX_UPLOAD_BYTES=1000)
def test_the_size_limit_comes_from_settings(owner_client: Any) -> None:
    response = post_file(owner_client, "Connections.csv", linkedin_csv(40))
    assert response.status_code == 413 and "the limit is 0.000954 MB" in response.content.decode()


def test_posting_without_a_file_asks_for_one(owner_client: Any) -> None:
    response = owner_client.post("/import/", {})
    assert response.status_code == 422 and "Choose a file" in response.content.decode()


def test_another_users_batch_is_not_found(owner: Any, other_client: Any) -> None:
    batch = services.import_stage(owner=owner, data=sample("Connections.csv"), filename="c.csv")
    for url in ("", "decide/", "commit/", "discard/"):
        method = other_client.get if not url else other_client.post
        assert method(f"/import/{batch.pk}/{url}").status_code == 404
    batch.refresh_from_db()
    assert batch.status == "staged"


def test_select_all_accept_as_weak_in_expertise_and_commit(owner: Any, owner_client: Any) -> None:
    post_file(owner_client, "Connections.csv", linkedin_csv(25))
    batch = ImportBatch.objects.get(owner=owner)
    ids = list(batch.records.values_list("pk", flat=True))
    response = owner_client.post(
        f"/import/{batch.pk}/decide/", {"ids": ids, "area": "expertise", "decision": "weak"}
    )
    assert response.status_code == 302
    response = owner_client.post(f"/import/{batch.pk}/commit/", follow=True)
    assert "Import done: 25 added" in response.content.decode()
    assert Node.objects.filter(owner=owner, tie__strength="weak").count() == 25
    assert Node.objects.filter(owner=owner, tie__areas__contains=",expertise,").count() == 25
    first = Node.objects.get(owner=owner, name="Person00 Tester")
    review = owner_client.get(f"/import/{batch.pk}/").content.decode()
    assert f'href="/nodes/{first.pk}/"' in review and "Added to your network" in review


def test_every_pending_record_can_be_decided_without_ticking_any(
    owner: Any, owner_client: Any
) -> None:
    post_file(owner_client, "Connections.csv")
    batch = ImportBatch.objects.get(owner=owner)
    owner_client.post(
        f"/import/{batch.pk}/decide/", {"all_pending": "on", "decision": "strong", "role": "peer"}
    )
    assert set(batch.records.values_list("decision", flat=True)) == {"strong"}
    assert all(r.roles == ["peer"] for r in batch.records.all())


def test_deciding_with_nothing_selected_says_so(owner: Any, owner_client: Any) -> None:
    post_file(owner_client, "Connections.csv")
    batch = ImportBatch.objects.get(owner=owner)
    response = owner_client.post(f"/import/{batch.pk}/decide/", {"decision": "weak"}, follow=True)
    assert "Select at least one record" in response.content.decode()


def test_a_record_can_be_merged_into_a_chosen_person(
    owner: Any, owner_client: Any, jane: Any
) -> None:
    post_file(owner_client, "Connections.csv")
    batch = ImportBatch.objects.get(owner=owner)
    rec = batch.records.get(name="Grace Oduya")
    owner_client.post(
        f"/import/{batch.pk}/decide/", {"ids": [rec.pk], "decision": "merge", "merge_into": jane.pk}
    )
    owner_client.post(f"/import/{batch.pk}/commit/")
    jane.refresh_from_db()
    assert jane.organisation == "Mayo"  # kept: not empty
    assert jane.title == "Chief Nursing Officer"  # filled: was empty
    assert "https://www.linkedin.com/in/grace-oduya-4b2a1" in jane.links


def test_a_pre_marked_duplicate_shows_who_and_why(owner: Any, owner_client: Any) -> None:
    Node.objects.create(owner=owner, name="Tomás Ibáñez", email="TOMAS.IBANEZ@example.org")
    post_file(owner_client, "Connections.csv")
    batch = ImportBatch.objects.get(owner=owner)
    html = owner_client.get(f"/import/{batch.pk}/").content.decode()
    assert "Already in your network as" in html and "same email" in html
    assert "Merge into Tomás Ibáñez" in html


def test_discarding_adds_nothing(owner: Any, owner_client: Any) -> None:
    post_file(owner_client, "Connections.csv")
    batch = ImportBatch.objects.get(owner=owner)
    response = owner_client.post(f"/import/{batch.pk}/discard/")
    assert response.status_code == 302
    batch.refresh_from_db()
    assert batch.status == "discarded" and not Node.objects.exists()
    assert owner_client.post(f"/import/{batch.pk}/commit/", follow=True).status_code == 200
    assert not Node.objects.exists()


def test_add_everyone_at_the_suggested_strength_from_a_pubmed_file(
    owner: Any, owner_client: Any
) -> None:
    import time_machine

    from tiewise.accounts.models import Profile

    Profile.objects.filter(user=owner).update(display_name="Ana Ruiz", orcid="0000-0002-1825-0097")
    with time_machine.travel("2024-06-01"):  # co-authorship recency is counted from today
        response = post_file(owner_client, "pubmed.nbib")
    batch = ImportBatch.objects.get(owner=owner)
    assert response.status_code == 302
    owner_client.post(f"/import/{batch.pk}/commit/", {"default": "suggested"})
    nodes = {n.name: n for n in Node.objects.filter(owner=owner).select_related("tie")}
    assert nodes, "co-authors were added"
    assert not any("Ruiz" in name for name in nodes)  # the owner is not her own co-author
    assert {n.tie.strength for n in nodes.values()} <= {"strong", "weak"}
    assert "strong" in {n.tie.strength for n in nodes.values()}  # frequent co-authors
    assert all("academic" in n.tie.areas and "collaborator" in n.tie.roles for n in nodes.values())
