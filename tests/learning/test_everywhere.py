"""Learning appears where it belongs: insights (a growth area nobody covers,
with an add-action button), the dashboard, the node page, the coach's agenda
and the worksheet."""

from __future__ import annotations

from typing import Any

from django.test import Client

from tiewise.coaching import selectors as coaching_selectors
from tiewise.learning import services
from tiewise.network import services as network

from ..coaching.conftest import make_coach, persona

NOBODY = "Advanced airway management"


def _growth(owner: Any, name: str = NOBODY) -> Any:
    return services.skill_create(
        owner=owner, data={"name": name, "kind": "growth", "level": 2, "target": 4}
    )


def test_insights_name_a_growth_area_nobody_covers_with_an_add_action_button(
    owner: Any, pln: dict[str, Any], owner_client: Client
) -> None:
    _growth(owner, "point-of-care ultrasound")  # Dr Ruiz covers it
    page = owner_client.get("/insights/").content.decode()
    assert "No one in your network for" not in page
    _growth(owner)
    page = owner_client.get("/insights/").content.decode()
    finding = page.split('data-code="no_one_for_skill"')[1].split("</li>")[0]
    assert f"No one in your network for {NOBODY}" in finding
    assert "strategy=ask_experts" in finding and "Add action" in finding
    assert "Dr Ruiz" in finding  # a strong tie who could introduce her
    # Once someone is an expert in it, the finding goes (the cache follows the PLN).
    network.node_update(node=pln["tom"], data={"expertise": ["Grant writing", NOBODY]})
    assert "no_one_for_skill" not in owner_client.get("/insights/").content.decode()


def test_the_caseload_reads_the_same_finding_only_with_the_plan_shared(
    owner: Any, pln: dict[str, Any]
) -> None:
    _growth(owner)
    full_user, full_rel = make_coach(owner, "full@example.org", {"plan": True})
    bare_user, bare_rel = make_coach(owner, "bare@example.org", {"plan": False})
    full = coaching_selectors.coach_view(full_user, full_rel.pk)
    bare = coaching_selectors.coach_view(bare_user, bare_rel.pk)
    rows = coaching_selectors.caseload_rows([full, bare])  # the batched path
    codes = lambda v: {f["code"] for f in coaching_selectors.coachee_insights(v)["findings"]}  # noqa: E731
    assert "no_one_for_skill" in codes(full) and "no_one_for_skill" not in codes(bare)
    assert rows


def test_the_agenda_lists_answers_to_check_only_with_the_plan_shared(
    owner: Any, pln: dict[str, Any]
) -> None:
    q = services.question_ask(
        owner=owner, data={"text": "Best view for a FAST scan?", "kind": "clinical",
                           "asked": [pln["ruiz"].pk]},
    )  # fmt: skip
    services.answer_add(question=q, data={"node": pln["ruiz"].pk, "text": "Start RUQ"})
    full_user, full_rel = make_coach(owner, "full@example.org", {"plan": True})
    bare_user, bare_rel = make_coach(owner, "bare@example.org", {"plan": False})
    full = persona(full_user, full_rel)
    text = full.client.get(f"/coaching/coachees/{full_rel.pk}/agenda/").content.decode()
    assert "Answers to check before they are used" in text and "Best view for a FAST scan?" in text
    bare = persona(bare_user, bare_rel)
    text = bare.client.get(f"/coaching/coachees/{bare_rel.pk}/agenda/").content.decode()
    assert "Best view for a FAST scan?" not in text


def test_the_dashboard_card_and_the_node_page(
    owner: Any, pln: dict[str, Any], owner_client: Client
) -> None:
    assert 'data-testid="dashboard-learning"' not in owner_client.get("/").content.decode()
    _growth(owner)
    q = services.question_ask(
        owner=owner, data={"text": "Best view for a FAST scan?", "kind": "clinical",
                           "asked": [pln["ruiz"].pk]},
    )  # fmt: skip
    services.answer_add(question=q, data={"node": pln["ruiz"].pk, "text": "Start RUQ"})
    services.resource_log(
        owner=owner, data={"title": "ACEP ultrasound guideline", "kind": "guideline",
                           "direction": "received", "people": [pln["ruiz"].pk]},
    )  # fmt: skip
    card = owner_client.get("/").content.decode().split('data-testid="dashboard-learning"')[1]
    card = card.split("</section>")[0]
    assert NOBODY in card and "1 clinical question" in card
    node = owner_client.get(f"/nodes/{pln['ruiz'].pk}/").content.decode()
    section = node.split('data-testid="node-learning"')[1].split("</section>")[0]
    assert "Best view for a FAST scan?" in section and "ACEP ultrasound guideline" in section
    assert "they shared it with you" in section
    other = owner_client.get(f"/nodes/{pln['tom'].pk}/").content.decode()
    assert 'data-testid="node-learning"' not in other


def test_the_worksheet_prints_skills_with_who_can_help(
    owner: Any, pln: dict[str, Any], owner_client: Client
) -> None:
    _growth(owner, "point-of-care ultrasound")
    _growth(owner)
    page = owner_client.get("/worksheet").content.decode()
    section = page.split('id="ws-skills"')[1].split("</section>")[0]
    assert "point-of-care ultrasound" in section and "Dr Ruiz" in section
    assert "Nobody yet: ask a strong tie for an introduction" in section
