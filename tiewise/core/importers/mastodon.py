"""Mastodon `following_accounts.csv` (Preferences > Import and export > Data export).

Two layouts: the current export has the header `Account address, Show
boosts, Notify on new posts, Languages`; older servers wrote one address per
line with no header. Each row is an account address such as
`someone@instance.social`; the file has no display names, so the handle is
the name until the owner edits it, and the handle (case aside) is its key.
"""

from __future__ import annotations

import re

from tiewise.core.importers.records import ImportFailed, ImportRecord, ImportResult, OwnerHints
from tiewise.core.importers.text import Row, csv_rows, decode

FORMAT = "mastodon"
COLUMN = "Account address"
_ADDRESS = re.compile(
    r"@?(?P<user>[A-Za-z0-9_]+(?:[.-][A-Za-z0-9_]+)*)@(?P<host>[^\s@/,]+\.[^\s@/,]+)"
)


def parse(
    data: bytes, *, filename: str = "following_accounts.csv", owner: OwnerHints | None = None
) -> ImportResult:
    """Followed accounts as weak, technology-mediated, professional-identity records.

    >>> r = parse(b"Account address,Show boosts,Notify on new posts,Languages\\n"
    ...           b"drjane@med.social,true,false,\\n").records[0]
    >>> r.name, r.links, r.external_id
    ('@drjane@med.social', ('https://med.social/@drjane',), 'acct:drjane@med.social')
    >>> [r.name for r in parse(b"drjane@med.social\\nDrRay@Mstdn.Example\\n").records]
    ['@drjane@med.social', '@DrRay@mstdn.example']
    """
    result = ImportResult(format=FORMAT)
    text = decode(data, filename, result.warnings)
    first = next((line for line in text.splitlines() if line.strip()), "")
    if COLUMN.casefold() in first.casefold():
        _header, rows = csv_rows(
            text, filename, required=(COLUMN,), max_preamble=1, warnings=result.warnings,
            aliases={"account address": COLUMN},
        )  # fmt: skip
        result.extra["layout"] = "current"
    else:
        rows = iter(_headerless(text))
        result.extra["layout"] = "one column, no header"
    seen: set[str] = set()
    for row in rows:
        record = _record(row, filename)
        if record.external_id in seen:
            continue
        seen.add(record.external_id)
        result.records.append(record)
    if not result.records:
        raise ImportFailed(filename, "no account addresses found", line=1, field=COLUMN)
    return result


def _headerless(text: str) -> list[Row]:
    columns = {COLUMN: 0}
    return [
        Row([line.split(",", 1)[0]], columns, number)
        for number, line in enumerate(text.splitlines(), start=1)
        if line.strip()
    ]


def _record(row: Row, filename: str) -> ImportRecord:
    address = row.get(COLUMN)
    match = _ADDRESS.fullmatch(address)
    if not match:
        raise ImportFailed(
            filename,
            f"{address[:60]!r} is not an account address like name@instance.social",
            line=row.line,
            field=COLUMN,
        )
    user, host = match["user"], match["host"].lower()
    languages = row.get("Languages")
    return ImportRecord(
        name=f"@{user}@{host}",
        links=(f"https://{host}/@{user}",),
        strength="weak",
        modes=("technology",),
        areas=("professional_identity",),
        notes=f"Posts in: {languages}" if languages else "",
        line=row.line,
        external_id=f"acct:{user}@{host}".lower(),
    )
