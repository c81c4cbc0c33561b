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
from collections.abc import Callable, Iterable
from typing import Any

SNAPSHOT_VERSION = 1


def _nodes(snapshot: dict[str, Any]) -> dict[int, dict[str, Any]]:
    return {int(n["id"]): n for n in snapshot.get("nodes") or []}


def _brief(node: dict[str, Any]) -> dict[str, Any]:
    return {"id": int(node["id"]), "name": str(node.get("name", ""))}


def by_name(items: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Changes listed by name (ties broken by id), as a reader scans them."""
    return sorted(items, key=lambda i: (str(i["name"]).lower(), i["id"]))


def _areas_held(nodes: dict[int, dict[str, Any]]) -> set[str]:
    """The areas at least one present tie covers."""
    return {
        a for n in nodes.values() if n.get("strength") != "absent" for a in n.get("areas") or ()
    }


def _strength_counts(nodes: dict[int, dict[str, Any]]) -> Counter[str]:
    return Counter(str(n.get("strength")) for n in nodes.values())


def diff_snapshots(
    before: dict[str, Any], after: dict[str, Any], *, ordered: bool = True
) -> dict[str, Any]:
    """Everything that changed from `before` to `after`, as plain lists,
    each by name (`by_name`). `ordered=False` leaves the lists of people in
    no set order, for a reader that counts them and picks its own few: after
    an import every one of thousands of people is new, and sorting them is
    most of the work.

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
        ao, an = o.get("areas") or [], n.get("areas") or []
        # Most people's areas are unchanged, and stored in one order: the
        # list comparison spares building four sets per person.
        if ao != an:
            gained = sorted(set(an) - set(ao))
            lost = sorted(set(ao) - set(an))
            if gained or lost:
                area_changes.append({**_brief(n), "gained": gained, "lost": lost})
    old_areas, new_areas = _areas_held(old), _areas_held(new)
    old_strength, new_strength = _strength_counts(old), _strength_counts(new)
    old_lapsed = {int(i) for i in before.get("lapsed") or []}
    new_lapsed = {int(i) for i in after.get("lapsed") or []}
    old_done = {int(a["id"]) for a in before.get("done_actions") or []}
    done = [a for a in after.get("done_actions") or [] if int(a["id"]) not in old_done]
    alter_before, alter_after = (
        int(before.get("alter_ties") or 0),
        int(after.get("alter_ties") or 0),
    )
    order: Callable[[Iterable[dict[str, Any]]], list[dict[str, Any]]] = by_name if ordered else list
    result: dict[str, Any] = {
        "new_nodes": order(_brief(new[pk]) for pk in new.keys() - old.keys()),
        "removed_nodes": order(_brief(old[pk]) for pk in old.keys() - new.keys()),
        "strengthened": order(strengthened),
        "weakened": order(weakened),
        "lapsed": order(_brief(new[pk]) for pk in (new_lapsed - old_lapsed) if pk in new),
        "revived": order(_brief(new[pk]) for pk in (old_lapsed - new_lapsed) if pk in new),
        "areas_gained": sorted(new_areas - old_areas),
        "areas_lost": sorted(old_areas - new_areas),
        "area_changes": order(area_changes),
        "actions_completed": sorted(
            ({"id": int(a["id"]), "title": str(a.get("title", ""))} for a in done),
            key=lambda a: int(a["id"]),
        ),
        "counts": {
            "nodes": [len(old), len(new)],
            "strong": [old_strength["strong"], new_strength["strong"]],
            "weak": [old_strength["weak"], new_strength["weak"]],
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
