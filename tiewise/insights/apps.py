from django.apps import AppConfig


class InsightsConfig(AppConfig):
    name = "tiewise.insights"
    label = "insights"
