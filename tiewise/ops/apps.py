import gc

from django.apps import AppConfig
from django.conf import settings


class OpsConfig(AppConfig):
    """Running Tiewise: the `serve`, `migrate`, `check`, `demo`, `backup` and
    `restore` commands. No models."""

    name = "tiewise.ops"
    label = "ops"

    def ready(self) -> None:
        # Every process (web, worker, command) tunes its collector the same
        # way; see GC_THRESHOLD in the settings.
        if settings.GC_THRESHOLD:
            _, older, oldest = gc.get_threshold()
            gc.set_threshold(settings.GC_THRESHOLD, older, oldest)
            # What start-up loaded (Django, the apps, their libraries: about
            # 94,000 objects, counted) lives as long as the process: frozen,
            # a full pass no longer walks it (Python's own advice, gc.freeze).
            gc.collect()
            gc.freeze()
