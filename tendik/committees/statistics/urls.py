from django.urls import path

from . import views

app_name = "fv_statistics"
# `kind` is «committee» or «service» and `month` «YYYY-MM»; the views answer 404 to anything else.
urlpatterns = [
    path("", views.statistics_list_view, name="list"),
    path("<str:kind>/<int:pk>/<str:month>/", views.statistics_form_view, name="form"),
    path("<str:kind>/<int:pk>/<str:month>/transition/", views.statistics_transition_view,
         name="transition"),
]
