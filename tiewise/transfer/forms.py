from __future__ import annotations

from django import forms

from tiewise.core.exporters import FORMATS as EXPORT_FORMATS
from tiewise.core.importers import LABELS
from tiewise.core.vocab import AREAS, ROLES, SECTORS, choices
from tiewise.network.pickers import PersonField

BLANK = [("", "—")]
EXPORT_LABELS = {
    "json": "Tiewise JSON (everything; re-imports losslessly)",
    "csv": "CSV tables (zip)",
    "graphml": "GraphML (Gephi, Cytoscape, networkx)",
    "gexf": "GEXF (Gephi)",
    "vcard": "vCard contacts (.vcf)",
}
assert set(EXPORT_LABELS) == set(EXPORT_FORMATS)


class UploadForm(forms.Form):
    file = forms.FileField(label="File", help_text="Up to 20 MB.")
    format = forms.ChoiceField(
        choices=[("", "Detect from the file")] + list(LABELS.items()),
        required=False,
        label="Format",
    )


class DecideForm(forms.Form):
    """The bulk bar of the triage inbox. The pressed button is `decision`."""

    ids = forms.TypedMultipleChoiceField(coerce=int, choices=[], required=False)
    decision = forms.ChoiceField(
        choices=[
            ("", "—"),
            ("strong", "strong"),
            ("weak", "weak"),
            ("prospect", "prospect"),
            ("reject", "reject"),
            ("pending", "pending"),
            ("merge", "merge"),
        ],
        required=False,
    )
    #: The one-step buttons: decide and add at once.
    add = forms.ChoiceField(
        choices=[("", "—"), ("strong", "strong"), ("weak", "weak"), ("prospect", "prospect"),
                 ("reject", "reject"), ("suggested", "suggested")],
        required=False,
    )  # fmt: skip
    area = forms.ChoiceField(choices=BLANK + choices(AREAS), required=False, label="Area")
    sector = forms.ChoiceField(
        choices=[("", "Keep the suggestion"), *choices(SECTORS), ("clear", "No sector")],
        required=False,
        label="Sector",
    )
    role = forms.ChoiceField(choices=BLANK + choices(ROLES), required=False, label="Role")
    #: A type-ahead search of the owner's people, never a select of thousands.
    merge_into = PersonField(required=False, label="Merge into")
    all_pending = forms.BooleanField(required=False)

    def __init__(
        self, *args: object, record_ids: list[int], nodes: list[tuple[int, str]], **kwargs: object
    ) -> None:
        kwargs.setdefault("auto_id", "bulk_%s")
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["ids"].choices = [(i, i) for i in record_ids]  # type: ignore[attr-defined]
        self.fields["merge_into"].choices = BLANK + nodes  # type: ignore[attr-defined]
