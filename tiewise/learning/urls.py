from django.urls import path

from . import views

urlpatterns = [
    path("learning/", views.learning, name="learning"),
    path("learning/skills/new/", views.skill_new, name="learning_skill_new"),
    path("learning/skills/<int:skill_id>/", views.skill_edit, name="learning_skill"),
    path(
        "learning/skills/<int:skill_id>/delete/", views.skill_delete, name="learning_skill_delete"
    ),
    path("learning/who-knows/", views.who_knows, name="learning_who_knows"),
    path("learning/questions/", views.questions, name="learning_questions"),
    path("learning/questions/<int:question_id>/", views.question_detail, name="learning_question"),
    path(
        "learning/questions/<int:question_id>/answers/",
        views.answer_new,
        name="learning_answer_new",
    ),
    path("learning/questions/<int:question_id>/check/", views.answer_check, name="learning_check"),
    path(
        "learning/questions/<int:question_id>/status/",
        views.question_status,
        name="learning_question_status",
    ),
    path(
        "learning/questions/<int:question_id>/delete/",
        views.question_delete,
        name="learning_question_delete",
    ),
    path("learning/resources/", views.resources, name="learning_resources"),
    path(
        "learning/resources/<int:resource_id>/delete/",
        views.resource_delete,
        name="learning_resource_delete",
    ),
    path("learning/clubs/", views.clubs, name="learning_clubs"),
    path("learning/clubs/<int:club_id>/", views.club_detail, name="learning_club"),
    path(
        "learning/clubs/<int:club_id>/members/",
        views.club_member_new,
        name="learning_club_member_new",
    ),
    path(
        "learning/clubs/<int:club_id>/articles/",
        views.club_article_new,
        name="learning_club_article_new",
    ),
    path(
        "learning/clubs/<int:club_id>/articles/<int:article_id>/",
        views.club_article,
        name="learning_club_article",
    ),
    path(
        "coaching/coachees/<int:rel_id>/learning/", views.coach_learning, name="coaching_learning"
    ),
    path(
        "coaching/coachees/<int:rel_id>/learning/skills/<int:skill_id>/comments/",
        views.coach_skill_comment,
        name="coaching_skill_comment",
    ),
]
