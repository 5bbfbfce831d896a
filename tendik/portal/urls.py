from django.urls import path

from . import views

app_name = "portal"
urlpatterns = [
    path("", views.portal_home, name="home"),
    path("plans/<int:pk>/", views.plan_view, name="plan"),
    path("indicators/<int:pk>/", views.indicator_view, name="indicator"),
    path("open-data/", views.open_data_view, name="open_data"),
    path("language/", views.language_view, name="language"),
]
