"""What the portal reads: the anonymous user's scope, and only plans that have published data.

`plans_visible_to(AnonymousUser())` is every plan in a public status, even one whose periods are
all unpublished: the portal narrows it to plans with at least one published period, and every
figure reads through a `Basis` of the anonymous user, so only published periods count."""

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from tendik.core.errors import DomainError
from tendik.opendata.models import StatValue
from tendik.opendata.selectors import published_countries
from tendik.plans.models import Indicator, Plan
from tendik.plans.selectors import plans_visible_to
from tendik.reporting.models import Observation, ReportingPeriod
from tendik.reporting.selectors import periods_visible_to, reports_visible_to
from tendik.territories.models import Territory

PUBLIC = AnonymousUser()


def portal_country(code: str | None) -> Territory | None:
    """The country asked for (`?country=XX`), else the first with published data; None when
    nothing is published yet. A country without published data is a 404, like any unknown one."""
    countries = published_countries()
    if not code:
        return countries.first()
    country = countries.filter(code=str(code).upper()).first()
    if country is None:
        raise DomainError(_("Страна не найдена"), code="not_found")
    return country


def published_periods(plan: Plan | None = None) -> QuerySet[ReportingPeriod]:
    periods = periods_visible_to(PUBLIC)
    return (periods.filter(plan=plan) if plan else periods).order_by("start", "end")


def public_plans(country: Territory) -> QuerySet[Plan]:
    """The country's public plans that have a published period, newest first."""
    return plans_visible_to(PUBLIC).filter(
        country=country, pk__in=published_periods().values("plan_id")).order_by(
        "-period_start", "pk")


def public_plan(pk: int) -> Plan:
    plan = plans_visible_to(PUBLIC).filter(
        pk=pk, pk__in=published_periods().values("plan_id")).select_related("country").first()
    if plan is None:
        raise DomainError(_("План не найден"), code="not_found")
    return plan


def has_public_values(indicator: Indicator) -> bool:
    """`published_indicators` for one indicator: two indexed EXISTS instead of a scan of every
    public observation (≈80 ms at national scale, on every request and every 304)."""
    reported = Observation.objects.filter(
        indicator=indicator, report__in=reports_visible_to(PUBLIC).values("pk"))
    return reported.exists() or StatValue.objects.filter(indicator=indicator).exists()


def public_indicator(pk: int) -> Indicator:
    """An indicator with a public value (reported in a published period, or imported)."""
    indicator = Indicator.objects.select_related("country").prefetch_related(
        "dimensions__values", "targets").filter(pk=pk).first()
    if indicator is None or not has_public_values(indicator):
        raise DomainError(_("Индикатор не найден"), code="not_found")
    return indicator
