"""The vocabulary of DESIGN.md section 1, as data.

Every list is ordered the way the product shows it. Keys are the exact API
values; labels are what people read.
"""

from __future__ import annotations

KINDS: dict[str, str] = {
    "person": "Person",
    "team": "Team",
    "department": "Department",
    "organisation": "Organisation",
    "community": "Community",
}

STRENGTHS: dict[str, str] = {
    "strong": "Strong",
    "weak": "Weak",
    "absent": "Prospect (no tie yet)",
}

MODES: dict[str, str] = {
    "personal": "Personal (in person)",
    "technology": "Technology-mediated",
}

AREAS: dict[str, str] = {
    "academic": "Academic",
    "expertise": "Expertise",
    "professional_identity": "Professional identity",
    "informal_community": "Informal community",
}

ROLES: dict[str, str] = {
    "mentor": "Mentor",
    "coach": "Coach",
    "sponsor": "Sponsor",
    "adviser": "Adviser",
    "research_advisor": "Research advisor",
    "collaborator": "Collaborator",
    "peer": "Peer",
    "mentee": "Mentee (trainee)",
    "subject_expert": "Subject expert",
    "confidant": "Confidant",
    "friend": "Friend",
    "family": "Family",
}

SECTORS: dict[str, str] = {
    "medicine": "Medicine",
    "health_professions": "Health professions",
    "academia": "Academia",
    "industry": "Industry",
    "government": "Government",
    "nonprofit": "Nonprofit",
    "other": "Other",
}

REACHES: dict[str, str] = {
    "local": "Local",
    "regional": "Regional",
    "national": "National",
    "international": "International",
}

CHANNELS: dict[str, str] = {
    "in_person": "In person",
    "video": "Video",
    "phone": "Phone",
    "email": "Email",
    "messaging": "Messaging",
    "social_media": "Social media",
    "conference": "Conference",
    "journal_club": "Journal club",
}

INTERACTION_KINDS: dict[str, str] = {
    "advice_sought": "Advice sought",
    "advice_given": "Advice given",
    "resource_shared": "Resource shared",
    "introduction_made": "Introduction made",
    "collaboration": "Collaboration",
    "teaching": "Teaching",
    "social": "Social",
    "meeting": "Meeting",
}

DIRECTIONS: dict[str, str] = {
    "gave": "I gave",
    "received": "I received",
    "mutual": "Mutual",
}

CAREER_STAGES: dict[str, str] = {
    "student": "Student",
    "resident": "Resident",
    "fellow": "Fellow",
    "early_faculty": "Early-career faculty",
    "mid_faculty": "Mid-career faculty",
    "senior_faculty": "Senior faculty",
    "other": "Other",
}

#: Every vocabulary list that a node or tie field draws from, by field name.
FIELD_VOCAB: dict[str, dict[str, str]] = {
    "kind": KINDS,
    "strength": STRENGTHS,
    "modes": MODES,
    "areas": AREAS,
    "roles": ROLES,
    "sector": SECTORS,
    "reach": REACHES,
}


def choices(vocab: dict[str, str]) -> list[tuple[str, str]]:
    """Django-style choices from a vocabulary.

    >>> choices(MODES)[0]
    ('personal', 'Personal (in person)')
    """
    return list(vocab.items())
