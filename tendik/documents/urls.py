from django.urls import path

from . import views

app_name = "documents"
urlpatterns = [
    path("", views.document_list_view, name="list"),
    path("add/", views.document_add_view, name="add"),
    path("<int:pk>/", views.document_detail_view, name="detail"),
    path("<int:pk>/status/", views.document_status_view, name="status"),
    path("<int:pk>/extract/", views.document_extract_view, name="extract"),
    path("<int:pk>/file/", views.document_file_view, name="file"),
    path("facts/<int:pk>/decide/", views.fact_decide_view, name="fact_decide"),
    path("facts/<int:pk>/event/", views.fact_event_view, name="fact_event"),
]
