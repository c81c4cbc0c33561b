"""Google Contacts CSV (contacts.google.com > Export > Google CSV).

Two headers exist in the wild, and both read the same way here:

- the current one (since 2023): `First Name, Middle Name, Last Name, ...,
  Organization Name, Organization Title, Organization Department, ...,
  Labels, E-mail 1 - Label, E-mail 1 - Value, ...`;
- the legacy one: `Name, Given Name, Additional Name, Family Name, ...,
  Group Membership, E-mail 1 - Type, E-mail 1 - Value, ...,
  Organization 1 - Name, Organization 1 - Title, Organization 1 - Department`.

Numbered groups (`E-mail 2 - Value`, `Phone 3 - Value`, ...) go as far as
the contact with most of them; one cell can hold several values joined by
` ::: `. Every value is kept: the first email and phone in their fields, the
others in `other_emails` and `other_phones`; what has no field of its own
(nickname, birthday, addresses, relations, custom fields) becomes a labelled
line of the notes.
"""

from __future__ import annotations

import re

from tiewise.core.importers.records import ImportFailed, ImportRecord, ImportResult, OwnerHints
from tiewise.core.importers.text import Row, csv_rows, decode, join_name

FORMAT = "google"
CURRENT = ("First Name", "Last Name")
LEGACY = ("Name", "Given Name", "Family Name")
#: Columns only Google writes: one of them tells its CSV from Outlook's.
MARKERS = ("Labels", "File As", "Phonetic First Name", "Organization Name", "E-mail 1 - Value")
_NUMBERED = re.compile(r"(.+?) (\d+) - (.+)")
_MULTI = re.compile(r"\s*:::\s*")  # how Google packs several values into one cell
_GROUPS = ("E-mail", "Phone", "Website", "Address", "Organization", "Relation",
           "Custom Field", "Event", "IM")  # fmt: skip


def parse(
    data: bytes, *, filename: str = "contacts.csv", owner: OwnerHints | None = None
) -> ImportResult:
    """Contacts as records with no suggested strength: an address book says who
    you know, not how well.

    >>> head = b"First Name,Middle Name,Last Name,Organization Name,E-mail 1 - Value\\n"
    >>> r = parse(head + b"Ana,,Ruiz,St Elsewhere,ana@x.org ::: a@y.org\\n").records[0]
    >>> r.name, r.email, r.other_emails, r.organisation
    ('Ana Ruiz', 'ana@x.org', ('a@y.org',), 'St Elsewhere')
    """
    result = ImportResult(format=FORMAT)
    text = decode(data, filename, result.warnings)
    try:
        header, rows = csv_rows(
            text, filename, required=LEGACY, max_preamble=1, warnings=result.warnings
        )
        result.extra["layout"] = "legacy"
    except ImportFailed as legacy_error:
        try:
            header, rows = csv_rows(
                text, filename, required=CURRENT, max_preamble=1, warnings=result.warnings
            )
        except ImportFailed as current_error:
            # Say what is missing from the layout the file is closer to.
            raise (legacy_error if legacy_error.field != LEGACY[0] else current_error) from None
        if not any(m in header for m in MARKERS):
            raise ImportFailed(
                filename,
                "this has First Name and Last Name but none of Google's columns "
                f"({', '.join(MARKERS)}); is it a Google Contacts export?",
                line=1,
                field="Labels",
            ) from None
        result.extra["layout"] = "current"
    groups = _numbered(header)
    for row in rows:
        record = _record(row, groups)
        if record is None:
            result.warnings.append(f"{filename}, line {row.line}: skipped a contact with no name")
        else:
            result.records.append(record)
    return result


def _numbered(header: list[str]) -> dict[str, list[dict[str, str]]]:
    """`E-mail 1 - Value` and friends: group -> [{part -> column}] in number order."""
    found: dict[str, dict[int, dict[str, str]]] = {}
    for column in header:
        match = _NUMBERED.fullmatch(column)
        if match and match.group(1) in _GROUPS:
            group, number, part = match.group(1), int(match.group(2)), match.group(3)
            found.setdefault(group, {}).setdefault(number, {})[part] = column
    return {g: [parts for _n, parts in sorted(by_number.items())] for g, by_number in found.items()}


def _values(cell: str) -> list[str]:
    return [v for v in _MULTI.split(cell.strip()) if v]


def _record(row: Row, groups: dict[str, list[dict[str, str]]]) -> ImportRecord | None:
    def every(group: str, part: str = "Value") -> list[str]:
        out: list[str] = []
        for parts in groups.get(group, []):
            if part in parts:
                out.extend(_values(row.get(parts[part])))
        return list(dict.fromkeys(out))

    organisations: list[tuple[str, str, str]] = []  # (name, title, department)
    if row.first("Organization Name", "Organization Title", "Organization Department"):
        organisations.append(
            (
                row.get("Organization Name"),
                row.get("Organization Title"),
                row.get("Organization Department"),
            )
        )
    for parts in groups.get("Organization", []):
        org = tuple(row.get(parts.get(p, "")) for p in ("Name", "Title", "Department"))
        if any(org):
            organisations.append(org)  # type: ignore[arg-type]
    organisation, title, department = organisations[0] if organisations else ("", "", "")
    name = row.get("Name") or join_name(
        row.get("Name Prefix"),
        row.first("First Name", "Given Name"),
        row.first("Middle Name", "Additional Name"),
        row.first("Last Name", "Family Name"),
        row.get("Name Suffix"),
    )
    emails = every("E-mail")
    phones = every("Phone")
    kind = "person"
    if not name:
        name, kind = (organisation, "organisation") if organisation else (row.get("Nickname"), kind)
    if not name and emails:
        name = emails[0]  # an address-only contact is still someone you know
    if not name:
        return None
    labels = row.first("Labels", "Group Membership")
    tags = tuple(
        label
        for label in _values(labels)
        if not label.startswith("*")  # "* myContacts", "* starred": Google's own groups
    )
    return ImportRecord(
        name=name,
        kind=kind,
        email=emails[0] if emails else "",
        other_emails=tuple(emails[1:]),
        phone=phones[0] if phones else "",
        other_phones=tuple(phones[1:]),
        organisation=organisation,
        title=title,
        specialty=department,
        profession=row.get("Occupation"),
        city=_first_address(row, groups, "City"),
        country=_first_address(row, groups, "Country"),
        links=tuple(every("Website")),
        tags=tags,
        notes=_notes(row, groups, organisations[1:]),
        line=row.line,
    )


def _first_address(row: Row, groups: dict[str, list[dict[str, str]]], part: str) -> str:
    for parts in groups.get("Address", []):
        if part in parts and (value := row.get(parts[part])):
            return _values(value)[0]
    return ""


def _notes(
    row: Row, groups: dict[str, list[dict[str, str]]], more_orgs: list[tuple[str, str, str]]
) -> str:
    lines: list[str] = []
    for column in ("Nickname", "Birthday"):
        if value := row.get(column):
            lines.append(f"{column}: {value}")
    for org in more_orgs:
        lines.append("Also at: " + ", ".join(p for p in (org[1], org[2], org[0]) if p))
    for i, parts in enumerate(groups.get("Address", [])):
        # City and country of the first address have fields; the rest is kept here.
        detail = [
            v
            for p in ("Street", "Extended Address", "PO Box", "Region", "Postal Code")
            if (v := row.get(parts.get(p, "")))
        ]
        formatted = row.get(parts.get("Formatted", "")) or ", ".join(
            v for p in ("City", "Country") if (v := row.get(parts.get(p, "")))
        )
        if formatted and (detail or i > 0):
            label = row.get(parts.get("Label", parts.get("Type", ""))) or "Address"
            lines.append(f"{label.strip('* ')} address: {', '.join(formatted.splitlines())}")
    for group in ("Relation", "Custom Field", "Event", "IM"):
        for parts in groups.get(group, []):
            value = row.get(parts.get("Value", ""))
            if value:
                label = row.get(parts.get("Label", parts.get("Type", ""))) or group
                lines.append(f"{label.strip('* ')}: {value}")
    notes = row.get("Notes")
    if lines:
        notes = (notes + "\n\n" if notes else "") + "\n".join(lines)
    return notes
