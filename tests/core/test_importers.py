"""Each importer reads a realistic sample export into the records a physician would expect."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tiewise.core.importers import FORMATS, OwnerHints, detect_format, parse_any, to_node_data

DATA = Path(__file__).resolve().parent.parent / "data" / "imports"
OWNER = OwnerHints(names=("Ana Ruiz",), orcid="0000-0002-1825-0097")
TODAY = date(2024, 6, 1)


def read(name: str, **kwargs: Any):
    return parse_any((DATA / name).read_bytes(), filename=name, owner=OWNER, today=TODAY, **kwargs)


def by_name(result):
    return {r.name: r for r in result.records}


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("Connections.csv", "linkedin"),
        ("google_contacts.csv", "google"),
        ("google_contacts_legacy.csv", "google"),
        ("outlook_contacts.csv", "outlook"),
        ("contacts_v3.vcf", "vcard"),
        ("contacts_v4.vcf", "vcard"),
        ("following.js", "twitter"),
        ("following_accounts.csv", "mastodon"),
        ("publications.bib", "bibtex"),
        ("publications.ris", "ris"),
        ("pubmed.nbib", "medline"),
        ("network.graphml", "graphml"),
    ],
)
def test_it_detects_each_sample_format_from_its_content(name, fmt):
    assert detect_format((DATA / name).read_bytes(), "upload.dat") == fmt
    assert read(name).format == fmt


def test_the_registry_lists_every_format_of_the_design():
    assert set(FORMATS) == {
        "vcard",
        "linkedin",
        "google",
        "outlook",
        "twitter",
        "mastodon",
        "bibtex",
        "ris",
        "medline",
        "json",
        "graphml",
        "gexf",
    }


def test_it_reads_linkedin_connections_below_the_notes_as_weak_technology_ties():
    result = read("Connections.csv")
    people = by_name(result)
    assert list(people) == ["Priya Natarajan", "Tomás Ibáñez", "Grace Oduya", "Martin Kessler"]
    priya = people["Priya Natarajan"]
    assert priya.organisation == "Northfield University Hospital"
    assert priya.title == "Program Director Internal Medicine"
    assert priya.links == ("https://www.linkedin.com/in/priya-natarajan-md",)
    assert priya.since == date(2023, 3, 15)
    assert priya.strength == "weak" and priya.modes == ("technology",)
    assert priya.line == 5
    assert people["Grace Oduya"].organisation == "Lakeside Health, Inc."
    assert people["Tomás Ibáñez"].email == "tomas.ibanez@example.org"
    assert any("line 8" in w and "no name" in w for w in result.warnings)


def test_it_reads_google_contacts_in_the_current_and_the_legacy_layout():
    hannah = by_name(read("google_contacts.csv"))["Dr. Hannah Berg"]
    assert hannah.email == "hannah.berg@example.org"
    assert hannah.other_emails == ("hberg@example.net",)
    assert hannah.specialty == "Pediatrics"
    assert (hannah.organisation, hannah.title) == (
        "Riverside Children's Hospital",
        "Pediatric Hospitalist",
    )
    assert (hannah.city, hannah.country) == ("Springfield", "USA")
    assert hannah.tags == ("Conference",)
    lena = read("google_contacts_legacy.csv").records[0]
    assert (lena.name, lena.organisation, lena.title) == (
        "Lena Vogt",
        "Charité Apotheke",
        "Clinical Pharmacist",
    )
    assert lena.tags == ("Journal club",)


def test_it_reads_outlook_contacts_keeping_the_honorific_apart_from_the_job_title():
    samuel = by_name(read("outlook_contacts.csv"))["Dr. Samuel Achebe"]
    assert samuel.title == "Consultant Geriatrician"
    assert samuel.profession == "Physician"
    assert samuel.tags == ("Mentors", "Geriatrics")
    assert samuel.country == "United Kingdom"


def test_it_reads_an_outlook_export_written_in_utf16():
    data = (DATA / "outlook_contacts.csv").read_text(encoding="utf-8").encode("utf-16")
    result = parse_any(data, filename="contacts.csv")
    assert result.format == "outlook"
    assert [r.name for r in result.records] == ["Dr. Samuel Achebe", "Mei Lin"]


def test_it_reads_windows_1252_files_and_warns_about_it():
    data = (DATA / "Connections.csv").read_text(encoding="utf-8").encode("cp1252")
    result = parse_any(data, filename="Connections.csv")
    assert "Tomás Ibáñez" in by_name(result)
    assert any("Windows-1252" in w for w in result.warnings)


def test_it_reads_utf8_with_a_byte_order_mark():
    data = b"\xef\xbb\xbf" + (DATA / "following_accounts.csv").read_bytes()
    assert len(parse_any(data, filename="following_accounts.csv").records) == 3


def test_it_reads_vcard_3_with_folded_lines_escapes_and_a_photo():
    people = by_name(read("contacts_v3.vcf"))
    chidi = people["Dr. Chidi Okafor"]
    assert chidi.organisation == "Westbrook Medical School"
    assert chidi.specialty == "Department of Surgery"
    assert chidi.email == "chidi.okafor@example.edu"
    assert chidi.other_emails == ("chidi@example.net",)
    assert (chidi.city, chidi.country) == ("Westbrook", "USA")
    assert chidi.notes == (
        "Sponsor for the simulation grant, said to call in spring.\nPrefers email.\n\n"
        "Work address: 1 College Ave, Westbrook, ME, 04092, USA"
    )
    assert chidi.tags == ("Surgery", "Mentors")
    ingrid = people["Ingrid Sørensen"]
    assert ingrid.title.endswith("annual meeting in Odense")
    assert ingrid.line == 18


def test_it_reads_vcard_4_kinds_preferences_and_tel_uris():
    people = by_name(read("contacts_v4.vcf"))
    aiyana = people["Aiyana Redcloud"]
    assert aiyana.phone == "+1-555-0123"
    assert aiyana.external_id == "uid:urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1"
    assert people["Global Surgery Learning Collaborative"].kind == "organisation"


def test_it_names_followed_x_accounts_by_id_and_says_so():
    result = read("following.js")
    first = result.records[0]
    assert first.name == "X account 1460000000000000001"
    assert first.links == ("https://twitter.com/intent/user?user_id=1460000000000000001",)
    assert first.areas == ("professional_identity",) and first.modes == ("technology",)
    assert any("rename" in w for w in result.warnings)


def test_it_reads_mastodon_follows_as_handles_with_profile_links():
    first = read("following_accounts.csv").records[0]
    assert first.name == "@meded_jo@med-mastodon.example"
    assert first.links == ("https://med-mastodon.example/@meded_jo",)


def test_it_leaves_the_owner_out_of_bibtex_coauthors_and_rates_ties_by_count_and_recency():
    result = read("publications.bib")
    people = by_name(result)
    assert "Ana Ruiz" not in people and "A. Ruiz" not in people
    priya = people["Priya Natarajan"]
    assert priya.publications == (
        "2023 · Coaching Residents to Build Learning Networks: A Mixed-Methods Study",
        "2016 · Weak Ties in Clinical Question Answering",
    )
    assert priya.strength == "weak"  # two papers, one from 2016
    # "Natarajan, P." may be her, but initials alone never merge two people.
    assert people["P. Natarajan"].publications == (
        "2022 · The Conference Backchannel as a Learning Space",
    )
    assert people["Jonas Müller"].strength == "weak"
    assert people["Tomás Ibáñez"].areas == ("academic",)
    assert people["Tomás Ibáñez"].roles == ("collaborator",)
    assert people["Tomás Ibáñez"].sector == ""


def test_coauthors_of_one_paper_are_tied_to_each_other():
    result = read("publications.bib")
    names = [r.name for r in result.records]
    pairs = {frozenset((names[t.source], names[t.target])) for t in result.alter_ties}
    assert frozenset(("Priya Natarajan", "Tomás Ibáñez")) in pairs
    assert frozenset(("Tomás Ibáñez", "Wen Lee")) not in pairs


def test_ris_keeps_a_spelling_with_initials_apart_from_the_full_name():
    people = by_name(read("publications.ris"))
    assert people["Chidi Okafor"].publications == (
        "2024 · Sponsorship of Women in Academic Surgery",
    )
    assert people["C. Okafor"].publications == (
        "2023 · Asynchronous Journal Clubs for Surgical Residents",
    )
    assert people["Hannah Berg"].strength == "weak"


def test_it_reads_medline_with_continuation_lines_orcids_and_initials():
    result = read("pubmed.nbib")
    people = by_name(result)
    assert set(people) == {"Priya Natarajan", "Samuel Achebe"}  # "Ruiz, Ana M" is the owner
    assert people["Samuel Achebe"].links == ("https://orcid.org/0000-0001-5109-3700",)
    assert "survey of tie strength" in people["Priya Natarajan"].publications[0]
    assert people["Priya Natarajan"].strength == "strong"  # 2024 and 2022
    assert people["Priya Natarajan"].organisation == "Northfield University Hospital"
    assert people["Priya Natarajan"].specialty == "Department of Medicine"
    assert people["Priya Natarajan"].country == "United States"


def test_it_recognises_the_owner_by_orcid_even_under_another_spelling():
    data = b"PMID- 1\nDP  - 2020\nFAU - Ruiz-Lopez, Ana\nAU  - Ruiz-Lopez A\nAUID- ORCID: 0000-0002-1825-0097\nFAU - Doe, Jane\nAU  - Doe J\n"
    result = parse_any(data, filename="p.nbib", owner=OWNER, today=TODAY)
    assert [r.name for r in result.records] == ["Jane Doe"]


def test_without_the_owner_s_name_it_suggests_nobody_and_lists_the_frequent_authors():
    result = parse_any((DATA / "publications.bib").read_bytes(), filename="p.bib", today=TODAY)
    assert result.records == []
    assert result.extra["owner_found"] is False
    frequent = result.extra["frequent_authors"]
    assert frequent[:2] == [
        {"name": "Ana Ruiz", "papers": 2},
        {"name": "Priya Natarajan", "papers": 2},
    ]
    assert any("which of the frequent authors you are" in w for w in result.warnings)


def test_it_reads_graphml_attributes_and_defaults_missing_ones():
    result = read("network.graphml")
    people = by_name(result)
    priya = people["Priya Natarajan"]
    assert priya.strength == "strong"
    assert priya.modes == ("personal", "technology")
    assert priya.roles == ("mentor", "sponsor")
    assert priya.sector == "medicine"
    assert people["Grace Oduya"].kind == "person" and people["Grace Oduya"].strength == "weak"
    assert people["Open Clinical Data Co"].kind == "organisation"
    assert [(t.source, t.target, t.strength) for t in result.alter_ties] == [
        (0, 2, "strong"),
        (1, 2, ""),
    ]


def test_an_accepted_record_becomes_a_node_with_the_suggested_tie():
    record = by_name(read("Connections.csv"))["Priya Natarajan"]
    node = to_node_data(record, 12)
    assert (node.id, node.name, node.strength, node.modes) == (
        12,
        "Priya Natarajan",
        "weak",
        ("technology",),
    )
    assert node.since == date(2023, 3, 15)
