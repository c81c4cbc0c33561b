"""The "since your last session" card names a few people out of what may be
thousands (a new import): picked without sorting them all, they must be
the ones sorting would pick."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

_people = st.lists(
    st.fixed_dictionaries({
        "id": st.integers(1, 60),
        "name": st.sampled_from(["Ana", "ana", "Ben", "Chen", ""]),
        "strength": st.sampled_from(["strong", "weak", "absent"]),
        "roles": st.lists(st.sampled_from(["sponsor", "mentor", "peer", "collaborator"]), max_size=2),
    }),
    max_size=30,
    unique_by=lambda n: n["id"],
)  # fmt: skip


@given(_people, st.data())
def test_the_few_names_are_the_first_of_all_of_them_in_notable_order(people: list, data) -> None:
    """`since_summary` names the first few by `_notable_key` without sorting
    thousands; they must be exactly the first few of the full order, with
    people who have no role ranked as `_role_rank` ranks them."""
    from tiewise.upkeep.selectors import NOTABLE, _notable, _role_rank, _standing, notable_first

    now = {"nodes": people}
    strong, rank = _standing(now)
    for n in people:
        assert rank.get(n["id"], _role_rank(())) == _role_rank(n["roles"])
    items = (
        data.draw(st.lists(st.sampled_from(people), unique_by=lambda n: n["id"])) if people else []
    )
    assert _notable(items, strong, rank) == notable_first(items, now)[:NOTABLE]
