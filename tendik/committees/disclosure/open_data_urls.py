from django.urls import path

from . import public_views

urlpatterns = [
    path("family-violence.csv", public_views.figures_csv_view, name="family_violence_csv"),
]
