"""Outlook contacts CSV (File > Open & Export > Import/Export > Comma Separated Values).

Careful with names: Outlook's `Title` is the honorific ("Dr."), its job title
is `Job Title`. Some Outlook versions write UTF-16; `decode` handles that.
"""

from __future__ import annotations

from tiewise.core.importers.records import ImportRecord, ImportResult, OwnerHints
from tiewise.core.importers.text import Row, csv_rows, decode, join_name

FORMAT = "outlook"
REQUIRED = ("First Name", "Last Name", "E-mail Address")


def parse(
    data: bytes, *, filename: str = "contacts.csv", owner: OwnerHints | None = None
) -> ImportResult:
    """Contacts as records with no suggested strength.

    >>> head = b'"First Name","Middle Name","Last Name","Title",'
    >>> head += b'"E-mail Address","Company","Job Title"\\n'
    >>> r = parse(head + b'"Lee","","Chan","Dr.","lee@h.org","City Hospital","Dean"\\n').records[0]
    >>> r.name, r.title, r.organisation
    ('Dr. Lee Chan', 'Dean', 'City Hospital')
    """
    result = ImportResult(format=FORMAT)
    text = decode(data, filename, result.warnings)
    _header, rows = csv_rows(text, filename, required=REQUIRED, max_preamble=1)
    for row in rows:
        record = _record(row)
        if record is None:
            result.warnings.append(f"{filename}, line {row.line}: skipped a contact with no name")
        else:
            result.records.append(record)
    return result


def _record(row: Row) -> ImportRecord | None:
    name = join_name(
        row.get("Title"),
        row.get("First Name"),
        row.get("Middle Name"),
        row.get("Last Name"),
        row.get("Suffix"),
    )
    organisation = row.get("Company")
    person = bool(name)
    name = name or organisation
    if not name:
        return None
    emails = tuple(
        dict.fromkeys(
            e
            for e in (
                row.get("E-mail Address"),
                row.get("E-mail 2 Address"),
                row.get("E-mail 3 Address"),
            )
            if e
        )
    )
    phone = row.first("Mobile Phone", "Business Phone", "Primary Phone", "Home Phone")
    categories = row.get("Categories")
    extra: dict[str, object] = {"other_emails": emails[1:]} if len(emails) > 1 else {}
    return ImportRecord(
        name=name,
        kind="person" if person else "organisation",
        email=emails[0] if emails else "",
        phone=phone,
        organisation=organisation,
        title=row.get("Job Title"),
        profession=row.get("Profession"),
        city=row.first("Business City", "Home City", "Other City"),
        country=row.first(
            "Business Country/Region", "Business Country", "Home Country/Region", "Home Country"
        ),
        links=(row.get("Web Page"),) if row.get("Web Page") else (),
        tags=tuple(c.strip() for c in categories.split(";") if c.strip()),
        notes=row.get("Notes"),
        line=row.line,
        extra=extra,
    )
