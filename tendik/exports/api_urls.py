from django.urls import path

from . import api

urlpatterns = [
    path("national-report/", api.NationalReportRequestView.as_view(),
         name="api-national-report"),
    path("national-reports/", api.NationalReportListView.as_view(), name="api-national-reports"),
    path("national-reports/<int:pk>/download/", api.NationalReportDownloadView.as_view(),
         name="api-national-report-download"),
]
