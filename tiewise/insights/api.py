from typing import Any

from ninja import Router

from tiewise.http import AuthedRequest

from .selectors import insights_for

router = Router(tags=["insights"])


@router.get("/insights", response=dict[str, Any])
def get_insights(request: AuthedRequest) -> Any:
    """The full insights report: composition, diversity (Blau, IQV, EI),
    structure (density, components, Burt's effective size, efficiency and
    constraint, brokers, clusters), coverage, findings and the spotlight."""
    return insights_for(request.user)
