"""What changed between crafted snapshots."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

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


AREAS = ("academic", "expertise", "informal_community", "professional_identity")
_people = st.lists(
    st.tuples(
        st.integers(1, 12),
        st.sampled_from(["absent", "weak", "strong"]),
        st.lists(st.sampled_from(AREAS), unique=True, max_size=3),
    ),
    unique_by=lambda t: t[0],
    max_size=10,
)


def _snapshot(people: list[tuple[int, str, list[str]]]) -> dict[str, Any]:
    return {"nodes": [node(pk, f"P{pk}", s, tuple(a)) for pk, s, a in people]}


@settings(max_examples=300, deadline=None)
@given(_people, _people, st.randoms())
def test_area_and_strength_changes_follow_their_definitions(
    before: list[tuple[int, str, list[str]]], after: list[tuple[int, str, list[str]]], rnd: Any
) -> None:
    """Against the rules read as sets: a person's areas gained and lost,
    whatever order their areas are stored in, the areas some present tie
    covers, and the strength counts."""
    a, b = _snapshot(before), _snapshot(after)
    for n in b["nodes"]:
        rnd.shuffle(n["areas"])  # the same areas in another order are no change
    d = diff_snapshots(a, b)
    old = {pk: (s, set(ar)) for pk, s, ar in before}
    new = {pk: (s, set(ar)) for pk, s, ar in after}
    expected = [
        (pk, sorted(new[pk][1] - old[pk][1]), sorted(old[pk][1] - new[pk][1]))
        for pk in sorted(old.keys() & new.keys())
        if old[pk][1] != new[pk][1]
    ]
    assert sorted((c["id"], c["gained"], c["lost"]) for c in d["area_changes"]) == expected

    def held(people: dict[int, tuple[str, set[str]]]) -> set[str]:
        return set().union(*(ar for s, ar in people.values() if s != "absent"))

    assert d["areas_gained"] == sorted(held(new) - held(old))
    assert d["areas_lost"] == sorted(held(old) - held(new))
    for level in ("strong", "weak"):
        assert d["counts"][level] == [
            sum(s == level for s, _ in old.values()),
            sum(s == level for s, _ in new.values()),
        ]


@settings(max_examples=100, deadline=None)
@given(_people, _people)
def test_an_unordered_diff_holds_the_same_changes(
    before: list[tuple[int, str, list[str]]], after: list[tuple[int, str, list[str]]]
) -> None:
    """`ordered=False` skips the sort by name and nothing else."""
    a, b = _snapshot(before), _snapshot(after)
    b["lapsed"] = [pk for pk, s, _ in after if s == "strong"][:2]
    ordered, loose = diff_snapshots(a, b), diff_snapshots(a, b, ordered=False)
    assert loose.keys() == ordered.keys()
    for key, value in ordered.items():
        if isinstance(value, list) and value and isinstance(value[0], dict):
            assert sorted(loose[key], key=lambda i: i["id"]) == sorted(value, key=lambda i: i["id"])
        else:
            assert loose[key] == value, key
