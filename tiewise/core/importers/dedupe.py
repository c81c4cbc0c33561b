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
from urllib.parse import parse_qsl, urlsplit

from tiewise.core.importers.coauthors import initials_of, is_initials, split_name
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
    earlier record of the same import), because of `reason`: "orcid",
    "account" (the same X or Mastodon account), "uid" (the same vCard UID),
    "source_id" (the same node of the same GraphML/GEXF file), "email",
    "profile_url", "name_and_organisation", "same_source" (the name an
    earlier import of the same source gave a record without any id), or
    "initials". An "initials"
    match is only `possible`: the same family name with initials that fit
    ("Ruiz A" and "Ana Ruiz"), for the owner to decide, never to merge
    unasked."""

    record: int
    reason: str
    existing_id: object = None
    other_record: int | None = None
    possible: bool = False


def normal_email(value: str) -> str:
    """
    >>> normal_email(" Ana.Ruiz@Example.ORG ")
    'ana.ruiz@example.org'
    """
    value = value.strip().lower().removeprefix("mailto:")
    return value if "@" in value else ""


#: Query parameters that name the profile rather than track the click:
#: X's `intent/user?user_id=`, Facebook's `profile.php?id=`.
_IDENTIFYING_QUERY = ("user_id", "id", "screen_name")


def normal_url(value: str) -> str:
    """A profile URL without the parts that vary between copies of it.

    >>> normal_url("https://www.LinkedIn.com/in/ana-ruiz/?trk=x")
    'linkedin.com/in/ana-ruiz'
    >>> normal_url("https://twitter.com/intent/user?user_id=42&s=1")
    'twitter.com/intent/user?user_id=42'
    """
    value = value.strip()
    if not value:
        return ""
    parts = urlsplit(value if "//" in value else "//" + value)
    host = (parts.hostname or "").removeprefix("www.")
    path = parts.path.rstrip("/")
    query = ""
    if parts.query:
        kept = [(k, v) for k, v in parse_qsl(parts.query) if k.lower() in _IDENTIFYING_QUERY and v]
        query = ("?" + "&".join(f"{k.lower()}={v}" for k, v in kept)) if kept else ""
    return f"{host}{path}".lower() + query if host else ""


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
    *,
    name: str = "",
    email: str = "",
    organisation: str = "",
    links: Iterable[str] = (),
    other_emails: Iterable[str] = (),
    external_id: str = "",
) -> set[tuple[str, str]]:
    """The (reason, value) pairs two entries must share to count as one person.

    >>> sorted(dedupe_keys(name="Ana Ruiz", email="A@x.org"))
    [('email', 'a@x.org')]
    """
    keys: set[tuple[str, str]] = set()
    for address in (email, *other_emails):
        if normal_email(address):
            keys.add(("email", normal_email(address)))
    for link in links:
        url = normal_url(link)
        if url:
            keys.add(("profile_url", url))
            orcid = _ORCID_URL.fullmatch(url)
            if orcid:
                keys.add(("orcid", orcid.group(1).upper()))
    scheme, _sep, rest = external_id.partition(":")
    if rest and scheme in _EXTERNAL:
        whole = scheme in ("x", "acct", "graphml", "gexf")
        keys.add((_EXTERNAL[scheme], external_id if whole else rest))
    name_key, org_key = normal_name(name), normal_org(organisation)
    if name_key and org_key:
        keys.add(("name_and_organisation", f"{name_key}|{org_key}"))
    return keys


_ORCID_URL = re.compile(r"orcid\.org/(\d{4}-\d{4}-\d{4}-\d{3}[\dx])", re.I)
#: external_id prefixes the importers write, and the reason a match on them gives.
_EXTERNAL = {"orcid": "orcid", "x": "account", "acct": "account", "uid": "uid",
             "graphml": "source_id", "gexf": "source_id"}  # fmt: skip
_ORDER = {"orcid": 0, "account": 1, "uid": 2, "source_id": 3, "email": 4, "profile_url": 5,
          "name_and_organisation": 6, "same_source": 7}  # fmt: skip
#: Kinds of key of which a person has one: two different values mean two people,
#: even with the same name at the same organisation.
_ONE_EACH = ("orcid", "account", "profile_url")


def stable_keys(record: ImportRecord) -> tuple[str, ...]:
    """The keys that find this record again when the same source is imported
    anew, strongest first: ORCID, X account id, Mastodon handle, vCard UID,
    GraphML/GEXF node id with its file, emails, profile URLs, and else (only
    else) the name with the organisation.

    >>> stable_keys(ImportRecord(name="X account 42", external_id="x:42",
    ...     links=("https://twitter.com/intent/user?user_id=42",)))
    ('x:42', 'url:twitter.com/intent/user?user_id=42')
    >>> stable_keys(ImportRecord(name="Dr. Ana Ruíz", organisation="St. Elsewhere"))
    ('name:ana ruiz|st elsewhere',)
    """
    keys = _record_keys(record)
    out: list[str] = []
    for reason, value in sorted(keys, key=lambda k: (_ORDER[k[0]], k[1])):
        if reason == "name_and_organisation":
            continue
        prefix = {"orcid": "orcid:", "uid": "uid:", "source_id": "node:", "email": "email:",
                  "profile_url": "url:"}.get(reason, "")  # fmt: skip
        out.append(prefix + value)
    if not out:
        out.append(f"name:{normal_name(record.name)}|{normal_org(record.organisation)}")
    return tuple(dict.fromkeys(out))


def source_keys(record: ImportRecord, source: str) -> tuple[str, ...]:
    """What a node keeps to be found again by the next import of the same
    source, beyond the email and links it stores anyway: the source's own
    id (ORCID, X account, Mastodon handle, vCard UID, graph node id), and
    when the record has no id, email or link at all, its name and
    organisation as that source spelt them. The name key is scoped to the
    source: a LinkedIn "Jane Doe" never matches a phone's "Jane Doe" by it.

    >>> source_keys(ImportRecord(name="X account 42", external_id="x:42"), "twitter")
    ('x:42',)
    >>> source_keys(ImportRecord(name="Céline Lefebvre", phone="+33 1"), "vcard")
    ('name:vcard|celine lefebvre|',)
    >>> source_keys(ImportRecord(name="Ana Ruiz", email="ana@x.org"), "vcard")
    ()
    """
    scheme = record.external_id.partition(":")[0]
    if scheme in _EXTERNAL:
        return (record.external_id,)
    if record.email or record.other_emails or record.links:
        return ()
    return (_source_name(source, record.name, record.organisation),)


def _source_name(source: str, name: str, organisation: str) -> str:
    return f"name:{source}|{normal_name(name)}|{normal_org(organisation)}"


def _record_keys(record: ImportRecord) -> set[tuple[str, str]]:
    return dedupe_keys(
        name=record.name,
        email=record.email,
        organisation=record.organisation,
        links=record.links,
        other_emails=record.other_emails,
        external_id=record.external_id,
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
    others = node.get("other_emails")
    keys = dedupe_keys(
        name=str(node.get("name") or ""),
        email=str(node.get("email") or ""),
        organisation=str(node.get("organisation") or ""),
        links=links,
        other_emails=[str(e) for e in others] if isinstance(others, list | tuple) else (),
        external_id=str(node.get("external_id") or ""),
    )
    kept = node.get("source_keys")
    for key in kept if isinstance(kept, list | tuple) else ():
        key = str(key)
        if key.startswith("name:"):
            keys.add(("same_source", key))
        else:
            keys |= dedupe_keys(external_id=key)
    return keys


def _conflict(mine: set[tuple[str, str]], theirs: set[tuple[str, str]]) -> bool:
    """Whether two entries carry different values of a one-per-person key."""
    for kind in _ONE_EACH:
        a = {v for k, v in mine if k == kind}
        b = {v for k, v in theirs if k == kind}
        if a and b and not a & b:
            return True
    return False


def initials_key(name: str) -> tuple[str, bool] | None:
    """(family name and first initial, whether the given name is initials only),
    for the possible matches between "Ruiz A" and "Ana Ruiz".

    >>> initials_key("Ruiz AM"), initials_key("Ana Ruiz"), initials_key("Ruiz")
    (('ruiz|a', True), ('ruiz|a', False), None)
    """
    family, given = split_name(name)
    family_key = _WORD.findall(fold(family))
    initials = initials_of(given)
    if not family_key or not initials:
        return None
    return f"{' '.join(family_key)}|{initials[0]}", is_initials(given)


def find_duplicates(
    records: Sequence[ImportRecord],
    existing: Sequence[Mapping[str, object]] = (),
    *,
    source: str = "",
) -> list[Duplicate]:
    """Records that match a node already in the PLN (dicts with `id`, `name`,
    `email`, `organisation`, `links`, and the `source_keys` an earlier
    import of `source` left), else an earlier record of the import.
    At most one match per record, by the strongest reason; an "initials"
    match comes last and only as `possible`. A name at an organisation does
    not match when the two carry different profile links, ORCIDs or accounts.

    >>> recs = [ImportRecord(name="Ana Ruiz", email="ana@x.org"),
    ...         ImportRecord(name="Dr. Ana Ruíz", email="ANA@x.org")]
    >>> find_duplicates(recs, [{"id": 9, "name": "Ana Ruiz", "email": "ana@x.org"}])[0]
    Duplicate(record=0, reason='email', existing_id=9, other_record=None, possible=False)
    """
    index: dict[tuple[str, str], object] = {}
    node_keys: dict[object, set[tuple[str, str]]] = {}
    by_initials: dict[str, list[tuple[object, bool]]] = {}
    for node in existing:
        found_keys = _existing_keys(node)
        node_keys[node.get("id")] = found_keys
        for key in found_keys:
            index.setdefault(key, node.get("id"))
        found = initials_key(str(node.get("name") or ""))
        if found:
            by_initials.setdefault(found[0], []).append((node.get("id"), found[1]))
    earlier: dict[tuple[str, str], int] = {}
    record_keys: list[set[tuple[str, str]]] = []
    earlier_initials: dict[str, list[tuple[int, bool]]] = {}
    out: list[Duplicate] = []
    for i, record in enumerate(records):
        mine = _record_keys(record)
        record_keys.append(mine)
        keys = sorted(mine, key=lambda k: _ORDER[k[0]])
        match = next(
            (
                k
                for k in keys
                if k in index
                and not (k[0] == "name_and_organisation" and _conflict(mine, node_keys[index[k]]))
            ),
            None,
        )
        inner = next(
            (
                k
                for k in keys
                if k in earlier
                and not (
                    k[0] == "name_and_organisation" and _conflict(mine, record_keys[earlier[k]])
                )
            ),
            None,
        )
        initials = initials_key(record.name) if record.kind == "person" else None
        if match is None and source:
            # Found again by how an earlier import of this source spelt it (only
            # against the PLN: two namesakes in one file stay two records).
            again = ("same_source", _source_name(source, record.name, record.organisation))
            if again in index and not (record.email or record.other_emails or record.links):
                match = again
        if match is not None:
            out.append(Duplicate(i, match[0], existing_id=index[match]))
        elif inner is not None:
            out.append(Duplicate(i, inner[0], other_record=earlier[inner]))
        elif initials is not None:
            possible = _possible(initials, by_initials, earlier_initials)
            if possible is not None:
                kind, ref = possible
                out.append(
                    Duplicate(
                        i,
                        "initials",
                        existing_id=ref if kind == "node" else None,
                        other_record=ref if kind == "record" else None,  # type: ignore[arg-type]
                        possible=True,
                    )
                )
        for key in keys:
            earlier.setdefault(key, i)
        if initials is not None:
            earlier_initials.setdefault(initials[0], []).append((i, initials[1]))
    return out


def _possible(
    initials: tuple[str, bool],
    nodes: dict[str, list[tuple[object, bool]]],
    records: dict[str, list[tuple[int, bool]]],
) -> tuple[str, object] | None:
    """A node, else an earlier record, with the same family name and initial,
    when one side gives initials only (two full names that differ are two people)."""
    key, mine_initials_only = initials
    for node_id, theirs in nodes.get(key, []):
        if mine_initials_only or theirs:
            return "node", node_id
    for index, theirs in records.get(key, []):
        if mine_initials_only or theirs:
            return "record", index
    return None
