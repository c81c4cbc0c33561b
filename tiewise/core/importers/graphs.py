"""What the graph formats (GraphML, GEXF) share: a safe expat parser, and
node attributes turned into a record.

Attribute names are matched to the node registry (case aside, with the
names other tools use: `label`, `organization`, `url`, `description`);
every registry field is read by its type, so Tiewise's own exports come back
whole. Lists are one item per line for links, emails and free lines, comma-
separated for tags and vocabulary fields (as the exporters write them).
Attributes with no field (Gephi's `Modularity Class`, yEd's `description`
aside) become labelled lines of the notes; drawing attributes (position,
size, colour) are left out.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Any
from xml.parsers import expat

from tiewise.core.importers.records import ImportFailed, ImportRecord, ImportTie
from tiewise.core.importers.text import checked, checked_one, split_list
from tiewise.core.nodefields import BY_NAME, FIELDS

#: Other tools' names for registry fields (lower case).
SYNONYMS = {
    "label": "name", "organization": "organisation", "company": "organisation",
    "affiliation": "organisation", "e-mail": "email", "mail": "email", "url": "links",
    "link": "links", "website": "links", "description": "notes", "note": "notes",
    "job title": "title", "position": "title", "department": "specialty",
}  # fmt: skip
#: Attributes that say how a node is drawn, not who it is.
DRAWING = frozenset(
    {"x", "y", "z", "size", "r", "g", "b", "a", "color", "colour", "shape", "width", "height",
     "weight", "pos", "position", "layout", "_graphml_vertex_id", "vertex_name", "id"}
)  # fmt: skip
_FIELDS = {f.name for f in FIELDS}
_URLS = re.compile(r"\s+|,(?=\s*https?://)")


def expat_parser(filename: str) -> Any:
    """An expat parser that refuses DOCTYPE and ENTITY declarations, which is
    how entity-expansion attacks arrive (defusedxml is not a dependency)."""
    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)

    def refuse(*_args: object) -> None:
        raise ImportFailed(
            filename,
            "DOCTYPE and ENTITY declarations are not accepted in graph files",
            line=parser.CurrentLineNumber,
        )

    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.buffer_text = True
    return parser


def run(parser: Any, text: str, filename: str) -> None:
    try:
        parser.Parse(text.lstrip("\ufeff"), True)
    except expat.ExpatError as exc:
        raise ImportFailed(
            filename, f"broken XML: {expat.ErrorString(exc.code)}", line=exc.lineno
        ) from None


def field_for(attribute: str) -> str:
    """The registry field an attribute fills, or "" for none.

    >>> field_for("Label"), field_for("organization"), field_for("Modularity Class")
    ('name', 'organisation', '')
    """
    key = attribute.strip().lower()
    key = SYNONYMS.get(key, key).replace(" ", "_")
    return key if key in _FIELDS or key == "last_interaction" else ""


def _items(name: str, value: str) -> tuple[str, ...]:
    kind = BY_NAME[name].type
    if kind in ("urls",):
        parts = value.split("\n") if "\n" in value else _URLS.split(value)
    elif kind == "emails":
        parts = re.split(r"[\n,;\s]+", value)
    elif kind == "lines":
        parts = value.split("\n")
    else:
        return split_list(value)
    return tuple(dict.fromkeys(p.strip() for p in parts if p.strip()))


def record(
    node_id: str,
    line: int,
    values: dict[str, tuple[str, int]],
    filename: str,
    *,
    fmt: str,
) -> ImportRecord:
    """A record from a node's attributes: {attribute name: (value, line)}."""
    fields: dict[str, tuple[str, int]] = {}
    others: list[str] = []
    for attribute, (value, where) in values.items():
        name = field_for(attribute)
        if name:
            if name not in fields or not fields[name][0].strip():
                fields[name] = (value, where)
            elif name == "links":
                fields[name] = (fields[name][0] + "\n" + value, fields[name][1])
        elif value.strip() and attribute.strip().lower() not in DRAWING:
            others.append(f"{attribute.strip()}: {' '.join(value.split())}")

    def get(key: str) -> str:
        return fields.get(key, ("", line))[0].strip()

    def at(key: str) -> int:
        return fields.get(key, ("", line))[1]

    def day(key: str) -> date | None:
        value = get(key)
        try:
            return date.fromisoformat(value[:10]) if value else None
        except ValueError:
            raise ImportFailed(
                filename, f"{value[:30]!r} is not a date like 2024-05-31", line=at(key), field=key
            ) from None

    out: dict[str, Any] = {}
    for f in FIELDS:
        if f.name in ("name", "cadence_days") or f.name not in fields:
            continue
        value = get(f.name)
        if f.type == "choice":
            out[f.name] = checked_one(f.name, value, filename, at(f.name))
        elif f.type == "multichoice":
            out[f.name] = checked(f.name, split_list(value), filename, at(f.name))
        elif f.is_list:
            out[f.name] = _items(f.name, fields[f.name][0])
        elif f.type == "bool":
            out[f.name] = value.lower() in ("true", "1", "yes")
        elif f.type == "date":
            out[f.name] = day(f.name)
        elif f.type == "longtext":
            out[f.name] = fields[f.name][0].strip()
        else:
            out[f.name] = value
    if others:
        out["notes"] = "\n".join(p for p in (out.get("notes", ""), "\n".join(others)) if p)
    cadence = get("cadence_days")
    out["kind"] = out.get("kind") or "person"
    out["strength"] = out.get("strength") or "weak"
    extra: dict[str, object] = {"node_id": node_id}
    if fields.get("last_interaction"):
        extra["last_interaction"] = day("last_interaction")
    return ImportRecord(
        name=get("name") or node_id,
        cadence_days=int(float(cadence)) if _number(cadence) else None,
        line=line,
        external_id=f"{fmt}:{filename}#{node_id}",
        extra=extra,
        **out,
    )


def _number(value: str) -> bool:
    try:
        return 1 <= float(value) <= 3650
    except ValueError:
        return False


def tie_strength(
    values: dict[str, tuple[str, int]], line: int, filename: str, fail: Callable[..., Exception]
) -> str:
    """An edge's `strength` attribute: "", "strong" or "weak"."""
    strength, where = next(
        ((v.strip(), w) for k, (v, w) in values.items() if k.strip().lower() == "strength"),
        ("", line),
    )
    if strength not in ("", "strong", "weak"):
        raise fail("expected 'strong' or 'weak'", where, "strength")
    return strength


def ties(
    edges: list[tuple[str, str, int, dict[str, tuple[str, int]]]],
    defaults: dict[str, str],
    index: dict[str, int],
    skipped: set[str],
    filename: str,
    warnings: list[str],
) -> list[ImportTie]:
    """Edges as alter ties between the records at `index`; loops and repeats left out."""
    out: list[ImportTie] = []
    seen: set[tuple[int, int]] = set()

    def fail(message: str, line: int, field: str) -> ImportFailed:
        return ImportFailed(filename, message, line=line, field=field)

    for source, target, line, values in edges:
        if source in skipped or target in skipped:
            continue
        ends = []
        for field, end in (("source", source), ("target", target)):
            if end not in index:
                raise fail(f"no node has the id {end[:40]!r}", line, field)
            ends.append(index[end])
        a, b = sorted(ends)
        if a == b:
            warnings.append(f"{filename}, line {line}: skipped an edge from a node to itself")
            continue
        if (a, b) in seen:
            continue
        seen.add((a, b))
        merged = {k: (v, line) for k, v in defaults.items()} | values
        out.append(ImportTie(a, b, tie_strength(merged, line, filename, fail)))
    return out
