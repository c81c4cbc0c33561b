"""A small list-of-strings field that filters the same way on SQLite and
PostgreSQL.

Values are stored as ",a,b," so that "has value x" is a plain
`LIKE '%,x,%'` on any database (SQLite has no JSON containment lookup).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q


def encode(values: Iterable[str]) -> str:
    items: list[str] = []
    for v in values:
        v = str(v).strip()
        if v and v not in items:
            items.append(v)
    return "," + ",".join(items) + "," if items else ""


def decode(raw: str | None) -> list[str]:
    return list(decode_tuple(raw))


def decode_tuple(raw: str | None) -> tuple[str, ...]:
    """The stored text's values, as a tuple (for rows read past Django's
    converters, `tiewise.rows.plain_rows`), without empty items."""
    return _split(raw) if raw else ()


@functools.lru_cache(maxsize=4096)
def _split(raw: str) -> tuple[str, ...]:
    # A big PLN's thousands of rows hold a few dozen distinct lists ("mentor",
    # ",personal,technology,"): each is split once, and its (immutable)
    # tuple shared, which also keeps a read of 3,000 people smaller.
    return tuple(filter(None, raw.split(",")))


class ListField(models.TextField):  # type: ignore[type-arg]
    """A list of short strings; `allowed` restricts it to a vocabulary."""

    def __init__(self, *args: Any, allowed: Iterable[str] | None = None, **kwargs: Any) -> None:
        self.allowed = tuple(allowed) if allowed is not None else None
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", "")
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> Any:
        name, path, args, kwargs = super().deconstruct()
        if self.allowed is not None:
            kwargs["allowed"] = self.allowed
        return name, path, args, kwargs

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> list[str]:
        return decode(value)

    def to_python(self, value: Any) -> list[str]:
        if isinstance(value, list | tuple):
            return [str(v) for v in value]
        if isinstance(value, str):
            return (
                decode(value)
                if value.startswith(",")
                else [v.strip() for v in value.split(",") if v.strip()]
            )
        return []

    def get_prep_value(self, value: Any) -> str:
        if isinstance(value, str):
            # Already encoded (e.g. a lookup value), pass through.
            return value
        return encode(value or [])

    def validate(self, value: Any, model_instance: Any) -> None:
        values = self.to_python(value)
        if self.allowed is not None:
            bad = [v for v in values if v not in self.allowed]
            if bad:
                raise ValidationError(
                    f"{', '.join(bad)} is not one of: {', '.join(self.allowed)}",
                    code="invalid_choice",
                )
        for v in values:
            if "," in v:
                raise ValidationError("Items cannot contain commas", code="invalid")

    def value_to_string(self, obj: Any) -> str:
        return ",".join(self.to_python(self.value_from_object(obj)))


def has_item(field: str, value: str) -> Q:
    """`Q` matching rows whose list `field` contains `value`."""
    return Q(**{f"{field}__contains": f",{value},"})
