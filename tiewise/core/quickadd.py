"""Parse a one-line quick add such as "Jane Doe, strong, mentor".

The first comma-separated part is the name. Each later part is matched
against the vocabulary (strength, kind, mode, area, role, sector, reach),
forgivingly: case, spaces and common synonyms do not matter. A part that is
not vocabulary becomes the organisation (the first one) or a tag. A part
"knows Tom Becker and Lena Park" names people already in the network who
know the new person; "Maria Chen knows Tom Becker" on its own links two.
"private" keeps the new person from any coach.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .vocab import AREAS, KINDS, MODES, REACHES, ROLES, SECTORS, STRENGTHS

# Words people actually type, mapped to (field, value).
SYNONYMS: dict[str, tuple[str, str]] = {
    "prospect": ("strength", "absent"),
    "absent": ("strength", "absent"),
    "close": ("strength", "strong"),
    "acquaintance": ("strength", "weak"),
    "org": ("kind", "organisation"),
    "organization": ("kind", "organisation"),
    "in person": ("modes", "personal"),
    "in-person": ("modes", "personal"),
    "online": ("modes", "technology"),
    "tech": ("modes", "technology"),
    "social media": ("modes", "technology"),
    "trainee": ("roles", "mentee"),
    "advisor": ("roles", "adviser"),
    "expert": ("roles", "subject_expert"),
    "research advisor": ("roles", "research_advisor"),
    "identity": ("areas", "professional_identity"),
    "community": ("areas", "informal_community"),
    "informal": ("areas", "informal_community"),
    "nursing": ("sector", "health_professions"),
    "pharmacy": ("sector", "health_professions"),
    "non-profit": ("sector", "nonprofit"),
    "international": ("reach", "international"),
}

_VOCABS: list[tuple[str, dict[str, str]]] = [
    ("strength", STRENGTHS),
    ("kind", KINDS),
    ("modes", MODES),
    ("areas", AREAS),
    ("roles", ROLES),
    ("sector", SECTORS),
    ("reach", REACHES),
]


@dataclass
class QuickAdd:
    name: str
    strength: str = "weak"
    kind: str = "person"
    modes: list[str] = field(default_factory=list)
    areas: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    sector: str = ""
    reach: str = ""
    organisation: str = ""
    tags: list[str] = field(default_factory=list)
    #: Never shown to a coach ("private" anywhere after the name).
    private: bool = False
    #: Names of people in the network who know this one (alter ties).
    knows: list[str] = field(default_factory=list)


def _norm(text: str) -> str:
    return re.sub(r"[\s_]+", " ", text.strip().lower())


def match_term(part: str) -> tuple[str, str] | None:
    """Map a typed word onto (field, value), or None if it is not vocabulary.

    >>> match_term("Strong")
    ('strength', 'strong')
    >>> match_term("subject expert")
    ('roles', 'subject_expert')
    >>> match_term("Mayo Clinic") is None
    True
    """
    key = _norm(part)
    if key in SYNONYMS:
        return SYNONYMS[key]
    for field_name, vocab in _VOCABS:
        for value, label in vocab.items():
            if key in (_norm(value), _norm(label)):
                return field_name, value
    # "community" is both a kind and an area; the area reading is more useful
    # on a person, the SYNONYMS entry above already handles it.
    return None


#: Parts that mark the new person private.
_PRIVATE = frozenset({"private", "keep private", "hidden", "not shared", "only me"})
_KNOWS = re.compile(r"^(?:who\s+)?knows\s+(.+)$", re.I)
_AND = re.compile(r"\s*(?:\band\b|&|;|\+)\s*", re.I)


def _names(text: str) -> list[str]:
    """ "Tom Becker and Lena Park" → ["Tom Becker", "Lena Park"]."""
    return [n.strip() for n in _AND.split(text) if n.strip()]


def parse_quick_add(line: str) -> QuickAdd:
    """Parse one quick-add line.

    >>> q = parse_quick_add("Jane Doe, strong, mentor, Mayo Clinic")
    >>> (q.name, q.strength, q.roles, q.organisation)
    ('Jane Doe', 'strong', ['mentor'], 'Mayo Clinic')
    >>> parse_quick_add("Ben Ode, peer, knows Jane Doe and Sam Lee").knows
    ['Jane Doe', 'Sam Lee']
    >>> q = parse_quick_add("Maria Lopez knows Tom Becker")
    >>> (q.name, q.knows)
    ('Maria Lopez', ['Tom Becker'])
    >>> parse_quick_add("Lena Park, friend, private").private
    True
    """
    parts = [p.strip() for p in line.split(",")]
    name = parts[0] if parts else ""
    # "Maria Lopez knows Tom Becker": the first part says who knows whom.
    head = re.match(r"^(.+?)\s+knows\s+(.+)$", name, re.I)
    knows: list[str] = []
    if head:
        name, knows = head.group(1).strip(), _names(head.group(2))
    if not name:
        raise ValueError("Start with a name, e.g. “Jane Doe, strong, mentor”.")
    result = QuickAdd(name=name, knows=knows)
    for part in parts[1:]:
        if not part:
            continue
        if _norm(part) in _PRIVATE:
            result.private = True
            continue
        link = _KNOWS.match(part)
        if link:
            result.knows.extend(n for n in _names(link.group(1)) if n not in result.knows)
            continue
        matched = match_term(part)
        if matched is None:
            if not result.organisation:
                result.organisation = part
            elif part not in result.tags:
                result.tags.append(part)
            continue
        field_name, value = matched
        current = getattr(result, field_name)
        if isinstance(current, list):
            if value not in current:
                current.append(value)
        else:
            setattr(result, field_name, value)
    return result
