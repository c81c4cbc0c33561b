"""What every exporter shares: the optional sections, node rows, safe text."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields
from datetime import date, datetime

from tiewise.core.nodefields import FIELDS
from tiewise.core.types import NodeData

Section = Sequence[Mapping[str, object]]

_SNAPSHOT = frozenset(f.name for f in fields(NodeData))
#: Every exporter writes these node columns, in this order: the id, every
#: registry field, then what the snapshot adds (the last interaction).
NODE_FIELDS: tuple[str, ...] = (
    "id",
    *(f.name for f in FIELDS),
    *(name for name in ("last_interaction",) if name in _SNAPSHOT),
)
#: Registry fields the PLN snapshot does not carry (contact details, notes);
#: callers pass them per node id in `Extras.details`.
DETAIL_FIELDS: tuple[str, ...] = tuple(f.name for f in FIELDS if f.name not in _SNAPSHOT)
LIST_FIELDS = frozenset(f.name for f in FIELDS if f.is_list)
#: Lists whose items may hold commas (links, emails, "2021 · Title, subtitle"):
#: graph exports write them one item per line, so they read back whole.
LINE_LISTS = frozenset(f.name for f in FIELDS if f.type in ("urls", "emails", "lines"))


@dataclass(frozen=True, slots=True)
class Extras:
    """What an export may add to the PLN itself. Sections are plain dicts as the
    API shows them; `details` maps a node id to its email, phone, links, notes."""

    interactions: Section = ()
    goals: Section = ()
    prospects: Section = ()
    actions: Section = ()
    snapshots: Section = ()
    details: Mapping[int, Mapping[str, object]] = field(default_factory=dict)
    exported_at: datetime | None = None


def node_values(node: NodeData, extras: Extras) -> dict[str, object]:
    """A node's fields and details as plain values (tuples, dates kept).

    >>> node_values(NodeData(id=1, name="Ana"), Extras(details={1: {"email": "a@x"}}))["email"]
    'a@x'
    """
    details = extras.details.get(node.id, {})
    values: dict[str, object] = {}
    for name in NODE_FIELDS:
        if name in _SNAPSHOT:
            values[name] = getattr(node, name)
            continue
        value = details.get(name)
        if name in LIST_FIELDS:
            values[name] = tuple(str(v) for v in value) if isinstance(value, list | tuple) else ()
        else:
            values[name] = "" if value is None else value
    return values


def as_text(value: object) -> str:
    """One value as a cell or attribute: lists comma-separated, dates ISO, None empty.

    >>> as_text(("personal", "technology")), as_text(None), as_text(date(2024, 5, 1))
    ('personal,technology', '', '2024-05-01')
    """
    if value is None:
        return ""
    if isinstance(value, tuple | list):
        return ",".join(as_text(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date | datetime):
        return value.isoformat()
    return str(value)


def field_text(name: str, value: object) -> str:
    """A node field as one attribute value: `as_text`, except that links,
    emails and papers go one per line (their items may hold commas).

    >>> field_text("publications", ("2021 · A, B", "2019 · C")), field_text("modes", ("a", "b"))
    ('2021 · A, B\\n2019 · C', 'a,b')
    """
    if name in LINE_LISTS and isinstance(value, tuple | list):
        return "\n".join(as_text(v) for v in value)
    return as_text(value)


# XML 1.0 cannot hold these at all, not even as character references.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_XML_ESCAPES = str.maketrans(
    {
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        '"': "&quot;",
        "\r": "&#13;",
        "\n": "&#10;",
        "\t": "&#9;",
    }
)


def xml_text(value: object) -> str:
    """Text safe inside an XML attribute or element.

    >>> xml_text('<script>"x"&\\x00</script>')
    '&lt;script&gt;&quot;x&quot;&amp;&lt;/script&gt;'
    """
    return _NOT_XML.sub("", as_text(value)).translate(_XML_ESCAPES)
