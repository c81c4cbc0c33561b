"""The suggestions of tiewise.core.enrich on real organisation names, in the
languages a clinician's contacts write them."""

from __future__ import annotations

from datetime import date

import pytest

from tiewise.core.enrich import Owner, reach_of, relevance, sector_of, suggest
from tiewise.core.vocab import AREAS, MODES, REACHES, SECTORS

ORGANISATIONS = [
    ("Charité – Universitätsmedizin Berlin", "medicine"),
    ("Hôpital Européen Georges-Pompidou", "medicine"),
    ("Assistance Publique – Hôpitaux de Paris", "medicine"),
    ("Karolinska University Hospital", "medicine"),
    ("Rigshospitalet", "medicine"),
    ("Oslo universitetssykehus", "medicine"),
    ("Universitätsklinikum Heidelberg", "medicine"),
    ("Ospedale San Raffaele", "medicine"),
    ("Hospital Clínic de Barcelona", "medicine"),
    ("Mayo Clinic", "medicine"),
    ("Massachusetts General Hospital", "medicine"),
    ("Kaiser Permanente", "medicine"),
    ("Harvard Medical School", "medicine"),
    ("Johns Hopkins University School of Medicine", "medicine"),
    ("Leeds Teaching Hospitals NHS Trust", "medicine"),
    ("Guy's and St Thomas' NHS Foundation Trust", "medicine"),
    ("University of Pennsylvania School of Nursing", "health_professions"),
    ("UCL School of Pharmacy", "health_professions"),
    ("Karolinska Institutet", "academia"),
    ("Stanford University", "academia"),
    ("Imperial College London", "academia"),
    ("Institut Pasteur", "academia"),
    ("Max Planck Institute for Infection Biology", "academia"),
    ("Universität Zürich", "academia"),
    ("Pfizer Inc.", "industry"),
    ("Roche Diagnostics GmbH", "industry"),
    ("Novartis AG", "industry"),
    ("AstraZeneca AB", "industry"),
    ("Medtronic plc", "industry"),
    ("Google LLC", "industry"),
    ("McKinsey & Company", "industry"),
    ("NHS England", "government"),
    ("Ministry of Health", "government"),
    ("Bundesministerium für Gesundheit", "government"),
    ("Ministère des Solidarités et de la Santé", "government"),
    ("Centers for Disease Control and Prevention", "government"),
    ("European Medicines Agency", "government"),
    ("World Health Organization", "government"),
    ("Wellcome Trust", "nonprofit"),
    ("Bill & Melinda Gates Foundation", "nonprofit"),
    ("Médecins Sans Frontières", "nonprofit"),
    ("Robert Bosch Stiftung", "nonprofit"),
    ("American Heart Association", "nonprofit"),
    ("Cancer Research UK", "nonprofit"),
    # Nothing to go on: no guess at all rather than a wrong one.
    ("Self-employed", ""),
    ("Walgreens", ""),
    ("Acme", ""),
]


@pytest.mark.parametrize(("organisation", "sector"), ORGANISATIONS)
def test_the_sector_follows_the_organisation(organisation: str, sector: str) -> None:
    assert sector_of(organisation) == sector


def test_every_suggested_sector_is_a_vocabulary_code() -> None:
    assert {s for _o, s in ORGANISATIONS} - {""} <= set(SECTORS)


def test_a_nurse_at_a_hospital_works_in_a_health_profession() -> None:
    assert sector_of("Mayo Clinic", title="Chief Nursing Officer") == "health_professions"
    assert sector_of("Mayo Clinic", title="Consultant cardiologist") == "medicine"


def test_an_email_domain_says_the_sector_when_the_organisation_does_not() -> None:
    assert sector_of("", email="jane.doe@cdc.gov") == "government"
    assert sector_of("", email="a.smith@nhs.net") == "medicine"
    assert sector_of("", email="lb@stanford.edu") == "academia"
    assert sector_of("", email="someone@gmail.com") == ""
    assert sector_of("www.fda.gov") == "government"


def test_reach_compares_the_city_and_country_with_the_owners() -> None:
    assert reach_of(city="Rochester", country="US", owner_city="rochester",
                    owner_country="USA") == "local"  # fmt: skip
    assert reach_of(country="United States", owner_country="USA") == "national"
    assert reach_of(country="Deutschland", owner_country="United States") == "international"
    assert reach_of(country="", owner_country="United States") == ""


def test_linkedin_and_social_follows_are_technology_ties_and_coauthors_academic() -> None:
    owner = Owner(country="United States")
    linkedin = suggest({"name": "A", "organisation": "Mayo Clinic"}, source="linkedin")
    assert linkedin.modes == ("technology",) and linkedin.sector == "medicine"
    follow = suggest({"name": "X account 42"}, source="twitter")
    assert follow.modes == ("technology",) and "professional_identity" in follow.areas
    coauthor = suggest(
        {"name": "Lena Berg", "organisation": "Karolinska Institutet, Stockholm, Sweden"},
        source="medline",
        owner=owner,
    )
    assert coauthor.areas == ("academic",) and coauthor.reach == "international"
    assert coauthor.modes == ()
    contact = suggest({"name": "B", "links": ["https://mastodon.social/@b"]}, source="vcard")
    assert contact.modes == ("technology",)
    for s in (linkedin, follow, coauthor, contact):
        assert set(s.areas) <= set(AREAS) and set(s.modes) <= set(MODES)
        assert s.reach in {"", *REACHES}


def test_what_the_file_says_wins_over_a_suggestion() -> None:
    s = suggest({"name": "A", "organisation": "Pfizer Inc.", "sector": "academia",
                 "reach": "local"}, source="vcard")  # fmt: skip
    assert (s.sector, s.reach) == ("academia", "local")


def test_frequent_recent_coauthors_at_my_institution_rank_first() -> None:
    me = Owner(institution="Mayo Clinic", specialty="Emergency medicine")
    today = date(2024, 6, 1)
    close = {"name": "A", "organisation": "Mayo Clinic", "email": "a@mayo.edu",
             "publications": ["2024 · X", "2023 · Y", "2022 · Z"]}  # fmt: skip
    old = {"name": "B", "organisation": "Elsewhere", "publications": ["2009 · Old"]}
    colleague = {"name": "C", "organisation": "Mayo Clinic", "title": "Emergency physician"}
    stranger = {"name": "D"}
    scores = [relevance(v, owner=me, today=today)[0] for v in (close, colleague, old, stranger)]
    assert scores == sorted(scores, reverse=True) and scores[0] > scores[1] > scores[2] > 0
    assert "same specialty" in relevance(colleague, owner=me, today=today)[1]
    assert scores[-1] == 0
