from __future__ import annotations

from typing import Any

from django import forms

from tiewise.core.nodefields import BULK, BY_NAME, FIELDS, FILTERS, PHI, SECTIONS, NodeField
from tiewise.core.phi import phi_message, phi_warnings
from tiewise.core.vocab import ALTER_TIE_STRENGTHS, choices

from .pickers import PeopleField, PersonField

BLANK = [("", "—")]
BULK_FIELDS = tuple(BY_NAME[name] for name in BULK)


class ListTextField(forms.CharField):
    """Comma- or newline-separated text in, a clean list out."""

    def __init__(self, *args: Any, separator: str = ",", **kwargs: Any) -> None:
        self.separator = separator
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list | tuple):
            return (self.separator + " " if self.separator == "," else "\n").join(value)
        return value

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        text = super().to_python(value) or ""
        parts = text.replace("\r", "").split(self.separator if self.separator == "," else "\n")
        return [p.strip() for p in parts if p.strip()]


def form_field(f: NodeField) -> forms.Field:
    """The form field for one registry field: the same label, length, choices
    and help text wherever a node is edited."""
    common: dict[str, Any] = {"label": f.label, "help_text": f.help, "required": False}
    if f.type == "text":
        return forms.CharField(max_length=f.max_length, **{**common, "required": not f.blank})
    if f.type == "longtext":
        rows = 4 if f.name == "notes" else 2
        return forms.CharField(
            max_length=f.max_length, widget=forms.Textarea(attrs={"rows": rows}), **common
        )
    if f.type == "email":
        return forms.EmailField(max_length=f.max_length, **common)
    if f.type == "choice":
        options = choices(dict(f.vocab))
        if f.blank:
            return forms.ChoiceField(choices=BLANK + options, **common)
        widget = forms.RadioSelect if len(options) <= 3 else forms.Select
        return forms.ChoiceField(choices=options, initial=f.initial, widget=widget, **common)
    if f.type == "multichoice":
        return forms.MultipleChoiceField(
            choices=choices(dict(f.vocab)), widget=forms.CheckboxSelectMultiple, **common
        )
    if f.type == "tags":
        return ListTextField(**common)
    if f.type in ("urls", "emails", "lines"):
        return ListTextField(separator="\n", widget=forms.Textarea(attrs={"rows": 2}), **common)
    if f.type == "bool":
        return forms.BooleanField(**common)
    if f.type == "date":
        return forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), **common)
    return forms.IntegerField(min_value=f.minimum, max_value=f.maximum, **common)


class NodeForm(forms.Form):
    """Every field of a node and the owner's tie to it, from the registry.
    The service checks values again (the API sends the same data there)."""

    version = forms.CharField(required=False, widget=forms.HiddenInput)
    confirm_phi = forms.BooleanField(
        required=False, label="I checked: there is no patient information here. Save anyway."
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.phi_found: list[str] = []
        for f in FIELDS:
            self.fields[f.name] = form_field(f)

    @property
    def sections(self) -> list[tuple[str, list[Any]]]:
        """(legend, bound fields) per section, in registry order."""
        return [
            (legend, [self[f.name] for f in FIELDS if f.section == key])
            for key, legend in SECTIONS.items()
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        text = "\n".join(str(data.get(name) or "") for name in PHI)
        found = phi_warnings(text)
        if found and not data.get("confirm_phi"):
            # A warning, not a block: ticking the box saves as typed.
            self.phi_found = found
            raise forms.ValidationError(phi_message(found), code="phi")
        return data


class QuickAddForm(forms.Form):
    line = forms.CharField(
        max_length=500,
        label="Quick add",
        widget=forms.TextInput(
            attrs={"placeholder": "Jane Doe, strong, mentor", "autocomplete": "off"}
        ),
    )


def bulk_param(f: NodeField) -> str:
    """The bulk-edit form's name for a field: a choice is set ("strength"),
    a list gains one value ("area" adds an area)."""
    return f.filter if f.is_list and f.filter else f.name


class BulkEditForm(forms.Form):
    """Change every selected node at once: set a choice, or add one value to
    a list field. Built from the registry's bulk-editable fields."""

    ids = forms.TypedMultipleChoiceField(coerce=int, choices=[])

    def __init__(self, *args: Any, node_ids: list[int], **kwargs: Any) -> None:
        # Own ids: the filter form on the same page has fields of the same names.
        kwargs.setdefault("auto_id", "bulk_%s")
        super().__init__(*args, **kwargs)
        self.fields["ids"].choices = [(i, i) for i in node_ids]  # type: ignore[attr-defined]
        for f in BULK_FIELDS:
            label = f"Add {f.label.lower().rstrip('s')}" if f.is_list else f.label
            if f.vocab:
                field: forms.Field = forms.ChoiceField(
                    choices=BLANK + choices(dict(f.vocab)), required=False, label=label
                )
            else:
                field = forms.CharField(max_length=f.max_length, required=False, label=label)
            self.fields[bulk_param(f)] = field
        self.fields["track"] = forms.ChoiceField(
            choices=[
                ("", "—"),
                ("start", "Start keeping in touch"),
                ("stop", "Stop keeping track"),
            ],
            required=False,
            label="Keep in touch",
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not any(data.get(bulk_param(f)) for f in BULK_FIELDS) and not data.get("track"):
            raise forms.ValidationError("Choose at least one change to apply.")
        return data

    def track(self) -> bool | None:
        """Whether to start (True) or stop (False) keeping in touch, or neither."""
        return {"start": True, "stop": False}.get(self.cleaned_data.get("track") or "")

    def changes(self) -> tuple[dict[str, Any], dict[str, list[str]]]:
        """(fields to set, values to add to list fields) for nodes_bulk_update."""
        d = self.cleaned_data
        set_fields = {f.name: d[f.name] for f in BULK_FIELDS if not f.is_list and d.get(f.name)}
        add = {
            f.name: [d[bulk_param(f)]] for f in BULK_FIELDS if f.is_list and d.get(bulk_param(f))
        }
        return set_fields, add


class FilterForm(forms.Form):
    """The people filters: a search box and one select per filterable field."""

    q = forms.CharField(required=False, label="Search")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for param, f in FILTERS.items():
            if f.vocab:
                any_label = f"Any {f.label.lower().rstrip('s')}"
                self.fields[param] = forms.ChoiceField(
                    choices=[("", any_label), *choices(dict(f.vocab))],
                    required=False,
                    label=f.label,
                )
            else:
                self.fields[param] = forms.CharField(required=False, label=f.label)


class AlterTieForm(forms.Form):
    other = PersonField(label="Knows")
    strength = forms.ChoiceField(
        choices=[("", "Unknown"), *choices(ALTER_TIE_STRENGTHS)], required=False
    )

    def __init__(
        self, *args: Any, others: list[tuple[int, str]], node_id: int | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["other"].choices = others  # type: ignore[attr-defined]
        if node_id is not None:
            self.fields["other"].widget.search = {"exclude": str(node_id)}


class GridPeopleForm(forms.Form):
    """Who is on the who-knows-whom grid, when not the closest 15."""

    people = PeopleField(label="People on the grid")

    def __init__(self, *args: Any, people: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["people"].choices = people  # type: ignore[attr-defined]
