"""X/Twitter archive `data/following.js` and `data/follower.js` (Settings >
Your account > Download an archive of your data).

Each file is JavaScript: `window.YTD.following.part0 = [...]` (or
`window.YTD.follower.part0`), a JSON array of `{"following": {"accountId":
..., "userLink": ...}}`. It holds account ids, not names or handles, so each
account is its own record keyed by its id (`x:<id>`), named "X account
<id>" until the owner renames it; the result's warnings say so. Two accounts
are never taken for one person because their links look alike: only the id
counts.
"""

from __future__ import annotations

import re

from tiewise.core.importers.records import ImportFailed, ImportRecord, ImportResult, OwnerHints
from tiewise.core.importers.text import LocatedJSON, decode

FORMAT = "twitter"
_PREFIX = re.compile(r"\A\s*window\.YTD\.(following|follower)\.part\d+\s*=\s*")
_ACCOUNT_ID = re.compile(r"\d{1,25}")
_NOTES = {
    "following": "You follow this account on X.",
    "follower": "This account follows you on X.",
}


def parse(
    data: bytes, *, filename: str = "following.js", owner: OwnerHints | None = None
) -> ImportResult:
    """Accounts as weak, technology-mediated, professional-identity records.

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
            "expected the archive's 'window.YTD.following.part0 = [' "
            "(or 'window.YTD.follower.part0 = [') at the start",
            line=1,
        )
    relation = prefix.group(1)
    result.extra["relation"] = relation
    doc = LocatedJSON(text, filename, start=prefix.end())
    items = doc.value
    if not isinstance(items, list):
        raise ImportFailed(filename, "expected a list of accounts", line=1)
    seen: set[str] = set()
    for i, item in enumerate(items):
        where = f"[{i}].{relation}.accountId"
        account = item.get(relation) if isinstance(item, dict) else None
        account_id = account.get("accountId") if isinstance(account, dict) else None
        if isinstance(account_id, int) and not isinstance(account_id, bool):
            account_id = str(account_id)
        if not isinstance(account_id, str) or not _ACCOUNT_ID.fullmatch(account_id.strip()):
            raise ImportFailed(
                filename,
                "expected an account id made of digits",
                line=doc.line_at((i,)),
                field=where,
            )
        account_id = account_id.strip()
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
                notes=_NOTES[relation],
                external_id=f"x:{account_id}",
            )
        )
    if result.records:
        result.warnings.append(
            f"{filename}: the archive lists account ids, not names, so the "
            f"{len(result.records)} accounts are named 'X account <id>' until you rename "
            "them; open each link to see who it is"
        )
    else:
        raise ImportFailed(filename, "the archive's list of accounts is empty", line=1)
    return result
