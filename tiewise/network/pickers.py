"""Person pickers that scale to thousands of people.

A picker is a plain text input: without JavaScript the user types names
(or ids) separated by commas, and the server resolves them against the
owner's own people. With JavaScript, `people.js` turns the input into an
accessible type-ahead combobox (Tom Select) that asks `/people/search/` as
the user types, so a page never ships a 1,000-item `<select>`.

The fields keep the interface of Django's choice fields: the view sets
`field.choices` to the owner's (id, name) pairs, which is what validation
checks against; only the selected people are written into the page.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString

SEPARATOR = ","


def _key(name: str) -> str:
    return " ".join(name.casefold().split())


class PersonPicker(forms.Widget):
    """A text input of names or ids, enhanced into a search combobox."""

    input_type = "text"

    def __init__(
        self,
        *,
        multiple: bool = False,
        search: Mapping[str, str] | None = None,
        attrs: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(attrs)
        self.multiple = multiple
        #: Extra query parameters of the search, such as {"strength": "absent"}.
        self.search = dict(search or {})
        self.choices: list[tuple[Any, str]] = []

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        raw = data.getlist(name) if hasattr(data, "getlist") else [data.get(name)]
        tokens = [
            part.strip()
            for value in raw
            if value not in (None, "")
            for part in str(value).split(SEPARATOR)
            if part.strip()
        ]
        if self.multiple:
            return tokens
        return tokens[0] if tokens else ""

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return False

    def _selected(self, value: Any) -> list[tuple[str, str]]:
        """(value, text) of the selected people; a typed name that matched
        no one is kept as typed, so nothing the user wrote is lost."""
        if value in (None, ""):
            return []
        values = value if isinstance(value, list | tuple) else [value]
        names = {str(pk): name for pk, name in self.choices if pk not in ("", None)}
        return [(str(v), names.get(str(v), str(v))) for v in values if str(v) != ""]

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        final = self.build_attrs(self.attrs, attrs)
        selected = self._selected(value)
        query = "&".join(f"{k}={v}" for k, v in self.search.items())
        url = reverse("people_search") + (f"?{query}" if query else "")
        hint_id = f"{final.get('id', name)}-how"
        example = "Maria Chen, Tom Becker" if self.multiple else "Maria Chen"
        return format_html(
            '<input type="text" name="{}" value="{}"{} data-person-picker="{}" '
            'data-search-url="{}" data-initial="{}" aria-describedby="{}" autocomplete="off">'
            '<span class="hint picker-how" id="{}">{}</span>',
            name,
            SEPARATOR.join(text for _, text in selected),
            forms.utils.flatatt(final),
            "many" if self.multiple else "one",
            url,
            json.dumps([{"id": v, "name": text} for v, text in selected]),
            hint_id,
            hint_id,
            (
                f"Type a name to search; pick several. Without the list, separate names "
                f"with commas: {example}."
                if self.multiple
                else "Type a name to search your people."
            ),
        )


class _PickerMixin:
    """Resolves what was typed (ids or names) against `choices`."""

    choices: Any

    def _lookup(self) -> tuple[set[str], dict[str, list[str]]]:
        ids: set[str] = set()
        by_name: dict[str, list[str]] = {}
        for pk, name in self.choices:
            if pk in ("", None):
                continue
            ids.add(str(pk))
            by_name.setdefault(_key(str(name)), []).append(str(pk))
        return ids, by_name

    def resolve(self, tokens: Iterable[str]) -> list[str]:
        ids, by_name = self._lookup()
        found: list[str] = []
        for token in tokens:
            if token in ids:
                pk = token
            elif token.isdigit():
                raise ValidationError(
                    "That person cannot be picked here. Pick another from the list.",
                    code="invalid_choice",
                )
            else:
                matches = by_name.get(_key(token), [])
                if not matches:
                    raise ValidationError(
                        "No one called “%(name)s” here. Pick a name from the list.",
                        code="invalid_choice",
                        params={"name": token},
                    )
                if len(matches) > 1:
                    raise ValidationError(
                        "Several people are called “%(name)s”. Pick one from the list.",
                        code="ambiguous",
                        params={"name": token},
                    )
                pk = matches[0]
            if pk not in found:
                found.append(pk)
        return found


class PersonField(_PickerMixin, forms.TypedChoiceField):
    """One person of the owner's, by id or by name."""

    def __init__(self, *, search: Mapping[str, str] | None = None, **kwargs: Any) -> None:
        kwargs.setdefault("coerce", int)
        kwargs.setdefault("empty_value", None)
        kwargs.setdefault("widget", PersonPicker(search=search))
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> str:
        text = super().to_python(value)
        return self.resolve([text])[0] if text else ""


class PeopleField(_PickerMixin, forms.TypedMultipleChoiceField):
    """Several of the owner's people, by id or by name."""

    def __init__(self, *, search: Mapping[str, str] | None = None, **kwargs: Any) -> None:
        kwargs.setdefault("coerce", int)
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", PersonPicker(multiple=True, search=search))
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> list[str]:
        return self.resolve(super().to_python(value))
