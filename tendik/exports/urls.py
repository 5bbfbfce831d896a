from django.urls import path

from . import views

app_name = "exports"

urlpatterns = [
    path("national-report/", views.national_report_page, name="national_report"),
    path("national-report/<int:pk>/row/", views.national_report_row, name="row"),
    path("national-report/<int:pk>/download/", views.national_report_download, name="download"),
]
