"""The mapping pages, for the owner, another user and an anonymous visitor."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import IntegrityError, transaction

from tiewise.network import services
from tiewise.network.models import AlterTie, Node, Tie

pytestmark = pytest.mark.django_db

OWNER_PAGES = ["/nodes/", "/nodes/new/", "/profile/", "/settings/tokens/"]


@pytest.mark.parametrize("url", OWNER_PAGES)
def test_anonymous_visitors_are_sent_to_log_in(anon_client: Any, url: str) -> None:
    response = anon_client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_visitors_see_what_tiewise_is_with_sign_up_and_log_in(anon_client: Any) -> None:
    html = anon_client.get("/").content.decode()
    assert "personal learning network" in html
    assert 'href="/accounts/signup/"' in html and 'href="/accounts/login/"' in html
    assert "landing-map.svg" in html


def test_the_empty_dashboard_points_to_import_goals_and_a_coach(owner_client: Any) -> None:
    html = owner_client.get("/").content.decode()
    for text in (
        "Import your contacts",
        "Set a goal",
        "Invite a coach",
        "Get your worksheet ready",
    ):
        assert text in html
    assert "0 of 7 steps done" in html


def test_the_checklist_follows_progress_and_can_be_hidden(
    owner_client: Any, jane: Node, raj: Node
) -> None:
    from tiewise.planning.models import Goal

    Goal.objects.create(owner=jane.owner, title="Find a sponsor")
    html = owner_client.get("/").content.decode()
    assert "1 of 7 steps done" in html
    owner_client.post("/guide/dismiss/")
    assert "Get your worksheet ready" not in owner_client.get("/").content.decode()
    owner_client.post("/guide/dismiss/", {"show": "1"})
    assert "Get your worksheet ready" in owner_client.get("/").content.decode()


def test_a_finished_checklist_becomes_a_compact_worksheet_ready_card(db: Any, client: Any) -> None:
    from tiewise.demo import load_demo

    _created, password = load_demo(email="done@example.org", password="x" * 12, reset=True)
    client.login(email="done@example.org", password=password)
    html = client.get("/").content.decode()
    assert "Your worksheet is ready" in html and "All 7 steps done" in html
    assert 'href="/worksheet.pdf"' in html
    assert "Get your worksheet ready" not in html
    assert html.count('class="badge ok"') == 0  # no wall of seven "Done" badges
    client.post("/guide/dismiss/")
    assert "Your worksheet is ready" not in client.get("/").content.decode()


def test_the_dashboard_says_what_changed_since_the_last_session(
    owner_client: Any, jane: Node, raj: Node
) -> None:
    html = owner_client.get("/").content.decode()
    # A new account counts from the day it was made, not from before it existed.
    assert "Since you joined" in html
    assert "2</span> new ties" in html
    assert "Jane Doe" in html.split("new ties", 1)[1].split("</li>", 1)[0]


def test_since_last_session_names_the_sponsor_before_a_hundred_coauthors(
    owner: Any, owner_client: Any
) -> None:
    from datetime import timedelta

    from django.utils import timezone

    owner.date_joined = timezone.now() - timedelta(days=90)
    owner.save()
    for i in range(30):
        services.node_create(
            owner=owner, data={"name": f"Aaron Coauthor{i:02d}", "strength": "strong",
                               "roles": ["collaborator"]},
        )  # fmt: skip
    services.node_create(owner=owner, data={"name": "Zoe Sponsor", "strength": "weak",
                                            "roles": ["sponsor"]})  # fmt: skip
    services.node_create(owner=owner, data={"name": "Yusuf Mentor", "strength": "strong",
                                            "roles": ["mentor"]})  # fmt: skip
    html = owner_client.get("/").content.decode()
    assert "Since 30 days ago" in html
    line = html.split("new ties", 1)[1].split("</li>", 1)[0]
    assert line.index("Zoe Sponsor") < line.index("Yusuf Mentor") < line.index("Aaron Coauthor00")
    assert "(32 in all)" in line and "Coauthor01" not in line


@pytest.mark.parametrize("url", ["/", *OWNER_PAGES])
def test_signed_in_pages_render(owner_client: Any, url: str) -> None:
    assert owner_client.get(url).status_code == 200


@pytest.mark.parametrize("suffix", ["", "edit/", "delete/"])
def test_another_users_node_is_a_404(other_client: Any, jane: Node, suffix: str) -> None:
    assert other_client.get(f"/nodes/{jane.pk}/{suffix}").status_code == 404
    assert other_client.post(f"/nodes/{jane.pk}/{suffix}", {"name": "x"}).status_code == 404
    assert Node.objects.get(pk=jane.pk).name == "Jane Doe"


def test_another_user_cannot_link_or_unlink_my_nodes(
    other_client: Any, jane: Node, raj: Node
) -> None:
    response = other_client.post(f"/nodes/{jane.pk}/knows/", {"other": raj.pk})
    assert response.status_code == 404
    tie = AlterTie.objects.create(owner=jane.owner, source=jane, target=raj)
    response = other_client.post(f"/nodes/{jane.pk}/knows/{tie.pk}/remove/")
    assert response.status_code == 404
    assert AlterTie.objects.filter(pk=tie.pk).exists()


def test_other_users_do_not_see_my_nodes_in_their_list(other_client: Any, jane: Node) -> None:
    response = other_client.get("/nodes/")
    assert response.context["total"] == 0
    assert f"/nodes/{jane.pk}/" not in response.content.decode()


def test_quick_add_creates_a_node_with_its_tie(owner_client: Any, owner: Any) -> None:
    response = owner_client.post(
        "/nodes/quick-add/", {"line": "Jane Doe, strong, mentor", "next": "/nodes/"}, follow=True
    )
    node = Node.objects.get(owner=owner)
    # The message links to her: in a list of hundreds she may be on page 3.
    assert f'Added <a href="/nodes/{node.pk}/">Jane Doe</a> (strong, mentor).' in (
        response.content.decode()
    )
    assert (node.name, node.tie.strength, node.tie.roles) == ("Jane Doe", "strong", ["mentor"])


def test_quick_add_can_keep_the_new_person_private_in_the_same_line(
    owner_client: Any, owner: Any
) -> None:
    response = owner_client.post(
        "/nodes/quick-add/", {"line": "Lena Park, strong, friend, private"}, follow=True
    )
    assert "Lena Park</a> (strong, friend, private: never shown to a coach)." in (
        response.content.decode()
    )
    node = Node.objects.get(owner=owner)
    assert node.private and node.tie.roles == ["friend"]
    assert node.tags == []  # "private" is a setting, not a tag


def test_quick_add_ignores_an_offsite_next_url(owner_client: Any) -> None:
    response = owner_client.post("/nodes/quick-add/", {"line": "A", "next": "//evil.example/"})
    assert response["Location"] == "/nodes/"


def test_the_full_form_saves_every_field(owner_client: Any, owner: Any) -> None:
    response = owner_client.post(
        "/nodes/new/",
        {
            "name": "Dr. Ada Obi", "kind": "person", "strength": "weak",
            "modes": ["personal", "technology"], "areas": ["academic", "expertise"],
            "roles": ["collaborator"], "organisation": "WHO", "title": "Lead",
            "profession": "Epidemiologist", "sector": "government", "reach": "international",
            "city": "Geneva", "country": "Switzerland", "email": "ada@who.example",
            "phone": "+41 22 000", "links": "https://example.org/ada\nhttps://orcid.org/0000",
            "tags": "outbreaks, global health", "since": "2021-05-01", "cadence_days": "90",
            "how_we_met": "Conference", "notes": "Great on surveillance", "private": "on",
        },
    )  # fmt: skip
    node = Node.objects.get(owner=owner)
    assert response.status_code == 302 and response["Location"] == f"/nodes/{node.pk}/"
    assert node.tags == ["outbreaks", "global health"]
    assert node.links == ["https://example.org/ada", "https://orcid.org/0000"]
    assert node.private is True
    assert node.tie.modes == ["personal", "technology"]
    assert node.tie.cadence_days == 90
    page = owner_client.get(node.get_absolute_url()).content.decode()
    for text in ("Dr. Ada Obi", "Geneva", "every 90 days", "Private", "Collaborator"):
        assert text in page


@pytest.mark.parametrize(
    "field,value",
    [("email", "not-an-email"), ("cadence_days", "0"), ("sector", "astrology"),
     ("links", "javascript:alert(1)"), ("name", "")],
)  # fmt: skip
def test_an_invalid_field_gets_a_form_error_and_nothing_is_saved(
    owner_client: Any, owner: Any, field: str, value: str
) -> None:
    data = {"name": "X", "kind": "person", "strength": "weak", field: value}
    response = owner_client.post("/nodes/new/", data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Node.objects.filter(owner=owner).exists()


def test_editing_keeps_the_single_tie(owner_client: Any, jane: Node) -> None:
    owner_client.post(
        f"/nodes/{jane.pk}/edit/", {"name": "Jane D.", "kind": "person", "strength": "weak"}
    )
    jane.refresh_from_db()
    assert jane.name == "Jane D."
    assert Tie.objects.filter(node=jane).count() == 1
    assert jane.tie.strength == "weak"


def test_delete_asks_then_removes(owner_client: Any, jane: Node) -> None:
    assert "cannot be undone" in owner_client.get(f"/nodes/{jane.pk}/delete/").content.decode()
    owner_client.post(f"/nodes/{jane.pk}/delete/")
    assert not Node.objects.filter(pk=jane.pk).exists()


def test_filters_narrow_the_list(owner_client: Any, jane: Node, raj: Node) -> None:
    def names(query: str) -> set[str]:
        nodes = owner_client.get("/nodes/?" + query).context["nodes"]
        return {n.name for n in nodes}

    assert names("") == {"Jane Doe", "Raj Patel"}
    assert names("strength=strong") == {"Jane Doe"}
    assert names("area=academic") == {"Raj Patel"}
    assert names("role=mentor") == {"Jane Doe"}
    assert names("mode=technology") == {"Raj Patel"}
    assert names("sector=medicine") == {"Jane Doe"}
    assert names("reach=international") == {"Raj Patel"}
    assert names("q=mayo") == {"Jane Doe"}


def test_bulk_edit_sets_strength_and_adds_area_role_and_tag(
    owner_client: Any, jane: Node, raj: Node
) -> None:
    owner_client.post(
        "/nodes/bulk/",
        {"ids": [jane.pk, raj.pk], "strength": "weak", "area": "informal_community",
         "role": "peer", "tag": "cohort-2024"},
    )  # fmt: skip
    for node in (jane, raj):
        node.refresh_from_db()
        node.tie.refresh_from_db()
        assert node.tie.strength == "weak"
        assert "informal_community" in node.tie.areas
        assert "peer" in node.tie.roles
        assert node.tags == ["cohort-2024"]
    jane.tie.refresh_from_db()
    assert jane.tie.roles == ["mentor", "peer"]  # added, not replaced


def test_bulk_edit_of_someone_elses_node_changes_nothing(
    other_client: Any, other: Any, jane: Node
) -> None:
    mine = Node.objects.create(owner=other, name="Mine")
    Tie.objects.create(node=mine)
    other_client.post("/nodes/bulk/", {"ids": [jane.pk, mine.pk], "strength": "absent"})
    jane.tie.refresh_from_db()
    mine.tie.refresh_from_db()
    assert jane.tie.strength == "strong"
    assert mine.tie.strength == "weak"


def test_who_knows_whom_is_edited_from_the_node_page(
    owner_client: Any, jane: Node, raj: Node
) -> None:
    owner_client.post(f"/nodes/{raj.pk}/knows/", {"other": jane.pk, "strength": "strong"})
    tie = AlterTie.objects.get()
    assert (tie.source_id, tie.target_id) == (jane.pk, raj.pk)  # stored in id order
    page = owner_client.get(f"/nodes/{jane.pk}/").content.decode()
    assert "Raj Patel" in page
    owner_client.post(f"/nodes/{jane.pk}/knows/{tie.pk}/remove/")
    assert not AlterTie.objects.exists()


def test_the_dashboard_counts_by_strength_area_and_mode(
    owner_client: Any, jane: Node, raj: Node
) -> None:
    counts = owner_client.get("/").context["counts"]
    assert counts["total"] == 2
    assert dict((k, n) for k, _, n in counts["strength"]) == {"strong": 1, "weak": 1, "absent": 0}
    areas = dict((k, n) for k, _, n in counts["area"])
    assert areas["expertise"] == 1 and areas["academic"] == 1 and areas["informal_community"] == 0
    modes = dict((k, n) for k, _, n in counts["mode"])
    assert modes["personal"] == 1 and modes["technology"] == 1
    assert "Informal community" in counts["empty_areas"]


def test_hostile_names_are_escaped_on_every_page(owner_client: Any, owner: Any) -> None:
    hostile = '<script>alert("x")</script> 🚑 \u202eעברית'
    owner_client.post("/nodes/quick-add/", {"line": hostile, "next": "/nodes/"})
    node = Node.objects.get(owner=owner)
    for url in ("/", "/nodes/", node.get_absolute_url(), f"/nodes/{node.pk}/edit/"):
        html = owner_client.get(url).content.decode()
        assert "<script>alert" not in html
        assert "&lt;script&gt;alert" in html
        assert "🚑" in html


def test_the_database_refuses_a_second_tie_and_a_self_tie(jane: Node) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        Tie.objects.create(node=jane)
    with pytest.raises(IntegrityError), transaction.atomic():
        AlterTie.objects.create(owner=jane.owner, source=jane, target=jane)


def test_the_profile_saves_career_stage_and_orcid(owner_client: Any, owner: Any) -> None:
    response = owner_client.post(
        "/profile/",
        {"display_name": "Ana", "profession": "Physician", "specialty": "EM",
         "career_stage": "early_faculty", "orcid": "0000-0002-1825-0097", "country": "Spain"},
    )  # fmt: skip
    assert response.status_code == 302
    owner.profile.refresh_from_db()
    assert owner.profile.career_stage == "early_faculty"
    bad = owner_client.post("/profile/", {"orcid": "1234"})
    assert "orcid" in bad.context["form"].errors


def test_tokens_are_created_shown_once_and_revoked(
    owner_client: Any, owner: Any, other_client: Any
) -> None:
    response = owner_client.post("/settings/tokens/", {"name": "laptop", "scope": "read"})
    raw = response.context["new_token"]
    assert raw.startswith("tw_")
    token = owner.api_tokens.get()
    assert (
        token.key_hash != raw and raw not in owner_client.get("/settings/tokens/").content.decode()
    )
    assert other_client.post(f"/settings/tokens/{token.pk}/revoke/").status_code == 404
    owner_client.post(f"/settings/tokens/{token.pk}/revoke/")
    assert not owner.api_tokens.exists()


def test_notes_that_look_like_patient_data_warn_before_saving(
    owner_client: Any, owner: Any
) -> None:
    data = {
        "name": "Dr. X",
        "kind": "person",
        "strength": "weak",
        "notes": "Asked about pt MRN 00451234",
    }
    first = owner_client.post("/nodes/new/", data)
    assert first.status_code == 200
    assert "patient information" in first.content.decode()
    assert not Node.objects.filter(owner=owner).exists()
    second = owner_client.post("/nodes/new/", {**data, "confirm_phi": "on"})
    assert second.status_code == 302  # a warning, never a block
    assert Node.objects.get(owner=owner).notes == "Asked about pt MRN 00451234"


def test_the_edit_form_refuses_to_overwrite_a_newer_change(owner_client: Any, jane: Node) -> None:
    from tiewise.network import services

    version = owner_client.get(f"/nodes/{jane.pk}/edit/").context["form"].initial["version"]
    services.node_update(node=jane, data={"title": "Changed elsewhere"})
    response = owner_client.post(
        f"/nodes/{jane.pk}/edit/",
        {"name": "Jane", "kind": "person", "strength": "weak", "version": version},
    )
    assert response.status_code == 200
    assert "changed since you loaded it" in response.content.decode()
    jane.refresh_from_db()
    assert jane.title == "Changed elsewhere" and jane.name == "Jane Doe"


def test_a_stored_script_link_is_shown_as_text_never_as_a_link(
    owner_client: Any, jane: Node
) -> None:
    Node.objects.filter(pk=jane.pk).update(links=["javascript:alert(1)", "https://ok.example/"])
    html = owner_client.get(f"/nodes/{jane.pk}/").content.decode()
    assert 'href="javascript:' not in html
    assert 'href="https://ok.example/"' in html


def test_bulk_edit_is_one_change_to_the_network_not_one_per_node(
    owner: Any, jane: Node, raj: Node
) -> None:
    from tiewise.network import services

    before = owner.profile.__class__.objects.get(user=owner).pln_version
    services.nodes_bulk_update(owner=owner, ids=[jane.pk, raj.pk], set_fields={"strength": "weak"})
    after = owner.profile.__class__.objects.get(user=owner).pln_version
    assert after == before + 1
    jane.tie.refresh_from_db()
    raj.tie.refresh_from_db()
    assert (jane.tie.strength, raj.tie.strength) == ("weak", "weak")


def test_quick_add_records_who_knows_whom_in_the_same_line(owner: Any, owner_client: Any) -> None:
    from tiewise.network.models import AlterTie

    for line in ("Tom Becker, strong, friend", "Lena Park, weak, knows Tom Becker and dr lee"):
        owner_client.post("/nodes/quick-add/", {"line": line})
    # "dr lee" is nobody yet: the whole line is refused and nothing is saved.
    assert not Node.objects.filter(owner=owner, name="Lena Park").exists()
    owner_client.post("/nodes/quick-add/", {"line": "Dr. Lee, peer"})
    response = owner_client.post(
        "/nodes/quick-add/", {"line": "Lena Park, weak, knows Tom Becker and dr lee"}, follow=True
    )
    assert "Lena Park</a> (weak); knows Tom Becker, Dr. Lee." in response.content.decode()
    lena = Node.objects.get(owner=owner, name="Lena Park")
    pairs = {
        tuple(sorted((t.source_id, t.target_id))) for t in AlterTie.objects.filter(owner=owner)
    }
    assert len(pairs) == 2 and all(lena.pk in p for p in pairs)
    # "Tom Becker knows Dr. Lee" on its own links two people already there.
    linked = owner_client.post(
        "/nodes/quick-add/", {"line": "Tom Becker knows Dr. Lee"}, follow=True
    )
    assert "Tom Becker knows Dr. Lee." in linked.content.decode()
    assert Node.objects.filter(owner=owner).count() == 3
    assert AlterTie.objects.filter(owner=owner).count() == 3


def test_quick_add_escapes_the_name_in_its_message(owner_client: Any) -> None:
    response = owner_client.post(
        "/nodes/quick-add/", {"line": "<b onmouseover=x>Eve</b>, weak"}, follow=True
    )
    html = response.content.decode()
    assert "<b onmouseover" not in html and "&lt;b onmouseover=x&gt;Eve" in html
