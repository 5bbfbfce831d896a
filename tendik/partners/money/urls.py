from django.urls import path  # noqa: F401

app_name = "funding"
urlpatterns: list = []
