"""Files people open in other programs (spreadsheets, address books,
calendars) can never be made to run a formula or grow a property by text a
user typed or imported."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from datetime import date, timedelta
from typing import Any

import pytest

from tiewise.core.exporters import export_any
from tiewise.core.exporters.csv_zip import safe_cell
from tiewise.core.types import PLN, NodeData, Owner

#: Formulas hidden where a spreadsheet in some locale still finds them.
FORMULAS = [
    "=1+1",
    "+1",
    "-1+2",
    "@SUM(1)",
    "\t=1",
    "\r=1",
    'Ana;=HYPERLINK("http://x")',
    "Ana,=cmd|' /C calc'!A0",
    "Ana\t=1",
    "Ana\t@SUM(1)",
    "Ana\n=1",
    "Ana\r\n+1",
    "Ana\r-1",
    "Ana\n@SUM(1)",
]

#: Text that may look odd but holds no formula: it stays exactly as typed.
HARMLESS = ["Chen, Maria", "2+2 = 4", "Ruiz; Ana", "e-mail", "Dr. O'Neil", "a - b"]


def _would_run(cell: str) -> bool:
    """Whether a spreadsheet could read this cell (or a part it splits off
    at a separator or line break) as a formula."""
    parts = re.split(r"[;,\t\r\n]", cell)
    return any(p[:1] in ("=", "+", "-", "@") for p in parts if p) or cell[:1] in ("\t", "\r", "\n")


@pytest.mark.parametrize("text", FORMULAS)
def test_a_cell_hiding_a_formula_anywhere_is_quoted(text: str) -> None:
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize("text", HARMLESS)
def test_harmless_text_is_left_as_typed(text: str) -> None:
    assert safe_cell(text) == text


def _hostile_node(i: int, text: str) -> NodeData:
    return NodeData(
        id=i,
        name=f"Name {text}",
        organisation=f"Org {text}",
        title=f"Title {text}",
        profession=text,
        city=text,
        country=text,
        tags=(text,),
    )


def _export(fmt: str, texts: list[str]) -> bytes:
    """Every node field and detail (notes, email, phone, links) carries the text."""
    nodes = tuple(_hostile_node(i, t) for i, t in enumerate(texts, start=1))
    details = {
        i: {"notes": f"Note {t}", "email": f"a{i}@example.org{t}", "phone": t,
            "links": (f"https://example.org/{i}{t}",)}
        for i, t in enumerate(texts, start=1)
    }  # fmt: skip
    data, _media = export_any(PLN(Owner("Me"), nodes), fmt, details=details)
    return data


def test_the_csv_export_quotes_every_cell_hiding_a_formula() -> None:
    archive = zipfile.ZipFile(io.BytesIO(_export("csv", FORMULAS)))
    text = archive.read("nodes.csv").decode("utf-8-sig")
    risky = [
        cell
        for row in csv.reader(io.StringIO(text))
        for cell in row
        if _would_run(cell) and not cell.startswith("'")
    ]
    assert not risky, risky[:5]


#: A value trying to end its line and start a property or a whole new card.
INJECTIONS = [
    "Ana\r\nEMAIL:evil@example.org",
    "Ana\rEMAIL:evil@example.org",
    "Ana\nEND:VCARD\nBEGIN:VCARD\nFN:Evil",
]


def test_the_vcard_export_escapes_cr_and_lf_in_every_value() -> None:
    body = _export("vcard", INJECTIONS).decode()
    lines = body.split("\r\n")
    assert "\r" not in body.replace("\r\n", ""), "a lone CR splits a line in some readers"
    assert "\n" not in body.replace("\r\n", "")
    assert not [line for line in lines if line.startswith(("EMAIL:evil", "FN:Evil"))]
    assert sum(1 for line in lines if line == "BEGIN:VCARD") == len(INJECTIONS)


def test_the_calendar_feed_escapes_cr_and_lf_in_what_users_typed(
    anon_client: Any, owner: Any
) -> None:
    from tiewise.planning import services as planning
    from tiewise.upkeep import selectors as upkeep_selectors

    title = "Call Ana\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:Evil"
    planning.action_create(
        owner=owner, data={"title": title, "due_date": date.today() + timedelta(days=2)}
    )
    token = upkeep_selectors.feed_token(owner)
    body = anon_client.get(f"/calendar/{token}.ics").content.decode()
    lines = body.split("\r\n")
    assert "\n" not in body.replace("\r\n", "") and "\r" not in body.replace("\r\n", "")
    assert not [line for line in lines if line.startswith("SUMMARY:Evil")]
    assert sum(1 for line in lines if line == "BEGIN:VEVENT") == 1
