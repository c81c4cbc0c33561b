"""Forms of the coaching pages."""

from __future__ import annotations

from typing import Any

from django import forms

from tiewise.core.nodefields import FILTERS
from tiewise.core.vocab import choices
from tiewise.network.pickers import PersonField

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ShareForm(forms.Form):
    share_private_nodes = forms.BooleanField(
        required=False, label="People I marked private", help_text="Off: they stay hidden."
    )
    share_notes = forms.BooleanField(required=False, label="My notes on interactions")
    share_plan = forms.BooleanField(
        required=False, initial=True, label="My goals, five to add and action plan"
    )

    def share(self) -> dict[str, bool]:
        d = self.cleaned_data
        return {
            "private_nodes": bool(d.get("share_private_nodes")),
            "notes": bool(d.get("share_notes")),
            "plan": bool(d.get("share_plan")),
        }


class InviteForm(ShareForm):
    email = forms.EmailField(label="Your coach's email address")
    message = forms.CharField(
        required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    field_order = ["email", "message", "share_private_nodes", "share_notes", "share_plan"]


class RequestForm(forms.Form):
    email = forms.EmailField(label="Their email address")
    message = forms.CharField(
        required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class CommentForm(forms.Form):
    item_kind = forms.ChoiceField(
        choices=[("goal", "Goal"), ("prospect", "Prospect"), ("action", "Action")],
        widget=forms.HiddenInput,
    )
    item_id = forms.IntegerField(widget=forms.HiddenInput)
    body = forms.CharField(
        label="Comment", max_length=5000, widget=forms.Textarea(attrs={"rows": 2})
    )


class SessionNoteForm(forms.Form):
    date = forms.DateField(widget=DATE)
    body = forms.CharField(label="Note", max_length=10000, widget=forms.Textarea(attrs={"rows": 4}))
    shared = forms.BooleanField(required=False, label="Share this note with the coachee")


class AgendaForm(forms.Form):
    text = forms.CharField(
        label="Agenda", required=False, max_length=20000, widget=forms.Textarea(attrs={"rows": 16})
    )


class IntroduceForm(forms.Form):
    node = PersonField(label="Someone from your own network")
    why = forms.CharField(
        required=False, max_length=2000, label="Why them", widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, nodes: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["node"].choices = nodes  # type: ignore[attr-defined]


class IntroductionMadeForm(forms.Form):
    source = PersonField(label="You introduced")
    target = PersonField(label="to")
    date = forms.DateField(widget=DATE)
    note = forms.CharField(required=False, max_length=2000)

    def __init__(self, *args: Any, nodes: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["source"].choices = nodes  # type: ignore[attr-defined]
        self.fields["target"].choices = nodes  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("source") and data.get("source") == data.get("target"):
            raise forms.ValidationError("Choose two different people.")
        return data


class CohortForm(forms.Form):
    name = forms.CharField(max_length=120)
    members = forms.TypedMultipleChoiceField(
        coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, coachees: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["members"].choices = coachees  # type: ignore[attr-defined]


class CoachFilterForm(forms.Form):
    """A coach's people filters: the search box and a select per filter on a
    field the coach sees (kind, tie, modes, areas, roles, sector, reach);
    never tags, which are the coachee's own."""

    q = forms.CharField(required=False, label="Search", max_length=200)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for param, f in FILTERS.items():
            if f.coach and f.vocab:
                any_label = f"Any {f.label.lower().rstrip('s')}"
                self.fields[param] = forms.ChoiceField(
                    choices=[("", any_label), *choices(dict(f.vocab))],
                    required=False,
                    label=f.label,
                )


class InvitedSignUpForm(forms.Form):
    """Sign-up from an invitation: the address is the invited one, shown and
    locked; only the password is typed."""

    email = forms.EmailField(label="Email", disabled=True, required=False)
    password1 = forms.CharField(label="Password", widget=forms.PasswordInput(
        attrs={"autocomplete": "new-password"}), strip=False)  # fmt: skip
    password2 = forms.CharField(label="Password (again)", widget=forms.PasswordInput(
        attrs={"autocomplete": "new-password"}), strip=False)  # fmt: skip

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("password1") and data.get("password1") != data.get("password2"):
            self.add_error("password2", "The two passwords differ.")
        return data
