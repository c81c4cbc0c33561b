"""Six months of keeping in touch for the demo PLN (tiewise/demo.py):
interactions across channels, kinds and directions, two strong ties that
lapsed, one tie that only takes, and two snapshots to compare with.
Deterministic: a fixed plan plus a seeded random generator; dates count back
from today."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from tiewise.network import selectors as network_selectors
from tiewise.network.services import touch_pln

from . import selectors
from .models import Interaction, Snapshot

if TYPE_CHECKING:
    from tiewise.accounts.models import User

# name: days since the last contact (shapes the due list); None: no contact.
LAST_CONTACT: dict[str, int] = {
    "Dr. Maria Chen": 38,  # mentor, 45-day cadence: soon
    "Dr. David Okafor": 58,  # sponsor: overdue
    "Dr. Kwame Mensah": 47,  # coach: due
    "Dr. Priya Nair": 16,
    "Dr. Tom Becker": 9,
    "Dr. Lena Park": 196,  # strong, lapsed
    "Dr. Hannah Schmidt": 188,  # strong, lapsed
    "Alex Rivera": 4,
    "Nurse Manager Jo Alvarez": 27,
    "Dr. Emily Tran": 6,
    "Dr. Omar Haddad": 80,  # soon
    "Sara Lindqvist, PharmD": 94,  # due
    "Riverside EM Department": 12,
    "Dr. Ravi Patel": 24,  # takes only
    "Dr. Claire Dubois": 61,
    "Dr. Jamal Wright": 110,
    "Prof. Ingrid Olsen": 176,  # soon
    "Mark Sullivan": 140,
    "Dr. Aisha Bello": 45,
    "Dr. Kenji Watanabe": 184,  # due
    "Rachel Green, MPH": 98,
    "Dr. Luis Moreno": 33,
    "Dr. Grace Kim": 150,
    "Ben Foster": 70,
    "Dr. Fatima Rahman": 122,
    "Dr. Peter Novak": 203,  # weak, overdue
    "Chaplain Ruth Adeyemi": 88,
    "Dr. Sofia Rossi": 165,
    "Dr. Nathan Brooks": 41,
    "Dr. Yuki Tanaka": 19,
    "Liam O'Connor": 57,
    "Academy of Medical Educators": 73,
    "#MedEd journal club": 19,
    "EM Residents' Wellness Group": 30,
    "Society for Academic Emergency Medicine": 130,
    "MedSim Labs": 140,
}

# How often to reach each, over the six months (number of interactions).
EXTRA_CONTACTS: dict[str, int] = {
    "Dr. Maria Chen": 4, "Dr. David Okafor": 2, "Dr. Kwame Mensah": 3, "Dr. Priya Nair": 5,
    "Dr. Tom Becker": 5, "Alex Rivera": 6, "Nurse Manager Jo Alvarez": 3, "Dr. Emily Tran": 5,
    "Dr. Omar Haddad": 2, "Sara Lindqvist, PharmD": 1, "Riverside EM Department": 3,
    "Dr. Ravi Patel": 3, "Dr. Claire Dubois": 1, "Dr. Yuki Tanaka": 2, "#MedEd journal club": 4,
    "Dr. Luis Moreno": 2, "Dr. Nathan Brooks": 2,
}  # fmt: skip

NOTES = {
    "advice_sought": [
        "Asked how to frame my teaching portfolio.",
        "Talked through a tricky rota decision.",
        "Got a steer on the grant budget.",
        "Asked about a toxicology case pattern (no patient details).",
    ],
    "advice_given": [
        "Helped think through fellowship options.",
        "Read a draft personal statement.",
        "Shared how our department runs debriefs.",
    ],
    "resource_shared": [
        "Sent the new sepsis guideline summary.",
        "Shared a paper on simulation debriefing.",
        "Passed on a podcast episode about feedback.",
    ],
    "introduction_made": ["Introduced to a colleague in medical education research."],
    "collaboration": ["Worked on the abstract together.", "Planned the next study meeting."],
    "teaching": ["Ran a teaching session on airway skills."],
    "social": ["Coffee after the shift.", "Lunch and a catch-up.", "Walk by the river."],
    "meeting": ["Quarterly check-in.", "Caught up on projects.", "Quick touch base."],
}

GIVE = [("advice_given", "gave"), ("resource_shared", "gave"), ("teaching", "gave")]
TAKE = [("advice_sought", "received"), ("resource_shared", "received")]
BOTH = [("meeting", "mutual"), ("social", "mutual"), ("collaboration", "mutual")]


def _channel(rng: random.Random, modes: list[str]) -> str:
    personal = ["in_person", "in_person", "phone", "conference"]
    tech = ["email", "video", "messaging", "social_media"]
    if modes == ["personal"]:
        return rng.choice(personal)
    if modes == ["technology"]:
        return rng.choice(tech)
    return rng.choice(personal + tech)


def _log(
    owner: User, nodes: list[Any], day: date, channel: str, kind: str, direction: str,
    quality: int, note: str,
) -> Interaction:  # fmt: skip
    created = timezone.make_aware(datetime.combine(day, time(18, 0)))
    interaction = Interaction.objects.create(
        owner=owner, date=day, channel=channel, kind=kind, direction=direction,
        quality=quality, note=note, created_at=created,
    )  # fmt: skip
    interaction.nodes.set(nodes)
    return interaction


def demo_extend(user: User) -> None:
    """Add interactions and snapshots to the freshly loaded demo user."""
    rng = random.Random(20240601)  # noqa: S311 - demo data, not security
    today = timezone.localdate()
    nodes = {n.name: n for n in network_selectors.node_queryset(user)}
    for name, last in LAST_CONTACT.items():
        node = nodes.get(name)
        if node is None:
            continue
        modes = list(node.tie.modes)
        count = EXTRA_CONTACTS.get(name, 1 if last > 120 else 2)
        days = sorted(
            {last, *(rng.randint(last + 7, 182) for _ in range(count - 1) if last + 7 <= 182)}
        )
        for i, ago in enumerate(days):
            if name == "Dr. Ravi Patel":
                kind, direction = TAKE[0]
            elif i == 0 and len(days) >= 3:
                kind, direction = BOTH[0]  # three or more: never all one way
            else:
                kind, direction = rng.choice(GIVE + TAKE + BOTH + BOTH)
            channel = _channel(rng, modes)
            if kind == "social":
                channel = "in_person"
            quality = rng.choice([3, 3, 4, 4, 5, 2])
            _log(user, [node], today - timedelta(days=ago), channel, kind, direction, quality,
                 rng.choice(NOTES[kind]))  # fmt: skip
    # Group moments: a journal club and a conference.
    group = [
        nodes[n]
        for n in ("#MedEd journal club", "Dr. Yuki Tanaka", "Prof. Ingrid Olsen")
        if n in nodes
    ]
    if group:
        _log(
            user,
            group,
            today - timedelta(days=19),
            "journal_club",
            "resource_shared",
            "mutual",
            4,
            "Virtual journal club on feedback in the emergency department.",
        )
    conf = [nodes[n] for n in ("Dr. Priya Nair", "Dr. Aisha Bello", "Dr. Grace Kim") if n in nodes]
    if conf:
        _log(user, conf, today - timedelta(days=150), "conference", "meeting", "mutual", 5,
             "Met at the national meeting; planned a workshop together.")  # fmt: skip
    touch_pln(user)
    Snapshot.objects.filter(owner=user).delete()  # the automatic one taken while loading
    _historical_snapshots(user, today)


def _historical_snapshots(user: User, today: date) -> None:
    """Two earlier states of the network: ~3 months ago some ties were weaker
    and a few people were not there yet; ~1 month ago most changes were in."""
    now = selectors.pln_state(user)
    later_additions = {"Liam O'Connor", "Dr. Yuki Tanaka", "MedSim Labs", "#MedEd journal club"}
    were_weak = {"Dr. Kwame Mensah", "Dr. Priya Nair", "Dr. Emily Tran"}

    def state(missing: set[str], weak: set[str], lose_alters: int) -> dict[str, Any]:
        nodes = []
        for n in now["nodes"]:
            if n["name"] in missing:
                continue
            copy = dict(n)
            if n["name"] in weak:
                copy["strength"] = "weak"
            nodes.append(copy)
        return {**now, "nodes": nodes, "alter_ties": max(0, now["alter_ties"] - lose_alters),
                "lapsed": [], "done_actions": []}  # fmt: skip

    for days, label, missing, weak, lose in (
        (92, "Before the coaching programme", later_additions, were_weak, 6),
        (31, "Last coaching session", {"Liam O'Connor"}, set(), 1),
    ):
        Snapshot.objects.create(
            owner=user,
            kind="manual",
            label=label,
            data=state(missing, weak, lose),
            taken_at=timezone.make_aware(
                datetime.combine(today - timedelta(days=days), time(9, 0))
            ),
        )
