"""Marking a person private takes one click, on their page or in the list."""

from __future__ import annotations

from typing import Any

from django.test import Client


def test_one_click_on_the_person_page_makes_them_private_and_back(
    owner_client: Client, jane: Any
) -> None:
    page = owner_client.get(f"/nodes/{jane.pk}/").content.decode()
    assert 'data-testid="toggle-private"' in page and "Make private" in page
    done = owner_client.post(f"/nodes/{jane.pk}/private/", {"private": "1"}, follow=True)
    jane.refresh_from_db()
    assert jane.private and "Jane Doe is private: no coach sees them." in done.content.decode()
    assert "Private ✓" in done.content.decode()
    owner_client.post(f"/nodes/{jane.pk}/private/", {"private": "0"})
    jane.refresh_from_db()
    assert not jane.private


def test_one_click_in_the_people_list_returns_to_the_same_list(
    owner_client: Client, jane: Any
) -> None:
    page = owner_client.get("/nodes/?strength=strong").content.decode()
    assert f'formaction="/nodes/{jane.pk}/private/?next=/nodes/%3Fstrength%3Dstrong"' in page
    back = owner_client.post(
        f"/nodes/{jane.pk}/private/?next=/nodes/%3Fstrength%3Dstrong", {"private": "1", "ids": []}
    )
    assert back.status_code == 302 and back["Location"] == "/nodes/?strength=strong"
    jane.refresh_from_db()
    assert jane.private
    assert 'aria-pressed="true"' in owner_client.get("/nodes/").content.decode()


def test_someone_elses_person_is_404_and_unchanged(other_client: Client, jane: Any) -> None:
    assert other_client.post(f"/nodes/{jane.pk}/private/", {"private": "1"}).status_code == 404
    jane.refresh_from_db()
    assert not jane.private


def test_an_outside_next_is_ignored(owner_client: Client, jane: Any) -> None:
    back = owner_client.post(f"/nodes/{jane.pk}/private/?next=//evil.example/", {"private": "1"})
    assert back["Location"] == f"/nodes/{jane.pk}/"
