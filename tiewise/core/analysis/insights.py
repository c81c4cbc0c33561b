"""Insights: the measures of a PLN turned into plain-language findings.

`report()` is the one entry point (GET /api/v1/insights, `tiewise insights`).
Each finding comes from a rule: a small function registered with `@rule`
that reads `Facts` and yields `Finding`s. To add an insight, write one more
rule and a test that triggers it and one that does not.

Texts are plain sentences with the real numbers and node names verbatim;
they are never HTML (templates escape them).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

import numpy as np

from tiewise.core.analysis.measures import (
    COMPOSITION_FIELDS,
    INSIDE_MEDICINE,
    LOCAL,
    coverage_matrix,
    describe,
    ei_summary,
    mode_balance,
    weak_tie_share,
)
from tiewise.core.analysis.structure import network_structure
from tiewise.core.strategies import STRATEGIES_BY_KEY
from tiewise.core.types import PLN, NodeData
from tiewise.core.vocab import AREAS

REPORT_VERSION = 1
SEVERITIES: tuple[str, ...] = ("high", "medium", "low", "info")

#: A strong tie with no cadence is "going quiet" after this many days without contact.
QUIET_DAYS = 180
#: Below this weak-tie share the network is mostly close ties.
FEW_WEAK = 0.3
#: Above this weak-tie share there is hardly anyone close.
FEW_STRONG = 0.9
#: Share of known sectors inside medicine that counts as "mostly inside".
MOSTLY_INSIDE = 0.8
#: Below this share of giving (gave / (gave + received)) the exchange is one-sided.
LOW_GIVING = 1 / 3
#: Share of ties past their cadence worth a nudge.
MANY_DUE = 0.25
#: Rules about proportions wait for this many ties, so two contacts do not make a trend.
MIN_TIES = 5

#: The strategy that fills each empty area.
AREA_STRATEGY: dict[str, str] = {
    "academic": "research_collaboration",
    "expertise": "ask_experts",
    "professional_identity": "mentors_sponsors",
    "informal_community": "social_media_presence",
}


@dataclass(frozen=True, slots=True)
class Finding:
    """One insight: what is true of the PLN, and which strategy addresses it."""

    code: str
    severity: str  # high | medium | low | info
    title: str
    text: str
    strategy: str  # a key of STRATEGIES_BY_KEY
    node_ids: tuple[int, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "node_ids": list(self.node_ids)}


@dataclass(frozen=True, slots=True)
class Goal:
    """A goal as the insights need it: what supports it."""

    id: int | str
    title: str
    node_ids: tuple[int, ...] = ()
    action_ids: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class Maintenance:
    """Optional upkeep figures computed elsewhere from interactions and cadences."""

    due_share: float | None = None
    lapsed_ids: tuple[int, ...] = ()
    gave: int | None = None
    received: int | None = None

    @property
    def giving_share(self) -> float | None:
        total = (self.gave or 0) + (self.received or 0)
        return (self.gave or 0) / total if total else None


@dataclass(frozen=True, slots=True)
class Facts:
    """Everything a rule may read: the nodes, the measures and the optional inputs."""

    alters: tuple[NodeData, ...]
    prospects: tuple[NodeData, ...]
    measures: Mapping[str, Any]
    quiet: tuple[dict[str, Any], ...] = ()
    goals: tuple[Goal, ...] | None = None
    maintenance: Maintenance | None = None
    names: Mapping[int, str] = field(default_factory=dict)
    #: Growth areas (skills to learn) nobody in the network is an expert in.
    uncovered: tuple[str, ...] = ()

    #: Role → the alters who hold it, in order: filled on the first
    #: `with_role`, in one pass for every role (three rules ask).
    by_role: dict[str, list[NodeData]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def with_role(self, role: str) -> list[NodeData]:
        if not self.by_role and self.alters:
            for node in self.alters:
                for held in dict.fromkeys(node.roles):  # a role listed twice counts once
                    self.by_role.setdefault(held, []).append(node)
        return list(self.by_role.get(role, ()))


Rule = Callable[[Facts], Iterable[Finding]]
#: Every rule, in the order they were registered.
RULES: list[Rule] = []


def rule(fn: Rule) -> Rule:
    """Register a rule; findings are sorted by severity afterwards."""
    RULES.append(fn)
    return fn


# -- wording helpers -------------------------------------------------------


def percent(x: float) -> str:
    """A share as a whole percentage.

    >>> percent(0.916)
    '92%'
    """
    return f"{round(x * 100)}%"


def signed(x: float) -> str:
    """An index with its sign, using a true minus sign.

    >>> signed(-0.84), signed(0.2)
    ('−0.84', '+0.20')
    """
    return f"{x:+.2f}".replace("-", "\N{MINUS SIGN}")


def name_list(names: Sequence[str], limit: int = 3) -> str:
    """Names joined for a sentence, the rest counted.

    >>> name_list(["Ana", "Ben", "Cy", "Di", "Ed"])
    'Ana, Ben, Cy and 2 others'
    """
    shown = list(names[:limit])
    rest = len(names) - len(shown)
    if rest == 1:
        shown.append("1 other")
    elif rest > 1:
        shown.append(f"{rest} others")
    if len(shown) == 1:
        return shown[0]
    return ", ".join(shown[:-1]) + " and " + shown[-1]


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


# -- the rules --------------------------------------------------------------


@rule
def empty_network(f: Facts) -> Iterable[Finding]:
    if not f.alters:
        extra = f" You have {_plural(len(f.prospects), 'prospect')}." if f.prospects else ""
        yield Finding(
            "empty_network",
            "info",
            "Your map is empty",
            "Add the people you learn from, strong and weak ties alike, to see insights." + extra,
            "set_goals",
        )


@rule
def uncovered_growth_areas(f: Facts) -> Iterable[Finding]:
    """A growth area with no expert in the network: a strong tie may know one."""
    strong = sorted(
        (n for n in f.alters if n.strength == "strong"), key=lambda n: (-len(n.roles), n.name)
    )
    for skill in f.uncovered[:3]:
        yield Finding(
            "no_one_for_skill",
            "medium",
            f"No one in your network for {skill}",
            f"You want to grow in {skill}, and nobody in your network is marked as an expert "
            "in it: ask a strong tie who could introduce you to someone who is.",
            "ask_experts",
            tuple(n.id for n in strong[:5]),
        )


@rule
def sponsors(f: Facts) -> Iterable[Finding]:
    if not f.alters:
        return
    found = f.with_role("sponsor")
    if not found:
        yield Finding(
            "no_sponsor",
            "high",
            "No sponsor",
            "Nobody in your network is marked as a sponsor: someone who puts your name "
            "forward for roles and opportunities.",
            "mentors_sponsors",
        )
    elif not any("expertise" in n.areas for n in found):
        yield Finding(
            "no_sponsor_in_expertise",
            "medium",
            "No sponsor in your area of expertise",
            f"Your {_plural(len(found), 'sponsor')} ({name_list([n.name for n in found])}) "
            f"{'sits' if len(found) == 1 else 'sit'} outside your expertise area: ask a strong "
            "tie to introduce you to someone who can vouch for your clinical work.",
            "mentors_sponsors",
            tuple(n.id for n in found),
        )


@rule
def mentors(f: Facts) -> Iterable[Finding]:
    if f.alters and not f.with_role("mentor"):
        yield Finding(
            "no_mentor",
            "high",
            "No mentor",
            "Nobody in your network is marked as a mentor.",
            "mentors_sponsors",
        )


@rule
def inside_medicine(f: Facts) -> Iterable[Finding]:
    ei = f.measures["ei"]["sector"]
    if ei["ei"] is None:
        return
    if ei["outside"] == 0:
        yield Finding(
            "nobody_outside_medicine",
            "high",
            "Nobody outside medicine",
            f"All {_plural(ei['inside'], 'tie')} with a known sector are inside medicine "
            f"(EI {signed(ei['ei'])}): add a weak tie from another field.",
            "weak_ties",
        )
    elif ei["inside_share"] >= MOSTLY_INSIDE:
        yield Finding(
            "mostly_inside_medicine",
            "medium",
            "Mostly inside medicine",
            f"{percent(ei['inside_share'])} of your ties are inside medicine "
            f"(EI {signed(ei['ei'])}): add a weak tie from another field.",
            "weak_ties",
        )


@rule
def international(f: Facts) -> Iterable[Finding]:
    reach = f.measures["ei"]["reach"]
    known = reach["inside"] + reach["outside"]
    if known == 0:
        return
    if reach["outside"] == 0:
        yield Finding(
            "all_local",
            "medium",
            "All your ties are local",
            f"All {_plural(known, 'tie')} with a known reach are local "
            f"(EI {signed(reach['ei'])}): nobody regional, national or international.",
            "international_ties",
        )
    elif f.measures["composition"]["reach"]["counts"].get("international", 0) == 0:
        yield Finding(
            "no_international_ties",
            "medium",
            "No international ties",
            f"None of your {_plural(known, 'tie')} with a known reach is international.",
            "international_ties",
        )


@rule
def modes(f: Facts) -> Iterable[Finding]:
    counts = f.measures["mode_balance"]["counts"]
    known = counts["personal"] + counts["technology"] + counts["both"]
    if known == 0:
        return
    if counts["technology"] + counts["both"] == 0:
        yield Finding(
            "no_technology_ties",
            "medium",
            "No technology-mediated ties",
            f"All {_plural(known, 'tie')} with a known mode live only in person: "
            "an online presence would let peers elsewhere find you.",
            "social_media_presence",
        )
    if counts["personal"] + counts["both"] == 0:
        yield Finding(
            "no_personal_ties",
            "medium",
            "No personal ties",
            f"All {_plural(known, 'tie')} with a known mode live only online: "
            "working with someone in person deepens a tie.",
            "research_collaboration",
        )


@rule
def empty_areas(f: Facts) -> Iterable[Finding]:
    cov = f.measures["coverage"]
    if not any(cov["per_area"].values()):
        return  # nobody is placed in an area yet: every area would look empty
    for area in cov["empty_areas"]:
        label = AREAS[area]
        yield Finding(
            "empty_area",
            "medium",
            f"Nobody in {label.lower()}",
            f"None of your ties sits in the {label.lower()} area of your PLN.",
            AREA_STRATEGY[area],
        )


@rule
def weak_strong_balance(f: Facts) -> Iterable[Finding]:
    share = f.measures["weak_tie_share"]
    counts = f.measures["composition"]["strength"]["counts"]
    ties = counts.get("strong", 0) + counts.get("weak", 0)
    if share is None or ties < MIN_TIES:
        return
    if share < FEW_WEAK:
        yield Finding(
            "few_weak_ties",
            "medium",
            "Few weak ties",
            f"Only {percent(share)} of your ties are weak ({counts['weak']} of {ties}): "
            "acquaintances in other places and fields bring news your close circle cannot.",
            "weak_ties",
        )
    elif share > FEW_STRONG:
        yield Finding(
            "few_strong_ties",
            "low",
            "Few strong ties",
            f"{percent(share)} of your ties are weak ({counts['weak']} of {ties}): "
            "deepen a few of them by working together.",
            "research_collaboration",
        )


@rule
def bridges(f: Facts) -> Iterable[Finding]:
    for b in f.measures["structure"]["only_bridges"]:
        name = f.names[b["node_id"]]
        others = b["cluster_size"] - 1
        yield Finding(
            "only_bridge",
            "medium",
            f"{name} is your only bridge to a cluster",
            f"{name} is the only link between a cluster of {b['cluster_size']} people "
            f"and the rest of your network: introduce one of the other {others} "
            "to someone outside it.",
            "connect_people",
            (b["node_id"],),
        )


@rule
def brokers(f: Facts) -> Iterable[Finding]:
    top = f.measures["structure"]["brokers"]
    if len(top) == 0:
        return
    names = [f.names[b["node_id"]] for b in top]
    yield Finding(
        "brokers",
        "info",
        "Your brokers",
        f"{name_list(names)} link parts of your network that do not otherwise know each "
        "other: they are the people to ask for introductions.",
        "connect_people",
        tuple(b["node_id"] for b in top),
    )


@rule
def isolates(f: Facts) -> Iterable[Finding]:
    iso = f.measures["structure"]["isolates"]
    if f.measures["structure"]["alter_ties"] == 0 or not iso:
        return  # with no alter ties recorded, everyone is an isolate: say nothing
    yield Finding(
        "isolates",
        "low",
        "Contacts who know nobody else in your network",
        f"{name_list([f.names[i] for i in iso])} know nobody else in your network "
        "as far as your map shows.",
        "connect_people",
        tuple(iso),
    )


@rule
def going_quiet(f: Facts) -> Iterable[Finding]:
    if not f.quiet:
        return
    names = [q["name"] for q in f.quiet]
    yield Finding(
        "strong_ties_going_quiet",
        "high",
        "Strong ties going quiet",
        f"{name_list(names)}: {_plural(len(f.quiet), 'strong tie')} with no contact for "
        "well past the usual rhythm.",
        "share_resources",
        tuple(q["node_id"] for q in f.quiet),
    )


@rule
def goals(f: Facts) -> Iterable[Finding]:
    for g in f.goals or ():
        missing = [
            what
            for what, ids in (("no linked people", g.node_ids), ("no actions", g.action_ids))
            if not ids
        ]
        if missing:
            yield Finding(
                "goal_unsupported",
                "high" if len(missing) == 2 else "medium",
                f"Goal without support: {g.title}",
                f"Your goal \N{LEFT DOUBLE QUOTATION MARK}{g.title}"
                f"\N{RIGHT DOUBLE QUOTATION MARK} has {' and '.join(missing)}.",
                "set_goals",
                g.node_ids,
            )


@rule
def upkeep(f: Facts) -> Iterable[Finding]:
    m = f.maintenance
    if m is None:
        return
    giving = m.giving_share
    total = (m.gave or 0) + (m.received or 0)
    if giving is not None and total >= 4 and giving < LOW_GIVING:
        yield Finding(
            "low_reciprocity",
            "medium",
            "You mostly receive",
            f"You gave in {m.gave or 0} of {total} exchanges ({percent(giving)}): "
            "share something useful before you next ask.",
            "share_resources",
        )
    if m.due_share is not None and m.due_share >= MANY_DUE:
        yield Finding(
            "ties_due",
            "medium",
            "Many ties are due",
            f"{percent(m.due_share)} of your ties are past the contact rhythm you set.",
            "share_resources",
        )
    if m.lapsed_ids:
        names = [f.names.get(i, f"#{i}") for i in m.lapsed_ids]
        yield Finding(
            "lapsed_ties",
            "medium",
            "Lapsed ties",
            f"{name_list(names)} lapsed since your last snapshot.",
            "share_resources",
            m.lapsed_ids,
        )


# -- assembling the report ---------------------------------------------------


def quiet_strong_ties(alters: Iterable[NodeData], today: date) -> list[dict[str, Any]]:
    """Strong ties with no contact in twice their cadence, or in QUIET_DAYS without one.

    Without a last interaction the tie's start date is used; a tie with
    neither is left out, since a freshly drawn map would otherwise be all
    alarms.

    >>> quiet_strong_ties([NodeData(1, "Ana", strength="strong", cadence_days=30,
    ...     last_interaction=date(2024, 1, 1))], date(2024, 3, 15))[0]["days_since"]
    74
    """
    out: list[dict[str, Any]] = []
    for n in alters:
        if n.strength != "strong":
            continue
        last = n.last_interaction or n.since
        if last is None:
            continue
        limit = 2 * n.cadence_days if n.cadence_days else QUIET_DAYS
        days = (today - last).days
        if days > limit:
            out.append({"node_id": n.id, "name": n.name, "days_since": days, "limit": limit})
    out.sort(key=lambda q: (-q["days_since"], q["node_id"]))
    return out


def _goals(raw: object) -> tuple[Goal, ...] | None:
    if raw is None:
        return None
    out = []
    for g in raw:  # type: ignore[attr-defined]
        out.append(
            Goal(
                id=g["id"],
                title=str(g.get("title", "")),
                node_ids=tuple(g.get("node_ids") or ()),
                action_ids=tuple(g.get("action_ids") or ()),
            )
        )
    return tuple(out)


def _jsonable(value: Any) -> Any:
    """Plain JSON types only: NaN and infinities become None, numpy becomes Python."""
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def findings(facts: Facts) -> list[Finding]:
    """Run every rule; the most severe findings first, rule order within a severity."""
    found = [f for r in RULES for f in r(facts)]
    for f in found:
        assert f.strategy in STRATEGIES_BY_KEY, f.strategy
    rank = {s: i for i, s in enumerate(SEVERITIES)}
    return sorted(found, key=lambda f: rank[f.severity])


def structure_of(pln: PLN, *, seed: int = 42, top: int = 5) -> dict[str, Any]:
    """The structural part of the report (density, components, effective
    size, efficiency, constraint, betweenness, clusters, bridges): a function
    of the alters and their ties only, so it may be cached on them. Its
    values are plain JSON already, so `report` need not walk them again.

    >>> from tiewise.core.types import Owner
    >>> structure_of(PLN(Owner("Dr A")))["alter_ties"]
    0
    """
    alters = tuple(n for n in pln.nodes if n.strength != "absent")
    plain: dict[str, Any] = _jsonable(network_structure(alters, pln.alter_ties, seed=seed, top=top))
    return plain


def report(
    pln: PLN,
    *,
    seed: int = 42,
    today: date | None = None,
    goals: Sequence[Mapping[str, Any]] | None = None,
    due_share: float | None = None,
    lapsed_ids: Sequence[int] | None = None,
    gave: int | None = None,
    received: int | None = None,
    uncovered: Sequence[str] | None = None,
    structure: Mapping[str, Any] | None = None,
    top: int = 5,
) -> dict[str, Any]:
    """The full insights report of a PLN, as JSON-ready data.

    Optional inputs (`goals` as dicts with id, title, node_ids and
    action_ids; `due_share`; `lapsed_ids`; `gave` and `received` counts;
    `uncovered`, the growth areas no one in the network is an expert in)
    come from the keyword or, failing that, from `pln.extra` under the same
    name. Without them the related sections are `None` and their rules
    stay silent. `today` defaults to the current date; `seed` fixes the
    clusters and any sampling.

    >>> from tiewise.core.types import Owner
    >>> r = report(PLN(Owner("Dr A")), today=date(2024, 1, 1))
    >>> r["size"]["nodes"], [f["code"] for f in r["findings"]]
    (0, ['empty_network'])
    """
    today = today or date.today()
    extra = pln.extra

    def pick(name: str, given: Any) -> Any:
        return given if given is not None else extra.get(name)

    alters = tuple(n for n in pln.nodes if n.strength != "absent")
    prospects = tuple(n for n in pln.nodes if n.strength == "absent")
    names = {n.id: n.name for n in pln.nodes}

    # The structural part is a function of the alter-tie graph alone: a caller
    # that cached it for this graph (see `structure_of`) passes it in, so an
    # attribute edit recomputes only the compositional part.
    # Only the lists this names are copied (a deep copy of a 3,000-person
    # structure was a tenth of the report).
    structure = dict(structure) if structure is not None else structure_of(pln, seed=seed, top=top)
    for part in ("brokers", "only_bridges"):
        structure[part] = [{**item, "name": names[item["node_id"]]} for item in structure[part]]

    goal_list = _goals(pick("goals", goals))
    m_raw = {
        "due_share": pick("due_share", due_share),
        "lapsed_ids": pick("lapsed_ids", lapsed_ids),
        "gave": pick("gave", gave),
        "received": pick("received", received),
    }
    maintenance = (
        Maintenance(
            due_share=m_raw["due_share"],
            lapsed_ids=tuple(m_raw["lapsed_ids"] or ()),
            gave=m_raw["gave"],
            received=m_raw["received"],
        )
        if any(v is not None for v in m_raw.values())
        else None
    )

    described = {f: describe(alters, f) for f in COMPOSITION_FIELDS}
    measures: dict[str, Any] = {
        "composition": {f: comp for f, (comp, _) in described.items()},
        "diversity": {f: div for f, (_, div) in described.items() if f != "strength"},
        "ei": {
            "sector": ei_summary(alters, "sector", INSIDE_MEDICINE),
            "reach": ei_summary(alters, "reach", LOCAL),
        },
        "weak_tie_share": weak_tie_share(alters),
        "mode_balance": mode_balance(alters),
        "structure": structure,
        "coverage": coverage_matrix(alters),
    }
    quiet = tuple(quiet_strong_ties(alters, today))
    facts = Facts(
        alters, prospects, measures, quiet, goal_list, maintenance, names,
        uncovered=tuple(pick("uncovered", uncovered) or ()),
    )  # fmt: skip
    found = findings(facts)

    goals_out = None
    if goal_list is not None:
        goals_out = [
            {
                "id": g.id,
                "title": g.title,
                "n_nodes": len(g.node_ids),
                "n_actions": len(g.action_ids),
                "supported": bool(g.node_ids) and bool(g.action_ids),
            }
            for g in goal_list
        ]
    maintenance_out = None
    if maintenance is not None:
        maintenance_out = {
            "due_share": maintenance.due_share,
            "lapsed_ids": list(maintenance.lapsed_ids),
            "gave": maintenance.gave,
            "received": maintenance.received,
            "giving_share": maintenance.giving_share,
        }

    confidants = [{"node_id": n.id, "name": n.name} for n in facts.with_role("confidant")]
    out = {
        "version": REPORT_VERSION,
        "today": today.isoformat(),
        "seed": seed,
        "size": {
            "nodes": len(alters),
            "strong": sum(1 for n in alters if n.strength == "strong"),
            "weak": sum(1 for n in alters if n.strength == "weak"),
            "prospects": len(prospects),
        },
        **measures,
        "goals": goals_out,
        "maintenance": maintenance_out,
        "findings": [f.to_dict() for f in found],
        "spotlight": {
            "brokers": structure["brokers"],
            "only_bridges": structure["only_bridges"],
            "going_quiet": list(quiet),
            "confidants": confidants,
        },
    }
    # The structure is plain already (`structure_of`), and it is most of a
    # big PLN's report: walking it again cost a fifth of the report.
    plain: dict[str, Any] = _jsonable({**out, "structure": None})
    plain["structure"] = structure
    return plain


def summary(rep: Mapping[str, Any]) -> dict[str, Any]:
    """The few figures a coach's caseload shows per owner, taken from a report.

    >>> from tiewise.core.types import Owner
    >>> summary(report(PLN(Owner("Dr A")), today=date(2024, 1, 1)))["size"]
    0
    """
    return {
        "size": rep["size"]["nodes"],
        "weak_tie_share": rep["weak_tie_share"],
        "blau_sector": rep["diversity"]["sector"]["blau"],
        "density": rep["structure"]["density"],
        "n_findings": len(rep["findings"]),
        "n_high": sum(1 for f in rep["findings"] if f["severity"] == "high"),
    }
