import pytest

from tiewise.core.quickadd import parse_quick_add


def test_it_reads_name_strength_and_role() -> None:
    q = parse_quick_add("Jane Doe, strong, mentor")
    assert (q.name, q.strength, q.roles) == ("Jane Doe", "strong", ["mentor"])


def test_it_defaults_to_a_weak_person() -> None:
    q = parse_quick_add("Sam Lee")
    assert (q.strength, q.kind, q.roles) == ("weak", "person", [])


def test_it_understands_labels_synonyms_and_case() -> None:
    q = parse_quick_add(
        "Ann Bo, PROSPECT, Subject expert, online, Informal community, International"
    )
    assert q.strength == "absent"
    assert q.roles == ["subject_expert"]
    assert q.modes == ["technology"]
    assert q.areas == ["informal_community"]
    assert q.reach == "international"


def test_unknown_words_become_organisation_then_tags() -> None:
    q = parse_quick_add("Jo, weak, Mayo Clinic, ultrasound, ultrasound")
    assert q.organisation == "Mayo Clinic"
    assert q.tags == ["ultrasound"]


def test_several_roles_and_areas_accumulate_without_duplicates() -> None:
    q = parse_quick_add("Kai, mentor, sponsor, mentor, academic, expertise")
    assert q.roles == ["mentor", "sponsor"]
    assert q.areas == ["academic", "expertise"]


@pytest.mark.parametrize("line", ["", "   ", ", strong, mentor"])
def test_it_rejects_a_line_without_a_name(line: str) -> None:
    with pytest.raises(ValueError, match="name"):
        parse_quick_add(line)
