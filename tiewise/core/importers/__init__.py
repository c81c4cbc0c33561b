"""Importers: one sibling module per format, each `parse(data, *, filename, owner)`.

`parse_any` is the one entry point the rest of Tiewise needs: it checks the
size, detects the format and returns an `ImportResult`, or raises
`ImportFailed`, which says where (file, line, field) and what went wrong.
"""

from __future__ import annotations

import re
from datetime import date
from types import ModuleType

from tiewise.core.importers import (
    bibtex,
    gexf,
    google,
    graphml,
    linkedin,
    mastodon,
    medline,
    outlook,
    ris,
    tiewise_json,
    twitter,
    vcard,
)
from tiewise.core.importers.dedupe import (
    Duplicate,
    dedupe_keys,
    find_duplicates,
    source_keys,
    stable_keys,
)
from tiewise.core.importers.records import (
    ImportFailed,
    ImportRecord,
    ImportResult,
    ImportTie,
    OwnerHints,
    to_node_data,
)
from tiewise.core.importers.text import decode, tidy

__all__ = [
    "FORMATS",
    "LABELS",
    "MAX_BYTES",
    "Duplicate",
    "ImportFailed",
    "ImportRecord",
    "ImportResult",
    "ImportTie",
    "OwnerHints",
    "dedupe_keys",
    "detect_format",
    "find_duplicates",
    "parse_any",
    "source_keys",
    "stable_keys",
    "to_node_data",
]

FORMATS: dict[str, ModuleType] = {
    "vcard": vcard,
    "linkedin": linkedin,
    "google": google,
    "outlook": outlook,
    "twitter": twitter,
    "mastodon": mastodon,
    "bibtex": bibtex,
    "ris": ris,
    "medline": medline,
    "json": tiewise_json,
    "graphml": graphml,
    "gexf": gexf,
}

#: What a person calls each format, for pickers and messages.
LABELS: dict[str, str] = {
    "vcard": "vCard (.vcf)",
    "linkedin": "LinkedIn Connections.csv",
    "google": "Google Contacts CSV",
    "outlook": "Outlook contacts CSV",
    "twitter": "X/Twitter archive following.js or follower.js",
    "mastodon": "Mastodon following_accounts.csv",
    "bibtex": "BibTeX (.bib)",
    "ris": "RIS (.ris)",
    "medline": "PubMed MEDLINE (.nbib)",
    "json": "Tiewise JSON export",
    "graphml": "GraphML",
    "gexf": "GEXF (Gephi)",
}

#: Formats whose strength suggestion depends on the date (how recent a paper is).
DATED = frozenset({"bibtex", "ris", "medline"})

MAX_BYTES = 20_000_000
_MB = 1_000_000
_SNIFF = 64_000

_BY_NAME = (
    (re.compile(r"connections\.csv$", re.I), "linkedin"),
    (re.compile(r"following_accounts\.csv$", re.I), "mastodon"),
    (re.compile(r"follow(?:ing|er)(?:-part\d+)?\.js$", re.I), "twitter"),
    (re.compile(r"\.(vcf|vcard)$", re.I), "vcard"),
    (re.compile(r"\.bib$", re.I), "bibtex"),
    (re.compile(r"\.ris$", re.I), "ris"),
    (re.compile(r"\.nbib$", re.I), "medline"),
    (re.compile(r"\.graphml$", re.I), "graphml"),
    (re.compile(r"\.gexf$", re.I), "gexf"),
    (re.compile(r"\.json$", re.I), "json"),
)


def detect_format(data: bytes, filename: str) -> str:
    """The format of a file, from its content first and its name as a hint.

    >>> detect_format(b"BEGIN:VCARD\\r\\nVERSION:3.0\\r\\n", "x.txt")
    'vcard'
    >>> detect_format(b"Account address,Show boosts\\n", "export.csv")
    'mastodon'
    """
    # _SNIFF is even, so a cut never splits a UTF-16 code unit.
    text = decode(data[:_SNIFF], filename, []) if data else ""
    found = _sniff(text)
    if found:
        return found
    for pattern, name in _BY_NAME:
        if pattern.search(filename):
            return name
    raise ImportFailed(
        filename,
        "could not tell what kind of file this is; Tiewise reads " + ", ".join(LABELS.values()),
        line=1,
    )


_HANDLE_LINE = re.compile(r"@?[\w.-]+@[\w-]+(?:\.[\w-]+)+\s*")


def _sniff(text: str) -> str | None:
    start = text.lstrip("\ufeff \t\r\n")
    upper = start[:200].upper()
    if upper.startswith("BEGIN:VCARD"):
        return "vcard"
    if re.match(r"window\.YTD\.follow(?:ing|er)\.part\d", start):
        return "twitter"
    if start.startswith("{") and re.search(r'"format"\s*:\s*"tiewise"', text):
        return "json"
    if start.startswith("<") and "<graphml" in text:
        return "graphml"
    if start.startswith("<") and "<gexf" in text:
        return "gexf"
    if re.search(r"^PMID- ", text, re.M):
        return "medline"
    if re.search(r"^TY  ?- ", text, re.M):
        return "ris"
    header = text[:4000]
    if "Account address" in header and "Show boosts" in header:
        return "mastodon"
    if "First Name" in header and "Last Name" in header and "Connected On" in header:
        return "linkedin"
    if (
        "E-mail 1 - Value" in header
        or "Organization 1 - Name" in header
        or ("Given Name" in header and "Family Name" in header)
        or ("Phonetic First Name" in header or ("File As" in header and "Labels" in header))
    ):
        return "google"
    if (
        ("E-mail Address" in header and ("Job Title" in header or "Business Phone" in header))
        or ("First Name" in header and "Last Name" in header and "E-mail Address" in header)
        or (
            ("Vorname" in header and "Nachname" in header)
            or ("Prénom" in header and "Nom" in header)
        )
    ):
        return "outlook"
    if re.search(r"^BEGIN:VCARD\s*$", text, re.M | re.I):
        return "vcard"  # cards below a few stray lines
    lines = [line for line in text[:4000].splitlines() if line.strip()][:20]
    if (
        lines
        and all(_HANDLE_LINE.fullmatch(line) for line in lines[:-1])
        and any(line.startswith("@") for line in lines)
    ):
        return "mastodon"  # the old export: one @handle@server per line
    # Last: a CSV cell such as "@SUM(1)" or "@drjane (ER)" also starts a line with "@".
    if re.search(r"^\s*@\s*\w+\s*[{(]", text, re.M):
        return "bibtex"
    return None


def parse_any(
    data: bytes,
    *,
    filename: str,
    format: str | None = None,  # noqa: A002 - the API's own word for it
    owner: OwnerHints | None = None,
    max_bytes: int = MAX_BYTES,
    today: date | None = None,
) -> ImportResult:
    """Read a file of any supported format into records and alter ties.

    Every record's text is tidied (no control characters; a line break or tab
    only in notes). A file with nothing to import raises `ImportFailed`, except
    a publication list whose owner is on none of its papers: that returns no
    records and says so in `extra` (below). What `result.extra` may hold:

    - publications: `owner_found` (bool), `owner_papers` and `papers` (counts),
      and when the owner was not found `frequent_authors`, a list of
      `{"name", "papers"}` to ask "which of these authors are you?" (then read
      again with `OwnerHints(names=(chosen,))`, or `all_authors=True`);
    - `layout` (LinkedIn "current" or "2018", Google "current" or "legacy",
      Mastodon), `language` (Outlook "en", "de", "fr"), `relation` (X:
      "following" or "follower"), `version` (GEXF);
    - the JSON export's sections (owner, goals, interactions, ...).

    Each record's `extra` may hold `paper_count` and `last_year`
    (publications), `node_id` and `last_interaction` (graphs).

    >>> parse_any(b"x" * 50_000_000, filename="big.csv")
    Traceback (most recent call last):
    ...
    tiewise.core.importers.records.ImportFailed: big.csv: file is 50.0 MB; the limit is 20 MB
    """
    if len(data) > max_bytes:
        raise ImportFailed(
            filename,
            f"file is {len(data) / _MB:.1f} MB; the limit is {max_bytes / _MB:g} MB",
        )
    if not data.strip():
        raise ImportFailed(filename, "the file is empty", line=1)
    name = format or detect_format(data, filename)
    module = FORMATS.get(name)
    if module is None:
        raise ImportFailed(
            filename, f"unknown format {name[:40]!r}; choose one of {', '.join(FORMATS)}"
        )
    if name in DATED:
        result: ImportResult = module.parse(data, filename=filename, owner=owner, today=today)
    else:
        result = module.parse(data, filename=filename, owner=owner)
    result.records = [tidy(record) for record in result.records]
    waiting_for_owner = result.extra.get("owner_found") is False and not result.records
    if not result.records and name != "json" and not waiting_for_owner:
        raise ImportFailed(filename, "nothing to import was found in this file", line=1)
    return result
