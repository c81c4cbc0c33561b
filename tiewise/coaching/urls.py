from django.urls import path

from . import views

urlpatterns = [
    path("coaching/", views.home, name="coaching_home"),
    path("coaching/invite/", views.invite, name="coaching_invite"),
    path("coaching/request/", views.request_to_coach, name="coaching_request"),
    path("coaching/accept/<str:token>/", views.accept, name="coaching_accept"),
    path(
        "coaching/accept/<str:token>/sign-up/", views.accept_sign_up, name="coaching_accept_signup"
    ),
    path(
        "coaching/relationships/<int:rel_id>/accept/",
        views.request_accept,
        name="coaching_request_accept",
    ),
    path(
        "coaching/relationships/<int:rel_id>/decline/",
        views.request_decline,
        name="coaching_request_decline",
    ),
    path("coaching/relationships/<int:rel_id>/end/", views.revoke, name="coaching_revoke"),
    path("coaching/relationships/<int:rel_id>/share/", views.share, name="coaching_share"),
    path("coaching/comments/", views.my_comment, name="coaching_my_comment"),
    path(
        "coaching/introductions/<int:intro_id>/<str:decision>/",
        views.introduction_decide,
        name="coaching_introduction_decide",
    ),
    path("coaching/introduction-made/", views.introduction_made, name="coaching_introduction_made"),
    path("coaching/caseload/", views.caseload, name="coaching_caseload"),
    path("coaching/coachees/<int:rel_id>/", views.coachee, name="coaching_coachee"),
    path("coaching/coachees/<int:rel_id>/map/", views.coachee_map, name="coaching_map"),
    path("coaching/coachees/<int:rel_id>/map.svg", views.coachee_map_svg, name="coaching_map_svg"),
    path("coaching/coachees/<int:rel_id>/people/", views.coachee_people, name="coaching_people"),
    path(
        "coaching/coachees/<int:rel_id>/insights/", views.coachee_insights, name="coaching_insights"
    ),
    path("coaching/coachees/<int:rel_id>/plan/", views.coachee_plan, name="coaching_plan"),
    path(
        "coaching/coachees/<int:rel_id>/comments/", views.coachee_comment, name="coaching_comment"
    ),
    path("coaching/coachees/<int:rel_id>/notes/", views.coachee_notes, name="coaching_notes"),
    path(
        "coaching/coachees/<int:rel_id>/notes/<int:note_id>/delete/",
        views.coachee_note_delete,
        name="coaching_note_delete",
    ),
    path("coaching/coachees/<int:rel_id>/agenda/", views.coachee_agenda, name="coaching_agenda"),
    path("coaching/coachees/<int:rel_id>/introduce/", views.introduce, name="coaching_introduce"),
    path("coaching/cohorts/", views.cohorts, name="coaching_cohorts"),
    path("coaching/cohorts/<int:cohort_id>/", views.cohort, name="coaching_cohort"),
    path("coaching/cohorts/<int:cohort_id>/edit/", views.cohort_edit, name="coaching_cohort_edit"),
]
