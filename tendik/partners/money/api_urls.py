from django.urls import path

from . import api

# Mounted at api/v1/analytics/funding/.
urlpatterns = [path("", api.FundingView.as_view(), name="funding")]
