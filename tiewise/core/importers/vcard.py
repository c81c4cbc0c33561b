"""vCard 2.1, 3.0 and 4.0 (RFC 2426, RFC 6350): `.vcf` files with one or many cards.

A small reader of our own rather than vobject's: it knows the line each card
and property starts on, so every error can point at it. Photos and other
binary properties are skipped without being decoded.
"""

from __future__ import annotations

import quopri
import re
from dataclasses import dataclass

from tiewise.core.importers.records import ImportFailed, ImportRecord, ImportResult, OwnerHints
from tiewise.core.importers.text import (
    checked,
    checked_one,
    decode,
    lines_of,
    parse_date,
    split_list,
)

FORMAT = "vcard"
_NAME = re.compile(r"(?:[A-Za-z0-9-]+\.)?([A-Za-z0-9-]+)")
_KINDS = {"individual": "person", "org": "organisation", "group": "community"}
_VERSIONS = {"2.1", "3.0", "4.0"}


@dataclass(frozen=True, slots=True)
class Property:
    name: str  # upper case, group dropped
    params: dict[str, list[str]]  # upper-case keys; bare 2.1 params land in TYPE
    value: str  # raw: still escaped
    line: int


def parse(
    data: bytes, *, filename: str = "contacts.vcf", owner: OwnerHints | None = None
) -> ImportResult:
    """Each card becomes one record.

    >>> vcf = b"BEGIN:VCARD\\r\\nVERSION:3.0\\r\\nFN:Ana Ruiz\\r\\n"
    >>> vcf += b"ORG:St Elsewhere;Cardiology\\r\\n"
    >>> vcf += b"EMAIL;TYPE=work:ana@example.org\\r\\nEND:VCARD\\r\\n"
    >>> r = parse(vcf).records[0]
    >>> r.name, r.organisation, r.email, r.line
    ('Ana Ruiz', 'St Elsewhere', 'ana@example.org', 1)
    """
    result = ImportResult(format=FORMAT)
    text = decode(data, filename, result.warnings)
    for begin, props in _cards(text, filename):
        result.records.append(_record(begin, props, filename, result.warnings))
    if not result.records:
        raise ImportFailed(filename, "no BEGIN:VCARD found; this is not a vCard file", line=1)
    return result


def _cards(text: str, filename: str) -> list[tuple[int, list[Property]]]:
    cards: list[tuple[int, list[Property]]] = []
    begin: int | None = None
    props: list[Property] = []
    for line_no, line in _unfolded(lines_of(text)):
        if not line.strip():
            continue
        prop = _property(line, line_no, filename)
        if begin is None:
            if prop.name != "BEGIN" or prop.value.strip().upper() != "VCARD":
                raise ImportFailed(
                    filename,
                    "expected BEGIN:VCARD; is this a vCard file?",
                    line=line_no,
                    field=prop.name,
                )
            begin, props = line_no, []
        elif prop.name == "END" and prop.value.strip().upper() == "VCARD":
            cards.append((begin, props))
            begin = None
        elif prop.name == "BEGIN":
            raise ImportFailed(
                filename,
                f"a new card starts before the card of line {begin} has ended",
                line=line_no,
                field="BEGIN",
            )
        else:
            props.append(prop)
    if begin is not None:
        raise ImportFailed(
            filename,
            "this card never ends (no END:VCARD); is the file cut short?",
            line=begin,
            field="END",
        )
    return cards


def _unfolded(lines: list[str]) -> list[tuple[int, str]]:
    """Logical lines with the number of their first physical line.

    Folding (RFC 6350 3.2) continues a line with one leading space or tab;
    vCard 2.1 quoted-printable continues with a trailing '='."""
    out: list[tuple[int, str]] = []
    soft_break = False
    for i, line in enumerate(lines, start=1):
        if out and (soft_break or (line[:1] in (" ", "\t"))):
            start, previous = out[-1]
            tail = line if soft_break else line[1:]
            if soft_break:
                previous = previous[:-1]  # drop the '=' of the soft line break
            out[-1] = (start, previous + tail)
        else:
            out.append((i, line))
        current = out[-1][1]
        soft_break = (
            current.endswith("=") and "QUOTED-PRINTABLE" in current.split(":", 1)[0].upper()
        )
    return out


def _property(line: str, line_no: int, filename: str) -> Property:
    colon = _colon(line)
    head = line[:colon] if colon >= 0 else line
    parts = _split(head, ";")
    match = _NAME.fullmatch(parts[0].strip())
    if colon < 0 or not match:
        raise ImportFailed(
            filename,
            "expected NAME:value on this line",
            line=line_no,
            field=parts[0].strip()[:40] or None,
        )
    params: dict[str, list[str]] = {}
    for part in parts[1:]:
        key, sep, raw = part.partition("=")
        key, values = (key.strip().upper(), raw) if sep else ("TYPE", key)
        params.setdefault(key, []).extend(
            v.strip().strip('"').lower() for v in _split(values, ",") if v.strip()
        )
    return Property(match.group(1).upper(), params, line[colon + 1 :], line_no)


def _colon(line: str) -> int:
    quoted = False
    for i, c in enumerate(line):
        if c == '"':
            quoted = not quoted
        elif c == ":" and not quoted:
            return i
    return -1


def _split(value: str, sep: str) -> list[str]:
    """Split at `sep` unless it is escaped with a backslash or inside quotes."""
    parts: list[str] = []
    current: list[str] = []
    escaped = quoted = False
    for c in value:
        if escaped:
            current.append("\\" + c)
            escaped = False
        elif c == "\\":
            escaped = True
        elif c == '"':
            quoted = not quoted
            current.append(c)
        elif c == sep and not quoted:
            parts.append("".join(current))
            current = []
        else:
            current.append(c)
    if escaped:
        current.append("\\")
    parts.append("".join(current))
    return parts


_ESCAPES = re.compile(r"\\(.)", re.DOTALL)


def _unescape(value: str) -> str:
    return _ESCAPES.sub(lambda m: "\n" if m.group(1) in "nN" else m.group(1), value).strip()


def _text(prop: Property) -> str:
    value = prop.value
    if "quoted-printable" in prop.params.get("ENCODING", []):
        charset = (prop.params.get("CHARSET") or ["utf-8"])[0]
        raw = quopri.decodestring(value.encode("latin-1", "replace"))
        try:
            value = raw.decode(charset, "replace")
        except LookupError:
            value = raw.decode("utf-8", "replace")
    return value


def _components(prop: Property) -> list[str]:
    return [_unescape(p) for p in _split(_text(prop), ";")]


def _preferred(props: list[Property]) -> list[Property]:
    # vCard 4 says PREF=1; vCard 3 says TYPE=pref. Either goes first.
    def rank(p: Property) -> int:
        pref = p.params.get("PREF", [])
        if pref and pref[0].isdigit():
            return int(pref[0])
        return 1 if "pref" in p.params.get("TYPE", []) else 101

    return sorted(props, key=rank)


def _record(begin: int, props: list[Property], filename: str, warnings: list[str]) -> ImportRecord:
    by_name: dict[str, list[Property]] = {}
    for prop in props:
        by_name.setdefault(prop.name, []).append(prop)

    def one(name: str) -> str:
        found = by_name.get(name)
        return _unescape(_text(found[0])) if found else ""

    version = one("VERSION")
    if version and version not in _VERSIONS:
        warnings.append(f"{filename}, line {begin}: unknown vCard version {version[:10]!r}")
    name = one("FN")
    if not name:
        raise ImportFailed(
            filename,
            "this card has no FN (formatted name); every vCard needs one",
            line=begin,
            field="FN",
        )
    org = _components(by_name["ORG"][0]) if "ORG" in by_name else []
    adr = _components(_preferred(by_name["ADR"])[0]) if "ADR" in by_name else []
    adr += [""] * (7 - len(adr))
    emails = [_unescape(_text(p)) for p in _preferred(by_name.get("EMAIL", []))]
    phones = [_unescape(_text(p)).removeprefix("tel:") for p in _preferred(by_name.get("TEL", []))]
    links = [
        _unescape(_text(p)) for p in by_name.get("URL", []) + by_name.get("X-SOCIALPROFILE", [])
    ]
    tags: list[str] = []
    for prop in by_name.get("CATEGORIES", []):
        tags.extend(_unescape(t) for t in _split(_text(prop), ","))
    kind = _KINDS.get(one("KIND").lower(), "person")
    ours = {
        field: one(f"X-TIEWISE-{field.upper()}")
        for field in ("kind", "strength", "modes", "areas", "roles", "sector", "reach", "since")
    }

    def where(field: str) -> int:
        return by_name[f"X-TIEWISE-{field.upper()}"][0].line if ours[field] else begin

    since = parse_date(ours["since"]) if ours["since"] else None
    extra: dict[str, object] = {}
    if len(org) > 1 and org[1]:
        extra["department"] = org[1]
    if len(emails) > 1:
        extra["other_emails"] = tuple(emails[1:])
    if len(phones) > 1:
        extra["other_phones"] = tuple(phones[1:])
    return ImportRecord(
        name=name,
        kind=checked_one("kind", ours["kind"], filename, where("kind")) or kind,
        email=emails[0] if emails else "",
        phone=phones[0] if phones else "",
        organisation=org[0] if org else "",
        title=one("TITLE"),
        profession=one("ROLE"),
        sector=checked_one("sector", ours["sector"], filename, where("sector")),
        reach=checked_one("reach", ours["reach"], filename, where("reach")),
        city=adr[3],
        country=adr[6],
        links=tuple(dict.fromkeys(link for link in links if link)),
        tags=tuple(dict.fromkeys(t for t in tags if t)),
        notes="\n\n".join(_unescape(_text(p)) for p in by_name.get("NOTE", [])),
        strength=checked_one("strength", ours["strength"], filename, where("strength")) or None,
        modes=checked("modes", split_list(ours["modes"]), filename, where("modes")),
        areas=checked("areas", split_list(ours["areas"]), filename, where("areas")),
        roles=checked("roles", split_list(ours["roles"]), filename, where("roles")),
        line=begin,
        external_id=one("UID"),
        since=since,
        extra=extra,
    )
