from django.apps import AppConfig


class UpkeepConfig(AppConfig):
    """Keeping ties alive: interactions, cadences, the due list, reminders
    and snapshots."""

    name = "tiewise.upkeep"
    label = "upkeep"
    default_auto_field = "django.db.models.BigAutoField"
