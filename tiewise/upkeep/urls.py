from django.urls import path

from . import views

urlpatterns = [
    path("log/", views.log, name="upkeep_log"),
    path("log/line/", views.log_line, name="upkeep_log_line"),
    path("nodes/<int:node_id>/log/", views.node_log, name="upkeep_node_log"),
    path("nodes/<int:node_id>/quick-log/", views.quick_log, name="upkeep_quick_log"),
    path("nodes/<int:node_id>/reminder/", views.reminder, name="upkeep_reminder"),
    path(
        "interactions/<int:interaction_id>/edit/",
        views.interaction_edit,
        name="upkeep_interaction_edit",
    ),
    path(
        "interactions/<int:interaction_id>/delete/",
        views.interaction_delete,
        name="upkeep_interaction_delete",
    ),
    path("due/", views.due, name="upkeep_due"),
    path("upkeep/", views.overview, name="upkeep_overview"),
    path("upkeep/cadence/", views.cadence_settings, name="upkeep_cadence"),
    path("upkeep/feed/revoke/", views.feed_revoke, name="upkeep_feed_revoke"),
    path("calendar/<str:token>.ics", views.feed, name="upkeep_feed"),
    path("snapshots/", views.snapshots, name="upkeep_snapshots"),
    path("snapshots/<int:snapshot_id>/", views.snapshot_diff, name="upkeep_snapshot"),
    path(
        "snapshots/<int:snapshot_id>/delete/", views.snapshot_delete, name="upkeep_snapshot_delete"
    ),
]
