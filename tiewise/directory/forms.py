"""Forms of the directory and conference pages (the services validate)."""

from __future__ import annotations

from typing import Any

from django import forms

from tiewise.core.vocab import AREAS, CAREER_STAGES, OFFERS, SECTORS, choices

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
CHECKS = forms.CheckboxSelectMultiple


class ListingForm(forms.Form):
    listed = forms.BooleanField(
        required=False, label="List me in the directory",
        help_text="Off by default. Turning it off removes you from the directory at once.",
    )  # fmt: skip
    bio = forms.CharField(required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 3}))
    institution = forms.CharField(required=False, max_length=200)
    specialty = forms.CharField(required=False, max_length=120)
    career_stage = forms.ChoiceField(required=False, choices=[("", "—"), *choices(CAREER_STAGES)])
    sector = forms.ChoiceField(required=False, choices=[("", "—"), *choices(SECTORS)])
    country = forms.CharField(required=False, max_length=120)
    areas = forms.MultipleChoiceField(required=False, choices=choices(AREAS), widget=CHECKS)
    topics = forms.CharField(
        required=False, max_length=800, label="Expertise topics",
        help_text="Separate topics with commas: point-of-care ultrasound, sepsis.",
    )  # fmt: skip
    offers = forms.MultipleChoiceField(
        required=False, choices=choices(OFFERS), widget=CHECKS, label="I offer"
    )
    seeks = forms.MultipleChoiceField(
        required=False, choices=choices(OFFERS), widget=CHECKS, label="I seek"
    )
    public_card = forms.BooleanField(
        required=False, label="Public card page",
        help_text="Your card's QR code also links to a page showing your card (name, role, "
        "institution, topics).",
    )  # fmt: skip

    def data_for_service(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


class SearchForm(forms.Form):
    q = forms.CharField(required=False, max_length=200, label="Search")
    offer = forms.ChoiceField(required=False, choices=[("", "Any offer"), *choices(OFFERS)])
    topic = forms.CharField(required=False, max_length=60)
    specialty = forms.CharField(required=False, max_length=120)
    institution = forms.CharField(required=False, max_length=200)
    career_stage = forms.ChoiceField(
        required=False, choices=[("", "Any stage"), *choices(CAREER_STAGES)], label="Career stage"
    )


class ConnectForm(forms.Form):
    message = forms.CharField(
        required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    via = forms.TypedChoiceField(required=False, coerce=int, empty_value=None,
                                 label="Ask for an introduction from")  # fmt: skip

    def __init__(self, *args: Any, strong: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        via: Any = self.fields["via"]
        via.choices = [("", "Nobody: I will write to them myself"), *strong]


class EventForm(forms.Form):
    name = forms.CharField(max_length=200)
    starts_on = forms.DateField(widget=DATE, label="Starts")
    ends_on = forms.DateField(widget=DATE, label="Ends", required=False)
    place = forms.CharField(required=False, max_length=200)
    hashtag = forms.CharField(required=False, max_length=100)
    backchannel = forms.URLField(
        required=False, max_length=500, label="Backchannel link", assume_scheme="https"
    )


class MetForm(forms.Form):
    line = forms.CharField(
        max_length=2000, label="Who did you meet?",
        help_text="One person: “Jane Doe, Mayo Clinic, ultrasound research”, or paste a card link.",
    )  # fmt: skip
