from django.apps import AppConfig


class NetworkConfig(AppConfig):
    name = "tiewise.network"
    label = "network"
    default_auto_field = "django.db.models.BigAutoField"
