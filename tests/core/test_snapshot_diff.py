"""What changed between crafted snapshots."""

from __future__ import annotations

from typing import Any

from tiewise.core.snapshots import diff_snapshots


def node(pk: int, name: str, strength: str = "weak", areas: tuple[str, ...] = ()) -> dict[str, Any]:
    return {"id": pk, "name": name, "strength": strength, "areas": list(areas), "modes": []}


BEFORE = {
    "nodes": [
        node(1, "Ana", "weak", ("academic",)),
        node(2, "Ben", "strong", ("expertise",)),
        node(3, "Cy", "strong", ("informal_community",)),
        node(4, "Di", "strong", ("expertise",)),
    ],
    "alter_ties": 3,
    "lapsed": [],
    "done_actions": [{"id": 7, "title": "Old action"}],
}
AFTER = {
    "nodes": [
        node(1, "Ana", "strong", ("academic", "professional_identity")),
        node(2, "Ben", "weak", ("expertise",)),
        node(4, "Di", "strong", ("expertise",)),
        node(5, "Eve", "weak", ("academic",)),
    ],
    "alter_ties": 5,
    "lapsed": [4],
    "done_actions": [{"id": 7, "title": "Old action"}, {"id": 9, "title": "Start a journal club"}],
}


def test_it_lists_new_and_removed_nodes() -> None:
    d = diff_snapshots(BEFORE, AFTER)
    assert d["new_nodes"] == [{"id": 5, "name": "Eve"}]
    assert d["removed_nodes"] == [{"id": 3, "name": "Cy"}]


def test_it_lists_weak_to_strong_and_strong_to_weak() -> None:
    d = diff_snapshots(BEFORE, AFTER)
    assert d["strengthened"] == [{"id": 1, "name": "Ana", "from": "weak", "to": "strong"}]
    assert d["weakened"] == [{"id": 2, "name": "Ben", "from": "strong", "to": "weak"}]


def test_it_lists_ties_that_lapsed_since() -> None:
    assert diff_snapshots(BEFORE, AFTER)["lapsed"] == [{"id": 4, "name": "Di"}]
    assert diff_snapshots(AFTER, BEFORE)["revived"] == [{"id": 4, "name": "Di"}]


def test_it_lists_areas_gained_and_lost() -> None:
    d = diff_snapshots(BEFORE, AFTER)
    assert d["areas_gained"] == ["professional_identity"]
    assert d["areas_lost"] == ["informal_community"]
    assert d["area_changes"] == [
        {"id": 1, "name": "Ana", "gained": ["professional_identity"], "lost": []}
    ]


def test_it_lists_only_newly_completed_actions() -> None:
    assert diff_snapshots(BEFORE, AFTER)["actions_completed"] == [
        {"id": 9, "title": "Start a journal club"}
    ]


def test_counts_compare_then_and_now() -> None:
    counts = diff_snapshots(BEFORE, AFTER)["counts"]
    assert counts["nodes"] == [4, 4]
    assert counts["strong"] == [3, 2]
    assert counts["alter_ties"] == [3, 5]


def test_a_snapshot_compared_with_itself_has_no_changes() -> None:
    assert diff_snapshots(AFTER, AFTER)["has_changes"] is False


def test_missing_keys_read_as_empty() -> None:
    d = diff_snapshots({}, {"nodes": [node(1, "Ana")]})
    assert d["new_nodes"] == [{"id": 1, "name": "Ana"}]
    assert d["has_changes"] is True
