"""X/Twitter archive `data/following.js` (Settings > Your account > Download an archive).

The file is JavaScript: `window.YTD.following.part0 = [...]`, a JSON array of
`{"following": {"accountId": ..., "userLink": ...}}`. It holds account ids,
not names, so each record is named after its id and the owner renames it.
"""

from __future__ import annotations

import re

from tiewise.core.importers.records import ImportFailed, ImportRecord, ImportResult, OwnerHints
from tiewise.core.importers.text import LocatedJSON, decode

FORMAT = "twitter"
_PREFIX = re.compile(r"\A\s*window\.YTD\.following\.part\d+\s*=\s*")
_ACCOUNT_ID = re.compile(r"\d{1,25}")


def parse(
    data: bytes, *, filename: str = "following.js", owner: OwnerHints | None = None
) -> ImportResult:
    """Followed accounts as weak, technology-mediated, professional-identity records.

    >>> js = b'window.YTD.following.part0 = [{"following": {"accountId": "42",'
    >>> js += b' "userLink": "https://twitter.com/intent/user?user_id=42"}}]'
    >>> r = parse(js).records[0]
    >>> r.name, r.external_id, r.modes, r.areas
    ('X account 42', 'x:42', ('technology',), ('professional_identity',))
    """
    result = ImportResult(format=FORMAT)
    text = decode(data, filename, result.warnings)
    prefix = _PREFIX.match(text)
    if not prefix:
        raise ImportFailed(
            filename,
            "expected the archive's 'window.YTD.following.part0 = [' at the start",
            line=1,
        )
    doc = LocatedJSON(text, filename, start=prefix.end())
    items = doc.value
    if not isinstance(items, list):
        raise ImportFailed(filename, "expected a list of followed accounts", line=1)
    seen: set[str] = set()
    for i, item in enumerate(items):
        where = f"[{i}].following.accountId"
        account = item.get("following") if isinstance(item, dict) else None
        account_id = account.get("accountId") if isinstance(account, dict) else None
        if isinstance(account_id, int) and not isinstance(account_id, bool):
            account_id = str(account_id)
        if not isinstance(account_id, str) or not _ACCOUNT_ID.fullmatch(account_id):
            raise ImportFailed(
                filename,
                "expected an account id made of digits",
                line=doc.line_at((i,)),
                field=where,
            )
        if account_id in seen:
            continue
        seen.add(account_id)
        link = account.get("userLink") if isinstance(account, dict) else None
        if not isinstance(link, str) or not link.startswith("https://"):
            link = f"https://twitter.com/intent/user?user_id={account_id}"
        result.records.append(
            ImportRecord(
                name=f"X account {account_id}",
                links=(link,),
                strength="weak",
                modes=("technology",),
                areas=("professional_identity",),
                external_id=f"x:{account_id}",
            )
        )
    if result.records:
        result.warnings.append(
            f"{filename}: the archive lists account ids, not names; open each link to "
            "see who it is and rename the node"
        )
    return result
