from django.urls import path

from . import views

app_name = "committees"
urlpatterns = [
    path("", views.committee_list_view, name="list"),
    path("add/", views.committee_add_view, name="add"),
    path("coverage/", views.coverage_view, name="coverage"),
    path("<int:pk>/", views.committee_detail_view, name="detail"),
    path("<int:pk>/edit/", views.committee_edit_view, name="edit"),
    path("<int:pk>/members/", views.member_add_view, name="member_add"),
    path("<int:pk>/meetings/", views.meeting_add_view, name="meeting_add"),
    path("members/<int:pk>/remove/", views.member_remove_view, name="member_remove"),
    path("meetings/<int:pk>/", views.meeting_edit_view, name="meeting_edit"),
]
