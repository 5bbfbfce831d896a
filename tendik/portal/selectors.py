"""What the portal reads: the anonymous user's scope, and only plans that have published data.

`plans_visible_to(AnonymousUser())` is every plan in a public status, even one whose periods are
all unpublished: the portal narrows it to plans with at least one published period, and every
figure reads through a `Basis` of the anonymous user, so only published periods count."""

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from tendik.core.errors import DomainError
from tendik.opendata.selectors import published_countries, published_indicators
from tendik.plans.models import Indicator, Plan
from tendik.plans.selectors import plans_visible_to
from tendik.reporting.models import ReportingPeriod
from tendik.reporting.selectors import periods_visible_to
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


def public_indicator(pk: int) -> Indicator:
    """An indicator with a public value (reported in a published period, or imported)."""
    indicator = published_indicators().prefetch_related(
        "dimensions__values", "targets").filter(pk=pk).first()
    if indicator is None:
        raise DomainError(_("Индикатор не найден"), code="not_found")
    return indicator
