"""A curious or careless query value (`?limit=1e20`, a 30-digit offset, a
negative page size) gets the API's own JSON 422 naming the parameter, on
every list the API has, never an HTML 500. The lists are found from the
OpenAPI document so a new one is covered without a new line here."""

from __future__ import annotations

from typing import Any

import pytest

from tiewise.api import api

BAD = ["1e20", "99999999999999999999999999999", "-1", "abc", "1.5", ""]


def _list_paths() -> list[tuple[str, str]]:
    schema = api.get_openapi_schema(path_prefix="/api/v1")
    found = []
    for path, ops in schema["paths"].items():
        get = ops.get("get")
        if not get or "{" in path:
            continue
        names = {p["name"] for p in get.get("parameters", []) if p.get("in") == "query"}
        for name in ("limit", "offset") if {"limit", "offset"} <= names else ():
            found.append((path, name))
    return found


LISTS = _list_paths()


def test_the_api_has_paginated_lists_to_check() -> None:
    assert len({path for path, _ in LISTS}) >= 5, LISTS


@pytest.mark.parametrize(("path", "param"), LISTS)
def test_an_out_of_range_page_value_is_a_json_422(owner_api: Any, path: str, param: str) -> None:
    for value in BAD:
        if value == "" and param == "offset":
            continue  # an empty offset is "from the start"
        response = owner_api.get(f"{path}?{param}={value}")
        if value == "":
            assert response.status_code in (200, 422), (path, param)
            continue
        assert response.status_code == 422, (path, param, value, response.status_code)
        assert response["Content-Type"].startswith("application/json"), (path, param, value)
        assert param in response.content.decode(), (path, param, value)
