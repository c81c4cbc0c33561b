"""The ranking (pure, in core): reasons in words, weights in one place."""

from __future__ import annotations

from datetime import date

import pytest

from tiewise.core.analysis import report
from tiewise.core.meeting import (
    WEIGHTS,
    Candidate,
    Card,
    Gaps,
    gaps_from_report,
    parse_met_line,
    rank,
    vcard,
)
from tiewise.core.types import PLN, NodeData, Owner


def local_medicine_pln() -> PLN:
    nodes = tuple(
        NodeData(i, f"Colleague {i}", strength="strong" if i < 3 else "weak",
                 roles=("mentor",) if i == 1 else ("peer",), areas=("expertise",),
                 sector="medicine" if i < 10 else "industry", reach="local" if i < 10 else "national")
        for i in range(1, 11)
    )  # fmt: skip
    return PLN(Owner("Dr A"), nodes=nodes)


def test_gaps_read_the_insights_report_no_sponsor_and_ninety_percent_local() -> None:
    g = gaps_from_report(report(local_medicine_pln(), today=date(2025, 1, 1)))
    assert "sponsor" in g.missing_roles and "mentor" not in g.missing_roles
    assert ("mentor", "academic") in g.missing_in_area
    assert g.inside_share == pytest.approx(0.9) and g.local_share == pytest.approx(0.9)
    assert "academic" in g.empty_areas


def test_an_empty_network_has_no_role_gaps_only_its_goals() -> None:
    g = gaps_from_report(report(PLN(Owner("Dr A")), today=date(2025, 1, 1)), growth=("sepsis",))
    assert g.missing_roles == frozenset() and g.growth == ("sepsis",)


def test_the_issue_reasons_are_written_in_words() -> None:
    gaps = Gaps(
        missing_in_area=frozenset({("sponsor", "expertise")}), inside_share=0.9, local_share=0.9,
        growth=("Learn point-of-care ultrasound",),
    )  # fmt: skip
    c = Candidate("user", 1, "Marcus Lee", offers=("sponsorship",), areas=("expertise",),
                  topics=("point-of-care ultrasound",), sector="industry", international=True,
                  via=("Dr. Okafor",))  # fmt: skip
    (s,) = rank([c], gaps)
    assert s.reasons == (
        "offers sponsorship in expertise; you have no sponsor there",
        "works on your growth area point-of-care ultrasound",
        "outside medicine, international: your network is 90% inside medicine and local",
        "Dr. Okafor, your strong tie, also knows them",
    )
    expected = (WEIGHTS["role_gap_in_area"] + WEIGHTS["growth_topic"] + WEIGHTS["outside_medicine"]
                + WEIGHTS["international"] + WEIGHTS["second_degree"] + WEIGHTS["kind_directory"])  # fmt: skip
    assert s.score == pytest.approx(expected)


def test_different_shares_are_said_separately() -> None:
    gaps = Gaps(inside_share=0.75, local_share=0.9)
    (s,) = rank([Candidate("user", 1, "X", sector="government", international=True)], gaps)
    assert s.reasons[0].endswith("your network is 75% inside medicine and 90% local")


def test_a_mostly_outside_network_does_not_ask_for_outsiders() -> None:
    gaps = Gaps(inside_share=0.4, local_share=0.3)
    assert rank([Candidate("user", 1, "X", sector="industry", international=True)], gaps) == []


def test_a_stranger_from_the_directory_ranks_before_an_equally_fitting_weak_tie() -> None:
    gaps = Gaps(growth=("sepsis research",))
    stranger = Candidate("user", 1, "Zoe", topics=("sepsis",), tie="directory")
    weak = Candidate("node", 2, "Amy", topics=("sepsis",), tie="weak")
    assert [s.name for s in rank([weak, stranger], gaps)] == ["Zoe", "Amy"]


def test_the_weights_can_be_changed_in_one_place() -> None:
    gaps = Gaps(missing_roles=frozenset({"sponsor", "coach"}))
    a = Candidate("user", 1, "Alex", offers=("sponsorship",))
    b = Candidate("user", 2, "Bo", offers=("coaching",))
    assert [s.name for s in rank([a, b], gaps)] == ["Alex", "Bo"]  # equal: by name
    weights = {**WEIGHTS, "role_gap": 1.0}
    assert rank([a], gaps, weights=weights)[0].score == pytest.approx(
        1.0 + WEIGHTS["kind_directory"]
    )


def test_a_coach_recommendation_is_a_reason() -> None:
    (s,) = rank([Candidate("node", 3, "Kim", recommended_by="Dr. Ito", tie="prospect")], Gaps())
    assert s.reasons == ("Dr. Ito, your coach, recommends them",)


@pytest.mark.parametrize(
    ("line", "name", "org", "topics"),
    [
        ("Jane Doe, Mayo Clinic, ultrasound research", "Jane Doe", "Mayo Clinic",
         ("ultrasound research",)),
        ("Jane Doe", "Jane Doe", "", ()),
        ("  Ola Berg ,  Karolinska , sepsis; AKI ", "Ola Berg", "Karolinska", ("sepsis", "AKI")),
    ],
)  # fmt: skip
def test_a_met_line_gives_name_organisation_and_topics(
    line: str, name: str, org: str, topics: tuple[str, ...]
) -> None:
    parsed = parse_met_line(line)
    assert (parsed.name, parsed.organisation, parsed.topics) == (name, org, topics)


@pytest.mark.parametrize("line", ["", "   ", ", Mayo Clinic"])
def test_a_met_line_without_a_name_is_refused(line: str) -> None:
    with pytest.raises(ValueError, match="Write who you met"):
        parse_met_line(line)


def test_a_card_vcard_reads_back_the_same_person() -> None:
    card = Card("Ana Ruiz, MD", "Resident; EM", "St Mary's", ("sepsis", "POCUS"))
    back = parse_met_line(vcard(card))
    assert (back.name, back.organisation, back.topics) == ("Ana Ruiz, MD", "St Mary's",
                                                          ("sepsis", "POCUS"))  # fmt: skip


def test_the_vcard_is_valid_for_a_vcard_reader() -> None:
    import vobject

    text = vcard(
        Card("Ana Ruiz", "Resident", "St Mary's", ("sepsis",), "https://t.example/card/x/")
    )
    parsed = vobject.readOne(text)
    assert parsed.fn.value == "Ana Ruiz" and parsed.url.value == "https://t.example/card/x/"
