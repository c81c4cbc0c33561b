"""Mastodon `following_accounts.csv` (Preferences > Import and export > Data export).

Each row is an account address such as `someone@instance.social`; the file
has no display names, so the handle is the name until the owner edits it.
"""

from __future__ import annotations

import re

from tiewise.core.importers.records import ImportFailed, ImportRecord, ImportResult, OwnerHints
from tiewise.core.importers.text import csv_rows, decode

FORMAT = "mastodon"
COLUMN = "Account address"
_ADDRESS = re.compile(
    r"@?(?P<user>[A-Za-z0-9_]+(?:[.-][A-Za-z0-9_]+)*)@(?P<host>[^\s@/]+\.[^\s@/]+)"
)


def parse(
    data: bytes, *, filename: str = "following_accounts.csv", owner: OwnerHints | None = None
) -> ImportResult:
    """Followed accounts as weak, technology-mediated, professional-identity records.

    >>> r = parse(b"Account address,Show boosts,Notify on new posts,Languages\\n"
    ...           b"drjane@med.social,true,false,\\n").records[0]
    >>> r.name, r.links
    ('@drjane@med.social', ('https://med.social/@drjane',))
    """
    result = ImportResult(format=FORMAT)
    text = decode(data, filename, result.warnings)
    _header, rows = csv_rows(text, filename, required=(COLUMN,), max_preamble=1)
    for row in rows:
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
        result.records.append(
            ImportRecord(
                name=f"@{user}@{host}",
                links=(f"https://{host}/@{user}",),
                strength="weak",
                modes=("technology",),
                areas=("professional_identity",),
                line=row.line,
                external_id=f"acct:{user}@{host}".lower(),
                extra={"languages": row.get("Languages")} if row.get("Languages") else {},
            )
        )
    return result
