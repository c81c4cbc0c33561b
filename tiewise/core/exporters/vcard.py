"""vCard 4.0 (RFC 6350): one card per person node, for phones and mail clients.

Fields with a vCard home (FN, N, ORG, TITLE, ROLE, ADR, EMAIL, TEL, URL,
CATEGORIES, NOTE) use it; the tie itself rides in X-TIEWISE-* properties,
which other programs keep or ignore and our vCard importer reads back.
Lines are folded at 75 octets without splitting a character.
"""

from __future__ import annotations

import re

from tiewise.core.exporters.common import Extras, as_text, node_values
from tiewise.core.types import PLN

FORMAT = "vcard"
MEDIA_TYPE = "text/vcard"
EXTENSION = "vcf"
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
_TIE_FIELDS = ("kind", "strength", "modes", "areas", "roles", "sector", "reach", "since")
#: Registry fields with no vCard property, written as X-TIEWISE-* (a list one item per line).
_OWN_FIELDS = ("publications", "how_we_met", "private", "cadence_days")


def escape(value: object) -> str:
    """A text value: backslash, comma, semicolon and newline escaped; controls dropped.

    >>> escape("Ruiz; Ana, MD\\nline")
    'Ruiz\\\\; Ana\\\\, MD\\\\nline'
    """
    text = _CONTROL.sub("", as_text(value).replace("\r\n", "\n").replace("\r", "\n"))
    return text.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;").replace("\n", "\\n")


def fold(line: str) -> str:
    """A content line folded at 75 octets, never inside a UTF-8 character.

    >>> fold("NOTE:" + "é" * 40).count("\\r\\n ")
    1
    """
    out: list[str] = []
    current: list[str] = []
    size = 0
    for char in line:
        width = len(char.encode("utf-8", "replace"))
        if size + width > 75:
            out.append("".join(current))
            current, size = [" "], 1  # the continuation's leading space counts
        current.append(char)
        size += width
    out.append("".join(current))
    return "\r\n".join(out)


def _card(values: dict[str, object]) -> list[str]:
    name = escape(values["name"]) or "(no name)"
    words = as_text(values["name"]).split()
    family, given = (words[-1], " ".join(words[:-1])) if words else ("", "")
    lines = [
        "BEGIN:VCARD",
        "VERSION:4.0",
        "KIND:individual",
        f"FN:{name}",
        f"N:{escape(family)};{escape(given)};;;",
        f"UID:urn:tiewise:node:{values['id']}",
    ]
    if values["organisation"] or values["specialty"]:
        # ORG's second component is the unit: the department or specialty.
        unit = f";{escape(values['specialty'])}" if values["specialty"] else ""
        lines.append(f"ORG:{escape(values['organisation'])}{unit}")
    for prop, key in (("TITLE", "title"), ("ROLE", "profession"), ("EMAIL", "email"),
                      ("TEL", "phone")):  # fmt: skip
        if values[key]:
            pref = ";PREF=1" if prop in ("EMAIL", "TEL") else ""
            lines.append(f"{prop}{pref}:{escape(values[key])}")
    for prop, key in (("EMAIL", "other_emails"), ("TEL", "other_phones")):
        items = values[key]
        if isinstance(items, tuple):
            lines.extend(f"{prop}:{escape(item)}" for item in items if item)
    if values["notes"]:
        lines.append(f"NOTE:{escape(values['notes'])}")
    if values["city"] or values["country"]:
        lines.append(f"ADR:;;;{escape(values['city'])};;;{escape(values['country'])}")
    links = values["links"]
    if isinstance(links, tuple):
        lines.extend(f"URL:{escape(link)}" for link in links if link)
    tags = values["tags"]
    if isinstance(tags, tuple) and tags:
        lines.append("CATEGORIES:" + ",".join(escape(t) for t in tags))
    for key in _TIE_FIELDS:
        if values[key]:
            lines.append(f"X-TIEWISE-{key.upper()}:{escape(values[key])}")
    for key in _OWN_FIELDS:
        value = values[key]
        if value:
            text = "\n".join(value) if isinstance(value, tuple) else value
            name = key.upper().replace("_", "-")
            lines.append(f"X-TIEWISE-{name}:{escape(text)}")
    lines.append("END:VCARD")
    return lines


def export(pln: PLN, extras: Extras | None = None) -> bytes:
    """All person nodes as one .vcf file (CRLF line ends, UTF-8).

    >>> from tiewise.core.types import NodeData, Owner
    >>> export(PLN(Owner("Me"), (NodeData(1, "Ana Ruiz"),))).split(b"\\r\\n")[:4]
    [b'BEGIN:VCARD', b'VERSION:4.0', b'KIND:individual', b'FN:Ana Ruiz']
    """
    extras = extras or Extras()
    lines: list[str] = []
    for node in pln.nodes:
        if node.kind == "person":
            lines.extend(fold(line) for line in _card(node_values(node, extras)))
    return ("\r\n".join(lines) + "\r\n" if lines else "").encode("utf-8", "replace")
