"""The strategy catalogue: every strategy of DESIGN.md, ready for the action plan."""

from __future__ import annotations

import pytest

from tiewise.core.analysis import report
from tiewise.core.analysis.insights import AREA_STRATEGY
from tiewise.core.strategies import STRATEGIES, STRATEGIES_BY_KEY, strategy

DESIGN_KEYS = {
    "set_goals",
    "social_media_presence",
    "research_collaboration",
    "international_ties",
    "weak_ties",
    "ask_experts",
    "journal_club",
    "conference_backchannel",
    "share_resources",
    "mentors_sponsors",
    "connect_people",
}


def test_the_catalogue_has_exactly_the_strategies_of_the_design():
    assert {s.key for s in STRATEGIES} == DESIGN_KEYS
    assert len(STRATEGIES) == len(DESIGN_KEYS)


def test_strategies_can_be_looked_up_by_key():
    for s in STRATEGIES:
        assert STRATEGIES_BY_KEY[s.key] is s
        assert strategy(s.key) is s
    with pytest.raises(KeyError):
        strategy("cold_calling")


@pytest.mark.parametrize("s", STRATEGIES, ids=lambda s: s.key)
def test_every_strategy_offers_a_first_action_with_a_sensible_due_date(s):
    assert s.title and s.description and s.template_action
    assert s.description.rstrip().endswith(".")
    assert 1 <= s.default_due_days <= 90
    assert len(s.template_action) <= 100  # fits an action title field


def test_every_strategy_an_insight_can_point_to_exists():
    assert set(AREA_STRATEGY.values()) <= DESIGN_KEYS


def test_the_report_never_points_at_an_unknown_strategy():
    from tiewise.core.types import PLN, NodeData, Owner

    pln = PLN(Owner("Dr A"), (NodeData(1, "B", strength="strong", sector="medicine"),))
    for f in report(pln)["findings"]:
        assert f["strategy"] in STRATEGIES_BY_KEY
