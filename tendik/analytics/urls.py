from django.urls import path

from . import indicator_views, territory_views, views

app_name = "analytics"

urlpatterns = [
    path("plans/<int:pk>/progress/", views.plan_progress_page, name="plan_progress"),
    path("indicators/<int:pk>/", indicator_views.indicator_page, name="indicator"),
    path("indicators/<int:pk>/download.<str:fmt>", indicator_views.indicator_download,
         name="indicator_download"),
    path("territories/", territory_views.territory_map, name="territories"),
]
