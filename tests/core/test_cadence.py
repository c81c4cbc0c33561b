"""The due rule, reciprocity, lapsed ties and the one-line log parser."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tiewise.core.cadence import (
    CadenceRules,
    DueItem,
    default_cadence,
    effective_cadence,
    is_lapsed,
    reciprocity,
    sort_due,
    tie_status,
)
from tiewise.core.onelog import LogLineError, name_words, parse_log_line

TODAY = date(2025, 3, 5)  # a Wednesday


@pytest.mark.parametrize(
    ("strength", "roles", "expected"),
    [
        ("strong", ["mentor"], 45),
        ("strong", ["sponsor", "peer"], 45),
        ("strong", ["coach"], 45),
        ("strong", ["peer"], 90),
        ("weak", ["mentor"], 180),
        ("absent", ["sponsor"], None),
    ],
)
def test_default_cadence_follows_strength_and_role(
    strength: str, roles: list[str], expected: int | None
) -> None:
    assert default_cadence(strength, roles, CadenceRules()) == expected


def test_owner_rules_replace_the_builtins() -> None:
    rules = CadenceRules(strong_key=30, strong=60, weak=None)
    assert default_cadence("strong", ["mentor"], rules) == 30
    assert default_cadence("weak", [], rules) is None


def test_a_ties_own_cadence_wins_but_prospects_never_have_one() -> None:
    assert effective_cadence(14, "strong", ["mentor"], CadenceRules()) == 14
    assert effective_cadence(14, "absent", [], CadenceRules()) is None


@pytest.mark.parametrize(
    ("last_days_ago", "status"),
    [
        (0, "ok"),
        (47, "ok"),  # due in 13 days, window is 12
        (48, "soon"),  # due in 12 days
        (59, "soon"),
        (60, "due"),  # due today
        (67, "due"),  # 7 days of grace
        (68, "overdue"),
    ],
)
def test_status_moves_from_ok_to_soon_to_due_to_overdue(last_days_ago: int, status: str) -> None:
    s = tie_status(today=TODAY, cadence=60, last_contact=TODAY - timedelta(days=last_days_ago))
    assert s.status == status
    assert s.due_date == TODAY - timedelta(days=last_days_ago) + timedelta(days=60)


def test_the_reason_says_how_long_and_the_aim() -> None:
    s = tie_status(today=TODAY, cadence=60, last_contact=TODAY - timedelta(days=94))
    assert s.reason == "last contact 94 days ago; you aim for every 60 days"


def test_without_interactions_the_clock_starts_when_the_owner_chose_to_keep_in_touch() -> None:
    chose = TODAY - timedelta(days=95)
    tracked = tie_status(today=TODAY, cadence=90, last_contact=None, tracked_since=chose)
    assert tracked.anchor == chose and tracked.status == "due"
    assert "since you chose to keep in touch 95 days ago" in tracked.reason


def test_an_imported_tie_nobody_chose_is_never_due_however_old() -> None:
    s = tie_status(today=TODAY, cadence=30, last_contact=None, tracked_since=None)
    assert s.status == "untracked" and s.due_date is None and not s.needs_attention
    assert s.reason == "you have not chosen to keep in touch yet"


def test_an_interaction_tracks_a_tie_nobody_chose() -> None:
    s = tie_status(today=TODAY, cadence=30, last_contact=TODAY - timedelta(days=33))
    assert s.status == "due"


def test_snoozed_and_never_ties_are_not_due() -> None:
    old = TODAY - timedelta(days=400)
    snoozed = tie_status(
        today=TODAY, cadence=30, last_contact=old, snoozed_until=TODAY + timedelta(days=3)
    )
    assert snoozed.status == "snoozed" and not snoozed.needs_attention
    expired = tie_status(today=TODAY, cadence=30, last_contact=old, snoozed_until=TODAY)
    assert expired.status == "overdue"
    assert tie_status(today=TODAY, cadence=30, last_contact=old, never=True).status == "off"
    assert tie_status(today=TODAY, cadence=None, last_contact=old).status == "off"


def test_reciprocity_counts_mutual_as_both() -> None:
    r = reciprocity(["gave", "received", "mutual", "mutual"])
    assert (r.gave, r.received, r.total, r.flag) == (3, 3, 4, "")


@pytest.mark.parametrize(
    ("directions", "flag"),
    [
        (["received"] * 3, "takes_only"),
        (["gave"] * 4, "gives_only"),
        (["received"] * 2, ""),  # too few to judge
        (["received", "received", "mutual"], ""),
        (["gave", "received", "gave"], ""),
    ],
)
def test_one_way_ties_are_flagged_after_three_interactions(
    directions: list[str], flag: str
) -> None:
    assert reciprocity(directions).flag == flag


def test_a_strong_tie_lapses_after_twice_its_cadence() -> None:
    anchor = TODAY - timedelta(days=121)
    assert is_lapsed(today=TODAY, strength="strong", cadence=60, anchor=anchor)
    assert not is_lapsed(today=TODAY, strength="strong", cadence=60, anchor=anchor + timedelta(1))
    assert not is_lapsed(today=TODAY, strength="weak", cadence=60, anchor=anchor)
    assert not is_lapsed(today=TODAY, strength="strong", cadence=60, anchor=anchor, never=True)


def test_due_items_sort_soonest_first_then_worst() -> None:
    a = DueItem("tie", "B", TODAY, "due", "")
    b = DueItem("action", "A", TODAY, "overdue", "")
    c = DueItem("tie", "C", TODAY - timedelta(days=3), "due", "")
    assert [i.title for i in sort_due([a, b, c])] == ["C", "A", "B"]


# --- the one-line parser ----------------------------------------------------

PEOPLE = [
    (1, "Dr. Jane Doe"),
    (2, "Raj Patel"),
    (3, "Jane Smith"),
    (4, "Sara Lindqvist, PharmD"),
    (5, "Dr. Maria Chen"),
    (6, "#MedEd journal club"),
]


def parse(line: str) -> object:
    return parse_log_line(line, PEOPLE, today=TODAY)


def test_the_example_line_becomes_advice_given_today() -> None:
    p = parse_log_line("coffee with Raj today, gave advice", PEOPLE, today=TODAY)
    assert (p.node_ids, p.date, p.channel, p.kind, p.direction, p.quality) == (
        [2], TODAY, "in_person", "advice_given", "gave", 3,
    )  # fmt: skip
    assert p.note == "coffee with Raj today, gave advice"


@pytest.mark.parametrize(
    ("line", "when"),
    [
        ("call with Raj yesterday", date(2025, 3, 4)),
        ("call with Raj last Monday", date(2025, 3, 3)),
        ("call with Raj last Wednesday", date(2025, 2, 26)),
        ("call with Raj on 3 March", date(2025, 3, 3)),
        ("call with Raj March 1st", date(2025, 3, 1)),
        ("call with Raj on 10 March", date(2024, 3, 10)),  # no year, not yet: last year
        ("call with Raj 2025-02-01", date(2025, 2, 1)),
        ("call with Raj 3 days ago", date(2025, 3, 2)),
        ("call with Raj", TODAY),
    ],
)
def test_date_words(line: str, when: date) -> None:
    assert parse_log_line(line, PEOPLE, today=TODAY).date == when


@pytest.mark.parametrize(
    ("word", "channel"),
    [
        ("coffee", "in_person"), ("lunch", "in_person"), ("zoom", "video"), ("video", "video"),
        ("call", "phone"), ("phone", "phone"), ("email", "email"), ("slack", "messaging"),
        ("whatsapp", "messaging"), ("twitter", "social_media"), ("x", "social_media"),
        ("bluesky", "social_media"), ("conference", "conference"), ("journal club", "journal_club"),
    ],
)  # fmt: skip
def test_channel_words(word: str, channel: str) -> None:
    assert parse_log_line(f"{word} with Raj", PEOPLE, today=TODAY).channel == channel


@pytest.mark.parametrize(
    ("phrase", "kind", "direction"),
    [
        ("gave advice", "advice_given", "gave"),
        ("asked for advice", "advice_sought", "received"),
        ("shared a paper", "resource_shared", "gave"),
        ("introduced", "introduction_made", "gave"),
        ("", "meeting", "mutual"),
    ],
)
def test_kind_and_direction_phrases(phrase: str, kind: str, direction: str) -> None:
    p = parse_log_line(f"zoom with Raj, {phrase}", PEOPLE, today=TODAY)
    assert (p.kind, p.direction) == (kind, direction)


def test_coffee_alone_is_social() -> None:
    assert parse_log_line("coffee with Raj", PEOPLE, today=TODAY).kind == "social"


def test_names_match_in_full_by_unique_first_or_last_name_and_ignore_titles() -> None:
    assert parse_log_line("zoom with Jane Doe", PEOPLE, today=TODAY).node_ids == [1]
    assert parse_log_line("zoom with Maria", PEOPLE, today=TODAY).node_ids == [5]
    assert parse_log_line("zoom with Chen", PEOPLE, today=TODAY).node_ids == [5]
    assert parse_log_line("emailed sara", PEOPLE, today=TODAY).node_ids == [4]
    assert parse_log_line("lunch with Raj and Maria", PEOPLE, today=TODAY).node_ids == [2, 5]


def test_a_group_name_containing_a_channel_phrase_still_matches() -> None:
    assert parse_log_line("MedEd journal club on Monday", PEOPLE, today=TODAY).node_ids == [6]


def test_an_ambiguous_first_name_lists_the_candidates() -> None:
    with pytest.raises(LogLineError) as err:
        parse_log_line("coffee with Jane today", PEOPLE, today=TODAY)
    assert "could be Dr. Jane Doe or Jane Smith" in str(err.value)
    assert err.value.candidates == ["Dr. Jane Doe", "Jane Smith"]


def test_an_unknown_name_is_an_error_with_a_guess() -> None:
    with pytest.raises(LogLineError) as err:
        parse_log_line("coffee with Rja today", PEOPLE, today=TODAY)
    assert "Nobody called “Rja”" in str(err.value)
    assert "Raj Patel" in err.value.candidates


def test_a_known_and_an_unknown_name_is_still_an_error() -> None:
    with pytest.raises(LogLineError, match="Bob"):
        parse_log_line("zoom with Raj and Bob", PEOPLE, today=TODAY)


def test_a_line_without_anyone_is_an_error() -> None:
    with pytest.raises(LogLineError, match="Name someone"):
        parse_log_line("coffee today", PEOPLE, today=TODAY)


def test_future_and_impossible_dates_are_errors() -> None:
    with pytest.raises(LogLineError, match="future"):
        parse_log_line("call Raj 2025-04-01", PEOPLE, today=TODAY)
    with pytest.raises(LogLineError, match="not a real date"):
        parse_log_line("call Raj 2025-02-30", PEOPLE, today=TODAY)


def test_quality_words_and_scores() -> None:
    assert parse_log_line("zoom with Raj, great", PEOPLE, today=TODAY).quality == 5
    assert parse_log_line("zoom with Raj 2/5", PEOPLE, today=TODAY).quality == 2


def test_an_empty_line_is_an_error() -> None:
    with pytest.raises(LogLineError):
        parse_log_line("   ", PEOPLE, today=TODAY)


def test_name_words_drop_titles_and_credentials() -> None:
    assert name_words("Prof. Ingrid Olsen") == ["ingrid", "olsen"]
    assert name_words("Rachel Green, MPH") == ["rachel", "green"]
