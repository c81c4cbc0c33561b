"""The OpenAPI document is valid, complete and documented."""

from __future__ import annotations

from typing import Any

import pytest
from openapi_spec_validator import validate

from ..conftest import ApiClient

pytestmark = pytest.mark.django_db


@pytest.fixture
def spec(anon_api: ApiClient) -> dict[str, Any]:
    response = anon_api.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()  # type: ignore[no-any-return]


def test_the_openapi_document_validates(spec: dict[str, Any]) -> None:
    validate(spec)


def test_every_operation_is_described_and_authenticated(spec: dict[str, Any]) -> None:
    for path, ops in spec["paths"].items():
        for method, op in ops.items():
            assert op.get("summary") or op.get("description"), f"{method} {path} has no summary"
            assert op.get("security"), f"{method} {path} is not behind auth"


def test_the_node_schema_carries_examples(spec: dict[str, Any]) -> None:
    node_in = spec["components"]["schemas"]["NodeIn"]
    assert node_in["properties"]["name"].get("examples")


def test_the_interactive_docs_are_served(owner_client: Any) -> None:
    response = owner_client.get("/api/v1/docs")
    assert response.status_code == 200
    assert b"swagger" in response.content.lower()


def test_the_owners_map_and_a_coachs_map_share_one_node_shape(spec: dict[str, Any]) -> None:
    """One schema for every map: a field added to the map's nodes reaches
    the coach's map too, which leaves out what it may not show."""

    def response_schema(path: str) -> str:
        ok = spec["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]
        return str(ok["schema"]["$ref"])

    mine = response_schema("/api/v1/map")
    theirs = response_schema("/api/v1/coaching/coachees/{rel_id}/map")
    assert mine == theirs == "#/components/schemas/MapOut"
    components = spec["components"]["schemas"]
    assert not {"MapNodeOut", "MapEdgeOut", "MapStyle"} & set(components)
