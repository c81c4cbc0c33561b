from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    """Meeting new people: an opt-in directory, suggestions of who to meet,
    introductions with both sides' consent, and conference mode."""

    name = "tiewise.directory"
    label = "directory"
    default_auto_field = "django.db.models.BigAutoField"
