"""What the publication formats share once a file is read: papers in,
co-author records and alter ties out.

The strength rule (a suggestion the owner can overrule): a co-author is
**strong** with at least 3 shared papers, or at least 2 shared papers
published in the last three years (this calendar year and the two before,
since many records give only a year); otherwise **weak**. Co-authors of one
paper know each other, so each pair gets an alter tie, rated by the same rule
on the papers they share. Very large author lists (consortia) add records but
no ties: 500 authors would make 125,000 pairs that mean little.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from itertools import combinations

from tiewise.core.importers.records import ImportRecord, ImportResult, ImportTie, OwnerHints
from tiewise.core.importers.text import fold

STRONG_PAPERS = 3
STRONG_RECENT_PAPERS = 2
RECENT_YEARS = 3
MAX_AUTHORS_FOR_TIES = 25

_ORCID = re.compile(r"(\d{4}-\d{4}-\d{4}-\d{3}[\dX])", re.IGNORECASE)
_INITIALS = re.compile(r"[A-Z]{1,3}")
_PARTICLES = {"van", "von", "der", "den", "de", "del", "della", "da", "di", "du", "la", "le", "dos"}


@dataclass(slots=True)
class Author:
    name: str  # as written: "Ruiz, Ana", "Ruiz A", "A. Ruiz"
    orcid: str = ""
    affiliation: str = ""


@dataclass(slots=True)
class Paper:
    title: str
    year: int | None
    authors: list[Author]
    line: int | None = None


@dataclass(slots=True)
class _Coauthor:
    family: str
    given: str
    orcid: str = ""
    affiliation: str = ""
    papers: list[Paper] = field(default_factory=list)
    line: int | None = None


def split_name(name: str) -> tuple[str, str]:
    """(family, given) from the ways publications write a name.

    >>> [split_name(n) for n in ("Ruiz, Ana", "Ruiz A", "A. Ruiz", "Ana van der Berg")]
    [('Ruiz', 'Ana'), ('Ruiz', 'A'), ('Ruiz', 'A.'), ('van der Berg', 'Ana')]
    """
    name = " ".join(name.replace("{", "").replace("}", "").split())
    if "," in name:
        family, _, given = name.partition(",")
        return family.strip(), given.strip()
    words = name.split(" ")
    if len(words) == 1:
        return words[0], ""
    if _INITIALS.fullmatch(words[-1]) and not _INITIALS.fullmatch(words[0]):
        return " ".join(words[:-1]), words[-1]  # MEDLINE's "Ruiz AM"
    start = len(words) - 1
    while start > 1 and words[start - 1].lower() in _PARTICLES:
        start -= 1
    return " ".join(words[start:]), " ".join(words[:start])


def _initials(given: str) -> str:
    if _INITIALS.fullmatch(given):
        return given.lower()  # "AM" is two initials, not the name Am
    return "".join(w[0] for w in re.split(r"[\s.\-]+", fold(given)) if w)


def _family_key(family: str) -> str:
    return re.sub(r"[^\w]+", "", fold(family))


def _key(name: str) -> tuple[str, str]:
    family, given = split_name(name)
    return _family_key(family), _initials(given)[:1]


def same_person(name: str, other: str) -> bool:
    """Whether two spellings can be one person: same family name (accents and
    case aside) and compatible initials.

    >>> same_person("Ruíz, Ana", "A. Ruiz"), same_person("Ruiz AM", "Ana Ruiz")
    (True, True)
    >>> same_person("Ruiz B", "Ana Ruiz")
    False
    """
    f1, g1 = split_name(name)
    f2, g2 = split_name(other)
    if _family_key(f1) != _family_key(f2) or not _family_key(f1):
        return False
    i1, i2 = _initials(g1), _initials(g2)
    return not i1 or not i2 or i1.startswith(i2) or i2.startswith(i1)


def _is_owner(author: Author, owner: OwnerHints | None) -> bool:
    if owner is None:
        return False
    if owner.orcid and author.orcid:
        return _orcid(owner.orcid) == author.orcid
    return any(same_person(author.name, name) for name in owner.names)


def _orcid(value: str) -> str:
    match = _ORCID.search(value)
    return match.group(1).upper() if match else ""


def orcid_of(value: str) -> str:
    """The ORCID iD inside a string, or "".

    >>> orcid_of("ORCID: https://orcid.org/0000-0002-1825-009x")
    '0000-0002-1825-009X'
    """
    return _orcid(value)


def _strength(papers: list[Paper], today: date) -> str:
    recent = sum(1 for p in papers if p.year is not None and p.year > today.year - RECENT_YEARS)
    if len(papers) >= STRONG_PAPERS or recent >= STRONG_RECENT_PAPERS:
        return "strong"
    return "weak"


def _display(family: str, given: str) -> str:
    return f"{given} {family}".strip() if given else family


def build(
    papers: list[Paper],
    *,
    fmt: str,
    filename: str,
    owner: OwnerHints | None,
    today: date,
    warnings: list[str],
) -> ImportResult:
    """Co-author records and their alter ties from a list of papers."""
    result = ImportResult(format=fmt, warnings=warnings)
    people: dict[tuple[str, str], _Coauthor] = {}
    owner_seen = 0
    for paper in papers:
        on_paper: list[tuple[str, str]] = []
        mine = False
        for author in paper.authors:
            if not author.name.strip():
                continue
            if _is_owner(author, owner):
                mine = True
                continue
            key = _key(author.name)
            if not key[0] or key in on_paper:
                continue
            family, given = split_name(author.name)
            person = people.get(key)
            if person is None:
                person = people[key] = _Coauthor(family, given, line=paper.line)
            if len(_initials(given)) >= len(_initials(person.given)) and len(given) > len(
                person.given
            ):
                person.given = given  # keep the fullest spelling seen: "Jane" beats "J."
            person.orcid = person.orcid or author.orcid
            person.affiliation = person.affiliation or author.affiliation
            person.papers.append(paper)
            on_paper.append(key)
        owner_seen += mine
        if len(on_paper) > MAX_AUTHORS_FOR_TIES:
            warnings.append(
                f"{filename}, line {paper.line}: {len(on_paper)} authors on "
                f"{paper.title[:60]!r}; their co-authors are listed but not tied to each other"
            )
    if owner is None or not (owner.names or owner.orcid):
        warnings.append(
            f"{filename}: your name was not given, so you may appear among your own co-authors"
        )
    elif papers and owner_seen < len(papers):
        warnings.append(
            f"{filename}: your name was not found on {len(papers) - owner_seen} of "
            f"{len(papers)} papers; check the spellings of your name in your profile"
        )
    index: dict[tuple[str, str], int] = {}
    for key, person in people.items():
        index[key] = len(result.records)
        years = [p.year for p in person.papers if p.year is not None]
        span = ""
        if years:
            span = (
                f" ({min(years)})" if min(years) == max(years) else f" ({min(years)}–{max(years)})"
            )
        count = len(person.papers)
        extra: dict[str, object] = {
            "papers": [p.title for p in person.papers],
            "last_year": max(years) if years else None,
        }
        if person.affiliation:
            extra["affiliation"] = person.affiliation
        result.records.append(
            ImportRecord(
                name=_display(person.family, person.given),
                strength=_strength(person.papers, today),
                areas=("academic",),
                roles=("collaborator",),
                notes=f"Co-author on {count} paper{'s' if count != 1 else ''}{span}.",
                line=person.line,
                external_id=f"orcid:{person.orcid}" if person.orcid else "",
                links=(f"https://orcid.org/{person.orcid}",) if person.orcid else (),
                extra=extra,
            )
        )
    shared: dict[tuple[int, int], list[Paper]] = {}
    for paper in papers:
        keys = []
        for author in paper.authors:
            key = _key(author.name)
            if key in index and not _is_owner(author, owner) and index[key] not in keys:
                keys.append(index[key])
        if len(keys) > MAX_AUTHORS_FOR_TIES:
            continue
        for a, b in combinations(sorted(keys), 2):
            shared.setdefault((a, b), []).append(paper)
    result.alter_ties = [ImportTie(a, b, _strength(ps, today)) for (a, b), ps in shared.items()]
    return result


def year_of(value: str) -> int | None:
    """The first plausible four-digit year in a date string.

    >>> year_of("2023 Mar"), year_of("n.d.")
    (2023, None)
    """
    match = re.search(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)", value)
    return int(match.group(1)) if match else None
