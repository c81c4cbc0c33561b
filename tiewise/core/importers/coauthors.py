"""What the publication formats share once a file is read: papers in,
co-author records and alter ties out.

**Whose papers?** A publication list is the owner's, so the owner is found
among each paper's authors (by ORCID, else by a name of `OwnerHints`, full
given names before initials) and only papers with the owner count. When the
owner is on none of them, nothing is suggested: `result.extra["owner_found"]`
is False and `result.extra["frequent_authors"]` lists who appears most, to
ask "which of these authors are you?". `OwnerHints.all_authors` takes every
paper and every author but the owner.

**Who is who?** Authors are matched across papers by ORCID, then by family
name and full given name ("Ruiz, Ana" and "Ana M. Ruiz"), then by the very
same initials ("Okafor C." and "Okafor C"). A spelling with initials only is
never merged with a full one ("Okafor C" and "Chidi Okafor" stay two
records: `dedupe.find_duplicates` flags them as a *possible* match, reason
"initials"), and two authors of one paper are never one person, whatever
their names.

**How strong?** A suggestion the owner can overrule: a co-author is
**strong** with at least 3 shared papers, or at least 2 shared papers
published in the last three years (this calendar year and the two before,
since many records give only a year); otherwise **weak**. Co-authors of one
paper know each other, so each pair gets an alter tie, rated by the same rule
on the papers they share. Very large author lists (consortia) add records but
no ties: 500 authors would make 125,000 pairs that mean little.

Each co-author record lists the shared papers (`publications`, "2023 ·
Title", newest first), and the affiliation of their latest paper becomes the
organisation, department (specialty) and country.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from itertools import combinations

from tiewise.core.importers.countries import country_of, without_emails
from tiewise.core.importers.records import ImportRecord, ImportResult, ImportTie, OwnerHints
from tiewise.core.importers.text import fold

STRONG_PAPERS = 3
STRONG_RECENT_PAPERS = 2
RECENT_YEARS = 3
MAX_AUTHORS_FOR_TIES = 25
FREQUENT_AUTHORS = 10
_PUBLICATION_MAX = 500

_ORCID = re.compile(r"(\d{4}-?\d{4}-?\d{4}-?\d{3}[\dX])", re.IGNORECASE)
_INITIALS = re.compile(r"[A-Z]{1,3}")
_PARTICLES = {"van", "von", "der", "den", "de", "del", "della", "da", "di", "du", "la", "le",
              "dos", "das", "ter", "ten", "bin", "ibn", "al", "el", "mac", "st"}  # fmt: skip
_SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"}
_GIVEN_SPLIT = re.compile(r"[\s.\-]+")
_DBLP_NUMBER = re.compile(r"\s+(\d{4})$")  # dblp's "Wei Wang 0001": one of several Wei Wangs
_INSTITUTION = re.compile(
    r"univers|hospital|h[oô]pital|institut|college|school|cent(?:er|re)|clinic|klinik|"
    r"foundation|ministry|agency|laborator|trust|academy|akademie|charit[eé]|"
    r"inserm|cnrs|\bnih\b|health|medical|faculty|facult[eé]|fakult",
    re.IGNORECASE,
)
_DEPARTMENT = re.compile(
    r"^(?:the\s+)?(?:dep(?:artmen)?t\.?|division|section|unit|service|abteilung|"
    r"klinik f[üu]r|institut f[üu]r|departamento|d[ée]partement|laboratory of)\b",
    re.IGNORECASE,
)


@dataclass(slots=True)
class Author:
    name: str  # as written: "Ruiz, Ana", "Ruiz A", "A. Ruiz"
    orcid: str = ""
    affiliation: str = ""
    #: A corporate author ("WHO Working Group", MEDLINE's CN): an organisation.
    group: bool = False


@dataclass(slots=True)
class Paper:
    title: str
    year: int | None
    authors: list[Author]
    line: int | None = None


@dataclass(slots=True)
class _Person:
    family: str
    given: str
    key: str
    orcid: str = ""
    group: bool = False
    papers: list[Paper] = field(default_factory=list)
    affiliations: list[tuple[int, str]] = field(default_factory=list)  # (year, text)
    line: int | None = None


# --- names ------------------------------------------------------------------------------


@lru_cache(maxsize=65_536)  # a publication list names the same people again and again
def split_name(name: str) -> tuple[str, str]:
    """(family, given) from the ways publications write a name.

    >>> [split_name(n) for n in ("Ruiz, Ana", "Ruiz A", "A. Ruiz", "Ana van der Berg")]
    [('Ruiz', 'Ana'), ('Ruiz', 'A'), ('Ruiz', 'A.'), ('van der Berg', 'Ana')]
    >>> split_name("King, Jr., Martin")
    ('King', 'Martin')
    """
    name = " ".join(name.replace("{", "").replace("}", "").split())
    name = _DBLP_NUMBER.sub("", name)
    if "," in name:
        parts = [p.strip() for p in name.split(",")]
        family = parts[0]
        given = [p for p in parts[1:] if p and p.lower() not in _SUFFIXES]
        return family, " ".join(given)
    words = name.split(" ")
    while len(words) > 1 and words[-1].lower() in _SUFFIXES:
        words.pop()
    if len(words) == 1:
        return words[0], ""
    if _INITIALS.fullmatch(words[-1]) and not _INITIALS.fullmatch(words[0]):
        return " ".join(words[:-1]), words[-1]  # MEDLINE's "Ruiz AM"
    start = len(words) - 1
    while start > 1 and words[start - 1].lower() in _PARTICLES:
        start -= 1
    return " ".join(words[start:]), " ".join(words[:start])


def is_initials(given: str) -> bool:
    """Whether a given name is initials only: "A.", "A M", "AM", "J.-P.".

    >>> is_initials("AM"), is_initials("A. M."), is_initials("Ana"), is_initials("Li")
    (True, True, False, False)
    """
    if not given.strip():
        return False
    if _INITIALS.fullmatch(given.strip()):
        return True
    words = [w for w in _GIVEN_SPLIT.split(given) if w]
    return bool(words) and all(len(w) == 1 for w in words)


def initials_of(given: str) -> str:
    """
    >>> initials_of("AM"), initials_of("Ana María"), initials_of("J.-P.")
    ('am', 'am', 'jp')
    """
    if _INITIALS.fullmatch(given.strip()):
        return given.strip().lower()  # "AM" is two initials, not the name Am
    return "".join(w[0] for w in _GIVEN_SPLIT.split(fold(given)) if w)


def _family_key(family: str) -> str:
    return re.sub(r"[^\w]+", "", fold(family))


def _first_given(given: str) -> str:
    words = [w for w in _GIVEN_SPLIT.split(fold(given)) if len(w) > 1]
    return words[0] if words else ""


@lru_cache(maxsize=65_536)
def name_match(name: str, other: str) -> int:
    """How well two spellings fit one person: 2 the same family and first given
    name, 1 the same family name with initials that fit, 0 not at all.

    >>> name_match("Ruíz, Ana", "Ana M. Ruiz"), name_match("Ruiz AM", "Ana Ruiz")
    (2, 1)
    >>> name_match("Ruiz B", "Ana Ruiz"), name_match("Ruiz, Antonio", "Ana Ruiz")
    (0, 0)
    """
    f1, g1 = split_name(name)
    f2, g2 = split_name(other)
    if not _family_key(f1) or _family_key(f1) != _family_key(f2):
        return 0
    full1 = "" if is_initials(g1) else _first_given(g1)
    full2 = "" if is_initials(g2) else _first_given(g2)
    if full1 and full2:
        return 2 if full1 == full2 else 0
    i1, i2 = initials_of(g1), initials_of(g2)
    return 1 if not i1 or not i2 or i1.startswith(i2) or i2.startswith(i1) else 0


def same_person(name: str, other: str) -> bool:
    """Whether two spellings can be one person.

    >>> same_person("Ruíz, Ana", "A. Ruiz"), same_person("Ruiz B", "Ana Ruiz")
    (True, False)
    """
    return name_match(name, other) > 0


def _person_key(author: Author) -> str:
    """The key that matches an author across papers (ORCID aside)."""
    if author.group:
        return "group:" + " ".join(fold(author.name).split())
    return _name_key(author.name)


@lru_cache(maxsize=65_536)
def _name_key(name: str) -> str:
    family, given = split_name(name)
    number = _DBLP_NUMBER.search(" ".join(name.split()))
    suffix = f"#{number.group(1)}" if number else ""
    if given and not is_initials(given):
        return f"full:{_family_key(family)}|{_first_given(given)}{suffix}"
    return f"initials:{_family_key(family)}|{initials_of(given)}{suffix}"


def orcid_of(value: str) -> str:
    """The ORCID iD inside a string, or "".

    >>> orcid_of("ORCID: https://orcid.org/0000-0002-1825-009x"), orcid_of("0000000218250097")
    ('0000-0002-1825-009X', '0000-0002-1825-0097')
    """
    match = _ORCID.search(value)
    if not match:
        return ""
    digits = match.group(1).replace("-", "").upper()
    return "-".join(digits[i : i + 4] for i in range(0, 16, 4))


# --- affiliations -----------------------------------------------------------------------


def affiliation_parts(affiliation: str) -> tuple[str, str, str]:
    """(organisation, department, country) of an affiliation string.

    >>> affiliation_parts("Department of Medicine, Northfield University Hospital, "
    ...                   "Northfield, USA. ana@example.org")
    ('Northfield University Hospital', 'Department of Medicine', 'United States')
    """
    first = next((a for a in affiliation.split("\n") if a.strip()), "")
    text, _emails = without_emails(first)
    country = country_of(text)
    parts = [p.strip(" .") for p in re.split(r"[,;]", text) if p.strip(" .")]
    department = next((p for p in parts if _DEPARTMENT.match(p)), "")
    organisation = next(
        (p for p in parts if p != department and _INSTITUTION.search(p)),
        next((p for p in parts if p != department and country_of(p) != country), ""),
    )
    return organisation[:200], department[:120], country


# --- the build --------------------------------------------------------------------------


def _strength(papers: list[Paper], today: date) -> str:
    recent = sum(1 for p in papers if p.year is not None and p.year > today.year - RECENT_YEARS)
    if len(papers) >= STRONG_PAPERS or recent >= STRONG_RECENT_PAPERS:
        return "strong"
    return "weak"


def _display(family: str, given: str) -> str:
    return f"{given} {family}".strip() if given else family


def _owner_index(paper: Paper, owner: OwnerHints | None) -> int | None:
    """Which author of the paper is the owner: ORCID first, a full name before initials."""
    if owner is None or not (owner.names or owner.orcid):
        return None
    wanted_orcid = orcid_of(owner.orcid) if owner.orcid else ""
    best, best_score = None, 0
    for i, author in enumerate(paper.authors):
        if author.group:
            continue
        if wanted_orcid and author.orcid:
            if author.orcid == wanted_orcid:
                return i
            continue  # someone else's ORCID: not the owner, whatever the name
        score = max((name_match(author.name, n) for n in owner.names), default=0)
        if score > best_score:
            best, best_score = i, score
    return best


def build(
    papers: list[Paper],
    *,
    fmt: str,
    filename: str,
    owner: OwnerHints | None,
    today: date,
    warnings: list[str],
) -> ImportResult:
    """Co-author records and their alter ties from a list of papers.

    >>> p = [Paper("T", 2023, [Author("Ruiz, Ana"), Author("Doe, Jane")]),
    ...      Paper("U", 2024, [Author("Doe J"), Author("Ruiz A")])]
    >>> r = build(p, fmt="ris", filename="f", owner=OwnerHints(names=("Ana Ruiz",)),
    ...           today=date(2024, 6, 1), warnings=[])
    >>> [(x.name, x.publications) for x in r.records], r.extra["owner_found"]
    ([('Jane Doe', ('2023 · T',)), ('J Doe', ('2024 · U',))], True)
    """
    result = ImportResult(format=fmt, warnings=warnings)
    all_authors = bool(owner and owner.all_authors)
    people: list[_Person] = []
    by_orcid: dict[str, int] = {}
    by_key: dict[str, int] = {}
    counted: list[tuple[Paper, list[int]]] = []  # papers that count, with their people
    appearances: Counter[int] = Counter()
    owner_papers = 0
    for paper in papers:
        owner_at = _owner_index(paper, owner)
        on_paper: list[int] = []
        for i, author in enumerate(paper.authors):
            if not author.name.strip():
                continue
            person = _person_for(author, paper, people, by_orcid, by_key, on_paper)
            if person is None:
                continue
            on_paper.append(person)
            if i == owner_at:
                on_paper.pop()
                continue
            appearances[person] += 1
        owner_papers += owner_at is not None
        if owner_at is not None or all_authors:
            counted.append((paper, on_paper))
    owner_found = owner_papers > 0
    result.extra["owner_found"] = owner_found
    result.extra["owner_papers"] = owner_papers
    result.extra["papers"] = len(papers)
    if not owner_found and not all_authors:
        result.extra["frequent_authors"] = [
            {"name": _display(people[p].family, people[p].given), "papers": n}
            for p, n in appearances.most_common(FREQUENT_AUTHORS)
        ]
        named = " or ".join(f"'{n}'" for n in (owner.names if owner else ())[:3])
        warnings.append(
            f"{filename}: your name{' (' + named + ')' if named else ''} was not found among "
            f"the authors of its {len(papers)} papers, so no co-authors were suggested; "
            "say which of the frequent authors you are, or import all authors"
        )
        return result
    if not owner_found:
        warnings.append(
            f"{filename}: your name was not found among the authors, so every author is "
            "listed; leave yourself out when you review them"
        )
    elif owner_papers < len(papers) and not all_authors:
        missing = len(papers) - owner_papers
        warnings.append(
            f"{filename}: you are not among the authors of {missing} of its {len(papers)} "
            "papers; their authors were left out (import all authors to include them)"
        )
    shared: dict[int, list[Paper]] = {}
    for paper, on_paper in counted:
        for person in on_paper:
            shared.setdefault(person, []).append(paper)
    index: dict[int, int] = {}
    for person_id in sorted(shared, key=lambda p: people[p].line or 0):
        index[person_id] = len(result.records)
        result.records.append(_record(people[person_id], shared[person_id], today))
    ties: dict[tuple[int, int], list[Paper]] = {}
    for paper, on_paper in counted:
        ids = sorted({index[p] for p in on_paper})
        if len(ids) > MAX_AUTHORS_FOR_TIES:
            warnings.append(
                f"{filename}, line {paper.line}: {len(ids)} authors on "
                f"{paper.title[:60]!r}; they are listed but not tied to each other"
            )
            continue
        for a, b in combinations(ids, 2):
            ties.setdefault((a, b), []).append(paper)
    result.alter_ties = [ImportTie(a, b, _strength(ps, today)) for (a, b), ps in ties.items()]
    return result


def _person_for(
    author: Author,
    paper: Paper,
    people: list[_Person],
    by_orcid: dict[str, int],
    by_key: dict[str, int],
    on_paper: list[int],
) -> int | None:
    """The person an author is, made anew when no earlier one fits."""
    family, given = (" ".join(author.name.split()), "") if author.group else split_name(author.name)
    if not _family_key(family):
        return None
    key = _person_key(author)
    found: int | None = None
    if author.orcid and author.orcid in by_orcid:
        found = by_orcid[author.orcid]
    elif key in by_key:
        candidate = by_key[key]
        theirs = people[candidate].orcid
        if not (author.orcid and theirs and theirs != author.orcid):
            found = candidate
    if found is not None and found in on_paper:
        found = None  # two authors of one paper are two people
    if found is None:
        found = len(people)
        people.append(_Person(family, given, key, group=author.group, line=paper.line))
        by_key.setdefault(key, found)
    person = people[found]
    if len(given) > len(person.given) and not is_initials(given):
        person.given = given  # keep the fullest spelling seen: "Ana María" beats "Ana"
    if author.orcid and not person.orcid:
        person.orcid = author.orcid
        by_orcid.setdefault(author.orcid, found)
    if author.affiliation:
        person.affiliations.append((paper.year or 0, author.affiliation))
    return found


def _record(person: _Person, papers: list[Paper], today: date) -> ImportRecord:
    years = [p.year for p in papers if p.year is not None]
    span = ""
    if years:
        span = f" ({min(years)})" if min(years) == max(years) else f" ({min(years)}–{max(years)})"
    count = len(papers)
    newest = sorted(papers, key=lambda p: -(p.year or 0))
    publications = tuple(
        dict.fromkeys(
            f"{p.year or 'n.d.'} · {' '.join(p.title.split()) or '(untitled)'}"[:_PUBLICATION_MAX]
            for p in newest
        )
    )
    notes = [f"Co-author on {count} paper{'s' if count != 1 else ''}{span}."]
    if "#" in person.key:  # dblp tells apart people of one name by a number
        number = person.key.rpartition("#")[2]
        notes.append(f"dblp lists this author as {_display(person.family, person.given)} {number}.")
    organisation = department = country = ""
    emails: list[str] = []
    if person.affiliations:
        year, latest = max(person.affiliations, key=lambda a: a[0])
        organisation, department, country = affiliation_parts(latest)
        for _year, text in person.affiliations:
            emails.extend(without_emails(text)[1])
        where = "; ".join(without_emails(a)[0] for a in latest.split("\n") if a.strip())
        notes.append(f"Affiliation{f' ({year})' if year else ''}: {where}")
    emails = list(dict.fromkeys(e.lower() for e in emails))
    orcid_link = (f"https://orcid.org/{person.orcid}",) if person.orcid else ()
    return ImportRecord(
        name=person.family if person.group else _display(person.family, person.given),
        kind="organisation" if person.group else "person",
        strength=_strength(papers, today),
        areas=("academic",),
        roles=("collaborator",),
        organisation=organisation,
        specialty=department,
        country=country,
        email=emails[0] if emails else "",
        other_emails=tuple(emails[1:]),
        publications=publications,
        notes="\n".join(notes),
        line=person.line,
        external_id=f"orcid:{person.orcid}" if person.orcid else "",
        links=orcid_link,
        extra={"paper_count": count, "last_year": max(years) if years else None},
    )


def year_of(value: str) -> int | None:
    """The first plausible four-digit year in a date string.

    >>> year_of("2023 Mar"), year_of("n.d."), year_of("2021-03-15")
    (2023, None, 2021)
    """
    match = re.search(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)", value)
    return int(match.group(1)) if match else None
