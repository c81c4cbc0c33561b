from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from tiewise.core.vocab import CHANNELS, DIRECTIONS, INTERACTION_KINDS, choices
from tiewise.network.pickers import PeopleField

QUALITY_CHOICES = [
    (1, "1 · poor"), (2, "2"), (3, "3 · fine"), (4, "4"), (5, "5 · excellent"),
]  # fmt: skip


class InteractionForm(forms.Form):
    """Every field of an interaction. `node_choices` are the owner's nodes;
    pass `single_node` to log with one node only (the node page)."""

    nodes = PeopleField(required=True, label="Who")
    date = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), label="When")
    channel = forms.ChoiceField(choices=choices(CHANNELS), initial="in_person")
    kind = forms.ChoiceField(choices=choices(INTERACTION_KINDS), initial="meeting", label="What")
    direction = forms.ChoiceField(
        choices=choices(DIRECTIONS), initial="mutual", widget=forms.RadioSelect
    )
    quality = forms.TypedChoiceField(
        coerce=int, choices=QUALITY_CHOICES, initial=3, label="How useful was it"
    )
    note = forms.CharField(
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2, "data-phi-check": ""}),
        help_text="No patient information, please.",
    )

    def __init__(
        self,
        *args: Any,
        node_choices: list[tuple[int, str]] | None = None,
        single_node: int | None = None,
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("date", timezone.localdate())
        super().__init__(*args, **kwargs)
        if single_node is not None:
            self.fields["nodes"].widget = forms.MultipleHiddenInput()
            self.fields["nodes"].choices = [(single_node, single_node)]  # type: ignore[attr-defined]
            self.initial["nodes"] = [single_node]
        else:
            self.fields["nodes"].choices = node_choices or []  # type: ignore[attr-defined]


class LogLineForm(forms.Form):
    line = forms.CharField(
        max_length=500,
        label="Log in one line",
        widget=forms.TextInput(
            attrs={
                "placeholder": "coffee with Jane today, gave advice",
                "autocomplete": "off",
            }
        ),
    )


class ReminderForm(forms.Form):
    snoozed_until = forms.DateField(
        required=False, widget=forms.DateInput(attrs={"type": "date"}), label="Snooze until"
    )


class CadenceForm(forms.Form):
    strong_key_days = forms.IntegerField(
        required=False, min_value=1, max_value=3650,
        label="Strong mentors, sponsors and coaches (days)",
        help_text="Leave empty for no reminders.",
    )  # fmt: skip
    strong_days = forms.IntegerField(
        required=False, min_value=1, max_value=3650, label="Other strong ties (days)"
    )
    weak_days = forms.IntegerField(
        required=False, min_value=1, max_value=3650, label="Weak ties (days)"
    )
    feed_days = forms.IntegerField(
        required=False, min_value=1, max_value=365, initial=14,
        label="Calendar feed: show what is due within (days)",
        help_text="Plus one event saying how many people are overdue.",
    )  # fmt: skip
    digest_opt_in = forms.BooleanField(
        required=False,
        label="Email me a weekly digest of who is due",
        help_text="Sent only in weeks when someone or something is due.",
    )


class SnapshotForm(forms.Form):
    label = forms.CharField(
        max_length=120,
        required=False,
        label="Label",
        widget=forms.TextInput(attrs={"placeholder": "Before my coaching session"}),
    )
