from django.apps import AppConfig


class CoachingConfig(AppConfig):
    """A coach works with coachees on their PLN: invitations with consent,
    read-only views of what was shared, comments, session notes, agendas,
    introductions and cohorts."""

    name = "tiewise.coaching"
    label = "coaching"
    default_auto_field = "django.db.models.BigAutoField"
