"""An import flags people who are already in the PLN, or twice in the file."""

from __future__ import annotations

from tiewise.core.importers import ImportRecord, find_duplicates
from tiewise.core.importers.dedupe import normal_name, normal_url

EXISTING = [
    {"id": 1, "name": "Priya Natarajan", "email": "Priya.N@example.org", "organisation": ""},
    {"id": 2, "name": "Grace Oduya", "links": ["http://linkedin.com/in/grace-oduya/"]},
    {"id": 3, "name": "Dr. Tomás Ibáñez", "organisation": "Instituto de Salud Rural"},
]


def test_it_matches_the_same_email_whatever_the_case():
    [match] = find_duplicates(
        [ImportRecord(name="P. Natarajan", email="priya.n@EXAMPLE.org")], EXISTING
    )
    assert (match.record, match.existing_id, match.reason) == (0, 1, "email")


def test_it_matches_the_same_profile_url_whatever_the_scheme_www_or_trailing_slash():
    record = ImportRecord(name="Grace O.", links=("https://www.linkedin.com/in/grace-oduya",))
    [match] = find_duplicates([record], EXISTING)
    assert (match.existing_id, match.reason) == (2, "profile_url")


def test_it_matches_a_folded_name_at_the_same_organisation():
    record = ImportRecord(name="tomas ibanez", organisation="Instituto de Salud Rural")
    [match] = find_duplicates([record], EXISTING)
    assert (match.existing_id, match.reason) == (3, "name_and_organisation")


def test_a_name_alone_is_not_a_match():
    assert (
        find_duplicates([ImportRecord(name="Tomás Ibáñez", organisation="Elsewhere")], EXISTING)
        == []
    )


def test_it_flags_a_person_listed_twice_in_the_same_import():
    records = [
        ImportRecord(name="Li Wei", email="li@x.org"),
        ImportRecord(name="Wei Li", email="LI@x.org"),
    ]
    [match] = find_duplicates(records)
    assert (match.record, match.other_record, match.reason) == (1, 0, "email")


def test_names_fold_titles_accents_punctuation_and_surname_first_order():
    assert normal_name("Ibáñez, Tomás") == normal_name("Dr. Tomas IBANEZ") == "tomas ibanez"


def test_profile_urls_ignore_tracking_queries():
    assert normal_url("https://www.linkedin.com/in/x/?trk=abc") == normal_url("linkedin.com/in/x")
