from django.urls import path

from . import views

urlpatterns = [
    path("plan/", views.plan, name="plan"),
    path("plan/goals/new/", views.goal_new, name="goal_new"),
    path("plan/goals/<int:goal_id>/", views.goal_detail, name="goal_detail"),
    path("plan/goals/<int:goal_id>/edit/", views.goal_edit, name="goal_edit"),
    path("plan/goals/<int:goal_id>/delete/", views.goal_delete, name="goal_delete"),
    path("plan/prospects/", views.prospect_list, name="prospect_list"),
    path("plan/prospects/new/", views.prospect_new, name="prospect_new"),
    path("plan/prospects/quick/", views.prospects_quick, name="prospects_quick"),
    path(
        "plan/actions/from-strategies/",
        views.actions_from_strategies,
        name="actions_from_strategies",
    ),
    path("plan/prospects/<int:prospect_id>/", views.prospect_detail, name="prospect_detail"),
    path("plan/prospects/<int:prospect_id>/edit/", views.prospect_edit, name="prospect_edit"),
    path("plan/prospects/<int:prospect_id>/status/", views.prospect_status, name="prospect_status"),
    path("plan/prospects/<int:prospect_id>/delete/", views.prospect_delete, name="prospect_delete"),
    path("plan/actions/", views.action_list, name="action_list"),
    path("plan/actions/new/", views.action_new, name="action_new"),
    path("plan/actions/overdue/", views.action_overdue, name="action_overdue"),
    path("plan/actions/<int:action_id>/edit/", views.action_edit, name="action_edit"),
    path("plan/actions/<int:action_id>/status/", views.action_status, name="action_status"),
    path("plan/actions/<int:action_id>/delete/", views.action_delete, name="action_delete"),
    path("plan/reflection/", views.reflection, name="reflection"),
    path("worksheet", views.worksheet, name="worksheet"),
    path("worksheet.pdf", views.worksheet_download, name="worksheet_pdf"),
]
