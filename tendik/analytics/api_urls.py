from django.urls import path

from . import api, indicator_api, territory_api

urlpatterns = [
    path("plan-progress/", api.PlanProgressView.as_view(), name="api-plan-progress"),
    path("indicators/<int:pk>/", indicator_api.IndicatorFigureView.as_view(),
         name="api-indicator-figure"),
    path("activities/", api.ActivityReachView.as_view(), name="api-activity-reach"),
    path("reporting/", api.ReportingDisciplineView.as_view(), name="api-reporting-discipline"),
    path("territories/", territory_api.TerritoryFiguresView.as_view(),
         name="api-territory-figures"),
]
