from django.apps import AppConfig


class PlanningConfig(AppConfig):
    name = "tiewise.planning"
    label = "planning"
    default_auto_field = "django.db.models.BigAutoField"
