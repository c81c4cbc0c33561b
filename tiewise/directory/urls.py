from django.urls import path

from . import views

urlpatterns = [
    path("directory/", views.directory, name="directory"),
    path("directory/me/", views.me, name="directory_me"),
    path("directory/people/<int:user_id>/", views.person, name="directory_person"),
    path("directory/people/<int:user_id>/connect/", views.connect, name="directory_connect"),
    path("directory/suggestions/", views.suggestions, name="directory_suggestions"),
    path("directory/suggestions/add/", views.suggestion_add, name="directory_suggestion_add"),
    path("directory/connections/", views.connections, name="directory_connections"),
    path(
        "directory/connections/<int:connection_id>/<str:decision>/",
        views.connection_answer,
        name="directory_connection_answer",
    ),
    path("directory/coachees/<int:rel_id>/", views.coach_fits, name="directory_coach_fits"),
    path("directory/card/", views.my_card, name="directory_card"),
    path("card/<str:key>/", views.card_public, name="card_public"),
    path("card/<str:key>/add/", views.card_add, name="card_add"),
    path("events/", views.events, name="events"),
    path("events/<int:event_id>/", views.event_detail, name="event_detail"),
    path("events/<int:event_id>/met/", views.event_met, name="event_met"),
]
