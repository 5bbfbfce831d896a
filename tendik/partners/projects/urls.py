from django.urls import path

from . import views

app_name = "projects"
urlpatterns = [
    path("", views.project_list_view, name="list"),
    path("add/", views.project_add_view, name="add"),
    path("<int:pk>/", views.project_detail_view, name="detail"),
    path("<int:pk>/edit/", views.project_edit_view, name="edit"),
    path("<int:pk>/transition/", views.project_transition_view, name="transition"),
    path("<int:pk>/disbursements/", views.disbursement_add_view, name="disbursement_add"),
    path("<int:pk>/disbursements/<int:disbursement>/delete/", views.disbursement_delete_view,
         name="disbursement_delete"),
]
