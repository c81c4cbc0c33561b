"""Google Contacts CSV (contacts.google.com > Export > Google CSV).

Two headers exist in the wild: the current one (`First Name, Middle Name,
Last Name, ..., Organization Name`) and the legacy one (`Name, Given Name,
..., Organization 1 - Name`). Both read the same way here.
"""

from __future__ import annotations

from tiewise.core.importers.records import ImportFailed, ImportRecord, ImportResult, OwnerHints
from tiewise.core.importers.text import Row, csv_rows, decode, join_name

FORMAT = "google"
CURRENT = ("First Name", "Last Name", "E-mail 1 - Value")
LEGACY = ("Name", "Given Name", "Family Name")
_MULTI = " ::: "  # how Google packs several values into one cell


def parse(
    data: bytes, *, filename: str = "contacts.csv", owner: OwnerHints | None = None
) -> ImportResult:
    """Contacts as records with no suggested strength: an address book says who
    you know, not how well.

    >>> head = b"First Name,Middle Name,Last Name,Organization Name,E-mail 1 - Value\\n"
    >>> r = parse(head + b"Ana,,Ruiz,St Elsewhere,ana@x.org ::: a@y.org\\n").records[0]
    >>> r.name, r.email, r.organisation
    ('Ana Ruiz', 'ana@x.org', 'St Elsewhere')
    """
    result = ImportResult(format=FORMAT)
    text = decode(data, filename, result.warnings)
    try:
        _header, rows = csv_rows(text, filename, required=CURRENT, max_preamble=1)
    except ImportFailed as current_error:
        try:
            _header, rows = csv_rows(text, filename, required=LEGACY, max_preamble=1)
        except ImportFailed:
            raise current_error from None
    for row in rows:
        record = _record(row)
        if record is None:
            result.warnings.append(f"{filename}, line {row.line}: skipped a contact with no name")
        else:
            result.records.append(record)
    return result


def _record(row: Row) -> ImportRecord | None:
    name = row.get("Name") or join_name(
        row.get("Name Prefix"),
        row.first("First Name", "Given Name"),
        row.first("Middle Name", "Additional Name"),
        row.first("Last Name", "Family Name"),
        row.get("Name Suffix"),
    )
    organisation = row.first("Organization Name", "Organization 1 - Name")
    if not name:
        name = organisation
    if not name:
        return None
    emails = _values(row.first("E-mail 1 - Value"), row.get("E-mail 2 - Value"))
    phones = _values(row.get("Phone 1 - Value"), row.get("Phone 2 - Value"))
    links = _values(row.get("Website 1 - Value"), row.get("Website 2 - Value"))
    labels = row.first("Labels", "Group Membership")
    tags = tuple(
        label.strip()
        for label in labels.split(_MULTI)
        if label.strip() and not label.strip().startswith("*")  # "* myContacts" is Google's own
    )
    extra: dict[str, object] = {}
    if len(emails) > 1:
        extra["other_emails"] = emails[1:]
    if len(phones) > 1:
        extra["other_phones"] = phones[1:]
    return ImportRecord(
        name=name,
        kind="person" if name != organisation else "organisation",
        email=emails[0] if emails else "",
        phone=phones[0] if phones else "",
        organisation=organisation,
        title=row.first("Organization Title", "Organization 1 - Title"),
        profession=row.get("Occupation"),
        city=row.first("Address 1 - City"),
        country=row.first("Address 1 - Country"),
        links=links,
        tags=tags,
        notes=row.get("Notes"),
        line=row.line,
        extra=extra,
    )


def _values(*cells: str) -> tuple[str, ...]:
    out: list[str] = []
    for cell in cells:
        out.extend(v.strip() for v in cell.split(_MULTI) if v.strip())
    return tuple(dict.fromkeys(out))
