"""Who to meet: the gaps of a PLN, and candidates ranked against them, each
with its reasons in words. Pure functions; the weights live in `WEIGHTS`.

The gaps come from an insights report (`tiewise.core.analysis.report`), so
"no sponsor" here means exactly what the insights page says.

>>> gaps = Gaps(missing_roles=frozenset({"sponsor"}), inside_share=0.9, local_share=0.9)
>>> far = Candidate("user", 7, "Dr Lee", offers=("sponsorship",), sector="industry",
...                 international=True)
>>> near = Candidate("user", 8, "Dr Kim", offers=("teaching",), sector="medicine")
>>> [s.name for s in rank([near, far], gaps)]  # nothing Dr Kim offers fills a gap
['Dr Lee']
>>> for reason in rank([far], gaps)[0].reasons: print(reason)
offers sponsorship; you have no sponsor
outside medicine, international: your network is 90% inside medicine and local
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .vocab import AREAS, OFFER_ROLES, OFFERS, ROLES

#: Every weight of the ranking, in one place. A reason adds its weight to
#: the score; the kind of tie adds its own (distant acquaintances first).
WEIGHTS: dict[str, float] = {
    "role_gap_in_area": 5.0,  # offers sponsorship in expertise; no sponsor there
    "role_gap": 4.0,  # offers sponsorship; you have no sponsor
    "seeks_offer": 2.0,  # offers what you seek
    "growth_topic": 3.0,  # works on a topic of one of your goals
    "shared_topic": 1.0,  # works on a topic you list too
    "outside_medicine": 2.0,  # when your network is mostly inside medicine
    "international": 2.0,  # when your network is mostly local
    "empty_area": 1.5,  # sits in an area of your PLN nobody fills
    "second_degree": 2.5,  # a strong tie of yours knows them
    "coach_recommends": 3.0,  # your coach recommended them
    # the kind of tie: weak ties and prospects are worth strengthening,
    # a stranger from the directory is the most distant
    "kind_directory": 1.0,
    "kind_weak": 0.5,
    "kind_prospect": 0.75,
}

#: A network this inside medicine (or this local) asks for someone outside it.
MOSTLY = 0.7


@dataclass(frozen=True, slots=True)
class Gaps:
    """What a PLN lacks, read from its insights report."""

    #: Roles nobody in the network holds ("sponsor").
    missing_roles: frozenset[str] = frozenset()
    #: (role, area) pairs with nobody: no sponsor in expertise.
    missing_in_area: frozenset[tuple[str, str]] = frozenset()
    empty_areas: frozenset[str] = frozenset()
    #: Share of ties (with a known sector) inside medicine, None if unknown.
    inside_share: float | None = None
    #: Share of ties (with a known reach) that are local, None if unknown.
    local_share: float | None = None
    #: Topics the owner works towards (words of their active goals).
    growth: tuple[str, ...] = ()
    #: Topics the owner lists in the directory.
    topics: tuple[str, ...] = ()
    #: What the owner seeks (keys of OFFERS).
    seeks: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Candidate:
    """Someone who could be suggested: a listed user, or a node of the owner's."""

    kind: str  # "user" | "node"
    id: int
    name: str
    offers: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()  # a node's roles, or what a listed user's offers fill
    areas: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    sector: str = ""
    international: bool = False
    #: "directory", "weak" or "prospect"
    tie: str = "directory"
    #: Names of the owner's strong ties who know them.
    via: tuple[str, ...] = ()
    #: The coach who recommended them, if any.
    recommended_by: str = ""
    pronoun: str = "them"


@dataclass(frozen=True, slots=True)
class Suggestion:
    kind: str
    id: int
    name: str
    reasons: tuple[str, ...]
    score: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "id": self.id,
            "name": self.name,
            "reasons": list(self.reasons),
            "score": self.score,
        }


def _percent(x: float) -> str:
    return f"{round(x * 100)}%"


def gaps_from_report(
    rep: Mapping[str, Any],
    *,
    growth: Iterable[str] = (),
    topics: Iterable[str] = (),
    seeks: Iterable[str] = (),
) -> Gaps:
    """The gaps of an insights report. An empty network has no gaps to
    speak of (every role would be missing): only its goals count then.

    >>> from datetime import date
    >>> from tiewise.core.analysis import report
    >>> from tiewise.core.types import PLN, NodeData, Owner
    >>> pln = PLN(Owner("Dr A"), nodes=(NodeData(1, "Jo", strength="strong",
    ...     roles=("mentor",), areas=("expertise",), sector="medicine", reach="local"),))
    >>> g = gaps_from_report(report(pln, today=date(2025, 1, 1)))
    >>> "sponsor" in g.missing_roles, ("mentor", "expertise") in g.missing_in_area
    (True, False)
    >>> g.inside_share, g.local_share
    (1.0, 1.0)
    """
    base = Gaps(
        growth=tuple(growth), topics=tuple(topics), seeks=frozenset(s for s in seeks if s in OFFERS)
    )
    if not rep.get("size", {}).get("nodes"):
        return base
    cov = rep["coverage"]
    roles, areas, matrix = cov["roles"], cov["areas"], cov["matrix"]
    held = {r for j, r in enumerate(roles) if any(row[j] for row in matrix)}
    # A role also counts as held when nobody with it sits in an area.
    held |= {r for r, n in rep["composition"].get("roles", {}).get("counts", {}).items() if n}
    missing_in_area = frozenset(
        (r, a) for i, a in enumerate(areas) for j, r in enumerate(roles) if not matrix[i][j]
    )
    ei = rep["ei"]
    sector, reach = ei["sector"], ei["reach"]
    local_known = reach["inside"] + reach["outside"]
    return Gaps(
        missing_roles=frozenset(r for r in ROLES if r not in held),
        missing_in_area=missing_in_area,
        empty_areas=frozenset(cov["empty_areas"]) if any(cov["per_area"].values()) else frozenset(),
        inside_share=sector.get("inside_share"),
        local_share=reach["inside"] / local_known if local_known else None,
        growth=base.growth,
        topics=base.topics,
        seeks=base.seeks,
    )


def _matches(topic: str, words: Sequence[str]) -> bool:
    t = topic.casefold().strip()
    return bool(t) and any(t in w.casefold() or w.casefold() in t for w in words if w.strip())


def reasons_for(
    c: Candidate, gaps: Gaps, weights: Mapping[str, float] = WEIGHTS
) -> list[tuple[str, float]]:
    """Each reason to meet `c`, in words, with its weight."""
    out: list[tuple[str, float]] = []
    roles_offered = {OFFER_ROLES[o]: o for o in c.offers if o in OFFER_ROLES}
    for role in c.roles:
        roles_offered.setdefault(role, "")
    for role, offer in roles_offered.items():
        what = OFFERS[offer].lower() if offer else f"is a {ROLES.get(role, role).lower()}"
        verb = f"offers {what}" if offer else what
        gap_areas = [a for a in c.areas if (role, a) in gaps.missing_in_area]
        if role in gaps.missing_roles:
            out.append((f"{verb}; you have no {ROLES[role].lower()}", weights["role_gap"]))
        elif gap_areas:
            area = AREAS.get(gap_areas[0], gap_areas[0]).lower()
            out.append(
                (f"{verb} in {area}; you have no {ROLES[role].lower()} there",
                 weights["role_gap_in_area"])
            )  # fmt: skip
    for offer in c.offers:
        if offer in gaps.seeks:
            out.append((f"offers {OFFERS[offer].lower()}, which you seek", weights["seeks_offer"]))
    for topic in c.topics:
        if _matches(topic, gaps.growth):
            out.append((f"works on your growth area {topic}", weights["growth_topic"]))
        elif _matches(topic, gaps.topics):
            out.append((f"also works on {topic}", weights["shared_topic"]))
    far: list[str] = []
    why: list[tuple[str, float]] = []
    weight = 0.0
    if c.sector and c.sector != "medicine" and (gaps.inside_share or 0) >= MOSTLY:
        far.append("outside medicine")
        why.append(("inside medicine", gaps.inside_share or 0.0))
        weight += weights["outside_medicine"]
    if c.international and (gaps.local_share or 0) >= MOSTLY:
        far.append("international")
        why.append(("local", gaps.local_share or 0.0))
        weight += weights["international"]
    if far:
        shares = {round(s * 100) for _, s in why}
        if len(shares) == 1:
            said = f"{_percent(why[0][1])} {' and '.join(w for w, _ in why)}"
        else:
            said = " and ".join(f"{_percent(s)} {w}" for w, s in why)
        out.append((f"{', '.join(far)}: your network is {said}", weight))
    for area in c.areas:
        if area in gaps.empty_areas:
            out.append(
                (f"sits in {AREAS.get(area, area).lower()}, where you have nobody",
                 weights["empty_area"])
            )  # fmt: skip
            break
    for name in c.via[:1]:
        out.append((f"{name}, your strong tie, also knows {c.pronoun}", weights["second_degree"]))
    if c.recommended_by:
        out.append((f"{c.recommended_by}, your coach, recommends {c.pronoun}",
                    weights["coach_recommends"]))  # fmt: skip
    return out


def rank(
    candidates: Iterable[Candidate],
    gaps: Gaps,
    *,
    weights: Mapping[str, float] = WEIGHTS,
    limit: int = 20,
) -> list[Suggestion]:
    """Candidates with at least one reason, best first (ties by name, id).

    >>> gaps = Gaps(growth=("point-of-care ultrasound",))
    >>> c = Candidate("node", 3, "Jo", topics=("point-of-care ultrasound",), tie="weak")
    >>> rank([c], gaps)[0].to_dict()["reasons"]
    ['works on your growth area point-of-care ultrasound']
    >>> rank([Candidate("user", 4, "Nobody special")], gaps)
    []
    """
    out: list[Suggestion] = []
    for c in candidates:
        found = reasons_for(c, gaps, weights)
        if not found:
            continue
        score = sum(w for _, w in found) + weights.get(f"kind_{c.tie}", 0.0)
        out.append(Suggestion(c.kind, c.id, c.name, tuple(r for r, _ in found), round(score, 2)))
    out.sort(key=lambda s: (-s.score, s.name.casefold(), s.kind, s.id))
    return out[:limit]


# --- conference lines and cards ----------------------------------------------------


@dataclass(frozen=True, slots=True)
class MetLine:
    name: str
    organisation: str = ""
    topics: tuple[str, ...] = ()


def parse_met_line(line: str) -> MetLine:
    """ "Jane Doe, Mayo Clinic, ultrasound research" → name, organisation,
    topics. A pasted vCard (what a card's QR code carries) works too.

    >>> parse_met_line("Jane Doe, Mayo Clinic, ultrasound research; sepsis")
    MetLine(name='Jane Doe', organisation='Mayo Clinic', topics=('ultrasound research', 'sepsis'))
    >>> parse_met_line("BEGIN:VCARD\\nFN:Ola Berg\\nORG:Karolinska\\nEND:VCARD").organisation
    'Karolinska'
    >>> parse_met_line("  ")
    Traceback (most recent call last):
    ...
    ValueError: Write who you met: "Jane Doe, Mayo Clinic, ultrasound research".
    """
    text = line.strip()
    if text.upper().startswith("BEGIN:VCARD"):
        return _from_vcard(text)
    parts = [p.strip() for p in text.split(",")]
    if not parts or not parts[0]:
        raise ValueError('Write who you met: "Jane Doe, Mayo Clinic, ultrasound research".')
    if len(parts[0]) > 200:
        raise ValueError("A name is at most 200 characters.")
    organisation = parts[1][:200] if len(parts) > 1 else ""
    rest = ",".join(parts[2:])
    topics = tuple(t.strip()[:100] for t in rest.replace(";", ",").split(",") if t.strip())
    return MetLine(parts[0], organisation, topics[:10])


def _unescape(value: str) -> str:
    return value.replace("\\n", " ").replace("\\,", ",").replace("\\;", ";").strip()


def _from_vcard(text: str) -> MetLine:
    fields: dict[str, str] = {}
    for raw in text.replace("\r", "").split("\n"):
        key, sep, value = raw.partition(":")
        if sep:
            fields.setdefault(key.split(";")[0].upper(), _unescape(value))
    name = fields.get("FN", "")
    if not name:
        raise ValueError("This card has no name (FN) in it.")
    org = fields.get("ORG", "").split(";")[0]
    topics = tuple(t.strip() for t in fields.get("NOTE", "").split(",") if t.strip())
    return MetLine(name[:200], org[:200], topics[:10])


def _vescape(value: str) -> str:
    clean = " ".join(value.split())
    return clean.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")


@dataclass(frozen=True, slots=True)
class Card:
    name: str
    role: str = ""
    institution: str = ""
    topics: tuple[str, ...] = field(default_factory=tuple)
    url: str = ""


def vcard(card: Card) -> str:
    """The vCard 3.0 a card's QR code carries.

    >>> print(vcard(Card("Ana Ruiz", "Resident", "St Mary's", ("sepsis",))))
    BEGIN:VCARD
    VERSION:3.0
    FN:Ana Ruiz
    N:;Ana Ruiz;;;
    ORG:St Mary's
    TITLE:Resident
    NOTE:sepsis
    END:VCARD
    """
    lines = ["BEGIN:VCARD", "VERSION:3.0", f"FN:{_vescape(card.name)}",
             f"N:;{_vescape(card.name)};;;"]  # fmt: skip
    if card.institution:
        lines.append(f"ORG:{_vescape(card.institution)}")
    if card.role:
        lines.append(f"TITLE:{_vescape(card.role)}")
    if card.topics:
        lines.append("NOTE:" + "\\,".join(_vescape(t) for t in card.topics))
    if card.url:
        lines.append(f"URL:{card.url}")
    lines.append("END:VCARD")
    return "\n".join(lines)
