"""Every place that names node fields agrees with the registry
(`tiewise.core.nodefields`). When one of these fails after you added a field,
the message names the place you missed."""

from __future__ import annotations

import json
from dataclasses import fields as dataclass_fields
from datetime import date
from typing import Any

import pytest
from django.db import models

from tiewise.core.exporters.common import NODE_FIELDS as EXPORTED
from tiewise.core.exporters.tiewise_json import export as json_export
from tiewise.core.importers import ImportRecord, parse_any
from tiewise.core.nodefields import BY_NAME, FIELDS
from tiewise.core.types import PLN, NodeData, Owner
from tiewise.network import selectors, services
from tiewise.network.forms import NodeForm
from tiewise.network.models import Node, Tie
from tiewise.schemas import NodeIn, NodeOut, NodePatch

NAMES = [f.name for f in FIELDS]


def _sample_value(f: Any) -> Any:
    """A value for field `f` that differs from its default, built from the
    registry alone, so a field added there is checked here without an edit."""
    keys = list(f.vocab)
    return {
        "text": f"{f.label} sample é",
        "longtext": f"{f.label}, first line\nsecond line",
        "email": f"{f.name}@example.org",
        "choice": keys[-1] if keys and keys[-1] != f.initial else (keys[0] if keys else ""),
        "multichoice": keys[:2],
        "tags": [f"{f.name} one", "two"],
        "urls": [f"https://example.org/{f.name}"],
        "emails": [f"{f.name}@example.net"],
        "lines": [f"2021 · {f.label}, with a comma"],
        "bool": not f.initial,
        "date": date(2019, 9, 1),
        "int": (f.minimum or 0) + 29,
    }[f.type]


#: A value for every field that differs from its default: a round trip that
#: drops or resets a field shows up.
SAMPLE: dict[str, Any] = {f.name: _sample_value(f) for f in FIELDS}


def test_the_sample_sets_every_registry_field() -> None:
    assert sorted(SAMPLE) == sorted(NAMES)
    for f in FIELDS:
        assert SAMPLE[f.name] != f.initial, f"SAMPLE must set {f.name} to a non-default value"


@pytest.mark.parametrize("field", FIELDS, ids=NAMES)
def test_the_model_stores_each_field_with_the_registry_length_and_vocabulary(field: Any) -> None:
    model = Tie if field.table == "tie" else Node
    column = model._meta.get_field(field.name)
    if field.max_length and not field.is_list and field.type != "longtext":
        assert getattr(column, "max_length", None) == field.max_length, (
            f"{model.__name__}.{field.name}: max_length differs from the registry"
        )
    if field.type == "choice":
        assert [k for k, _ in column.choices or []] == list(field.vocab), (
            f"{model.__name__}.{field.name}: choices differ from the registry's vocabulary"
        )
    if field.type in ("date", "int"):
        assert column.null, f"{model.__name__}.{field.name} must be nullable"
    if field.type == "bool":
        assert isinstance(column, models.BooleanField)


def test_every_model_field_a_person_edits_is_in_the_registry() -> None:
    # Not typed by anyone: ids, stamps, the stored patient-data check, and when
    # the owner chose to keep in touch (set by "keep in touch", a cadence, an add),
    # and the keys imports find a node again by.
    skip = {
        "id",
        "owner",
        "node",
        "created_at",
        "updated_at",
        "phi_flags",
        "tracked_since",
        "source_keys",
        "import_facts",
    }
    for model in (Node, Tie):
        stored = {f.name for f in model._meta.concrete_fields} - skip
        missing = stored - set(NAMES)
        assert not missing, f"{model.__name__} has fields the registry does not list: {missing}"


def test_import_records_carry_every_registry_field() -> None:
    have = {f.name for f in dataclass_fields(ImportRecord)}
    missing = set(NAMES) - have
    assert not missing, f"ImportRecord (core/importers/records.py) lacks {missing}"


@pytest.mark.parametrize("schema", [NodeIn, NodePatch, NodeOut], ids=lambda s: s.__name__)
def test_the_api_schemas_take_every_registry_field(schema: Any) -> None:
    missing = set(NAMES) - set(schema.model_fields)
    assert not missing, f"{schema.__name__} lacks {missing}"


def test_the_api_schema_carries_the_registry_vocabulary_and_lengths() -> None:
    props = NodeIn.model_json_schema()["properties"]
    assert props["sector"]["enum"] == [*BY_NAME["sector"].vocab, ""]
    assert props["roles"]["items"]["enum"] == list(BY_NAME["roles"].vocab)
    assert props["organisation"]["maxLength"] == BY_NAME["organisation"].max_length


def test_the_form_shows_every_registry_field_in_a_section() -> None:
    form = NodeForm()
    shown = [bound.name for _legend, fields in form.sections for bound in fields]
    assert sorted(shown) == sorted(NAMES)


def test_every_exporter_writes_every_registry_field() -> None:
    missing = set(NAMES) - set(EXPORTED)
    assert not missing, f"core/exporters/common.py NODE_FIELDS lacks {missing}"


def test_a_node_keeps_every_field_through_the_service_the_api_dict_and_the_page(
    owner: Any,
) -> None:
    node = services.node_create(owner=owner, data=SAMPLE)
    node = selectors.get_node_for(owner, node.pk)
    as_dict = selectors.node_dict(node)
    for name in NAMES:
        assert as_dict[name] == SAMPLE[name], f"node_dict()[{name!r}] after node_create"
    rows = {row["name"]: row for _legend, rows in selectors.node_sections(node) for row in rows}
    for f in FIELDS:
        if f.name != "name":
            assert f.name in rows, f"the node page does not show {f.name}"


def test_a_node_keeps_every_field_through_a_json_export_and_import(owner: Any) -> None:
    node = services.node_create(owner=owner, data=SAMPLE)
    pln = selectors.pln_snapshot(owner)
    from tiewise.core.exporters.common import Extras

    data = json_export(pln, Extras(details=selectors.node_details(owner)))
    (record,) = parse_any(data, filename="tiewise.json").records
    for name in NAMES:
        value = getattr(record, name)
        expected = SAMPLE[name]
        if isinstance(value, tuple):
            value = list(value)
        assert value == expected, f"{name} changed through the JSON export and import"
    assert json.loads(data)["nodes"][0]["id"] == node.pk


def test_a_snapshot_node_holds_what_analysis_reads() -> None:
    """NodeData (core/types.py) keeps the registry's types for what it carries."""
    nd = NodeData(id=1, name="x")
    for f in dataclass_fields(NodeData):
        if f.name in BY_NAME and BY_NAME[f.name].is_list:
            assert getattr(nd, f.name) == (), f"NodeData.{f.name} should default to ()"
    assert PLN(owner=Owner("x"), nodes=(nd,)).node(1) is nd
