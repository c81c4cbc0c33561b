from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "tiewise.accounts"
    label = "accounts"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from tiewise import checks  # noqa: F401 - registers the system checks
