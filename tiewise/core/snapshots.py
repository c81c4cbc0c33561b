"""What changed between two snapshots of a PLN. Pure: a snapshot is the
plain dict that `tiewise.upkeep` stores as JSON::

    {
      "version": 1,
      "nodes": [{"id": 1, "name": "Jane", "strength": "weak",
                 "areas": ["academic"], "modes": ["personal"]}, ...],
      "alter_ties": 12,                   # who-knows-whom links
      "lapsed": [3, 9],                   # node ids of lapsed strong ties
      "done_actions": [{"id": 4, "title": "Start a journal club"}, ...],
    }

Missing keys read as empty, so older or hand-made snapshots still diff.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

SNAPSHOT_VERSION = 1


def _nodes(snapshot: dict[str, Any]) -> dict[int, dict[str, Any]]:
    return {int(n["id"]): n for n in snapshot.get("nodes") or []}


def _brief(node: dict[str, Any]) -> dict[str, Any]:
    return {"id": int(node["id"]), "name": str(node.get("name", ""))}


def by_name(items: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Changes listed by name (ties broken by id), as a reader scans them."""
    return sorted(items, key=lambda i: (str(i["name"]).lower(), i["id"]))


def _area_counts(nodes: dict[int, dict[str, Any]]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for n in nodes.values():
        if n.get("strength") == "absent":
            continue
        counts.update(set(n.get("areas") or []))
    return counts


def diff_snapshots(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """Everything that changed from `before` to `after`, as plain lists.

    >>> a = {"nodes": [{"id": 1, "name": "Jo", "strength": "weak", "areas": ["academic"]}]}
    >>> b = {"nodes": [{"id": 1, "name": "Jo", "strength": "strong", "areas": ["expertise"]},
    ...                {"id": 2, "name": "Al", "strength": "weak", "areas": []}]}
    >>> d = diff_snapshots(a, b)
    >>> d["new_nodes"], d["areas_gained"], d["areas_lost"]
    ([{'id': 2, 'name': 'Al'}], ['expertise'], ['academic'])
    >>> d["strengthened"]
    [{'id': 1, 'name': 'Jo', 'from': 'weak', 'to': 'strong'}]
    """
    old, new = _nodes(before), _nodes(after)
    strengthened: list[dict[str, Any]] = []
    weakened: list[dict[str, Any]] = []
    area_changes: list[dict[str, Any]] = []
    rank = {"absent": 0, "weak": 1, "strong": 2}
    for pk in old.keys() & new.keys():
        o, n = old[pk], new[pk]
        so, sn = o.get("strength", "weak"), n.get("strength", "weak")
        if so != sn:
            change = {**_brief(n), "from": so, "to": sn}
            (strengthened if rank.get(sn, 1) > rank.get(so, 1) else weakened).append(change)
        gained = sorted(set(n.get("areas") or []) - set(o.get("areas") or []))
        lost = sorted(set(o.get("areas") or []) - set(n.get("areas") or []))
        if gained or lost:
            area_changes.append({**_brief(n), "gained": gained, "lost": lost})
    old_areas, new_areas = _area_counts(old), _area_counts(new)
    old_lapsed = {int(i) for i in before.get("lapsed") or []}
    new_lapsed = {int(i) for i in after.get("lapsed") or []}
    old_done = {int(a["id"]) for a in before.get("done_actions") or []}
    done = [a for a in after.get("done_actions") or [] if int(a["id"]) not in old_done]
    alter_before, alter_after = (
        int(before.get("alter_ties") or 0),
        int(after.get("alter_ties") or 0),
    )
    result: dict[str, Any] = {
        "new_nodes": by_name(_brief(new[pk]) for pk in new.keys() - old.keys()),
        "removed_nodes": by_name(_brief(old[pk]) for pk in old.keys() - new.keys()),
        "strengthened": by_name(strengthened),
        "weakened": by_name(weakened),
        "lapsed": by_name(_brief(new[pk]) for pk in (new_lapsed - old_lapsed) if pk in new),
        "revived": by_name(_brief(new[pk]) for pk in (old_lapsed - new_lapsed) if pk in new),
        "areas_gained": sorted(a for a in new_areas if not old_areas[a]),
        "areas_lost": sorted(a for a in old_areas if not new_areas[a]),
        "area_changes": by_name(area_changes),
        "actions_completed": sorted(
            ({"id": int(a["id"]), "title": str(a.get("title", ""))} for a in done),
            key=lambda a: int(a["id"]),
        ),
        "counts": {
            "nodes": [len(old), len(new)],
            "strong": [
                sum(1 for n in old.values() if n.get("strength") == "strong"),
                sum(1 for n in new.values() if n.get("strength") == "strong"),
            ],
            "weak": [
                sum(1 for n in old.values() if n.get("strength") == "weak"),
                sum(1 for n in new.values() if n.get("strength") == "weak"),
            ],
            "alter_ties": [alter_before, alter_after],
        },
    }
    result["has_changes"] = any(
        result[k]
        for k in (
            "new_nodes", "removed_nodes", "strengthened", "weakened", "lapsed", "revived",
            "areas_gained", "areas_lost", "area_changes", "actions_completed",
        )
    ) or alter_before != alter_after  # fmt: skip
    return result
