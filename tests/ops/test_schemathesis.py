"""Property-based API testing: schemathesis drives every operation of the
live OpenAPI document with generated input. No 5xx, and every documented
response matches its schema. Bounded examples keep it to seconds."""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error, response_schema_conformance

from .conftest import LiveServer


@pytest.fixture(scope="session")
def api_schema(live: LiveServer) -> Any:
    return schemathesis.openapi.from_url(live.url + "/api/v1/openapi.json")


@pytest.fixture(scope="session")
def token(live: LiveServer) -> str:
    token = live.token("schemathesis@example.org")
    # Something to work on: a few nodes and a tie between them.
    import json
    import urllib.request

    for name in ("Ada", "Ben", "Cy"):
        request = urllib.request.Request(
            live.url + "/api/v1/nodes",
            data=json.dumps({"name": name, "strength": "strong"}).encode(),
            headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        )
        urllib.request.urlopen(request, timeout=10).close()
    return token


def test_the_api_never_fails_and_matches_its_schema(
    api_schema: Any, live: LiveServer, token: str
) -> None:
    # Driven by hand rather than through schemathesis' pytest plugin, which
    # does not support the installed pytest.
    from hypothesis import given

    failures: list[str] = []
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) > 20
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=6, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck)
        )
        def run(case: Any) -> None:
            case.call_and_validate(
                base_url=live.url,
                headers={"Authorization": f"Bearer {token}"},
                checks=[not_a_server_error, response_schema_conformance],
                timeout=30,
            )

        try:
            run()
        except (Exception, BaseExceptionGroup) as exc:  # noqa: BLE001 - collect them all
            failures.append(f"{operation.label}: {str(exc)[:600]}")
    assert not failures, "\n\n".join(failures)
