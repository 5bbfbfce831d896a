from django.urls import path

from . import views

app_name = "territories"
urlpatterns = [
    path("", views.territory_list_view, name="list"),
    path("import/", views.territory_import_view, name="import"),
    path("<int:pk>/", views.territory_detail_view, name="detail"),
    path("<int:pk>/history/", views.territory_history_view, name="history"),
]
