"""A read of many ties works out each distinct status once (`_tie_row`'s
`seen`): whatever the mix of ties, every row must come out exactly as if
its status had been worked out on its own."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from tiewise.core.cadence import CadenceRules
from tiewise.upkeep.selectors import _tie_row

DAY = date(2026, 6, 15)
_dates = st.one_of(st.none(), st.integers(-400, 30).map(lambda d: DAY + timedelta(days=d)))
_rows = st.tuples(
    st.sampled_from(["strong", "weak", "absent", None]),
    st.sampled_from(["", "mentor", "peer", "mentor,sponsor"]),
    st.sampled_from([None, 0, 14, 90]),
    _dates,  # tracked since
    st.sampled_from([False, True, 0, 1]),  # never (SQLite gives 0 and 1)
    _dates,  # snoozed until
    _dates,  # last contact
)


@given(st.lists(_rows, max_size=40), st.sampled_from([CadenceRules(), CadenceRules(30, 60, None)]))
def test_a_shared_status_is_the_status_worked_out_alone(rows: list, rules: CadenceRules) -> None:
    plain = [(i, f"N{i}", s, roles, cad, since, never, snoozed)
             for i, (s, roles, cad, since, never, snoozed, _) in enumerate(rows)]  # fmt: skip
    last = {i: row[-1] for i, row in enumerate(rows) if row[-1] is not None}
    seen: dict = {}
    shared = [_tie_row(r, day=DAY, rules=rules, last=last, seen=seen) for r in plain]
    alone = [_tie_row(r, day=DAY, rules=rules, last=last) for r in plain]
    assert shared == alone
    assert len(seen) <= len(plain)
