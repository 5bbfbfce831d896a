from django.urls import path, re_path

from . import views

app_name = "fv_statistics"
FORM = r"^(?P<kind>committee|service)/(?P<pk>[0-9]+)/(?P<month>[0-9]{4}-[0-9]{2})/"
urlpatterns = [
    path("", views.statistics_list_view, name="list"),
    re_path(FORM + "$", views.statistics_form_view, name="form"),
    re_path(FORM + "transition/$", views.statistics_transition_view, name="transition"),
]
