from django.urls import path

from . import views

app_name = "organisations"
urlpatterns = [
    path("", views.organisation_list_view, name="list"),
    path("new/", views.organisation_create_view, name="create"),
    path("export.xlsx", views.directory_export_view, name="export"),
    path("import/", views.directory_import_view, name="import"),
    path("<int:pk>/", views.organisation_detail_view, name="detail"),
    path("<int:pk>/edit/", views.organisation_edit_view, name="edit"),
    path("<int:pk>/history/", views.organisation_history_view, name="history"),
    path("<int:pk>/names/", views.organisation_name_add_view, name="name_add"),
    path("<int:pk>/names/<int:name_pk>/remove/", views.organisation_name_remove_view,
         name="name_remove"),
    path("people/", views.person_list_view, name="people"),
    path("people/new/", views.person_create_view, name="person_create"),
    path("people/<int:pk>/", views.person_detail_view, name="person"),
    path("people/<int:pk>/edit/", views.person_edit_view, name="person_edit"),
    path("people/<int:pk>/history/", views.person_history_view, name="person_history"),
    path("users/", views.user_list_view, name="users"),
    path("users/new/", views.user_create_view, name="user_create"),
    path("users/<int:pk>/", views.user_edit_view, name="user_edit"),
    path("users/<int:pk>/history/", views.user_history_view, name="user_history"),
]
