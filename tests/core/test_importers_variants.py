"""The variants of each format that exist in the wild read into what a user expects."""

from __future__ import annotations

import base64
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tiewise.core.importers import OwnerHints, detect_format, find_duplicates, parse_any

DATA = Path(__file__).resolve().parent.parent / "data" / "imports"
OWNER = OwnerHints(names=("Ana Ruiz",), orcid="0000-0002-1825-0097")
TODAY = date(2024, 6, 1)
CONTROL = {chr(c) for c in range(32)} | {chr(c) for c in range(0x7F, 0xA0)}


def read(name: str, owner: OwnerHints | None = OWNER, **kwargs: Any):
    return parse_any((DATA / name).read_bytes(), filename=name, owner=owner, today=TODAY, **kwargs)


def by_name(result):
    return {r.name: r for r in result.records}


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("Connections_2018.csv", "linkedin"),
        ("Connections_2025.csv", "linkedin"),
        ("contacts_v21.vcf", "vcard"),
        ("contacts_apple.vcf", "vcard"),
        ("google_contacts_2023.csv", "google"),
        ("outlook_contacts_de.csv", "outlook"),
        ("outlook_partial.csv", "outlook"),
        ("follower.js", "twitter"),
        ("following_accounts_old.csv", "mastodon"),
        ("dblp.bib", "bibtex"),
        ("ieee.bib", "bibtex"),
        ("jabref.bib", "bibtex"),
        ("zotero_biblatex.bib", "bibtex"),
        ("zotero.ris", "ris"),
        ("scopus.ris", "ris"),
        ("pubmed_full.nbib", "medline"),
        ("gephi.graphml", "graphml"),
        ("graph_tool.graphml", "graphml"),
        ("yed.graphml", "graphml"),
        ("gephi_1_3.gexf", "gexf"),
        ("networkx_1_2.gexf", "gexf"),
    ],
)
def test_each_variant_is_recognised_and_no_text_holds_a_control_character(name, fmt):
    data = (DATA / name).read_bytes()
    assert detect_format(data, "upload.dat" if fmt != "mastodon" else name) == fmt
    result = read(name)
    assert result.records
    multiline = ("notes", "how_we_met")
    for record in result.records:
        for field in ("name", "organisation", "title", "specialty", "email", "phone", "city"):
            assert not CONTROL & set(getattr(record, field)), (field, record)
        for field in multiline:
            assert not (CONTROL - {"\n", "\t"}) & set(getattr(record, field))
        for field in ("other_emails", "other_phones", "links", "tags", "publications"):
            for value in getattr(record, field):
                assert not CONTROL & set(value)


# --- LinkedIn ------------------------------------------------------------------------------


def test_linkedin_2018_has_no_url_column_and_american_dates():
    result = read("Connections_2018.csv")
    people = by_name(result)
    assert list(people) == ["Amara Osei 🩺", "Jean Luc Moreau", "Li Wei", "Siobhán O’Connor"]
    amara = people["Amara Osei 🩺"]
    assert (amara.email, amara.organisation, amara.since) == (
        "amara.osei@example.org",
        "Korle Bu Teaching Hospital",
        date(2018, 1, 8),
    )
    assert amara.links == () and amara.external_id == ""
    assert people["Jean Luc Moreau"].organisation == "Hôpital Saint-Éloi, CHU"
    assert people["Siobhán O’Connor"].since == date(2016, 6, 30)
    assert result.extra["layout"] == "2018"


def test_linkedin_2025_keeps_two_namesakes_at_one_hospital_apart():
    result = read("Connections_2025.csv")
    anas = [r for r in result.records if r.name == "Ana Ruiz"]
    assert [a.title for a in anas] == ["Attending Physician", "Nurse Educator"]
    assert find_duplicates(result.records) == []  # same name and hospital, other profiles
    assert by_name(result)["✨ Kiri Tane 🌿"].email == "kiri@example.nz"


def test_linkedin_names_the_column_that_is_really_missing():
    data = b"First Name,Surname,URL,Email Address,Company,Position,Connected On\nA,B,u,,c,d,\n"
    with pytest.raises(Exception) as caught:
        parse_any(data, filename="Connections.csv", format="linkedin")
    error = caught.value
    assert (error.line, error.field) == (1, "Last Name")
    assert "no column 'Last Name'" in error.message


# --- vCard ---------------------------------------------------------------------------------


def test_vcard_2_1_quoted_printable_charsets_and_bare_parameters():
    people = by_name(read("contacts_v21.vcf"))
    jurgen = people["Dr. Jürgen Müller"]
    assert (jurgen.organisation, jurgen.specialty, jurgen.title) == (
        "Klinikum Süd",
        "Kardiologie",
        "Oberarzt",
    )
    assert (jurgen.phone, jurgen.other_phones) == ("+49 170 0000000", ("+49 30 0000 1234",))
    assert (jurgen.email, jurgen.other_emails) == ("j.mueller@example.de", ("juergen@example.net",))
    assert (
        jurgen.notes == "Sponsor for the rural track – said “call me in March”.\nPrefers WhatsApp."
    )
    assert "Céline Lefebvre" in people  # N in ISO-8859-1, no FN: vCard 2.1 allows that


def test_an_apple_vcard_keeps_every_value_and_its_labels():
    result = read("contacts_apple.vcf")
    elin = result.records[0]
    assert elin.name == "Elin Maria Lindqvist"
    assert elin.email == "elin.lindqvist@example.se"
    assert elin.other_emails == ("elin.m.l@example.com", "e.lindqvist@example.org")
    assert elin.other_phones == ("+46 8 000 000 00",)
    assert elin.organisation == "Karolinska Institutet"
    assert elin.specialty == "Department of Clinical Science, Intervention and Technology"
    assert elin.links == (
        "https://orcid.org/0000-0003-1234-5678",
        "https://www.linkedin.com/in/elin-lindqvist",
    )
    assert (elin.city, elin.country) == ("Huddinge", "Sweden")
    # the fold inside "é" (bytes C3 | A9) is joined before decoding
    assert "Très généreuse" in elin.notes
    for line in ("Also at: Swedish Society of Medicine", "Spouse: Johan Lindqvist",
                 "Birthday: 1979-04-12", "Work address: Alfred Nobels allé 8, Huddinge"):  # fmt: skip
        assert line in elin.notes
    assert elin.external_id == "uid:0A8B2C1E-7F3D-4E5A-9B6C-1D2E3F4A5B6C"
    assert result.records[1].kind == "organisation"  # X-ABShowAs:COMPANY
    assert result.records[1].line == 142  # CR CR LF counted as one line end
    assert any("skipped 1 line before the first BEGIN:VCARD" in w for w in result.warnings)


def test_a_huge_folded_photo_is_skipped_without_being_decoded():
    photo = base64.b64encode(b"\xff\xd8" + bytes(range(256)) * 20_000).decode()
    folded = "\r\n ".join(photo[i : i + 74] for i in range(0, len(photo), 74))
    card = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Mei Lin\r\nPHOTO;ENCODING=b;TYPE=JPEG:"
        + folded
        + "\r\nEMAIL:mei@example.com\r\nEND:VCARD\r\n"
    )
    [mei] = parse_any(card.encode(), filename="big.vcf").records
    assert (mei.name, mei.email) == ("Mei Lin", "mei@example.com")


def test_text_after_the_last_card_is_another_file_and_says_where():
    data = (DATA / "contacts_v4.vcf").read_bytes() + b"First Name,Last Name\r\nAna,Ruiz\r\n"
    with pytest.raises(Exception) as caught:
        parse_any(data, filename="all.vcf")
    assert caught.value.line == 19 and "pasted together" in caught.value.message


# --- Google and Outlook --------------------------------------------------------------------


def test_google_2023_keeps_every_email_phone_and_site_and_multiline_notes():
    people = by_name(read("google_contacts_2023.csv"))
    rania = people["Dr. Rania Haddad"]
    assert rania.email == "rh12@example.org"
    assert rania.other_emails == ("rania.haddad@example.org", "rania.h@example.com")
    assert rania.other_phones == ("+961 71 000 000", "+961 1 350 000")
    assert rania.specialty == "Emergency Medicine"
    assert rania.links[0] == "https://www.linkedin.com/in/rania-haddad-md"
    assert rania.tags == ("Mentors", "Simulation")
    assert rania.notes.startswith("Met at ICEM 2023.\nInterested in simulation for triage;\n")
    assert "Pronouns: she/her" in rania.notes and "Nickname: Rani" in rania.notes
    assert people["Tomás A. Ibáñez"].notes == "Assistant: Lucía Pérez"
    assert people["Global Surgery Learning Collaborative"].kind == "organisation"


def test_a_german_outlook_export_in_windows_1252():
    result = read("outlook_contacts_de.csv")
    people = by_name(result)
    jurgen = people["Prof. Dr. Jürgen Weiß"]
    assert (jurgen.organisation, jurgen.specialty, jurgen.title, jurgen.profession) == (
        "Universitätsklinikum Süd",
        "Klinik für Kardiologie",
        "Oberarzt",
        "Arzt",
    )
    assert (jurgen.email, jurgen.other_emails) == (
        "j.weiss@example.de",
        ("juergen.weiss@example.net",),
    )
    assert (jurgen.city, jurgen.country) == ("München", "Deutschland")
    assert jurgen.tags == ("Mentoren", "Forschung")
    assert "Review’s" in jurgen.notes  # a curly apostrophe, not a C1 control
    assert "Birthday" not in jurgen.notes  # Outlook's "0.0.00" means none
    assert "Anneliese Marie Größer" in people  # "Frau" is a form of address, not a name
    assert any("Windows-1252" in w for w in result.warnings)


def test_an_outlook_file_with_only_some_columns():
    people = by_name(read("outlook_partial.csv"))
    assert people["Nkechi Adeyemi"].organisation == "Lagos University Teaching Hospital"
    assert people["Sven Nyström"].email == ""


# --- X and Mastodon ------------------------------------------------------------------------


def test_x_followers_are_each_their_own_record_keyed_by_account_id():
    result = read("follower.js")
    assert [r.external_id for r in result.records] == ["x:1580000000000000042", "x:98765"]
    assert result.records[0].notes == "This account follows you on X."
    assert find_duplicates(result.records) == []  # links alike, accounts apart
    assert any("X account <id>" in w and "rename" in w for w in result.warnings)


def test_the_old_mastodon_file_has_one_address_a_line_and_no_header():
    result = read("following_accounts_old.csv")
    assert [r.name for r in result.records] == [
        "@meded_jo@med-mastodon.example",
        "@hospitalist_ray@mstdn.example",
        "@FOAMed@scholar.example",
    ]
    assert result.records[2].external_id == "acct:foamed@scholar.example"


# --- publications --------------------------------------------------------------------------


def test_dblp_keeps_numbered_namesakes_apart_and_decodes_accents():
    result = read("dblp.bib")
    people = by_name(result)
    wangs = [r for r in result.records if r.name == "Wei Wang"]
    assert len(wangs) == 2 and "Wei Wang 0001" in wangs[0].notes
    assert len(wangs[0].publications) == 2  # on two of Ana's papers
    assert "Jan Schönberger" in people and "José García" in people
    assert people["Priya Natarajan"].strength == "strong"  # 2022 and 2024


def test_ieee_xplore_and_jabref_latex_accents():
    ieee = by_name(read("ieee.bib"))
    assert ieee["Håkan Håkansson"].strength == "strong"
    assert "Léa François" in ieee
    assert ieee["Léa François"].publications == (
        "2022 · Tele-Mentoring Networks for Rural Residents: A Pilot – Lessons Learned",
    )
    jabref = by_name(read("jabref.bib"))
    assert set(jabref) == {"Gregor Straßmann", "Élodie Marchand", "Jan Schönberger"}
    assert jabref["Élodie Marchand"].publications[0] == (
        "2021 · Peer mentoring in residency – a scoping review"
    )


def test_biblatex_dates_orcid_annotations_and_group_authors():
    result = read("zotero_biblatex.bib")
    people = by_name(result)
    chidi = people["Chidi Okafor"]
    assert chidi.external_id == "orcid:0000-0001-5109-3700"
    assert chidi.links == ("https://orcid.org/0000-0001-5109-3700",)
    assert chidi.publications[0].startswith(
        "2024 · Coaching across Rural Regions: A Cohort Study of β-Testing"
    )
    assert chidi.publications[1] == "2023 · Sponsorship in Surgery: A Preprint"
    assert people["World Health Organization Regional Office"].kind == "organisation"


def test_ris_from_zotero_leaves_editors_out_and_joins_continued_lines():
    people = by_name(read("zotero.ris"))
    assert set(people) == {"Hannah Berg", "Chidi Okafor"}  # Lindqvist is an editor (A2)
    assert people["Hannah Berg"].publications[1] == (
        "2021 · Building a Learning Network: A Guide for Clinician Educators"
    )


def test_ris_from_scopus_with_mixed_line_ends():
    result = read("scopus.ris")
    assert [r.name for r in result.records] == ["C. Okafor", "E. Lindqvist"]
    assert result.extra["papers"] == 2


def test_medline_full_names_orcids_affiliations_and_emails():
    result = read("pubmed_full.nbib")
    people = by_name(result)
    elin = people["Elin Maria Lindqvist"]  # FAU, and her ORCID joins "Lindqvist, Elin"
    assert elin.external_id == "orcid:0000-0003-1234-5678"
    assert len(elin.publications) == 2 and elin.strength == "strong"
    assert (elin.organisation, elin.country, elin.email) == (
        "Karolinska Institutet",
        "Sweden",
        "elin.lindqvist@example.se",
    )
    assert people["Chidi Okafor"].country == "United States"
    assert people["Kwame Mensah"].organisation == "Ministry of Health"
    assert people["Nordic Surgical Education Collaborative"].kind == "organisation"
    assert "Tor Haugen" not in people  # an investigator, and on a paper without Ana
    assert result.extra["owner_papers"] == 2
    assert any("1 of its 3 papers" in w for w in result.warnings)


def test_all_authors_takes_every_paper_and_leaves_only_the_owner_out():
    result = read("pubmed_full.nbib", owner=OwnerHints(names=("Ana Ruiz",), all_authors=True))
    people = by_name(result)
    assert "Tor Haugen" in people and "Ana M Ruiz" not in people
    assert len(people["Kwame Mensah"].publications) == 2


def test_an_owner_found_on_no_paper_gets_the_frequent_authors_to_choose_from():
    result = read("pubmed_full.nbib", owner=OwnerHints(names=("Grace Oduya",)))
    assert result.records == [] and result.extra["owner_found"] is False
    names = [a["name"] for a in result.extra["frequent_authors"]]
    assert names[:2] == ["Elin Maria Lindqvist", "Ana M Ruiz"]


def test_two_authors_of_one_paper_are_never_merged():
    data = b"TY  - JOUR\nAU  - Ruiz, Ana\nAU  - Wang, Wei\nAU  - Wang, Wei\nPY  - 2023\nER  - \n"
    result = parse_any(data, filename="w.ris", owner=OWNER, today=TODAY)
    assert [r.name for r in result.records] == ["Wei Wang", "Wei Wang"]
    assert len(result.alter_ties) == 1


def test_initials_are_a_possible_match_never_a_merge():
    people = read("publications.ris").records
    [dup] = find_duplicates(people)
    assert (people[dup.record].name, people[dup.other_record].name) == (
        "C. Okafor",
        "Chidi Okafor",
    )
    assert (dup.reason, dup.possible) == ("initials", True)


def test_web_of_science_orcid_numbers_are_matched_to_authors_by_name():
    bib = (
        b"@article{w, author = {Ruiz, Ana and Okafor, Chidi and Berg, Hannah},\n"
        b" orcid-numbers = {Berg, Hannah/0000-0002-9999-0001; Okafor, C./0000-0001-5109-3700},\n"
        b" title = {T}, year = {2023}}\n"
    )
    people = by_name(parse_any(bib, filename="wos.bib", owner=OWNER, today=TODAY))
    assert people["Chidi Okafor"].external_id == "orcid:0000-0001-5109-3700"
    assert people["Hannah Berg"].links == ("https://orcid.org/0000-0002-9999-0001",)
