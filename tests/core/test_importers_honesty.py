"""Encodings, damaged files and keys for re-imports: what an import owes the user."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tiewise.core.importers import ImportFailed, ImportRecord, OwnerHints, parse_any, stable_keys
from tiewise.core.importers.dedupe import find_duplicates

DATA = Path(__file__).resolve().parent.parent / "data" / "imports"
LINKEDIN = (DATA / "Connections.csv").read_text(encoding="utf-8")


def failure(data: bytes, filename: str, **kwargs) -> ImportFailed:
    with pytest.raises(ImportFailed) as caught:
        parse_any(data, filename=filename, **kwargs)
    return caught.value


# --- encodings -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "encode",
    [
        lambda t: t.encode("utf-8"),
        lambda t: b"\xef\xbb\xbf" + t.encode("utf-8"),
        lambda t: t.encode("utf-16"),  # with its BOM, in the machine's order
        lambda t: b"\xff\xfe" + t.encode("utf-16-le"),
        lambda t: b"\xfe\xff" + t.encode("utf-16-be"),
        lambda t: t.encode("cp1252"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16", "utf-16-le-bom", "utf-16-be-bom", "windows-1252"],
)
def test_every_encoding_in_the_wild_reads_the_same_names(encode):
    text = LINKEDIN.replace("Tomás", "Tomás O’Neill")
    result = parse_any(encode(text), filename="Connections.csv")
    names = [r.name for r in result.records]
    assert "Tomás O’Neill Ibáñez" in names and "Priya Natarajan" in names


def test_a_curly_apostrophe_never_becomes_a_c1_control():
    data = "First Name,Last Name,E-mail Address,Company\nSiobhán,O’Connor,,Trinity\n"
    [record] = parse_any(data.encode("cp1252"), filename="c.csv", format="outlook").records
    assert record.name == "Siobhán O’Connor"


def test_latin_1_bytes_that_windows_1252_cannot_read_still_import_without_controls():
    data = b"First Name,Last Name,E-mail Address,Company\nAna\x81,Ruiz\x9d,,X\n"
    [record] = parse_any(data, filename="c.csv", format="outlook").records
    assert record.name == "Ana Ruiz"


def test_a_cyrillic_code_page_is_recognised():
    data = "First Name,Last Name,E-mail Address,Company\nИван,Петров,,Больница номер пять\n"
    result = parse_any(data.encode("cp1251"), filename="c.csv", format="outlook")
    assert result.records[0].name == "Иван Петров"


# --- damage --------------------------------------------------------------------------------


def test_a_truncated_last_row_is_left_out_with_a_warning_naming_line_and_field():
    data = LINKEDIN.encode() + b"Ada,Lovelace,https://www.linkedin.com/in/ada"
    result = parse_any(data, filename="Connections.csv")
    assert "Ada Lovelace" not in [r.name for r in result.records]
    [warning] = [w for w in result.warnings if "cut short" in w]
    assert warning.startswith("Connections.csv, line 10, field 'Email Address'")


def test_two_exports_pasted_together_are_read_once_each_with_a_warning():
    data = (LINKEDIN + LINKEDIN).encode()
    result = parse_any(data, filename="Connections.csv")
    assert len(result.records) == 8
    assert any("header appears again" in w for w in result.warnings)
    assert len(find_duplicates(result.records)) == 4


def test_two_formats_pasted_together_fail_at_the_second_file():
    data = LINKEDIN.encode() + (DATA / "contacts_v4.vcf").read_bytes()
    error = failure(data, "Connections.csv")
    assert (error.line, error.field) == (10, "First Name")
    assert "pasted together" in error.message
    google = (DATA / "google_contacts.csv").read_bytes()
    error = failure(LINKEDIN.encode() + google, "Connections.csv")
    assert error.line == 10 and "another file" in error.message


@pytest.mark.parametrize(
    ("name", "data"),
    [
        (
            "Connections.csv",
            b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\n",
        ),
        ("contacts.csv", (DATA / "outlook_contacts.csv").read_bytes().split(b"\n")[0] + b"\n"),
        ("google.csv", (DATA / "google_contacts.csv").read_bytes().split(b"\n")[0] + b"\n"),
        ("following_accounts.csv", b"Account address,Show boosts,Notify on new posts,Languages\n"),
    ],
)
def test_a_header_only_file_says_no_rows_follow(name, data):
    error = failure(data, name)
    assert error.line == 1 and "no rows follow" in error.message


@pytest.mark.parametrize(
    "name", ["Connections.csv", "c.vcf", "p.bib", "p.ris", "p.nbib", "g.graphml", "g.gexf"]
)
def test_an_empty_file_is_refused(name):
    assert failure(b"", name).message == "the file is empty"
    assert failure(b"\r\n \n", name).line == 1


@pytest.mark.parametrize(
    ("name", "cut", "opens", "field"),
    [
        ("contacts_apple.vcf", -200, b"BEGIN:VCARD", "END"),
        ("zotero.ris", -40, b"TY  - ", "ER"),
        ("jabref.bib", -270, b"@InProceedings", "author"),
        ("pubmed_full.nbib", -100, None, None),
        ("gephi_1_3.gexf", -100, None, None),
    ],
)
def test_a_file_cut_short_names_where(name, cut, opens, field):
    data = (DATA / name).read_bytes()[:cut]
    if name.endswith(".nbib"):  # MEDLINE has no end marker: the cut record is flagged
        owner = OwnerHints(names=("Ana Ruiz",))
        result = parse_any(data, filename=name, owner=owner, today=date(2024, 6, 1))
        assert any("may be cut short" in w for w in result.warnings)
        return
    error = failure(data, name)
    assert error.line is not None and str(error).startswith(f"{name}, line {error.line}")
    if opens is not None:  # the record that was cut, where it begins
        assert error.line >= data[: data.rindex(opens)].count(b"\n") + 1
    if field:
        assert error.field == field


def test_the_result_of_every_sample_stages_no_half_record():
    for path in sorted(DATA.iterdir()):
        result = parse_any(path.read_bytes(), filename=path.name, today=date(2024, 6, 1))
        for record in result.records:
            assert record.name.strip(), (path.name, record)


# --- keys for re-imports -------------------------------------------------------------------


def test_stable_keys_prefer_the_strongest_identity():
    assert stable_keys(ImportRecord(name="Elin", external_id="orcid:0000-0003-1234-5678"))[0] == (
        "orcid:0000-0003-1234-5678"
    )
    assert stable_keys(ImportRecord(name="@jo@med.social", external_id="acct:jo@med.social"))[
        0
    ] == ("acct:jo@med.social")
    assert stable_keys(ImportRecord(name="Elin", external_id="uid:0A8B")) == ("uid:0A8B",)
    assert stable_keys(
        ImportRecord(name="Ana", email="Ana@X.org", links=("https://www.linkedin.com/in/ana/",))
    ) == (
        "email:ana@x.org",
        "url:linkedin.com/in/ana",
    )


def test_stable_keys_are_the_same_on_a_second_import_of_each_sample():
    for path in sorted(DATA.iterdir()):
        first = parse_any(path.read_bytes(), filename=path.name, today=date(2024, 6, 1))
        again = parse_any(path.read_bytes(), filename=path.name, today=date(2024, 6, 1))
        assert [stable_keys(r) for r in first.records] == [stable_keys(r) for r in again.records]


def test_graph_nodes_are_keyed_by_their_id_and_file():
    [ingrid, *_] = parse_any((DATA / "gephi_1_3.gexf").read_bytes(), filename="pln.gexf").records
    assert stable_keys(ingrid) == ("node:gexf:pln.gexf#0", "email:ingrid.sorensen@example.no")


def test_a_name_without_any_other_key_falls_back_to_name_and_organisation():
    record = ImportRecord(name="Dr. Tomás Ibáñez", organisation="Instituto de Salud Rural")
    assert stable_keys(record) == ("name:tomas ibanez|instituto de salud rural",)


def test_a_formula_in_a_name_is_a_name_not_another_file():
    data = LINKEDIN.encode() + b"@SUM(1),=cmd,https://www.linkedin.com/in/x,,Acme,CMO,15 Mar 2023\n"
    result = parse_any(data, filename="Connections.csv")
    assert result.records[-1].name == "@SUM(1) =cmd"
