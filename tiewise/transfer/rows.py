"""Reading the rows of one section of a Tiewise export, for the restore
functions each app keeps in its `portability.py`.

A restore reads a row field by field through a :class:`Row`. Anything that
does not fit raises ValidationError naming the section, the item (counted
from 1) and the field::

    {"goals": ["item 3, target_date: 'soon' is not a date like 2024-05-31."]}

Links to other records are file ids, re-mapped through `ids` (kind -> file id
-> new id, filled in as sections are restored in order: `ids["node"][7] ==
42`). An id that is not in the map is an error, so a file can only ever link
what it brings itself. A person the owner left out at triage maps to
`LEFT_OUT`: links to them are dropped, not refused. The commit that calls the
restores is one transaction: the first bad row leaves the PLN as it was.

This module knows no app's tables; the apps use it, it uses none of them.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterator
from datetime import UTC, date, datetime
from typing import Any, TypeGuard, overload

from django.core.exceptions import ValidationError
from django.db import models

from tiewise.core.text import clean_text

#: kind ("node", "goal", ...) -> id in the file -> id of the restored record.
Ids = dict[str, dict[int, int]]
#: The new id of a record of the file that the owner left out (no record
#: has id 0): a link to it is dropped.
LEFT_OUT = 0


def rows_of(section: str, rows: object, ids: Ids) -> Iterator[Row]:
    """Each item of a section as a Row; an item that is not an object is an
    error naming its number."""
    if not isinstance(rows, list):
        raise ValidationError({section: ["expected a list of items"]})
    for index, data in enumerate(rows):
        row = Row(section, index + 1, data if isinstance(data, dict) else {}, ids)
        if not isinstance(data, dict):
            raise row.invalid("", "expected an object")
        yield row


def _is_int(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


class Row:
    """One item of a section, read one typed field at a time."""

    def __init__(
        self, section: str, item: int, data: dict[str, Any], ids: Ids, prefix: str = ""
    ) -> None:
        self.section = section
        self.item = item  # counted from 1
        self.data = data
        self.ids = ids
        self.prefix = prefix

    # --- errors ---------------------------------------------------------------

    def invalid(self, field: str, message: str) -> ValidationError:
        where = f"{self.prefix}{field}".rstrip(".")
        place = f"item {self.item}, {where}" if where else f"item {self.item}"
        return ValidationError({self.section: [f"{place}: {message}"]})

    def check(self, obj: models.Model, *, exclude: Collection[str] = ()) -> None:
        """The model's own field checks (lengths, choices), as row errors."""
        try:
            obj.full_clean(exclude=list(exclude), validate_constraints=False)
        except ValidationError as exc:
            field, messages = next(iter(exc.message_dict.items()))
            raise self.invalid("" if field == "__all__" else field, " ".join(messages)) from None

    def invalid_from(self, exc: ValidationError) -> ValidationError:
        """A service's ValidationError (a dict naming fields) as a row error."""
        if hasattr(exc, "error_dict"):
            field, messages = next(iter(exc.message_dict.items()))
            return self.invalid("" if field == "__all__" else field, " ".join(messages))
        return self.invalid("", " ".join(exc.messages))

    # --- plain values ---------------------------------------------------------

    def text(
        self,
        key: str,
        *,
        max_length: int | None = None,
        multiline: bool = False,
        required: bool = False,
    ) -> str:
        value = self.data.get(key)
        if value is None:
            value = ""
        if not isinstance(value, str):
            raise self.invalid(key, "expected text")
        text = clean_text(value, multiline=multiline)
        if required and not text:
            raise self.invalid(key, "this cannot be empty")
        if max_length is not None and len(text) > max_length:
            raise self.invalid(key, f"at most {max_length:,} characters (this has {len(text):,})")
        return text

    def choice(self, key: str, vocab: Collection[str], *, default: str = "") -> str:
        """One word of `vocab`; missing or empty reads as `default`."""
        value = self.text(key) or default
        if value and value not in vocab:
            raise self.invalid(key, f"{value[:40]!r} is not one of: {', '.join(vocab)}")
        return value

    def choices(self, key: str, vocab: Collection[str]) -> list[str]:
        """A list of words of `vocab`, each once, in the file's order."""
        value = self.data.get(key)
        if value is None:
            return []
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.invalid(key, "expected a list of words")
        bad = [v for v in value if v not in vocab]
        if bad:
            raise self.invalid(key, f"{bad[0][:40]!r} is not one of: {', '.join(vocab)}")
        return list(dict.fromkeys(value))

    def flag(self, key: str, *, default: bool = False) -> bool:
        value = self.data.get(key)
        if value is None:
            return default
        if not isinstance(value, bool):
            raise self.invalid(key, "expected true or false")
        return value

    @overload
    def whole(self, key: str, *, low: int = 0, high: int | None = None, default: int) -> int: ...

    @overload
    def whole(
        self, key: str, *, low: int = 0, high: int | None = None, default: None = None
    ) -> int | None: ...

    def whole(
        self, key: str, *, low: int = 0, high: int | None = None, default: int | None = None
    ) -> int | None:
        """A whole number from `low` to `high`; missing reads as `default`."""
        value = self.data.get(key)
        if value is None:
            return default
        if not _is_int(value) or value < low or (high is not None and value > high):
            upper = f" to {high}" if high is not None else " or more"
            raise self.invalid(key, f"expected a whole number from {low}{upper}")
        return int(value)

    def number(self, key: str) -> float:
        value = self.data.get(key)
        finite = isinstance(value, int | float) and math.isfinite(value)
        if not finite or isinstance(value, bool):
            raise self.invalid(key, "expected a number")
        return float(value)  # type: ignore[arg-type]

    def day(self, key: str, *, required: bool = False) -> date | None:
        value = self.data.get(key)
        if value in (None, "") and not required:
            return None
        try:
            return date.fromisoformat(value)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            raise self.invalid(key, f"{str(value)[:30]!r} is not a date like 2024-05-31") from None

    @overload
    def moment(self, key: str, *, default: datetime) -> datetime: ...

    @overload
    def moment(self, key: str, *, default: None = None) -> datetime | None: ...

    def moment(self, key: str, *, default: datetime | None = None) -> datetime | None:
        """A date and time; one without a time zone is read as UTC."""
        value = self.data.get(key)
        if value in (None, ""):
            return default
        try:
            when = datetime.fromisoformat(value)
        except (TypeError, ValueError):
            raise self.invalid(
                key, f"{str(value)[:40]!r} is not a date and time like 2024-05-31T09:30:00+00:00"
            ) from None
        return when if when.tzinfo is not None else when.replace(tzinfo=UTC)

    def identifier(self, key: str = "id") -> int:
        """A whole number naming a record (any sign: it is only compared)."""
        value = self.data.get(key)
        if not _is_int(value):
            raise self.invalid(key, "expected a whole-number id")
        return value

    def ints(self, key: str) -> list[int]:
        """A list of whole numbers, as they are (ids of the file, not mapped)."""
        value = self.data.get(key)
        if value is None:
            return []
        if not isinstance(value, list) or not all(_is_int(v) for v in value):
            raise self.invalid(key, "expected a list of whole numbers")
        return [int(v) for v in value]

    # --- links to other records of the file -----------------------------------

    def ref(self, key: str, kind: str) -> int | None:
        """The new id of the `kind` record the file calls `row[key]`; None
        when the file says none or the owner left that record out."""
        value = self.data.get(key)
        if value is None:
            return None
        return self._mapped(key, kind, value) or None

    def refs(self, key: str, kind: str) -> list[int]:
        """New ids of the `kind` records listed in `row[key]`, each once
        (those the owner left out are dropped)."""
        found = (self._mapped(key, kind, v) for v in self.ints(key))
        return list(dict.fromkeys(i for i in found if i != LEFT_OUT))

    def left_out(self, key: str, kind: str) -> bool:
        """True when `row[key]` names a record the owner left out at triage
        (a row about that record alone is then skipped)."""
        value = self.data.get(key)
        return _is_int(value) and self.ids.get(kind, {}).get(value) == LEFT_OUT

    def _mapped(self, key: str, kind: str, value: object) -> int:
        known = self.ids.get(kind, {})
        if not _is_int(value) or value not in known:
            raise self.invalid(key, f"{str(value)[:40]!r} is not the id of a {kind} in this file")
        return known[value]

    def remember(self, kind: str, new_id: int) -> None:
        """Record that this row's `id` is now `new_id`, for the sections after."""
        old = self.data.get("id")
        if _is_int(old):
            self.ids.setdefault(kind, {})[old] = new_id

    # --- nested parts ---------------------------------------------------------

    def part(self, key: str) -> Row:
        """An object inside the row (a snapshot's `data`)."""
        value = self.data.get(key)
        if not isinstance(value, dict):
            raise self.invalid(key, "expected an object")
        return Row(self.section, self.item, value, self.ids, f"{self.prefix}{key}.")

    def items(self, key: str) -> list[Row]:
        """The objects of a list inside the row (a prospect's `events`)."""
        value = self.data.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            raise self.invalid(key, "expected a list")
        out = []
        for i, item in enumerate(value):
            where = f"{self.prefix}{key}[{i + 1}]."
            if not isinstance(item, dict):
                raise Row(self.section, self.item, {}, self.ids, where).invalid(
                    "", "expected an object"
                )
            out.append(Row(self.section, self.item, item, self.ids, where))
        return out
