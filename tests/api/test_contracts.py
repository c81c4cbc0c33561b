"""The API's contract with its clients: every operation says what it returns,
every body refuses fields it does not know, the API checks exactly what the
pages check, and no module needs another to be imported first."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from tiewise.core.text import LONGTEXT_MAX

from ..conftest import ApiClient

PACKAGE = Path(__file__).resolve().parents[2] / "tiewise"


@pytest.fixture
def spec(anon_api: ApiClient, db: Any) -> dict[str, Any]:
    return anon_api.get("/api/v1/openapi.json").json()  # type: ignore[no-any-return]


def _operations(spec: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (method, path, op)
        for path, ops in spec["paths"].items()
        for method, op in ops.items()
        if method in ("get", "post", "put", "patch", "delete")
    ]


def test_every_operation_declares_what_it_returns(spec: dict[str, Any]) -> None:
    vague = []
    for method, path, op in _operations(spec):
        for status, answer in op["responses"].items():
            if status == "204" or not status.startswith("2"):
                continue
            schema = answer.get("content", {}).get("application/json", {}).get("schema")
            if schema is None:
                continue  # a file download (export, PDF, calendar) is described in words
            if schema.get("type") == "object" and not schema.get("properties"):
                vague.append(f"{method.upper()} {path} -> {status}")
            items = schema.get("items", {})
            is_list = schema.get("type") == "array" and items.get("type") == "object"
            if is_list and not items.get("properties"):
                vague.append(f"{method.upper()} {path} -> {status} items")
    assert not vague, "operations without an output schema:\n" + "\n".join(vague)


def _body_operations(spec: dict[str, Any]) -> list[tuple[str, str]]:
    out = []
    for method, path, op in _operations(spec):
        content = op.get("requestBody", {}).get("content", {})
        if "application/json" in content:
            out.append((method, path))
    return out


def test_every_json_body_names_an_unknown_field_in_its_422(
    spec: dict[str, Any], owner_api: ApiClient
) -> None:
    checked = 0
    for method, path in _body_operations(spec):
        url = re.sub(r"\{[^}]+\}", "1", path)
        response = owner_api._call(method, url, {"surely_not_a_field": 1})
        if response.status_code == 404:
            continue  # an id in the path that does not exist answers first
        assert response.status_code == 422, f"{method.upper()} {path}: {response.status_code}"
        locs = [e.get("loc", []) for e in response.json()["detail"]]
        assert any("surely_not_a_field" in loc for loc in locs), (
            f"{method.upper()} {path} did not name the unknown field: {locs}"
        )
        checked += 1
    assert checked >= 15  # the node, plan, upkeep, import and account bodies at least


def test_a_link_that_is_not_a_web_address_is_refused_by_the_page_and_the_api(
    owner_api: ApiClient, owner_client: Any
) -> None:
    api = owner_api.post("/api/v1/nodes", {"name": "Ana", "links": ["not a link"]})
    assert api.status_code == 422
    assert "links" in str(api.json()["detail"])
    page = owner_client.post("/nodes/new/", {"name": "Ana", "kind": "person",
                                            "strength": "weak", "links": "not a link"})  # fmt: skip
    assert page.status_code == 200 and "not a web address" in page.content.decode()
    for bad in ("javascript:alert(1)", " JaVaScRiPt:alert(1)", "data:text/html,x"):
        assert owner_api.post("/api/v1/nodes", {"name": "A", "links": [bad]}).status_code == 422


def test_a_bare_address_becomes_a_https_link_on_the_page_and_in_the_api(
    owner_api: ApiClient, owner_client: Any
) -> None:
    api = owner_api.post("/api/v1/nodes", {"name": "Ana", "links": ["orcid.org/0000-0001"]})
    assert api.json()["links"] == ["https://orcid.org/0000-0001"]
    owner_client.post("/nodes/new/", {"name": "Ben", "kind": "person", "strength": "weak",
                                     "links": "orcid.org/0000-0002"})  # fmt: skip
    listed = owner_api.get("/api/v1/nodes", {"q": "Ben"}).json()["items"]
    assert listed[0]["links"] == ["https://orcid.org/0000-0002"]


def test_text_lengths_are_capped_the_same_on_the_page_and_in_the_api(
    owner_api: ApiClient, owner_client: Any
) -> None:
    too_long = "x" * (LONGTEXT_MAX + 1)
    assert owner_api.post("/api/v1/nodes", {"name": "A", "notes": too_long}).status_code == 422
    page = owner_client.post("/nodes/new/", {"name": "A", "kind": "person",
                                            "strength": "weak", "notes": too_long})  # fmt: skip
    assert page.status_code == 200 and "at most" in page.content.decode().lower()
    assert owner_api.post("/api/v1/nodes", {"name": "x" * 201}).status_code == 422
    long_note = "y" * 5001
    created = owner_api.post("/api/v1/nodes", {"name": "B"}).json()
    logged = owner_api.post("/api/v1/interactions", {"nodes": [created["id"]], "note": long_note})
    assert logged.status_code == 422


def _module_imports(path: Path, modules: set[str]) -> set[str]:
    """`tiewise.*` modules a file imports when it is imported (top level only:
    imports inside functions run later and cannot make a cycle at import).
    `from package import submodule` needs the submodule, not the package's
    other names, so it counts as an import of the submodule alone."""
    tree = ast.parse(path.read_text())
    module = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    found: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("tiewise"))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            if target.startswith("tiewise"):
                subs = {f"{target}.{a.name}" for a in node.names} & modules
                found.update(subs)
                if len(subs) < len(node.names):
                    found.add(target)
    return found


def test_no_two_modules_import_each_other_even_indirectly() -> None:
    modules = {
        ".".join(p.relative_to(PACKAGE.parent).with_suffix("").parts).removesuffix(".__init__"): p
        for p in PACKAGE.rglob("*.py")
        if "migrations" not in p.parts
    }
    graph = nx.DiGraph()
    for name, path in modules.items():
        graph.add_node(name)
        for target in _module_imports(path, set(modules)):
            if target in modules and target != name:
                graph.add_edge(name, target)
    cycles = list(nx.simple_cycles(graph))
    assert not cycles, "import cycles:\n" + "\n".join(" -> ".join(c) for c in cycles[:10])


@pytest.mark.parametrize(
    "module", ["tiewise.planning.api", "tiewise.coaching.api", "tiewise.transfer.api"]
)
def test_an_app_api_module_imports_on_its_own(module: str) -> None:
    code = f"import django; django.setup(); import {module}"
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={**__import__("os").environ, "DJANGO_SETTINGS_MODULE": "tiewise.settings"},
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]


def _foreign_managers(path: Path, app: str | None) -> list[str]:
    """`Model.objects` uses in `path` of a model another app's `models`
    module defines (imports anywhere in the file, functions included)."""
    tree = ast.parse(path.read_text())
    foreign: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("tiewise."):
            parts = (node.module or "").split(".")
            if len(parts) == 3 and parts[2] == "models" and parts[1] != app:
                foreign.update({a.asname or a.name: parts[1] for a in node.names})
    return [
        f"{path.relative_to(PACKAGE.parent)}:{node.lineno}: {node.value.id}.{node.attr} "
        f"belongs to {foreign[node.value.id]}; read it through tiewise.{foreign[node.value.id]}"
        ".selectors or change it through its services"
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and node.attr in ("objects", "_default_manager")
        and isinstance(node.value, ast.Name)
        and node.value.id in foreign
    ]


def test_no_module_queries_another_apps_models() -> None:
    """Apps own their data: another app (or a shared module such as the API's
    auth or the demo loader) reads it through the owner's selectors and
    changes it through its services, never through its model's manager."""
    found: list[str] = []
    for path in PACKAGE.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        parts = path.relative_to(PACKAGE).parts
        found += _foreign_managers(path, parts[0] if len(parts) > 1 else None)
    assert not found, "\n".join(found)
