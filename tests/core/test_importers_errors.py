"""Bad files fail with one kind of error that names the file, the line and the field."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tiewise.core.importers import ImportFailed, parse_any

DATA = Path(__file__).resolve().parent.parent / "data" / "imports"


def failure(data: bytes, filename: str, **kwargs: Any) -> ImportFailed:
    with pytest.raises(ImportFailed) as caught:
        parse_any(data, filename=filename, **kwargs)
    return caught.value


def test_it_rejects_a_file_over_the_size_limit_before_reading_it():
    error = failure(b"x" * 50_000_000, "huge.csv")
    assert str(error) == "huge.csv: file is 50.0 MB; the limit is 20 MB"


def test_the_size_limit_can_be_set_by_the_caller():
    error = failure(b"BEGIN:VCARD\r\n" * 100, "a.vcf", max_bytes=1_000)
    assert "the limit is 0.001 MB" in str(error)


def test_it_rejects_binary_garbage_as_not_text():
    error = failure(bytes(range(256)) * 4, "photo.csv")
    assert "binary" in error.message and error.line == 1


def test_it_rejects_a_zip_and_says_to_unzip_it():
    assert "unzip" in failure(b"PK\x03\x04rest-of-zip", "Basic_LinkedInDataExport.zip").message


def test_it_rejects_an_empty_file():
    assert failure(b"  \n", "Connections.csv").message == "the file is empty"


def test_it_rejects_a_file_it_cannot_recognise_and_lists_what_it_reads():
    error = failure(b"hello, world\nthis is prose\n", "notes.txt")
    assert "could not tell" in error.message and "vCard" in error.message


def test_it_rejects_the_wrong_format_with_the_line_that_gave_it_away():
    data = (DATA / "Connections.csv").read_bytes()
    error = failure(data, "Connections.csv", format="vcard")
    assert (error.line, error.field) == (1, "NOTES")
    assert "BEGIN:VCARD" in str(error)


def test_it_rejects_an_unknown_format_name():
    assert "unknown format 'xls'" in failure(b"a", "a.xls", format="xls").message


def test_it_rejects_a_csv_without_a_header():
    data = b"Jane,Doe,https://www.linkedin.com/in/jd,,Acme,CMO,15 Mar 2023\n"
    error = failure(data, "Connections.csv")
    assert error.line == 1 and error.field == "First Name"
    assert str(error).startswith("Connections.csv, line 1, field 'First Name': no header row")


def test_it_rejects_a_csv_with_a_duplicated_header():
    data = b"First Name,Last Name,URL,Email Address,Company,Company,Connected On\nA,B,u,,c,d,\n"
    error = failure(data, "Connections.csv")
    assert str(error) == (
        "Connections.csv, line 1, field 'Company': this column appears twice in the header"
    )


def test_it_rejects_a_csv_cut_short_inside_a_quoted_value():
    data = (DATA / "Connections.csv").read_bytes() + b'Ada,Lovelace,u,,"Analytical Engines'
    error = failure(data, "Connections.csv")
    assert error.line == 10 and "quoted value" in error.message


def test_it_rejects_a_vcard_3_with_no_fn():
    data = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ok\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nN:Doe;Jane;;;\r\nEND:VCARD\r\n"
    error = failure(data, "contacts.vcf")
    assert str(error) == (
        "contacts.vcf, line 5, field 'FN': this card has no FN (formatted name); every vCard 3.0 and 4.0 needs one"
    )


def test_a_vcard_2_1_without_fn_takes_its_name_from_n():
    data = b"BEGIN:VCARD\r\nVERSION:2.1\r\nN:Doe;Jane;;Dr.;\r\nEND:VCARD\r\n"
    assert parse_any(data, filename="contacts.vcf").records[0].name == "Dr. Jane Doe"


def test_it_rejects_a_vcard_2_1_with_no_name_at_all():
    data = b"BEGIN:VCARD\r\nVERSION:2.1\r\nNOTE:who?\r\nEND:VCARD\r\n"
    error = failure(data, "contacts.vcf")
    assert (error.line, error.field) == (1, "FN") and "no name" in error.message


def test_it_rejects_a_vcard_file_cut_short():
    data = (DATA / "contacts_v3.vcf").read_bytes()[:-40]
    error = failure(data, "contacts.vcf")
    assert (error.line, error.field) == (18, "END")


def test_it_rejects_a_vcard_line_without_a_value():
    error = failure(b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN Jane\r\nEND:VCARD\r\n", "c.vcf")
    assert (error.line, error.field) == (3, "FN Jane")


def test_it_rejects_bibtex_with_unbalanced_braces_at_the_field_that_opened_them():
    data = b"@article{a,\n  author = {Doe, Jane},\n  title = {Networks {and} learning,\n  year = 2020\n}\n"
    error = failure(data, "refs.bib")
    assert (error.line, error.field) == (3, "title")
    assert "never closed" in error.message


def test_it_rejects_bibtex_whose_unclosed_value_runs_into_the_next_entry():
    data = b"@article{a,\n  author = {Doe, Jane,\n  year = 2020\n}\n@book{b,\n  title={T}\n}\n"
    error = failure(data, "refs.bib")
    assert (error.line, error.field) == (2, "author")


def test_it_rejects_an_ris_reference_that_is_never_closed():
    error = failure(b"TY  - JOUR\nAU  - Doe, Jane\nTI  - T\n", "refs.ris")
    assert (error.line, error.field) == (1, "ER")


def test_it_rejects_a_medline_line_that_is_not_a_tag():
    error = failure(b"PMID- 1\nTI  - T\nthis is not medline\n", "p.nbib")
    assert error.line == 3 and error.field == "this is not medline"


def test_it_rejects_graphml_with_a_doctype_so_entities_cannot_expand():
    data = (
        b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">]>\n'
        b'<graphml><graph><node id="a"/></graph></graphml>'
    )
    error = failure(data, "net.graphml", format="graphml")
    assert error.line == 2 and "DOCTYPE" in error.message


def test_it_rejects_a_truncated_graphml_file_at_the_line_where_it_stops():
    data = (DATA / "network.graphml").read_bytes()[:-60]
    error = failure(data, "net.graphml")
    assert "broken XML" in error.message and error.line is not None and error.line > 10


def test_it_rejects_a_graphml_value_outside_the_vocabulary():
    data = (
        b'<graphml><key id="s" for="node" attr.name="strength"/><graph>\n'
        b'<node id="a">\n<data key="s">close</data></node></graph></graphml>'
    )
    error = failure(data, "net.graphml")
    assert (error.line, error.field) == (3, "strength")


def test_it_rejects_an_edge_to_a_node_that_does_not_exist():
    data = b'<graphml><graph>\n<node id="a"/>\n<edge source="a" target="zz"/></graph></graphml>'
    error = failure(data, "net.graphml")
    assert (error.line, error.field) == (3, "target")


def test_it_rejects_truncated_json_at_the_line_where_it_stops():
    data = b'{"format": "tiewise", "version": 1,\n "nodes": [\n  {"id": 1, "name": "A"'
    error = failure(data, "export.json")
    assert error.line == 3 and "broken JSON" in error.message


def test_it_rejects_a_json_node_with_a_bad_strength_naming_its_line_and_field():
    data = b'{"format": "tiewise", "version": 1,\n "nodes": [\n  {"id": 1, "name": "A"},\n  {"id": 2, "name": "B", "strength": "close"}]}'
    error = failure(data, "export.json")
    assert (error.line, error.field) == (4, "nodes[1].strength")


def test_it_rejects_a_json_export_from_a_newer_version():
    error = failure(b'{"format": "tiewise", "version": 9, "nodes": []}', "export.json")
    assert error.field == "version" and "version 9" in error.message


def test_it_rejects_a_mastodon_row_that_is_not_an_address():
    data = (
        b"Account address,Show boosts,Notify on new posts,Languages\nnot an address,true,false,\n"
    )
    error = failure(data, "following_accounts.csv")
    assert (error.line, error.field) == (2, "Account address")


def test_it_rejects_a_twitter_archive_entry_without_an_account_id():
    data = b'window.YTD.following.part0 = [\n  {"following": {"accountId": "12"}},\n  {"following": {}}\n]'
    error = failure(data, "following.js")
    assert (error.line, error.field) == (3, "[1].following.accountId")
