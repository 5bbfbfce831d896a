"""Reads of the money area: the official rates and the plans whose funding a user may read."""

from django.db.models import OuterRef, QuerySet, Subquery

from tendik.analytics.home import published_plans
from tendik.partners.models import ExchangeRate
from tendik.plans.models import Plan
from tendik.plans.selectors import plans_visible_to


def exchange_rates_visible_to(user) -> QuerySet[ExchangeRate]:
    """Official rates are public figures, but the funding pages are for signed-in users."""
    if not user.is_authenticated:
        return ExchangeRate.objects.none()
    return ExchangeRate.objects.all()


def latest_rates(user) -> QuerySet[ExchangeRate]:
    """The last rate published for each base and currency, in one query."""
    rates = exchange_rates_visible_to(user)
    last_day = rates.filter(base=OuterRef("base"), currency=OuterRef("currency")).order_by(
        "-date").values("date")[:1]
    return rates.filter(date=Subquery(last_day)).order_by("base", "currency")


def funding_plans(user) -> list[Plan]:
    """Plans to choose from: approved and in-force ones first (in force at the top), then the
    drafts the user sees, whose funding is being worked out."""
    published = published_plans(user)
    drafts = plans_visible_to(user).exclude(pk__in=[p.pk for p in published]).order_by(
        "-period_start", "-version", "pk")
    return published + list(drafts)
