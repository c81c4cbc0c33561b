"""LinkedIn `Connections.csv` (Settings > Data privacy > Get a copy of your data).

The export opens with a short note before the header row; connections who
hide their email leave that cell empty. A LinkedIn connection is a
technology-mediated tie, weak until the owner says otherwise.
"""

from __future__ import annotations

from tiewise.core.importers.records import ImportRecord, ImportResult, OwnerHints
from tiewise.core.importers.text import csv_rows, decode, join_name, parse_date

FORMAT = "linkedin"
REQUIRED = ("First Name", "Last Name", "URL")
COLUMNS = (*REQUIRED, "Email Address", "Company", "Position", "Connected On")


def parse(
    data: bytes, *, filename: str = "Connections.csv", owner: OwnerHints | None = None
) -> ImportResult:
    """Connections as weak, technology-mediated records.

    >>> csv = b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\\n"
    >>> csv += b"Jane,Doe,https://www.linkedin.com/in/janedoe,,Acme,CMO,15 Mar 2023\\n"
    >>> r = parse(csv).records[0]
    >>> r.name, r.organisation, r.title, r.since.year, r.strength, r.modes
    ('Jane Doe', 'Acme', 'CMO', 2023, 'weak', ('technology',))
    """
    result = ImportResult(format=FORMAT)
    text = decode(data, filename, result.warnings)
    _header, rows = csv_rows(text, filename, required=REQUIRED)
    for row in rows:
        first, last, url, email, company, position, connected = row.pick(*COLUMNS)
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
                strength="weak",
                modes=("technology",),
                line=row.line,
                external_id=url,
                since=since,
            )
        )
    return result
