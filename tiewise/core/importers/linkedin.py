"""LinkedIn `Connections.csv` (Settings > Data privacy > Get a copy of your data).

Two layouts exist in the wild:

- since about 2020 the export opens with a `Notes:` line and a quoted note
  before the header `First Name, Last Name, URL, Email Address, Company,
  Position, Connected On`, with dates such as `15 Mar 2023`;
- older exports (2018) have no note and no `URL` column, and write the date
  and time the American way: `"1/8/18, 6:14 PM"`.

Connections who hide their email leave that cell empty. A LinkedIn
connection is a technology-mediated tie, weak until the owner says otherwise.
"""

from __future__ import annotations

from tiewise.core.importers.records import ImportFailed, ImportRecord, ImportResult, OwnerHints
from tiewise.core.importers.text import csv_rows, decode, join_name, parse_date, split_list

FORMAT = "linkedin"
REQUIRED = ("First Name", "Last Name")
COLUMNS = (
    "First Name",
    "Last Name",
    "URL",
    "Email Address",
    "Company",
    "Position",
    "Connected On",
    "Tags",
)
#: Names older exports used for the same columns.
ALIASES = {
    "Current Company": "Company",
    "Current Position": "Position",
    "E-mail Address": "Email Address",
    "Profile URL": "URL",
}


def parse(
    data: bytes, *, filename: str = "Connections.csv", owner: OwnerHints | None = None
) -> ImportResult:
    """Connections as weak, technology-mediated records.

    >>> csv = b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\\n"
    >>> csv += b"Jane,Doe,https://www.linkedin.com/in/janedoe,,Acme,CMO,15 Mar 2023\\n"
    >>> r = parse(csv).records[0]
    >>> r.name, r.organisation, r.title, r.since.year, r.strength, r.modes
    ('Jane Doe', 'Acme', 'CMO', 2023, 'weak', ('technology',))
    >>> old = b'First Name,Last Name,Email Address,Company,Position,Connected On\\n'
    >>> old += b'Jane,Doe,jd@x.org,Acme,CMO,"1/8/18, 6:14 PM"\\n'
    >>> r = parse(old).records[0]
    >>> r.email, r.since, r.links
    ('jd@x.org', datetime.date(2018, 1, 8), ())
    """
    result = ImportResult(format=FORMAT)
    text = decode(data, filename, result.warnings)
    header, rows = csv_rows(
        text, filename, required=REQUIRED, aliases=ALIASES, warnings=result.warnings
    )
    if not {"Connected On", "Company", "Position"} & set(header):
        raise ImportFailed(
            filename,
            "this has First Name and Last Name but none of LinkedIn's Company, Position "
            "and Connected On columns; is it a LinkedIn Connections.csv?",
            line=1,
            field="Connected On",
        )
    result.extra["layout"] = "2018" if "URL" not in header else "current"
    for row in rows:
        first, last, url, email, company, position, connected, tags = row.pick(*COLUMNS)
        name = join_name(first, last)
        if not name:
            # LinkedIn blanks members who limit what exports show; nothing to add.
            result.warnings.append(f"{filename}, line {row.line}: skipped a row with no name")
            continue
        since = parse_date(connected) if connected else None
        if connected and since is None:
            result.warnings.append(
                f"{filename}, line {row.line}, field 'Connected On': "
                f"could not read the date {connected[:40]!r}; left empty"
            )
        result.records.append(
            ImportRecord(
                name=name,
                email=email,
                organisation=company,
                title=position,
                links=(url,) if url else (),
                tags=split_list(tags) if tags else (),
                strength="weak",
                modes=("technology",),
                line=row.line,
                external_id=url,
                since=since,
            )
        )
    return result
