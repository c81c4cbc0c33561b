"""A zip of CSV files for spreadsheets: nodes.csv, alter_ties.csv,
interactions.csv (and goals, prospects, actions when given).

Cells that a spreadsheet could run as a formula get a leading apostrophe: a
contact named `=HYPERLINK(...)` must stay a name. That is a cell starting
with = + - @, a tab or a carriage return, and also one holding `;=` or `,=`
(a spreadsheet in a locale that splits on that separator reads what follows
as a new cell) or a tab or line break followed by = + - @ (the next line or
field starts a formula). Files carry a UTF-8 BOM so Excel shows
accents.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime

from tiewise.core.exporters.common import (
    NODE_FIELDS,
    Extras,
    Section,
    as_text,
    node_values,
)
from tiewise.core.types import PLN

FORMAT = "csv"
MEDIA_TYPE = "application/zip"
EXTENSION = "zip"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
#: A formula hiding after a separator or a line break inside the cell.
_FORMULA_INSIDE = re.compile(r"[;,]=|[\t\r\n][=+\-@]")
INTERACTION_COLUMNS = (
    "date",
    "node_ids",
    "node_names",
    "channel",
    "kind",
    "direction",
    "quality",
    "note",
)


def safe_cell(value: object) -> str:
    """A cell a spreadsheet shows as text, never runs.

    >>> safe_cell("=1+1"), safe_cell("-2"), safe_cell("Ana"), safe_cell(("a", "b"))
    ("'=1+1", "'-2", 'Ana', 'a,b')
    >>> safe_cell("Ana;=1+1"), safe_cell("Ana,=cmd"), safe_cell("Ana\\n@SUM(1)")
    ("'Ana;=1+1", "'Ana,=cmd", "'Ana\\n@SUM(1)")
    >>> safe_cell("Chen, Maria"), safe_cell("2+2 = 4")
    ('Chen, Maria', '2+2 = 4')
    """
    text = as_text(value).replace("\x00", "")
    risky = text.startswith(_FORMULA_START) or _FORMULA_INSIDE.search(text)
    return "'" + text if risky else text


def _csv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([safe_cell(v) for v in row])
    return out.getvalue().encode("utf-8-sig", "replace")


def _section(rows: Section) -> bytes:
    header: list[str] = []
    for row in rows:
        header.extend(k for k in row if k not in header)
    return _csv(header, ([row.get(k) for k in header] for row in rows))


def export(pln: PLN, extras: Extras | None = None) -> bytes:
    """The zip's bytes; entries are dated at `exported_at` so output is repeatable."""
    extras = extras or Extras()
    when = extras.exported_at or datetime.now(UTC)
    names = {n.id: n.name for n in pln.nodes}
    columns = NODE_FIELDS
    files: dict[str, bytes] = {
        "nodes.csv": _csv(
            columns, ([node_values(n, extras)[c] for c in columns] for n in pln.nodes)
        ),
        "alter_ties.csv": _csv(
            ("source_id", "source_name", "target_id", "target_name", "strength"),
            (
                (t.source, names.get(t.source, ""), t.target, names.get(t.target, ""), t.strength)
                for t in pln.alter_ties
            ),
        ),
        "interactions.csv": _csv(
            INTERACTION_COLUMNS, (_interaction(i, names) for i in extras.interactions)
        ),
    }
    for name, rows in (
        ("goals", extras.goals),
        ("prospects", extras.prospects),
        ("actions", extras.actions),
    ):
        if rows:
            files[f"{name}.csv"] = _section(rows)
    buffer = io.BytesIO()
    stamp = (max(when.year, 1980), when.month, when.day, when.hour, when.minute, when.second)
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, content)
    return buffer.getvalue()


def _interaction(row: object, names: dict[int, str]) -> list[object]:
    assert isinstance(row, dict)
    ids = row.get("nodes") or row.get("node_ids") or []
    ids = list(ids) if isinstance(ids, list | tuple) else [ids]
    return [
        row.get("date"),
        "; ".join(str(i) for i in ids),
        "; ".join(names.get(i, "") if isinstance(i, int) else "" for i in ids),
        row.get("channel"),
        row.get("kind"),
        row.get("direction"),
        row.get("quality"),
        row.get("note"),
    ]
