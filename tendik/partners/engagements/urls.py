from django.urls import path

from . import views

app_name = "engagements"
urlpatterns = [
    path("", views.engagement_list_view, name="list"),
    path("add/", views.engagement_add_view, name="add"),
    path("<int:pk>/", views.engagement_detail_view, name="detail"),
    path("<int:pk>/edit/", views.engagement_edit_view, name="edit"),
    path("<int:pk>/follow-ups/", views.follow_up_add_view, name="follow_up_add"),
    path("follow-ups/", views.follow_up_list_view, name="follow_ups"),
    path("follow-ups/<int:pk>/", views.follow_up_update_view, name="follow_up_update"),
]
