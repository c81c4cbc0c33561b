from django.urls import include, path

from tiewise import ops_views
from tiewise.accounts import views as account_views
from tiewise.api import api
from tiewise.insights import views as insights_views
from tiewise.jobs import views as job_views
from tiewise.network import map_views
from tiewise.network import views as network_views

urlpatterns = [
    path("healthz", ops_views.healthz, name="healthz"),
    path("readyz", ops_views.readyz, name="readyz"),
    path("", network_views.home, name="home"),
    path("guide/dismiss/", network_views.guide_dismiss, name="guide_dismiss"),
    path("nodes/", network_views.node_list, name="node_list"),
    path("nodes/new/", network_views.node_new, name="node_new"),
    path("people/search/", network_views.people_search, name="people_search"),
    path("nodes/quick-add/", network_views.quick_add, name="quick_add"),
    path("nodes/bulk/", network_views.bulk_edit, name="bulk_edit"),
    path("nodes/duplicates/", network_views.duplicates, name="node_duplicates"),
    path("nodes/knows/", network_views.knows_grid, name="knows_grid"),
    path("nodes/<int:node_id>/merge/", network_views.node_merge, name="node_merge"),
    path("nodes/<int:node_id>/", network_views.node_detail, name="node_detail"),
    path("nodes/<int:node_id>/edit/", network_views.node_edit, name="node_edit"),
    path("nodes/<int:node_id>/private/", network_views.node_private, name="node_private"),
    path("nodes/<int:node_id>/delete/", network_views.node_delete, name="node_delete"),
    path("nodes/<int:node_id>/knows/", network_views.alter_tie_add, name="alter_tie_add"),
    path(
        "nodes/<int:node_id>/knows/<int:tie_id>/remove/",
        network_views.alter_tie_remove,
        name="alter_tie_remove",
    ),
    path("insights/", insights_views.insights_page, name="insights"),
    path("map/", map_views.map_page, name="map"),
    path("map/table/", map_views.map_table, name="map_table"),
    path("map.svg", map_views.map_svg, name="map_svg"),
    path("profile/", account_views.profile, name="profile"),
    path("settings/tokens/", account_views.tokens, name="tokens"),
    path("settings/tokens/<int:token_id>/revoke/", account_views.token_revoke, name="token_revoke"),
    path("", include("tiewise.planning.urls")),
    path("accounts/", include("allauth.urls")),
    path("", include("tiewise.upkeep.urls")),
    path("", include("tiewise.transfer.urls")),
    path("", include("tiewise.coaching.urls")),
    path("", include("tiewise.directory.urls")),
    path("", include("tiewise.learning.urls")),
    path("jobs/<str:job_id>/", job_views.job_status, name="job_status"),
    path("jobs/<str:job_id>/download/", job_views.job_download, name="job_download"),
    path("api/v1/", api.urls),
]
