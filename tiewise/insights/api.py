"""/api/v1/insights: what the network says."""

from typing import Any

from ninja import Router, Schema
from pydantic import Field

from tiewise.http import AuthedRequest
from tiewise.throttles import api_limits

from .selectors import insights_for

router = Router(tags=["insights"])


class FindingOut(Schema):
    code: str = Field(description="Stable name of the rule, e.g. `no_sponsor`.")
    severity: str = Field(description="high, medium, low or info.")
    title: str
    text: str
    strategy: str = Field(description="The strategy that answers it (key), or empty.")
    node_ids: list[int] = Field(description="The nodes the finding is about.")


class GoalSupportOut(Schema):
    id: int
    title: str
    n_nodes: int
    n_actions: int
    supported: bool


class SizeOut(Schema):
    nodes: int
    strong: int
    weak: int
    prospects: int


class InsightsOut(Schema):
    """The whole report. Sections are plain JSON objects whose keys are the
    vocabulary (see `composition.strength.counts`), so new values appear
    without a schema change."""

    version: int
    today: str
    seed: int
    size: SizeOut
    composition: dict[str, Any] = Field(description="Counts and shares per field.")
    diversity: dict[str, Any] = Field(description="Blau and IQV per field.")
    ei: dict[str, Any] = Field(description="Krackhardt's E-I index for sector and reach.")
    weak_tie_share: float | None
    mode_balance: dict[str, Any]
    structure: dict[str, Any] = Field(
        description="Density, components, effective size, efficiency, constraint, "
        "betweenness brokers and clusters."
    )
    coverage: dict[str, Any] = Field(description="The area by role matrix and empty areas.")
    goals: list[GoalSupportOut] | None = Field(
        description="Active goals and whether ties and actions support them (null: no plan)."
    )
    maintenance: dict[str, Any] | None = Field(description="Ties due, lapsed, give and take.")
    findings: list[FindingOut]
    spotlight: dict[str, Any]


@router.get("/insights", response=InsightsOut, throttle=api_limits("api", "expensive"))
def get_insights(request: AuthedRequest) -> Any:
    """The full insights report: composition, diversity (Blau, IQV, EI),
    structure (density, components, Burt's effective size, efficiency and
    constraint, brokers, clusters), coverage, findings and the spotlight."""
    return insights_for(request.user)
