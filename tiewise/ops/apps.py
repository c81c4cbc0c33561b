from django.apps import AppConfig


class OpsConfig(AppConfig):
    """Running Tiewise: the `serve`, `migrate`, `check`, `demo`, `backup` and
    `restore` commands. No models."""

    name = "tiewise.ops"
    label = "ops"
