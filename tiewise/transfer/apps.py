from django.apps import AppConfig


class TransferConfig(AppConfig):
    """Imports with a triage inbox, and exports."""

    name = "tiewise.transfer"
    label = "transfer"
    default_auto_field = "django.db.models.BigAutoField"
