"""The vocabulary of DESIGN.md section 1, as data: the one place it lives.

Every list is ordered the way the product shows it. Keys are the exact API
values; labels are what people read. Model choices and check constraints,
form choices, the API's enums, the filter selects and the map's filter lists
are all built from these dicts, so adding a value (a channel, a role) is a
change here plus the migration that widens the check constraint.
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

GOAL_STATUSES: dict[str, str] = {
    "active": "Active",
    "achieved": "Achieved",
    "dropped": "Dropped",
}

PROSPECT_STATUSES: dict[str, str] = {
    "identified": "Identified",
    "reached_out": "Reached out",
    "connected": "Connected",
    "declined": "Declined",
}

ACTION_STATUSES: dict[str, str] = {
    "planned": "Planned",
    "doing": "Doing",
    "done": "Done",
    "dropped": "Dropped",
}

#: What a person listed in the directory offers or seeks.
OFFERS: dict[str, str] = {
    "mentoring": "Mentoring",
    "sponsorship": "Sponsorship",
    "coaching": "Coaching",
    "research_collaboration": "Research collaboration",
    "teaching": "Teaching",
    "speaking_invitations": "Speaking invitations",
}

#: The role in a PLN that each offer fills (mentoring fills "mentor").
OFFER_ROLES: dict[str, str] = {
    "mentoring": "mentor",
    "sponsorship": "sponsor",
    "coaching": "coach",
    "research_collaboration": "collaborator",
    "teaching": "subject_expert",
    "speaking_invitations": "sponsor",
}

#: Where a request to connect stands (tiewise.directory).
CONNECTION_STATUSES: dict[str, str] = {
    "asked": "Waiting for the introducer",
    "pending": "Waiting for an answer",
    "accepted": "Connected",
    "declined": "Declined",
}

#: Platforms of the online professional identity reflection.
PLATFORMS: dict[str, str] = {
    "x": "X",
    "bluesky": "Bluesky",
    "mastodon": "Mastodon",
    "linkedin": "LinkedIn",
    "researchgate": "ResearchGate",
    "doximity": "Doximity",
    "blog_podcast": "Blog or podcast",
    "other": "Other",
}

#: Pitfalls the reflection asks the owner to mind.
PITFALLS: dict[str, str] = {
    "no_patient_info": "I never post anything that could identify a patient",
    "accuracy": "I check accuracy and cite my sources",
    "personal_vs_institution": "I keep my personal opinion apart from my institution's",
    "conflicts_of_interest": "I mind and declare conflicts of interest",
}

#: The strength of an alter tie (two of the owner's nodes who know each
#: other); blank means "they know each other, strength not said".
ALTER_TIE_STRENGTHS: dict[str, str] = {
    "strong": "Strong",
    "weak": "Weak",
}

#: Where a tie stands with its keep-in-touch cadence (tiewise.core.cadence).
TIE_STATUSES: dict[str, str] = {
    "overdue": "Overdue",
    "due": "Due",
    "soon": "Due soon",
    "ok": "On track",
    "snoozed": "Snoozed",
    "off": "No reminders",
    "untracked": "Not tracked",
}

#: Why two people of a PLN may be one (tiewise.core.duplicates).
DUPLICATE_REASONS: dict[str, str] = {
    "email": "Same email",
    "profile": "Same profile link",
    "same_name": "Same name",
    "initials": "Initials fit the name",
    "similar_name": "Nearly the same name",
    "organisation": "Same organisation",
    "email_domain": "Same email domain",
}

#: Map layouts.
LAYOUTS: dict[str, str] = {
    "worksheet": "Worksheet (rings and halves)",
    "force": "Clusters (who knows whom)",
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


def label(vocab: dict[str, str], key: str) -> str:
    """What a person reads for `key`; an unknown key reads as itself, with
    underscores as spaces, so a raw code never shows.

    >>> label(AREAS, "professional_identity"), label(AREAS, "made_up_thing")
    ('Professional identity', 'Made up thing')
    """
    if key in vocab:
        return vocab[key]
    return key.replace("_", " ").capitalize()


# --- learning through the network (tiewise.learning) -------------------------

#: A skill is something the owner is good at, or wants to grow in.
SKILL_KINDS: dict[str, str] = {
    "strength": "Strength",
    "growth": "Growth area",
}

#: Levels of a skill, 1 to 5.
SKILL_LEVELS: dict[int, str] = {
    1: "1 · Novice",
    2: "2 · Advanced beginner",
    3: "3 · Competent",
    4: "4 · Proficient",
    5: "5 · Expert",
}

#: Suggestions for the skills list (free text: any other skill is welcome).
SKILL_SUGGESTIONS: tuple[str, ...] = (
    "Teaching",
    "Research methods",
    "Leadership",
    "Point-of-care ultrasound",
    "Grant writing",
    "Statistics",
    "Scientific writing",
    "Quality improvement",
    "Medical education",
    "Public speaking",
    "Mentoring",
    "Negotiation",
    "Clinical reasoning",
    "Social media for clinicians",
)

QUESTION_KINDS: dict[str, str] = {
    "clinical": "Clinical",
    "non_clinical": "Non-clinical",
}

#: A clinical question moves asked → answered → checked → applied.
QUESTION_STATUSES: dict[str, str] = {
    "asked": "Asked",
    "answered": "Answered",
    "checked": "Checked against a source",
    "applied": "Applied in practice",
}

#: What an answer was checked against.
SOURCE_KINDS: dict[str, str] = {
    "guideline": "Guideline",
    "textbook": "Textbook",
    "article": "Peer-reviewed article",
}

RESOURCE_KINDS: dict[str, str] = {
    "article": "Article",
    "blog_post": "Blog post",
    "podcast": "Podcast",
    "guideline": "Guideline",
    "slide_deck": "Slide deck",
    "other": "Other",
}

#: Which way a resource went: a resource is given or received, never both.
RESOURCE_DIRECTIONS: dict[str, str] = {
    "gave": "I shared it",
    "received": "Shared with me",
}


#: Every vocabulary by the name pages use for it (`{{ value|label:"channel" }}`).
VOCABULARIES: dict[str, dict[str, str]] = {
    **FIELD_VOCAB,
    "areas": AREAS,
    "roles": ROLES,
    "modes": MODES,
    "channel": CHANNELS,
    "interaction_kind": INTERACTION_KINDS,
    "direction": DIRECTIONS,
    "career_stage": CAREER_STAGES,
    "goal_status": GOAL_STATUSES,
    "prospect_status": PROSPECT_STATUSES,
    "action_status": ACTION_STATUSES,
    "platforms": PLATFORMS,
    "pitfalls": PITFALLS,
    "alter_strength": ALTER_TIE_STRENGTHS,
    "layout": LAYOUTS,
    "tie_status": TIE_STATUSES,
    "offers": OFFERS,
    "connection_status": CONNECTION_STATUSES,
    "duplicate_reason": DUPLICATE_REASONS,
    "skill_kind": SKILL_KINDS,
    "question_kind": QUESTION_KINDS,
    "question_status": QUESTION_STATUSES,
    "source_kind": SOURCE_KINDS,
    "resource_kind": RESOURCE_KINDS,
    "resource_direction": RESOURCE_DIRECTIONS,
}
