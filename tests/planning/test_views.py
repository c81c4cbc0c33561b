"""The plan pages and the worksheet, for the owner, another user and an
anonymous visitor."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import pypdf
import pytest
import time_machine
from django.contrib.messages import get_messages

from tests.conftest import sign_in
from tiewise.network.models import Node
from tiewise.planning import services
from tiewise.planning.models import Action, Goal, Prospect

pytestmark = pytest.mark.django_db

PAGES = [
    "/plan/", "/plan/goals/new/", "/plan/prospects/", "/plan/prospects/new/",
    "/plan/actions/", "/plan/actions/new/", "/plan/actions/overdue/", "/plan/reflection/",
    "/worksheet",
]  # fmt: skip


@pytest.mark.parametrize("url", [*PAGES, "/worksheet.pdf"])
def test_anonymous_visitors_are_sent_to_log_in(anon_client: Any, url: str) -> None:
    response = anon_client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("url", PAGES)
def test_plan_pages_render_empty(owner_client: Any, url: str) -> None:
    assert owner_client.get(url).status_code == 200


@pytest.fixture
def plan(owner: Any, goal: Any, elena: Any) -> dict[str, Any]:
    prospect = services.prospect_create(owner=owner, data={"node": elena.pk, "goal": goal.pk})
    action = services.action_create(
        owner=owner, data={"title": "Email the editor", "goal": goal.pk, "strategy": "ask_experts"}
    )
    return {"goal": goal, "prospect": prospect, "action": action}


@pytest.mark.parametrize(
    "template",
    ["/plan/goals/{goal}/", "/plan/goals/{goal}/edit/", "/plan/goals/{goal}/delete/",
     "/plan/prospects/{prospect}/", "/plan/prospects/{prospect}/edit/",
     "/plan/prospects/{prospect}/delete/", "/plan/actions/{action}/edit/",
     "/plan/actions/{action}/delete/"],
)  # fmt: skip
def test_the_owner_sees_and_another_user_gets_404(
    owner_client: Any, other_client: Any, plan: dict[str, Any], template: str
) -> None:
    url = template.format(**{k: v.pk for k, v in plan.items()})
    assert owner_client.get(url).status_code == 200
    assert other_client.get(url).status_code == 404
    assert other_client.post(url, {"title": "hijack", "name": "hijack"}).status_code == 404
    assert Goal.objects.filter(pk=plan["goal"].pk, title="Publish a case series").exists()
    assert Prospect.objects.filter(pk=plan["prospect"].pk).exists()
    assert Action.objects.filter(pk=plan["action"].pk, title="Email the editor").exists()


def test_another_user_cannot_move_my_prospect_or_action(
    other_client: Any, plan: dict[str, Any]
) -> None:
    p, a = plan["prospect"], plan["action"]
    assert (
        other_client.post(f"/plan/prospects/{p.pk}/status/", {"status": "connected"}).status_code
        == 404
    )
    assert other_client.post(f"/plan/actions/{a.pk}/status/", {"status": "done"}).status_code == 404
    p.refresh_from_db()
    a.refresh_from_db()
    assert (p.status, a.status) == ("identified", "planned")


def test_other_users_see_none_of_my_plan(other_client: Any, plan: dict[str, Any]) -> None:
    page = other_client.get("/plan/").content.decode()
    assert "Publish a case series" not in page and "Dr. Elena Vasquez" not in page


def test_saving_a_goal_without_date_or_measure_warns_but_saves(
    owner_client: Any, owner: Any
) -> None:
    response = owner_client.post("/plan/goals/new/", {"title": "Be better", "status": "active"})
    goal = Goal.objects.get(owner=owner)
    assert response.status_code == 302 and response["Location"] == f"/plan/goals/{goal.pk}/"
    levels = [(m.level_tag, m.message) for m in get_messages(response.wsgi_request)]
    assert ("warning", "Add a target date: a goal without one tends to drift.") in levels
    assert any("Add a measure" in text for level, text in levels if level == "warning")
    page = owner_client.get("/plan/").content.decode()
    assert "Add a target date" in page


def test_the_goal_form_saves_smart_woop_and_supporting_people(
    owner_client: Any, owner: Any, jane: Any
) -> None:
    owner_client.post(
        "/plan/goals/new/",
        {"title": "Lead a QI project", "specific": "Reduce door-to-needle time",
         "measurable": "Median under 45 min", "assignable": "Me and Jane",
         "relevant": "Promotion", "target_date": "2031-06-30", "wish": "W", "outcome": "O",
         "obstacle": "Ob", "plan": "If x then y", "status": "active", "nodes": [jane.pk]},
    )  # fmt: skip
    goal = Goal.objects.get(owner=owner)
    assert goal.target_date == date(2031, 6, 30) and goal.plan == "If x then y"
    assert list(goal.nodes.all()) == [jane]
    page = owner_client.get(goal.get_absolute_url()).content.decode()
    for text in ("Reduce door-to-needle time", "Median under 45 min", "Jane Doe", "If x then y"):
        assert text in page
    assert "goal-nudge" not in page


def test_a_goal_form_rejects_someone_elses_node(
    owner_client: Any, owner: Any, other_node: Any
) -> None:
    response = owner_client.post(
        "/plan/goals/new/", {"title": "G", "status": "active", "nodes": [other_node.pk]}
    )
    assert response.status_code == 200 and "nodes" in response.context["form"].errors
    assert not Goal.objects.filter(owner=owner).exists()


def test_hostile_titles_are_escaped_everywhere(owner_client: Any, owner: Any) -> None:
    evil = '<script>alert("x")</script>'
    goal = services.goal_create(owner=owner, data={"title": evil})
    services.prospect_create(owner=owner, data={"name": evil, "goal": goal.pk})
    services.action_create(owner=owner, data={"title": evil, "goal": goal.pk})
    for url in (
        "/plan/",
        goal.get_absolute_url(),
        "/plan/actions/",
        "/plan/prospects/",
        "/worksheet",
    ):
        page = owner_client.get(url).content.decode()
        assert evil not in page, url
        assert "&lt;script&gt;" in page, url


def test_prospect_status_buttons_convert_to_a_node(owner_client: Any, owner: Any) -> None:
    owner_client.post("/plan/prospects/new/", {"name": "Dr. New Person", "sector": "industry"})
    p = Prospect.objects.get(owner=owner)
    owner_client.post(f"/plan/prospects/{p.pk}/status/", {"status": "reached_out", "note": "DM"})
    response = owner_client.post(f"/plan/prospects/{p.pk}/status/", {"status": "connected"})
    assert response.status_code == 302
    p.refresh_from_db()
    assert p.status == "connected" and p.node is not None
    assert p.node.tie.strength == "weak"
    page = owner_client.get(p.get_absolute_url()).content.decode()
    assert "Now in your network" in page and "DM" in page


def test_the_prospect_page_lists_who_could_introduce(
    owner_client: Any, owner: Any, elena: Any, jane: Any
) -> None:
    from tiewise.network import services as network_services

    network_services.alter_tie_create(owner=owner, source=jane.pk, target=elena.pk)
    p = services.prospect_create(owner=owner, data={"node": elena.pk})
    response = owner_client.get(p.get_absolute_url())
    assert [i.name for i in response.context["introducers"]] == ["Jane Doe"]
    assert "knows them" in response.content.decode()


def test_new_action_is_prefilled_from_a_strategy_on_the_server(owner_client: Any) -> None:
    with time_machine.travel(date(2025, 3, 1)):
        response = owner_client.get("/plan/actions/new/?strategy=journal_club")
    form = response.context["form"]
    assert form["title"].value() == "Pick an article and invite 4 people to discuss it online"
    assert form["due_date"].value() == date(2025, 3, 22)
    page = response.content.decode()
    assert 'value="journal_club" data-template=' in page and "selected" in page
    assert "Discussing one article a month" in page  # the strategy's description
    assert (
        owner_client.get("/plan/actions/new/?strategy=nope").context["form"]["title"].value()
        is None
    )


def test_creating_an_action_stores_the_strategy_key(
    owner_client: Any, owner: Any, jane: Any
) -> None:
    owner_client.post(
        "/plan/actions/new/",
        {"strategy": "weak_ties", "title": "Share a paper", "due_date": "2030-01-01",
         "status": "planned", "nodes": [jane.pk]},
    )  # fmt: skip
    action = Action.objects.get(owner=owner)
    assert (action.strategy, action.title, list(action.nodes.all())) == (
        "weak_ties", "Share a paper", [jane],
    )  # fmt: skip


def test_the_overdue_view_lists_open_past_actions_soonest_first(
    owner_client: Any, owner: Any
) -> None:
    for title, due, status in [
        ("late b", date(2025, 3, 5), "planned"),
        ("late a", date(2025, 2, 1), "doing"),
        ("done late", date(2025, 1, 1), "done"),
        ("dropped late", date(2025, 1, 1), "dropped"),
        ("due today", date(2025, 3, 10), "planned"),
        ("undated", None, "planned"),
    ]:
        services.action_create(
            owner=owner, data={"title": title, "due_date": due, "status": status}
        )
    with time_machine.travel(date(2025, 3, 10)):
        response = owner_client.get("/plan/actions/overdue/")
        overview = owner_client.get("/plan/").context["plan"]
    assert [a.title for a in response.context["actions"]] == ["late a", "late b"]
    assert overview.overdue_count == 2


def test_the_action_list_filters_by_status(owner_client: Any, owner: Any) -> None:
    services.action_create(owner=owner, data={"title": "one", "status": "done"})
    services.action_create(owner=owner, data={"title": "two"})
    titles = [a.title for a in owner_client.get("/plan/actions/?status=done").context["actions"]]
    assert titles == ["one"]


def test_the_reflection_is_saved_once_per_user(owner_client: Any, owner: Any) -> None:
    data = {"platforms": ["bluesky", "linkedin"], "profile_current": "on",
            "pitfalls": ["no_patient_info"], "posting_rhythm": "Weekly"}  # fmt: skip
    owner_client.post("/plan/reflection/", data)
    owner_client.post("/plan/reflection/", {**data, "posting_rhythm": "Monthly"})
    r = owner.online_identity
    assert (r.platforms, r.profile_current, r.pitfalls, r.posting_rhythm) == (
        ["bluesky", "linkedin"], True, ["no_patient_info"], "Monthly",
    )  # fmt: skip
    form = owner_client.get("/plan/reflection/").context["form"]
    assert form.initial["platforms"] == ["bluesky", "linkedin"]
    assert form.initial["posting_rhythm"] == "Monthly"


def test_the_worksheet_page_embeds_the_map_and_the_plan(
    owner_client: Any, plan: dict[str, Any], jane: Any
) -> None:
    page = owner_client.get("/worksheet").content.decode()
    assert "<svg" in page and "Jane Doe" in page
    assert "Publish a case series" in page and "Dr. Elena Vasquez" in page
    assert "Email the editor" in page and "Ana Ruiz" in page


def test_the_worksheets_cached_drawing_follows_every_change_it_shows(
    owner: Any, owner_client: Any, jane: Any
) -> None:
    from tiewise.accounts.services import profile_update
    from tiewise.network.services import node_create, node_update

    def svg() -> str:
        page = owner_client.get("/worksheet").content.decode()
        return page[page.index("<svg") : page.index("</svg>")]

    first = svg()
    assert svg() == first  # unchanged: served from the cache
    node_update(node=jane, data={"name": "Jane Doe-Okafor"})
    assert "Jane Doe-Okafor" in svg()
    node_create(owner=owner, data={"name": "Raj Patel", "strength": "strong"})
    assert "Raj Patel" in svg()
    profile_update(user=owner, data={"display_name": "Dr. Ana Ruiz-Lopez"})
    assert "Ruiz-Lopez" in svg()


def _pdf(response: Any) -> pypdf.PdfReader:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    return pypdf.PdfReader(io.BytesIO(response.content))


@pytest.mark.parametrize(
    "query,size", [("", (595, 842)), ("?size=a4", (595, 842)), ("?size=letter", (612, 792))]
)
def test_the_worksheet_pdf_is_valid_and_holds_the_plan(
    owner_client: Any, plan: dict[str, Any], query: str, size: tuple[int, int]
) -> None:
    reader = _pdf(owner_client.get("/worksheet.pdf" + query))
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == size
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Publish a case series" in text
    assert "Ana Ruiz" in text
    assert f"Page 1 of {len(reader.pages)}" in text


def test_an_unknown_paper_size_is_404(owner_client: Any) -> None:
    assert owner_client.get("/worksheet.pdf?size=a0").status_code == 404


def test_the_demo_plan_shows_nudges_introducers_and_overdue(client: Any) -> None:
    from tiewise.accounts.models import User
    from tiewise.demo import load_demo

    load_demo()
    user = User.objects.get(email="demo@tiewise.local")
    sign_in(client, user)
    overview = client.get("/plan/").context["plan"]
    assert len(overview.goals) == 3
    assert any("target date" in " ".join(row.issues) for row in overview.goals)
    assert len(overview.prospects) == 5
    assert sum(1 for row in overview.prospects if row.introducers) >= 2
    assert 7 <= len(overview.actions) <= 10
    assert len({a.strategy for a in overview.actions}) >= 5
    assert overview.overdue_count >= 2
    assert overview.reflection is not None
    assert Node.objects.filter(owner=user, tie__strength="absent").count() == 4


def test_the_plan_page_costs_the_same_queries_for_a_bigger_plan(
    owner_client: Any, owner: Any, jane: Any
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def add(n: int) -> None:
        for i in range(n):
            g = services.goal_create(owner=owner, data={"title": f"G{i}", "nodes": [jane.pk]})
            services.prospect_create(owner=owner, data={"name": f"P{i}", "goal": g.pk})
            services.action_create(
                owner=owner, data={"title": f"A{i}", "goal": g.pk, "nodes": [jane.pk]}
            )

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert owner_client.get("/plan/").status_code == 200
        return len(ctx)

    add(2)
    small = queries()
    add(8)
    assert queries() == small
