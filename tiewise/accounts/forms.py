from django import forms

from .models import Profile


class ProfileForm(forms.ModelForm):  # type: ignore[type-arg]  # not subscriptable at runtime
    linkedin = forms.URLField(
        label="LinkedIn", max_length=300, required=False, assume_scheme="https"
    )

    class Meta:
        model = Profile
        fields = [
            "display_name", "profession", "specialty", "career_stage", "institution",
            "city", "country", "orcid", "name_variants", "x_handle", "bluesky", "mastodon",
            "linkedin",
        ]  # fmt: skip
        widgets = {
            "orcid": forms.TextInput(attrs={"placeholder": "0000-0002-1825-0097"}),
            "name_variants": forms.Textarea(attrs={"rows": 2}),
        }


class TokenForm(forms.Form):
    name = forms.CharField(max_length=100, initial="script")
    scope = forms.ChoiceField(choices=[("read", "Read only"), ("write", "Read and write")])
