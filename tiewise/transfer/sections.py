"""The sections of a Tiewise JSON export beyond nodes and ties (interactions,
goals, prospects, actions, snapshots), as a pluggable registry.

`SECTION_EXPORTERS[name](owner) -> list[dict]` reads a section for an export;
`SECTION_IMPORTERS[name](owner, rows, ids) -> int` restores it, where `ids`
maps the file's ids to new ones per kind (`ids["node"][7] == 42`) and is
filled in as sections are restored (goals before the actions that name them).
Apps that are installed get a generic handler built from their model; anyone
may replace an entry with a hand-written one.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models

Exporter = Callable[[Any], list[dict[str, Any]]]
Importer = Callable[[Any, list[Any], dict[str, dict[int, int]]], int]

SECTION_EXPORTERS: dict[str, Exporter] = {}
SECTION_IMPORTERS: dict[str, Importer] = {}

#: Restore order: a section only refers to sections before it. Snapshots come
#: first so that the restore itself does not count as this month's first change.
SECTION_ORDER = ("snapshots", "goals", "prospects", "actions", "interactions")

#: name -> (app label, model, id kind, child relation to carry along or "").
_MODELS: dict[str, tuple[str, str, str, str]] = {
    "goals": ("planning", "Goal", "goal", ""),
    "prospects": ("planning", "Prospect", "prospect", "events"),
    "actions": ("planning", "Action", "action", ""),
    "interactions": ("upkeep", "Interaction", "interaction", ""),
    "snapshots": ("upkeep", "Snapshot", "snapshot", ""),
}
_SKIP = {"id", "owner", "updated_at"}
#: Foreign keys point at these kinds; their ids are re-mapped on restore.
_KIND_OF_MODEL = {"network.node": "node", "planning.goal": "goal", "planning.prospect": "prospect"}


def _kind(model: type[models.Model]) -> str:
    return _KIND_OF_MODEL.get(model._meta.label_lower, "")


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, tuple | set):
        return list(value)
    return value


def _row(obj: models.Model, child: str) -> dict[str, Any]:
    row: dict[str, Any] = {"id": obj.pk}
    for f in obj._meta.concrete_fields:
        if f.name in _SKIP:
            continue
        if f.is_relation:
            row[f.name] = getattr(obj, f.attname)
        else:
            row[f.name] = _plain(f.value_from_object(obj))
    for m2m in obj._meta.many_to_many:
        row[m2m.name] = sorted(x.pk for x in getattr(obj, m2m.name).all())
    if child:
        rel = getattr(obj, child)
        row[child] = [
            {
                f.name: _plain(f.value_from_object(c))
                for f in c._meta.concrete_fields
                if not f.is_relation and f.name not in _SKIP
            }
            for c in rel.all()
        ]
    return row


def model_exporter(model: type[models.Model], child: str = "") -> Exporter:
    def export(owner: Any) -> list[dict[str, Any]]:
        qs = model._default_manager.filter(owner=owner).order_by("pk")  # type: ignore[misc]
        qs = qs.prefetch_related(
            *[m.name for m in model._meta.many_to_many], *filter(None, [child])
        )
        return [_row(obj, child) for obj in qs]

    return export


def _invalid(section: str, index: int, message: str) -> ValidationError:
    return ValidationError({section: [f"item {index + 1}: {message}"]})


def model_importer(section: str, model: type[models.Model], kind: str, child: str = "") -> Importer:
    def restore(owner: Any, rows: list[Any], ids: dict[str, dict[int, int]]) -> int:
        count = 0
        for i, row in enumerate(rows):
            if not isinstance(row, dict):
                raise _invalid(section, i, "expected an object")
            obj = model(owner=owner)  # type: ignore[misc]
            for f in model._meta.concrete_fields:
                if f.name in _SKIP or f.name not in row:
                    continue
                value = row[f.name]
                if f.is_relation:
                    target = _kind(f.related_model)  # type: ignore[arg-type]
                    if value is not None:
                        if value not in ids.get(target, {}):
                            raise _invalid(section, i, f"{f.name} {value!r} is not in this file")
                        value = ids[target][value]
                    setattr(obj, f.attname, value)
                else:
                    setattr(obj, f.name, f.to_python(value))
            try:
                obj.full_clean(exclude=["owner"], validate_constraints=False)
            except ValidationError as exc:
                msgs = "; ".join(f"{k}: {' '.join(v)}" for k, v in exc.message_dict.items())
                raise _invalid(section, i, msgs) from None
            obj.save()
            for m2m in model._meta.many_to_many:
                wanted = row.get(m2m.name) or []
                target = _kind(m2m.related_model)  # type: ignore[arg-type]
                try:
                    new_ids = [ids[target][int(v)] for v in wanted]
                except (KeyError, ValueError, TypeError):
                    raise _invalid(section, i, f"{m2m.name} names ids not in this file") from None
                getattr(obj, m2m.name).set(new_ids)
            if child:
                rel = getattr(obj, child)
                for c in row.get(child) or []:
                    item = rel.model(**{rel.field.name: obj})
                    for f in rel.model._meta.concrete_fields:
                        if not f.is_relation and f.name in c and f.name not in _SKIP:
                            setattr(item, f.name, f.to_python(c[f.name]))
                    item.save()
            if isinstance(row.get("id"), int):
                ids.setdefault(kind, {})[row["id"]] = obj.pk
            count += 1
        return count

    return restore


def register_installed_sections() -> None:
    """Fill the registry for the apps that are installed; entries set by
    someone else are kept."""
    for section, (label, model_name, kind, child) in _MODELS.items():
        if not apps.is_installed(f"tiewise.{label}"):
            continue
        try:
            model = apps.get_model(label, model_name)
        except LookupError:
            continue
        SECTION_EXPORTERS.setdefault(section, model_exporter(model, child))
        SECTION_IMPORTERS.setdefault(section, model_importer(section, model, kind, child))
