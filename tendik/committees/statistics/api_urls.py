"""Explicit paths, mounted at /api/v1/ before the committees and help-services routers."""

from django.urls import path

from . import api

urlpatterns = [
    path("statistics/", api.StatisticsListView.as_view(), name="statistics-list"),
    path("committees/<int:id>/statistics/<str:month>/", api.CommitteeStatisticsView.as_view(),
         name="committee-statistics"),
    path("committees/<int:id>/statistics/<str:month>/transition/",
         api.CommitteeStatisticsTransitionView.as_view(), name="committee-statistics-transition"),
    path("help-services/<int:id>/statistics/<str:month>/", api.ServiceStatisticsView.as_view(),
         name="help-service-statistics"),
    path("help-services/<int:id>/statistics/<str:month>/transition/",
         api.ServiceStatisticsTransitionView.as_view(),
         name="help-service-statistics-transition"),
]
