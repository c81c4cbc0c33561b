"""The demo plan of Dr. Sam Rivera: goals, five people to add, an action plan
and an online-identity reflection. Dates are relative to today, so some
actions are always overdue and one goal always lacks a date."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from tiewise.network import selectors as network_selectors

from . import services

if TYPE_CHECKING:
    from tiewise.accounts.models import User


def demo_extend(user: User) -> None:
    """Add the plan to the demo PLN (called at the end of load_demo)."""
    today = timezone.localdate()
    ids = {name: pk for pk, name in network_selectors.node_names(user).items()}

    def nodes(*names: str) -> list[int]:
        return [ids[n] for n in names if n in ids]

    research = services.goal_create(
        owner=user,
        data={
            "title": "Co-author a multi-site study on ED handovers",
            "specific": "Join or start a study of emergency department handovers with at least "
            "one site outside Riverside.",
            "measurable": "An accepted abstract with co-authors from two institutions.",
            "assignable": "Me, with Dr. Priya Nair as research advisor.",
            "relevant": "Promotion needs scholarship beyond my own department.",
            "target_date": today + timedelta(days=180),
            "wish": "A research collaboration that outlasts one paper.",
            "outcome": "A group I can call on for the next question.",
            "obstacle": "Clinical shifts eat the time I set aside for writing.",
            "plan": "If a writing block is cancelled, then I move it to the next free morning "
            "that week.",
            "nodes": nodes("Dr. Priya Nair", "Dr. Nathan Brooks", "Dr. Hannah Schmidt"),
        },
    )
    teaching = services.goal_create(
        owner=user,
        data={
            "title": "Launch an online journal club for residents",
            "specific": "A monthly asynchronous journal club for our residents and two "
            "partner programmes.",
            "measurable": "Six articles discussed, at least ten active participants.",
            "assignable": "Me as lead; Dr. Emily Tran helps pick articles.",
            "relevant": "Builds my educator portfolio and keeps residents reading.",
            "target_date": today + timedelta(days=120),
            "nodes": nodes("Dr. Emily Tran", "Dr. Omar Haddad", "#MedEd journal club"),
        },
    )
    sponsor = services.goal_create(
        owner=user,
        data={
            "title": "Find a sponsor for a national committee role",
            "specific": "Be nominated to a national emergency medicine education committee.",
            "measurable": "",
            "assignable": "Me, with Dr. David Okafor as sponsor.",
            "relevant": "National work widens my reach beyond Riverside.",
            "target_date": None,
            "nodes": nodes("Dr. David Okafor"),
        },
    )

    def prospect(node_name: str | None, **data: Any) -> Any:
        if node_name:
            data["node"] = ids[node_name]
        return services.prospect_create(owner=user, data=data)

    vasquez = prospect(
        "Dr. Elena Vasquez",
        goal=sponsor.pk,
        why="Sits on the national board; could point me to a committee with openings.",
        how_to_reach="Ask Dr. David Okafor for an introduction at the spring assembly.",
    )
    chang = prospect(
        "Dr. Michael Chang",
        goal=research.pk,
        why="Leads handover research in Toronto; a second site for the study.",
        how_to_reach="Dr. Priya Nair knows him from a methods course.",
    )
    prospect(
        "Dr. Amara Osei",
        goal=teaching.pk,
        why="Runs an international online teaching programme.",
        how_to_reach="Reply to her posts on teaching in resource-limited settings, then email.",
    )
    lee = prospect(
        "Jordan Lee",
        goal=sponsor.pk,
        why="Coaches physicians moving into leadership roles.",
        how_to_reach="Mark Sullivan worked with Jordan; ask him to connect us.",
    )
    prospect(
        None,
        name="Dr. Noor Haddad",
        organisation="Lakeside Medical Center",
        goal=teaching.pk,
        why="Built the journal club at Lakeside; knows what keeps one going.",
        sector="medicine",
        reach="regional",
        areas=["academic"],
        roles=["peer"],
        how_to_reach="Ask Dr. Fatima Rahman, who works at Lakeside.",
    )
    services.prospect_set_status(
        prospect=vasquez, status="reached_out", note="Emailed via Dr. Okafor's introduction."
    )
    services.prospect_set_status(prospect=chang, status="reached_out", note="Sent a short note.")
    services.prospect_set_status(prospect=lee, status="reached_out")

    def action(strategy: str, title: str, days: int, status: str = "planned", **extra: Any) -> None:
        services.action_create(
            owner=user,
            data={
                "strategy": strategy,
                "title": title,
                "due_date": today + timedelta(days=days),
                "status": status,
                **extra,
            },
        )

    action("journal_club", "Pick the first article and invite 4 residents", -5,
           goal=teaching.pk, nodes=nodes("Dr. Emily Tran", "Dr. Omar Haddad"))  # fmt: skip
    action("conference_backchannel", "Follow the spring assembly hashtag and reply to 3 speakers",
           -2, status="doing")  # fmt: skip
    action("research_collaboration", "Draft a one-page study outline for Dr. Nair", 10,
           goal=research.pk, nodes=nodes("Dr. Priya Nair"))  # fmt: skip
    action("international_ties", "Email Dr. Hannah Schmidt about a second site", 21,
           goal=research.pk, nodes=nodes("Dr. Hannah Schmidt"))  # fmt: skip
    action("weak_ties", "Share the new sepsis guideline summary with 3 weak ties", 5,
           nodes=nodes("Dr. Ravi Patel", "Dr. Grace Kim", "Dr. Luis Moreno"))  # fmt: skip
    action("mentors_sponsors", "Ask Dr. Okafor which committees need members", -12,
           goal=sponsor.pk, nodes=nodes("Dr. David Okafor"))  # fmt: skip
    action("social_media_presence", "Update my professional profile and bio", -20,
           status="done")  # fmt: skip
    action("connect_people", "Introduce Dr. Emily Tran to Dr. Fatima Rahman", 14,
           nodes=nodes("Dr. Emily Tran", "Dr. Fatima Rahman"))  # fmt: skip

    services.reflection_save(
        owner=user,
        data={
            "platforms": ["bluesky", "linkedin", "researchgate"],
            "profile_and_bio_check": "LinkedIn is current; Bluesky bio still names my residency.",
            "profile_current": False,
            "people_and_hashtags_followed": "FOAMed educators, #MedEd, #EMtwitter alumni, "
            "two toxicologists.",
            "posting_rhythm": "One post or thoughtful reply a week; share each journal club "
            "summary.",
            "pitfalls": ["no_patient_info", "accuracy", "personal_vs_institution"],
            "notes": "Add a disclaimer that views are my own.",
        },
    )
