"""Vocabulary of the online professional identity reflection."""

from __future__ import annotations

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

PITFALLS: dict[str, str] = {
    "no_patient_info": "I never post anything that could identify a patient",
    "accuracy": "I check accuracy and cite my sources",
    "personal_vs_institution": "I keep my personal opinion apart from my institution's",
    "conflicts_of_interest": "I mind and declare conflicts of interest",
}
