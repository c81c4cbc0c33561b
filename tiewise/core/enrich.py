"""Suggestions for imported people, as data: a sector from the organisation
(or the title, or the email's domain), a reach from the country and city
against the owner's, areas and modes from the source, and a relevance score
that puts the people who matter most at the top of the triage inbox.

Nothing here is ever applied unasked: the inbox shows each suggestion, the
owner changes them in bulk, and only what she accepts enters her PLN.

The rules are plain tables (`SECTOR_RULES`, `SOURCE_RULES`, ...): changing
what "a hospital" means is an edit to a table here and a test, not code.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from tiewise.core.importers.countries import country_of
from tiewise.core.importers.text import fold

#: (sector, words) in the order they are tried: the first rule with a word in
#: the organisation wins, so "School of Nursing, University of Leeds" is a
#: health profession and "Karolinska University Hospital" is medicine, not
#: academia. Words are matched on whole words of the folded text (accents and
#: case aside, so "Hôpital" is "hopital"); a word ending in "*" is a prefix,
#: one starting with "*" the end of a compound ("Rigshospitalet").
SECTOR_RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("health_professions", (
        "nursing", "nurses", "pharmacy", "pharmacie", "farmacia", "apotheke", "apotek",
        "pharmaceutical society", "allied health", "physiotherapy", "physical therapy",
        "occupational therapy", "midwifery", "dentistry", "dental", "school of dentistry",
        "speech therapy", "radiography", "paramedic*", "optometry",
    )),
    ("medicine", (
        "hospital", "hospitals", "hopital", "hopitaux", "hospitalet", "ospedale", "hospital*",
        "clinic", "clinics", "clinica", "clinique", "klinik", "kliniken", "klinikum",
        "universitatsklinikum", "universitatsmedizin", "ziekenhuis", "sjukhus", "sykehus",
        "krankenhaus", "medical center", "medical centre", "medical centers", "health system",
        "health systems", "healthcare system", "health care system", "health network",
        "medical school", "school of medicine", "faculty of medicine", "college of medicine",
        "medical college", "medical university", "nhs trust", "nhs foundation trust",
        "health board", "infirmary", "chu", "aphp", "ap hp", "charite", "medizinische",
        "health sciences centre", "cancer center", "cancer centre", "mayo clinic",
        "kaiser permanente", "physicians", "practice", "surgery centre", "emergency medicine",
        "*hospitalet", "*sykehus", "*sjukhus", "*sjukhuset", "*klinikum", "*krankenhaus",
        "*kliniken", "*ziekenhuis",
    )),
    ("government", (
        "ministry", "ministerium", "bundesministerium", "ministere", "ministerio", "ministero",
        "agency", "agence", "agencia", "behorde", "government", "gouvernement", "regierung",
        "department of health", "department of health and human services", "federal",
        "nhs england", "nhs digital", "nhs improvement", "public health england",
        "ukhsa", "national institutes of health", "nih", "cdc", "fda",
        "centers for disease control", "food and drug administration",
        "world health organization", "county of", "city of", "state of",
        "council", "veterans affairs", "department of veterans affairs", "senate",
        "parliament", "bundestag", "gesundheitsamt", "robert koch institut",
    )),
    ("nonprofit", (
        "foundation", "foundations", "fondation", "fundacion", "fundacao", "fondazione",
        "stiftung", "stichting", "stiftelsen", "trust", "charity", "charities",
        "charitable", "nonprofit", "non profit", "not for profit", "ngo",
        "medecins sans frontieres", "doctors without borders", "red cross", "croix rouge",
        "rotes kreuz", "cancer research uk", "association", "society", "societies",
        "alliance", "coalition",
    )),
    ("industry", (
        "pharmaceuticals", "pharmaceutical company", "pharma", "therapeutics", "biotech",
        "biosciences", "diagnostics", "medical devices", "consulting", "consultants",
        "technologies", "software", "ventures", "capital partners", "incorporated",
        "corporation", "gmbh", "llc", "plc",
    )),
    ("academia", (
        "university", "universities", "universitat", "universite", "universidad",
        "universidade", "universita", "universiteit", "universitet", "universitetet",
        "college", "institute", "institut", "institutet", "instituto", "istituto",
        "school", "academy", "akademie", "polytechnic", "eth", "epfl", "kings college",
        "research centre", "research center", "laboratory", "max planck", "inserm", "cnrs",
    )),
)  # fmt: skip

#: Legal forms of companies, recognised only as the last word of the name
#: ("Pfizer Inc.", "Roche Diagnostics GmbH", "AstraZeneca AB", "Novartis AG").
COMPANY_SUFFIXES: tuple[str, ...] = (
    "inc", "ltd", "limited", "llc", "llp", "gmbh", "ag", "plc", "corp", "co", "company",
    "sa", "s a", "sas", "sarl", "spa", "s p a", "srl", "s r l", "bv", "b v", "nv", "n v",
    "ab", "oy", "oyj", "as", "a s", "aps", "kk", "pty", "pte", "kg", "se", "ug", "lp",
)  # fmt: skip

#: Words of a title that say the profession, tried before the organisation:
#: a nurse at a hospital works in a health profession, not in medicine.
TITLE_RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("health_professions", (
        "nurse", "nursing", "rn", "np", "pharmacist", "pharmd", "physiotherapist",
        "physical therapist", "occupational therapist", "midwife", "dietitian",
        "dietician", "paramedic", "dentist", "radiographer", "speech therapist",
        "physician assistant", "pa c", "optometrist", "psychologist",
    )),
)  # fmt: skip

#: Email domain endings, tried when neither title nor organisation says.
EMAIL_RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("medicine", ("nhs.net", "nhs.uk", "mayo.edu", "clevelandclinic.org", "chu-")),
    ("government", (".gov", ".gov.uk", ".gouv.fr", ".gv.at", ".bund.de", ".gc.ca",
                    ".gov.au", ".mil", "who.int", "europa.eu")),
    ("academia", (".edu", ".ac.uk", ".ac.jp", ".edu.au", ".ac.nz", ".ac.za", ".ac.in",
                  ".uni-", "ki.se", "ethz.ch", "epfl.ch")),
)  # fmt: skip

#: What each import format says about how the owner knows its people.
#: Co-authors share the academic area; people met on a social network are
#: technology-mediated ties.
SOURCE_RULES: dict[str, dict[str, tuple[str, ...]]] = {
    "linkedin": {"modes": ("technology",)},
    "twitter": {"modes": ("technology",), "areas": ("professional_identity",)},
    "mastodon": {"modes": ("technology",), "areas": ("professional_identity",)},
    "medline": {"areas": ("academic",)},
    "ris": {"areas": ("academic",)},
    "bibtex": {"areas": ("academic",)},
}

#: Profile links that show a tie lives on a social network.
SOCIAL_HOSTS: tuple[str, ...] = (
    "linkedin.com", "twitter.com", "x.com", "mastodon.", "bsky.app", "threads.net",
    "researchgate.net", "doximity.com",
)  # fmt: skip

#: Country-code email domains, for the reach of a record with no country.
TLD_COUNTRIES: dict[str, str] = {
    "de": "Germany", "fr": "France", "se": "Sweden", "no": "Norway", "dk": "Denmark",
    "fi": "Finland", "nl": "Netherlands", "be": "Belgium", "ch": "Switzerland",
    "at": "Austria", "it": "Italy", "es": "Spain", "pt": "Portugal", "uk": "United Kingdom",
    "ie": "Ireland", "pl": "Poland", "cz": "Czech Republic", "ca": "Canada",
    "au": "Australia", "nz": "New Zealand", "jp": "Japan", "cn": "China", "in": "India",
    "br": "Brazil", "mx": "Mexico", "ar": "Argentina", "za": "South Africa",
    "kr": "South Korea", "sg": "Singapore", "il": "Israel", "tr": "Turkey", "gr": "Greece",
    "edu": "United States", "gov": "United States", "mil": "United States",
}  # fmt: skip

_WORD = re.compile(r"[^\W_]+")


def _words(text: str) -> str:
    """Folded text as space-separated words, padded, for whole-word matching."""
    return " " + " ".join(_WORD.findall(fold(text))) + " "


def _compile(rules: Sequence[tuple[str, Iterable[str]]]) -> list[tuple[str, re.Pattern[str]]]:
    out = []
    for sector, words in rules:
        parts = []
        for w in words:
            body = re.escape(" ".join(_WORD.findall(fold(w.strip("*")))))
            if w.endswith("*"):
                parts.append(rf" {body}\w*")
            elif w.startswith("*"):
                parts.append(rf" \w*{body} ")
            else:
                parts.append(f" {body} ")
        out.append((sector, re.compile("|".join(parts))))
    return out


_SECTOR = _compile(SECTOR_RULES)
_SUFFIX = re.compile(
    "(?:" + "|".join(re.escape(f" {s} ") for s in sorted(COMPANY_SUFFIXES, key=len)[::-1]) + ")$"
)
_TITLE = _compile(TITLE_RULES)


def sector_of(organisation: str, *, title: str = "", email: str = "") -> str:
    """The sector an organisation (or a title, or an email domain) suggests, or "".

    >>> sector_of("Charité – Universitätsmedizin Berlin"), sector_of("Pfizer Inc.")
    ('medicine', 'industry')
    >>> sector_of("Karolinska Institutet"), sector_of("Wellcome Trust")
    ('academia', 'nonprofit')
    >>> sector_of("Mayo Clinic", title="Chief Nursing Officer")
    'health_professions'
    >>> sector_of("", email="j.doe@cdc.gov"), sector_of("Acme")
    ('government', '')
    """
    if title:
        words = _words(title)
        for sector, pattern in _TITLE:
            if pattern.search(words):
                return sector
    if organisation:
        if ".gov" in organisation.lower():
            return "government"
        words = _words(organisation)
        for sector, pattern in _SECTOR:
            if pattern.search(words):
                return sector
            if sector == "nonprofit" and _SUFFIX.search(words):
                return "industry"  # a company's legal form: after the hospitals and trusts
    domain = email.rpartition("@")[2].strip().lower()
    if domain:
        for sector, endings in EMAIL_RULES:
            if any(domain.endswith(e) or (e.endswith("-") and e in domain) for e in endings):
                return sector
            if any(e.startswith(".") and f"{e}." in f".{domain}." for e in endings):
                return sector
    return ""


def country_guess(*, country: str = "", organisation: str = "", email: str = "") -> str:
    """The country a record names, else the one its organisation ends with,
    else its email's country-code domain, in English, or "".

    >>> country_guess(country="USA"), country_guess(organisation="Karolinska Institutet, Sweden")
    ('United States', 'Sweden')
    >>> country_guess(email="a.b@charite.de"), country_guess(email="a@gmail.com")
    ('Germany', '')
    """
    for text in (country, organisation):
        if text:
            found = country_of(text)
            if found:
                return found
    if country:
        return country.strip()
    tld = email.rpartition(".")[2].strip().lower() if "@" in email else ""
    return TLD_COUNTRIES.get(tld, "")


def reach_of(
    *, city: str = "", country: str = "", owner_city: str = "", owner_country: str = ""
) -> str:
    """Local (same city), national (same country) or international, against the
    owner's city and country; "" when either side does not say.

    >>> reach_of(city="Boston", country="United States", owner_city="Boston",
    ...          owner_country="USA")
    'local'
    >>> reach_of(country="USA", owner_country="United States")
    'national'
    >>> reach_of(country="Sweden", owner_country="United States"), reach_of(country="Sweden")
    ('international', '')
    """
    if city and owner_city and fold(city.strip()) == fold(owner_city.strip()):
        return "local"
    if not country or not owner_country:
        return ""
    mine = country_of(owner_country) or owner_country.strip()
    theirs = country_of(country) or country.strip()
    return "national" if fold(mine) == fold(theirs) else "international"


@dataclass(frozen=True, slots=True)
class Owner:
    """What the suggestions compare a record with: the owner's profile."""

    institution: str = ""
    specialty: str = ""
    city: str = ""
    country: str = ""


#: Tiewise's own export: its values are the owner's own choices (an empty
#: sector included), so a restore brings them back with nothing on top.
OWN_FORMATS = frozenset({"json"})


@dataclass(frozen=True, slots=True)
class Suggestion:
    """What Tiewise suggests for one record. `areas` and `modes` add to the
    record's own; `score` orders the inbox, highest first."""

    sector: str = ""
    reach: str = ""
    areas: tuple[str, ...] = ()
    modes: tuple[str, ...] = ()
    score: int = 0
    reasons: tuple[str, ...] = field(default=())


def _years(publications: Iterable[str]) -> list[int]:
    years = []
    for line in publications:
        m = re.match(r"\s*(\d{4})\b", line)
        if m:
            years.append(int(m.group(1)))
    return years


def _same_org(theirs: str, mine: str) -> bool:
    a, b = _words(theirs).strip(), _words(mine).strip()
    return bool(a and b) and (a == b or f" {b} " in f" {a} " or f" {a} " in f" {b} ")


_SPECIALTY_STOP = {"medicine", "of", "and", "the", "department", "division", "dept", "surgery"}


def _same_specialty(text: str, specialty: str) -> bool:
    mine = set(_WORD.findall(fold(specialty))) - _SPECIALTY_STOP
    return bool(mine) and mine <= set(_WORD.findall(fold(text)))


def relevance(
    values: Mapping[str, object], *, owner: Owner = Owner(), today: date | None = None
) -> tuple[int, tuple[str, ...]]:
    """How much a record probably matters to the owner (0-100), and why:
    papers written together (more and more recent count more), the same
    institution or specialty as the owner, an email to reach them, a
    suggested strong tie, and a complete profile.

    >>> relevance({"publications": ["2023 · A", "2021 · B", "2019 · C"], "email": "a@x.org",
    ...            "organisation": "Mayo Clinic"}, owner=Owner(institution="Mayo Clinic"),
    ...           today=date(2024, 1, 1))
    (71, ('3 papers together', 'last paper 2023', 'same institution', 'has email'))
    >>> relevance({"name": "X account 42"})
    (0, ())
    """
    today = today or date.today()
    score, why = 0, []
    pubs = values.get("publications") or []
    years = _years(pubs) if isinstance(pubs, list | tuple) else []
    n = len(pubs) if isinstance(pubs, list | tuple) else 0
    if n:
        score += min(n, 5) * 8
        why.append(f"{n} paper{'s' if n != 1 else ''} together")
    if years:
        age = today.year - max(years)
        bonus = 15 if age <= 2 else 8 if age <= 5 else 0
        if bonus:
            score += bonus
            why.append(f"last paper {max(years)}")
    org, title = str(values.get("organisation") or ""), str(values.get("title") or "")
    if owner.institution and org and _same_org(org, owner.institution):
        score += 20
        why.append("same institution")
    if owner.specialty and _same_specialty(
        f"{values.get('specialty') or ''} {title} {org}", owner.specialty
    ):
        score += 15
        why.append("same specialty")
    if values.get("email"):
        score += 8
        why.append("has email")
    if values.get("strength") == "strong":
        score += 10
    filled = sum(
        1 for k in ("organisation", "title", "email", "links", "city", "country", "specialty")
        if values.get(k)
    )  # fmt: skip
    score += filled * 2
    return min(score, 100), tuple(why)


def suggest(
    values: Mapping[str, object],
    *,
    source: str,
    owner: Owner = Owner(),
    today: date | None = None,
) -> Suggestion:
    """Every suggestion for one record (node values as the importers give
    them), from a file of format `source`.

    >>> s = suggest({"name": "Lena Berg", "organisation": "Karolinska Institutet",
    ...              "country": "Sweden", "links": ["https://www.linkedin.com/in/lb"]},
    ...             source="linkedin", owner=Owner(country="United States"))
    >>> s.sector, s.reach, s.modes, s.areas
    ('academia', 'international', ('technology',), ())
    """
    score, why = relevance(values, owner=owner, today=today)
    if source in OWN_FORMATS:
        return Suggestion(score=score, reasons=why)
    org, title = str(values.get("organisation") or ""), str(values.get("title") or "")
    email = str(values.get("email") or "")
    sector = str(values.get("sector") or "") or sector_of(org, title=title, email=email)
    reach = str(values.get("reach") or "")
    if not reach:
        country = country_guess(country=str(values.get("country") or ""), organisation=org,
                                email=email)  # fmt: skip
        reach = reach_of(
            city=str(values.get("city") or ""),
            country=country,
            owner_city=owner.city,
            owner_country=owner.country,
        )
    rules = SOURCE_RULES.get(source, {})
    modes = list(rules.get("modes", ()))
    links = values.get("links") or []
    if isinstance(links, list | tuple) and any(
        h in str(link).lower() for link in links for h in SOCIAL_HOSTS
    ):
        modes.append("technology")
    return Suggestion(
        sector=sector,
        reach=reach,
        areas=tuple(dict.fromkeys(rules.get("areas", ()))),
        modes=tuple(dict.fromkeys(modes)),
        score=score,
        reasons=why,
    )
