"""Reads for coaching.

A coach reads a coachee only through a `CoachView`: what that coach may see
of that coachee, computed once per request by `coach_view` (or, for a
caseload, `coach_views`). Building one checks the live relationship, so
revoking is immediate, and turns anything not shared into NotFound. Every
coach read below takes the view and derives what it shows from it, so
nothing the coachee did not share can be counted, listed, searched, dated
or exported. Other apps are read only through their selectors."""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from statistics import median
from typing import TYPE_CHECKING, Any, Generic, NamedTuple, TypeVar

from django.core.cache import cache
from django.db.models import Max, Q, QuerySet
from django.utils import timezone

from tiewise.accounts import selectors as account_selectors
from tiewise.core.analysis import summary as report_summary
from tiewise.core.errors import NotFound
from tiewise.core.mapdata import map_payload
from tiewise.core.nodefields import COACH, COACH_SEARCH, FILTERS
from tiewise.core.snapshots import diff_snapshots
from tiewise.core.svg import render_svg
from tiewise.core.types import PLN
from tiewise.core.vocab import AREAS, MODES, STRENGTHS
from tiewise.insights import selectors as insights_selectors
from tiewise.learning import selectors as learning_selectors
from tiewise.network import selectors as network_selectors
from tiewise.planning import selectors as planning_selectors
from tiewise.pln_cache import cached_for, pln_key
from tiewise.upkeep import selectors as upkeep_selectors

from .models import (
    Agenda,
    CoachingRelationship,
    Cohort,
    Comment,
    Introduction,
    SessionNote,
)

if TYPE_CHECKING:
    from tiewise.accounts.models import User

#: Goals whose target date falls within this many days go on the agenda.
GOAL_NEAR_DAYS = 30
#: Finding codes that describe the plan; hidden when the plan is not shared.
PLAN_FINDINGS = ("goal_unsupported", "no_one_for_skill")  # goals; skills (growth areas)
#: The people filters a coach may use: those on fields a coach sees (no tags).
COACH_FILTERS = {param: f for param, f in FILTERS.items() if f.coach}

T = TypeVar("T")


def parse_id(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise NotFound("Not found") from None


# --- the view ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CoachView:
    """What the coach of a live relationship may see of the coachee, read
    once per request. Build it with `coach_view` or `coach_views`, never by
    hand: they check the relationship is live."""

    rel: CoachingRelationship
    coachee: User
    #: The coachee's nodes this coach may see (the private ones only when shared).
    visible_ids: frozenset[int]
    private_nodes: bool
    notes: bool
    plan: bool

    def sees(self, node_id: int | None) -> bool:
        return node_id in self.visible_ids

    def nodes(self) -> QuerySet[Any]:
        """The coachee's nodes the coach may see, as a query (the same rule
        as `visible_ids`, for reads that page or search in the database)."""
        qs = network_selectors.node_queryset(self.coachee)
        return qs if self.private_nodes else qs.filter(private=False)

    def linked(self, path: str) -> Q:
        """Rows whose optional node at `path` is either none or one the
        coach may see (e.g. a prospect and the node it points at)."""
        if self.private_nodes:
            return Q()
        return Q(**{f"{path}__isnull": True}) | Q(**{f"{path}__private": False})


def _live(coach: User, relationship_id: Any) -> CoachingRelationship:
    try:
        return CoachingRelationship.objects.select_related("coachee", "coachee__profile").get(
            pk=parse_id(relationship_id), coach=coach, status="active"
        )
    except CoachingRelationship.DoesNotExist:
        raise NotFound("No such coachee") from None


def _views(rels: Sequence[CoachingRelationship]) -> list[CoachView]:
    """Views of live relationships (their coachee read with the profile):
    one query for the visible nodes of all of them. A live relationship
    always has its coachee (a database check says so)."""
    live = [(rel, rel.coachee) for rel in rels if rel.coachee is not None]
    ids = network_selectors.visible_node_ids(
        {coachee.pk: rel.share_private_nodes for rel, coachee in live}
    )
    return [
        CoachView(
            rel=rel,
            coachee=coachee,
            visible_ids=ids[coachee.pk],
            private_nodes=rel.share_private_nodes,
            notes=rel.share_notes,
            plan=rel.share_plan,
        )
        for rel, coachee in live
    ]


def coach_view(coach: User, relationship_id: Any, *, plan: bool = False) -> CoachView:
    """What `coach` may see in the live relationship `relationship_id`.
    Anything else (not theirs, ended, not accepted yet) is NotFound, and so
    is a view that needs the plan (`plan=True`) when it is not shared."""
    rel = _live(coach, relationship_id)
    if plan and not rel.share_plan:
        raise NotFound("The plan is not shared")
    return _views([rel])[0]


def coach_views(coach: User) -> list[CoachView]:
    """A view of each of the coach's live coachees (two queries)."""
    return _views(list(coachees_of(coach)))


def relationship_view(rel: CoachingRelationship) -> CoachView:
    """The view of the coach of `rel`, a live relationship (for what either
    side writes in it: a comment must be about something the coach sees)."""
    if not rel.is_active:
        raise NotFound("No such relationship")
    return _views([rel])[0]


class Seen(NamedTuple):
    """A row of the coachee's data and the view it is shown through."""

    view: CoachView
    row: Any


class Rows(Generic[T]):
    """A queryset read page by page: `rows[a:b]` reads only that slice from
    the database and hands it to `build` (which may batch its own reads for
    the page); `all()` is the queryset, for counting. API lists return one,
    and `@paginate(shaped(...))` shapes only the page."""

    def __init__(self, queryset: QuerySet[Any], build: Callable[[list[Any]], list[T]]) -> None:
        self.queryset = queryset
        self.build = build

    def all(self) -> QuerySet[Any]:
        return self.queryset

    def __getitem__(self, page: slice) -> list[T]:
        return self.build(list(self.queryset[page]))

    def __iter__(self) -> Iterator[T]:
        return iter(self.build(list(self.queryset)))


def seen(view: CoachView, queryset: QuerySet[Any]) -> Rows[Seen]:
    """The rows of `queryset`, each paired with the view that shows it."""
    return Rows(queryset, lambda rows: [Seen(view, row) for row in rows])


# --- relationships ---------------------------------------------------------------------


def member_relationship(user: User, relationship_id: Any) -> CoachingRelationship:
    """A live relationship where `user` is the coach or the coachee."""
    try:
        return CoachingRelationship.objects.select_related(
            "coach", "coachee", "coachee__profile"
        ).get(Q(coach=user) | Q(coachee=user), pk=parse_id(relationship_id), status="active")
    except CoachingRelationship.DoesNotExist:
        raise NotFound("No such relationship") from None


def own_relationship(user: User, relationship_id: Any) -> CoachingRelationship:
    """Any relationship (live or pending) where `user` is either side."""
    try:
        return CoachingRelationship.objects.select_related("coach", "coachee").get(
            Q(coach=user) | Q(coachee=user), pk=parse_id(relationship_id)
        )
    except CoachingRelationship.DoesNotExist:
        raise NotFound("No such relationship") from None


def relationships_of(user: User) -> QuerySet[CoachingRelationship]:
    """Every relationship of `user`, on both sides, newest first."""
    return CoachingRelationship.objects.filter(Q(coach=user) | Q(coachee=user)).select_related(
        "coach", "coach__profile", "coachee", "coachee__profile"
    )


def coachees_of(coach: User) -> QuerySet[CoachingRelationship]:
    return (
        CoachingRelationship.objects.filter(coach=coach, status="active")
        .select_related("coachee", "coachee__profile")
        .order_by("coachee__email", "id")
    )


def coaches_of(coachee: User) -> QuerySet[CoachingRelationship]:
    """The coachee's relationships that are live or waiting on someone,
    with the requests addressed to their confirmed address."""
    mine = Q(coachee=coachee, status__in=["active", "invited"])
    if account_selectors.email_verified(coachee):
        mine |= Q(status="requested", coachee__isnull=True, invited_email__iexact=coachee.email)
    return (
        CoachingRelationship.objects.filter(mine)
        .select_related("coach", "coach__profile")
        .order_by("status", "-created_at")
    )


def coaches_sharing_plan(coachee: User) -> list[CoachingRelationship]:
    """The coachee's live relationships that share the plan (who may
    comment on her goals, prospects and actions)."""
    return list(
        CoachingRelationship.objects.filter(
            coachee=coachee, status="active", share_plan=True
        ).select_related("coach", "coach__profile")
    )


def requests_sent_by(coach: User) -> QuerySet[CoachingRelationship]:
    """The coach's requests still waiting: each names only the address typed."""
    return CoachingRelationship.objects.filter(coach=coach, status="requested")


def cohort_for(coach: User, cohort_id: Any) -> Cohort:
    try:
        return Cohort.objects.get(pk=parse_id(cohort_id), coach=coach)
    except Cohort.DoesNotExist:
        raise NotFound("No such cohort") from None


def cohorts_of(coach: User) -> QuerySet[Cohort]:
    return Cohort.objects.filter(coach=coach)


# --- the map, people and insights ------------------------------------------------------


def coachee_pln(view: CoachView, *, alter_ties: bool = True) -> PLN:
    """The coachee's PLN as the coach may see it (the map, the SVG);
    `alter_ties=False` leaves the ties out, for a reader that picks its own."""
    pln = network_selectors.pln_snapshot(
        view.coachee, include_private=view.private_nodes, alter_ties=alter_ties
    )
    nodes = tuple(n for n in pln.nodes if view.sees(n.id))
    ties = tuple(t for t in pln.alter_ties if view.sees(t.source) and view.sees(t.target))
    return replace(pln, nodes=nodes, alter_ties=ties)


def coachee_focus_pln(
    view: CoachView, *, pinned: frozenset[int] = frozenset(), compact: bool = False
) -> PLN:
    """The coachee's PLN as the coach may see it, with only the ties the
    worksheet draws (`network_selectors.focus_pln`): the map's worksheet
    layout and the SVG read a few dozen ties, not all 70,000."""
    return network_selectors.focus_pln(
        view.coachee, pinned=pinned, compact=compact, people=coachee_pln(view, alter_ties=False)
    )


def coachee_map_svg(view: CoachView) -> str:
    """The coachee's worksheet as an SVG, as the coach may see it, once per
    coachee PLN version, relationship and sharing."""
    return cached_for(
        view.coachee,
        "coach-map-svg",
        lambda: render_svg(coachee_focus_pln(view), title=f"PLN of {view.coachee.display_name}"),
        view.rel.pk,
        int(view.private_nodes),
    )


def coachee_map_json(
    view: CoachView,
    *,
    layout: str = "worksheet",
    seed: int = 0,
    group: str | None = None,
    members_url: str = "?group=",
    compact: bool = False,
) -> bytes:
    """`coachee_map` as the API answers it (JSON, unset fields left out),
    cached per coachee PLN version, day, sharing and every parameter, as
    the owner's map is: at 3,000 ties the clusters view took 4-6 s and the
    worksheet half a second on every request. b"" when `group` is none of
    this view's groups."""
    found = network_selectors.map_positions(view.coachee, layout)
    positions = {k: v for k, v in found.items() if view.sees(k)}
    return network_selectors.cached_map_json(
        view.coachee,
        "coach-map-json",
        lambda: coachee_map(
            view, layout=layout, seed=seed, group=group, members_url=members_url,
            compact=compact, positions=positions,
        ),
        positions,
        view.rel.pk, int(view.private_nodes), layout, seed, group or "", int(compact), members_url,
        exclude_unset=True,
    )  # fmt: skip


def coachee_map(
    view: CoachView,
    *,
    layout: str = "worksheet",
    seed: int = 0,
    group: str | None = None,
    members_url: str = "?group=",
    compact: bool = False,
    positions: dict[int, tuple[float, float]] | None = None,
) -> Any:
    """The coachee's map as shared; `group` answers one group's members.
    A group the coach's view does not hold raises KeyError. The worksheet
    reads only the ties among the people it names (`focus_pln`), and the
    clusters come from the insights' cached structure of the same people,
    as on the owner's map."""
    if positions is None:
        found = network_selectors.map_positions(view.coachee, layout)
        positions = {k: v for k, v in found.items() if view.sees(k)}
    if layout == "worksheet":
        pln = coachee_focus_pln(view, pinned=frozenset(positions), compact=compact)
    else:
        pln = coachee_pln(view)
    return map_payload(
        pln,
        layout=layout,
        seed=seed,
        positions=positions,
        group=group,
        members_url=members_url,
        compact=compact,
        clusters=insights_selectors.clusters_for(view.coachee, pln),
    )


def _as_seen(view: CoachView, rep: dict[str, Any]) -> dict[str, Any]:
    """An insights report cut down to the view: plan findings and the goals
    section only when the plan is shared."""
    if view.plan:
        return rep
    rep = copy.deepcopy(rep)
    rep["findings"] = [f for f in rep["findings"] if f["code"] not in PLAN_FINDINGS]
    rep["goals"] = None
    return rep


def coachee_insights(view: CoachView) -> dict[str, Any]:
    """The insights report as the coach may see it: private nodes left out
    before anything is counted unless shared, plan findings only with the plan."""
    rep = insights_selectors.insights_for(view.coachee, include_private=view.private_nodes)
    return _as_seen(view, rep)


def finding_names(view: CoachView, rep: dict[str, Any]) -> dict[int, str]:
    """Names of the people the report's findings mention, that the coach sees."""
    ids = {i for f in rep["findings"] for i in f["node_ids"] if view.sees(i)}
    return network_selectors.node_names(view.coachee, ids)


def search_people(view: CoachView, filters: dict[str, Any]) -> QuerySet[Any]:
    """The coachee's people the coach sees, searched only in fields the
    coach sees (names and organisations, never email, title or tags) and
    filtered only by them."""
    wanted = {k: v for k, v in filters.items() if k == "q" or k in COACH_FILTERS}
    return network_selectors.filter_nodes(view.nodes(), wanted, search_fields=COACH_SEARCH)


def person_row(node: Any) -> dict[str, Any]:
    """What a coach sees of a person: the map's fields, never contact
    details or notes."""
    values = network_selectors.node_values(node)
    return {"id": node.pk, **{name: values[name] for name in COACH}}


# --- plan ----------------------------------------------------------------------------


def _refs(view: CoachView, nodes: Iterable[Any]) -> list[dict[str, Any]]:
    return [{"id": n.pk, "name": n.name} for n in nodes if view.sees(n.pk)]


def coachee_goals(view: CoachView) -> Rows[Seen]:
    return seen(view, planning_selectors.goal_queryset(view.coachee))


def goal_row(item: Seen) -> dict[str, Any]:
    view, goal = item
    d = planning_selectors.goal_dict(goal)
    d["nodes"] = _refs(view, goal.nodes.all())
    return d


def coachee_prospects(view: CoachView) -> Rows[Seen]:
    """The five to add; a prospect that is one of the coachee's private
    nodes stays hidden unless private nodes are shared."""
    qs = planning_selectors.prospect_queryset(view.coachee).filter(view.linked("node"))
    return seen(view, qs)


def prospect_row(item: Seen) -> dict[str, Any]:
    view, prospect = item
    d = planning_selectors.prospect_dict(prospect)
    d["goal_title"] = prospect.goal.title if prospect.goal else ""
    if not view.notes:
        d["history"] = [{**event, "note": ""} for event in d["history"]]
    return d


def coachee_actions(view: CoachView) -> Rows[Seen]:
    return seen(view, planning_selectors.actions_in_plan_order(view.coachee))


def action_row(item: Seen) -> dict[str, Any]:
    view, action = item
    d = planning_selectors.action_dict(action)
    d["nodes"] = _refs(view, action.nodes.all())
    d["goal_title"] = action.goal.title if action.goal else ""
    if not view.notes:
        d["notes"] = ""
    return d


def plan_item(view: CoachView, kind: str, item_id: Any) -> Any:
    """One of the coachee's goals, prospects or actions that the coach sees
    (the plan must be shared); anything else is NotFound."""
    if not view.plan:
        raise NotFound("The plan is not shared")
    getters = {
        "goal": planning_selectors.get_goal_for,
        "prospect": planning_selectors.get_prospect_for,
        "action": planning_selectors.get_action_for,
    }
    if kind not in getters:
        raise NotFound("No such item")
    item: Any = getters[kind](view.coachee, item_id)
    if kind == "prospect" and item.node_id is not None and not view.sees(item.node_id):
        raise NotFound("No such prospect")
    return item


# --- interactions --------------------------------------------------------------------


def coachee_interactions(view: CoachView) -> Rows[Seen]:
    """Interactions, newest first, with at least one person the coach sees
    (an interaction with only private people is left out whole)."""
    return seen(view, upkeep_selectors.interactions_with_nodes(view.coachee, view.nodes()))


def interaction_row(item: Seen) -> dict[str, Any]:
    """An interaction with the private people left out. Its note (and the
    warnings computed from it) only with the notes shared, and only when
    the coach sees everyone in it: a note about a private person (such as
    "Introduced Jane and Sam.") would name them."""
    view, interaction = item
    d = upkeep_selectors.interaction_dict(interaction)
    pairs = [(n, name) for n, name in zip(d["nodes"], d["node_names"], strict=True) if view.sees(n)]
    everyone = len(pairs) == len(d["nodes"])
    d["nodes"] = [n for n, _ in pairs]
    d["node_names"] = [name for _, name in pairs]
    if not (view.notes and everyone):
        d["note"] = ""
        d["warnings"] = []
    return d


# --- caseload ------------------------------------------------------------------------


def last_session_date(rel: CoachingRelationship) -> date | None:
    return rel.session_notes.aggregate(last=Max("date"))["last"]  # type: ignore[no-any-return]


def last_session_of_coachee(coachee: User) -> date | None:
    """The latest coaching session the coachee had, with any coach."""
    found = SessionNote.objects.filter(relationship__coachee=coachee).aggregate(d=Max("date"))
    return found["d"]  # type: ignore[no-any-return]


def _start_of_day_after(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day + timedelta(days=1), datetime.min.time()))


@dataclass
class CaseloadRow:
    view: CoachView
    last_update: datetime | None
    due_ties: int
    overdue_actions: int | None
    active_goals: int | None
    summary: dict[str, Any]
    last_session: date | None
    grown_by: int | None

    @property
    def rel(self) -> CoachingRelationship:
        return self.view.rel


def caseload_rows(views: Sequence[CoachView], *, today: date | None = None) -> list[CaseloadRow]:
    """The caseload figures of each view, in a fixed number of queries
    whatever the number of coachees: each read below covers all of them.

    Every figure derives from the view: "last update" moves only on
    something the coach may see (a visible person, an interaction with one,
    and with the plan a goal, an action or a prospect not pointing at a
    private person), and growth counts visible people only."""
    if not views:
        return []
    day = today or timezone.localdate()
    owner_ids = [v.coachee.pk for v in views]
    sessions = dict(
        SessionNote.objects.filter(relationship__in=[v.rel for v in views])
        .order_by()
        .values("relationship_id")
        .annotate(last=Max("date"))
        .values_list("relationship_id", "last")
    )
    versions = account_selectors.pln_versions(v.coachee for v in views)
    people, read = _people_figures(views, sessions, day, versions)
    # Read for everyone, shown only where the plan is shared: the same
    # queries whoever shares what.
    plans = planning_selectors.plan_figures(owner_ids, today=day)
    # Today's tie rows and people, when they were just read for every coachee.
    ties, plns = read if read is not None and day == timezone.localdate() else (None, None)
    reports = insights_selectors.insights_for_many(
        [(v.coachee, v.private_nodes) for v in views],
        tie_rows=ties,
        people=plns,
        versions=versions,
    )
    rows = []
    for view, rep in zip(views, reports, strict=True):
        last_seen, due, grown = people[view.rel.pk]
        found = [last_seen]
        plan = plans[view.coachee.pk]
        if view.plan:
            found += [plan.goals_updated, plan.actions_updated]
            found += [at for n, at in plan.prospects_updated.items() if n is None or view.sees(n)]
        stamped = [s for s in found if s is not None]
        rows.append(
            CaseloadRow(
                view=view,
                last_update=max(stamped) if stamped else None,
                due_ties=due,
                overdue_actions=plan.overdue_actions if view.plan else None,
                active_goals=plan.active_goals if view.plan else None,
                summary=report_summary(_as_seen(view, rep)),
                last_session=sessions.get(view.rel.pk),
                grown_by=grown,
            )
        )
    return rows


#: (latest visible change to a person or an interaction, ties due, people
#: added since the last session) of one coachee, as one coach sees them.
PeopleFigures = tuple[datetime | None, int, int | None]


def _people_figures(
    views: Sequence[CoachView], sessions: dict[int, date], day: date, versions: dict[int, int]
) -> tuple[
    dict[int, PeopleFigures],
    tuple[dict[int, list[upkeep_selectors.TieRow]], dict[int, PLN]] | None,
]:
    """Relationship id → the caseload's figures about people, each read over
    every one of the coachee's people (3,000 rows for a big PLN), so cached
    per PLN version, day, what is shared and the last session: every change
    to a person, a tie, an interaction or a reminder bumps the version. The
    uncached ones are read together, in a fixed number of queries; their
    tie rows and people as each view sees them (for insights) come back
    too when that was every coachee."""
    keys = {
        v.rel.pk: pln_key(
            v.coachee, "caseload-people", int(v.private_nodes), day, sessions.get(v.rel.pk),
            version=versions[v.coachee.pk],
        )
        for v in views
    }  # fmt: skip
    found: dict[str, PeopleFigures] = cache.get_many(list(keys.values()))
    todo = [v for v in views if keys[v.rel.pk] not in found]
    ties = plns = None
    if todo:
        ids = sorted({v.coachee.pk for v in todo})
        starts = [
            _start_of_day_after(last) if (last := sessions.get(v.rel.pk)) is not None else None
            for v in todo
        ]
        changes = network_selectors.node_change_figures(
            [(v.coachee.pk, v.private_nodes, start) for v, start in zip(todo, starts, strict=True)]
        )
        talks = upkeep_selectors.interaction_stamps(ids)
        ties, plns = upkeep_selectors.tie_rows_and_people_for(
            [(v.coachee, v.private_nodes) for v in todo],
            on=day,
            versions=versions,
            visible={v.coachee.pk: v.visible_ids for v in todo},
        )
        fresh = {}
        for view, (changed, grown) in zip(todo, changes, strict=True):
            pk = view.coachee.pk
            seen = [changed, *(at for n, at in talks[pk].items() if view.sees(n))]
            stamped = [s for s in seen if s is not None]
            due = sum(
                1
                for r in ties[pk]
                if view.sees(r.node_id)
                and r.status.needs_attention
                and r.status.due_date is not None
                and r.status.status in ("due", "overdue")
            )
            fresh[keys[view.rel.pk]] = (max(stamped) if stamped else None, due, grown)
        cache.set_many(fresh, timeout=24 * 3600)
        found.update(fresh)
    everyone = ties is not None and {v.coachee.pk for v in todo} == {v.coachee.pk for v in views}
    read = (ties, plns) if everyone and ties is not None and plns is not None else None
    return {v.rel.pk: found[keys[v.rel.pk]] for v in views}, read


def caseload_row(view: CoachView, *, today: date | None = None) -> CaseloadRow:
    return caseload_rows([view], today=today)[0]


def caseload(coach: User, *, today: date | None = None) -> list[CaseloadRow]:
    return caseload_rows(coach_views(coach), today=today)


def caseload_pages(coach: User) -> Rows[CaseloadRow]:
    """The caseload read page by page: only the page's coachees are read."""
    return Rows(coachees_of(coach), lambda rels: caseload_rows(_views(rels)))


def last_update(view: CoachView) -> datetime | None:
    """When the coachee last changed something the coach may see."""
    return caseload_row(view).last_update


def caseload_dict(row: CaseloadRow) -> dict[str, Any]:
    rel = row.rel
    return {
        "id": rel.pk,
        # A request names nobody until it is accepted: only the address typed.
        "coachee": (
            {"id": rel.coachee_id, "name": rel.coachee.display_name} if rel.coachee else None
        ),
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
        # A request names nobody until it is accepted: only the address typed.
        "coachee": (
            {"id": rel.coachee_id, "name": rel.coachee.display_name} if rel.coachee else None
        ),
        "invited_email": rel.invited_email,
        "share": share_dict(rel),
        "created_at": rel.created_at,
        "accepted_at": rel.accepted_at,
        "ended_at": rel.ended_at,
    }


# --- comments, notes --------------------------------------------------------------


def comments_in(view: CoachView) -> QuerySet[Comment]:
    """The comments of the relationship, leaving out any on a prospect that
    points at someone the coach does not see."""
    return (
        Comment.objects.filter(relationship=view.rel)
        .filter(view.linked("prospect__node"))
        .select_related("author", "author__profile", "goal", "prospect", "action")
    )


def comments_on(user: User, kind: str, item: Any) -> list[Comment]:
    """Comments on one of `user`'s own goals, prospects or actions, from
    every relationship (including ended ones: the coachee keeps the record)."""
    if kind not in ("goal", "prospect", "action"):
        return []
    return list(
        Comment.objects.filter(relationship__coachee=user, **{kind: item}).select_related(
            "author", "author__profile", "relationship"
        )
    )


def comments_for_coachee(user: User) -> list[Comment]:
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


def notes_shared_with(coachee: User) -> QuerySet[SessionNote]:
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


def saved_agenda(rel: CoachingRelationship) -> Agenda | None:
    """The coach's edited agenda for this relationship, if any."""
    return Agenda.objects.filter(relationship=rel).first()


# --- the agenda ---------------------------------------------------------------------


def _snapshot_id(value: Any) -> int | None:
    """A node or action id from snapshot data: a whole number (or its
    digits as text); anything else is None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if 0 <= value < 2**63 else None
    if isinstance(value, str) and value.isdigit() and len(value) < 19:
        return int(value)
    return None


def _words(value: Any, allowed: Iterable[str]) -> list[str]:
    words = value if isinstance(value, list) else []
    known = set(allowed)
    return [w for w in words if isinstance(w, str) and w in known]


def _dicts(value: Any) -> list[dict[str, Any]]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def clean_state(data: Any) -> dict[str, Any]:
    """Snapshot data in exactly the shape `diff_snapshots` reads, whatever
    it holds: a snapshot restored from someone's JSON may carry ids as
    words, missing keys or garbage where a list belongs. What cannot be read
    is left out (a node without a usable id, a lapsed entry that is no id).

    >>> clean_state({"nodes": [{"id": "7", "name": 5}, {"id": "x"}], "lapsed": ["x", 7]})
    ... # doctest: +NORMALIZE_WHITESPACE
    {'nodes': [{'id': 7, 'name': '', 'strength': 'weak', 'areas': [], 'modes': []}],
     'alter_ties': 0, 'lapsed': [7], 'done_actions': []}
    """
    data = data if isinstance(data, dict) else {}
    nodes: dict[int, dict[str, Any]] = {}
    for n in _dicts(data.get("nodes")):
        pk = _snapshot_id(n.get("id"))
        if pk is None or pk in nodes:
            continue
        strength = n.get("strength")
        nodes[pk] = {
            "id": pk,
            "name": n["name"] if isinstance(n.get("name"), str) else "",
            "strength": strength if isinstance(strength, str) and strength in STRENGTHS else "weak",
            "areas": _words(n.get("areas"), AREAS),
            "modes": _words(n.get("modes"), MODES),
        }
    lapsed = data.get("lapsed") if isinstance(data.get("lapsed"), list) else []
    alter = data.get("alter_ties")
    done = []
    for a in _dicts(data.get("done_actions")):
        pk = _snapshot_id(a.get("id"))
        if pk is not None:
            done.append({"id": pk, "title": a["title"] if isinstance(a.get("title"), str) else ""})
    return {
        "nodes": list(nodes.values()),
        "alter_ties": alter if isinstance(alter, int) and not isinstance(alter, bool) else 0,
        "lapsed": [pk for i in lapsed if (pk := _snapshot_id(i)) is not None],
        "done_actions": done,
    }


def _visible_state(view: CoachView, data: Any) -> dict[str, Any]:
    """A snapshot, cleaned, and cut down to what the coach may see."""
    out = clean_state(data)
    out["nodes"] = [n for n in out["nodes"] if view.sees(n["id"])]
    out["lapsed"] = [i for i in out["lapsed"] if view.sees(i)]
    if not view.plan:
        out["done_actions"] = []
    if not view.private_nodes:
        out["alter_ties"] = 0  # the count may include private people
    return out


def changes_since(
    view: CoachView, since: date | None, *, now: dict[str, Any] | None = None
) -> dict[str, Any] | None:
    """What changed since the snapshot closest before `since` (or the latest
    snapshot when no session was recorded), as the coach may see it. `now`:
    the coachee's `pln_state`, when the caller read it already."""
    until = _start_of_day_after(since) if since is not None else None
    base = upkeep_selectors.snapshot_before(view.coachee, until)
    if base is None:
        return None
    if now is None:
        now = upkeep_selectors.pln_state(view.coachee)
    diff = diff_snapshots(_visible_state(view, base.data), _visible_state(view, now))
    diff["since"] = base.taken_at
    # People removed since are not shown: the coach cannot tell whether they were private.
    diff["removed_nodes"] = []
    return diff


def since_for_coach(
    view: CoachView, *, today: date | None = None, state: dict[str, Any] | None = None
) -> dict[str, Any]:
    """The dashboard's "since your last session" summary, as the coach may
    see it: since the last session note, else 30 days ago, counting only
    visible people and interactions. `state`: the coachee's `pln_state`,
    when the caller read it already."""
    from tiewise.core.snapshots import diff_snapshots

    day = today or timezone.localdate()
    last = last_session_date(view.rel)
    since, basis = (last, "the last session") if last else (day - timedelta(days=30), "30 days ago")
    now = _visible_state(view, state or upkeep_selectors.pln_state(view.coachee))
    base = upkeep_selectors.snapshot_before(view.coachee, _start_of_day_after(since))
    diff = diff_snapshots(
        _visible_state(view, base.data) if base else {"nodes": []}, now, ordered=False
    )
    visible = upkeep_selectors.interactions_with_nodes(view.coachee, view.nodes())
    logged = visible.filter(date__gte=since).count()
    return upkeep_selectors.since_summary(diff, now, since=since, basis=basis, logged=logged)


@dataclass
class AgendaData:
    today: date
    last_session: date | None
    overdue_actions: list[dict[str, Any]]
    goals_near: list[dict[str, Any]]
    gaps: list[dict[str, Any]]
    changes: dict[str, Any] | None
    due_ties: list[dict[str, Any]]
    since: dict[str, Any] | None = None
    #: Clinical questions whose answers wait for a check (the plan shared).
    waiting_check: list[str] = field(default_factory=list)


def agenda_for(view: CoachView, *, today: date | None = None) -> AgendaData:
    """The generated agenda: overdue actions, goals near their date, gaps
    (insights findings) and what changed since the last session, each as
    the coach may see it."""
    day = today or timezone.localdate()
    last = last_session_date(view.rel)
    overdue: list[dict[str, Any]] = []
    near: list[dict[str, Any]] = []
    if view.plan:
        overdue = [
            {"id": a.pk, "title": a.title, "due_date": a.due_date}
            for a in planning_selectors.overdue_actions(view.coachee, today=day)
        ]
        near = [
            {"id": g.pk, "title": g.title, "target_date": g.target_date}
            for g in planning_selectors.goals_near(
                view.coachee, start=day, end=day + timedelta(days=GOAL_NEAR_DAYS)
            )
        ]
    rep = coachee_insights(view)
    gaps = [
        {"code": f["code"], "title": f["title"], "severity": f["severity"]}
        for f in rep["findings"]
        if f["severity"] in ("high", "medium")
    ]
    changes, due, since = _agenda_people(view, day, last)
    waiting = (
        [q.text[:120] for q in learning_selectors.questions_waiting_check(view.coachee)]
        if view.plan
        else []
    )
    return AgendaData(
        day, last, overdue, near, gaps, changes, due, since=since, waiting_check=waiting
    )


def _agenda_people(
    view: CoachView, day: date, last: date | None
) -> tuple[dict[str, Any] | None, list[dict[str, Any]], dict[str, Any]]:
    """The agenda's parts that read every person of the coachee (what
    changed, ties overdue, the since summary): one read of their state for
    all three, cached per coachee PLN version, day, sharing and last
    session (and set of snapshots, which the changes compare with). At
    3,000 ties they were 90 ms of every agenda visit."""

    def compute() -> tuple[dict[str, Any] | None, list[dict[str, Any]], dict[str, Any]]:
        rows = upkeep_selectors.tie_rows(view.coachee, on=day)
        state = upkeep_selectors.pln_state(view.coachee, on=day, rows=rows)
        due = [
            {"node_id": i.node_id, "name": i.title, "status": i.status, "due_date": i.due_date}
            for i in upkeep_selectors.due_items(view.coachee, on=day, rows=rows)
            if i.type == "tie" and view.sees(i.node_id) and i.status == "overdue"
        ][:10]
        changes = changes_since(view, last, now=state)
        if changes is not None:
            # The agenda names the first few of each list: the people who matter.
            for key in ("new_nodes", "strengthened", "weakened", "lapsed"):
                changes[key] = upkeep_selectors.notable_first(changes[key], state)
        return changes, due, since_for_coach(view, today=day, state=state)

    return cached_for(
        view.coachee, "coach-agenda-people", compute, view.rel.pk, int(view.private_nodes),
        int(view.plan), day.isoformat(), last.isoformat() if last else "",
        upkeep_selectors.snapshots_mark(view.coachee),
    )  # fmt: skip


#: Names an agenda line lists before it counts the rest: an import of 2,000
#: co-authors since the last session is one line, not a page of names.
AGENDA_NAMES = 8


def _some(names: list[str]) -> str:
    """The first `AGENDA_NAMES` names, and how many more there are."""
    shown = ", ".join(names[:AGENDA_NAMES])
    rest = len(names) - AGENDA_NAMES
    return f"{shown} and {rest:,} more" if rest > 0 else shown


def agenda_text(data: AgendaData, *, coachee_name: str) -> str:
    """The agenda as plain text: the starting point the coach edits. It
    names only what `data` holds, which `agenda_for` cut down to the view."""
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
        for label, key, field in (
            ("New", "new_nodes", "name"), ("Stronger", "strengthened", "name"),
            ("Weaker", "weakened", "name"), ("Gone quiet", "lapsed", "name"),
            ("Done", "actions_completed", "title"),
        ):  # fmt: skip
            if ch[key]:
                items.append(f"{label}: " + _some([item[field] for item in ch[key]]))
        section("What changed since last time", items)
    section("Ties overdue for contact", [t["name"] for t in data.due_ties])
    section("Answers to check before they are used", data.waiting_check)
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


def introductions_for(coachee: User) -> QuerySet[Introduction]:
    return Introduction.objects.filter(relationship__coachee=coachee).select_related(
        "relationship__coach", "relationship__coach__profile", "prospect"
    )


def introduction_for_coachee(coachee: User, introduction_id: Any) -> Introduction:
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


def cohort_dict(cohort: Cohort) -> dict[str, Any]:
    return {"id": cohort.pk, "name": cohort.name}


def _spread(values: list[float]) -> dict[str, Any]:
    if not values:
        return {"n": 0, "min": None, "median": None, "max": None}
    return {"n": len(values), "min": min(values), "median": median(values), "max": max(values)}


SIZE_BUCKETS = ((0, 9), (10, 24), (25, 49), (50, 99), (100, None))


def cohort_aggregates(cohort: Cohort) -> dict[str, Any]:
    """Only aggregates: no coachee or third-party names. Members whose
    relationship ended are left out; each member counts as their coach sees
    them, and goals count only where the plan is shared. A fixed number of
    queries whatever the number of members."""
    rels = [
        r
        for r in cohort.members.select_related("coachee", "coachee__profile").order_by("id")
        if r.status == "active" and r.coach_id == cohort.coach_id
    ]
    views = _views(rels)
    reports = insights_selectors.insights_for_many([(v.coachee, v.private_nodes) for v in views])
    sizes: list[float] = []
    weak: list[float] = []
    blau: list[float] = []
    for view, rep in zip(views, reports, strict=True):
        s = report_summary(_as_seen(view, rep))
        sizes.append(s["size"])
        if s["weak_tie_share"] is not None:
            weak.append(s["weak_tie_share"])
        if s["blau_sector"] is not None:
            blau.append(s["blau_sector"])
    sharing = [v.coachee.pk for v in views if v.plan]
    counts = planning_selectors.goal_status_counts(sharing)
    goals = {status: counts.get(status, 0) for status in ("active", "achieved", "dropped")}
    goals["members_sharing"] = len(sharing)
    buckets = []
    for lo, hi in SIZE_BUCKETS:
        label = f"{lo}–{hi}" if hi is not None else f"{lo}+"
        n = sum(1 for v in sizes if v >= lo and (hi is None or v <= hi))
        buckets.append({"label": label, "count": n})
    return {
        "members": len(views),
        "size": _spread(sizes),
        "size_buckets": buckets,
        "weak_tie_share": _spread(weak),
        "blau_sector": _spread(blau),
        "goals": goals,
    }
