"""Tiewise's versioned JSON export: everything, losslessly; re-imports with
`tiewise.core.importers.tiewise_json`.

Version 1 layout: `{"format": "tiewise", "version": 1, "exported_at", "owner",
"nodes", "alter_ties", "interactions", "goals", "prospects", "actions",
"snapshots"}`. A node holds every NodeData field plus email, phone, links and
notes. Readers must refuse versions newer than they know.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import UTC, date, datetime

from tiewise.core.exporters.common import Extras, node_values
from tiewise.core.types import PLN

FORMAT = "json"
VERSION = 1
MEDIA_TYPE = "application/json"
EXTENSION = "json"


def _plain(value: object) -> object:
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, tuple | set | frozenset):
        return list(value)
    return str(value)  # Decimal, UUID and the like: their text is their value


def document(pln: PLN, extras: Extras | None = None) -> dict[str, object]:
    """The export as a dict, before encoding.

    >>> from tiewise.core.types import Owner
    >>> document(PLN(owner=Owner(name="Ana")))["format"]
    'tiewise'
    """
    extras = extras or Extras()
    when = extras.exported_at or datetime.now(UTC)
    return {
        "format": "tiewise",
        "version": VERSION,
        "exported_at": when.isoformat(),
        "owner": asdict(pln.owner),
        "nodes": [node_values(node, extras) for node in pln.nodes],
        "alter_ties": [
            {"source": t.source, "target": t.target, "strength": t.strength} for t in pln.alter_ties
        ],
        "interactions": list(extras.interactions),
        "goals": list(extras.goals),
        "prospects": list(extras.prospects),
        "actions": list(extras.actions),
        "snapshots": list(extras.snapshots),
    }


def export(pln: PLN, extras: Extras | None = None) -> bytes:
    """UTF-8 JSON, indented so a person can read it and diffs stay small."""
    text = json.dumps(document(pln, extras), default=_plain, ensure_ascii=False, indent=1)
    return text.encode("utf-8", "replace")  # a lone surrogate cannot be UTF-8
