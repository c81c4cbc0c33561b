from __future__ import annotations

from typing import Any

from django import forms

from tiewise.core.phi import phi_message, phi_warnings
from tiewise.core.vocab import AREAS, KINDS, MODES, REACHES, ROLES, SECTORS, STRENGTHS, choices

BLANK = [("", "—")]


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


class NodeForm(forms.Form):
    """Every field of a node and the owner's tie to it."""

    name = forms.CharField(max_length=200)
    kind = forms.ChoiceField(choices=choices(KINDS), initial="person")
    strength = forms.ChoiceField(
        choices=choices(STRENGTHS), initial="weak", widget=forms.RadioSelect
    )
    modes = forms.MultipleChoiceField(
        choices=choices(MODES), required=False, widget=forms.CheckboxSelectMultiple
    )
    areas = forms.MultipleChoiceField(
        choices=choices(AREAS), required=False, widget=forms.CheckboxSelectMultiple
    )
    roles = forms.MultipleChoiceField(
        choices=choices(ROLES), required=False, widget=forms.CheckboxSelectMultiple
    )
    organisation = forms.CharField(max_length=200, required=False)
    title = forms.CharField(max_length=200, required=False, label="Title or position")
    profession = forms.CharField(max_length=120, required=False)
    sector = forms.ChoiceField(choices=BLANK + choices(SECTORS), required=False)
    reach = forms.ChoiceField(choices=BLANK + choices(REACHES), required=False)
    city = forms.CharField(max_length=120, required=False)
    country = forms.CharField(max_length=120, required=False)
    email = forms.EmailField(required=False)
    phone = forms.CharField(max_length=40, required=False)
    links = ListTextField(
        separator="\n", widget=forms.Textarea(attrs={"rows": 2}), help_text="One URL per line."
    )
    tags = ListTextField(help_text="Separate tags with commas.")
    since = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    cadence_days = forms.IntegerField(
        required=False, min_value=1, max_value=3650, label="Keep in touch every (days)"
    )
    how_we_met = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))
    notes = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 4}))
    private = forms.BooleanField(
        required=False, help_text="Never shown to a coach, whatever you share."
    )

    version = forms.CharField(required=False, widget=forms.HiddenInput)
    phi_found: list[str] = []
    confirm_phi = forms.BooleanField(
        required=False, label="I checked: there is no patient information here. Save anyway."
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        text = "\n".join(str(data.get(f) or "") for f in ("notes", "how_we_met"))
        found = phi_warnings(text)
        if found and not data.get("confirm_phi"):
            # A warning, not a block: ticking the box saves as typed.
            self.phi_found = found
            raise forms.ValidationError(phi_message(found), code="phi")
        return data

    def clean_links(self) -> list[str]:
        links = self.cleaned_data["links"]
        validator = forms.URLField(assume_scheme="https")
        for link in links:
            validator.clean(link)
        return links


class QuickAddForm(forms.Form):
    line = forms.CharField(
        max_length=500,
        label="Quick add",
        widget=forms.TextInput(
            attrs={"placeholder": "Jane Doe, strong, mentor", "autocomplete": "off"}
        ),
    )


class BulkEditForm(forms.Form):
    ids = forms.TypedMultipleChoiceField(coerce=int, choices=[])
    strength = forms.ChoiceField(choices=BLANK + choices(STRENGTHS), required=False)
    area = forms.ChoiceField(choices=BLANK + choices(AREAS), required=False, label="Add area")
    role = forms.ChoiceField(choices=BLANK + choices(ROLES), required=False, label="Add role")
    mode = forms.ChoiceField(choices=BLANK + choices(MODES), required=False, label="Add mode")
    sector = forms.ChoiceField(choices=BLANK + choices(SECTORS), required=False)
    reach = forms.ChoiceField(choices=BLANK + choices(REACHES), required=False)
    tag = forms.CharField(max_length=60, required=False, label="Add tag")

    def __init__(self, *args: Any, node_ids: list[int], **kwargs: Any) -> None:
        # Own ids: the filter form on the same page has fields of the same names.
        kwargs.setdefault("auto_id", "bulk_%s")
        super().__init__(*args, **kwargs)
        self.fields["ids"].choices = [(i, i) for i in node_ids]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not any(
            data.get(k) for k in ("strength", "area", "role", "mode", "sector", "reach", "tag")
        ):
            raise forms.ValidationError("Choose at least one change to apply.")
        return data


class FilterForm(forms.Form):
    q = forms.CharField(required=False, label="Search")
    strength = forms.ChoiceField(
        choices=[("", "Any strength"), *choices(STRENGTHS)], required=False
    )
    area = forms.ChoiceField(choices=[("", "Any area"), *choices(AREAS)], required=False)
    role = forms.ChoiceField(choices=[("", "Any role"), *choices(ROLES)], required=False)
    mode = forms.ChoiceField(choices=[("", "Any mode"), *choices(MODES)], required=False)
    sector = forms.ChoiceField(choices=[("", "Any sector"), *choices(SECTORS)], required=False)
    reach = forms.ChoiceField(choices=[("", "Any reach"), *choices(REACHES)], required=False)
    tag = forms.CharField(required=False)


class AlterTieForm(forms.Form):
    other = forms.TypedChoiceField(coerce=int, label="Knows", choices=[])
    strength = forms.ChoiceField(
        choices=[("", "Unknown"), ("strong", "Strong"), ("weak", "Weak")], required=False
    )

    def __init__(self, *args: Any, others: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["other"].choices = others  # type: ignore[attr-defined]
