"""The triage inbox page on a 2,000-record import: filters, pages, select
all matching, decide-and-add in one step, rules, open imports, dismiss."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tiewise.network.models import Node
from tiewise.transfer.selectors import RecordFilter, records_matching

from .conftest import staged_batch


@pytest.fixture
def big(owner: Any) -> Any:
    return staged_batch(owner, 2000)


def test_the_inbox_shows_one_page_of_the_most_relevant(
    owner_client: Any, big: Any, django_assert_max_num_queries: Any
) -> None:
    with django_assert_max_num_queries(20):
        html = owner_client.get(f"/import/{big.pk}/").content.decode()
    assert html.count('name="ids"') == 100
    assert "Page 1 of 20" in html and 'data-testid="match-count">2,000<' in html
    assert "Keyboard shortcuts" in html and "<kbd>j</kbd>" in html
    assert "Add as weak ties" in html and "data-action-bar" in html
    assert "2,000</span> still to review" in html
    assert "Not decided: 2,000." in html  # counts read as people write them


def test_filters_narrow_the_list_and_the_pager_keeps_them(owner_client: Any, big: Any) -> None:
    html = owner_client.get(f"/import/{big.pk}/?title=resident&has_email=no").content.decode()
    n = records_matching(big, RecordFilter(title="resident", has_email="no")).count()
    assert f'data-testid="match-count">{n}<' in html and n > 100
    assert "title=resident&amp;has_email=no&amp;page=2" in html
    assert f"Rule: for all {n} matching records" in html
    assert f"Select all <strong>{n}</strong> matching records" in html


def test_a_bad_filter_is_named_and_dropped(owner_client: Any, big: Any) -> None:
    response = owner_client.get(f"/import/{big.pk}/?sector=hospital&q=mayo", follow=True)
    html = response.content.decode()
    assert "Left out the filter sector" in html
    n = records_matching(big, RecordFilter(q="mayo")).count()
    assert f'data-testid="match-count">{n}<' in html


def test_select_all_matching_adds_them_in_one_step(owner: Any, owner_client: Any, big: Any) -> None:
    n = records_matching(big, RecordFilter(organisation="mayo clinic")).count()
    response = owner_client.post(
        f"/import/{big.pk}/decide/",
        {"scope": "matching", "f_organisation": "mayo clinic", "add": "weak", "area": "expertise"},
        follow=True,
    )
    html = response.content.decode()
    assert f"{n} added, {2000 - n:,} still to review." in html
    assert Node.objects.filter(owner=owner, tie__areas__contains=",expertise,").count() == n
    assert response.redirect_chain[-1][0] == f"/import/{big.pk}/?organisation=mayo+clinic"
    big.refresh_from_db()
    assert big.status == "staged"


def test_ticked_records_are_added_and_the_rest_stay(
    owner: Any, owner_client: Any, big: Any
) -> None:
    ids = list(records_matching(big).values_list("pk", flat=True)[:25])
    response = owner_client.post(
        f"/import/{big.pk}/decide/", {"ids": ids, "add": "strong"}, follow=True
    )
    assert "25 added, 1,975 still to review." in response.content.decode()
    assert Node.objects.filter(owner=owner, tie__strength="strong").count() == 25
    inbox = owner_client.get("/import/").content.decode()
    assert "Still to review" in inbox and "1975 of 2000 to review" in inbox and "Dismiss" in inbox


def test_a_rule_tags_everyone_matching_without_deciding(owner_client: Any, big: Any) -> None:
    owner_client.post(
        f"/import/{big.pk}/decide/",
        {"scope": "matching", "f_title": "resident", "role": "mentee", "decision": ""},
    )
    residents = records_matching(big, RecordFilter(title="resident"))
    assert residents.filter(roles__contains=",mentee,").count() == residents.count()
    assert big.records.filter(roles__contains=",mentee,").count() == residents.count()
    assert set(big.records.values_list("decision", flat=True)) == {"pending"}


def test_dismissing_the_rest_finishes_the_import(owner: Any, owner_client: Any, big: Any) -> None:
    owner_client.post(
        f"/import/{big.pk}/decide/", {"scope": "matching", "f_q": "wellcome", "add": "prospect"}
    )
    response = owner_client.post(f"/import/{big.pk}/discard/", follow=True)
    html = response.content.decode()
    assert "Dismissed Connections.csv" in html and "left out." in html
    assert "Still to review" not in html
    big.refresh_from_db()
    assert big.status == "committed" and big.outcome["dismissed"] > 1500


def test_another_user_cannot_decide_by_filter(other_client: Any, big: Any) -> None:
    response = other_client.post(f"/import/{big.pk}/decide/", {"scope": "matching", "add": "weak"})
    assert response.status_code == 404
    assert not Node.objects.filter(tie__strength="weak").exists()


def test_ticked_coauthors_are_added_at_their_suggested_strength(
    owner: Any, owner_client: Any
) -> None:
    """The co-authors she writes with often come in strong, the others weak,
    in one step from the action bar; the undecided stay to review."""
    import random

    from django.utils import timezone

    from tiewise.demo_large import medline
    from tiewise.transfer import services

    data = medline(random.Random(3), 60, 400, timezone.localdate(), owner=("Ruiz", "Ana"))
    batch = services.import_stage(owner=owner, data=data, filename="pubmed.nbib")
    top = list(records_matching(batch).values_list("pk", "suggested_strength")[:100])
    strong = sum(1 for _pk, s in top if s == "strong")
    assert 0 < strong < 100, "the most relevant co-authors mix strong and weak suggestions"
    response = owner_client.post(
        f"/import/{batch.pk}/decide/", {"ids": [pk for pk, _s in top], "add": "suggested"},
        follow=True,
    )  # fmt: skip
    left = batch.records.filter(committed=False).count()
    # (a record the file repeats under initials goes in with its earlier spelling)
    assert batch.records.count() - 101 <= left <= batch.records.count() - 100
    assert re.search(rf"100 added, [\d,]+ links between them, {left:,} still to review\.",
                     response.content.decode())  # fmt: skip
    added = Node.objects.filter(owner=owner)
    assert added.filter(tie__strength="strong").count() == strong
    assert added.filter(tie__strength="weak").count() == 100 - strong
    assert added.filter(tie__areas__contains=",academic,").count() == 100
    assert "Import another file" in response.content.decode()


def test_a_repeated_row_waits_for_its_person_and_is_merged_when_she_is_added(
    owner: Any, owner_client: Any
) -> None:
    from tiewise.transfer import services

    data = (
        b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        b"Ines,Haddad,,ines@example.org,Mayo Clinic,,01 Mar 2020\n"
        b"Omar,Farouk,,,Wellcome Trust,,01 Mar 2021\n"
        b"Ines,Haddad,,ines@example.org,,Cardiologist,01 Mar 2022\n"
    )
    batch = services.import_stage(owner=owner, data=data, filename="Connections.csv")
    ines, omar, again = batch.records.order_by("position")
    assert again.decision == "merge" and again.duplicate_of_position == ines.position
    response = owner_client.post(
        f"/import/{batch.pk}/decide/", {"ids": [omar.pk], "add": "weak"}, follow=True
    )
    assert "1 added, 2 still to review." in response.content.decode()
    again.refresh_from_db()
    assert not again.committed, "her second row is not lost while she waits"
    owner_client.post(f"/import/{batch.pk}/decide/", {"ids": [ines.pk], "add": "strong"})
    node = Node.objects.get(owner=owner, name="Ines Haddad")
    assert (node.organisation, node.title) == ("Mayo Clinic", "Cardiologist")
    batch.refresh_from_db()
    assert batch.status == "committed"
