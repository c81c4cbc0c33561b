"""Forms of the plan pages. Guidance next to each goal field is written to
help a busy clinician turn a wish into something they can act on."""

from __future__ import annotations

from typing import Any

from django import forms

from tiewise.core.strategies import STRATEGIES
from tiewise.core.vocab import (
    ACTION_STATUSES,
    AREAS,
    GOAL_STATUSES,
    PITFALLS,
    PLATFORMS,
    PROSPECT_STATUSES,
    REACHES,
    ROLES,
    SECTORS,
    choices,
)
from tiewise.network.pickers import PeopleField, PersonField

BLANK = [("", "—")]
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _text(rows: int = 2, **kwargs: Any) -> forms.CharField:
    return forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": rows}), **kwargs)


class NodeChoiceMixin:
    """Fills the node pickers with the owner's own nodes only."""

    fields: dict[str, Any]

    def set_node_choices(self, name: str, options: list[tuple[Any, str]]) -> None:
        self.fields[name].choices = options


class GoalForm(forms.Form, NodeChoiceMixin):
    title = forms.CharField(
        max_length=200,
        help_text="A short name you will recognise at a glance, e.g. “Start a research "
        "collaboration outside my department”.",
    )
    specific = _text(
        help_text="Specific: what exactly will be different? Name the skill, the project "
        "or the kind of person you want in your network."
    )
    measurable = _text(
        help_text="Measurable: what will you count or see when it is done? “Two co-authored "
        "abstracts” beats “more research”."
    )
    assignable = _text(
        label="Assignable",
        help_text="Who is responsible, and who helps? Naming a helper makes it real.",
    )
    relevant = _text(
        help_text="Relevant: why this goal, now? How does it serve your career or your patients?"
    )
    target_date = forms.DateField(
        required=False,
        widget=DATE,
        label="Target date",
        help_text="Time-based: a date a few weeks or months away keeps the goal moving.",
    )
    wish = _text(help_text="WOOP, optional. Wish: the thing you want, in one line.")
    outcome = _text(help_text="Outcome: picture the best result. How would it feel?")
    obstacle = _text(
        help_text="Obstacle: what in you or around you is most likely to get in the way?"
    )
    plan = _text(
        label="Plan (if … then …)",
        help_text="If the obstacle shows up, then I will … (one concrete step).",
    )
    status = forms.ChoiceField(choices=choices(GOAL_STATUSES), initial="active")
    nodes = PeopleField(label="People who support this goal")


class ProspectForm(forms.Form, NodeChoiceMixin):
    node = PersonField(
        search={"strength": "absent"},
        required=False,
        label="Someone already on your map as a prospect",
        help_text="Or leave this empty and type a name below.",
    )
    name = forms.CharField(max_length=200, required=False, label="Name")
    goal = forms.TypedChoiceField(
        coerce=int, empty_value=None, required=False, label="Which goal do they serve?"
    )
    why = _text(label="Why them?", help_text="What do you hope to learn from or do with them?")
    organisation = forms.CharField(
        max_length=200,
        required=False,
        help_text="Helps find colleagues of theirs you already know.",
    )
    areas = forms.MultipleChoiceField(
        choices=choices(AREAS), required=False, widget=forms.CheckboxSelectMultiple,
        label="Areas they would strengthen",
    )  # fmt: skip
    roles = forms.MultipleChoiceField(
        choices=choices(ROLES), required=False, widget=forms.CheckboxSelectMultiple,
        label="Roles they could play",
    )  # fmt: skip
    sector = forms.ChoiceField(choices=BLANK + choices(SECTORS), required=False)
    reach = forms.ChoiceField(choices=BLANK + choices(REACHES), required=False)
    how_to_reach = _text(
        label="How to reach them",
        help_text="An introduction, a conference, an email, a reply to their post…",
    )


class ProspectStatusForm(forms.Form):
    status = forms.ChoiceField(choices=choices(PROSPECT_STATUSES))
    note = forms.CharField(max_length=2000, required=False, label="Note (optional)")


class ActionForm(forms.Form, NodeChoiceMixin):
    strategy = forms.ChoiceField(
        choices=[("", "No strategy (my own action)")] + [(s.key, s.title) for s in STRATEGIES],
        required=False,
        help_text="Picking a strategy fills in a first step and a due date; edit them freely.",
    )
    title = forms.CharField(max_length=200, label="Action")
    goal = forms.TypedChoiceField(coerce=int, empty_value=None, required=False)
    nodes = PeopleField(label="People involved")
    due_date = forms.DateField(required=False, widget=DATE, label="Due date")
    status = forms.ChoiceField(choices=choices(ACTION_STATUSES), initial="planned")
    notes = _text(rows=3)


class ReflectionForm(forms.Form):
    platforms = forms.MultipleChoiceField(
        choices=choices(PLATFORMS),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Where you are present professionally",
    )
    profile_and_bio_check = _text(
        rows=3,
        label="Profile and bio",
        help_text="Read your profiles as a stranger would. What do they say about you?",
    )
    profile_current = forms.BooleanField(
        required=False, label="Profile photo, bio, affiliation and disclaimer are current"
    )
    people_and_hashtags_followed = _text(
        rows=3,
        label="People and hashtags you follow",
        help_text="Whose posts teach you something? Which topics or conference tags?",
    )
    posting_rhythm = _text(
        label="Posting rhythm",
        help_text="How often will you post, share or reply? Small and steady beats bursts.",
    )
    pitfalls = forms.MultipleChoiceField(
        choices=choices(PITFALLS),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Staying safe online",
    )
    notes = _text(rows=3)
