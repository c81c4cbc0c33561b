"""The dashboard's "get your worksheet ready" checklist and its "since your
last session" card. Reads only, through each app's selectors."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from django.urls import reverse
from django.utils import timezone

from tiewise.accounts.selectors import profile_of
from tiewise.planning import selectors as planning_selectors

if TYPE_CHECKING:
    from tiewise.accounts.models import User


@dataclass(frozen=True, slots=True)
class Step:
    key: str
    title: str
    hint: str
    url: str
    done: bool
    progress: str = ""


def worksheet_steps(owner: User, counts: dict[str, Any]) -> list[Step]:
    """The seed framework in order: goals, bring people in, map who matters,
    five to add, plan, reflect, print and share with a coach."""
    from tiewise.coaching.selectors import coaches_of

    strength = {key: n for key, _, n in counts.get("strength", [])}
    goals = planning_selectors.goal_queryset(owner).count()
    prospects = planning_selectors.prospect_queryset(owner).count()
    actions = planning_selectors.action_queryset(owner).count()
    strong = strength.get("strong", 0)
    return [
        Step("goals", "Set your goals", "Two or three SMART goals for the year.",
             reverse("goal_new"), goals > 0, f"{goals:,} set" if goals else ""),
        Step("import", "Bring people in", "Upload LinkedIn contacts or a PubMed export.",
             reverse("import"), counts.get("total", 0) >= 10,
             f"{counts.get('total', 0):,} on your map" if counts.get("total") else ""),
        Step("map", "Map who matters", "Mentors, sponsors, friends, and who knows whom.",
             # Once there are strong ties, the step's work is the who-knows-whom grid.
             reverse("knows_grid") if strong >= 3 else reverse("node_list"),
             strong >= 3 and counts.get("alter_ties", 0) > 0,
             f"{strong:,} strong ties" if strong else ""),
        Step("prospects", "Five to add", "Name the people you want to meet.",
             reverse("prospect_list"), prospects >= 5,
             f"{prospects:,} of 5" if prospects else ""),
        Step("plan", "Plan", "Pick strategies; Tiewise fills in first steps.",
             reverse("plan") + "#plan-menu", actions > 0,
             f"{actions:,} actions" if actions else ""),
        Step("reflect", "Reflect", "Your online professional identity, in a short form.",
             reverse("reflection"), planning_selectors.reflection_for(owner) is not None),
        Step("share", "Print and share with a coach", "Download the worksheet; invite your coach.",
             reverse("coaching_home"), coaches_of(owner).exists()),
    ]  # fmt: skip


def show_guide(owner: User) -> bool:
    profile = profile_of(owner)
    return not (profile and profile.guide_dismissed)


def last_session(owner: User) -> tuple[date, str]:
    """The baseline of "since your last session": the last coaching session,
    else the last snapshot the owner took, else 30 days ago (or the day the
    account was made, when that is later)."""
    from tiewise.coaching.selectors import last_session_of_coachee
    from tiewise.upkeep.selectors import snapshot_queryset

    day = last_session_of_coachee(owner)
    if day is not None:
        return day, "your last coaching session"
    taken = snapshot_queryset(owner).filter(kind="manual").order_by("-taken_at").first()
    if taken is not None:
        return timezone.localtime(taken.taken_at).date(), "your last snapshot"
    month_ago = timezone.localdate() - timedelta(days=30)
    joined = timezone.localtime(owner.date_joined).date()
    if joined > month_ago:  # a new account: "since 30 days ago" would predate it
        return joined, "you joined"
    return month_ago, "30 days ago"
