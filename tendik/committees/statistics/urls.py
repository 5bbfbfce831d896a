from django.urls import path  # noqa: F401

app_name = "fv_statistics"
urlpatterns: list = []
