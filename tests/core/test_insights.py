"""Insights: every rule fires on a PLN built to trigger it and stays silent
on a balanced one; the report is plain JSON for any PLN, however small."""

from __future__ import annotations

import itertools
import json
from dataclasses import replace
from datetime import date, timedelta

import pytest

from tiewise.core.analysis import report, summary
from tiewise.core.analysis.insights import RULES, SEVERITIES, Finding, rule
from tiewise.core.strategies import STRATEGIES_BY_KEY
from tiewise.core.types import PLN, AlterTieData, NodeData, Owner

TODAY = date(2025, 3, 1)
RECENTLY = TODAY - timedelta(days=10)


def person(node_id: int, name: str, **fields) -> NodeData:
    defaults = {
        "strength": "weak",
        "modes": ("personal",),
        "sector": "medicine",
        "reach": "local",
        "last_interaction": RECENTLY,
    }
    return NodeData(node_id, name, **{**defaults, **fields})


def balanced_nodes() -> list[NodeData]:
    """A PLN a coach would be happy with: no gap worth a finding."""
    return [
        person(1, "Dr Ana Silva", strength="strong", roles=("mentor",), areas=("expertise",)),
        person(
            2,
            "Prof Ben Okafor",
            strength="strong",
            roles=("sponsor",),
            areas=("expertise", "academic"),
            reach="national",
        ),
        person(3, "Cy Tan", strength="strong", roles=("confidant",), areas=("informal_community",)),
        person(
            4, "Di Novak", roles=("peer",), areas=("professional_identity",), modes=("technology",)
        ),
        person(
            5, "Ed Ruiz", sector="industry", reach="international", modes=("technology", "personal")
        ),
        person(6, "Fay Lund", sector="academia", reach="regional", areas=("academic",)),
        person(7, "Gus Pike", sector="health_professions", reach="international"),
        person(8, "Hal Moe", sector="nonprofit", reach="national", modes=("technology",)),
        person(9, "Ida Voss", strength="strong", roles=("collaborator",), areas=("academic",)),
        person(10, "Jo Park", sector="government", reach="regional"),
    ]


def ring(ids: list[int]) -> list[AlterTieData]:
    pairs = zip(ids, ids[1:] + ids[:1], strict=True)
    return [AlterTieData(min(a, b), max(a, b)) for a, b in pairs]


def make(nodes: list[NodeData], ties: list[AlterTieData] | None = None, **extra) -> PLN:
    if ties is None:
        ties = ring([n.id for n in nodes if n.strength != "absent"])
    return PLN(Owner("Dr Owner"), tuple(nodes), tuple(ties), extra=extra)


def codes(pln: PLN, **kwargs) -> list[str]:
    return [f["code"] for f in report(pln, today=TODAY, **kwargs)["findings"]]


def finding(pln: PLN, code: str, **kwargs) -> dict:
    matches = [f for f in report(pln, today=TODAY, **kwargs)["findings"] if f["code"] == code]
    assert matches, f"expected a {code} finding"
    return matches[0]


def edit(nodes: list[NodeData], node_id: int, **fields) -> list[NodeData]:
    return [replace(n, **fields) if n.id == node_id else n for n in nodes]


def test_a_balanced_pln_has_no_gap_findings():
    # Brokers are information, not a gap: a ring makes everyone a broker.
    assert set(codes(make(balanced_nodes()))) <= {"brokers"}


# -- roles -----------------------------------------------------------------------------


def test_no_sponsor_is_flagged_when_nobody_has_the_sponsor_role():
    nodes = edit(balanced_nodes(), 2, roles=())
    f = finding(make(nodes), "no_sponsor")
    assert f["severity"] == "high"
    assert f["strategy"] == "mentors_sponsors"


def test_a_sponsor_outside_the_expertise_area_is_named():
    nodes = edit(balanced_nodes(), 2, areas=("academic",))
    f = finding(make(nodes), "no_sponsor_in_expertise")
    assert "Prof Ben Okafor" in f["text"]
    assert f["node_ids"] == [2]
    assert "no_sponsor" not in codes(make(nodes))


def test_no_mentor_is_flagged_only_without_a_mentor():
    assert "no_mentor" in codes(make(edit(balanced_nodes(), 1, roles=())))
    assert "no_mentor" not in codes(make(balanced_nodes()))


# -- inside and outside medicine, reach, mode ------------------------------------------------


def test_nobody_outside_medicine_when_every_known_sector_is_medicine():
    nodes = [replace(n, sector="medicine") for n in balanced_nodes()]
    nodes = edit(nodes, 10, sector="")  # unknown sectors are left out, not counted inside
    f = finding(make(nodes), "nobody_outside_medicine")
    assert "All 9 ties" in f["text"]
    assert "EI \N{MINUS SIGN}1.00" in f["text"]
    assert f["strategy"] == "weak_ties"


def test_mostly_inside_medicine_gives_the_share_and_the_ei_index():
    nodes = [replace(n, sector="medicine") for n in balanced_nodes()]
    nodes = edit(nodes, 5, sector="industry")  # 9 of 10 inside: EI = (1 - 9) / 10
    f = finding(make(nodes), "mostly_inside_medicine")
    assert "90% of your ties are inside medicine" in f["text"]
    assert "EI \N{MINUS SIGN}0.80" in f["text"]


def test_a_mixed_network_is_not_mostly_inside_medicine():
    found = codes(make(balanced_nodes()))
    assert "mostly_inside_medicine" not in found
    assert "nobody_outside_medicine" not in found


def test_all_local_ties_are_flagged():
    nodes = [replace(n, reach="local") for n in balanced_nodes()]
    assert "all_local" in codes(make(nodes))
    assert "no_international_ties" not in codes(make(nodes))


def test_no_international_ties_when_reach_stops_at_the_border():
    nodes = [
        replace(n, reach="national" if n.reach == "international" else n.reach)
        for n in balanced_nodes()
    ]
    f = finding(make(nodes), "no_international_ties")
    assert f["strategy"] == "international_ties"
    assert "all_local" not in codes(make(nodes))


def test_no_technology_ties_when_every_tie_is_in_person():
    nodes = [replace(n, modes=("personal",)) for n in balanced_nodes()]
    f = finding(make(nodes), "no_technology_ties")
    assert f["strategy"] == "social_media_presence"
    assert "no_technology_ties" not in codes(make(balanced_nodes()))


def test_no_personal_ties_when_every_tie_is_online():
    nodes = [replace(n, modes=("technology",)) for n in balanced_nodes()]
    assert "no_personal_ties" in codes(make(nodes))
    assert "no_personal_ties" not in codes(make(balanced_nodes()))


def test_modes_say_nothing_when_no_mode_is_known():
    nodes = [replace(n, modes=()) for n in balanced_nodes()]
    found = codes(make(nodes))
    assert "no_technology_ties" not in found
    assert "no_personal_ties" not in found


# -- areas, weak and strong ----------------------------------------------------------------


def test_an_empty_area_is_flagged_with_the_strategy_that_fills_it():
    nodes = [
        replace(n, areas=tuple(a for a in n.areas if a != "academic")) for n in balanced_nodes()
    ]
    f = finding(make(nodes), "empty_area")
    assert "academic" in f["text"]
    assert f["strategy"] == "research_collaboration"


def test_empty_areas_are_not_flagged_before_anyone_is_placed_in_an_area():
    nodes = [replace(n, areas=()) for n in balanced_nodes()]
    assert "empty_area" not in codes(make(nodes))


def test_few_weak_ties_gives_the_share():
    nodes = [replace(n, strength="strong") for n in balanced_nodes()]
    nodes = edit(nodes, 10, strength="weak")  # 1 weak of 10
    f = finding(make(nodes), "few_weak_ties")
    assert "10%" in f["text"] and "1 of 10" in f["text"]
    assert "few_strong_ties" not in codes(make(nodes))


def test_few_strong_ties_when_nearly_everyone_is_an_acquaintance():
    nodes = [replace(n, strength="weak") for n in balanced_nodes()]
    assert "few_strong_ties" in codes(make(nodes))
    assert "few_weak_ties" not in codes(make(nodes))


def test_tie_balance_waits_for_enough_ties():
    nodes = [replace(n, strength="strong") for n in balanced_nodes()[:3]]
    assert "few_weak_ties" not in codes(make(nodes))


# -- structure -----------------------------------------------------------------------------


def three_groups() -> tuple[list[NodeData], list[AlterTieData]]:
    """Three groups of four; the third hangs on Dr Ana Silva alone."""
    nodes = balanced_nodes() + [person(11, "Kim Roe"), person(12, "Lu Chen")]
    groups = [[3, 4, 5, 6], [7, 8, 9, 10], [1, 2, 11, 12]]
    ties = [AlterTieData(a, b) for g in groups for a, b in itertools.combinations(g, 2)]
    ties += [AlterTieData(3, 7), AlterTieData(4, 8), AlterTieData(5, 9), AlterTieData(1, 6)]
    return nodes, ties


def test_the_only_bridge_to_a_cluster_is_named():
    nodes, ties = three_groups()
    rep = report(make(nodes, ties), today=TODAY)
    bridges = [f for f in rep["findings"] if f["code"] == "only_bridge"]
    assert bridges, rep["structure"]["clusters"]
    named = {f["node_ids"][0] for f in bridges}
    assert named & {1, 6}
    assert any("Dr Ana Silva" in f["text"] or "Fay Lund" in f["text"] for f in bridges)
    assert rep["spotlight"]["only_bridges"]


def test_well_knit_groups_have_no_only_bridge():
    nodes, ties = three_groups()
    ties += [AlterTieData(2, 7), AlterTieData(11, 4)]
    assert "only_bridge" not in codes(make(nodes, ties))


def test_the_broker_on_a_path_is_named_first():
    nodes = balanced_nodes()[:3]
    ties = [AlterTieData(1, 2), AlterTieData(2, 3)]
    f = finding(make(nodes, ties), "brokers")
    assert f["node_ids"] == [2]
    assert f["text"].startswith("Prof Ben Okafor")
    assert f["severity"] == "info"


def test_no_brokers_when_everyone_knows_everyone():
    nodes = balanced_nodes()[:4]
    ties = [AlterTieData(a, b) for a, b in itertools.combinations([1, 2, 3, 4], 2)]
    assert "brokers" not in codes(make(nodes, ties))


def test_contacts_who_know_nobody_else_are_listed():
    nodes = balanced_nodes()[:4]
    f = finding(make(nodes, [AlterTieData(1, 2), AlterTieData(2, 3)]), "isolates")
    assert f["node_ids"] == [4]
    assert "Di Novak" in f["text"]


def test_isolates_are_not_flagged_before_any_alter_tie_is_recorded():
    assert "isolates" not in codes(make(balanced_nodes(), []))


# -- upkeep ------------------------------------------------------------------------------


def test_a_strong_tie_past_twice_its_cadence_is_going_quiet():
    nodes = edit(balanced_nodes(), 1, cadence_days=30, last_interaction=TODAY - timedelta(61))
    f = finding(make(nodes), "strong_ties_going_quiet")
    assert f["node_ids"] == [1]
    assert "Dr Ana Silva" in f["text"]
    rep = report(make(nodes), today=TODAY)
    assert rep["spotlight"]["going_quiet"][0]["days_since"] == 61


def test_a_strong_tie_within_twice_its_cadence_is_not_going_quiet():
    nodes = edit(balanced_nodes(), 1, cadence_days=30, last_interaction=TODAY - timedelta(60))
    assert "strong_ties_going_quiet" not in codes(make(nodes))


def test_a_strong_tie_without_cadence_goes_quiet_after_half_a_year():
    quiet = edit(balanced_nodes(), 1, last_interaction=TODAY - timedelta(181))
    fine = edit(balanced_nodes(), 1, last_interaction=TODAY - timedelta(150))
    assert "strong_ties_going_quiet" in codes(make(quiet))
    assert "strong_ties_going_quiet" not in codes(make(fine))


def test_weak_ties_never_go_quiet():
    nodes = edit(balanced_nodes(), 10, last_interaction=TODAY - timedelta(900))
    assert "strong_ties_going_quiet" not in codes(make(nodes))


def test_a_goal_with_no_people_and_no_actions_is_flagged():
    goals = [
        {"id": 1, "title": "Publish a QI paper", "node_ids": [], "action_ids": []},
        {"id": 2, "title": "Teach ultrasound", "node_ids": [1], "action_ids": [7]},
    ]
    f = finding(make(balanced_nodes()), "goal_unsupported", goals=goals)
    assert "Publish a QI paper" in f["text"]
    assert f["severity"] == "high"
    assert codes(make(balanced_nodes()), goals=goals).count("goal_unsupported") == 1


def test_goals_can_come_from_pln_extra():
    pln = make(balanced_nodes(), goals=[{"id": 1, "title": "Lead a team", "node_ids": [1]}])
    f = finding(pln, "goal_unsupported")
    assert f["severity"] == "medium"
    assert "no actions" in f["text"]
    assert report(pln, today=TODAY)["goals"][0]["supported"] is False


def test_goals_are_none_in_the_report_when_not_given():
    rep = report(make(balanced_nodes()), today=TODAY)
    assert rep["goals"] is None
    assert rep["maintenance"] is None


def test_low_reciprocity_when_the_owner_mostly_receives():
    f = finding(make(balanced_nodes()), "low_reciprocity", gave=1, received=9)
    assert "1 of 10" in f["text"]
    assert "low_reciprocity" not in codes(make(balanced_nodes()), gave=5, received=5)


def test_many_due_ties_and_lapsed_ties_are_flagged():
    found = codes(make(balanced_nodes()), due_share=0.5, lapsed_ids=[3])
    assert "ties_due" in found and "lapsed_ties" in found
    quiet = codes(make(balanced_nodes()), due_share=0.1, lapsed_ids=[])
    assert "ties_due" not in quiet and "lapsed_ties" not in quiet


# -- the report as a whole ---------------------------------------------------------------


EDGE_CASES = {
    "empty": make([]),
    "only prospects": make(
        [person(1, "Pat", strength="absent"), person(2, "Quin", strength="absent")]
    ),
    "single node": make([person(1, "Solo", strength="strong")]),
    "star": make(balanced_nodes(), []),
    "no attributes": make([NodeData(i, f"N{i}") for i in range(1, 4)]),
}


@pytest.mark.parametrize("case", sorted(EDGE_CASES))
def test_the_report_is_strict_json_for_any_pln(case):
    rep = report(EDGE_CASES[case], today=TODAY)
    text = json.dumps(rep, allow_nan=False)
    assert json.loads(text) == rep


def test_prospects_are_counted_apart_from_the_ego_network():
    nodes = balanced_nodes() + [person(20, "Pat Prospect", strength="absent", roles=("sponsor",))]
    ties = ring(list(range(1, 11))) + [AlterTieData(1, 20)]
    rep = report(make(nodes, ties), today=TODAY)
    assert rep["size"]["prospects"] == 1
    assert rep["size"]["nodes"] == 10
    assert rep["structure"]["size"] == 10
    assert rep["structure"]["alter_ties"] == 10
    assert "20" not in rep["structure"]["betweenness"]


def test_a_pln_of_prospects_only_says_the_map_is_empty():
    assert codes(EDGE_CASES["only prospects"]) == ["empty_network"]


def test_findings_come_most_severe_first():
    nodes = [replace(n, roles=(), sector="medicine", reach="local") for n in balanced_nodes()]
    severities = [f["severity"] for f in report(make(nodes), today=TODAY)["findings"]]
    assert len(set(severities)) > 1
    assert severities == sorted(severities, key=SEVERITIES.index)


def test_every_finding_points_at_a_strategy_and_is_plain_text():
    nodes, ties = three_groups()
    nodes = [
        replace(n, roles=(), modes=("personal",), reach="local", name=n.name + " <b>")
        for n in nodes
    ]
    rep = report(
        make(nodes, ties),
        today=TODAY,
        goals=[{"id": 1, "title": "x"}],
        gave=0,
        received=8,
        due_share=0.9,
        lapsed_ids=[1],
    )
    assert len(rep["findings"]) >= 8
    for f in rep["findings"]:
        assert f["strategy"] in STRATEGIES_BY_KEY
        assert f["severity"] in SEVERITIES
        assert "&lt;" not in f["text"]  # names verbatim: escaping is the template's job


def test_the_report_is_the_same_on_every_run():
    nodes, ties = three_groups()
    assert report(make(nodes, ties), today=TODAY) == report(make(nodes, ties), today=TODAY)


def test_confidants_are_in_the_spotlight():
    spot = report(make(balanced_nodes()), today=TODAY)["spotlight"]
    assert spot["confidants"] == [{"node_id": 3, "name": "Cy Tan"}]


def test_the_people_a_rule_asks_for_by_role_are_each_listed_once_in_map_order():
    """Rules ask for the holders of a role from one index of every role:
    a role listed twice still lists its holder once, and prospects hold none."""
    nodes = [
        *balanced_nodes(),
        person(40, "Ann Twice", strength="strong", roles=("confidant", "confidant")),
        person(41, "Pat Prospect", strength="absent", roles=("confidant",)),
        person(42, "Bo Late", strength="weak", roles=("peer", "confidant")),
    ]
    spot = report(make(nodes), today=TODAY)["spotlight"]
    assert [c["name"] for c in spot["confidants"]] == ["Cy Tan", "Ann Twice", "Bo Late"]


def test_the_report_gives_composition_diversity_and_ei_by_attribute():
    rep = report(make(balanced_nodes()), today=TODAY)
    assert rep["composition"]["sector"]["counts"]["medicine"] == 5
    assert rep["diversity"]["sector"]["blau"] == pytest.approx(1 - (0.5**2 + 5 * 0.1**2))
    assert rep["ei"]["sector"]["ei"] == pytest.approx(0.0)
    assert rep["weak_tie_share"] == pytest.approx(6 / 10)
    assert set(rep["composition"]) >= {
        "strength",
        "modes",
        "areas",
        "roles",
        "sector",
        "reach",
        "profession",
        "country",
    }


def test_summary_gives_the_caseload_figures():
    rep = report(make(balanced_nodes()), today=TODAY)
    s = summary(rep)
    assert s["size"] == 10
    assert s["weak_tie_share"] == pytest.approx(0.6)
    assert s["density"] == pytest.approx(10 / 45)  # a ring of 10: 10 of 45 possible ties
    assert s["n_findings"] == len(rep["findings"])


def test_a_new_rule_can_be_registered_and_runs_with_the_others():
    @rule
    def owner_named_pat(facts):
        if any(n.name == "Solo" for n in facts.alters):
            yield Finding("solo", "low", "Solo", "Only Solo.", "connect_people", (1,))

    try:
        assert "solo" in codes(EDGE_CASES["single node"])
    finally:
        RULES.remove(owner_named_pat)
    assert "solo" not in codes(EDGE_CASES["single node"])


def test_a_cached_structure_is_not_changed_by_the_report_it_feeds():
    """The structural part is cached and reused across edits: the report
    names its brokers on copies, so a rename shows and the cache stays as it was."""
    from tiewise.core.analysis.insights import structure_of

    nodes = balanced_nodes()
    pln = make(nodes, ring([1, 2, 3]) + ring([4, 5, 6, 7]) + [AlterTieData(3, 4)])
    structure = structure_of(pln)
    kept = json.dumps(structure, sort_keys=True, default=str)
    first = report(pln, today=TODAY, structure=structure)
    renamed = make(edit(nodes, 3, name="Dr Cy Tan-Ruiz"), pln.alter_ties)
    again = report(renamed, today=TODAY, structure=structure)
    assert json.dumps(structure, sort_keys=True, default=str) == kept
    names = [b["name"] for b in again["structure"]["brokers"]]
    assert "Dr Cy Tan-Ruiz" in names and "Cy Tan" in [
        b["name"] for b in first["structure"]["brokers"]
    ]
