from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from tendik.core import views as core_views
from tendik.core.api import AuditEntryViewSet, JobViewSet, TokenLoginView, TokenLogoutView
from tendik.documents.api import DocumentViewSet, FactViewSet
from tendik.organisations import account_views
from tendik.organisations.api import OrganisationViewSet, PersonViewSet, UserViewSet
from tendik.plans.api import (
    CommentViewSet,
    FrameworkItemViewSet,
    IndicatorViewSet,
    MeasureViewSet,
    PlanViewSet,
    StrategyViewSet,
)
from tendik.portal import views as portal_views
from tendik.reporting.api import ActivityViewSet, EvidenceViewSet, PeriodViewSet, ReportViewSet
from tendik.system import health
from tendik.territories.api import TerritoryViewSet

router = DefaultRouter()
router.register("territories", TerritoryViewSet, basename="territory")
router.register("organisations", OrganisationViewSet, basename="organisation")
router.register("people", PersonViewSet, basename="person")
router.register("users", UserViewSet, basename="user")
router.register("audit", AuditEntryViewSet, basename="audit")
router.register("jobs", JobViewSet, basename="job")
router.register("strategies", StrategyViewSet, basename="strategy")
router.register("plans", PlanViewSet, basename="plan")
router.register("comments", CommentViewSet, basename="comment")
router.register("measures", MeasureViewSet, basename="measure")
router.register("indicators", IndicatorViewSet, basename="indicator")
router.register("frameworks", FrameworkItemViewSet, basename="framework")
router.register("periods", PeriodViewSet, basename="period")
router.register("reports", ReportViewSet, basename="report")
router.register("evidence", EvidenceViewSet, basename="evidence")
router.register("activities", ActivityViewSet, basename="activity")
router.register("documents", DocumentViewSet, basename="document")
router.register("facts", FactViewSet, basename="fact")

handler403 = "tendik.core.views.permission_denied"
handler404 = "tendik.core.views.page_not_found"

urlpatterns = [
    path("", portal_views.root, name="home"),
    path("health/live", health.live, name="health_live"),
    path("health/ready", health.ready, name="health_ready"),
    path("system/", include("tendik.system.urls")),
    path("", include("tendik.offline.urls")),
    path("portal/commitments/", include("tendik.partners.commitments.public_urls")),
    path("portal/family-violence/", include("tendik.committees.disclosure.public_urls")),
    path("help/", include("tendik.committees.directory.public_urls")),
    path("portal/", include("tendik.portal.urls")),
    path("open-data/", portal_views.open_data_view, name="open_data"),
    path("open-data/", include("tendik.committees.disclosure.open_data_urls")),
    path("open-data/", include("tendik.opendata.urls")),
    path("login/", core_views.LoginView.as_view(), name="login"),
    path("logout/", core_views.LogoutView.as_view(), name="logout"),
    path("account/two-factor/", account_views.two_factor_view, name="two_factor"),
    path("audit/", core_views.audit_search_view, name="audit"),
    path("jobs/<int:pk>/", core_views.job_detail, name="job"),
    path("i18n/setlang/", account_views.set_language_view, name="set_language"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("territories/", include("tendik.territories.urls")),
    path("organisations/", include("tendik.organisations.urls")),
    path("plans/", include("tendik.plans.urls")),
    path("reports/", include("tendik.reporting.urls")),
    path("analytics/", include("tendik.analytics.urls")),
    path("exports/", include("tendik.exports.urls")),
    path("documents/", include("tendik.documents.urls")),
    path("projects/", include("tendik.partners.projects.urls")),
    path("funding/", include("tendik.partners.money.urls")),
    path("engagements/", include("tendik.partners.engagements.urls")),
    path("commitments/", include("tendik.partners.commitments.urls")),
    path("committees/statistics/", include("tendik.committees.statistics.urls")),
    path("committees/", include("tendik.committees.network.urls")),
    path("help-services/", include("tendik.committees.directory.urls")),
    path("api/v1/auth/token/", TokenLoginView.as_view(), name="api-token"),
    path("api/v1/auth/logout/", TokenLogoutView.as_view(), name="api-logout"),
    path("api/v1/analytics/funding/", include("tendik.partners.money.api_urls")),
    path("api/v1/analytics/", include("tendik.analytics.api_urls")),
    path("api/v1/exports/", include("tendik.exports.api_urls")),
    path("api/v1/", include("tendik.partners.projects.api_urls")),
    path("api/v1/", include("tendik.partners.engagements.api_urls")),
    path("api/v1/", include("tendik.partners.commitments.api_urls")),
    path("api/v1/", include("tendik.committees.statistics.api_urls")),
    path("api/v1/", include("tendik.committees.network.api_urls")),
    path("api/v1/", include("tendik.committees.directory.api_urls")),
    path("api/v1/", include(router.urls)),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="swagger-ui"),
]
