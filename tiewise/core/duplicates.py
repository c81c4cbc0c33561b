"""Possible duplicates among the people already in a PLN.

A co-author imported from PubMed ("Okafor C") and the same person imported
from LinkedIn ("Dr. Chidi Okafor, MD") end up as two nodes. This module finds
such pairs for the owner to merge or leave; it never merges anything itself.

Two nodes are a **pair** when their names fit one person: the same family name
with the same first given name, or with initials that fit ("Okafor C" and
"Chidi Okafor"), or names that differ by a typo or an accent (rapidfuzz
ratio of at least :data:`SIMILAR_NAME`). What else they share is the evidence:

* ``email``, ``profile`` (the same profile URL or ORCID): **exact**, the same
  person whatever their names;
* ``same_name`` with ``organisation`` (the same organisation): **exact**;
* anything weaker, ``same_name``, ``initials``, ``similar_name``, with or
  without ``email_domain`` or ``organisation``: **possible**. Two "Wei Zhang"s
  at different institutions are possible, never exact: namesakes are common.

Two different ORCIDs or two different profile URLs on the same site mean two
people, and such a pair is never offered.

Names are split by nameparser (titles such as "Dr." and suffixes such as
"MD" or "PharmD" dropped), except the MEDLINE form "Zhang W", which
nameparser would read backwards.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations

from nameparser import HumanName
from rapidfuzz import fuzz

from .importers.coauthors import split_name
from .importers.dedupe import _TITLES, normal_email, normal_org, normal_url
from .importers.text import fold

#: The rules' version: cached pair lists of an older one are never read.
#: 2: names with different numbers ("Ward 7", "Ward 8") are never a pair.
RULES_VERSION = 2

#: The smallest rapidfuzz ratio (0-100) at which two full names differ only
#: by a typo ("Katharine Lee" and "Katherine Lee").
SIMILAR_NAME = 90
#: How the evidence ranks pairs: the higher, the likelier one person.
WEIGHTS = {
    "email": 100,
    "profile": 100,
    "same_name": 40,
    "initials": 25,
    "similar_name": 20,
    "organisation": 30,
    "email_domain": 15,
}
#: Evidence that alone makes a pair exact.
EXACT = frozenset({"email", "profile"})
#: Webmail domains: sharing one says nothing.
WEBMAIL = frozenset(
    {"gmail.com", "googlemail.com", "yahoo.com", "hotmail.com", "outlook.com", "live.com",
     "icloud.com", "me.com", "aol.com", "proton.me", "protonmail.com", "gmx.de", "web.de",
     "qq.com", "163.com", "126.com", "mail.ru", "yandex.ru"}
)  # fmt: skip
#: A block of more people than this with one family name and initial (a very
#: common name in a huge PLN) is compared by full given name only.
BLOCK_MAX = 60

_MEDLINE = re.compile(r"^(?P<family>.+?)\s+(?P<initials>[A-Z]{1,3})$")
_WORD = re.compile(r"[^\W_]+")
_ORCID = re.compile(r"orcid\.org/(\d{4}-\d{4}-\d{4}-\d{3}[\dx])$", re.I)


@dataclass(frozen=True, slots=True)
class Person:
    """What the comparison needs of one node."""

    id: int
    name: str
    organisation: str = ""
    email: str = ""
    other_emails: tuple[str, ...] = ()
    links: tuple[str, ...] = ()
    kind: str = "person"

    @classmethod
    def of(cls, row: Mapping[str, object]) -> Person:
        def many(key: str) -> tuple[str, ...]:
            value = row.get(key)
            return tuple(str(v) for v in value) if isinstance(value, list | tuple) else ()

        return cls(
            id=int(str(row["id"])),
            name=str(row.get("name") or ""),
            organisation=str(row.get("organisation") or ""),
            email=str(row.get("email") or ""),
            other_emails=many("other_emails"),
            links=many("links"),
            kind=str(row.get("kind") or "person"),
        )


@dataclass(frozen=True, slots=True)
class DuplicatePair:
    """Two nodes that may be one person: `a` < `b` (ids), why, and how sure."""

    a: int
    b: int
    confidence: str  # "exact" or "possible"
    reasons: tuple[str, ...]
    score: int = 0


@dataclass(frozen=True, slots=True)
class NameParts:
    """A person's name for comparison: folded family name, given names."""

    family: str
    given: tuple[str, ...]  # folded words; an initial is one letter
    initials_only: bool

    @property
    def first(self) -> str:
        return self.given[0] if self.given else ""

    @property
    def initial(self) -> str:
        return self.first[:1]


@lru_cache(maxsize=65_536)
def name_parts(name: str) -> NameParts | None:
    """Split a name the way people and publications write it.

    >>> name_parts("Dr. Wei Zhang, MD")
    NameParts(family='zhang', given=('wei',), initials_only=False)
    >>> name_parts("Zhang W")
    NameParts(family='zhang', given=('w',), initials_only=True)
    >>> name_parts("Sara Lindqvist, PharmD").family, name_parts("Ruiz, Ana María").given
    ('lindqvist', ('ana', 'maria'))
    >>> name_parts("Madonna") is None
    True
    """
    name = " ".join(name.split())
    medline = _MEDLINE.match(name) if "," not in name else None
    if (
        medline
        and medline.group("initials").lower() not in _TITLES
        and not _MEDLINE.match(medline.group("family"))
    ):
        family, given_text = split_name(name)
        given = tuple(fold(given_text).replace(".", ""))
        given = tuple(c for c in given if c.isalpha())
        initials_only = True
    else:
        parsed = HumanName(name)
        family, given_text = parsed.last, f"{parsed.first} {parsed.middle}"
        given = tuple(w for w in _WORD.findall(fold(given_text)))
        initials_only = bool(given) and all(len(w) == 1 for w in given)
    family_key = " ".join(_WORD.findall(fold(family)))
    if not family_key or not given:
        return None
    return NameParts(family_key, given, initials_only)


def _numbers(parts: NameParts) -> tuple[str, ...]:
    """The numbers in a name, in order."""
    return tuple(re.findall(r"\d+", " ".join([*parts.given, parts.family])))


def name_evidence(a: NameParts, b: NameParts) -> str | None:
    """How two names fit one person: "same_name", "initials", "similar_name"
    or None.

    >>> p = name_parts
    >>> name_evidence(p("Chidi Okafor"), p("Okafor C"))
    'initials'
    >>> name_evidence(p("Ana Ruiz"), p("Ana M Ruiz"))
    'same_name'
    >>> name_evidence(p("Katharine Lee"), p("Katherine Lee"))
    'similar_name'
    >>> name_evidence(p("Ana Ruiz"), p("Bea Ruiz")) is None
    True
    >>> name_evidence(p("Ward 7"), p("Ward 8")), name_evidence(p("Person 10"), p("Person 104"))
    (None, None)
    >>> name_evidence(p("Katharine Lee1"), p("Katharine Lee"))  # a stray digit: a typo
    'similar_name'
    """
    numbers_a, numbers_b = _numbers(a), _numbers(b)
    if numbers_a and numbers_b and numbers_a != numbers_b:
        # "Ward 7" and "Ward 8", or "Person 10" and "Person 104", are one
        # letter apart and never one entry: a number names which it is.
        # (A stray digit on one side only may be a typo: that still pairs.)
        return None
    if a.family == b.family:
        if not a.initials_only and not b.initials_only:
            if a.first == b.first:
                return "same_name"
            if (
                fuzz.ratio(a.first, b.first) >= SIMILAR_NAME - 10
                and min(len(a.first), len(b.first)) >= 5
            ):
                return "similar_name"
            return None
        ia, ib = "".join(w[0] for w in a.given), "".join(w[0] for w in b.given)
        if ia.startswith(ib) or ib.startswith(ia):
            return "initials"
        return None
    if a.initials_only or b.initials_only or a.first != b.first:
        return None
    whole_a, whole_b = f"{a.first} {a.family}", f"{b.first} {b.family}"
    return "similar_name" if fuzz.ratio(whole_a, whole_b) >= SIMILAR_NAME else None


def _domain(address: str) -> str:
    address = normal_email(address)
    return address.rpartition("@")[2] if address else ""


@dataclass(slots=True)
class _Facts:
    person: Person
    parts: NameParts | None
    emails: frozenset[str]
    domains: frozenset[str]
    org: str
    urls: frozenset[str]
    sites: dict[str, str]  # host -> the one profile path there
    orcids: frozenset[str]


def _facts(p: Person) -> _Facts:
    emails = frozenset(e for e in map(normal_email, (p.email, *p.other_emails)) if e)
    urls = frozenset(u for u in map(normal_url, p.links) if u)
    orcids = frozenset(m.group(1).upper() for u in urls if (m := _ORCID.search(u)))
    sites: dict[str, str] = {}
    for url in sorted(urls):
        host, _, path = url.partition("/")
        if path and host in ("linkedin.com", "twitter.com", "x.com", "orcid.org"):
            sites.setdefault("x.com" if host == "twitter.com" else host, path)
    return _Facts(
        person=p,
        parts=name_parts(p.name) if p.kind == "person" else None,
        emails=emails,
        domains=frozenset(d for e in emails if (d := e.rpartition("@")[2]) not in WEBMAIL),
        org=normal_org(p.organisation),
        urls=urls,
        sites=sites,
        orcids=orcids,
    )


def _different_people(x: _Facts, y: _Facts) -> bool:
    """Two different ORCIDs, or two profiles on one site: two people."""
    if x.orcids and y.orcids and not x.orcids & y.orcids:
        return True
    return any(y.sites.get(site, path) != path for site, path in x.sites.items())


def _same_org(x: _Facts, y: _Facts) -> bool:
    if not x.org or not y.org:
        return False
    return x.org == y.org or fuzz.token_set_ratio(x.org, y.org) >= SIMILAR_NAME


def compare(x: Person, y: Person) -> DuplicatePair | None:
    """Whether two people may be one, and why (see the module docstring).

    >>> a = Person(1, "Wei Zhang", "Peking University")
    >>> b = Person(2, "Zhang W", "Stanford University")
    >>> compare(a, b).confidence, compare(a, b).reasons
    ('possible', ('initials',))
    >>> c = Person(3, "Dr. Wei Zhang", "Peking University")
    >>> compare(a, c).confidence, compare(a, c).reasons
    ('exact', ('same_name', 'organisation'))
    """
    return _compare(_facts(x), _facts(y))


def _compare(x: _Facts, y: _Facts) -> DuplicatePair | None:
    if x.person.id == y.person.id or _different_people(x, y):
        return None
    reasons: list[str] = []
    if x.emails & y.emails:
        reasons.append("email")
    if (x.urls & y.urls) or (x.orcids & y.orcids):
        reasons.append("profile")
    named = name_evidence(x.parts, y.parts) if x.parts and y.parts else None
    if named is None and not reasons:
        return None
    if named:
        reasons.append(named)
    if _same_org(x, y):
        reasons.append("organisation")
    if "email" not in reasons and x.domains & y.domains:
        reasons.append("email_domain")
    exact = bool(EXACT & set(reasons)) or {"same_name", "organisation"} <= set(reasons)
    score = sum(WEIGHTS[r] for r in reasons)
    a, b = sorted((x.person.id, y.person.id))
    return DuplicatePair(a, b, "exact" if exact else "possible", tuple(reasons), score)


def duplicate_pairs(people: Iterable[Person | Mapping[str, object]]) -> list[DuplicatePair]:
    """Every pair of people that may be one person, surest first.

    Compares only people who share an email, a profile link, or a family name
    with a first initial (or a first name with a similar family name), so
    thousands of nodes are checked in well under a second.

    >>> pairs = duplicate_pairs([
    ...     {"id": 1, "name": "Dr. Chidi Okafor", "email": "c.okafor@lagos.edu.ng"},
    ...     {"id": 2, "name": "Okafor C", "organisation": "University of Lagos"},
    ...     {"id": 3, "name": "Chioma Okafor", "email": "chioma@lagos.edu.ng"},
    ...     {"id": 4, "name": "Tom Becker"},
    ... ])
    >>> [(p.a, p.b, p.confidence, p.reasons) for p in pairs]
    [(1, 2, 'possible', ('initials',)), (2, 3, 'possible', ('initials',))]
    """
    facts = [_facts(p if isinstance(p, Person) else Person.of(p)) for p in people]
    blocks: dict[tuple[str, str], list[int]] = {}
    for i, f in enumerate(facts):
        for e in f.emails:
            blocks.setdefault(("email", e), []).append(i)
        for u in f.urls:
            blocks.setdefault(("url", u), []).append(i)
        if f.parts:
            blocks.setdefault(("family", f"{f.parts.family}|{f.parts.initial}"), []).append(i)
            if not f.parts.initials_only:
                blocks.setdefault(("first", f.parts.first), []).append(i)
    seen: set[tuple[int, int]] = set()
    found: list[DuplicatePair] = []
    for (kind, _key), members in blocks.items():
        if len(members) < 2:
            continue
        if kind == "first":
            # Same first name: only family names a typo apart are worth comparing.
            candidates = _near_families(facts, members)
        elif kind == "family" and len(members) > BLOCK_MAX:
            candidates = _same_first(facts, members)
        else:
            candidates = combinations(members, 2)
        for i, j in candidates:
            key = (min(i, j), max(i, j))
            if key in seen:
                continue
            seen.add(key)
            pair = _compare(facts[i], facts[j])
            if pair is not None:
                found.append(pair)
    found.sort(key=lambda p: (p.confidence != "exact", -p.score, p.a, p.b))
    return found


def _near_families(facts: Sequence[_Facts], members: list[int]) -> Iterable[tuple[int, int]]:
    """Pairs of a same-first-name block whose family names are a typo apart."""
    for i, j in combinations(members, 2):
        fi, fj = facts[i].parts, facts[j].parts
        if (
            fi
            and fj
            and fi.family != fj.family
            and fi.family[:1] == fj.family[:1]
            and fuzz.ratio(fi.family, fj.family) >= SIMILAR_NAME - 15
        ):
            yield i, j


def _same_first(facts: Sequence[_Facts], members: list[int]) -> Iterable[tuple[int, int]]:
    """A huge block (hundreds of "Wang"s): compare only the same first name,
    and initials-only spellings with everyone."""
    by_first: dict[str, list[int]] = {}
    initials: list[int] = []
    for i in members:
        parts = facts[i].parts
        if parts is None:
            continue
        if parts.initials_only:
            initials.append(i)
        else:
            by_first.setdefault(parts.first, []).append(i)
    for group in by_first.values():
        yield from combinations(group, 2)
    for i in initials:
        for j in members:
            if i != j:
                yield i, j
