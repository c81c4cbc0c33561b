"""The insights report for one owner, cached on the PLN's version.

Every write to the PLN bumps its version (network.services.touch_pln),
so a cached report can never outlive the data it describes."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Any

import numpy as np
from django.core.cache import cache
from django.utils import timezone

from tiewise.accounts import selectors as account_selectors
from tiewise.core.analysis import report
from tiewise.core.analysis.insights import structure_of
from tiewise.core.cadence import Reciprocity
from tiewise.core.mapdata import clusters_from
from tiewise.core.types import PLN
from tiewise.learning import selectors as learning_selectors
from tiewise.network import selectors as network_selectors
from tiewise.planning import selectors as planning_selectors
from tiewise.pln_cache import cached_for, owner_tag, pln_key, pln_version
from tiewise.upkeep import selectors as upkeep_selectors

if TYPE_CHECKING:
    from tiewise.accounts.models import User

#: The cached structure's shape; a new one never reads an entry of the old.
#: 2: plain JSON values (NaN as None), as `structure_of` returns it now.
STRUCTURE_FORMAT = 2

#: How long a cached report lives (it also dies with the PLN version or the day).
CACHE_SECONDS = 24 * 3600


def goal_inputs(owner: User, pln: PLN) -> dict[str, Any]:
    """Active goals with the visible nodes and actions that serve them."""
    return {"goals": planning_selectors.goal_coverage(owner, {n.id for n in pln.nodes})}


def _counted_rows(pln: PLN, rows: Sequence[upkeep_selectors.TieRow]) -> list[Any]:
    """The tie rows the maintenance figures count: visible, not prospects."""
    visible = {n.id for n in pln.nodes if n.strength != "absent"}
    return [r for r in rows if r.node_id in visible]


def upkeep_figures(
    pln: PLN, rows: Sequence[upkeep_selectors.TieRow], per: Mapping[int, Reciprocity]
) -> dict[str, Any]:
    """Maintenance health from already-read tie rows and give and take per node."""
    counted = _counted_rows(pln, rows)
    if not counted:
        return {}
    visible = {r.node_id for r in counted}
    due = sum(1 for r in counted if r.status.status in ("due", "overdue"))
    shown = [rec for node_id, rec in per.items() if node_id in visible]
    return {
        "due_share": due / len(counted),
        "lapsed_ids": [r.node_id for r in counted if r.lapsed],
        "gave": sum(rec.gave for rec in shown),
        "received": sum(rec.received for rec in shown),
    }


def upkeep_inputs(owner: User, pln: PLN, rows: Sequence[upkeep_selectors.TieRow]) -> dict[str, Any]:
    """Maintenance health from the owner's tie rows: share of ties due,
    lapsed strong ties, give and take."""
    if not _counted_rows(pln, rows):
        return {}
    per, _overall = upkeep_selectors.reciprocity_by_node(owner)
    return upkeep_figures(pln, rows, per)


def report_inputs(owner: User, pln: PLN, rows: Sequence[upkeep_selectors.TieRow]) -> dict[str, Any]:
    """What the report needs beyond the PLN and its tie rows, read from the
    apps that own it."""
    return {
        **goal_inputs(owner, pln),
        **upkeep_inputs(owner, pln, rows),
        **learning_inputs(owner, pln),
    }


def learning_inputs(owner: User, pln: PLN) -> dict[str, Any]:
    """Growth areas nobody in `pln` (as seen: a coach's view leaves private
    people out) is an expert in."""
    visible = {owner.pk: frozenset(n.id for n in pln.nodes)}
    return {"uncovered": learning_selectors.uncovered_for(visible)[owner.pk]}


def structure_key(owner: User, people: PLN, graph_version: int | None = None) -> str:
    """What the structural part depends on: the alters and the tie set,
    which is at the owner's graph version (`graph_version`, when the caller
    read it already). Every service that adds, removes, re-weights or moves
    a tie bumps it, and so does deleting a person, whose ties go too. It
    replaced sums over every tie (16 ms at 71,000 ties on every cold
    insights page), then a count of them (6 ms more)."""
    alters = np.array(sorted(n.id for n in people.nodes if n.strength != "absent"), dtype=np.int64)
    digest = hashlib.sha256(alters.tobytes())
    if graph_version is None:
        graph_version = account_selectors.graph_versions([owner.pk])[owner.pk]
    digest.update(str(graph_version).encode())
    return f"insights-structure:{STRUCTURE_FORMAT}:{owner_tag(owner)}:{digest.hexdigest()[:32]}"


def _structures_for(
    missing: Sequence[tuple[Any, bool]], plns: Mapping[int, PLN]
) -> dict[int, dict[str, Any]]:
    """`structure_for` of several owners in a fixed number of queries: the
    cached ones by their graph versions, the others from one read of their
    ties."""
    versions = account_selectors.graph_versions(plns)
    keys = {owner.pk: structure_key(owner, plns[owner.pk], versions[owner.pk])
            for owner, _ in missing}  # fmt: skip
    found = cache.get_many(list(keys.values()))
    todo = {pk: {n.id for n in plns[pk].nodes} for pk, key in keys.items() if key not in found}
    if todo:
        ties = network_selectors.alter_ties_among_many(todo)
        fresh = {keys[pk]: structure_of(replace(plns[pk], alter_ties=ties[pk])) for pk in todo}
        cache.set_many(fresh, timeout=CACHE_SECONDS)
        found.update(fresh)
    return {pk: found[key] for pk, key in keys.items()}


def structure_for(owner: User, people: PLN) -> dict[str, Any]:
    """The structural part of the report for these people (a PLN read
    without its ties), cached on the alter-tie graph rather than on the PLN
    version: an edit of a strength, an area, a role or a note leaves it be,
    and only then are the ties (most of a big PLN's rows) read at all."""
    key = structure_key(owner, people)
    found = cache.get(key)
    if found is None:
        ties = network_selectors.alter_ties_among(owner, {n.id for n in people.nodes})
        found = structure_of(replace(people, alter_ties=ties))
        cache.set(key, found, timeout=CACHE_SECONDS)
    return found  # type: ignore[no-any-return]


def clusters_for(owner: User, people: PLN) -> dict[int, int]:
    """Node id to cluster number for the map's "colour by cluster", from the
    cached structural report (see `structure_for`)."""
    return clusters_from(structure_for(owner, people)["clusters"])


def insights_for(
    owner: User,
    *,
    include_private: bool = True,
    today: date | None = None,
    use_cache: bool = True,
    version: int | None = None,
) -> dict[str, Any]:
    """The full report (every measure, finding and spotlight) for `owner`.

    `include_private=False` is what a coach sees: private nodes are left out
    before anything is counted, so no figure can reveal them. `version`:
    the owner's PLN version, when the caller read it (read once otherwise,
    for the cache key and the people alike)."""
    today = today or timezone.localdate()
    if version is None:
        version = pln_version(owner)

    def compute() -> dict[str, Any]:
        # The people (with their last contacts) and their tie rows in one read.
        rows, people = upkeep_selectors.tie_rows_and_people_for(
            [(owner, include_private)], versions={owner.pk: version}
        )
        pln = people[owner.pk]
        inputs = report_inputs(owner, pln, rows[owner.pk])
        return report(pln, today=today, structure=structure_for(owner, pln), **inputs)

    if not use_cache:
        return compute()
    return cached_for(owner, "insights", compute, int(include_private), today, version=version)


def _uncovered_for(plns: Mapping[int, PLN]) -> dict[int, list[str]]:
    return learning_selectors.uncovered_for(
        {pk: frozenset(n.id for n in pln.nodes) for pk, pln in plns.items()}
    )


def insights_for_many(
    owners: Sequence[tuple[Any, bool]],
    *,
    today: date | None = None,
    tie_rows: Mapping[int, list[upkeep_selectors.TieRow]] | None = None,
    people: Mapping[int, PLN] | None = None,
    versions: Mapping[int, int] | None = None,
) -> list[dict[str, Any]]:
    """`insights_for(owner, include_private=...)` for each (owner,
    include_private) pair, in order, sharing its cache, in a fixed number of
    queries whatever the number of owners (each owner once): one for the PLN
    versions and, when some reports are not cached yet, batched reads of
    every missing owner's PLN, contacts, goals and ties. The report itself
    is computed per owner; owners come with `select_related("profile")`.
    A caller that already read today's `tie_rows_and_people_for` these
    owners (`tie_rows` and `people`), or their PLN `versions`, passes them,
    to save reading them again."""
    today = today or timezone.localdate()
    if versions is None:
        versions = account_selectors.pln_versions(owner for owner, _ in owners)
    keys = [
        pln_key(owner, "insights", int(shown), today, version=versions[owner.pk])
        for owner, shown in owners
    ]
    found: dict[str, Any] = cache.get_many(keys)
    missing = [(owner, shown) for (owner, shown), key in zip(owners, keys, strict=True)
               if key not in found]  # fmt: skip
    if missing:
        ids = [owner.pk for owner, _ in missing]
        # The ties (most of a big PLN's rows) are read only where the
        # structural part is not cached: an attribute edit leaves it be.
        if people is not None and tie_rows is not None:
            rows, plns = tie_rows, {pk: people[pk] for pk in ids}
        else:
            rows, plns = upkeep_selectors.tie_rows_and_people_for(missing, versions=versions)
        structures = _structures_for(missing, plns)
        goals = planning_selectors.goal_coverage_for(
            {pk: {n.id for n in pln.nodes} for pk, pln in plns.items()}
        )
        per = upkeep_selectors.reciprocity_for(ids)
        uncovered = _uncovered_for(plns)
        computed = {}
        for owner, shown in missing:
            pln = plns[owner.pk]
            key = pln_key(owner, "insights", int(shown), today, version=versions[owner.pk])
            computed[key] = report(
                pln,
                today=today,
                structure=structures[owner.pk],
                goals=goals[owner.pk],
                uncovered=uncovered[owner.pk],
                **upkeep_figures(pln, rows[owner.pk], per[owner.pk]),
            )
        cache.set_many(computed, timeout=CACHE_SECONDS)
        found.update(computed)
    return [found[key] for key in keys]
