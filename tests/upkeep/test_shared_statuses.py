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
# Few values each, so that rows alike in all inputs but one turn up often.
_dates = st.sampled_from([None, *(DAY + timedelta(days=d) for d in (-400, -100, -30, 0, 10))])
_rows = st.tuples(
    st.sampled_from(["strong", "weak", "absent", None]),
    st.sampled_from(["", "mentor", "peer", "mentor,sponsor"]),
    st.sampled_from([None, 0, 14, 90]),
    _dates,  # tracked since
    st.sampled_from([False, True, 0, 1]),  # never (SQLite gives 0 and 1)
    _dates,  # snoozed until
    _dates,  # last contact
)


def _variants(rows: list[tuple], others: list[tuple]) -> list[tuple]:
    """Each row, then copies of it that differ from it in one input each
    (taken from `others`): rows alike in all but one input are what a key
    that left that input out would mix up."""
    out = []
    for row, other in zip(rows, others, strict=False):
        out.append(row)
        out.extend(row[:i] + (other[i],) + row[i + 1 :] for i in range(len(row)))
    return out


@given(
    st.lists(_rows, max_size=12),
    st.lists(_rows, max_size=12),
    st.sampled_from([CadenceRules(), CadenceRules(30, 60, None)]),
)
def test_a_shared_status_is_the_status_worked_out_alone(
    rows: list, others: list, rules: CadenceRules
) -> None:
    mixed = _variants(rows, others)
    plain = [(i, f"N{i}", s, roles, cad, since, never, snoozed)
             for i, (s, roles, cad, since, never, snoozed, _) in enumerate(mixed)]  # fmt: skip
    last = {i: row[-1] for i, row in enumerate(mixed) if row[-1] is not None}
    seen: dict = {}
    shared = [_tie_row(r, day=DAY, rules=rules, last=last, seen=seen) for r in plain]
    alone = [_tie_row(r, day=DAY, rules=rules, last=last, seen={}) for r in plain]
    assert shared == alone
