from django.urls import path

from . import views

app_name = "funding"
urlpatterns = [
    path("", views.funding_view, name="plan"),
    path("rates/", views.rates_view, name="rates"),
]
