"""Tiewise's own JSON export (see `tiewise.core.exporters.tiewise_json`).

Nodes and alter ties become records and ties; every other section is handed
back untouched in `ImportResult.extra` for the caller to restore, with
`extra["section_versions"]` saying which version each is (version-1 files
name none: their sections are all version 1), and the owner block as
`extra["owner"]`. Node ids in the file are kept as `external_id` and
`extra["id"]`, so the sections can be re-pointed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from tiewise.core.importers.records import (
    ImportFailed,
    ImportRecord,
    ImportResult,
    ImportTie,
    OwnerHints,
)
from tiewise.core.importers.text import LocatedJSON, checked, checked_one, decode
from tiewise.core.nodefields import FIELDS

FORMAT = "json"
VERSION = 2
#: The sections of a version-1 export (it did not list them).
V1_SECTIONS = ("interactions", "goals", "prospects", "actions", "snapshots")
#: Keys of the document itself, never sections.
_RESERVED = frozenset(
    {"format", "version", "exported_at", "owner", "sections", "nodes", "alter_ties"}
)


def parse(
    data: bytes, *, filename: str = "tiewise.json", owner: OwnerHints | None = None
) -> ImportResult:
    """Records and ties of a Tiewise export.

    >>> doc = b'{"format": "tiewise", "version": 1, "nodes": [{"id": 7, "name": "Ana Ruiz",'
    >>> doc += b' "strength": "strong", "modes": ["personal"]}], "alter_ties": []}'
    >>> r = parse(doc).records[0]
    >>> r.name, r.strength, r.modes, r.external_id
    ('Ana Ruiz', 'strong', ('personal',), '7')
    """
    result = ImportResult(format=FORMAT)
    text = decode(data, filename, result.warnings)
    doc = LocatedJSON(text, filename)
    top = doc.value
    if not isinstance(top, dict) or top.get("format") != "tiewise":
        raise ImportFailed(
            filename,
            'this JSON is not a Tiewise export (no "format": "tiewise")',
            line=1,
            field="format",
        )
    version = top.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ImportFailed(filename, "expected a whole-number version", line=1, field="version")
    if version > VERSION:
        raise ImportFailed(
            filename,
            f"this export is version {version}; this Tiewise reads up to version {VERSION}",
            line=1,
            field="version",
        )
    nodes = _list(top, "nodes", filename)
    index: dict[int, int] = {}
    for i, node in enumerate(nodes):

        def line(i: int = i) -> int | None:
            return doc.line_at(("nodes", i))

        if not isinstance(node, dict):
            raise ImportFailed(filename, "expected an object", line=line(), field=f"nodes[{i}]")
        record = _record(node, i, line, filename)
        node_id = record.extra["id"]
        assert isinstance(node_id, int)
        if node_id in index:
            raise ImportFailed(
                filename, f"node id {node_id} appears twice", line=line(), field=f"nodes[{i}].id"
            )
        index[node_id] = len(result.records)
        result.records.append(record)
    seen: set[tuple[int, int]] = set()
    for i, tie in enumerate(_list(top, "alter_ties", filename)):

        def tie_line(i: int = i) -> int | None:
            return doc.line_at(("alter_ties", i))

        if not isinstance(tie, dict):
            raise ImportFailed(
                filename, "expected an object", line=tie_line(), field=f"alter_ties[{i}]"
            )
        ends = []
        for end in ("source", "target"):
            value = tie.get(end)
            if not isinstance(value, int) or value not in index:
                raise ImportFailed(
                    filename,
                    f"{str(value)[:40]!r} is not the id of a node in this file",
                    line=tie_line(),
                    field=f"alter_ties[{i}].{end}",
                )
            ends.append(index[value])
        strength = tie.get("strength") or ""
        if strength not in ("", "strong", "weak"):
            raise ImportFailed(
                filename,
                "expected '', 'strong' or 'weak'",
                line=tie_line(),
                field=f"alter_ties[{i}].strength",
            )
        a, b = sorted(ends)
        if a != b and (a, b) not in seen:
            seen.add((a, b))
            result.alter_ties.append(ImportTie(a, b, str(strength)))
    versions = _section_versions(top, version, filename)
    result.extra = {name: top.get(name, []) for name in versions}
    if "owner" in top:
        result.extra["owner"] = top["owner"]
    result.extra["section_versions"] = versions
    result.extra["version"] = version
    result.extra["exported_at"] = top.get("exported_at")
    return result


def _section_versions(top: dict[str, object], version: int, filename: str) -> dict[str, int]:
    """Section name -> its version, in the file's order.

    >>> _section_versions({"goals": [], "nodes": []}, 1, "x.json")
    {'goals': 1}
    >>> _section_versions({"sections": {"profile": 1, "goals": 1}}, 2, "x.json")
    {'profile': 1, 'goals': 1}
    """
    if version == 1:
        return {name: 1 for name in V1_SECTIONS if name in top}
    listed = top.get("sections", {})
    if not isinstance(listed, dict):
        raise ImportFailed(filename, "expected an object", line=1, field="sections")
    versions: dict[str, int] = {}
    for name, number in listed.items():
        if name in _RESERVED:
            continue
        if not isinstance(number, int) or isinstance(number, bool) or number < 1:
            raise ImportFailed(
                filename, "expected a whole-number version", line=1, field=f"sections.{name}"
            )
        versions[name] = number
    return versions


def _list(top: dict[str, object], key: str, filename: str) -> list[object]:
    value = top.get(key, [])
    if not isinstance(value, list):
        raise ImportFailed(filename, "expected a list", line=1, field=key)
    return value


def _record(
    node: dict[str, object], i: int, line: Callable[[], int | None], filename: str
) -> ImportRecord:
    def where(key: str) -> str:
        return f"nodes[{i}].{key}"

    def text(key: str) -> str:
        value = node.get(key)
        if value is None:
            return ""
        if not isinstance(value, str):
            raise ImportFailed(filename, "expected text", line=line(), field=where(key))
        return value

    def strings(key: str) -> tuple[str, ...]:
        value = node.get(key) or []
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ImportFailed(filename, "expected a list of text", line=line(), field=where(key))
        return tuple(value)

    def day(key: str) -> date | None:
        value = text(key)
        try:
            return date.fromisoformat(value) if value else None
        except ValueError:
            raise ImportFailed(
                filename,
                f"{value[:30]!r} is not a date like 2024-05-31",
                line=line(),
                field=where(key),
            ) from None

    def vocab(key: str, value: str) -> str:
        try:
            return checked_one(key, value, filename, None)
        except ImportFailed as exc:
            raise ImportFailed(filename, exc.message, line=line(), field=where(key)) from None

    def vocabs(key: str) -> tuple[str, ...]:
        try:
            return checked(key, strings(key), filename, None)
        except ImportFailed as exc:
            raise ImportFailed(filename, exc.message, line=line(), field=where(key)) from None

    node_id = node.get("id")
    if not isinstance(node_id, int) or isinstance(node_id, bool):
        raise ImportFailed(filename, "expected a whole-number id", line=line(), field=where("id"))
    name = text("name").strip()
    if not name:
        raise ImportFailed(filename, "a node needs a name", line=line(), field=where("name"))
    cadence = node.get("cadence_days")
    if cadence is not None and (not isinstance(cadence, int) or isinstance(cadence, bool)):
        raise ImportFailed(
            filename, "expected a whole number of days", line=line(), field=where("cadence_days")
        )
    # Every registry field, read by its type: a field added to the registry
    # comes back from our own export without a change here.
    values: dict[str, Any] = {}
    for f in FIELDS:
        if f.name in ("name", "cadence_days"):
            continue
        if f.type == "choice":
            values[f.name] = vocab(f.name, text(f.name))
        elif f.type == "multichoice":
            values[f.name] = vocabs(f.name)
        elif f.is_list:
            values[f.name] = strings(f.name)
        elif f.type == "bool":
            values[f.name] = bool(node.get(f.name, False))
        elif f.type == "date":
            values[f.name] = day(f.name)
        else:
            values[f.name] = text(f.name)
    values["kind"] = values["kind"] or "person"
    values["strength"] = values["strength"] or "weak"
    return ImportRecord(
        name=name,
        cadence_days=cadence,
        line=None,  # a line costs a second parse; records of our own export need none
        external_id=str(node_id),
        extra={"id": node_id, "last_interaction": day("last_interaction")},
        **values,
    )
