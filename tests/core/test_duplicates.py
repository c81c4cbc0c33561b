"""Possible duplicates among people already in a PLN (tiewise.core.duplicates),
on names as PubMed, LinkedIn and people themselves write them."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tiewise.core.duplicates import Person, compare, duplicate_pairs, name_parts


def pairs_of(*people: Person) -> set[tuple[int, int, str]]:
    return {(p.a, p.b, p.confidence) for p in duplicate_pairs(people)}


def test_a_medline_coauthor_and_the_same_linkedin_contact_are_a_possible_pair() -> None:
    found = duplicate_pairs(
        [Person(1, "Okafor C", "University of Lagos"),
         Person(2, "Dr. Chidi Okafor, MD", "University of Lagos")]
    )  # fmt: skip
    assert [(p.a, p.b, p.confidence, p.reasons) for p in found] == [
        (1, 2, "possible", ("initials", "organisation"))
    ]


def test_the_same_email_is_exact_whatever_the_names() -> None:
    pair = compare(
        Person(1, "Katie O'Brien", email="K.OBrien@RCSI.ie"),
        Person(2, "Catherine O'Brien-Walsh", email="k.obrien@rcsi.ie"),
    )
    assert pair is not None and pair.confidence == "exact" and pair.reasons[0] == "email"


def test_the_same_linkedin_profile_is_exact() -> None:
    pair = compare(
        Person(1, "Priya N.", links=("https://www.linkedin.com/in/priya-nair-md/",)),
        Person(2, "Priya Nair", links=("linkedin.com/in/priya-nair-md?trk=people",)),
    )
    assert pair is not None and pair.confidence == "exact" and "profile" in pair.reasons


def test_two_wei_zhangs_at_different_institutions_are_possible_never_exact() -> None:
    found = duplicate_pairs(
        [Person(1, "Wei Zhang", "Peking Union Medical College Hospital", "wzhang@pumch.cn"),
         Person(2, "Wei Zhang", "Stanford University School of Medicine", "weiz@stanford.edu")]
    )  # fmt: skip
    assert [(p.confidence, p.reasons) for p in found] == [("possible", ("same_name",))]


def test_the_same_name_at_the_same_organisation_is_exact() -> None:
    assert pairs_of(
        Person(1, "Dr. Hannah Schmidt", "Charité – Universitätsmedizin Berlin"),
        Person(2, "Hannah Schmidt", "Charite Universitatsmedizin Berlin"),
    ) == {(1, 2, "exact")}


def test_a_shared_email_domain_strengthens_a_possible_pair() -> None:
    (pair,) = duplicate_pairs(
        [Person(1, "Smith J", email="jsmith@mayo.edu"), Person(2, "John Smith", email="john.smith@mayo.edu")]
    )  # fmt: skip
    assert pair.confidence == "possible" and pair.reasons == ("initials", "email_domain")


def test_a_webmail_domain_is_no_evidence() -> None:
    (pair,) = duplicate_pairs(
        [Person(1, "Smith J", email="js@gmail.com"), Person(2, "John Smith", email="jo@gmail.com")]
    )  # fmt: skip
    assert pair.reasons == ("initials",)


def test_different_given_names_or_initials_are_two_people() -> None:
    assert pairs_of(
        Person(1, "Ana Ruiz"), Person(2, "Beatriz Ruiz"), Person(3, "Ruiz B"), Person(4, "Ruiz C")
    ) == {(2, 3, "possible")}


def test_a_typo_in_a_name_is_a_possible_pair() -> None:
    assert pairs_of(Person(1, "Katharine Lee"), Person(2, "Katherine Lee")) == {(1, 2, "possible")}
    assert pairs_of(Person(1, "Kwame Mensah"), Person(2, "Kwame Mensa")) == {(1, 2, "possible")}


def test_two_different_orcids_or_linkedin_profiles_are_never_a_pair() -> None:
    assert not pairs_of(
        Person(1, "Wei Zhang", "PUMCH", links=("https://orcid.org/0000-0002-1825-0097",)),
        Person(2, "Wei Zhang", "PUMCH", links=("https://orcid.org/0000-0001-5109-3700",)),
    )
    assert not pairs_of(
        Person(1, "Li Na", links=("https://linkedin.com/in/lina-1",)),
        Person(2, "Li Na", links=("https://linkedin.com/in/lina-2",)),
    )


def test_organisations_and_communities_are_compared_by_email_and_links_only() -> None:
    assert not pairs_of(
        Person(1, "Riverside EM Department", kind="department"),
        Person(2, "Riverside EM Department", kind="department"),
    )


def test_names_with_titles_suffixes_and_particles_split_as_people_read_them() -> None:
    assert name_parts("Sara Lindqvist, PharmD").family == "lindqvist"  # type: ignore[union-attr]
    assert name_parts("Prof. Ana María van der Berg").family == "van der berg"  # type: ignore[union-attr]
    assert name_parts("van der Berg AM").given == ("a", "m")  # type: ignore[union-attr]
    assert name_parts("Nurse Manager Jo Alvarez").first == "jo"  # type: ignore[union-attr]


def test_surest_pairs_come_first() -> None:
    found = duplicate_pairs(
        [Person(1, "Zhang W"), Person(2, "Wei Zhang"),
         Person(3, "Maria Chen", email="mchen@riverside.org"),
         Person(4, "M. Chen", email="mchen@riverside.org")]
    )  # fmt: skip
    assert [(p.a, p.confidence) for p in found] == [(3, "exact"), (1, "possible")]


NAMES = st.sampled_from(
    ["Wei Zhang", "Zhang W", "Ana Ruiz", "Ruiz A", "Chidi Okafor", "Okafor C", "Priya Nair",
     "Dr. Priya Nair", "Lena Park", "Park L", "María José García", "Garcia MJ", "Kenji Watanabe"]
)  # fmt: skip
ORGS = st.sampled_from(["", "Mayo Clinic", "University of Lagos", "Charité Berlin"])
PEOPLE = st.lists(st.tuples(NAMES, ORGS), max_size=12).map(
    lambda rows: [Person(i + 1, name, org) for i, (name, org) in enumerate(rows)]
)


@given(PEOPLE)
def test_each_pair_appears_once_ordered_and_never_pairs_a_node_with_itself(
    people: list[Person],
) -> None:
    found = duplicate_pairs(people)
    keys = [(p.a, p.b) for p in found]
    assert len(keys) == len(set(keys))
    assert all(a < b for a, b in keys)


@given(PEOPLE)
def test_a_name_alone_is_never_exact(people: list[Person]) -> None:
    by_id = {p.id: p for p in people}
    for pair in duplicate_pairs(people):
        if pair.confidence == "exact":
            assert by_id[pair.a].organisation and by_id[pair.b].organisation


@given(PEOPLE)
def test_the_order_of_the_people_does_not_change_the_pairs(people: list[Person]) -> None:
    assert set(duplicate_pairs(people)) == set(duplicate_pairs(list(reversed(people))))


def test_numbered_entries_are_never_one_person() -> None:
    """A list of "Person 1" to "Person 3000" (or wards, or resident rotas)
    is one letter apart pair by pair: it made 81,000 possible pairs."""
    from tiewise.core.duplicates import duplicate_pairs

    people = [{"id": i, "name": f"Person {i}"} for i in range(1, 400)]
    people += [{"id": 1000, "name": "Ward 7"}, {"id": 1001, "name": "Ward 8"}]
    people += [{"id": 2000, "name": "Katharine Lee"}, {"id": 2001, "name": "Katherine Lee"}]
    pairs = duplicate_pairs(people)
    assert [(p.a, p.b) for p in pairs] == [(2000, 2001)]
