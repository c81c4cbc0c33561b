"""The pure planning logic in tiewise.core: the goal check, who could
introduce you, the diversity nudge, overdue and strategy pre-fill."""

from __future__ import annotations

from datetime import date

import pytest

from tiewise.core.actions import is_overdue, prefill
from tiewise.core.goals import NO_DATE, NO_MEASURE, PAST_DATE, active_goals_hint, goal_issues
from tiewise.core.prospects import diversity_nudge, rank_introducers
from tiewise.core.types import PLN, AlterTieData, NodeData, Owner

TODAY = date(2025, 3, 10)


def test_a_complete_goal_has_no_issues() -> None:
    goal = {"measurable": "2 abstracts", "target_date": date(2025, 6, 1)}
    assert goal_issues(goal, today=TODAY) == []


def test_a_goal_without_measure_or_date_gets_both_nudges_in_order() -> None:
    assert goal_issues({"measurable": "  ", "target_date": None}, today=TODAY) == [
        NO_MEASURE,
        NO_DATE,
    ]


def test_a_past_target_date_is_flagged_but_today_is_not() -> None:
    assert goal_issues({"measurable": "x", "target_date": date(2025, 3, 9)}, today=TODAY) == [
        PAST_DATE
    ]
    assert goal_issues({"measurable": "x", "target_date": TODAY}, today=TODAY) == []


@pytest.mark.parametrize("status", ["achieved", "dropped"])
def test_finished_goals_are_not_nagged(status: str) -> None:
    assert goal_issues({"status": status}, today=TODAY) == []


def test_more_than_five_active_goals_gets_a_hint_but_five_do_not() -> None:
    assert active_goals_hint(5) is None
    assert "6 active goals" in (active_goals_hint(6) or "")


def _pln(nodes: list[NodeData], ties: list[tuple[int, int]]) -> PLN:
    return PLN(
        owner=Owner("Me"),
        nodes=tuple(nodes),
        alter_ties=tuple(AlterTieData(min(a, b), max(a, b)) for a, b in ties),
    )


def test_introducers_are_strong_ties_first_then_by_name() -> None:
    pln = _pln(
        [
            NodeData(1, "zara", strength="weak"),
            NodeData(2, "Yusuf", strength="strong"),
            NodeData(3, "Adam", strength="weak"),
            NodeData(4, "Bea", strength="strong"),
            NodeData(10, "Prospect", strength="absent"),
        ],
        [(1, 10), (2, 10), (3, 10), (4, 10)],
    )
    ranked = rank_introducers(pln, target_id=10)
    assert [i.name for i in ranked] == ["Bea", "Yusuf", "Adam", "zara"]
    assert all(i.knows_them and not i.same_organisation for i in ranked)


def test_same_organisation_matches_without_case_or_extra_spaces() -> None:
    pln = _pln(
        [
            NodeData(1, "Ann", strength="weak", organisation="Mayo  Clinic"),
            NodeData(2, "Bo", strength="strong", organisation="Cleveland Clinic"),
        ],
        [],
    )
    ranked = rank_introducers(pln, organisation="mayo clinic")
    assert [(i.name, i.same_organisation, i.reason) for i in ranked] == [
        ("Ann", True, "same organisation")
    ]


def test_prospects_and_the_target_itself_never_introduce() -> None:
    pln = _pln(
        [
            NodeData(1, "Other prospect", strength="absent", organisation="WHO"),
            NodeData(2, "Target", strength="absent", organisation="WHO"),
            NodeData(3, "Friend", strength="weak"),
        ],
        [(1, 2), (2, 3)],
    )
    assert [i.name for i in rank_introducers(pln, target_id=2, organisation="WHO")] == ["Friend"]


def test_someone_who_knows_them_and_shares_the_organisation_appears_once() -> None:
    pln = _pln([NodeData(1, "Ann", strength="weak", organisation="WHO")], [(1, 2)])
    (only,) = rank_introducers(pln, target_id=2, organisation="who")
    assert only.reason == "knows them, same organisation"


def test_no_target_and_no_organisation_means_no_introducers() -> None:
    pln = _pln([NodeData(1, "Ann", strength="strong", organisation="")], [])
    assert rank_introducers(pln, target_id=None, organisation="") == []


def test_diversity_nudge_needs_three_active_prospects_all_alike() -> None:
    assert diversity_nudge([("medicine", "national")] * 2) is None
    assert "medicine" in (diversity_nudge([("medicine", "national")] * 3) or "")
    assert "local" in (
        diversity_nudge([("industry", "local"), ("", "local"), ("x", "local")]) or ""
    )
    assert diversity_nudge([("medicine", "local"), ("industry", "national"), ("", "")]) is None


def test_an_action_is_overdue_only_when_open_and_past_due() -> None:
    assert is_overdue(date(2025, 3, 9), "planned", today=TODAY)
    assert is_overdue(date(2025, 3, 9), "doing", today=TODAY)
    assert not is_overdue(date(2025, 3, 9), "done", today=TODAY)
    assert not is_overdue(date(2025, 3, 9), "dropped", today=TODAY)
    assert not is_overdue(TODAY, "planned", today=TODAY)
    assert not is_overdue(None, "planned", today=TODAY)


def test_a_strategy_prefills_its_template_and_due_date() -> None:
    title, due = prefill("weak_ties", today=TODAY)
    assert title == "Share a useful resource with 3 weak ties"
    assert due == date(2025, 3, 24)
    with pytest.raises(KeyError):
        prefill("nope", today=TODAY)
