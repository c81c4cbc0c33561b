"""The triage inbox's service layer on a 2,000-record LinkedIn import:
filters, rules over every matching record, partial commits, dismissing."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError

from tiewise.network.models import Node
from tiewise.transfer import selectors, services
from tiewise.transfer.selectors import RecordFilter, records_matching

from .conftest import sample, staged_batch


@pytest.fixture
def big(owner: Any) -> Any:
    return staged_batch(owner, 2000)


@pytest.fixture
def small(owner: Any) -> Any:
    """Enough for the tests that do not need scale (each run builds its own)."""
    return staged_batch(owner, 300)


def orgs(batch: Any) -> list[str]:
    return [r.data["organisation"] for r in batch.records.all()]


def test_filters_run_in_the_database_accents_and_case_aside(big: Any) -> None:
    every = orgs(big)
    mayo = records_matching(big, RecordFilter(organisation="mayo clinic"))
    assert mayo.count() == every.count("Mayo Clinic") > 50
    charite = records_matching(big, RecordFilter(organisation="CHARITE"))
    assert charite.count() == every.count("Charité – Universitätsmedizin Berlin") > 50
    residents = records_matching(big, RecordFilter(title="resident"))
    assert residents.count() > 100
    assert all("Resident" in r.data["title"] for r in residents)
    both = records_matching(big, RecordFilter(q="emergency mayo"))
    assert 0 < both.count() < mayo.count()
    assert all(
        r.data["organisation"] == "Mayo Clinic" and "Emergency" in r.data["title"] for r in both
    )


def test_email_duplicate_strength_and_sector_filters(small: Any) -> None:
    with_email = records_matching(small, RecordFilter(has_email="yes")).count()
    without = records_matching(small, RecordFilter(has_email="no")).count()
    assert with_email + without == 300 and 30 < with_email < 90
    assert records_matching(small, RecordFilter(duplicate="possible")).count() == 6
    assert records_matching(small, RecordFilter(duplicate="exact")).count() == 0
    assert records_matching(small, RecordFilter(suggested="weak")).count() == 300
    industry = records_matching(small, RecordFilter(sector="industry"))
    assert {r.data["organisation"] for r in industry} == {
        "Pfizer Inc.", "Roche Diagnostics GmbH", "Google LLC"
    }  # fmt: skip
    assert {
        r.data["organisation"] for r in records_matching(small, RecordFilter(sector="none"))
    } == {"Self-employed"}


def test_a_bad_filter_value_names_the_filter() -> None:
    with pytest.raises(ValidationError) as err:
        RecordFilter.from_params({"sector": "hospitals", "duplicate": "maybe"})
    assert set(err.value.message_dict) == {"sector", "duplicate"}


def test_the_most_relevant_come_first(owner: Any) -> None:
    owner.profile.institution = "Mayo Clinic"
    owner.profile.save()
    batch = staged_batch(owner, 300)
    mayo = orgs(batch).count("Mayo Clinic")
    ranked = list(records_matching(batch)[:mayo])
    assert mayo > 5 and all(r.data["organisation"] == "Mayo Clinic" for r in ranked)
    assert ranked[0].score >= ranked[-1].score
    assert "same institution" in ranked[0].score_reasons


def test_a_rule_changes_every_matching_record_and_nothing_else(big: Any) -> None:
    n = services.staged_records_decide(
        batch=big, match=RecordFilter(organisation="Mayo Clinic"), areas=["expertise"]
    )
    assert n == orgs(big).count("Mayo Clinic")
    tagged = big.records.filter(areas__contains=",expertise,")
    assert tagged.count() == n and {r.data["organisation"] for r in tagged} == {"Mayo Clinic"}
    assert set(big.records.values_list("decision", flat=True)) == {"pending"}
    m = services.staged_records_decide(
        batch=big, match=RecordFilter(title="resident"), roles=["mentee"]
    )
    assert m == records_matching(big, RecordFilter(title="resident")).count()
    assert big.records.filter(roles__contains=",mentee,").count() == m


def test_ids_and_match_together_are_refused(small: Any) -> None:
    with pytest.raises(ValidationError) as err:
        services.staged_records_decide(
            batch=small, ids=[1], match=RecordFilter(q="x"), decision="weak"
        )
    assert "match" in err.value.message_dict


def test_commit_adds_the_decided_and_keeps_the_rest_to_review(owner: Any, big: Any) -> None:
    first = list(records_matching(big).values_list("pk", flat=True)[:25])
    services.staged_records_decide(batch=big, ids=first, decision="weak")
    outcome = services.import_commit(batch=big)
    assert outcome["created"] == 25 and outcome["pending"] == 1975
    big.refresh_from_db()
    assert big.status == "staged"  # still open
    assert Node.objects.filter(owner=owner, tie__strength="weak").count() == 25
    assert records_matching(big).count() == 1975
    assert records_matching(big, RecordFilter(decision="added")).count() == 25
    # Later: everyone at Wellcome as prospects, in one step.
    changed, outcome = services.staged_records_add(
        batch=big, match=RecordFilter(organisation="wellcome"), decision="prospect"
    )
    assert outcome["created"] == changed and outcome["pending"] == 1975 - changed
    big.refresh_from_db()
    assert big.outcome["created"] == 25 + changed  # the batch adds up every commit


def test_a_rule_never_touches_records_already_added(small: Any) -> None:
    services.staged_records_add(
        batch=small, match=RecordFilter(organisation="mayo"), decision="weak"
    )
    n = services.staged_records_decide(
        batch=small, match=RecordFilter(organisation="mayo"), decision="reject"
    )
    assert n == 0


def test_accepted_records_bring_their_suggested_sector(owner: Any, small: Any) -> None:
    pfizer = RecordFilter(organisation="pfizer")
    services.staged_records_add(batch=small, match=pfizer, decision="weak")
    at_pfizer = Node.objects.filter(owner=owner, organisation="Pfizer Inc.")
    assert set(at_pfizer.values_list("sector", flat=True)) == {"industry", "health_professions"}
    assert all(  # a nurse or pharmacist at Pfizer works in a health profession
        n.sector == "health_professions" for n in at_pfizer if "Nurse" in n.title
    )
    # Changed in bulk before adding: the owner's word wins over the suggestion.
    nhs = RecordFilter(organisation="NHS England")
    services.staged_records_decide(batch=small, match=nhs, sector="medicine")
    services.staged_records_add(batch=small, match=nhs, decision="weak")
    nodes = Node.objects.filter(owner=owner, organisation="NHS England")
    assert nodes.exists() and set(nodes.values_list("sector", flat=True)) == {"medicine"}
    assert all(n.tie.modes == ["technology"] for n in nodes)


def test_commit_with_suggested_defaults_applies_every_suggestion(owner: Any) -> None:
    batch = staged_batch(owner, 120)
    services.import_commit(batch=batch, default="suggested")
    batch.refresh_from_db()
    assert batch.status == "committed" and batch.outcome["created"] == 120
    sectors = dict(Node.objects.filter(owner=owner).values_list("organisation", "sector"))
    assert (
        sectors["Wellcome Trust"] == "nonprofit" and sectors["Karolinska Institutet"] == "academia"
    )


def test_dismissing_a_partly_added_import_finishes_it(owner: Any, small: Any) -> None:
    services.staged_records_add(
        batch=small, match=RecordFilter(organisation="mayo"), decision="weak"
    )
    added = Node.objects.filter(owner=owner, tie__strength="weak").count()
    left = services.import_discard(batch=small)
    small.refresh_from_db()
    assert small.status == "committed" and left == 300 - added
    assert small.outcome["dismissed"] == left
    assert not selectors.open_batches(owner).exists()


def test_dismissing_an_untouched_import_discards_it(owner: Any) -> None:
    batch = services.import_stage(owner=owner, data=sample("Connections.csv"), filename="c.csv")
    assert services.import_discard(batch=batch) == 4
    batch.refresh_from_db()
    assert batch.status == "discarded" and not Node.objects.filter(owner=owner).exists()


def test_staging_a_file_stores_the_suggestions(owner: Any) -> None:
    batch = services.import_stage(owner=owner, data=sample("Connections.csv"), filename="c.csv")
    grace = batch.records.get(name="Grace Oduya")  # Chief Nursing Officer at Mayo
    assert grace.source == "linkedin" and grace.suggested_sector == "health_professions"
    assert records_matching(batch, RecordFilter(q="oduya")).get() == grace
    assert records_matching(batch, RecordFilter(source="linkedin")).count() == 4
    assert records_matching(batch, RecordFilter(source="medline")).count() == 0
