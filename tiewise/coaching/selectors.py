"""Reads for coaching. Every coach read goes through `coach_relationship`,
which checks the live relationship on each request, and through the share
settings, so nothing the coachee did not share can be counted, listed,
searched or exported."""

from __future__ import annotations

import copy
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from statistics import median
from typing import Any

from django.db.models import Count, Max, Q, QuerySet
from django.utils import timezone

from tiewise.core.analysis import summary as report_summary
from tiewise.core.errors import NotFound
from tiewise.core.mapdata import map_payload
from tiewise.core.snapshots import diff_snapshots
from tiewise.core.types import PLN
from tiewise.insights.selectors import insights_for
from tiewise.network import selectors as network_selectors
from tiewise.network.models import Node
from tiewise.planning import selectors as planning_selectors
from tiewise.planning.models import Action, Goal, Prospect
from tiewise.upkeep import selectors as upkeep_selectors
from tiewise.upkeep.models import Interaction, Snapshot

from .models import CoachingRelationship, Cohort, Comment, Introduction, SessionNote

#: Goals whose target date falls within this many days go on the agenda.
GOAL_NEAR_DAYS = 30
#: Finding codes that describe the plan; hidden when the plan is not shared.
PLAN_FINDINGS = ("goal_unsupported",)


def parse_id(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise NotFound("Not found") from None


# --- access -------------------------------------------------------------------


def coach_relationship(coach: Any, relationship_id: Any) -> CoachingRelationship:
    """The live relationship in which `coach` coaches someone; anything
    else (not theirs, ended, not accepted yet) is a 404."""
    try:
        return CoachingRelationship.objects.select_related("coachee", "coachee__profile").get(
            pk=parse_id(relationship_id), coach=coach, status="active"
        )
    except CoachingRelationship.DoesNotExist:
        raise NotFound("No such coachee") from None


def plan_relationship(coach: Any, relationship_id: Any) -> CoachingRelationship:
    """As `coach_relationship`, and the coachee shares their plan (else 404)."""
    rel = coach_relationship(coach, relationship_id)
    if not rel.share_plan:
        raise NotFound("The plan is not shared")
    return rel


def member_relationship(user: Any, relationship_id: Any) -> CoachingRelationship:
    """A live relationship where `user` is the coach or the coachee."""
    try:
        return CoachingRelationship.objects.select_related("coach", "coachee").get(
            Q(coach=user) | Q(coachee=user), pk=parse_id(relationship_id), status="active"
        )
    except CoachingRelationship.DoesNotExist:
        raise NotFound("No such relationship") from None


def own_relationship(user: Any, relationship_id: Any) -> CoachingRelationship:
    """Any relationship (live or pending) where `user` is either side."""
    try:
        return CoachingRelationship.objects.select_related("coach", "coachee").get(
            Q(coach=user) | Q(coachee=user), pk=parse_id(relationship_id)
        )
    except CoachingRelationship.DoesNotExist:
        raise NotFound("No such relationship") from None


def coachees_of(coach: Any) -> QuerySet[CoachingRelationship]:
    return (
        CoachingRelationship.objects.filter(coach=coach, status="active")
        .select_related("coachee", "coachee__profile")
        .order_by("coachee__email")
    )


def coaches_of(coachee: Any) -> QuerySet[CoachingRelationship]:
    """The coachee's relationships that are live or waiting on someone."""
    return (
        CoachingRelationship.objects.filter(
            coachee=coachee, status__in=["active", "invited", "requested"]
        )
        .select_related("coach", "coach__profile")
        .order_by("status", "-created_at")
    )


def requests_sent_by(coach: Any) -> QuerySet[CoachingRelationship]:
    return CoachingRelationship.objects.filter(coach=coach, status="requested").select_related(
        "coachee"
    )


def cohort_for(coach: Any, cohort_id: Any) -> Cohort:
    try:
        return Cohort.objects.get(pk=parse_id(cohort_id), coach=coach)
    except Cohort.DoesNotExist:
        raise NotFound("No such cohort") from None


# --- what the coach may see -----------------------------------------------------


def include_private(rel: CoachingRelationship) -> bool:
    return bool(rel.share_private_nodes)


def visible_nodes(rel: CoachingRelationship) -> QuerySet[Node]:
    qs = network_selectors.node_queryset(rel.coachee)
    return qs if rel.share_private_nodes else qs.filter(private=False)


def hidden_node_ids(rel: CoachingRelationship) -> set[int]:
    if rel.share_private_nodes:
        return set()
    return set(Node.objects.filter(owner=rel.coachee, private=True).values_list("pk", flat=True))


def coachee_pln(rel: CoachingRelationship) -> PLN:
    return network_selectors.pln_snapshot(rel.coachee, include_private=include_private(rel))


def coachee_map(rel: CoachingRelationship, *, layout: str = "worksheet", seed: int = 0) -> Any:
    positions = network_selectors.map_positions(rel.coachee, layout)
    hidden = hidden_node_ids(rel)
    return map_payload(
        coachee_pln(rel),
        layout=layout,
        seed=seed,
        positions={k: v for k, v in positions.items() if k not in hidden},
    )


def coachee_insights(rel: CoachingRelationship) -> dict[str, Any]:
    """The insights report as the coach may see it: private nodes left out
    unless shared, and plan findings left out unless the plan is shared."""
    rep = insights_for(rel.coachee, include_private=include_private(rel))
    if rel.share_plan:
        return rep
    rep = copy.deepcopy(rep)
    rep["findings"] = [f for f in rep["findings"] if f["code"] not in PLAN_FINDINGS]
    rep["goals"] = None
    return rep


def coachee_summary(rel: CoachingRelationship) -> dict[str, Any]:
    return report_summary(coachee_insights(rel))


def search_people(rel: CoachingRelationship, filters: dict[str, Any]) -> QuerySet[Node]:
    return network_selectors.filter_nodes(visible_nodes(rel), filters)


#: What a coach sees of a person: the map's fields, never contact details or notes.
PERSON_FIELDS = (
    "id", "name", "kind", "strength", "modes", "areas", "roles", "organisation", "sector", "reach",
)  # fmt: skip


def person_row(node: Node) -> dict[str, Any]:
    row = network_selectors.node_dict(node)
    return {f: row[f] for f in PERSON_FIELDS}


# --- plan ----------------------------------------------------------------------


def _node_refs(nodes: Iterable[Node], hidden: set[int]) -> list[dict[str, Any]]:
    return [{"id": n.pk, "name": n.name} for n in nodes if n.pk not in hidden]


def coachee_goals(rel: CoachingRelationship) -> list[dict[str, Any]]:
    hidden = hidden_node_ids(rel)
    today = timezone.localdate()
    out = []
    for goal in planning_selectors.goal_queryset(rel.coachee):
        d = planning_selectors.goal_dict(goal, today=today)
        d["nodes"] = _node_refs(goal.nodes.all(), hidden)
        out.append(d)
    return out


def coachee_prospects(rel: CoachingRelationship) -> list[dict[str, Any]]:
    """The five to add; a prospect that is one of the coachee's private
    nodes stays hidden unless private nodes are shared."""
    hidden = hidden_node_ids(rel)
    out = []
    for p in planning_selectors.prospect_queryset(rel.coachee):
        if p.node_id in hidden:
            continue
        d = planning_selectors.prospect_dict(p)
        d["goal_title"] = p.goal.title if p.goal else ""
        out.append(d)
    return out


def coachee_actions(rel: CoachingRelationship) -> list[dict[str, Any]]:
    hidden = hidden_node_ids(rel)
    today = timezone.localdate()
    out = []
    for a in planning_selectors.actions_in_plan_order(rel.coachee):
        d = planning_selectors.action_dict(a, today=today)
        d["nodes"] = _node_refs(a.nodes.all(), hidden)
        d["goal_title"] = a.goal.title if a.goal else ""
        if not rel.share_notes:
            d["notes"] = ""
        out.append(d)
    return out


def plan_item(rel: CoachingRelationship, kind: str, item_id: Any) -> Goal | Prospect | Action:
    """One of the coachee's goals, prospects or actions (the plan must be shared)."""
    if not rel.share_plan:
        raise NotFound("The plan is not shared")
    getters = {
        "goal": planning_selectors.get_goal_for,
        "prospect": planning_selectors.get_prospect_for,
        "action": planning_selectors.get_action_for,
    }
    if kind not in getters:
        raise NotFound("No such item")
    item: Any = getters[kind](rel.coachee, item_id)
    if kind == "prospect" and item.node_id in hidden_node_ids(rel):
        raise NotFound("No such prospect")
    return item  # type: ignore[no-any-return]


# --- interactions ----------------------------------------------------------------


def coachee_interactions(rel: CoachingRelationship, *, limit: int = 20) -> list[dict[str, Any]]:
    """Recent interactions, with private people left out (and an interaction
    with only private people left out whole); notes only when shared."""
    hidden = hidden_node_ids(rel)
    out = []
    for i in upkeep_selectors.interaction_queryset(rel.coachee)[: limit * 2]:
        d = upkeep_selectors.interaction_dict(i)
        pairs = [(n, name) for n, name in zip(d["nodes"], d["node_names"], strict=True)]
        pairs = [(n, name) for n, name in pairs if n not in hidden]
        if not pairs:
            continue
        d["nodes"] = [n for n, _ in pairs]
        d["node_names"] = [name for _, name in pairs]
        if not rel.share_notes:
            d["note"] = ""
        out.append(d)
        if len(out) >= limit:
            break
    return out


# --- caseload --------------------------------------------------------------------


def last_session_date(rel: CoachingRelationship) -> date | None:
    return rel.session_notes.aggregate(last=Max("date"))["last"]  # type: ignore[no-any-return]


def last_update(rel: CoachingRelationship) -> datetime | None:
    """When the coachee last changed something the coach may see."""
    stamps = [
        visible_nodes(rel).aggregate(m=Max("updated_at"))["m"],
        # Only interactions with people the coach may see: logging a contact
        # with a private person must not move the date either.
        Interaction.objects.filter(owner=rel.coachee, nodes__in=visible_nodes(rel)).aggregate(
            m=Max("created_at")
        )["m"],
    ]
    if rel.share_plan:
        for model in (Goal, Prospect, Action):
            stamps.append(
                model.objects.filter(owner=rel.coachee).aggregate(m=Max("updated_at"))["m"]
            )
    found = [s for s in stamps if s is not None]
    return max(found) if found else None


def due_counts(rel: CoachingRelationship, *, today: date | None = None) -> dict[str, int | None]:
    """Ties due (or overdue) and overdue actions; actions only with the plan."""
    day = today or timezone.localdate()
    hidden = hidden_node_ids(rel)
    items = upkeep_selectors.due_items(rel.coachee, on=day)
    ties = sum(
        1
        for i in items
        if i.type == "tie" and i.node_id not in hidden and i.status in ("due", "overdue")
    )
    actions = (
        planning_selectors.overdue_actions(rel.coachee, today=day).count()
        if rel.share_plan
        else None
    )
    return {"due_ties": ties, "overdue_actions": actions}


def growth_since(rel: CoachingRelationship, since: date | None) -> int | None:
    """How many (visible) people joined the map since the last session."""
    if since is None:
        return None
    start = timezone.make_aware(datetime.combine(since + timedelta(days=1), datetime.min.time()))
    return visible_nodes(rel).filter(created_at__gte=start).count()


@dataclass
class CaseloadRow:
    rel: CoachingRelationship
    last_update: datetime | None
    due_ties: int
    overdue_actions: int | None
    active_goals: int | None
    summary: dict[str, Any]
    last_session: date | None
    grown_by: int | None


def caseload_row(rel: CoachingRelationship, *, today: date | None = None) -> CaseloadRow:
    counts = due_counts(rel, today=today)
    last = last_session_date(rel)
    return CaseloadRow(
        rel=rel,
        last_update=last_update(rel),
        due_ties=int(counts["due_ties"] or 0),
        overdue_actions=counts["overdue_actions"],
        active_goals=(
            Goal.objects.filter(owner=rel.coachee, status="active").count()
            if rel.share_plan
            else None
        ),
        summary=coachee_summary(rel),
        last_session=last,
        grown_by=growth_since(rel, last),
    )


def caseload(coach: Any, *, today: date | None = None) -> list[CaseloadRow]:
    return [caseload_row(rel, today=today) for rel in coachees_of(coach)]


def caseload_dict(row: CaseloadRow) -> dict[str, Any]:
    rel = row.rel
    return {
        "id": rel.pk,
        "coachee": {"id": rel.coachee_id, "name": rel.coachee.display_name},
        "share": share_dict(rel),
        "last_update": row.last_update,
        "due_ties": row.due_ties,
        "overdue_actions": row.overdue_actions,
        "active_goals": row.active_goals,
        "summary": row.summary,
        "last_session": row.last_session,
        "grown_since_last_session": row.grown_by,
    }


def share_dict(rel: CoachingRelationship) -> dict[str, bool]:
    return {
        "private_nodes": rel.share_private_nodes,
        "notes": rel.share_notes,
        "plan": rel.share_plan,
    }


def relationship_dict(rel: CoachingRelationship) -> dict[str, Any]:
    return {
        "id": rel.pk,
        "status": rel.status,
        "coach": {"id": rel.coach.pk, "name": rel.coach.display_name} if rel.coach else None,
        "coachee": {"id": rel.coachee_id, "name": rel.coachee.display_name},
        "invited_email": rel.invited_email,
        "share": share_dict(rel),
        "created_at": rel.created_at,
        "accepted_at": rel.accepted_at,
        "ended_at": rel.ended_at,
    }


# --- comments, notes --------------------------------------------------------------


def comments_in(rel: CoachingRelationship) -> QuerySet[Comment]:
    return Comment.objects.filter(relationship=rel).select_related(
        "author", "author__profile", "goal", "prospect", "action"
    )


def comments_on(user: Any, kind: str, item: Any) -> list[Comment]:
    """Comments on one of `user`'s own goals, prospects or actions, from
    every relationship (including ended ones: the coachee keeps the record)."""
    if kind not in ("goal", "prospect", "action"):
        return []
    return list(
        Comment.objects.filter(relationship__coachee=user, **{kind: item}).select_related(
            "author", "author__profile", "relationship"
        )
    )


def comments_for_coachee(user: Any) -> list[Comment]:
    return list(
        Comment.objects.filter(relationship__coachee=user)
        .select_related("author", "author__profile", "goal", "prospect", "action")
        .order_by("-created_at", "-id")[:100]
    )


def comment_dict(c: Comment) -> dict[str, Any]:
    item: Any = c.item
    return {
        "id": c.pk,
        "relationship": c.relationship_id,
        "author": {"id": c.author_id, "name": c.author.display_name},
        "item_kind": c.kind,
        "item_id": item.pk,
        "item_title": getattr(item, "title", None) or getattr(item, "name", ""),
        "body": c.body,
        "created_at": c.created_at,
    }


def notes_for_coach(rel: CoachingRelationship) -> QuerySet[SessionNote]:
    return rel.session_notes.all()


def notes_shared_with(coachee: Any) -> QuerySet[SessionNote]:
    return SessionNote.objects.filter(relationship__coachee=coachee, shared=True).select_related(
        "relationship__coach", "relationship__coach__profile"
    )


def note_dict(n: SessionNote) -> dict[str, Any]:
    return {
        "id": n.pk,
        "relationship": n.relationship_id,
        "date": n.date,
        "body": n.body,
        "shared": n.shared,
        "created_at": n.created_at,
        "updated_at": n.updated_at,
    }


# --- the agenda ---------------------------------------------------------------------


def _visible_state(
    rel: CoachingRelationship, data: dict[str, Any], keep: set[int]
) -> dict[str, Any]:
    """A snapshot cut down to what the coach may see."""
    out = dict(data)
    out["nodes"] = [n for n in data.get("nodes") or [] if int(n.get("id", 0)) in keep]
    out["lapsed"] = [i for i in data.get("lapsed") or [] if int(i) in keep]
    if not rel.share_plan:
        out["done_actions"] = []
    if not rel.share_private_nodes:
        out["alter_ties"] = 0  # the count may include private people
    return out


def changes_since(rel: CoachingRelationship, since: date | None) -> dict[str, Any] | None:
    """What changed since the snapshot closest before `since` (or the latest
    snapshot when no session was recorded), as the coach may see it."""
    snaps = Snapshot.objects.filter(owner=rel.coachee)
    if since is not None:
        end = timezone.make_aware(datetime.combine(since + timedelta(days=1), datetime.min.time()))
        base = snaps.filter(taken_at__lt=end).order_by("-taken_at", "-id").first()
    else:
        base = snaps.order_by("-taken_at", "-id").first()
    if base is None:
        return None
    keep = set(visible_nodes(rel).values_list("pk", flat=True))
    now = upkeep_selectors.pln_state(rel.coachee)
    diff = diff_snapshots(_visible_state(rel, base.data, keep), _visible_state(rel, now, keep))
    diff["since"] = base.taken_at
    # People removed since are not shown: the coach cannot tell whether they were private.
    diff["removed_nodes"] = []
    return diff


@dataclass
class AgendaData:
    today: date
    last_session: date | None
    overdue_actions: list[dict[str, Any]]
    goals_near: list[dict[str, Any]]
    gaps: list[dict[str, Any]]
    changes: dict[str, Any] | None
    due_ties: list[dict[str, Any]]


def agenda_for(rel: CoachingRelationship, *, today: date | None = None) -> AgendaData:
    """The generated agenda: overdue actions, goals near their date, gaps
    (insights findings) and what changed since the last session."""
    day = today or timezone.localdate()
    last = last_session_date(rel)
    overdue: list[dict[str, Any]] = []
    near: list[dict[str, Any]] = []
    if rel.share_plan:
        overdue = [
            {"id": a.pk, "title": a.title, "due_date": a.due_date}
            for a in planning_selectors.overdue_actions(rel.coachee, today=day)
        ]
        near = [
            {"id": g.pk, "title": g.title, "target_date": g.target_date}
            for g in Goal.objects.filter(
                owner=rel.coachee,
                status="active",
                target_date__gte=day,
                target_date__lte=day + timedelta(days=GOAL_NEAR_DAYS),
            ).order_by("target_date", "id")
        ]
    rep = coachee_insights(rel)
    gaps = [
        {"code": f["code"], "title": f["title"], "severity": f["severity"]}
        for f in rep["findings"]
        if f["severity"] in ("high", "medium")
    ]
    hidden = hidden_node_ids(rel)
    due = [
        {"node_id": i.node_id, "name": i.title, "status": i.status, "due_date": i.due_date}
        for i in upkeep_selectors.due_items(rel.coachee, on=day)
        if i.type == "tie" and i.node_id not in hidden and i.status == "overdue"
    ][:10]
    return AgendaData(day, last, overdue, near, gaps, changes_since(rel, last), due)


def agenda_text(data: AgendaData, *, coachee_name: str) -> str:
    """The agenda as plain text: the starting point the coach edits."""
    lines = [f"Session with {coachee_name}, prepared {data.today:%-d %B %Y}", ""]
    if data.last_session:
        lines.append(f"Last session: {data.last_session:%-d %B %Y}")
        lines.append("")

    def section(title: str, items: list[str]) -> None:
        if items:
            lines.append(title)
            lines.extend(f"- {i}" for i in items)
            lines.append("")

    section(
        "Overdue actions",
        [f"{a['title']} (due {a['due_date']:%-d %b})" for a in data.overdue_actions],
    )
    section(
        "Goals coming up",
        [f"{g['title']} (target {g['target_date']:%-d %b})" for g in data.goals_near],
    )
    section("Gaps to discuss", [g["title"] for g in data.gaps])
    if data.changes and data.changes.get("has_changes"):
        ch = data.changes
        items = []
        if ch["new_nodes"]:
            items.append("New: " + ", ".join(n["name"] for n in ch["new_nodes"]))
        if ch["strengthened"]:
            items.append("Stronger: " + ", ".join(n["name"] for n in ch["strengthened"]))
        if ch["weakened"]:
            items.append("Weaker: " + ", ".join(n["name"] for n in ch["weakened"]))
        if ch["lapsed"]:
            items.append("Gone quiet: " + ", ".join(n["name"] for n in ch["lapsed"]))
        if ch["actions_completed"]:
            items.append("Done: " + ", ".join(a["title"] for a in ch["actions_completed"]))
        section("What changed since last time", items)
    section("Ties overdue for contact", [t["name"] for t in data.due_ties])
    lines.append("Next steps")
    lines.append("- ")
    return "\n".join(lines).rstrip() + "\n"


def agenda_dict(data: AgendaData, *, saved_text: str, coachee_name: str) -> dict[str, Any]:
    return {
        "today": data.today,
        "last_session": data.last_session,
        "overdue_actions": data.overdue_actions,
        "goals_near_target": data.goals_near,
        "gaps": data.gaps,
        "changes": data.changes,
        "due_ties": data.due_ties,
        "text": agenda_text(data, coachee_name=coachee_name),
        "saved_text": saved_text,
    }


# --- introductions ---------------------------------------------------------------------


def introductions_for(coachee: Any) -> QuerySet[Introduction]:
    return Introduction.objects.filter(relationship__coachee=coachee).select_related(
        "relationship__coach", "relationship__coach__profile", "prospect"
    )


def introduction_for_coachee(coachee: Any, introduction_id: Any) -> Introduction:
    try:
        return introductions_for(coachee).get(pk=parse_id(introduction_id))
    except Introduction.DoesNotExist:
        raise NotFound("No such introduction") from None


def introduction_dict(i: Introduction) -> dict[str, Any]:
    coach = i.relationship.coach
    return {
        "id": i.pk,
        "relationship": i.relationship_id,
        "introducer": coach.display_name if coach else "",
        "name": i.name,
        "why": i.why,
        "status": i.status,
        "prospect": i.prospect_id,
        "created_at": i.created_at,
    }


# --- cohorts ----------------------------------------------------------------------------


def _spread(values: list[float]) -> dict[str, Any]:
    if not values:
        return {"n": 0, "min": None, "median": None, "max": None}
    return {"n": len(values), "min": min(values), "median": median(values), "max": max(values)}


SIZE_BUCKETS = ((0, 9), (10, 24), (25, 49), (50, 99), (100, None))


def cohort_aggregates(cohort: Cohort) -> dict[str, Any]:
    """Only aggregates: no coachee or third-party names. Members whose
    relationship ended are left out; goals count only where the plan is shared."""
    rels = [r for r in cohort.members.select_related("coachee") if r.status == "active"]
    rels = [r for r in rels if r.coach_id == cohort.coach_id]
    sizes: list[float] = []
    weak: list[float] = []
    blau: list[float] = []
    goals = {"active": 0, "achieved": 0, "dropped": 0, "members_sharing": 0}
    for rel in rels:
        s = coachee_summary(rel)
        sizes.append(s["size"])
        if s["weak_tie_share"] is not None:
            weak.append(s["weak_tie_share"])
        if s["blau_sector"] is not None:
            blau.append(s["blau_sector"])
        if rel.share_plan:
            goals["members_sharing"] += 1
    sharing = [r.coachee_id for r in rels if r.share_plan]
    for status, n in (
        Goal.objects.filter(owner_id__in=sharing, status__in=("active", "achieved", "dropped"))
        .values_list("status")
        .annotate(n=Count("id"))
    ):
        goals[status] += n
    buckets = []
    for lo, hi in SIZE_BUCKETS:
        label = f"{lo}–{hi}" if hi is not None else f"{lo}+"
        n = sum(1 for v in sizes if v >= lo and (hi is None or v <= hi))
        buckets.append({"label": label, "count": n})
    return {
        "members": len(rels),
        "size": _spread(sizes),
        "size_buckets": buckets,
        "weak_tie_share": _spread(weak),
        "blau_sector": _spread(blau),
        "goals": goals,
    }
