from django.urls import path

from . import views

urlpatterns = [
    path("import/", views.import_page, name="import"),
    path("import/<int:batch_id>/", views.batch_review, name="import_review"),
    path("import/<int:batch_id>/decide/", views.batch_decide, name="import_decide"),
    path("import/<int:batch_id>/commit/", views.batch_commit, name="import_commit"),
    path("import/<int:batch_id>/owner/", views.batch_owner, name="import_owner"),
    path("import/<int:batch_id>/discard/", views.batch_discard, name="import_discard"),
    path("export/", views.export_page, name="export"),
    path("export/<str:fmt>/", views.export_download, name="export_download"),
]
