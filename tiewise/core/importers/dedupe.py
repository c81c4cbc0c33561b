"""Is this imported record someone already in the PLN (or earlier in the file)?

Three signals, strongest first: the same email (case aside), the same profile
URL (scheme, `www.`, query and trailing slash aside), or the same name (accents,
case, punctuation and titles such as "Dr." aside) at the same organisation.
A name alone is not enough: two Dr. J. Smiths are common in medicine.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from tiewise.core.importers.records import ImportRecord
from tiewise.core.importers.text import fold

_TITLES = {
    "dr",
    "prof",
    "professor",
    "mr",
    "mrs",
    "ms",
    "mx",
    "miss",
    "sir",
    "dame",
    "md",
    "phd",
    "mbbs",
    "mbchb",
    "do",
    "rn",
    "np",
    "pa",
    "frcp",
    "frcs",
    "facp",
    "mph",
    "msc",
}
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True, slots=True)
class Duplicate:
    """Record `record` looks like `existing_id` (a node) or `other_record` (an
    earlier record of the same import), because of `reason`:
    "email", "profile_url" or "name_and_organisation"."""

    record: int
    reason: str
    existing_id: object = None
    other_record: int | None = None


def normal_email(value: str) -> str:
    """
    >>> normal_email(" Ana.Ruiz@Example.ORG ")
    'ana.ruiz@example.org'
    """
    value = value.strip().lower().removeprefix("mailto:")
    return value if "@" in value else ""


def normal_url(value: str) -> str:
    """A profile URL without the parts that vary between copies of it.

    >>> normal_url("https://www.LinkedIn.com/in/ana-ruiz/?trk=x")
    'linkedin.com/in/ana-ruiz'
    """
    value = value.strip()
    if not value:
        return ""
    parts = urlsplit(value if "//" in value else "//" + value)
    host = (parts.hostname or "").removeprefix("www.")
    path = parts.path.rstrip("/")
    return f"{host}{path}".lower() if host else ""


def normal_name(value: str) -> str:
    """A name for comparison: folded, titles dropped, "Family, Given" turned round.

    >>> normal_name("Ruíz, Ana (Dr.)"), normal_name("Dr. Ana  RUIZ, MD")
    ('ana ruiz', 'ana ruiz')
    """
    if value.count(",") == 1:
        left, right = value.split(",")
        if fold(right).strip(" .()").replace(".", "") not in _TITLES:
            value = f"{right} {left}"
    words = [w for w in _WORD.findall(fold(value)) if w not in _TITLES]
    return " ".join(words)


def normal_org(value: str) -> str:
    """
    >>> normal_org("St. Elsewhere  Hospital")
    'st elsewhere hospital'
    """
    return " ".join(_WORD.findall(fold(value)))


def dedupe_keys(
    *, name: str = "", email: str = "", organisation: str = "", links: Iterable[str] = ()
) -> set[tuple[str, str]]:
    """The (reason, value) pairs two entries must share to count as one person.

    >>> sorted(dedupe_keys(name="Ana Ruiz", email="A@x.org"))
    [('email', 'a@x.org')]
    """
    keys: set[tuple[str, str]] = set()
    if normal_email(email):
        keys.add(("email", normal_email(email)))
    for link in links:
        url = normal_url(link)
        if url:
            keys.add(("profile_url", url))
    name_key, org_key = normal_name(name), normal_org(organisation)
    if name_key and org_key:
        keys.add(("name_and_organisation", f"{name_key}|{org_key}"))
    return keys


def _record_keys(record: ImportRecord) -> set[tuple[str, str]]:
    return dedupe_keys(
        name=record.name, email=record.email, organisation=record.organisation, links=record.links
    )


def _existing_keys(node: Mapping[str, object]) -> set[tuple[str, str]]:
    links: list[str] = []
    for key in ("links", "urls"):
        value = node.get(key)
        if isinstance(value, list | tuple):
            links.extend(str(v) for v in value)
    for key in ("url", "profile_url", "website"):
        if node.get(key):
            links.append(str(node[key]))
    return dedupe_keys(
        name=str(node.get("name") or ""),
        email=str(node.get("email") or ""),
        organisation=str(node.get("organisation") or ""),
        links=links,
    )


_ORDER = {"email": 0, "profile_url": 1, "name_and_organisation": 2}


def find_duplicates(
    records: Sequence[ImportRecord],
    existing: Sequence[Mapping[str, object]] = (),
) -> list[Duplicate]:
    """Records that match a node already in the PLN (dicts with `id`, `name`,
    `email`, `organisation`, `links`), else an earlier record of the import.
    At most one match per record, by the strongest reason.

    >>> recs = [ImportRecord(name="Ana Ruiz", email="ana@x.org"),
    ...         ImportRecord(name="Dr. Ana Ruíz", email="ANA@x.org")]
    >>> find_duplicates(recs, [{"id": 9, "name": "Ana Ruiz", "email": "ana@x.org"}])[0]
    Duplicate(record=0, reason='email', existing_id=9, other_record=None)
    """
    index: dict[tuple[str, str], object] = {}
    for node in existing:
        for key in _existing_keys(node):
            index.setdefault(key, node.get("id"))
    earlier: dict[tuple[str, str], int] = {}
    found: list[Duplicate] = []
    for i, record in enumerate(records):
        keys = sorted(_record_keys(record), key=lambda k: _ORDER[k[0]])
        match = next((k for k in keys if k in index), None)
        if match is not None:
            found.append(Duplicate(i, match[0], existing_id=index[match]))
        else:
            inner = next((k for k in keys if k in earlier), None)
            if inner is not None:
                found.append(Duplicate(i, inner[0], other_record=earlier[inner]))
        for key in keys:
            earlier.setdefault(key, i)
    return found
