from django.urls import path

from . import views

app_name = "commitments"
urlpatterns = [
    path("", views.commitment_list_view, name="list"),
    path("add/", views.commitment_add_view, name="add"),
    path("<int:pk>/", views.commitment_detail_view, name="detail"),
    path("<int:pk>/edit/", views.commitment_edit_view, name="edit"),
    path("<int:pk>/progress/", views.commitment_progress_view, name="progress"),
    path("<int:pk>/publish/", views.commitment_publish_view, name="publish"),
    path("evidence/<int:pk>/", views.commitment_evidence_view, name="evidence"),
]
