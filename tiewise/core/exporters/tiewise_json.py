"""Tiewise's versioned JSON export: everything, losslessly; re-imports with
`tiewise.core.importers.tiewise_json`.

Version 2 layout: `{"format": "tiewise", "version": 2, "exported_at",
"owner", "sections": {name: version, ...}, "nodes", "alter_ties", and one
list per section}`. A node holds every NodeData field plus email, phone,
links and notes. `sections` names the sections that follow, in restore
order, each with its own version: the apps that own them write and read
them (see `tiewise.transfer.sections`).

Version 1 had no `sections`: its sections (interactions, goals, prospects,
actions, snapshots) are all version 1 and read the same way. Readers must
refuse versions newer than they know.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict
from datetime import UTC, date, datetime

from tiewise.core.exporters.common import Extras, Section, node_values
from tiewise.core.types import PLN

FORMAT = "json"
VERSION = 2
MEDIA_TYPE = "application/json"
EXTENSION = "json"
#: The sections Extras carries, written when the caller names no others.
EXTRAS_SECTIONS = ("interactions", "goals", "prospects", "actions", "snapshots")

#: (name, version, rows) of one section, in restore order.
Sections = Sequence[tuple[str, int, Section]]


def _plain(value: object) -> object:
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, tuple | set | frozenset):
        return list(value)
    return str(value)  # Decimal, UUID and the like: their text is their value


def document(
    pln: PLN, extras: Extras | None = None, *, sections: Sections | None = None
) -> dict[str, object]:
    """The export as a dict, before encoding. `sections` are (name, version,
    rows) in restore order; without them, those `extras` carries, version 1.

    >>> from tiewise.core.types import Owner
    >>> doc = document(PLN(owner=Owner(name="Ana")), sections=[("goals", 1, [{"id": 1}])])
    >>> doc["format"], doc["version"], doc["sections"], doc["goals"]
    ('tiewise', 2, {'goals': 1}, [{'id': 1}])
    """
    extras = extras or Extras()
    when = extras.exported_at or datetime.now(UTC)
    if sections is None:
        sections = [(name, 1, getattr(extras, name)) for name in EXTRAS_SECTIONS]
    doc: dict[str, object] = {
        "format": "tiewise",
        "version": VERSION,
        "exported_at": when.isoformat(),
        "owner": asdict(pln.owner),
        "sections": {name: version for name, version, _ in sections},
        "nodes": [node_values(node, extras) for node in pln.nodes],
        "alter_ties": [
            {"source": t.source, "target": t.target, "strength": t.strength} for t in pln.alter_ties
        ],
    }
    for name, _version, rows in sections:
        doc[name] = list(rows)
    return doc


def export(pln: PLN, extras: Extras | None = None, *, sections: Sections | None = None) -> bytes:
    """UTF-8 JSON, indented so a person can read it and diffs stay small."""
    doc = document(pln, extras, sections=sections)
    text = json.dumps(doc, default=_plain, ensure_ascii=False, indent=1)
    return text.encode("utf-8", "replace")  # a lone surrogate cannot be UTF-8
