from django.urls import path

from . import views

app_name = "help_services"
urlpatterns = [
    path("", views.help_service_list_view, name="list"),
    path("add/", views.help_service_add_view, name="add"),
    path("<int:pk>/", views.help_service_detail_view, name="detail"),
    path("<int:pk>/edit/", views.help_service_edit_view, name="edit"),
]
