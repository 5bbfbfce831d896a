from django.urls import path

from . import public_views

app_name = "fv_public"
urlpatterns = [
    path("", public_views.figures_view, name="figures"),
]
