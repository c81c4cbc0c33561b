"""vCard 2.1, 3.0 and 4.0 (RFC 2426, RFC 6350): `.vcf` files with one or many cards.

A small reader of our own rather than vobject's: it knows the line each card
and property starts on, so every error can point at it, and it reads what
phones and mail programs really write:

- lines are unfolded as *bytes*, before decoding, because a fold may split a
  UTF-8 character in two; CR CR LF (a CRLF file passed through a text-mode
  copy) counts as one line end;
- vCard 2.1's QUOTED-PRINTABLE values (with `=` soft line breaks) and
  CHARSET parameters are decoded;
- PHOTO, LOGO, SOUND and KEY values are skipped without being decoded or
  even joined, however long they are;
- Apple's property groups (`item1.URL` with `item1.X-ABLabel`) keep their label;
- every EMAIL, TEL, URL and ORG is kept: the preferred (or first) email and
  phone in their fields, the rest in `other_emails` and `other_phones`; the
  ORG's units become the specialty; what has no field (birthday, nickname,
  full addresses, related names) becomes a labelled line of the notes;
- lines before the first BEGIN:VCARD (a mail program's header, a note) are
  skipped with a warning.
"""

from __future__ import annotations

import quopri
import re
from dataclasses import dataclass

from tiewise.core.importers.records import ImportFailed, ImportRecord, ImportResult, OwnerHints
from tiewise.core.importers.text import (
    check_signature,
    checked,
    checked_one,
    decode,
    guess_codec,
    parse_date,
    split_list,
    text_control,
)

FORMAT = "vcard"
_NAME = re.compile(r"(?:([A-Za-z0-9-]+)\.)?([A-Za-z0-9-]+)")
_KINDS = {"individual": "person", "org": "organisation", "group": "community"}
_VERSIONS = {"2.1", "3.0", "4.0"}
_BREAK = re.compile(rb"\r*\n|\r+")
_BINARY = re.compile(rb"(?:[A-Za-z0-9-]+\.)?(?:PHOTO|LOGO|SOUND|KEY)[;:]", re.I)
_BASE64_LINE = re.compile(rb"[A-Za-z0-9+/=]+")
_QP = re.compile(rb"QUOTED-PRINTABLE", re.I)
_APPLE_LABEL = re.compile(r"_\$!<(.*)>!\$_")
_ESCAPES = re.compile(r"\\(.)", re.DOTALL)
_LABELLED = (("NICKNAME", "Nickname"), ("BDAY", "Birthday"), ("ANNIVERSARY", "Anniversary"),
             ("X-ANNIVERSARY", "Anniversary"))  # fmt: skip


@dataclass(frozen=True, slots=True)
class Property:
    name: str  # upper case, group dropped
    params: dict[str, list[str]]  # upper-case keys; bare 2.1 params land in TYPE
    value: str  # raw: still escaped
    line: int
    group: str = ""  # Apple's "item1", lower case


def parse(
    data: bytes, *, filename: str = "contacts.vcf", owner: OwnerHints | None = None
) -> ImportResult:
    """Each card becomes one record.

    >>> vcf = b"BEGIN:VCARD\\r\\nVERSION:3.0\\r\\nFN:Ana Ruiz\\r\\n"
    >>> vcf += b"ORG:St Elsewhere;Cardiology\\r\\n"
    >>> vcf += b"EMAIL;TYPE=work:ana@example.org\\r\\nEMAIL:ana@home.example\\r\\nEND:VCARD\\r\\n"
    >>> r = parse(vcf).records[0]
    >>> r.name, r.organisation, r.specialty, r.email, r.other_emails, r.line
    ('Ana Ruiz', 'St Elsewhere', 'Cardiology', 'ana@example.org', ('ana@home.example',), 1)
    """
    result = ImportResult(format=FORMAT)
    check_signature(data, filename)
    if data[:2] in (b"\xff\xfe", b"\xfe\xff") or (len(data) > 3 and (not data[1] or not data[0])):
        data = decode(data, filename, result.warnings).encode("utf-8")  # UTF-16: bytes again
    elif data[:3] == b"\xef\xbb\xbf":
        data = data[3:]
    lines = _decoded(_unfolded(data), filename, result.warnings)
    for begin, props in _cards(lines, filename, result.warnings):
        result.records.append(_record(begin, props, filename, result.warnings))
    if not result.records:
        raise ImportFailed(filename, "no BEGIN:VCARD found; this is not a vCard file", line=1)
    return result


def _unfolded(data: bytes) -> list[tuple[int, bytes]]:
    """Logical lines (still bytes) with the number of their first physical line.

    Folding (RFC 6350 3.2) continues a line with one leading space or tab;
    vCard 2.1 quoted-printable continues after a trailing '='. Chunks are
    joined once per logical line, so a long value costs what its length does;
    a binary value (PHOTO, ...) is dropped line by line, never joined."""
    out: list[tuple[int, bytes]] = []
    chunks: list[bytes] = []
    start = 0
    qp = skip = False
    for number, line in enumerate(_BREAK.split(data), start=1):
        if skip:
            if line[:1] in (b" ", b"\t") or (line and _BASE64_LINE.fullmatch(line)):
                continue  # vCard 2.1 writers often leave base64 lines unindented
            skip = False
        elif chunks and line[:1] in (b" ", b"\t"):
            chunks.append(line[1:])
            continue
        elif qp and chunks and chunks[-1].endswith(b"="):
            chunks[-1] = chunks[-1][:-1]
            chunks.append(line)
            continue
        if chunks:
            out.append((start, b"".join(chunks)))
        chunks, qp = [], False
        if not line.strip():
            continue
        if _BINARY.match(line):
            skip = True
            continue
        start, chunks = number, [line]
        qp = bool(_QP.search(line.split(b":", 1)[0]))
    if chunks:
        out.append((start, b"".join(chunks)))
    return out


def _decoded(
    lines: list[tuple[int, bytes]], filename: str, warnings: list[str]
) -> list[tuple[int, str]]:
    try:
        text = [(n, line.decode("utf-8")) for n, line in lines]
    except UnicodeDecodeError:
        joined = b"\n".join(line for _n, line in lines)
        codec = guess_codec(joined)
        warnings.append(f"{filename}: not UTF-8; read as {codec}, so check accented names")
        text = [(n, line.decode(codec, "replace")) for n, line in lines]
    bad = text_control("\n".join(line for _n, line in text))
    if bad is not None:
        line_index, char = bad
        raise ImportFailed(
            filename,
            f"this looks like a binary file, not text (control character U+{ord(char):04X})",
            line=text[line_index][0] if line_index < len(text) else 1,
        )
    return text


def _cards(
    lines: list[tuple[int, str]], filename: str, warnings: list[str]
) -> list[tuple[int, list[Property]]]:
    cards: list[tuple[int, list[Property]]] = []
    begin: int | None = None
    props: list[Property] = []
    stray: list[int] = []
    last_end = 0
    for line_no, line in lines:
        if not line.strip():
            continue
        if begin is None:
            if line.strip().upper() == "BEGIN:VCARD":
                begin, props = line_no, []
            elif not cards:
                stray.append(line_no)  # before the first card: a header, a note
            else:
                raise ImportFailed(
                    filename,
                    f"this line is not part of a card (the last one ended on line {last_end}); "
                    "were two files pasted together?",
                    line=line_no,
                    field=line.split(":", 1)[0].strip()[:40] or None,
                )
            continue
        prop = _property(line, line_no, filename)
        if prop.name == "END" and prop.value.strip().upper() == "VCARD":
            cards.append((begin, props))
            begin, last_end = None, line_no
        elif prop.name == "BEGIN" and prop.value.strip().upper() == "VCARD":
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
    if stray and cards:
        warnings.append(
            f"{filename}, line {stray[0]}: skipped {len(stray)} line{'s' * (len(stray) > 1)} "
            "before the first BEGIN:VCARD"
        )
    elif stray:
        first = next(line for n, line in lines if n == stray[0])
        raise ImportFailed(
            filename,
            "expected BEGIN:VCARD; is this a vCard file?",
            line=stray[0],
            field=first.split(":", 1)[0].strip()[:40].upper() or None,
        )
    return cards


def _property(line: str, line_no: int, filename: str) -> Property:
    colon = line.find(":") if '"' not in line else _colon(line)
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
    if params.get("TYPE") and "quoted-printable" in params["TYPE"]:
        params.setdefault("ENCODING", []).append("quoted-printable")  # 2.1: bare QP
    group = (match.group(1) or "").lower()
    return Property(match.group(2).upper(), params, line[colon + 1 :], line_no, group)


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
    if "\\" not in value and '"' not in value:
        return value.split(sep)
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


def _unescape(value: str) -> str:
    if "\\" not in value:
        return value.strip()
    return _ESCAPES.sub(lambda m: "\n" if m.group(1) in "nN" else m.group(1), value).strip()


def _text(prop: Property) -> str:
    value = prop.value
    if "quoted-printable" in prop.params.get("ENCODING", []):
        charset = (prop.params.get("CHARSET") or ["utf-8"])[0]
        raw = quopri.decodestring(value.encode("latin-1", "replace"))
        try:
            value = raw.decode(charset)
        except (LookupError, UnicodeDecodeError):
            try:
                value = raw.decode("utf-8")
            except UnicodeDecodeError:
                value = raw.decode("cp1252", "replace")
    return value


def _components(prop: Property) -> list[str]:
    return [_unescape(p) for p in _split(_text(prop), ";")]


def _preferred(props: list[Property]) -> list[Property]:
    # vCard 4 says PREF=1; vCard 3 says TYPE=pref; 2.1 a bare PREF. Either goes first.
    def rank(p: Property) -> int:
        pref = p.params.get("PREF", [])
        if pref and pref[0].isdigit():
            return int(pref[0])
        return 1 if "pref" in p.params.get("TYPE", []) else 101

    return sorted(props, key=rank)


def _label(prop: Property, labels: dict[str, str]) -> str:
    """What the card calls this value: Apple's X-ABLabel, else its TYPE."""
    label = labels.get(prop.group, "") if prop.group else ""
    if not label:
        types = [
            t for t in prop.params.get("TYPE", []) if t not in ("pref", "internet", "voice", "x400")
        ]
        label = types[0] if types else ""
    found = _APPLE_LABEL.fullmatch(label)
    return (found.group(1) if found else label).strip()


def _record(begin: int, props: list[Property], filename: str, warnings: list[str]) -> ImportRecord:
    by_name: dict[str, list[Property]] = {}
    labels: dict[str, str] = {}
    for prop in props:
        by_name.setdefault(prop.name, []).append(prop)
        if prop.name == "X-ABLABEL" and prop.group:
            labels[prop.group] = _unescape(_text(prop))

    def one(name: str) -> str:
        found = by_name.get(name)
        return _unescape(_text(found[0])) if found else ""

    def every(name: str) -> list[str]:
        return [v for p in _preferred(by_name.get(name, [])) if (v := _unescape(_text(p)))]

    version = one("VERSION")
    if version and version not in _VERSIONS:
        warnings.append(f"{filename}, line {begin}: unknown vCard version {version[:10]!r}")
    orgs = [c for p in by_name.get("ORG", []) if any(c := _components(p))]
    organisation = orgs[0][0] if orgs else ""
    units = ", ".join(u for u in orgs[0][1:] if u) if orgs else ""
    emails = list(dict.fromkeys(every("EMAIL")))
    phones = list(dict.fromkeys(v.removeprefix("tel:") for v in every("TEL")))
    kind = _KINDS.get(one("KIND").lower(), "person")
    if one("X-ABSHOWAS").upper() == "COMPANY":
        kind = "organisation"
    name = one("FN")
    if not name and version and version != "2.1":
        raise ImportFailed(
            filename,
            "this card has no FN (formatted name); every vCard 3.0 and 4.0 needs one",
            line=begin,
            field="FN",
        )
    if not name:
        # vCard 2.1 makes FN optional: the name is put together from N.
        n = _components(by_name["N"][0]) if "N" in by_name else []
        n += [""] * (5 - len(n))
        name = " ".join(p for p in (n[3], n[1], n[2], n[0], n[4]) if p)
    if not name:
        name = organisation or (emails[0] if emails else "")
        if organisation and kind == "person" and not by_name.get("N"):
            kind = "organisation"
    if not name:
        raise ImportFailed(
            filename,
            "this card has no name (no FN, N, ORG or EMAIL); every vCard needs one",
            line=begin,
            field="FN",
        )
    addresses = _preferred(by_name.get("ADR", []))
    adr = _components(addresses[0]) if addresses else []
    adr += [""] * (7 - len(adr))
    links = [
        v
        for key in ("URL", "X-SOCIALPROFILE")
        for p in by_name.get(key, [])
        if (v := _unescape(_text(p)))
    ]
    tags: list[str] = []
    for prop in by_name.get("CATEGORIES", []):
        tags.extend(_unescape(t) for t in _split(_text(prop), ","))
    notes = [v for p in by_name.get("NOTE", []) if (v := _unescape(_text(p)))]
    more = _more(by_name, labels, orgs, addresses, adr)
    if more:
        notes.append("\n".join(more))
    ours = {
        field: one(f"X-TIEWISE-{field.upper()}")
        for field in ("kind", "strength", "modes", "areas", "roles", "sector", "reach", "since",
                      "specialty", "publications", "how-we-met", "private", "cadence-days")
    }  # fmt: skip

    def where(field: str) -> int:
        return by_name[f"X-TIEWISE-{field.upper()}"][0].line if ours[field] else begin

    since = parse_date(ours["since"]) if ours["since"] else None
    cadence = ours["cadence-days"]
    return ImportRecord(
        name=name,
        kind=checked_one("kind", ours["kind"], filename, where("kind")) or kind,
        email=emails[0] if emails else "",
        other_emails=tuple(emails[1:]),
        phone=phones[0] if phones else "",
        other_phones=tuple(phones[1:]),
        organisation=organisation,
        specialty=ours["specialty"] or units,
        title=one("TITLE"),
        profession=one("ROLE"),
        sector=checked_one("sector", ours["sector"], filename, where("sector")),
        reach=checked_one("reach", ours["reach"], filename, where("reach")),
        city=adr[3],
        country=adr[6],
        links=tuple(dict.fromkeys(links)),
        tags=tuple(dict.fromkeys(t for t in tags if t)),
        publications=tuple(p for p in ours["publications"].split("\n") if p.strip()),
        notes="\n\n".join(notes),
        how_we_met=ours["how-we-met"],
        private=ours["private"].lower() in ("true", "yes", "1"),
        cadence_days=int(cadence) if cadence.isdigit() and 0 < int(cadence) <= 3650 else None,
        strength=checked_one("strength", ours["strength"], filename, where("strength")) or None,
        modes=checked("modes", split_list(ours["modes"]), filename, where("modes")),
        areas=checked("areas", split_list(ours["areas"]), filename, where("areas")),
        roles=checked("roles", split_list(ours["roles"]), filename, where("roles")),
        line=begin,
        external_id=f"uid:{uid}" if (uid := one("UID")) else "",
        since=since,
    )


def _more(
    by_name: dict[str, list[Property]],
    labels: dict[str, str],
    orgs: list[list[str]],
    addresses: list[Property],
    adr: list[str],
) -> list[str]:
    """Labelled lines for what a card holds beyond the node's fields."""
    lines: list[str] = []
    for key, label in _LABELLED:
        lines.extend(f"{label}: {_unescape(_text(p))}" for p in by_name.get(key, []))
    for extra_title in by_name.get("TITLE", [])[1:]:
        lines.append(f"Also: {_unescape(_text(extra_title))}")
    for org in orgs[1:]:
        lines.append("Also at: " + ", ".join(c for c in org if c))
    for i, prop in enumerate(addresses):
        parts = adr if i == 0 else _components(prop) + [""] * 7
        # street, locality and country of the first address have their fields
        if i > 0 or any(parts[p] for p in (0, 1, 2, 4, 5)):
            label = _label(prop, labels) or "address"
            lines.append(f"{label.capitalize()} address: " + ", ".join(p for p in parts[:7] if p))
    for key in ("X-ABRELATEDNAMES", "RELATED", "IMPP", "X-ABDATE"):
        for prop in by_name.get(key, []):
            label = _label(prop, labels) or key.removeprefix("X-AB").lower()
            lines.append(f"{label.capitalize()}: {_unescape(_text(prop))}")
    return lines
