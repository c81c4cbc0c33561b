"""The who-knows-whom grid: tick the pairs among your 15 closest in one go."""

from __future__ import annotations

import pytest
from django.test import Client

from tiewise.accounts.models import User
from tiewise.network import selectors, services
from tiewise.network.models import AlterTie, Node


def _people(owner: User) -> dict[str, Node]:
    made = {}
    for i in range(12):
        made[f"Strong {i:02d}"] = services.node_create(
            owner=owner, data={"name": f"Strong {i:02d}", "strength": "strong"}
        )
    made["Weak mentor"] = services.node_create(
        owner=owner, data={"name": "Weak mentor", "strength": "weak", "roles": ["mentor"]}
    )
    for i in range(6):
        made[f"Weak {i}"] = services.node_create(
            owner=owner, data={"name": f"Weak {i}", "strength": "weak"}
        )
    made["Prospect"] = services.node_create(
        owner=owner, data={"name": "Prospect", "strength": "absent"}
    )
    return made


@pytest.fixture
def people(owner: User) -> dict[str, Node]:
    return _people(owner)


def _pairs(owner: User) -> set[tuple[str, str]]:
    return {
        tuple(sorted((t.source.name, t.target.name)))  # type: ignore[misc]
        for t in AlterTie.objects.filter(owner=owner).select_related("source", "target")
    }


def test_the_closest_are_strong_ties_then_roles_never_prospects(
    owner: User, people: dict[str, Node]
) -> None:
    names = [n.name for n in selectors.closest_people(owner)]
    assert len(names) == 15
    assert names[:12] == [f"Strong {i:02d}" for i in range(12)]
    assert names[12] == "Weak mentor" and "Prospect" not in names


def test_the_page_shows_each_pair_once_with_what_is_known(
    owner: User, people: dict[str, Node], owner_client: Client
) -> None:
    a, b = people["Strong 00"], people["Strong 01"]
    services.alter_tie_create(owner=owner, source=a.pk, target=b.pk)
    page = owner_client.get("/nodes/knows/").content.decode()
    assert page.count('name="pair"') == 15 * 14 // 2
    assert f'value="{a.pk}-{b.pk}" checked' in page
    assert "<span data-ticked>1</span> of 105 pairs know each other" in page
    assert "Prospect" not in page


def test_saving_adds_the_ticked_and_removes_the_unticked_among_them(
    owner: User, people: dict[str, Node], owner_client: Client
) -> None:
    s0, s1, s2 = people["Strong 00"], people["Strong 01"], people["Strong 02"]
    outside = people["Weak 5"]  # not on the grid: its link is kept
    services.alter_tie_create(owner=owner, source=s0.pk, target=s1.pk)
    services.alter_tie_create(owner=owner, source=s0.pk, target=outside.pk)
    shown = [n.pk for n in selectors.closest_people(owner)]
    answer = owner_client.post(
        "/nodes/knows/",
        {"people": shown, "pair": [f"{s0.pk}-{s2.pk}", f"{s1.pk}-{s2.pk}"]},
        follow=True,
    )
    assert "Saved: 2 links added, 1 removed." in answer.content.decode()
    assert _pairs(owner) == {
        ("Strong 00", "Strong 02"), ("Strong 01", "Strong 02"), ("Strong 00", "Weak 5"),
    }  # fmt: skip


def test_a_pair_outside_the_grid_changes_nothing(
    owner: User, people: dict[str, Node], owner_client: Client
) -> None:
    s0, s1, w = people["Strong 00"], people["Strong 01"], people["Weak 5"]
    services.alter_tie_create(owner=owner, source=s0.pk, target=s1.pk)
    owner_client.post("/nodes/knows/", {"people": [s0.pk, s1.pk], "pair": f"{s0.pk}-{w.pk}"})
    assert _pairs(owner) == {("Strong 00", "Strong 01")}


def test_someone_elses_people_are_404(
    owner: User, people: dict[str, Node], other_client: Client
) -> None:
    s0, s1 = people["Strong 00"], people["Strong 01"]
    answer = other_client.post(
        "/nodes/knows/", {"people": [s0.pk, s1.pk], "pair": f"{s0.pk}-{s1.pk}"}
    )
    assert answer.status_code == 404 and not AlterTie.objects.exists()
    assert "Strong 00" not in other_client.get(f"/nodes/knows/?with={s0.pk}").content.decode()


def test_choosing_people_by_name_without_javascript(
    owner: User, people: dict[str, Node], owner_client: Client
) -> None:
    page = owner_client.get("/nodes/knows/", {"people": "Weak 1, Weak 2, Prospect"})
    body = page.content.decode()
    assert body.count('name="pair"') == 3 and "Back to your closest" in body


def test_from_a_persons_page_they_come_first(
    owner: User, people: dict[str, Node], owner_client: Client
) -> None:
    w = people["Weak 3"]
    body = owner_client.get(f"/nodes/knows/?with={w.pk}").content.decode()
    assert body.index("Weak 3</a> knows") < body.index("Strong 00</a> knows")
    assert body.count('name="pair"') == 105


def test_with_fewer_than_two_people_the_page_says_what_to_do(owner_client: Client) -> None:
    body = owner_client.get("/nodes/knows/").content.decode()
    assert "Add a few strong ties first" in body


def test_names_are_escaped(owner: User, owner_client: Client) -> None:
    for name in ("<script>alert(1)</script>", "Ben & Co"):
        services.node_create(owner=owner, data={"name": name, "strength": "strong"})
    body = owner_client.get("/nodes/knows/").content.decode()
    assert "<script>alert(1)" not in body and "&lt;script&gt;" in body


def test_the_guide_sends_a_user_with_strong_ties_to_the_grid(
    owner: User, people: dict[str, Node], owner_client: Client
) -> None:
    body = owner_client.get("/").content.decode()
    assert 'href="/nodes/knows/"' in body


def test_the_grid_link_is_on_people_and_person_pages(
    owner: User, people: dict[str, Node], owner_client: Client
) -> None:
    assert 'href="/nodes/knows/"' in owner_client.get("/nodes/").content.decode()
    node = people["Weak 3"]
    assert (
        f"/nodes/knows/?with={node.pk}" in owner_client.get(f"/nodes/{node.pk}/").content.decode()
    )


def test_service_rejects_a_self_pair(owner: User, people: dict[str, Node]) -> None:
    from django.core.exceptions import ValidationError

    s0 = people["Strong 00"]
    with pytest.raises(ValidationError):
        services.alter_ties_set_among(owner=owner, ids=[s0.pk], pairs=[(s0.pk, s0.pk)])
